/**
 * What the pane needs from a workbook, whether it is the open Excel workbook (Office.js) or a file
 * the user opened in a plain browser (standalone mode). Reads never change anything; writes go only
 * to sheets the pane creates itself (newSheet), or to the selection when the user asks to insert.
 */
import type { Text } from "../../src/text";
import type { DateSystem } from "../../src/dates";

/** A table the user can pick: the selection, a named table, or the used range of a sheet. */
export interface SourceInfo {
  id: string;
  kind: "selection" | "table" | "sheet";
  /** What the user sees: 当前选区 A1:K35, 表 Claims, 工作表 Sheet1 … */
  label: string;
  /** Rows below the header, when known without reading. */
  rows?: number;
}

export interface TableData {
  /** Where it came from, for the report (sheet and address, or file and sheet). */
  label: string;
  header: unknown[];
  rows: unknown[][];
  /** The line (CSV) or sheet row (.xlsx) a user sees for each row, when known (title rows and blank lines counted). */
  rowLines?: number[];
  /**
   * The open workbook's date system as it was when these cells were read (Excel only): a date cell's
   * number is a serial of it, and every reading of the rows as claims is told so. A file's rows need
   * none (its reader turns a 1904 workbook's date cells into dates); absent, the 1900 system.
   */
  dateSystem?: DateSystem;
}

/** How a block of an output sheet looks. Columns are 0-based within the block. */
export interface BlockFormat {
  /** Number format per column ("0.00" yuan, "@" text, "General"). */
  columnFormats?: string[];
  /** Cells of `column` whose text is exactly `text` get a fill (conditional formatting). */
  highlights?: { column: number; text: string; fill: string; font?: string }[];
  /** Columns whose non-zero numbers show in red (conditional formatting). */
  nonZeroRed?: number[];
  /** Bold first row, frozen below it. */
  headerRow?: boolean;
  /** Column widths in characters. */
  widths?: number[];
  /** An autofilter over the block (its first row the header). */
  autoFilter?: boolean;
}

export interface OutputSheet {
  readonly name: string;
  /**
   * Write a block of values with its top-left at (row, col), 0-based: one values assignment and one
   * sync. Text columns are formatted as text first, so a value like "=1+1" stays text.
   */
  write(row: number, col: number, values: unknown[][], columnFormats?: string[]): Promise<void>;
  /** Conditional formatting and widths over rows [top, top + rows) of the block at column col. */
  format(top: number, col: number, rows: number, width: number, f: BlockFormat): Promise<void>;
  /** Rename (a cancelled run becomes "… (未完成)"); returns the name actually given. */
  rename(base: string): Promise<string>;
  activate(): Promise<void>;
}

export interface ActiveRecord {
  label: string;
  header: unknown[];
  row: unknown[];
  /** As TableData.dateSystem. */
  dateSystem?: DateSystem;
}

export interface Workbook {
  readonly mode: "excel" | "file";
  listSources(): Promise<SourceInfo[]>;
  /** Read a source in chunks (progress after each); the signal stops it between chunks. */
  read(id: string, progress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<TableData>;
  /** A new, empty sheet named `base` (or `base 2`, `base 3` … when taken). Never an existing sheet. */
  newSheet(base: string): Promise<OutputSheet>;
  /** The header and the row of the active cell, in the table or used range around it. */
  activeRecord(): Promise<ActiveRecord | null>;
  /**
   * Write values at the selection. When a target cell is not empty and `overwrite` is false nothing is
   * written and the occupied address comes back, so the pane can ask first.
   */
  insertAtSelection(values: unknown[][], overwrite: boolean): Promise<{ written: string } | { occupied: string }>;
}

/** What App needs of a standalone workbook, whichever thread holds it. */
export interface StandaloneBook extends Workbook {
  readonly mode: "file";
  readonly fileName: string;
  /** Result sheets made so far. */
  outputCount(): number;
  summary(id: string): Text[];
  /**
   * The named result sheets (all when omitted) as one .xlsx, a piece at a time; null when the
   * signal stopped it (nothing is handed over then).
   */
  download(names: readonly string[] | undefined, o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<Blob | null>;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31) || "Sheet";
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let k = 2; ; k++) {
    const suffix = ` ${k}`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An A1 address of a block, 0-based row and column. */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const tl = `${columnLetter(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? tl : `${tl}:${columnLetter(col + cols - 1)}${row + rows}`;
}

/** Pad a block to a rectangle and make every cell something Excel takes (no undefined, no NaN). */
export function rectangular(values: unknown[][]): (string | number | boolean)[][] {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return values.map((r) => {
    const out: (string | number | boolean)[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const v = r[j];
      out[j] = v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : typeof v === "object" ? String(v instanceof Date ? v.toISOString().slice(0, 10) : v) : (v as string | number | boolean);
    }
    return out;
  });
}
