/**
 * Cells as Excel hands them to a custom function: plain shapes in, plain values (or a problem that
 * names the column) out, before any claim is validated. No Office API here; the quirks are Excel's,
 * documented and reported on the office-js tracker:
 *
 * - Blank cells may arrive as 0 (desktop Excel, office-js#4702, #5262, #1951) or as null (the web).
 *   A row whose cells are all blank, empty text or 0 is a blank row, and in a claim row a 0 reads as
 *   a blank cell whatever the column: no code is 0, no date is serial 0, no admission is the 0th, a
 *   yes/no column answers with 否/FALSE (a 0 would turn "not stated" into "no"), the total is
 *   required (a blank total answered with a fund payment of 0 would be a plausible number for a claim
 *   nobody finished typing), and an optional amount left blank is 0 anyway. Keeping 0 there would
 *   still differ: two columns for one field (自费 and 目录外费用) with one of them blank would be two
 *   values, a conflict, on desktop Excel only. So the same row answers the same on every host.
 * - With allowErrorForDataTypeAny (set in functions.json at build time) an Excel error in a cell is
 *   passed in instead of failing the whole call: it becomes that row's error, naming the column.
 *   Its shape is not documented beyond CustomFunctions.Error ({ code: "#N/A", message }); the data
 *   types' ErrorCellValue ({ type: "Error", basicValue: "#N/A" }) and the error text itself are
 *   read too.
 * - With allowCustomDataForDataTypeAny, a data-type cell arrives as its JSON (Excel.CellValue). A
 *   formatted number, string, double or boolean reads as its basic value (what the cell shows, as
 *   Range.values would give it); an entity, linked entity, image or array has no basic value
 *   (Excel's own is #VALUE!) and refuses the row, naming the column.
 * - A date cell arrives as its serial in the workbook's date system (1900, or 1904 where the workbook
 *   says "Use 1904 date system"): readRow passes the number on, and the validator reads it in the
 *   system it is told (validate.ts ValidateOptions.dateSystem; the functions' pass reads it from Excel).
 */
import { msg } from "../messages";
import type { Problem } from "../problem";
import type { Lang, Text } from "../text";
import { normaliseToken } from "./enums";
import { FIELD_BY_NAME, fieldForHeader, type FieldKind } from "./fields";

/** What one cell holds, as far as a claim can use it. */
export type CellRead =
  | { kind: "value"; value: string | number | boolean | null }
  | { kind: "error"; code: string }
  | { kind: "dataType"; type: string; text: string };

const ERROR_CODES = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!"]);
/** ErrorCellValue.errorType → the error as Excel shows it. */
const ERROR_TYPES: Record<string, string> = {
  blocked: "#BLOCKED!",
  busy: "#BUSY!",
  calc: "#CALC!",
  connect: "#CONNECT!",
  div0: "#DIV/0!",
  external: "#EXTERNAL!",
  field: "#FIELD!",
  gettingdata: "#GETTING_DATA",
  notavailable: "#N/A",
  name: "#NAME?",
  null: "#NULL!",
  num: "#NUM!",
  python: "#PYTHON!",
  ref: "#REF!",
  spill: "#SPILL!",
  value: "#VALUE!",
};
const BASIC_TYPES = new Set(["String", "Double", "Boolean", "FormattedNumber"]);

/** String.prototype.trim's white space (WhiteSpace and LineTerminator of ECMAScript). */
export function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function errorText(v: unknown): string | null {
  if (typeof v !== "string") return null;
  // every error code starts with #: other text is passed over without trimming it (a cell is read once per call, and a range is many cells)
  let i = 0;
  while (i < v.length && isWs(v.charCodeAt(i))) i++;
  if (v.charCodeAt(i) !== 35) return null;
  const t = v.trim().toUpperCase();
  return ERROR_CODES.has(t) ? t : null;
}

/** One cell as Excel passes it to an `any` parameter. */
export function readCell(v: unknown): CellRead {
  if (v === null || v === undefined) return { kind: "value", value: null };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "value", value: Object.is(v, -0) ? 0 : v } : { kind: "error", code: "#NUM!" };
  if (typeof v === "boolean") return { kind: "value", value: v };
  if (typeof v === "string") {
    const e = errorText(v);
    return e ? { kind: "error", code: e } : { kind: "value", value: v };
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    // CustomFunctions.Error, or an Error carrying Excel's code
    const code = errorText(o["code"]);
    if (code) return { kind: "error", code };
    const type = typeof o["type"] === "string" ? (o["type"] as string) : "";
    if (type === "Error") {
      const byType = typeof o["errorType"] === "string" ? ERROR_TYPES[(o["errorType"] as string).toLowerCase()] : undefined;
      return { kind: "error", code: errorText(o["basicValue"]) ?? byType ?? "#VALUE!" };
    }
    if (type === "Empty") return { kind: "value", value: null };
    if (BASIC_TYPES.has(type)) {
      const b = o["basicValue"];
      if (b === null || b === undefined || typeof b === "string" || typeof b === "number" || typeof b === "boolean") return readCell(b);
    }
    if (v instanceof Error) return { kind: "error", code: "#VALUE!" };
    const text = typeof o["text"] === "string" ? (o["text"] as string) : typeof o["basicValue"] === "string" && !errorText(o["basicValue"]) ? (o["basicValue"] as string) : "";
    return { kind: "dataType", type: type || "object", text };
  }
  return { kind: "dataType", type: typeof v, text: "" };
}

/** Blank as Excel may pass it: nothing, empty or white-space text, or 0 (desktop Excel's blank). */
export function isBlankCell(v: unknown): boolean {
  // the plain shapes without building a CellRead (readCell gives the same answer)
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return v === 0;
  if (typeof v === "boolean") return false;
  if (typeof v === "string") {
    for (let i = 0; i < v.length; i++) if (!isWs(v.charCodeAt(i))) return false;
    return true;
  }
  const r = readCell(v);
  if (r.kind !== "value") return false;
  const x = r.value;
  return x === null || x === 0 || (typeof x === "string" && x.trim() === "");
}

/** A row of blank cells (see isBlankCell): not a claim, answered with an empty cell. */
export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isBlankCell);
}

/**
 * How many rows to keep: up to the last row that is not blank. A whole-column argument (A:Z) is a
 * million rows, nearly all blank; the results stop where the data stops.
 */
export function trimmedLength(rows: readonly (readonly unknown[] | undefined)[]): number {
  let n = rows.length;
  while (n > 0 && isBlankRow(rows[n - 1])) n--;
  return n;
}

/** The column of a claims range: its header and the claim field it names, if any. */
export interface CellColumn {
  /** 1-based position in the range. */
  position: number;
  header: string;
  /** How messages name it: the header as written; a canonical field name (a function's own header) as the field's label. */
  label: Text;
  field: string | null;
  kind: FieldKind | null;
}

/** The columns of a header row, resolved to fields as rowValidator resolves them (user mapping first). */
export function claimColumns(header: readonly unknown[], mapping: Readonly<Record<string, string | null>> = {}): CellColumn[] {
  return header.map((h, j) => {
    const r = readCell(h);
    const text = r.kind === "value" && r.value !== null && r.value !== 0 ? String(r.value).trim() : "";
    const def = text === "" ? undefined : Object.hasOwn(mapping, text) ? (mapping[text] === null ? undefined : FIELD_BY_NAME.get(mapping[text]!)) : (FIELD_BY_NAME.get(text) ?? fieldForHeader(text));
    return { position: j + 1, header: text, label: def && text === def.name ? def.label : { zh: text, en: text }, field: def?.name ?? null, kind: def?.kind ?? null };
  });
}

/** A header row Excel passed in, as text; an error or data-type cell in it is a problem. */
export function readHeader(header: readonly unknown[]): { ok: true; header: string[] } | { ok: false; problem: Problem } {
  const out: string[] = [];
  const bad: Problem[] = [];
  header.forEach((h, j) => {
    // plain text, as nearly every header is: read without building a CellRead (the same answer)
    if (typeof h === "string" && errorText(h) === null) return void out.push(h.trim());
    const r = readCell(h);
    if (r.kind === "error") bad.push(problem("functions.cells.headerError", { position: j + 1, code: r.code }));
    else if (r.kind === "dataType") bad.push(problem("functions.cells.headerDataType", { position: j + 1, type: r.type }));
    else out.push(r.value === null || r.value === 0 ? "" : String(r.value).trim());
  });
  return bad.length ? { ok: false, problem: joinProblems(bad) } : { ok: true, header: out };
}

export type RowRead =
  | { ok: true; blank: boolean; values: unknown[] }
  /** `code` is the first Excel error found, so that the row's answer can carry it on. */
  | { ok: false; problem: Problem; code?: string };

/**
 * One row of a claims range, read for the validator: desktop Excel's blank 0 undone,
 * data types reduced to their value, and an Excel error (or a data type without a value) in a column
 * the claim uses made that row's problem. Columns no field uses are passed on as they are.
 */
export function readRow(row: readonly unknown[], columns: readonly CellColumn[]): RowRead {
  if (isBlankRow(row)) return { ok: true, blank: true, values: [] };
  const values: unknown[] = new Array(row.length);
  const bad: Problem[] = [];
  let code: string | undefined;
  for (let j = 0; j < row.length; j++) {
    const col = columns[j];
    const r = readCell(row[j]);
    if (r.kind === "value") values[j] = r.value === 0 ? null : r.value;
    else if (!col?.field) values[j] = null;
    else if (r.kind === "error") {
      code ??= r.code;
      bad.push(problem("functions.cells.error", { column: columnName(col), code: r.code }, col.field));
    } else bad.push(problem("functions.cells.dataType", { column: columnName(col), type: r.type, text: r.text || "—" }, col.field));
  }
  if (bad.length) return { ok: false, problem: joinProblems(bad), code };
  return { ok: true, blank: false, values };
}

/** One value passed as a single cell (a date, a language, an output name): blank and 0 are "not given". */
export function readScalar(v: unknown, argument: Text): { ok: true; value: string | number | boolean | null } | { ok: false; problem: Problem; code?: string } {
  const r = readCell(Array.isArray(v) ? (v[0]?.[0] ?? null) : v);
  if (r.kind === "error") return { ok: false, problem: problem("functions.cells.argError", { argument, code: r.code }), code: r.code };
  if (r.kind === "dataType") return { ok: false, problem: problem("functions.cells.argDataType", { argument, type: r.type, text: r.text || "—" }) };
  const x = r.value;
  return { ok: true, value: x === 0 || x === "0" || (typeof x === "string" && x.trim() === "") ? null : x };
}

/** The header names of a parameter table's value column (TABLE_HEADERS in src/params/table.ts, and 值). */
const VALUE_HEADERS = new Set(["取值", "value", "值"].map(normaliseToken));

/**
 * A parameter table passed back to a function (as POLICY_PARAMS spills it, edited). Blank cells are
 * empty text; an error or data-type cell refuses the table, naming the row. A 0 in the value column
 * is refused too: a cleared value cell arrives as 0 on desktop Excel, and taking it as "set this
 * parameter to 0" would change every result without anyone having asked for it. A deliberate zero
 * is written as text ('0) or with its unit (0%).
 */
export function readParamCells(cells: readonly (readonly unknown[])[]): { ok: true; cells: unknown[][] } | { ok: false; problem: Problem } {
  const head = (cells[0] ?? []).map((h) => {
    const r = readCell(h);
    return r.kind === "value" && typeof r.value === "string" ? normaliseToken(r.value) : "";
  });
  const valueCol = head.findIndex((h) => VALUE_HEADERS.has(h));
  const bad: Problem[] = [];
  const out = cells.map((row, i) =>
    row.map((v, j) => {
      const r = readCell(v);
      if (r.kind === "error") bad.push(problem("functions.params.error", { row: i + 1, position: j + 1, code: r.code }));
      else if (r.kind === "dataType") bad.push(problem("functions.params.dataType", { row: i + 1, position: j + 1, type: r.type }));
      else if (r.value === 0 && j === valueCol && i > 0) bad.push(problem("functions.params.zero", { row: i + 1 }));
      else return r.value === null || r.value === 0 ? "" : r.value;
      return "";
    }),
  );
  return bad.length ? { ok: false, problem: joinProblems(bad) } : { ok: true, cells: out };
}

function columnName(col: CellColumn): Text {
  return msg(col.header ? "functions.cells.column" : "functions.cells.columnUntitled", { position: col.position, header: col.label });
}

function problem(key: Parameters<typeof msg>[0], params: Parameters<typeof msg>[1], field?: string): Problem {
  return { code: key.slice(key.lastIndexOf(".") + 1), kind: "input", field, message: msg(key, params) };
}

/** Several problems of one row as one (the cell shows one message). */
function joinProblems(ps: Problem[]): Problem {
  if (ps.length === 1) return ps[0]!;
  const join = (lang: Lang) => ps.map((p) => p.message[lang]).join(msg("common.sentenceSeparator")[lang]);
  return { ...ps[0]!, message: { zh: join("zh"), en: join("en") } };
}

/**
 * Findings as a two-column range of names and values (IS_EMERGENCY, EMERGENCY_CONDITIONS): blank
 * rows dropped, an Excel error or data type refused. A value of 0 is refused too: a blank value cell
 * arrives as 0 on desktop Excel, and a finding of 0 (a urine output, a score) can decide whether a
 * criterion is met; a real 0 is written as text ('0).
 */
export function readFindingPairs(rows: readonly (readonly unknown[])[], argument: Text): { ok: true; pairs: unknown[][] } | { ok: false; problem: Problem; code?: string } {
  const pairs: unknown[][] = [];
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const name = readScalar(row[0], argument);
    const value = readCell(row[1]);
    if (!name.ok) return name;
    if (value.kind === "error") return { ok: false, problem: problem("functions.cells.argError", { argument, code: value.code }), code: value.code };
    if (value.kind === "dataType") return { ok: false, problem: problem("functions.cells.argDataType", { argument, type: value.type, text: value.text || "—" }) };
    if (value.value === 0 && name.value !== null) return { ok: false, problem: problem("functions.findings.zero", { name: String(name.value) }) };
    pairs.push([name.value, value.value]);
  }
  return { ok: true, pairs };
}
