/**
 * CSV as Excel writes and reads it: RFC 4180 quoting, CRLF or LF, an optional UTF-8 BOM (Excel needs
 * it to open Chinese text correctly, so we write it).
 */
import { ByteSink, utf8At } from "./utf8";
import { yuanAt } from "../src/money";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @ first, or a tab or carriage return) gets a
 * leading apostrophe, so a claim's name or id can never become a formula in a report opened in Excel
 * (CSV injection). Numbers, and numeric text such as -12.50, are left as they are.
 */
export function guardFormula(s: string): string {
  const c = s.charCodeAt(0);
  // = + - @ tab CR first: only then the patterns
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return s;
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

function quote(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? guardFormula(v) : String(v);
  return needsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** /[",\r\n]/ anywhere, or /\s/ first or last: the regular expressions only where a character scan cannot decide. */
function needsQuotes(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 13 || c === 10) return true;
  }
  return edgeSpace(s, 0) || edgeSpace(s, n - 1);
}

/** Is s[i] a /\s/ character (all of them are one UTF-16 unit; printable ASCII never is)? */
function edgeSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c <= 32 || c >= 0xa0) && /\s/.test(s.charAt(i));
}

export function toCsv(rows: readonly (readonly unknown[])[], bom = true): string {
  return (bom ? "\uFEFF" : "") + rows.map(csvRow).join("\r\n") + "\r\n";
}

/** One CSV record, without its line end (toCsv's rows, for a report written a row at a time). */
export function csvRow(r: readonly unknown[]): string {
  return r.map(quote).join(",");
}

/**
 * CSV records written as UTF-8 bytes into large buffers handed on when full: `row(r)` writes what
 * `csvRow(r) + "\r\n"` is, as bytes (each cell quoted as csvRow quotes it), without a string per row,
 * a join per batch or an encoder pass (the command line's CSV reports; a tenth of a 1e6-row audit).
 */
export class CsvBytes extends ByteSink {
  /** Cells written of the record being written (a comma goes before each but the first). */
  private cells = 0;

  row(r: readonly unknown[]): void {
    for (let j = 0; j < r.length; j++) this.cell(r[j]);
    this.end();
  }

  /** The next cell of the record, quoted as csvRow quotes it. */
  cell(v: unknown): void {
    const s = v === null || v === undefined ? "" : typeof v === "string" ? guardFormula(v) : String(v);
    const q = needsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s;
    this.room(q.length * 3 + 1);
    if (this.cells++) this.buf[this.at++] = 0x2c;
    this.at = utf8At(this.buf, this.at, q);
  }

  /** The next cell: an amount in fen as formatYuan writes it (digits, "-" and ".": nothing to quote or guard). */
  yuan(fen: number): void {
    this.room(33);
    if (this.cells++) this.buf[this.at++] = 0x2c;
    this.at = yuanAt(this.buf, this.at, fen);
  }

  /** The record's end (CRLF). */
  end(): void {
    this.room(2);
    this.buf[this.at++] = 0x0d;
    this.buf[this.at++] = 0x0a;
    this.cells = 0;
  }
}

/** Rows with a header row → records keyed by header text (empty trailing rows dropped). */
export function rowsToRecords(rows: readonly (readonly unknown[])[]): { headers: string[]; records: Record<string, unknown>[] } {
  if (rows.length === 0) return { headers: [], records: [] };
  const headers = rows[0]!.map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const records: Record<string, unknown>[] = [];
  for (const r of rows.slice(1)) {
    if (r.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) continue;
    const rec: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      if (h !== "") rec[h] = r[j];
    });
    records.push(rec);
  }
  return { headers, records };
}
