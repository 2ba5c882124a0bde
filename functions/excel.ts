/**
 * The thin layer between Excel cells and the policy core: ranges in, arrays out; core problems as
 * Excel errors (#VALUE! for bad input, #N/A where no rule applies) with the core's message; the
 * parameter table a user passes as an override turned into a scenario engine (cached by content).
 * No rule lives here.
 */
import { blankRow, rowValidator, type Validation } from "../src/claim/validate";
import type { Claim } from "../src/claim/claim";
import { Engine, resultAt, type SettlementResult } from "../src/engine/settle";
import { allocResults, fromClaims } from "../src/engine/columns";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";

declare const CustomFunctions:
  | { Error: new (code: unknown, message?: string) => Error; ErrorCode: { invalidValue: unknown; notAvailable: unknown } }
  | undefined;

/** Outside Excel (tests, a plain browser) CustomFunctions.Error does not exist: this stands in for it. */
export class CellError extends Error {
  constructor(
    readonly code: "#VALUE!" | "#N/A",
    message: string,
  ) {
    super(message);
    this.name = "CellError";
  }
}

let language: Lang = "zh";
/** The language of error messages and labels (set from Office.context.displayLanguage at start-up). */
export function setLanguage(lang: Lang): void {
  language = lang;
}
export function currentLanguage(): Lang {
  return language;
}

/** An Excel error for a cell: #VALUE! for bad input, #N/A where the documents give no rule. */
export function cellError(kind: Problem["kind"] | "input" | "no_rule", message: string): Error {
  const text = message.length > 250 ? message.slice(0, 249) + "…" : message;
  if (typeof CustomFunctions !== "undefined" && CustomFunctions?.Error)
    return new CustomFunctions.Error(kind === "input" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable, text);
  return new CellError(kind === "input" ? "#VALUE!" : "#N/A", text);
}

export function problemError(p: Problem): Error {
  return cellError(p.kind, p.message[language]);
}

export function problemsError(ps: Problem[]): Error {
  return cellError(ps.some((p) => p.kind === "input") ? "input" : "no_rule", ps.map((p) => p.message[language]).join(language === "zh" ? "；" : "; "));
}

export type Cell = string | number | boolean | null | Error;
export type Matrix = Cell[][];


/**
 * A claims range: rows of values and their header row. Without a separate header, the first row of
 * the range is the header. Empty rows are kept (they answer with an empty cell) so results line up.
 */
export function claimRows(claims: unknown[][], headers?: unknown[][] | null): { header: unknown[]; rows: unknown[][] } {
  if (headers && headers.length && !blankRow(headers[0]!)) return { header: headers[0]!, rows: claims };
  if (!claims.length) return { header: [], rows: [] };
  return { header: claims[0]!, rows: claims.slice(1) };
}

// ---------------------------------------------------------------------------------------------
// Engines: the baseline, or a scenario from a parameter table passed as an argument (cached).

const baseline = new Engine(builtinRegistry());
const scenarios = new Map<string, Engine | Error>();

export function engineFor(params?: unknown[][] | null): Engine | Error {
  if (!params || !params.length || params.every(blankRow)) return baseline;
  const key = JSON.stringify(params);
  let e = scenarios.get(key);
  if (!e) {
    const { overrides, problems } = readParamTable(baseline.registry, params);
    e = problems.length
      ? cellError("input", problems.map((p) => `${language === "zh" ? "参数表第" : "parameter table row "}${p.row}${language === "zh" ? "行" : ""}: ${p.message[language]}`).join("; "))
      : new Engine(baseline.registry.withOverrides(language === "zh" ? "工作表参数表" : "sheet parameter table", overrides));
    if (scenarios.size > 16) scenarios.delete(scenarios.keys().next().value!);
    scenarios.set(key, e);
  }
  return e;
}

/** Validate and settle the rows of a range through the batch path: one result (or problem) per row. */
export function settleRows(engine: Engine, header: unknown[], rows: unknown[][]): ({ ok: true; result: SettlementResult } | { ok: false; error: Error } | null)[] {
  const validate = rowValidator(header);
  const out: ({ ok: true; result: SettlementResult } | { ok: false; error: Error } | null)[] = new Array(rows.length).fill(null);
  const claims: Claim[] = [];
  const slot: number[] = [];
  rows.forEach((r, i) => {
    if (blankRow(r)) return;
    const v: Validation = validate(r, `row ${i + 1}`);
    if (!v.ok) out[i] = { ok: false, error: problemsError(v.problems) };
    else {
      slot.push(i);
      claims.push(v.claim);
    }
  });
  if (claims.length) {
    const cols = fromClaims(claims);
    const res = allocResults(cols.n);
    engine.settleInto(cols, res, 0, cols.n, undefined, true);
    claims.forEach((_, j) => {
      const r = resultAt(engine, cols, res, j, []);
      out[slot[j]!] = r.ok ? { ok: true, result: r } : { ok: false, error: problemError(r.problem!) };
    });
  }
  return out;
}

/** Broadcast arguments that are single cells or columns of one length into rows of values. */
export function broadcast(args: (unknown[][] | unknown | null | undefined)[]): { n: number; at: (a: number, i: number) => unknown } {
  let n = 1;
  for (const a of args) if (Array.isArray(a) && a.length > 1) n = Math.max(n, a.length);
  return {
    n,
    at: (a, i) => {
      const v = args[a];
      if (!Array.isArray(v)) return v;
      const row = v.length === 1 ? v[0] : v[i];
      return Array.isArray(row) ? row[0] : row;
    },
  };
}
