/**
 * Reading .xlsx without trusting it: the workbook's sheet list with each sheet's visibility, and a
 * sheet's rows with the row numbers and cell addresses Excel shows. Our own reader over the zip and
 * the few OOXML parts a claims table needs (workbook, relationships, shared strings, styles, one
 * sheet), so that every refusal names the place: formulas without a cached value, cells without
 * `r=` attributes (read in order, as Excel does), a sheet's XML in chunks (never one string of the
 * whole sheet), each part's size checked before it is inflated (zip.ts). Writing stays in xlsx.ts.
 */
import { refuse } from "./errors";
import { isOle2, UncalculatedFormula } from "./container";
import { SERIAL_1904_TO_1900, SERIALS } from "../src/dates";

export { isOle2, UncalculatedFormula } from "./container";
import { bytesSource, DEFAULT_MAX_ENTRY_BYTES, inflateChunks, inflateChunksAsync, isZip, zipEntries, type ByteSource, type PartInflater, type ZipEntry } from "./zip";


export type XlsxCell = string | number | boolean | Date | null | { error: string } | UncalculatedFormula;

export interface SheetInfo {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  path: string;
}

export interface SheetRow {
  /** The sheet row number (1-based), as Excel shows it. */
  r: number;
  cells: XlsxCell[];
}

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetData {
  rows: SheetRow[];
  merges: Merge[];
}

export interface XlsxOptions {
  maxEntryBytes?: number;
  maxCellChars?: number;
  /** The host's inflater for sheets read as a stream (scan().stream()); fflate's without one. */
  inflater?: PartInflater;
  /** Tests: hand the inflated XML to the row scanner in slices of this many bytes (tags and characters cut anywhere). */
  sliceBytes?: number;
}


export class XlsxBook {
  readonly sheets: SheetInfo[] = [];
  private readonly entries: Map<string, ZipEntry>;
  private readonly limit: number;
  private readonly maxCell: number;
  private readonly slice: number;
  private readonly src: ByteSource;
  private readonly inflater: PartInflater | undefined;
  private strings: string[] | null = null;
  private dateStyles: boolean[] | null = null;
  /** The workbook uses the 1904 date system (<workbookPr date1904="1"/>). */
  date1904 = false;

  /** The bytes of the file in memory, or read where they are needed (a file too large to hold). */
  constructor(
    bytes: Uint8Array | ByteSource,
    private readonly file: string,
    opts: XlsxOptions = {},
  ) {
    this.limit = opts.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    this.maxCell = opts.maxCellChars ?? 32_767;
    this.slice = opts.sliceBytes ?? 0;
    this.inflater = opts.inflater;
    this.src = bytes instanceof Uint8Array ? bytesSource(bytes) : bytes;
    const head = this.src.read(0, 8);
    if (isOle2(head)) refuse("xls", "reader.xlsOrEncrypted", { file });
    if (!isZip(head)) refuse("not_zip", "reader.notXlsx", { file });
    this.entries = zipEntries(this.src, file);
    const rootRels = this.entries.has("_rels/.rels") ? this.text("_rels/.rels") : "";
    const wbTarget = /<(?:\w+:)?Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rootRels);
    const wbPath = wbTarget ? resolve("", attr(wbTarget[0], "Target") ?? "xl/workbook.xml") : "xl/workbook.xml";
    if (!this.entries.has(wbPath)) refuse("not_workbook", "reader.notWorkbook", { file });
    const wb = this.text(wbPath);
    this.date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(wb);
    const dir = wbPath.replace(/[^/]*$/, "");
    const relsPath = `${dir}_rels/${wbPath.slice(dir.length)}.rels`;
    const rels = new Map<string, string>();
    if (this.entries.has(relsPath))
      for (const m of this.text(relsPath).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
        const id = attr(m[0], "Id");
        const target = attr(m[0], "Target");
        if (id && target) rels.set(id, resolve(dir, target));
      }
    for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = decodeXml(attr(m[0], "name") ?? "");
      const state = attr(m[0], "state");
      const rid = /\s[\w]+:id="([^"]*)"/.exec(m[0]);
      const path = rels.get(rid?.[1] ?? "") ?? "";
      this.sheets.push({ name, state: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible", path });
    }
    const sst = [...rels.values()].find((p) => /sharedStrings\d*\.xml$/i.test(p)) ?? `${dir}sharedStrings.xml`;
    this.sstPath = this.entries.has(sst) ? sst : null;
    const styles = [...rels.values()].find((p) => /styles\d*\.xml$/i.test(p)) ?? `${dir}styles.xml`;
    this.stylesPath = this.entries.has(styles) ? styles : null;
  }

  private readonly sstPath: string | null;
  private readonly stylesPath: string | null;

  private entry(path: string): ZipEntry {
    const e = this.entries.get(path);
    if (!e) refuse("not_workbook", "reader.notWorkbook", { file: this.file });
    return e;
  }

  /** The inflated bytes of a part, as they come (in the test's slices when it asks for them). */
  private *chunks(path: string): Generator<Uint8Array, void, undefined> {
    const n = this.slice;
    for (const c of inflateChunks(this.src, this.entry(path), this.file, this.limit))
      if (n > 0) for (let i = 0; i < c.length || (i === 0 && c.length === 0); i += n) yield c.subarray(i, i + n);
      else yield c;
  }

  /** The same bytes through the host's inflater (fflate's without one). */
  private async *chunksAsync(path: string): AsyncGenerator<Uint8Array, void, undefined> {
    const n = this.slice;
    for await (const c of inflateChunksAsync(this.src, this.entry(path), this.file, this.limit, this.inflater))
      if (n > 0) for (let i = 0; i < c.length || (i === 0 && c.length === 0); i += n) yield c.subarray(i, i + n);
      else yield c;
  }

  /** A small part as text. */
  private text(path: string): string {
    const parts: string[] = [];
    const dec = new TextDecoder();
    for (const c of this.chunks(path)) parts.push(dec.decode(c, { stream: true }));
    parts.push(dec.decode());
    return parts.join("");
  }

  /**
   * A large part in pieces that each end just after a closing tag of `tag` (`</row>`, `</x:row>`), the
   * last piece the rest: every element `tag` is whole in one piece, whatever the chunks cut (a tag, an
   * entity, a character's bytes), and memory holds one chunk and one element.
   */
  private *pieces(path: string, tag: string): Generator<string, void, undefined> {
    const cut = new PieceCutter(tag);
    for (const c of this.chunks(path)) {
      const p = cut.push(c);
      if (p !== null) yield p;
    }
    yield cut.end();
  }

  /** pieces() through the host's inflater. */
  private async *piecesAsync(path: string, tag: string): AsyncGenerator<string, void, undefined> {
    const cut = new PieceCutter(tag);
    for await (const c of this.chunksAsync(path)) {
      const p = cut.push(c);
      if (p !== null) yield p;
    }
    yield cut.end();
  }

  private sharedStrings(): string[] {
    if (this.strings) return this.strings;
    const out: string[] = [];
    if (this.sstPath)
      for (const s of this.pieces(this.sstPath, "si"))
        for (const m of s.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g)) out.push(m[1] === undefined ? "" : runText(m[1]));
    return (this.strings = out);
  }

  private dates(): boolean[] {
    if (this.dateStyles) return this.dateStyles;
    const out: boolean[] = [];
    if (this.stylesPath) {
      const x = this.text(this.stylesPath);
      const custom = new Map<number, string>();
      for (const m of x.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) custom.set(Number(attr(m[0], "numFmtId")), decodeXml(attr(m[0], "formatCode") ?? ""));
      const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(x)?.[1] ?? "";
      for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
        const id = Number(attr(m[0], "numFmtId") ?? 0);
        out.push(isDateFormat(id, custom.get(id)));
      }
    }
    return (this.dateStyles = out);
  }

  /** The uncompressed size a sheet's part declares (the zip's directory; checked while it is inflated). */
  declaredSize(info: SheetInfo): number {
    return this.entries.get(info.path)?.size ?? 0;
  }

  /** Every row of a sheet that has a cell, with its number, and the sheet's merged ranges. */
  readSheet(info: SheetInfo, maxRows = Infinity): SheetData {
    const rows: SheetRow[] = [];
    const merges: Merge[] = [];
    const scan = this.scan(info);
    let done = false;
    for (const piece of scan.pieces) {
      // the rest of the sheet is still inflated (its size checked to the end) but not parsed
      if (done) continue;
      scan.rows(piece, (row) => {
        rows.push(row);
        if (rows.length >= maxRows) return (done = true), false;
        return true;
      });
      if (!done) scan.merges(piece, merges);
    }
    return { rows, merges };
  }

  /**
   * A sheet read as a stream: its XML in pieces (inflated as they are asked for), and the parsers of
   * a piece's rows (each row that has a cell, in order) and merged ranges. The row numbering carries
   * from piece to piece (rows without `r=` follow the row before).
   */
  scan(info: SheetInfo): {
    pieces: Generator<string, void, undefined>;
    /** The same pieces inflated by the host's inflater (XlsxOptions.inflater), for a reader that can wait. */
    stream(): AsyncGenerator<string, void, undefined>;
    rows(piece: string, onRow: (row: SheetRow) => boolean): void;
    /**
     * The width of each row that has a cell (its last cell holding a value, + 1), without the values of
     * the cells before it: what a first pass needs below the rows it reads whole. The values it skips
     * are read, and refused if they must be, by the pass that reads the rows.
     */
    widths(piece: string, onWidth: (width: number) => void): void;
    merges(piece: string, into: Merge[]): void;
  } {
    if (!info.path || !this.entries.has(info.path)) refuse("not_workbook", "reader.notWorkbook", { file: this.file });
    const strings = this.sharedStrings();
    const dates = this.dates();
    let lastRow = 0;
    const file = this.file;
    const maxCell = this.maxCell;
    const date1904 = this.date1904;
    return {
      pieces: this.pieces(info.path, "row"),
      stream: () => this.piecesAsync(info.path, "row"),
      rows(s, onRow) {
        for (const m of s.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
          const rAttr = attr(m[1]!, "r");
          const r = rAttr ? Number(rAttr) : lastRow + 1;
          lastRow = r;
          const cells: XlsxCell[] = [];
          let col = -1;
          for (const c of (m[2] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
            const a = c[1]!;
            const ref = attr(a, "r");
            col = ref ? colOf(ref) : col + 1;
            const v = cellValue(a, c[2] ?? "", strings, dates, date1904);
            if (typeof v === "string" && v.length > maxCell) refuse("cell_too_long", "reader.cellTooLong", { file, place: `${info.name}!${ref ?? `R${r}C${col + 1}`}`, limit: maxCell }, { sheet: info.name, line: r });
            if (v !== null) cells[col] = v;
          }
          for (let j = 0; j < cells.length; j++) if (cells[j] === undefined) cells[j] = null;
          if (cells.length && !onRow({ r, cells })) return;
        }
      },
      widths(s, onWidth) {
        const cols: number[] = [];
        for (const m of s.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
          const rAttr = attr(m[1]!, "r");
          lastRow = rAttr ? Number(rAttr) : lastRow + 1;
          const cells = [...(m[2] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)];
          let col = -1;
          for (let k = 0; k < cells.length; k++) {
            const ref = attr(cells[k]![1]!, "r");
            cols[k] = col = ref ? colOf(ref) : col + 1;
          }
          // as rows() lays them out: the row is as wide as its rightmost cell that holds a value
          let w = 0;
          for (let k = cells.length - 1; k >= 0; k--) {
            if (cols[k]! + 1 <= w) continue;
            if (cellValue(cells[k]![1]!, cells[k]![2] ?? "", strings, dates, date1904) !== null) w = cols[k]! + 1;
          }
          if (w) onWidth(w);
        }
      },
      merges(s, into) {
        // merged ranges follow the rows: most pieces have none, and a search for the word is cheaper than the pattern
        if (s.indexOf("mergeCell") < 0) return;
        for (const mc of s.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
          const ref = attr(mc[0], "ref");
          const mm = ref ? /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref) : null;
          if (mm) into.push({ top: Number(mm[2]), left: colOf(mm[1]!), bottom: Number(mm[4]), right: colOf(mm[3]!) });
        }
      },
    };
  }
}

/** Inflated bytes cut into pieces that end after a closing tag (XlsxBook.pieces). */
class PieceCutter {
  private readonly dec = new TextDecoder();
  private pending = "";
  constructor(private readonly tag: string) {}
  /** The next piece, or null while no closing tag has come. */
  push(c: Uint8Array): string | null {
    const from = this.pending.length;
    this.pending += this.dec.decode(c, { stream: true });
    const k = lastClose(this.pending, this.tag, from);
    if (k <= 0) return null;
    const p = this.pending.slice(0, k);
    this.pending = this.pending.slice(k);
    return p;
  }
  /** The rest. */
  end(): string {
    return this.pending + this.dec.decode();
  }
}

/**
 * Where the last piece may end in `s`: just after its last closing tag `</tag>` or `</prefix:tag>`,
 * or 0. Only the text from `from` on can hold a new one (what came before was searched already), but a
 * tag cut by a chunk starts up to a few characters before it.
 */
function lastClose(s: string, tag: string, from: number): number {
  const end = `${tag}>`;
  const floor = Math.max(0, from - 40);
  for (let k = s.lastIndexOf(end); k >= floor && k > 0; k = s.lastIndexOf(end, k - 1)) {
    let i = k - 1;
    if (s.charCodeAt(i) === 58 /* : */) {
      i--;
      while (i > 0 && /\w/.test(s[i]!)) i--;
    }
    if (s.charCodeAt(i) === 47 /* / */ && s.charCodeAt(i - 1) === 60 /* < */) return k + end.length;
  }
  return 0;
}

function cellValue(a: string, inner: string, strings: string[], dates: boolean[], date1904: boolean): XlsxCell {
  const t = attr(a, "t") ?? "n";
  if (t === "inlineStr") {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1];
    return is === undefined ? null : runText(is);
  }
  const v = inner === "" ? undefined : /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
  if (v === undefined || (v === "" && t !== "str")) {
    // a formula only matters for a cell without a value (written without one: not calculated)
    const f = inner === "" ? null : /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(inner);
    return f ? new UncalculatedFormula(decodeXml(f[1] ?? "")) : null;
  }
  switch (t) {
    case "s":
      return strings[Number(v)] ?? "";
    case "str":
      return decodeXml(v);
    case "b":
      return v === "1" || v === "true";
    case "e":
      return { error: decodeXml(v) };
    case "d":
      return decodeXml(v);
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeXml(v);
      const s = Number(attr(a, "s") ?? 0);
      if (dates[s]) {
        const serial = date1904 ? n + SERIAL_1904_TO_1900 : n;
        return new Date(Math.round((serial - SERIALS["1900"].epoch) * 86_400_000));
      }
      return n;
    }
  }
}

/** The text of a string item: its runs' <t>, phonetic guides (<rPh>) left out. */
function runText(x: string): string {
  const s = x.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let out = "";
  for (const m of s.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += m[1];
  return decodeXml(out);
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATES.has(id);
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/**
 * An attribute's value in a start tag's attribute text: the first `name="…"` (after the start or a
 * white-space character), else the first `name='…'`, as the patterns /(?:^|\s)name="([^"]*)"/ and
 * /(?:^|\s)name='([^']*)'/ find it (test/xlsx-attr.test.ts checks it against them). A scan with
 * indexOf rather than the patterns: attr runs three times for every cell of a sheet, and each match
 * was an array made and dropped (a seventh of reading a 1e5-row .xlsx).
 */
export function attr(tag: string, name: string): string | undefined {
  return quoted(tag, name, '"') ?? quoted(tag, name, "'");
}

function quoted(tag: string, name: string, q: string): string | undefined {
  const key = name + "=" + q;
  for (let p = tag.indexOf(key); p >= 0; p = tag.indexOf(key, p + 1)) {
    if (p > 0 && !isSpace(tag.charCodeAt(p - 1))) continue;
    const start = p + key.length;
    const end = tag.indexOf(q, start);
    // without a closing quote here there is none after a later start either
    return end < 0 ? undefined : tag.slice(start, end);
  }
  return undefined;
}

/** /\s/ on one UTF-16 unit (every character of \s is one). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function colOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function resolve(dir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = (dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** XML entities and OOXML's _xHHHH_ escapes. */
export function decodeXml(s: string): string {
  if (s.indexOf("&") < 0 && s.indexOf("_x") < 0) return s;
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
      e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : codePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export { DEFAULT_MAX_ENTRY_BYTES };

function codePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\uFFFD";
}
