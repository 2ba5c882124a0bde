/**
 * A settlement's explanation as data, for auditors' own tools (`yibao explain --json`): every step
 * with its kind, its values (amounts as yuan strings, ratios as percent strings), the parameters it
 * read with the value in force on the claim's version day, and the clauses it applies with the
 * document number, section and quoted words. The words of each step, as the CLI and the pane show
 * them, come along in both languages (rendered by src/trace.ts from the same data).
 */
import { parseDay } from "../dates";
import { SOURCE_DOCS, type Ref } from "../docs";
import { formatYuan } from "../money";
import { PolicyError } from "../problem";
import type { Text } from "../text";
import { phrase, valuesJson, type StepValueJson, type TraceStep } from "../trace";
import { amountsOf, incompleteJson, type Engine, type SettlementResult } from "./settle";

export const EXPLAIN_FORMAT = "yibao.trace.v1";

export interface RefJson {
  doc: string;
  number: string;
  section: string;
  excerpt: string;
  /** An OCR slip of the seed corrected in the excerpt ("白付 → 自付"), so a tool can find the excerpt in the seed text. */
  slip?: string;
}

export interface ParamJson {
  id: string;
  label: Text;
  unit: string;
  /** The value in force on the version day, as the parameter tables hold it (ratios in basis points). */
  value: unknown;
  from: string;
  override?: string;
}

export interface StepJson {
  n: number;
  key: string;
  kind: string;
  heading: string;
  amount: string | null;
  values: Record<string, StepValueJson>;
  params: ParamJson[];
  refs: RefJson[];
  text: { zh: { title: string; detail: string }; en: { title: string; detail: string } };
}

export interface ExplainJson {
  format: typeof EXPLAIN_FORMAT;
  id: string;
  ok: boolean;
  rule: Text | null;
  versionDate: string | null;
  amounts: Record<string, string | null>;
  problem?: { code: string; field: string | null; message: Text };
  incomplete?: { zh: ReturnType<typeof incompleteJson>; en: ReturnType<typeof incompleteJson> };
  steps: StepJson[];
}

export const refJson = (r: Ref): RefJson => ({ doc: r.doc, number: SOURCE_DOCS[r.doc].number, section: r.section, excerpt: r.excerpt, ...(r.slip ? { slip: r.slip } : {}) });

function paramJson(engine: Engine, id: string, day: number | null): ParamJson | { id: string } {
  if (day === null || !engine.registry.has(id)) return { id };
  try {
    const v = engine.registry.version(id, day);
    const p = engine.registry.param(id);
    return { id, label: p.label, unit: p.unit, value: v.value, from: v.fromText, ...(v.override ? { override: v.override.scenario } : {}) };
  } catch (e) {
    // the parameter a not-computable layer needs (POLICY §12): named, with no value on that day
    if (e instanceof PolicyError) return { id };
    throw e;
  }
}

function stepJson(engine: Engine, s: TraceStep, n: number, day: number | null): StepJson {
  const text = (lang: "zh" | "en") => ({ title: phrase(s.heading, s.values, lang), detail: phrase(s.kind, s.values, lang) });
  return {
    n,
    key: s.key,
    kind: s.kind,
    heading: s.heading,
    amount: s.amount === undefined ? null : formatYuan(s.amount),
    values: valuesJson(s.values),
    params: s.params.map((id) => paramJson(engine, id, day) as ParamJson),
    refs: s.refs.map(refJson),
    text: { zh: text("zh"), en: text("en") },
  };
}

export function explainJson(engine: Engine, r: SettlementResult): ExplainJson {
  const day = r.versionDate ? parseDay(r.versionDate) : null;
  const out: ExplainJson = {
    format: EXPLAIN_FORMAT,
    id: r.id,
    ok: r.ok,
    rule: r.rule ?? null,
    versionDate: r.versionDate ?? null,
    amounts: amountsOf(r),
    steps: r.trace.map((s, k) => stepJson(engine, s, k + 1, day)),
  };
  if (r.problem) out.problem = { code: r.problem.code, field: r.problem.field ?? null, message: r.problem.message };
  if (r.incomplete) out.incomplete = { zh: incompleteJson(r, "zh"), en: incompleteJson(r, "en") };
  return out;
}
