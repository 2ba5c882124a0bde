/**
 * The explanation an auditor reads line by line: an ordered list of steps, each with what was
 * computed (the numbers written into the formula), the rule applied and its citation. Rendered as
 * Chinese or English text; the same steps drive the task pane's explainer.
 */
import { citeText, SOURCE_DOCS, type Ref } from "./docs";
import { formatPercent, formatYuan, type Bp, type Fen } from "./money";
import type { Lang, Text } from "./text";

export interface TraceStep {
  key: string;
  title: Text;
  /** The computation with its numbers, e.g. "min(12000.00, 10000.00) − 1120.00 = 8880.00 × 88%". */
  detail: Text;
  /** The step's amount, when it has one. */
  amount?: Fen;
  refs: Ref[];
  /** Ids of the parameters the step read. */
  params: string[];
}

/** Trace sink: null in batch runs, so no step object is ever built there. */
export type Trace = TraceStep[] | null;

export const y = formatYuan;
export const pct = (bp: Bp) => formatPercent(bp);

export function renderStep(s: TraceStep, lang: Lang, n: number): string[] {
  const lines = [`${n}. ${s.title[lang]}${s.amount !== undefined ? (lang === "zh" ? "：" : ": ") + formatYuan(s.amount) : ""}`];
  if (s.detail[lang]) lines.push(`   ${s.detail[lang]}`);
  for (const r of s.refs) {
    const quote = r.excerpt.length > 90 ? r.excerpt.slice(0, 88) + "…" : r.excerpt;
    lines.push(lang === "zh" ? `   依据：${citeText(r)}「${quote}」` : `   Source: ${SOURCE_DOCS[r.doc].number} ${r.section} "${quote}"`);
  }
  return lines;
}

export function renderTrace(steps: readonly TraceStep[], lang: Lang): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => out.push(...renderStep(s, lang, i + 1)));
  return out;
}
