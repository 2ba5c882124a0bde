/**
 * The explanation an auditor reads line by line: an ordered list of steps, each recorded by a kernel
 * as data (its kind, the amounts in fen and the ratios in basis points it used, the parameters it
 * read, the clauses it applies) and never as a sentence. This module is the one renderer: it turns
 * the steps into Chinese or English through the message catalogs (src/messages, one key per step
 * kind, placeholders for the values), for the CLI, the EXPLAIN function and the task pane alike; and
 * into plain data for `yibao explain --json`.
 */
import { citeText, type Ref } from "./docs";
import { formatPercent, formatYuan, type Bp, type Fen } from "./money";
import { CATALOGS, fill, type MessageKey } from "./messages";
import type { Lang, Text } from "./text";

/**
 * A value a step records, tagged with what it is, so that the renderer formats it and the JSON
 * export can give it to other tools as what it is:
 * - `fen`: an amount (shown in yuan with two decimals), `bp`: a ratio in basis points (88%);
 * - `percent`: a percentage that is not whole basis points (51.2%, a geometric threshold factor),
 *   `yuan`: an amount in fen that is not a whole fen (the point where an annual cap is reached);
 * - `n`: a count, `code`: data shown as written (a level code, a parameter id, a day);
 * - `text`: words that come in both languages from data (a condition's name, a problem's message);
 * - `msg`: a phrase of the catalog with its own values, `list`: values joined by a catalog separator
 *   (or written one after the other);
 * - `null`: nothing (an optional phrase left out).
 */
export type StepValue =
  | { fen: Fen }
  | { bp: Bp }
  | { percent: number }
  | { yuan: number }
  | { n: number }
  | { code: string }
  | { text: Text }
  | { msg: MessageKey; values?: StepValues }
  | { list: readonly StepValue[]; sep: MessageKey | null }
  | null;
export type StepValues = Readonly<Record<string, StepValue>>;

/** What a kernel records for one step. */
export interface StepData {
  /** The step's kind as code names it (policyScope, threshold, bands, cap, largeAmount, …). */
  key: string;
  /** The catalog key of its title and of its computation line; both are filled from `values`. */
  heading: MessageKey;
  kind: MessageKey;
  values: StepValues;
  /** The step's amount, when it has one. */
  amount?: Fen;
  refs: readonly Ref[];
  /** Ids of the parameters the step read. */
  params: readonly string[];
}

/** A recorded step; `title` and `detail` are its words, rendered from the data on demand. */
export class TraceStep implements StepData {
  readonly key: string;
  readonly heading: MessageKey;
  readonly kind: MessageKey;
  readonly values: StepValues;
  readonly amount?: Fen;
  readonly refs: readonly Ref[];
  readonly params: readonly string[];
  constructor(d: StepData) {
    this.key = d.key;
    this.heading = d.heading;
    this.kind = d.kind;
    this.values = d.values;
    if (d.amount !== undefined) this.amount = d.amount;
    this.refs = d.refs;
    this.params = d.params;
  }
  get title(): Text {
    return { zh: phrase(this.heading, this.values, "zh"), en: phrase(this.heading, this.values, "en") };
  }
  get detail(): Text {
    return { zh: phrase(this.kind, this.values, "zh"), en: phrase(this.kind, this.values, "en") };
  }
}

/** Record a step (kernels call this only when a trace is kept). */
export const step = (d: StepData): TraceStep => new TraceStep(d);

/** Trace sink: null in batch runs, so no step object is ever built there. */
export type Trace = TraceStep[] | null;

/** Shorthands for the values kernels record. */
export const fen = (x: Fen): StepValue => ({ fen: x });
export const bp = (x: Bp): StepValue => ({ bp: x });
export const code = (x: string): StepValue => ({ code: x });
export const count = (x: number): StepValue => ({ n: x });
export const words = (x: Text): StepValue => ({ text: x });
export const part = (key: MessageKey, values?: StepValues): StepValue => (values ? { msg: key, values } : { msg: key });
export const list = (items: readonly StepValue[], sep: MessageKey | null = "common.listSeparator"): StepValue => ({ list: items, sep });

/** A percentage with at most two decimals (51.2%), for factors that are not whole basis points. */
function percentText(p: number): string {
  return `${p.toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** A value in words, in one language. */
export function valueText(v: StepValue, lang: Lang): string {
  if (v === null) return "";
  if ("fen" in v) return formatYuan(v.fen);
  if ("bp" in v) return formatPercent(v.bp);
  if ("percent" in v) return percentText(v.percent);
  if ("yuan" in v) return (v.yuan / 100).toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  if ("n" in v) return String(v.n);
  if ("code" in v) return v.code;
  if ("text" in v) return v.text[lang];
  if ("msg" in v) return phrase(v.msg, v.values ?? {}, lang);
  return v.list.map((x) => valueText(x, lang)).join(v.sep ? CATALOGS[lang][v.sep] : "");
}

/** A catalog message filled with a step's values, in one language. */
export function phrase(key: MessageKey, values: StepValues, lang: Lang): string {
  const strings: Record<string, string> = {};
  for (const k in values) strings[k] = valueText(values[k]!, lang);
  return fill(CATALOGS[lang][key], lang, strings, key);
}

export function renderStep(s: TraceStep, lang: Lang, n: number): string[] {
  const title = phrase(s.heading, s.values, lang);
  const lines = [s.amount !== undefined ? phrase("steps.render.titleAmount", { n: count(n), title: code(title), amount: fen(s.amount) }, lang) : phrase("steps.render.title", { n: count(n), title: code(title) }, lang)];
  const detail = phrase(s.kind, s.values, lang);
  if (detail) lines.push(`   ${detail}`);
  for (const r of s.refs) {
    const quote = r.excerpt.length > 90 ? r.excerpt.slice(0, 88) + "…" : r.excerpt;
    lines.push(`   ${phrase("steps.render.source", { cite: code(citeText(r)), quote: code(quote) }, lang)}`);
  }
  return lines;
}

export function renderTrace(steps: readonly TraceStep[], lang: Lang): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => out.push(...renderStep(s, lang, i + 1)));
  return out;
}

/** A value as data for other tools: amounts as yuan strings, ratios as percent strings, phrases as their key and values. */
export type StepValueJson = string | number | null | { zh: string; en: string } | { phrase: string; values: Record<string, StepValueJson> } | StepValueJson[];

export function valueJson(v: StepValue): StepValueJson {
  if (v === null) return null;
  if ("fen" in v) return formatYuan(v.fen);
  if ("bp" in v) return formatPercent(v.bp);
  if ("percent" in v) return percentText(v.percent);
  if ("yuan" in v) return valueText(v, "en");
  if ("n" in v) return v.n;
  if ("code" in v) return v.code;
  if ("text" in v) return { zh: v.text.zh, en: v.text.en };
  if ("msg" in v) return { phrase: v.msg, values: valuesJson(v.values ?? {}) };
  return v.list.map(valueJson);
}

export function valuesJson(values: StepValues): Record<string, StepValueJson> {
  const out: Record<string, StepValueJson> = {};
  for (const k in values) out[k] = valueJson(values[k]!);
  return out;
}
