/**
 * The one .xlsx writer, for the command line's reports and the task pane's downloads (through
 * taskpane/export/xlsxWriter.ts, which adds steps, progress and cancel for its Worker). Rows go out as
 * they are made, zipped by fflate's streaming Zip (each part deflated by fflate, or by a host's native
 * deflater: PartDeflater), and memory holds a piece of 64 KiB of the part's XML and the deflater's
 * window, whatever the number of rows; a row's XML is written as UTF-8 bytes straight into that piece
 * (no string per row, no join, no encoder pass: 15% of the 1e5-row audit report's time); text is
 * written inline in the cells (the command line), or as shared strings (the pane's downloads: the
 * table of distinct strings is kept until the end). Our own writer over fflate (already the reader's
 * inflater) rather than ExcelJS's WorkbookWriter: ExcelJS streams through Node streams only (not in
 * the browser or a Worker), keeps shared strings in memory, and is several times slower per cell;
 * the few OOXML parts a report needs are small and written here: inline strings, one styles part
 * (bold header, the report's number formats, the fills of conditional formatting), frozen header
 * rows, column widths, an autofilter and conditional formatting (text contains, non-zero in red), as
 * the task pane and io/xlsx.ts write them.
 *
 * Works the same in Node, the browser and a Worker: bytes leave through `onData`.
 */
import { Zip, ZipDeflate, type ZipInputFile } from "fflate";
import { PRODUCT_NAME } from "../src/messages";
import { columnLetter } from "./errors";
import { asciiBytes, bytesAt, utf8At } from "./utf8";
import { digitsAt } from "../src/money";

export interface StreamSheetOptions {
  /** The sheet's name (characters a sheet name cannot hold, : \ / ? * [ ], become spaces; at most 31). */
  name: string;
  /** Column widths in characters (a column without one, 0 or a hole, keeps Excel's). */
  widths?: readonly (number | undefined)[];
  /** Rows frozen at the top. */
  freezeRows?: number;
  /** Rows (0-based) in bold. */
  boldRows?: number[];
  /** Number format of each column's cells below the bold header (by index; "General" or undefined for none). */
  columnFormats?: readonly (string | undefined)[];
  /** Blocks of cells (0-based) with a number format, for sheets holding several small tables (a later block wins where they overlap). */
  cellFormats?: readonly { row: number; col: number; rows: number; cols: number; numFmt: string }[];
  /** An autofilter over every row written, from the first, across this many columns. */
  autoFilterColumns?: number;
  /** An autofilter over a range known in advance (A1 notation, its first row the header): a table not at the top left. */
  autoFilter?: string;
  /**
   * Conditional formatting: a fill (and font colour, "#RRGGBB") where a cell contains a text; over a
   * column below the header down to the last row written, or over a range (A1 notation) given.
   */
  highlights?: readonly ({ text: string; fill: string; font?: string } & ({ column: number } | { ref: string }))[];
  /** Conditional formatting: non-zero numbers in red, of a column below the header (a number) or of a range (A1 notation). */
  nonZeroRed?: readonly (number | string)[];
}

export interface XlsxWriterOptions {
  /** Text as shared strings (one table at the end, each distinct text once) instead of inline in the cells. */
  sharedStrings?: boolean;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Built-in number formats (ECMA-376 18.8.30) and ours from 164 on. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

/** Text as XML character data: the five entities, and characters XML cannot hold as OOXML's _xHHHH_. */
export function xmlText(s: string): string {
  if (!/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/**
 * How a part is deflated: fflate's ZipDeflate by default (it runs anywhere); a host with a native
 * deflater passes its own (the command line: cli/nodeZip.ts, Node's zlib).
 */
export type PartDeflater = (filename: string, level: number) => ZipInputFile & { push(chunk: Uint8Array, final: boolean): void };
const fflateDeflater: PartDeflater = (filename, level) => new ZipDeflate(filename, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });

/** Sheet names in workbook.xml: at most 31 characters, none of : \ / ? * [ ] (Excel refuses them). */
const sheetName = (n: string) => n.replace(/[:\\/?*[\]]/g, " ").slice(0, 31);

/** The number formats of a sheet's blocks, painted per column (format id + 1; 0: none), a later block over an earlier. */
function paint(blocks: StreamSheetOptions["cellFormats"], fmtId: (code: string) => number): Map<number, Uint16Array> {
  const cols = new Map<number, Uint16Array>();
  if (!blocks?.length) return cols;
  const height = blocks.reduce((h, b) => Math.max(h, b.row + b.rows), 0);
  for (const b of blocks) {
    const f = fmtId(b.numFmt) + 1;
    for (let j = b.col; j < b.col + b.cols; j++) {
      let c = cols.get(j);
      if (!c) cols.set(j, (c = new Uint16Array(height)));
      c.fill(f, Math.max(0, b.row), Math.min(height, b.row + b.rows));
    }
  }
  return cols;
}

/** The distinct texts of the cells written as shared strings, in the order first written. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

/** Whitespace at either end, kept by xml:space="preserve". */
const EDGE_SPACE = /^\s|\s$/;

/** EDGE_SPACE.test(t), without the pattern for text that starts and ends with a printable ASCII character (most cells). */
function edgeSpace(t: string): boolean {
  const a = t.charCodeAt(0);
  const b = t.charCodeAt(t.length - 1);
  return !(a > 32 && a < 127 && b > 32 && b < 127) && EDGE_SPACE.test(t);
}

/** Bytes of a part gathered before they go to its deflater (a row may end past it), and room beyond. */
const PIECE = 1 << 16;
const SLACK = 1 << 12;

const ROW_OPEN = asciiBytes('<row r="');
const ROW_CLOSE = asciiBytes("</row>");
const NUM_OPEN = asciiBytes("><v>");
const NUM_CLOSE = asciiBytes("</v></c>");
const BOOL_TRUE = asciiBytes(' t="b"><v>1</v></c>');
const BOOL_FALSE = asciiBytes(' t="b"><v>0</v></c>');
const SHARED_OPEN = asciiBytes(' t="s"><v>');
const INLINE_OPEN = asciiBytes(' t="inlineStr"><is><t>');
const INLINE_OPEN_PRESERVE = asciiBytes(' t="inlineStr"><is><t xml:space="preserve">');
const INLINE_CLOSE = asciiBytes("</t></is></c>");
/** A cell's start without its row number (`<c r="XFD" s="65535"`) and its longest tail but the text. */
const MAX_CELL_OPEN = 32;
const MAX_CELL_TAIL = INLINE_OPEN_PRESERVE.length + INLINE_CLOSE.length + 8;

/** s, known to be ASCII (a number as text), at b[at…]; the position after it. */
function asciiAt(b: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[at + i] = s.charCodeAt(i);
  return at + s.length;
}

/**
 * Is v the double nearest a decimal of at most two decimals and 15 significant digits (an amount in
 * yuan, a count)? Such a decimal is the shortest that reads back as v (every decimal of 15 digits
 * does; DBL_DIG), so String(v) is that decimal, its trailing zeros dropped: numberAt writes it.
 */
export function fewDecimals(v: number): boolean {
  const r = Math.round(v * 100);
  return Math.abs(r) < 1e15 && r / 100 === v;
}

/** String(v) for a v that fewDecimals accepts, as ASCII at b[at…] (at most 19 bytes); the position after it. */
export function numberAt(b: Uint8Array, at: number, v: number): number {
  let r = Math.round(v * 100);
  if (r < 0) {
    b[at++] = 0x2d;
    r = -r;
  }
  const whole = Math.floor(r / 100);
  const cents = r - whole * 100;
  at = digitsAt(b, at, whole);
  if (cents) {
    b[at++] = 0x2e;
    b[at++] = 0x30 + Math.floor(cents / 10);
    if (cents % 10) b[at++] = 0x30 + (cents % 10);
  }
  return at;
}

export class XlsxStreamWriter {
  private readonly zip: Zip;
  private readonly enc = new TextEncoder();
  private readonly sheets: { name: string; filter?: string }[] = [];
  private readonly formats = new Map<string, number>();
  /** Cell styles: [numFmtId, bold]; index 0 is the default. */
  private readonly xfs: [number, boolean][] = [[0, false]];
  private readonly xfIndex = new Map<number, number>([[0, 0]]);
  private readonly dxfs: string[] = [];
  private readonly sst: SharedStrings | null;
  private cur: {
    file: ReturnType<PartDeflater>;
    o: StreamSheetOptions;
    rows: number;
    /** The part's next bytes, handed to the deflater when past PIECE (a new buffer each time: a deflater off the thread keeps the one it was given). */
    buf: Uint8Array;
    at: number;
    colStyle: number[];
    boldStyle: number;
    bold: Set<number>;
    painted: Map<number, Uint16Array>;
  } | null = null;
  private letters: string[] = [];
  /** `<c r="` and each column's letters, as bytes. */
  private readonly opens: Uint8Array[] = [];
  /** ` s="12"` (a cell's style attribute), as bytes, by style index. */
  private readonly styleAttrs: Uint8Array[] = [];
  private error: unknown = null;
  /** Settled when the zip's last bytes have gone to `onData` (a native deflater may finish after `end`), or with the first error. */
  private readonly done: Promise<void>;
  private settle!: { resolve: () => void; reject: (e: unknown) => void };

  constructor(
    onData: (chunk: Uint8Array, final: boolean) => void,
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 1,
    private readonly deflater: PartDeflater = fflateDeflater,
    opts: XlsxWriterOptions = {},
  ) {
    this.sst = opts.sharedStrings ? new SharedStrings() : null;
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    // awaited by who asks (finished); a failure nobody awaits is still thrown by the next row, endSheet or end
    this.done.catch(() => {});
    this.zip = new Zip((err, data, final) => {
      if (this.error) return;
      try {
        if (err) throw err;
        onData(data, final);
      } catch (e) {
        // a write that failed (a full disk) or the zip's own error: the run stops at its next call
        this.error = e;
        this.settle.reject(e);
        return;
      }
      if (final) this.settle.resolve();
    });
  }

  /**
   * Resolves when every byte of the finished zip has gone to `onData`; rejects with the first error.
   * With a deflater that works off the thread (cli/nodeZip.ts DeflatePool) that is later than `end`:
   * a report is committed only after this.
   */
  finished(): Promise<void> {
    return this.done;
  }

  private fmtId(numFmt: string | undefined): number {
    if (numFmt === undefined || numFmt === "General") return 0;
    const b = BUILTIN_FORMATS[numFmt];
    if (b !== undefined) return b;
    let id = this.formats.get(numFmt);
    if (id === undefined) this.formats.set(numFmt, (id = 164 + this.formats.size));
    return id;
  }

  /** The cellXfs index of a number format (by id) and weight. */
  private xf(id: number, bold: boolean): number {
    const key = id * 2 + (bold ? 1 : 0);
    let x = this.xfIndex.get(key);
    if (x === undefined) {
      x = this.xfs.length;
      this.xfs.push([id, bold]);
      this.xfIndex.set(key, x);
    }
    return x;
  }

  private letter(j: number): string {
    while (this.letters.length <= j) this.letters.push(columnLetter(this.letters.length));
    return this.letters[j]!;
  }

  private file(path: string): ReturnType<PartDeflater> {
    const f = this.deflater(path, this.level);
    this.zip.add(f);
    return f;
  }

  private small(path: string, xml: string): void {
    const f = this.file(path);
    f.push(this.enc.encode(xml), true);
  }

  /** Begin a sheet; rows follow with `row`, then `endSheet`. */
  startSheet(o: StreamSheetOptions): void {
    if (this.cur) this.endSheet();
    const index = this.sheets.length + 1;
    this.sheets.push({ name: sheetName(o.name) });
    const file = this.file(`xl/worksheets/sheet${index}.xml`);
    const colStyle = (o.columnFormats ?? []).map((f) => this.xf(this.fmtId(f), false));
    this.cur = { file, o, rows: 0, buf: new Uint8Array(PIECE + SLACK), at: 0, colStyle, boldStyle: this.xf(0, true), bold: new Set(o.boldRows ?? []), painted: paint(o.cellFormats, (c) => this.fmtId(c)) };
    let x = `${HEAD}<worksheet ${NS}>`;
    const freeze = o.freezeRows ?? 0;
    x += freeze > 0 ? `<sheetViews><sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ""}><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` : `<sheetViews><sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ""}/></sheetViews>`;
    x += '<sheetFormatPr defaultRowHeight="15"/>';
    let cols = "";
    for (let j = 0; j < (o.widths?.length ?? 0); j++) if (o.widths![j]) cols += `<col min="${j + 1}" max="${j + 1}" width="${o.widths![j]}" customWidth="1"/>`;
    if (cols) x += `<cols>${cols}</cols>`;
    x += "<sheetData>";
    this.put(x);
  }

  /** Text into the current part, as UTF-8. */
  private put(s: string): void {
    const c = this.cur!;
    this.room(s.length * 3);
    c.at = utf8At(c.buf, c.at, s);
    if (c.at > PIECE) this.drain();
  }

  /** Room for n more bytes in the current part's buffer (what is there handed on first). */
  private room(n: number): void {
    const c = this.cur!;
    if (c.at + n <= c.buf.length) return;
    this.drain();
    if (n > c.buf.length) c.buf = new Uint8Array(n + SLACK);
  }

  private drain(): void {
    const c = this.cur!;
    if (!c.at) return;
    const piece = c.buf.subarray(0, c.at);
    // a piece's size again (room grows it for a cell longer than a piece, for that cell only)
    c.buf = new Uint8Array(PIECE + SLACK);
    c.at = 0;
    c.file.push(piece, false);
    if (this.error) throw this.error;
  }

  /**
   * The next row of the current sheet: strings, numbers, booleans, dates (as their day, yyyy-mm-dd);
   * null, undefined and "" leave the cell empty, a number that is not finite too.
   */
  row(cells: readonly unknown[] | undefined): void {
    const c = this.cur!;
    const r = ++c.rows;
    const bold = c.bold.has(r - 1);
    const painted = c.painted.size ? c.painted : null;
    // the first row of a sheet with a header (bold or frozen) takes no column format
    const header = r === 1 && (c.bold.size > 0 || (c.o.freezeRows ?? 0) > 0);
    const rs = String(r);
    const n = cells?.length ?? 0;
    // the row's start and end, and per cell its start (`<c r="` + letters + row number + style) and value
    this.room(ROW_OPEN.length + rs.length + 2 + ROW_CLOSE.length);
    let b = c.buf;
    let at = bytesAt(b, c.at, ROW_OPEN);
    at = asciiAt(b, at, rs);
    b[at++] = 0x22; // "
    b[at++] = 0x3e; // >
    c.at = at;
    for (let j = 0; j < n; j++) {
      const v = cells![j];
      if (v === null || v === undefined || v === "") continue;
      let s = bold ? c.boldStyle : header ? 0 : (c.colStyle[j] ?? 0);
      if (painted) {
        const f = painted.get(j)?.[r - 1];
        if (f) s = this.xf(f - 1, bold);
      }
      if (typeof v === "number" && !Number.isFinite(v)) continue;
      // what the cell holds, as text; its length bounds the bytes it takes (at most 6 per UTF-16 unit, escaped)
      let t: string;
      let kind: 0 | 1 | 2 | 3 | 4; // number, boolean, shared string, inline string (3: its edge spaces kept)
      if (typeof v === "number") {
        // an amount (two decimals at most) or an integer is written digit by digit below; others as String gives them
        t = fewDecimals(v) ? "" : String(v);
        kind = 0;
      } else if (typeof v === "boolean") {
        t = v ? "1" : "0";
        kind = 1;
      } else {
        const text = typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        if (this.sst) {
          t = String(this.sst.id(text));
          kind = 2;
        } else {
          t = xmlText(text);
          kind = edgeSpace(text) ? 3 : 4;
        }
      }
      this.room(MAX_CELL_OPEN + rs.length + MAX_CELL_TAIL + t.length * 3 + ROW_CLOSE.length);
      b = c.buf;
      at = bytesAt(b, c.at, (this.opens[j] ??= asciiBytes('<c r="' + this.letter(j))));
      at = asciiAt(b, at, rs);
      if (s) at = bytesAt(b, at, (this.styleAttrs[s] ??= asciiBytes('" s="' + s + '"')));
      else b[at++] = 0x22;
      if (kind === 0) {
        at = bytesAt(b, at, NUM_OPEN);
        at = t === "" ? numberAt(b, at, v as number) : asciiAt(b, at, t);
        at = bytesAt(b, at, NUM_CLOSE);
      } else if (kind === 1) at = bytesAt(b, at, t === "1" ? BOOL_TRUE : BOOL_FALSE);
      else if (kind === 2) {
        at = bytesAt(b, at, SHARED_OPEN);
        at = asciiAt(b, at, t);
        at = bytesAt(b, at, NUM_CLOSE);
      } else {
        at = bytesAt(b, at, kind === 3 ? INLINE_OPEN_PRESERVE : INLINE_OPEN);
        at = utf8At(b, at, t);
        at = bytesAt(b, at, INLINE_CLOSE);
      }
      c.at = at;
    }
    c.at = bytesAt(c.buf, c.at, ROW_CLOSE);
    if (c.at > PIECE) this.drain();
  }

  /** Close the current sheet (its autofilter and conditional formatting cover the rows written). */
  endSheet(): void {
    const c = this.cur;
    if (!c) return;
    const o = c.o;
    let x = "</sheetData>";
    const last = Math.max(c.rows, 1);
    const filter = o.autoFilter ?? (o.autoFilterColumns ? `A1:${this.letter(o.autoFilterColumns - 1)}${last}` : undefined);
    if (filter) {
      this.sheets[this.sheets.length - 1]!.filter = filter;
      x += `<autoFilter ref="${xmlText(filter)}"/>`;
    }
    let priority = 1;
    const below = (j: number) => `${this.letter(j)}2:${this.letter(j)}${Math.max(last, 2)}`;
    for (const h of o.highlights ?? []) {
      const dxf = this.dxfs.push(`<dxf>${h.font ? `<font><color rgb="FF${h.font.replace("#", "")}"/></font>` : ""}<fill><patternFill patternType="solid"><bgColor rgb="FF${h.fill.replace("#", "")}"/></patternFill></fill></dxf>`) - 1;
      const ref = "ref" in h ? h.ref : below(h.column);
      const first = ref.split(":")[0]!;
      x += `<conditionalFormatting sqref="${xmlText(ref)}"><cfRule type="containsText" dxfId="${dxf}" priority="${priority++}" operator="containsText" text="${xmlText(h.text)}"><formula>NOT(ISERROR(SEARCH("${xmlText(h.text.replace(/"/g, '""'))}",${first})))</formula></cfRule></conditionalFormatting>`;
    }
    for (const j of o.nonZeroRed ?? []) {
      const dxf = this.dxfs.push('<dxf><font><color rgb="FFC50F1F"/></font></dxf>') - 1;
      x += `<conditionalFormatting sqref="${xmlText(typeof j === "number" ? below(j) : j)}"><cfRule type="cellIs" dxfId="${dxf}" priority="${priority++}" operator="notEqual"><formula>0</formula></cfRule></conditionalFormatting>`;
    }
    x += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.put(x);
    this.drain();
    c.file.push(new Uint8Array(0), true);
    this.cur = null;
    if (this.error) throw this.error;
  }

  /** A whole small sheet at once. */
  sheet(o: StreamSheetOptions, rows: readonly (readonly unknown[] | undefined)[]): void {
    this.startSheet(o);
    for (const r of rows) this.row(r);
    this.endSheet();
  }

  /** Stop: the zip is left unfinished and nothing more is handed on (a cancelled download). */
  abort(): void {
    this.cur = null;
    this.zip.terminate();
    this.settle.reject(new Error("the .xlsx writer was stopped"));
  }

  /** The shared strings part, in pieces (it can be large). */
  private sharedStringsPart(): void {
    const sst = this.sst!;
    const f = this.file("xl/sharedStrings.xml");
    f.push(this.enc.encode(`${HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.count}" uniqueCount="${sst.list.length}">`), false);
    for (let i = 0; i < sst.list.length; i += 5000) {
      let out = "";
      for (let k = i; k < Math.min(sst.list.length, i + 5000); k++) {
        const t = sst.list[k]!;
        out += `<si><t${EDGE_SPACE.test(t) ? ' xml:space="preserve"' : ""}>${xmlText(t)}</t></si>`;
      }
      f.push(this.enc.encode(out), false);
    }
    f.push(this.enc.encode("</sst>"), true);
  }

  /** Write the workbook's parts and finish the zip. */
  end(): void {
    if (this.cur) this.endSheet();
    const n = this.sheets.length;
    const shared = this.sst !== null;
    if (shared) this.sharedStringsPart();
    const sheetTypes = this.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("");
    this.small(
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetTypes}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ""}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    );
    this.small(
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    this.small(
      "docProps/core.xml",
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(PRODUCT_NAME)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    this.small("docProps/app.xml", `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(PRODUCT_NAME)}</Application></Properties>`);
    const defined = this.sheets.flatMap((s, i) => (s.filter ? [`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name.replace(/'/g, "''"))}'!$${s.filter.replace(/:/, ":$").replace(/([A-Z]+)(\d+)/g, "$1$$$2")}</definedName>`] : []));
    this.small(
      "xl/workbook.xml",
      `${HEAD}<workbook ${NS}><bookViews><workbookView/></bookViews><sheets>${this.sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>${defined.length ? `<definedNames>${defined.join("")}</definedNames>` : ""}</workbook>`,
    );
    this.small(
      "xl/_rels/workbook.xml.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${shared ? `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    );
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join("");
    this.small(
      "xl/styles.xml",
      `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmts ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : ""}<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${this.xfs.length}">${this.xfs.map(([f, b]) => `<xf numFmtId="${f}" fontId="${b ? 1 : 0}" fillId="0" borderId="0" xfId="0"${f ? ' applyNumberFormat="1"' : ""}${b ? ' applyFont="1"' : ""}/>`).join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs></styleSheet>`,
    );
    this.zip.end();
    if (this.error) throw this.error;
  }
}
