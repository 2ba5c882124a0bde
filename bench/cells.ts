/**
 * Sheet cells → results, as the custom functions see them, each against today's row-at-a-time path
 * in the same run (so a ratio prints; timings on a loaded machine are only meaningful as ratios).
 *
 *   rangeCall(n: number, rounds = 3): RangeCallFigures
 *     REIMBURSE over n claim rows of Excel cells (numbers for amounts, serials for dates, strings for
 *     codes, desktop Excel's 0 for a blank cell): `ms` the call (best of `rounds` after warm-up runs; `coldMs` the first), `buildMs` building
 *     the cells as Excel would pass them, `baselineMs` the same call through the row validator (one
 *     run), `ratio` = baselineMs / ms, `mismatches` cells that differ between the two (must be 0).
 *   fillDown(n: number, rounds = 3): Promise<FillDownFigures>
 *     the same claims as n one-row calls (a formula filled down a column), batched per calculation
 *     pass (functions/batch.ts): `perSec` calls per second from the first call to the last promise
 *     resolved (best of `rounds` after warm-up runs), `baselinePerSec` the one-row calls of today's path (synchronous,
 *     each validated and settled alone), `ratio`, `mismatches` against the range call (must be 0).
 *   columnarSettle(n: number, rounds = 3): ColumnarFigures
 *     text cells as a CSV reader gives them → ClaimColumns (src/claim/columnar.ts) → settled results:
 *     `rowsPerSec`, `baselineRowsPerSec` (rowValidator per row, fromClaims, the same engine pass),
 *     `ratio`, `slowRows` (rows the row validator had to decide).
 *
 * Claims: bench/generate.ts's mixed batch (every scheme, level and cross-region kind), seeded.
 */
import { mixedClaim, claimsOf } from "./generate";
import type { Claim } from "../src/claim/claim";
import { FIELDS, type FieldDef } from "../src/claim/fields";
import { rowValidator, blankRow, type Validation } from "../src/claim/validate";
import { claimColumns, readRow } from "../src/claim/excelCells";
import { ColumnarValidator } from "../src/claim/columnar";
import { allocResults, fromClaims } from "../src/engine/columns";
import { Engine, resultAt } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { excelSerialOf, formatDay } from "../src/dates";
import { fenToNumber, formatYuan } from "../src/money";
import * as F from "../functions/functions";
import { CellError, claimRows, errorWithCode, problemError, problemsError, type Cell } from "../functions/excel";

export interface RangeCallFigures {
  n: number;
  /** The first run, before the warm-up (see best): what the first call after loading the add-in costs. */
  coldMs: number;
  ms: number;
  buildMs: number;
  baselineMs: number;
  ratio: number;
  mismatches: number;
}

export interface FillDownFigures {
  n: number;
  /** The first run, before the warm-up (see best): what the first call after loading the add-in costs. */
  coldMs: number;
  perSec: number;
  baselinePerSec: number;
  ratio: number;
  mismatches: number;
}

export interface ColumnarFigures {
  n: number;
  /** The first run, before the warm-up (see best): what the first call after loading the add-in costs. */
  coldMs: number;
  rowsPerSec: number;
  baselineRowsPerSec: number;
  ratio: number;
  slowRows: number;
}

const SEED = 20_261_202;

const claimedKey = (name: string) => name.charAt(7).toLowerCase() + name.slice(8);
function valueIn(c: Claim, d: FieldDef): unknown {
  return d.name.startsWith("claimed") ? (c.claimed as Record<string, unknown>)[claimedKey(d.name)] : (c as unknown as Record<string, unknown>)[d.name];
}

/**
 * The fields the generated claims use, as an auditor's sheet would head them (Chinese labels). Set-up,
 * outside every timed part (it read each unused field of every claim twice: a tenth of a profile of
 * this file, none of it in the figures).
 */
function usedFields(claims: readonly Claim[]): FieldDef[] {
  return FIELDS.filter((d) =>
    claims.some((c) => {
      const v = valueIn(c, d);
      return v !== undefined && v !== "none";
    }),
  );
}

/** A cell as Excel passes it to an `any` parameter: numbers for amounts and counts, serials for dates, text for codes, 0 for blank. */
function excelCell(d: FieldDef, v: unknown): unknown {
  if (v === undefined || v === null || v === "none") return 0;
  switch (d.kind) {
    case "money":
      return fenToNumber(v as number);
    case "date":
      return excelSerialOf(v as number);
    case "enum":
      return d.enumDef!.zh[v as string] ?? v;
    case "bool":
      return v ? "是" : "否";
    default:
      return v;
  }
}

/** A cell as a CSV reader gives it: text, "" for blank. */
function textCell(d: FieldDef, v: unknown): string {
  if (v === undefined || v === null || v === "none") return "";
  switch (d.kind) {
    case "money":
      return formatYuan(v as number);
    case "date":
      return formatDay(v as number);
    case "enum":
      return d.enumDef!.zh[v as string] ?? String(v);
    case "bool":
      return v ? "是" : "否";
    default:
      return String(v);
  }
}

export function excelSheet(n: number): { header: string[]; rows: unknown[][] } {
  const claims = claimsOf(n, SEED, mixedClaim);
  const fields = usedFields(claims);
  return { header: fields.map((d) => d.label.zh), rows: claims.map((c) => fields.map((d) => excelCell(d, valueIn(c, d)))) };
}

export function textSheet(n: number): { header: string[]; rows: string[][] } {
  const claims = claimsOf(n, SEED, mixedClaim);
  const fields = usedFields(claims);
  return { header: fields.map((d) => d.label.zh), rows: claims.map((c) => fields.map((d) => textCell(d, valueIn(c, d)))) };
}

const engine = new Engine(builtinRegistry());

/**
 * Today's REIMBURSE (fund output) before the columnar validator: each row read (readRow), validated
 * (rowValidator), the claims settled as one batch, each result built (resultAt). The baseline.
 */
export function baselineReimburse(claims: unknown[][], headers?: unknown[][]): Cell[][] {
  const range = claimRows(claims, headers);
  if (range instanceof Error) return [[range]];
  const columns = claimColumns(range.header);
  const validate = rowValidator(range.header);
  const out: Cell[][] = [];
  const good: Claim[] = [];
  const slot: number[] = [];
  range.rows.forEach((r, i) => {
    const read = readRow(r, columns);
    if (!read.ok) return out.push([errorWithCode(read.code ?? "#VALUE!", read.problem.message.zh)]);
    if (read.blank) return out.push([""]);
    const v: Validation = validate(read.values, `row ${i + 1}`);
    if (!v.ok) return out.push([problemsError(v.problems, "zh")]);
    slot.push(out.length);
    good.push(v.claim);
    out.push([""]);
  });
  if (good.length) {
    const cols = fromClaims(good);
    const res = allocResults(cols.n);
    engine.settleInto(cols, res, 0, cols.n, undefined, true);
    good.forEach((_, j) => {
      const r = resultAt(engine, cols, res, j, []);
      out[slot[j]!] = [r.ok ? (r.incomplete?.length ? errorWithCode("#N/A", r.incomplete.map((x) => x.message.zh).join("；")) : fenToNumber(Object.values(r.layers).reduce((a, b) => a + b, 0))) : problemError(r.problem!, "zh")];
    });
  }
  return out;
}

/** The first (cold) run of the last `best`. */
let lastColdMs = NaN;

const shown = (c: unknown) => (c instanceof CellError ? `${c.code} ${c.message}` : c instanceof Error ? `error ${c.message}` : c);

function mismatches(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): number {
  let bad = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (shown(a[i]![0]) !== shown(b[i]![0])) bad++;
  return bad;
}

/**
 * Best of `rounds` timed runs after max(3, rounds) warm-up runs, as bench.ts's `time` (the JIT
 * optimises concurrently; let it finish). Until 2026-12-02 this took one warm-up run, so the figures
 * were of code still being optimised (the runs after the first measured 1.5–4× the steady state);
 * `coldMs` keeps the first run's time (what the first call after loading costs) beside the figure.
 */
function best(rounds: number, f: () => void): number {
  const t0 = performance.now();
  f();
  lastColdMs = performance.now() - t0;
  for (let w = 1; w < Math.max(3, rounds); w++) f();
  let ms = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

export function rangeCall(n: number, rounds = 3): RangeCallFigures {
  let sheet!: { header: string[]; rows: unknown[][] };
  const t0 = performance.now();
  sheet = excelSheet(n);
  const buildMs = performance.now() - t0;
  const range = [sheet.header, ...sheet.rows];
  let got: unknown[][] = [];
  const ms = best(rounds, () => {
    got = F.reimburse(range);
  });
  const t1 = performance.now();
  const base = baselineReimburse(range);
  const baselineMs = performance.now() - t1;
  return { n, coldMs: lastColdMs, ms, buildMs, baselineMs, ratio: baselineMs / ms, mismatches: mismatches(got, base) };
}

export async function fillDown(n: number, rounds = 3): Promise<FillDownFigures> {
  const sheet = excelSheet(n);
  const header = [sheet.header];
  const rows = sheet.rows.map((r) => [r]);
  let got: unknown[][] = [];
  const once = async () => {
    const t0 = performance.now();
    const calls = rows.map((r) => F.reimburseCall(r, header));
    got = (await Promise.all(calls)).map((m) => m[0]!);
    return performance.now() - t0;
  };
  const coldMs = await once();
  for (let w = 1; w < Math.max(3, rounds); w++) await once();
  let ms = Infinity;
  for (let r = 0; r < rounds; r++) ms = Math.min(ms, await once());
  // today's path: every call validated and settled on its own, a tenth of the calls (it is slow), scaled
  const m = Math.max(1, Math.floor(n / 10));
  const t1 = performance.now();
  const base: unknown[][] = [];
  for (let i = 0; i < m; i++) base.push(baselineReimburse(rows[i]!, header)[0]!);
  const baselineMs = ((performance.now() - t1) * n) / m;
  const range = F.reimburse(sheet.rows, header);
  const perSec = n / (ms / 1000);
  const baselinePerSec = n / (baselineMs / 1000);
  return { n, coldMs, perSec, baselinePerSec, ratio: perSec / baselinePerSec, mismatches: mismatches(got, range) + mismatches(base, range.slice(0, m)) };
}

export function columnarSettle(n: number, rounds = 3): ColumnarFigures {
  const sheet = textSheet(n);
  const labels = (i: number) => `row ${i + 1}`;
  let slowRows = 0;
  const ms = best(rounds, () => {
    const chunk = new ColumnarValidator(sheet.header).validate(sheet.rows, labels);
    slowRows = chunk.slowRows;
    const res = allocResults(chunk.claims.n);
    engine.settleInto(chunk.claims, res, 0, chunk.claims.n, undefined, true);
  });
  const coldMs = lastColdMs;
  const t0 = performance.now();
  const validate = rowValidator(sheet.header);
  const claims: Claim[] = [];
  sheet.rows.forEach((r, i) => {
    if (blankRow(r)) return;
    const v = validate(r, labels(i));
    if (v.ok) claims.push(v.claim);
  });
  const cols = fromClaims(claims);
  engine.settleInto(cols, allocResults(cols.n), 0, cols.n, undefined, true);
  const baselineMs = performance.now() - t0;
  const rowsPerSec = n / (ms / 1000);
  const baselineRowsPerSec = n / (baselineMs / 1000);
  return { n, coldMs, rowsPerSec, baselineRowsPerSec, ratio: rowsPerSec / baselineRowsPerSec, slowRows };
}

/**
 * `node dist/bench/cells.js [n] [--only columnar|range|filldown] [--rounds r] [--json]`: the three figures, one line each
 * (--only: one of them, for profiling or comparing two builds; --rounds: timed runs, best of, default 3), and
 * a last line of JSON: the figures' keys, or with --json each function's whole answer (`columnar`, `range`,
 * `filldown`), which is how bench/e2e.ts reads them from its child process.
 */
if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--")));
  const n = Number(positional[0] ?? 100_000);
  const only = opt("only");
  const rounds = Number(opt("rounds") ?? 3);
  if (only !== undefined && !["columnar", "range", "filldown"].includes(only)) throw new Error(`--only columnar|range|filldown, not ${only}`);
  const runs = (what: string) => only === undefined || only === what;
  void (async () => {
    const figures: Record<string, number> = {};
    const whole: Record<string, unknown> = {};
    if (runs("columnar")) {
      const c = columnarSettle(n, rounds);
      whole.columnar = c;
      console.log(`columnar cells → results, ${n} rows: ${Math.round(c.rowsPerSec).toLocaleString("en")} rows/s; row validator ${Math.round(c.baselineRowsPerSec).toLocaleString("en")} rows/s; ${c.ratio.toFixed(1)}×; ${c.slowRows} rows through the row validator; first run ${c.coldMs.toFixed(0)} ms`);
      figures.columnarRowsPerSec = Math.round(c.rowsPerSec);
    }
    if (runs("range")) {
      const r = rangeCall(n, rounds);
      whole.range = r;
      console.log(`REIMBURSE range call, ${n} rows: ${r.ms.toFixed(0)} ms (cells built in ${r.buildMs.toFixed(0)} ms); today's path ${r.baselineMs.toFixed(0)} ms; ${r.ratio.toFixed(1)}×; ${r.mismatches} mismatches; first call ${r.coldMs.toFixed(0)} ms`);
      figures.rangeCall1e5Ms = Math.round(r.ms);
    }
    if (runs("filldown")) {
      const f = await fillDown(n, rounds);
      whole.filldown = f;
      console.log(`REIMBURSE filled down, ${n} one-row calls: ${Math.round(f.perSec).toLocaleString("en")} calls/s; today's path ${Math.round(f.baselinePerSec).toLocaleString("en")} calls/s; ${f.ratio.toFixed(1)}×; ${f.mismatches} mismatches; first pass ${f.coldMs.toFixed(0)} ms`);
      figures.fillDownPerSec = Math.round(f.perSec);
    }
    console.log(JSON.stringify(args.includes("--json") ? whole : figures));
  })();
}
