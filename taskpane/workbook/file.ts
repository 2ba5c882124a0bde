/**
 * Standalone mode: a claims file the user opened in the browser (.xlsx, .csv, .tsv, .txt) stands in
 * for the workbook. It is read in the page by the same reader as the command line (io/reader.ts):
 * the same encodings, delimiters, header rows, units and sheets, and the same refusals, in the
 * pane's language. Every sheet whose header names claim fields is a source (the one the command
 * line would pick first); results go to new in-memory sheets that the user downloads as one .xlsx.
 * Nothing is sent anywhere.
 */
import type { SheetSpec } from "../../io/xlsx";
import { concat, writeXlsxChunked } from "../export/xlsxWriter";
import { formatOf, readClaims, type ReadResult } from "../../io/reader";
import { ReaderError, refuse } from "../../io/errors";
import { XlsxBook } from "../../io/xlsxRead";
import type { Lang, Text } from "../../src/text";
import { a1, rectangular, uniqueSheetName, type ActiveRecord, type BlockFormat, type OutputSheet, type SourceInfo, type StandaloneBook, type TableData, XLSX_TYPE } from "./types";

interface Sheet {
  name: string;
  result: ReadResult;
}

export interface OpenOptions {
  /** The pane's language, for the messages of a file that is refused. */
  lang?: () => Lang;
}

/**
 * Read a file the user opened. A file the reader refuses (not text nor .xlsx, no claims header,
 * only a header, a unit above the header …) throws a ReaderError whose message is in the pane's
 * language; its `text` holds both languages for a screen that wants them.
 */
export async function openFile(name: string, data: ArrayBuffer, opts: OpenOptions = {}): Promise<FileWorkbook> {
  const lang = opts.lang ?? (() => "zh" as Lang);
  const bytes = new Uint8Array(data);
  try {
    // JSON lines are the command line's format; the pane opens what Excel saves
    if (formatOf(name) === "jsonl") refuse("unknown_format", "reader.paneFormats", { file: name });
    let results: ReadResult[];
    try {
      results = [readClaims(bytes, { file: name })];
    } catch (e) {
      if (!(e instanceof ReaderError) || e.code !== "many_claim_sheets") throw e;
      // several claims sheets: each is a source, the user picks one
      results = [];
      for (const s of new XlsxBook(bytes, name).sheets.filter((x) => x.state === "visible"))
        try {
          results.push(readClaims(bytes, { file: name, sheet: s.name }));
        } catch (err) {
          if (!(err instanceof ReaderError) || (err.code !== "no_header" && err.code !== "empty")) throw err;
        }
    }
    const base = name.replace(/\.(csv|tsv|txt|xlsx|xlsm)$/i, "");
    return new FileWorkbook(name, results.map((r) => ({ name: r.sheet ?? base, result: r })), lang);
  } catch (e) {
    if (e instanceof ReaderError) {
      e.message = e.say(lang());
      throw e;
    }
    throw e;
  }
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

export class FileWorkbook implements StandaloneBook {
  readonly mode = "file" as const;
  readonly outputs: MemorySheet[] = [];
  constructor(
    readonly fileName: string,
    private readonly sheets: Sheet[],
    private readonly langOf: () => Lang = () => "zh",
  ) {}

  outputCount(): number {
    return this.outputs.length;
  }

  names(): string[] {
    return [...this.sheets.map((s) => s.name), ...this.outputs.map((o) => o.name)];
  }

  async listSources(): Promise<SourceInfo[]> {
    return this.sheets.map((s) => ({ id: `sheet:${s.name}`, kind: "sheet", label: `${this.fileName} · ${s.name}`, rows: s.result.table!.rows.length }));
  }

  /** How each source was read (encoding, delimiter, sheet, header row, units, columns ignored). */
  summary(id: string): Text[] {
    return this.sheets.find((x) => `sheet:${x.name}` === id)?.result.summary ?? [];
  }

  async read(id: string, progress?: (done: number, total: number) => void): Promise<TableData> {
    const s = this.sheets.find((x) => `sheet:${x.name}` === id);
    if (!s) throw new Error(`No sheet ${id}`);
    const t = s.result.table!;
    // a row whose width differs from the header's would be read shifted: the file must be fixed first
    const bad = t.rows.find((r) => r.problem);
    if (bad) {
      const e = new ReaderError("row_width", "reader.widthMismatch", { line: bad.line, got: bad.cells.length, want: t.columns.length });
      e.message = `${this.fileName}: ${e.say(this.langOf())}`;
      throw e;
    }
    progress?.(t.rows.length, t.rows.length);
    return { label: `${this.fileName} · ${s.name}`, header: t.columns.map((c) => c.header), rows: t.rows.map((r) => r.cells), rowLines: t.rows.map((r) => r.line) };
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

  /** The named result sheets (every one made so far when omitted) as one .xlsx; the input file is not changed or included. */
  async bytes(names?: readonly string[]): Promise<Uint8Array> {
    return concat((await writeXlsxChunked(this.chosen(names)))!);
  }

  /** The same, a piece at a time with the page given back between pieces (no worker); null when stopped. */
  async download(names: readonly string[] | undefined, o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<Blob | null> {
    const pieces = await writeXlsxChunked(this.chosen(names), { cancelled: () => !!o.signal?.aborted, onProgress: o.onProgress });
    return pieces ? new Blob(pieces as BlobPart[], { type: XLSX_TYPE }) : null;
  }

  private chosen(names?: readonly string[]) {
    return (names ? this.outputs.filter((o) => names.includes(o.name)) : this.outputs).map((o) => ({ name: o.name, rows: o.cells, ...o.spec }));
  }
}
