/**
 * The one banner that says how a step ended: what happened, why, and what to do next. Green only
 * when everything asked for was done; an error when nothing was, a warning when only part was.
 * Failures come as catalog messages or as the core's { zh, en } texts, never as a library's raw
 * message or a stack trace (errorText below turns any thrown value into words).
 */
import type { ReactNode } from "react";
import { makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { joinTexts, msg } from "../../src/messages";
import type { Text as Words } from "../../src/text";

export type BannerIntent = "success" | "warning" | "error" | "info";

const useStyles = makeStyles({
  body: { overflowWrap: "anywhere", minWidth: 0 },
  lines: { display: "flex", flexDirection: "column", gap: "2px", marginTop: "2px" },
  bar: { minWidth: 0, maxWidth: "100%" },
});

export function Banner(props: { intent: BannerIntent; title: string; lines?: readonly string[]; actions?: ReactNode; testId?: string }) {
  const s = useStyles();
  return (
    <MessageBar intent={props.intent} layout="multiline" className={s.bar} data-testid={props.testId ?? "banner"} data-intent={props.intent} role={props.intent === "error" ? "alert" : "status"}>
      <MessageBarBody className={s.body}>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.lines && props.lines.length > 0 && (
          <span className={s.lines}>
            {props.lines.map((l, i) => (
              <Text key={i} size={200} block>
                {l}
              </Text>
            ))}
          </span>
        )}
      </MessageBarBody>
      {props.actions && <MessageBarActions>{props.actions}</MessageBarActions>}
    </MessageBar>
  );
}

const isWords = (v: unknown): v is Words => typeof v === "object" && v !== null && typeof (v as Words).zh === "string" && typeof (v as Words).en === "string";

/**
 * What a thrown value says, in both languages: a { zh, en } itself, or carried as `text`,
 * `message`, `problem.message` or a list of `problems` (the reader's structured error, a core
 * Problem, a PolicyError); otherwise the pane's own "could not be done" with no library words.
 */
export function errorText(e: unknown, fallback: Words = msg("pane.error.unexpected")): Words {
  if (isWords(e)) return e;
  if (typeof e === "object" && e !== null) {
    const o = e as Record<string, unknown>;
    for (const k of ["text", "message", "words"]) if (isWords(o[k])) return o[k] as Words;
    const p = o["problem"] as Record<string, unknown> | undefined;
    if (p && isWords(p["message"])) return p["message"] as Words;
    const list = o["problems"];
    if (Array.isArray(list)) {
      const texts = list.map((x) => (isWords(x) ? x : x && typeof x === "object" && isWords((x as Record<string, unknown>)["message"]) ? ((x as Record<string, unknown>)["message"] as Words) : null)).filter((x): x is Words => x !== null);
      if (texts.length) return joinTexts(texts);
    }
    if ((o as { name?: unknown }).name === "AbortError") return msg("pane.error.cancelled");
  }
  // a library's own words (JSZip, ExcelJS, Office.js) are not shown; the console keeps them for a developer
  if (typeof console !== "undefined") console.warn(e);
  return fallback;
}
