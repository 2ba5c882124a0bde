/**
 * The findings checker under an emergency condition: paste a patient's findings as the record gives
 * them (血压 75/40，乳酸 3.5 mmol/L) and see what IS_EMERGENCY answers and why — each comparison of
 * the key criterion with the value it used, how each item was read, the items ignored and the items
 * refused, each with its reason. Nothing is written anywhere.
 */
import { Field, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { findingName, FINDINGS, leafText, YISHANG_READING, type Answer, type Condition, type LeafResult } from "../../../src/catalogs/emergency";
import { joinList, joinTexts, type MessageKey } from "../../../src/messages";
import type { Lang } from "../../../src/text";
import { Banner, type BannerIntent } from "../../components/Banner";
import { useT } from "../../i18n";
import type { FindingsCheck } from "./findingsCheck";
import { useCatalogStyles } from "./styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  leaves: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  leaf: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: "0 8px", overflowWrap: "anywhere" },
  observed: { color: tokens.colorNeutralForeground2 },
  met: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  notMet: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  unknown: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: "18px", overflowWrap: "anywhere" },
});

const RESULT: Record<Answer, MessageKey> = { met: "pane.catalog.check.leafMet", not_met: "pane.catalog.check.leafNotMet", unknown: "pane.catalog.check.leafUnknown" };

/** What a leaf compared: 75 mmHg, 是, 心室颤动 … */
function observedText(l: LeafResult, lang: Lang, say: ReturnType<typeof useT>["s"]): string {
  if (l.observed === undefined) return say("pane.catalog.check.notGiven");
  const f = FINDINGS[l.finding]!;
  if (f.type === "boolean") return say(l.observed === "true" ? "findings.yes" : "findings.no");
  if (f.type === "choice") return joinList(lang, l.observed.split("/").map((id) => f.choices?.[id]?.[lang] ?? id));
  return f.unit ? `${l.observed} ${f.unit}` : l.observed;
}

export function FindingsChecker(props: { condition: Condition; text: string; onText: (text: string) => void; check: FindingsCheck | null }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { lang, s: say, t } = useT();
  const check = props.check;
  const name = props.condition.name[lang];
  let banner: { intent: BannerIntent; title: string; lines: string[] } | null = null;
  if (check) {
    const p = check.parsed;
    const lines: string[] = [];
    if (check.refused) lines.push(...p.problems.map((x) => t(x.message)));
    if (p.ignored.length) lines.push(say("pane.catalog.check.ignored", { items: joinTexts(p.ignored.map((x) => x.message)) }));
    if (check.otherReading) lines.push(say("pane.catalog.check.otherReading", { reading: YISHANG_READING.choices[check.otherReading.reading], result: say(RESULT[check.otherReading.result]) }));
    if (check.alsoMet.length) lines.push(say("pane.catalog.check.alsoMet", { names: joinList(lang, check.alsoMet.map((x) => x.name[lang])) }));
    const e = check.evaluation;
    if (check.refused) banner = { intent: "error", title: say("pane.catalog.check.refused", { n: p.problems.length }), lines };
    else if (e?.result === "met") banner = { intent: "success", title: say("pane.catalog.check.met", { name }), lines };
    else if (e?.result === "not_met") banner = { intent: "warning", title: say("pane.catalog.check.notMet", { name }), lines };
    else if (e) banner = { intent: "warning", title: say("pane.catalog.check.unknown", { findings: joinList(lang, e.missing.map((m) => findingName(m, lang))) }), lines };
  }
  return (
    <div className={s.root} data-testid="findings-checker">
      <Field label={say("pane.catalog.check.label")} hint={say("pane.catalog.check.hint")}>
        <Textarea value={props.text} onChange={(_, d) => props.onText(d.value)} resize="vertical" data-testid="findings-input" aria-label={say("pane.catalog.check.inputLabel", { name })} />
      </Field>
      {banner && <Banner intent={banner.intent} title={banner.title} lines={banner.lines} testId="findings-answer" />}
      {check && !check.refused && check.evaluation && (
        <ul className={s.leaves} aria-label={say("pane.catalog.check.leaves")} data-testid="findings-leaves">
          {check.evaluation.leaves.map((l, i) => (
            <li key={i} className={s.leaf}>
              <span>{leafText(l, lang)}</span>
              <span className={s.observed}>{l.observed === undefined ? say("pane.catalog.check.notGiven") : say("pane.catalog.check.observed", { value: observedText(l, lang, say) })}</span>
              <span className={l.result === "met" ? s.met : l.result === "not_met" ? s.notMet : s.unknown}>{say(RESULT[l.result])}</span>
            </li>
          ))}
        </ul>
      )}
      {check && check.parsed.readings.length > 0 && <span className={c.note}>{say("pane.catalog.check.readings", { items: joinTexts(check.parsed.readings.map((r) => r.text)) })}</span>}
    </div>
  );
}
