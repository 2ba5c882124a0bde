/**
 * Standalone mode: a claims file the user opened in the browser (.xlsx or .csv) stands in for the
 * workbook. Its sheets are sources; results go to new in-memory sheets that the user downloads as
 * one .xlsx. The file is read in the page (FileReader → ExcelJS or the CSV parser) and nothing is
 * sent anywhere.
 */
import { parseCsv } from "../../io/csv";
import { readXlsxSheets, writeXlsx, type SheetSpec } from "../../io/xlsx";
import { a1, rectangular, uniqueSheetName, type ActiveRecord, type BlockFormat, type OutputSheet, type SourceInfo, type TableData, type Workbook } from "./types";

interface Sheet {
  name: string;
  rows: unknown[][];
}

/** Drop trailing empty rows and columns a spreadsheet program leaves behind. */
function trim(rows: unknown[][]): unknown[][] {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.every(blank)) end--;
  const kept = rows.slice(0, end);
  let width = 0;
  for (const r of kept) for (let j = r.length - 1; j >= width; j--) if (!blank(r[j])) width = j + 1;
  return kept.map((r) => r.slice(0, width));
}

export async function openFile(name: string, data: ArrayBuffer): Promise<FileWorkbook> {
  if (/\.csv$/i.test(name)) {
    const text = new TextDecoder("utf-8").decode(data);
    return new FileWorkbook(name, [{ name: name.replace(/\.csv$/i, ""), rows: trim(parseCsv(text)) }]);
  }
  if (/\.xlsx$/i.test(name)) {
    const sheets = await readXlsxSheets(new Uint8Array(data));
    return new FileWorkbook(name, sheets.map((s) => ({ name: s.name, rows: trim(s.rows) })));
  }
  throw new Error(`${name}: open an .xlsx or .csv file`);
}

class MemorySheet implements OutputSheet {
  readonly cells: unknown[][] = [];
  readonly spec: Omit<SheetSpec, "name" | "rows"> = { cellFormats: [], highlights: [], nonZeroRed: [], boldRows: [] };
  constructor(
    public name: string,
    private readonly owner: FileWorkbook,
  ) {}
  async write(row: number, col: number, values: unknown[][], columnFormats?: string[]): Promise<void> {
    const block = rectangular(values);
    block.forEach((r, i) => {
      const target = (this.cells[row + i] ??= []);
      r.forEach((v, j) => (target[col + j] = v));
    });
    (columnFormats ?? []).forEach((numFmt, j) => {
      if (numFmt !== "General") this.spec.cellFormats!.push({ row, col: col + j, rows: block.length, cols: 1, numFmt });
    });
  }
  async format(top: number, col: number, rows: number, width: number, f: BlockFormat): Promise<void> {
    const first = top + (f.headerRow ? 1 : 0);
    const ref = (j: number) => a1(first, col + j, Math.max(1, top + rows - first), 1);
    if (f.headerRow) {
      this.spec.boldRows!.push(top);
      this.spec.freezeRows = top + 1;
    }
    for (const h of f.highlights ?? []) this.spec.highlights!.push({ ref: ref(h.column), text: h.text, argb: "FF" + h.fill.replace("#", "") });
    for (const j of f.nonZeroRed ?? []) this.spec.nonZeroRed!.push(ref(j));
    if (f.autoFilter) this.spec.autoFilter = a1(top, col, Math.max(1, rows), width);
    if (f.widths) {
      const w = (this.spec.widths ??= []);
      f.widths.forEach((x, j) => (w[col + j] = Math.max(w[col + j] ?? 0, x)));
    }
  }
  async rename(base: string): Promise<string> {
    this.name = uniqueSheetName(base, this.owner.names().filter((n) => n !== this.name));
    return this.name;
  }
  async activate(): Promise<void> {}
}

export class FileWorkbook implements Workbook {
  readonly mode = "file" as const;
  readonly outputs: MemorySheet[] = [];
  constructor(
    readonly fileName: string,
    private readonly sheets: Sheet[],
  ) {}

  names(): string[] {
    return [...this.sheets.map((s) => s.name), ...this.outputs.map((o) => o.name)];
  }

  async listSources(): Promise<SourceInfo[]> {
    return this.sheets.filter((s) => s.rows.length > 0).map((s) => ({ id: `sheet:${s.name}`, kind: "sheet", label: `${this.fileName} · ${s.name}`, rows: Math.max(0, s.rows.length - 1) }));
  }

  async read(id: string, progress?: (done: number, total: number) => void): Promise<TableData> {
    const s = this.sheets.find((x) => `sheet:${x.name}` === id);
    if (!s) throw new Error(`No sheet ${id}`);
    progress?.(s.rows.length, s.rows.length);
    return { label: `${this.fileName} · ${s.name}`, header: s.rows[0] ?? [], rows: s.rows.slice(1) };
  }

  async newSheet(base: string): Promise<OutputSheet> {
    const sheet = new MemorySheet(uniqueSheetName(base, this.names()), this);
    this.outputs.push(sheet);
    return sheet;
  }

  /** Standalone mode has no active cell: the Explain screen picks a row of the loaded batch instead. */
  async activeRecord(): Promise<ActiveRecord | null> {
    return null;
  }

  /** No sheet to insert into: the Catalogs screen copies to the clipboard instead. */
  async insertAtSelection(): Promise<{ written: string } | { occupied: string }> {
    throw new Error("No workbook to insert into in standalone mode");
  }

  /** Every result sheet made so far, as one .xlsx (the input file is not changed or included). */
  async download(): Promise<Uint8Array> {
    return writeXlsx(this.outputs.map((o) => ({ name: o.name, rows: Array.from(o.cells, (r) => Array.from(r ?? [], (v) => (v === undefined ? null : v))), ...o.spec })));
  }
}
