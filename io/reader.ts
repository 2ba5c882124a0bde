/**
 * The one reader of claim files, shared by the command line and the task pane: bytes and a file name
 * in, a claims table (or JSON-lines records) out, each row with the line or sheet row a user sees,
 * and a summary that says how the file was read (encoding, delimiter, sheet, header row, units,
 * columns ignored). A file that cannot be read as the person meant is refused with a ReaderError that
 * names the file and the place; nothing else escapes (a library's own error becomes `reader.broken`).
 */
import { msg, joinList, joinListTexts } from "../src/messages";
import type { Text } from "../src/text";
import { decodeText, type Encoding } from "./decode";
import { DELIMITERS, parseDelimited, type Delimiter } from "./delimited";
import { brokenReason, columnLetter, ReaderError, refuse } from "./errors";
import { buildTable, findHeader, headerScore, HEADER_SEARCH_ROWS, type ClaimTable, type GridRow } from "./table";
import { isOle2, UncalculatedFormula, XlsxBook, type SheetInfo } from "./xlsxRead";
import { DEFAULT_MAX_ENTRY_BYTES, isZip } from "./zip";
import { readTextGrid } from "./textGrid";
import { DEFAULT_MAX_CELL_CHARS, DELIMITER_NAME, formatOf, MAX_JSON_DEPTH, parseJsonLine, type JsonRecord, type ReadOptions } from "./formats";

export { DEFAULT_MAX_CELL_CHARS, DELIMITER_NAME, formatOf, MAX_JSON_DEPTH, parseJsonLine, type Format, type JsonRecord, type ReadOptions } from "./formats";



export interface ReadResult {
  format: "text" | "xlsx" | "jsonl";
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  /** CSV, TSV, text and .xlsx: the table. */
  table?: ClaimTable;
  /** JSON lines: one entry per non-blank line. */
  records?: JsonRecord[];
  /** What the summary says, line by line. */
  summary: Text[];
}


export function readClaims(bytes: Uint8Array, o: ReadOptions): ReadResult {
  const format = formatOf(o.file);
  if (!format) refuse("unknown_format", "reader.unknownFormat", { file: o.file, ext: /\.[^./\\]+$/.exec(o.file)?.[0] ?? "(none)" });
  try {
    if (bytes.length === 0) refuse("empty", "reader.empty", { file: o.file });
    if (format === "xlsx") return readXlsxClaims(bytes, o);
    if (isZip(bytes) || isOle2(bytes)) refuse("not_text", "reader.notText", { file: o.file });
    if (format === "jsonl") return readJsonLines(bytes, o);
    return readText(bytes, o);
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    // never a raw library message or a stack trace in front of a user
    throw new ReaderError("broken", "reader.broken", { file: o.file, reason: brokenReason(e) });
  }
}


function readText(bytes: Uint8Array, o: ReadOptions): ReadResult {
  const { text, encoding } = decodeText(bytes, o.file);
  if (text.trim() === "") refuse("empty", "reader.empty", { file: o.file });
  const maxCell = o.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  // The delimiter is the one under which a header row appears (ties: the extension's, then , ; tab).
  const preferred: Delimiter[] = /\.tsv$/i.test(o.file) ? ["\t", ",", ";"] : [...DELIMITERS];
  let best: { d: Delimiter; score: number } | null = null;
  let firstError: unknown = null;
  for (const d of preferred) {
    try {
      const rows = parseDelimited(text, d, o.file, maxCell, HEADER_SEARCH_ROWS).map((r) => ({ line: r.line, cells: r.cells }));
      const h = findHeader(rows);
      if (h >= 0) {
        const score = headerScore(rows[h]!.cells);
        if (!best || score > best.score) best = { d, score };
      }
    } catch (e) {
      firstError ??= e;
    }
  }
  if (!best) {
    if (firstError) throw firstError;
    refuse("no_header", "reader.noHeader", { file: o.file, rows: HEADER_SEARCH_ROWS });
  }
  const records = parseDelimited(text, best.d, o.file, maxCell);
  const grid: GridRow[] = records.map((r) => ({ line: r.line, endLine: r.endLine, cells: r.cells }));
  const h = findHeader(grid);
  if (h < 0) refuse("no_header", "reader.noHeader", { file: o.file, rows: HEADER_SEARCH_ROWS });
  const table = buildTable(grid, h, { file: o.file, strictWidth: true, delimiter: best.d, map: o.map });
  const summary = [msg("reader.summaryText", { file: o.file, encoding, delimiter: DELIMITER_NAME[best.d], line: table.headerLine, rows: table.rows.length }), ...table.notes];
  return { format: "text", encoding, delimiter: best.d, table, summary };
}

function readXlsxClaims(bytes: Uint8Array, o: ReadOptions): ReadResult {
  const book = new XlsxBook(bytes, o.file, { maxEntryBytes: o.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, maxCellChars: o.maxCellChars });
  const skipped: Text[] = [];
  const names = book.sheets.map((s) => s.name);
  const list = (xs: readonly string[]): Text => ({ zh: joinList("zh", xs), en: joinList("en", xs) });
  let chosen: SheetInfo | undefined;
  if (o.sheet !== undefined) {
    chosen = book.sheets.find((s) => s.name === o.sheet) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === o.sheet!.trim().toLowerCase());
    if (!chosen) refuse("sheet_not_found", "reader.sheetNotFound", { file: o.file, sheet: o.sheet, sheets: list(names) });
  } else {
    const candidates: SheetInfo[] = [];
    for (const s of book.sheets) {
      if (s.state !== "visible") {
        skipped.push(msg("reader.skipHidden", { sheet: s.name }));
        continue;
      }
      const probe = book.readSheet(s, HEADER_SEARCH_ROWS).rows.map((r) => ({ line: r.r, cells: r.cells }));
      if (!probe.some((r) => r.cells.some((c) => c !== null && c !== ""))) skipped.push(msg("reader.skipEmpty", { sheet: s.name }));
      else if (findHeader(probe) < 0) skipped.push(msg("reader.skipNoHeader", { sheet: s.name }));
      else candidates.push(s);
    }
    if (candidates.length === 0) {
      if (!book.sheets.length) refuse("empty", "reader.empty", { file: o.file });
      refuse("no_claims_sheet", "reader.noClaimsSheet", { file: o.file, sheets: joinListTexts(skipped) });
    }
    if (candidates.length > 1) refuse("many_claim_sheets", "reader.manyClaimSheets", { file: o.file, sheets: list(candidates.map((s) => s.name)) });
    chosen = candidates[0]!;
  }
  const data = book.readSheet(chosen);
  const grid: GridRow[] = data.rows.map((r) => ({ line: r.r, cells: r.cells }));
  if (!grid.length) refuse("empty", "reader.empty", { file: o.file });
  const h = findHeader(grid);
  if (h < 0) refuse("no_header", "reader.noHeader", { file: `${o.file} · ${chosen.name}`, rows: HEADER_SEARCH_ROWS });
  const table = buildTable(grid, h, { file: o.file, sheet: chosen.name, strictWidth: false, merges: data.merges, map: o.map, date1904: book.date1904 });
  const summary = [msg("reader.summaryXlsx", { file: o.file, sheet: chosen.name, line: table.headerLine, rows: table.rows.length }), ...table.notes];
  if (skipped.length) summary.push(msg("reader.skippedSheets", { sheets: joinListTexts(skipped) }));
  return { format: "xlsx", sheet: chosen.name, table, summary };
}


function readJsonLines(bytes: Uint8Array, o: ReadOptions): ReadResult {
  const { text, encoding } = decodeText(bytes, o.file);
  const limit = (o.maxCellChars ?? DEFAULT_MAX_CELL_CHARS) * 8;
  const records: JsonRecord[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const r = parseJsonLine(raw, i + 1, limit, MAX_JSON_DEPTH);
    if (r) records.push(r);
  });
  if (!records.length) refuse("empty", "reader.empty", { file: o.file });
  return { format: "jsonl", encoding, records, summary: [msg("reader.summaryJsonl", { file: o.file, encoding, rows: records.length })] };
}


/**
 * A table that is not a claims batch (a parameter table a user supplies, with its own headers): the
 * same decoding, delimiters, quoting rules, limits and refusals as a claims file, without the claims
 * header search. Text files take the delimiter that splits the first non-blank row into the most
 * cells; .xlsx the named sheet, else the first visible sheet that is not empty.
 */
export function readGrid(bytes: Uint8Array, o: Pick<ReadOptions, "file" | "sheet" | "maxEntryBytes" | "maxCellChars">): { rows: unknown[][]; summary: Text[] } {
  // every other file (a text table, or a kind that is not a table) is read without the .xlsx reader
  if (formatOf(o.file) !== "xlsx") return readTextGrid(bytes, o);
  try {
    if (bytes.length === 0) refuse("empty", "reader.empty", { file: o.file });
    const book = new XlsxBook(bytes, o.file, { maxEntryBytes: o.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, maxCellChars: o.maxCellChars });
    const names = book.sheets.map((s) => s.name);
    const filled = (s: SheetInfo) => book.readSheet(s, HEADER_SEARCH_ROWS).rows.some((r) => r.cells.some((c) => c !== null && c !== ""));
    const sheet = o.sheet !== undefined ? book.sheets.find((s) => s.name === o.sheet) : book.sheets.find((s) => s.state === "visible" && filled(s));
    if (!sheet) {
      if (o.sheet !== undefined) refuse("sheet_not_found", "reader.sheetNotFound", { file: o.file, sheet: o.sheet, sheets: { zh: joinList("zh", names), en: joinList("en", names) } });
      refuse("empty", "reader.empty", { file: o.file });
    }
    const data = book.readSheet(sheet).rows;
    let formulas = 0;
    let first = "";
    for (const r of data)
      r.cells.forEach((c, j) => {
        if (c instanceof UncalculatedFormula && formulas++ === 0) first = `${sheet.name}!${columnLetter(j)}${r.r}`;
      });
    if (formulas) refuse("formula_uncalculated", "reader.formulaUncalculated", { file: o.file, place: first, count: formulas });
    const rows = data.map((r) => r.cells as unknown[]);
    return { rows, summary: [msg("reader.summaryXlsx", { file: o.file, sheet: sheet.name, line: 1, rows: rows.length })] };
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    throw new ReaderError("broken", "reader.broken", { file: o.file, reason: brokenReason(e) });
  }
}
