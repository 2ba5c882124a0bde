/**
 * The thin layer between Excel cells and the policy core: ranges in, arrays out; core problems as
 * Excel errors (#VALUE! for bad input, #N/A where no rule applies) with the core's message; the
 * parameter table a user passes as an override turned into a scenario engine (cached by content).
 * How Excel hands cells over (blank as 0, error values, data types, whole columns) is read by
 * src/claim/excelCells.ts before anything is validated. No rule lives here.
 */
import { ColumnarValidator } from "../src/claim/columnar";
import { isBlankCell, readHeader, readParamCells, readScalar, trimmedLength } from "../src/claim/excelCells";
import { Engine, resultAt, type SettlementResult } from "../src/engine/settle";
import { allocResults, LAYERS, type ClaimColumns, type Layer, type ResultColumns } from "../src/engine/columns";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { msg, say } from "../src/messages";
import type { Problem } from "../src/problem";
import type { Lang, Text } from "../src/text";
import type { DateSystem } from "../src/dates";

declare const CustomFunctions:
  | { Error: new (code: unknown, message?: string) => Error; ErrorCode: Record<"invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber" | "nullReference", unknown> }
  | undefined;

/** The errors a custom function can return (#REF! and #NAME? are input-only: docs, custom-functions-errors). */
export type ErrorCode = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!";
const CODE_NAMES: Record<ErrorCode, "invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber" | "nullReference"> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
  "#NULL!": "nullReference",
};

/** Outside Excel (tests, a plain browser) CustomFunctions.Error does not exist: this stands in for it. */
export class CellError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CellError";
  }
}

let language: Lang = "zh";
/**
 * The language the functions answer in when a formula does not say: Excel's display language, set
 * once at start-up (taskpane/index.tsx). It is not the pane's language: a formula's result must not
 * change when someone switches the pane, which Excel would not even recalculate.
 */
export function setLanguage(lang: Lang): void {
  language = lang;
}
export function currentLanguage(): Lang {
  return language;
}

/**
 * The workbook's date system, as the functions read a date serial (src/dates.ts DateSystem). Set by
 * taskpane/index.tsx inside Excel, after Office.onReady, with how to read it again
 * (functions/dateSystem.ts detectDateSystem): a user can switch Excel's "Use 1904 date system" with
 * the workbook open, so the calls of each calculation pass ask once more (passDateSystem). Outside
 * Excel (tests, the bench) the 1900 system, unless a test sets another.
 */
let dateSystem: DateSystem = "1900";
let detectSystem: (() => Promise<DateSystem>) | null = null;
/** The detection the calls arriving now share (one round trip), until it answers. */
let passSystem: Promise<DateSystem> | null = null;
/**
 * The page has office.js (it may be inside Excel) and index.tsx has not yet said how to read the
 * system: a call that comes first waits for it rather than read a 1904 workbook's serials as 1900 ones.
 */
let handover: { ready: Promise<void>; done: () => void } | null = null;
if (typeof Office !== "undefined") {
  let done = () => {};
  const ready = new Promise<void>((r) => (done = r));
  handover = { ready, done };
}
/** How long a calculation pass waits for Excel to say its date system; past it the system is unknown (and serials are refused). */
export const DATE_SYSTEM_WAIT_MS = 10_000;

/** The date system, and (inside Excel) how to read it again before each calculation pass. */
export function setDateSystem(system: DateSystem, detect?: () => Promise<DateSystem>): void {
  dateSystem = system;
  detectSystem = detect ?? null;
  passSystem = null;
  const h = handover;
  handover = null;
  h?.done();
}
/** The date system last set or read. */
export function currentDateSystem(): DateSystem {
  return dateSystem;
}

/**
 * The date system for a call of this calculation pass: without a way to read it, the one set; inside
 * Excel one detection shared by every call that arrives while it is under way (so a pass costs one
 * round trip), "unknown" when it fails or Excel does not answer within DATE_SYSTEM_WAIT_MS.
 */
export function passDateSystem(): DateSystem | Promise<DateSystem> {
  if (handover) return handover.ready.then(passDateSystem);
  const detect = detectSystem;
  if (!detect) return dateSystem;
  if (!passSystem) {
    const p: Promise<DateSystem> = new Promise<DateSystem>((resolve) => {
      const timer = setTimeout(() => resolve("unknown"), DATE_SYSTEM_WAIT_MS);
      const end = (s: DateSystem) => {
        clearTimeout(timer);
        resolve(s);
      };
      detect().then(end, () => end("unknown"));
    }).then((s) => {
      dateSystem = s;
      if (passSystem === p) passSystem = null;
      return s;
    });
    passSystem = p;
  }
  return passSystem;
}

/** f with the pass's date system: at once when it is known now, else when it is read. */
export function withDateSystem<T>(f: (system: DateSystem) => T): T | Promise<T> {
  const s = passDateSystem();
  return typeof s === "string" ? f(s) : s.then(f);
}

/** An Excel error for a cell: #VALUE! for bad input, #N/A where the documents give no rule. */
export function cellError(kind: Problem["kind"] | "input" | "no_rule", message: string): Error {
  return errorWithCode(kind === "input" ? "#VALUE!" : "#N/A", message);
}

/** An Excel error with a given code; an input-only code (#REF!, #NAME?, #SPILL! …) answers as #VALUE!. */
export function errorWithCode(code: string, message: string): Error {
  const c: ErrorCode = code in CODE_NAMES ? (code as ErrorCode) : "#VALUE!";
  // Excel shows at most 255 characters of a custom message
  const text = message.length > 250 ? message.slice(0, 249) + "…" : message;
  // an error value in a cell has no use for a stack trace, and capturing one is most of its cost
  // (a range of 100 000 claims can answer with thousands of them)
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    if (typeof CustomFunctions !== "undefined" && CustomFunctions?.Error) return new CustomFunctions.Error(CustomFunctions.ErrorCode[CODE_NAMES[c]], text);
    return new CellError(c, text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function problemError(p: Problem, lang: Lang = language): Error {
  return cellError(p.kind, p.message[lang]);
}

export function problemsError(ps: Problem[], lang: Lang = language): Error {
  return cellError(ps.some((p) => p.kind === "input") ? "input" : "no_rule", ps.map((p) => p.message[lang]).join(say(lang, "common.sentenceSeparator")));
}

/** A message of the functions' catalog section as an Excel error. */
export function messageError(kind: "input" | "no_rule", key: Parameters<typeof msg>[0], params: Parameters<typeof msg>[1], lang: Lang = language): Error {
  return cellError(kind, msg(key, params)[lang]);
}

/** The words a formula may give for each language (data: what people type, never translated). */
const LANG_WORDS: Readonly<Record<Lang, readonly string[]>> = {
  zh: ["zh", "中文", "chinese", "zh-cn", "cn"],
  en: ["en", "英文", "english", "en-us", "en-gb"],
};

/** The optional language argument (SETTLEMENT, EXPLAIN, POLICY_PARAMS): blank is Excel's display language. */
export function langArg(v: unknown): Lang | Error {
  const r = readScalar(v, msg("functions.arg.lang"));
  if (!r.ok) return errorWithCode(r.code ?? "#VALUE!", r.problem.message[language]);
  if (r.value === null) return language;
  const s = String(r.value).trim().toLowerCase();
  if (LANG_WORDS.zh.includes(s)) return "zh";
  if (LANG_WORDS.en.includes(s)) return "en";
  return messageError("input", "functions.arg.langInvalid", { value: String(r.value) });
}

/** An optional text argument: blank, "" or 0 (a blank cell on desktop Excel) is "not given". */
export function optionalText(v: unknown): string | undefined {
  const r = readScalar(v, msg("functions.arg.text"));
  return r.ok && r.value !== null ? String(r.value) : undefined;
}

export type Cell = string | number | boolean | null | Error;
export type Matrix = Cell[][];

/**
 * A claims range: its header row (as text) and its rows up to the last one that is not blank (a
 * whole-column argument stops where the data stops). Without a separate header, the first row of
 * the range is the header. Blank rows inside the range are kept (they answer with an empty cell), so
 * results line up with the rows.
 */
export function claimRows(claims: unknown[][], headers?: unknown[][] | null): { header: string[]; rows: unknown[][] } | Error {
  const separate = !!headers && headers.length > 0 && !allBlank(headers);
  const head = separate ? headers![0]! : (claims[0] ?? []);
  const h = headerOf(head);
  if (!h.ok) return problemError(h.problem);
  const rows = separate ? claims : claims.slice(1);
  const n = trimmedLength(rows);
  return { header: h.header, rows: n === rows.length ? rows : rows.slice(0, n) };
}

/** Every cell of the rows blank (loops, not every(): a filled-down column asks this once per cell). */
function allBlank(rows: readonly (readonly unknown[])[]): boolean {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < r.length; j++) if (!isBlankCell(r[j])) return false;
  }
  return true;
}

/**
 * readHeader, remembered for the last header row seen: the calls of a filled-down column pass the
 * same header cells each time (a new array with the same values), so it is compared, not re-read, and
 * the calls share one header array (which the batch then groups by identity).
 */
let lastHead: readonly unknown[] = [];
let lastRead: ReturnType<typeof readHeader> | null = null;
function headerOf(head: readonly unknown[]): ReturnType<typeof readHeader> {
  if (lastRead && head.length === lastHead.length) {
    let same = true;
    for (let j = 0; j < head.length; j++)
      if (head[j] !== lastHead[j]) {
        same = false;
        break;
      }
    if (same) return lastRead;
  }
  lastRead = readHeader(head);
  lastHead = head.slice();
  return lastRead;
}

// ---------------------------------------------------------------------------------------------
// Engines: the baseline, or a scenario from a parameter table passed as an argument (cached).

const baseline = new Engine(builtinRegistry());
const scenarios = new Map<string, Engine | Error>();

export function engineFor(params?: unknown[][] | null, lang: Lang = language, system: DateSystem = dateSystem): Engine | Error {
  if (!params || !params.length || params.every((r) => r.every(isBlankCell))) return baseline;
  const cells = readParamCells(params.slice(0, trimmedLength(params)));
  if (!cells.ok) return problemError(cells.problem, lang);
  // a start date given as a date cell is a serial of the workbook's date system
  const key = lang + system + JSON.stringify(cells.cells);
  let e = scenarios.get(key);
  if (!e) {
    const { overrides, problems } = readParamTable(baseline.registry, cells.cells, { dateSystem: system });
    e = problems.length
      ? cellError("input", problems.map((p) => say(lang, "functions.params.row", { row: p.row, message: p.message })).join(say(lang, "common.sentenceSeparator")))
      : new Engine(baseline.registry.withOverrides(say(lang, "functions.params.label"), overrides));
    if (scenarios.size > 16) scenarios.delete(scenarios.keys().next().value!);
    scenarios.set(key, e);
  }
  return e;
}

/** A settled row: its place in the batch's columns (read by the functions without building a result object per row). */
export interface SettledRow {
  readonly engine: Engine;
  readonly claims: ClaimColumns;
  readonly res: ResultColumns;
  readonly k: number;
}

export type RowResult = { ok: true; at: SettledRow } | { ok: false; error: Error } | null;

/** The whole result of a settled row (the rule's label, the versions used …), as the one-claim path gives it. */
export function resultOf(s: SettledRow): SettlementResult {
  return resultAt(s.engine, s.claims, s.res, s.k, []);
}

/**
 * The rows of a range read, validated and settled through the batch path, kept column-wise: row i
 * answers with `errors[i]` when set (its Excel error, data-type cell, invalid value or the engine's
 * problem), else with claim `claimOf[i]` of `claims`/`res` (blank when −1). No object per row: a
 * range of 1e5 claims is its columns, and each cell is made when the answer is written.
 */
export interface SettledRange {
  readonly n: number;
  readonly engine: Engine;
  readonly claims: ClaimColumns;
  readonly res: ResultColumns;
  readonly claimOf: Int32Array;
  /** Indexed by row; shorter than n (or empty) when the last rows have none. */
  readonly errors: readonly (Error | undefined)[];
  /** The fund layers' result columns (LAYERS order), looked up once for the range: their sum is the fund total. */
  readonly layers: readonly ResultColumns[Layer][];
}

/**
 * Read, validate and settle the rows of a range (see SettledRange). A row's Excel error, data-type
 * cell or invalid value is that row's answer; the other rows still compute. The cells are read
 * column-wise (src/claim/columnar.ts, with exactly readRow's and the validator's answers), then
 * settled as one batch. Rows answering with the same engine problem (one object) share one error value.
 */
export function settleRange(engine: Engine, header: readonly unknown[], rows: readonly unknown[][], lang: Lang = language, labels: (i: number) => string = rowLabel, system: DateSystem = dateSystem): SettledRange {
  const chunk = validatorFor(header, system).validate(rows, labels);
  const errors: (Error | undefined)[] = [];
  const failures = chunk.failures;
  for (let i = 0; i < failures.length; i++) {
    const f = failures[i];
    if (f) errors[i] = f.read ? errorWithCode(f.code ?? "#VALUE!", f.problems[0]!.message[lang]) : problemsError(f.problems, lang);
  }
  const cols = chunk.claims;
  const res = allocResults(cols.n);
  if (cols.n) {
    engine.settleInto(cols, res, 0, cols.n, undefined, true);
    // the engine answers a kind of problem with one Problem object: one error value for each
    let shared: Map<Problem, Error> | undefined;
    for (let k = 0; k < cols.n; k++) {
      const p = res.problems[k];
      if (!p) continue;
      let e = (shared ??= new Map()).get(p);
      if (!e) shared.set(p, (e = problemError(p, lang)));
      errors[chunk.rowOf[k]!] = e;
    }
  }
  return { n: rows.length, engine, claims: cols, res, claimOf: chunk.claimOf, errors, layers: LAYERS.map((l) => res[l]) };
}

/** Row i of a settled range as a RowResult. */
export function rowResult(s: SettledRange, i: number): RowResult {
  const e = s.errors[i];
  if (e) return { ok: false, error: e };
  const k = s.claimOf[i]!;
  return k < 0 ? null : { ok: true, at: { engine: s.engine, claims: s.claims, res: s.res, k } };
}

/** settleRange, one RowResult per row: null for a blank row. */
export function settleRows(engine: Engine, header: readonly unknown[], rows: readonly unknown[][], lang: Lang = language, labels: (i: number) => string = rowLabel, system: DateSystem = dateSystem): RowResult[] {
  const s = settleRange(engine, header, rows, lang, labels, system);
  const out: RowResult[] = new Array(s.n);
  for (let i = 0; i < s.n; i++) out[i] = rowResult(s, i);
  return out;
}

const validators = new Map<string, ColumnarValidator>();
/** One validator per header and date system (its buffers reused from call to call); a workbook has a few headers. */
function validatorFor(header: readonly unknown[], system: DateSystem): ColumnarValidator {
  const key = system + JSON.stringify(header);
  let v = validators.get(key);
  if (!v) {
    if (validators.size >= 16) validators.delete(validators.keys().next().value!);
    validators.set(key, (v = new ColumnarValidator(header, { cells: "excel", dateSystem: system })));
  }
  return v;
}

/** How a range's rows are named to the validator (a claim without an id gets it). */
export const rowLabel = (i: number): string => `row ${i + 1}`;

/**
 * Arguments that are single cells or columns, broadcast into rows of values: a single cell applies
 * to every row, a column gives one value per row. The rows run to the last one where some column is
 * not blank (whole-column arguments are trimmed; a column cut short by trimming is not mistaken for
 * a single cell). Blank cells (and desktop Excel's blank 0) read as null.
 */
export function broadcast(args: (unknown[][] | unknown | null | undefined)[]): { n: number; at: (a: number, i: number) => unknown } {
  let columns = false;
  let n = 0;
  for (const a of args)
    if (Array.isArray(a) && a.length > 1) {
      columns = true;
      n = Math.max(n, trimmedLength(a as unknown[][]));
    }
  return {
    n: columns ? n : 1,
    at: (a, i) => {
      const v = args[a];
      const cell = !Array.isArray(v) ? v : v.length === 1 ? v[0] : v[i];
      const x = Array.isArray(cell) ? cell[0] : cell;
      return isBlankCell(x) ? null : x;
    },
  };
}

/** A label in both languages, from the catalog. */
export function label(key: Parameters<typeof msg>[0]): Text {
  return msg(key);
}
