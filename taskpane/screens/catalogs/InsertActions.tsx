/**
 * Putting an entry into the sheet: its row of cells or its formula, at the Excel selection (asking
 * before anything is overwritten; the formula in the form this Excel reads, taskpane/workbook/
 * excel.ts), or outside Excel on the clipboard, with the text to copy by hand when there is none.
 * Every ending is said in a banner, in the pane's language.
 */
import { useEffect, useId, useState } from "react";
import { Button, makeStyles, Textarea } from "@fluentui/react-components";
import { msg } from "../../../src/messages";
import type { Text as Words } from "../../../src/text";
import { Banner, errorText, type BannerIntent } from "../../components/Banner";
import { useT } from "../../i18n";
import type { Workbook } from "../../workbook/types";
import { rowText, type Cell } from "./entry";
import { useCatalogStyles } from "./styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px" },
  manual: { width: "100%" },
});

type What = "row" | "formula";
type Status = { intent: BannerIntent; title: Words; lines?: Words[]; manual?: string } | null;

/** Why Excel refused a write, in words (Office.js error codes; our own messages carried as `text`). */
export function writeFailure(e: unknown): { title: Words; lines: Words[] } {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  if (code === "InvalidOperationInCellEditMode") return { title: msg("pane.catalog.write.failed"), lines: [msg("pane.catalog.write.cellEdit")] };
  if (code === "AccessDenied") return { title: msg("pane.catalog.write.failed"), lines: [msg("pane.catalog.write.protected")] };
  const own = errorText(e, msg("pane.catalog.write.failed"));
  if (own.zh === msg("pane.catalog.write.failed").zh) return { title: own, lines: [msg("pane.catalog.write.what")] };
  return { title: own, lines: [] };
}

export function InsertActions(props: { wb: Workbook | null; row: Cell[]; formula: string | null; formulaBlocked?: Words; resetKey: string }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { s: say, t } = useT();
  const inExcel = props.wb?.mode === "excel";
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState<{ values: Cell[][]; address: string; what: What } | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  // another entry, or other findings: the last answer no longer applies
  useEffect(() => {
    setStatus(null);
    setPending(null);
  }, [props.resetKey]);

  const write = async (what: What, values: Cell[][], overwrite: boolean) => {
    if (!props.wb) return;
    setBusy(true);
    setStatus(null);
    try {
      const r = await props.wb.insertAtSelection(values, overwrite);
      if ("occupied" in r) setPending({ values, address: r.occupied, what });
      else {
        setPending(null);
        setStatus({ intent: "success", title: msg(what === "row" ? "pane.catalog.insert.rowWritten" : "pane.catalog.insert.formulaWritten", { address: r.written }) });
      }
    } catch (e) {
      setPending(null);
      setStatus({ intent: "error", ...writeFailure(e) });
    } finally {
      setBusy(false);
    }
  };

  const copy = async (what: What, text: string) => {
    const manual = { intent: "warning" as const, title: msg("pane.catalog.copy.manual"), manual: text };
    const clip = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
    if (!clip || typeof clip.writeText !== "function") return setStatus(manual);
    try {
      await clip.writeText(text);
      setStatus({ intent: "success", title: msg(what === "row" ? "pane.catalog.copy.row" : "pane.catalog.copy.formula") });
    } catch {
      setStatus(manual);
    }
  };

  const act = (what: What) => {
    const values: Cell[][] = what === "row" ? [props.row] : [[props.formula ?? ""]];
    if (what === "formula" && props.formula === null) return;
    if (inExcel) void write(what, values, false);
    else void copy(what, what === "row" ? rowText(props.row) : props.formula!);
  };

  return (
    <div className={s.root}>
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => act("row")} aria-describedby={hintId}>
          {say(inExcel ? "pane.catalog.insert.row" : "pane.catalog.copy.rowButton")}
        </Button>
        <Button disabled={busy || props.formula === null} onClick={() => act("formula")} aria-describedby={hintId}>
          {say(inExcel ? "pane.catalog.insert.formula" : "pane.catalog.copy.formulaButton")}
        </Button>
      </div>
      <span id={hintId} className={c.note}>
        {say(inExcel ? "pane.catalog.insert.hint" : "pane.catalog.copy.hint")}
      </span>
      {props.formula === null && props.formulaBlocked && <span className={c.note}>{t(props.formulaBlocked)}</span>}
      {pending && (
        <Banner
          intent="warning"
          title={say("pane.catalog.insert.occupied", { address: pending.address })}
          testId="insert-ask"
          actions={
            <>
              <Button size="small" appearance="primary" disabled={busy} onClick={() => void write(pending.what, pending.values, true)}>
                {say("pane.catalog.insert.overwrite")}
              </Button>
              <Button
                size="small"
                disabled={busy}
                onClick={() => {
                  setPending(null);
                  setStatus({ intent: "info", title: msg("pane.catalog.insert.cancelled") });
                }}
              >
                {say("pane.catalog.insert.cancel")}
              </Button>
            </>
          }
        />
      )}
      {status && <Banner intent={status.intent} title={t(status.title)} lines={status.lines?.map(t)} testId="insert-status" />}
      {status?.manual !== undefined && <Textarea className={s.manual} readOnly value={status.manual} aria-label={say("pane.catalog.copy.textLabel")} onFocus={(ev) => ev.currentTarget.select()} />}
    </div>
  );
}
