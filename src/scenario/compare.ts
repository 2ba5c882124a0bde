/**
 * What a reform costs: the same batch settled under the baseline parameters and under a scenario
 * (the baseline with the analyst's overrides), totalled by scheme, person type, cross-region
 * category, hospital level or care type. The batch is validated and laid out in columns once; each
 * re-run after moving a ratio is one pass of the batch engine into reused result columns, so moving a
 * ratio on 100 000 claims re-runs in tens of milliseconds (see bench/). Each person's later claims
 * of a year are then re-settled in order (year.ts), and an optional weight column grosses a sample up
 * to the population it stands for (weights.ts): weighted sums are exact (BigInt), rounded once.
 */
import { blankRow, rowValidator, type ValidateOptions } from "../claim/validate";
import type { Claim } from "../claim/claim";
import { allocResults, fromClaims, LAYERS, NONE, type ClaimColumns, type ResultColumns } from "../engine/columns";
import type { Engine } from "../engine/settle";
import { fenToNumber, type Fen } from "../money";
import type { Text } from "../text";
import { msg, say, type MessageKey } from "../messages";
import { careTypeEnum, crossRegionEnum, hospitalLevelEnum, insuredPlaceEnum, personTypeEnum, schemeEnum, type EnumDef } from "../claim/enums";
import { linkYears, settleYears, type YearLinks, type YearRun } from "./year";
import { weightedSum, type Weights } from "./weights";

/** A batch ready to settle many times: its valid claims in columns, and how many rows were not claims. */
export interface PreparedBatch {
  cols: ClaimColumns;
  /** For each claim, its row in the source table (0-based, after the header). */
  sourceRow: Int32Array;
  /** Rows the validator rejected (they count in neither total). */
  invalid: number;
  /** Each person's claims of a year, linked for re-settling in order. */
  links: YearLinks;
}

export function prepareBatch(header: readonly unknown[], rows: readonly (readonly unknown[])[], mapping: Readonly<Record<string, string | null>> = {}, rowLabel: (i: number) => string = (i) => `row ${i + 2}`, opts: ValidateOptions = {}): PreparedBatch {
  const steps = preparingBatch(header, rows, mapping, rowLabel, 5_000, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * prepareBatch in steps: yields the rows validated so far every `chunk` rows, then returns the batch.
 * A host that must stay responsive (the Model screen's first run: the row validator takes a second or
 * more on 100 000 rows) gives its event loop back at each yield, so a cancel is heard within a chunk.
 */
export function* preparingBatch(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  mapping: Readonly<Record<string, string | null>> = {},
  rowLabel: (i: number) => string = (i) => `row ${i + 2}`,
  chunk = 5_000,
  /** dateSystem: the workbook's, when the rows are a sheet's (validate.ts ValidateOptions). */
  opts: ValidateOptions = {},
): Generator<number, PreparedBatch, void> {
  const validate = rowValidator(header, mapping, opts);
  const claims: Claim[] = [];
  const source: number[] = [];
  let invalid = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % chunk === 0) yield i;
    const r = rows[i]!;
    if (blankRow(r)) continue;
    const v = validate(r, rowLabel(i));
    if (v.ok) {
      claims.push(v.claim);
      source.push(i);
    } else invalid++;
  }
  return prepareClaims(claims, source, invalid);
}

/** Validated claims as a prepared batch (source rows default to their order). */
export function prepareClaims(claims: readonly Claim[], sourceRow: readonly number[] = claims.map((_, i) => i), invalid = 0): PreparedBatch {
  return { cols: fromClaims(claims), sourceRow: Int32Array.from(sourceRow), invalid, links: linkYears(claims) };
}

/** Settle a prepared batch, reusing `out` when given (no allocation on a re-run): every claim with its year-to-date figures as given (the baseline, as the CLI and the audit settle it). */
export function settleBatch(engine: Engine, b: PreparedBatch, out?: ResultColumns): ResultColumns {
  const res = out && out.n === b.cols.n ? out : allocResults(b.cols.n);
  engine.settleInto(b.cols, res, 0, b.cols.n, undefined, !out);
  return res;
}

/**
 * Settle the batch under a scenario: every claim, then each person's later claims of the year again
 * in order, their year-to-date figures carried from what the earlier claims pay under the scenario
 * (year.ts). With the baseline's engine this is exactly settleBatch.
 */
export function settleScenario(engine: Engine, b: PreparedBatch, base: ResultColumns, out?: ResultColumns): { res: ResultColumns; year: YearRun } {
  const res = settleBatch(engine, b, out);
  return { res, year: settleYears(engine, b.cols, b.links, base, res) };
}

export const DIMENSIONS = ["scheme", "personType", "crossRegion", "hospitalLevel", "careType", "insuredPlace"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIM_ENUM: Record<Dimension, EnumDef<string>> = {
  scheme: schemeEnum,
  personType: personTypeEnum,
  crossRegion: crossRegionEnum,
  hospitalLevel: hospitalLevelEnum,
  careType: careTypeEnum,
  insuredPlace: insuredPlaceEnum,
};

export const DIMENSION_LABELS: Record<Dimension, Text> = {
  scheme: msg("pane.dim.scheme"),
  personType: msg("pane.dim.personType"),
  crossRegion: msg("pane.dim.crossRegion"),
  hospitalLevel: msg("pane.dim.hospitalLevel"),
  careType: msg("pane.dim.careType"),
  insuredPlace: msg("pane.dim.insuredPlace"),
};

export interface Totals {
  /** Claims settled (under this parameter set). */
  n: number;
  /** Σ weights of the claims (settled or not): the claims the sample stands for; n + failed unweighted. */
  weight: number;
  /** Σ every fund layer, Σ the personal in-policy share (fen). */
  fund: Fen;
  personal: Fen;
  byLayer: Record<(typeof LAYERS)[number], Fen>;
  /** Claims that no rule settles under this set (e.g. a parameter the scenario left missing). */
  failed: number;
}

export interface GroupRow {
  key: string;
  label: Text;
  baseline: Totals;
  scenario: Totals;
}

export interface Comparison {
  dimension: Dimension;
  groups: GroupRow[];
  total: GroupRow;
  /** Totals grossed up by a weight column. */
  weighted: boolean;
}

function emptyTotals(): Totals {
  return { n: 0, weight: 0, fund: 0, personal: 0, failed: 0, byLayer: Object.fromEntries(LAYERS.map((l) => [l, 0])) as Totals["byLayer"] };
}

/** Per-group sums of one result set, in flat arrays indexed by group code (one pass, no objects per claim). */
function sums(col: Uint8Array, r: ResultColumns): { n: Float64Array; failed: Float64Array; personal: Float64Array; layers: Float64Array[] } {
  const n = new Float64Array(256);
  const failed = new Float64Array(256);
  const personal = new Float64Array(256);
  const layers = LAYERS.map(() => new Float64Array(256));
  const cols = LAYERS.map((l) => r[l]);
  const problems = r.problems;
  for (let i = 0; i < col.length; i++) {
    const k = col[i]!;
    // a claim settled in part (POLICY §12) has no fund total: counted as not computable
    if (problems[i] || r.incomplete[i]) {
      failed[k]!++;
      continue;
    }
    n[k]!++;
    personal[k]! += r.personal[i]!;
    for (let l = 0; l < cols.length; l++) layers[l]![k]! += cols[l]![i]!;
  }
  return { n, failed, personal, layers };
}

function totalsAt(s: ReturnType<typeof sums>, k: number): Totals {
  const t = emptyTotals();
  t.n = s.n[k]!;
  t.weight = s.n[k]! + s.failed[k]!;
  t.failed = s.failed[k]!;
  t.personal = s.personal[k]!;
  LAYERS.forEach((l, j) => {
    t.byLayer[l] = s.layers[j]![k]!;
    t.fund += s.layers[j]![k]!;
  });
  return t;
}

function plus(a: Totals, b: Totals): Totals {
  const t = emptyTotals();
  t.n = a.n + b.n;
  t.weight = a.weight + b.weight;
  t.failed = a.failed + b.failed;
  t.personal = a.personal + b.personal;
  t.fund = a.fund + b.fund;
  for (const l of LAYERS) t.byLayer[l] = a.byLayer[l] + b.byLayer[l];
  return t;
}

/** Weighted totals of one result set per group code: Σ weight × amount exactly, rounded half-up once per total. */
function weightedTotals(col: Uint8Array, r: ResultColumns, w: Weights): Map<number, Totals> {
  const out = new Map<number, Totals>();
  const codes = [...new Set(col)];
  for (const k of codes) {
    const t = emptyTotals();
    const pick = (i: number) => col[i] === k;
    const ok = (i: number) => pick(i) && !r.problems[i];
    t.n = 0;
    t.failed = 0;
    for (let i = 0; i < col.length; i++) if (pick(i)) r.problems[i] ? t.failed++ : t.n++;
    t.weight = weightedSum(w, (i) => (pick(i) ? 1 : 0), true);
    t.personal = weightedSum(w, (i) => (ok(i) ? r.personal[i]! : 0));
    LAYERS.forEach((l) => {
      t.byLayer[l] = weightedSum(w, (i) => (ok(i) ? r[l][i]! : 0));
      t.fund += t.byLayer[l];
    });
    out.set(k, t);
  }
  return out;
}

/** What a group code means in words. */
export function groupLabel(dimension: Dimension, k: number): { key: string; label: Text } {
  const e = DIM_ENUM[dimension];
  const code = k === NONE ? "" : e.codes[k]!;
  return { key: code || "unknown", label: code ? { zh: e.zh[code]!, en: code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, " ") } : msg("pane.table.notGiven") };
}

/**
 * Totals of the baseline and the scenario by one dimension, plus the grand total; with weights, each
 * claim counts as many times as its weight says (amounts exact, rounded to the fen once per total).
 */
export function compareBy(b: PreparedBatch, base: ResultColumns, scen: ResultColumns, dimension: Dimension, weights?: Weights | null): Comparison {
  const col = (b.cols[dimension] as Uint8Array).subarray(0, b.cols.n);
  if (weights) {
    const wb = weightedTotals(col, base, weights);
    const ws = weightedTotals(col, scen, weights);
    const groups: GroupRow[] = [...wb.keys()].sort((x, y) => x - y).map((k) => ({ ...groupLabel(dimension, k), baseline: wb.get(k)!, scenario: ws.get(k)! }));
    const total = groups.reduce<GroupRow>((t, g) => ({ ...t, baseline: plus(t.baseline, g.baseline), scenario: plus(t.scenario, g.scenario) }), { key: "total", label: msg("pane.table.total"), baseline: emptyTotals(), scenario: emptyTotals() });
    return { dimension, groups, total, weighted: true };
  }
  const sb = sums(col, base);
  const ss = sums(col, scen);
  const groups: GroupRow[] = [];
  let total: GroupRow = { key: "total", label: msg("pane.table.total"), baseline: emptyTotals(), scenario: emptyTotals() };
  for (let k = 0; k < 256; k++) {
    if (sb.n[k]! + sb.failed[k]! === 0) continue;
    const g: GroupRow = { ...groupLabel(dimension, k), baseline: totalsAt(sb, k), scenario: totalsAt(ss, k) };
    groups.push(g);
    total = { ...total, baseline: plus(total.baseline, g.baseline), scenario: plus(total.scenario, g.scenario) };
  }
  return { dimension, groups, total, weighted: false };
}

/** The comparison as a table for a sheet: one row per group and the total, amounts in yuan; weighted, the claims the sample stands for last. */
export function comparisonTable(c: Comparison, lang: "zh" | "en"): (string | number)[][] {
  const y = fenToNumber;
  const w = (k: MessageKey) => say(lang, k);
  const pct = (a: Fen, b: Fen) => (a === 0 ? "" : Math.round(((b - a) / a) * 10000) / 100);
  const head = [
    DIMENSION_LABELS[c.dimension][lang],
    w("pane.table.claims"),
    w("pane.table.baselineFund"),
    w("pane.table.scenarioFund"),
    w("pane.table.fundChange"),
    w("pane.table.changePct"),
    w("pane.table.baselinePersonal"),
    w("pane.table.scenarioPersonal"),
    w("pane.table.personalChange"),
    w("pane.table.failed"),
    ...(c.weighted ? [w("pane.table.weighted")] : []),
  ];
  const row = (g: GroupRow): (string | number)[] => [
    g.label[lang],
    g.baseline.n + g.baseline.failed,
    y(g.baseline.fund),
    y(g.scenario.fund),
    y(g.scenario.fund - g.baseline.fund),
    pct(g.baseline.fund, g.scenario.fund),
    y(g.baseline.personal),
    y(g.scenario.personal),
    y(g.scenario.personal - g.baseline.personal),
    `${g.baseline.failed}/${g.scenario.failed}`,
    ...(c.weighted ? [g.baseline.weight] : []),
  ];
  return [head, ...c.groups.map(row), row(c.total)];
}
