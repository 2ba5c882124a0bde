/**
 * The pane's .xlsx download, written straight as SpreadsheetML and zipped by fflate as it goes: a
 * few thousand rows of XML at a time, the event loop given back between them (so a worker hears a
 * cancel, and the page stays responsive where it runs without one), progress after each. ExcelJS
 * builds an object per cell first: on 100 000 result rows it took 14–20 s and about 2 GB; this
 * keeps only the cells the pane already holds, the shared-strings table and the compressed bytes.
 *
 * It writes what the pane's result sheets use (the same SheetSpec fields as io/xlsx.ts): values
 * (text as shared strings, numbers, booleans), number formats by block, bold rows, a frozen top,
 * column widths, an autofilter, and conditional formats (text highlights, non-zero in red).
 * Cancelled, it returns null and nothing is handed to the user.
 */
import { Zip, ZipDeflate } from "fflate";
import type { SheetSpec } from "../../io/xlsx";
import { PRODUCT_NAME } from "../../src/messages";

export type XlsxSheet = Pick<SheetSpec, "name" | "rows" | "widths" | "freezeRows" | "freezeHeader" | "boldRows" | "cellFormats" | "highlights" | "nonZeroRed" | "autoFilter">;

export interface WriteOptions {
  /** Rows of XML per step (one push to the compressor, one yield). */
  step?: number;
  /** Checked between steps: true stops the write. */
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Each compressed piece as it is made (else they are gathered and returned). */
  onChunk?: (chunk: Uint8Array) => void;
  /** Give the event loop back between steps (default a macrotask). */
  yieldNow?: () => Promise<void>;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const enc = new TextEncoder();

// eslint-disable-next-line no-control-regex
const BAD_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text as XML character data: escaped, without the characters XML 1.0 cannot hold. */
export function xmlText(s: string): string {
  let out = s.replace(BAD_XML, "");
  if (/[&<>"]/.test(out)) out = out.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return out;
}

function colName(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Built-in number formats Excel knows by id (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Map<string, number>([["0|0", 0]]);
  private readonly xfList: { fmt: number; bold: boolean }[] = [{ fmt: 0, bold: false }];
  readonly dxfs: string[] = [];

  fmtId(code: string): number {
    const b = BUILTIN_FORMATS[code];
    if (b !== undefined) return b;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }
  /** The cellXfs index of a number format and weight. */
  xf(fmt: number, bold: boolean): number {
    const key = `${fmt}|${bold ? 1 : 0}`;
    let i = this.xfs.get(key);
    if (i === undefined) {
      i = this.xfList.length;
      this.xfs.set(key, i);
      this.xfList.push({ fmt, bold });
    }
    return i;
  }
  dxf(xml: string): number {
    this.dxfs.push(xml);
    return this.dxfs.length - 1;
  }
  xml(): string {
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join("");
    const xfs = this.xfList.map((x) => `<xf numFmtId="${x.fmt}" fontId="${x.bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${x.fmt ? ' applyNumberFormat="1"' : ""}${x.bold ? ' applyFont="1"' : ""}/>`).join("");
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${fmts}</numFmts>` : "") +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfList.length}">${xfs}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs>` +
      `</styleSheet>`
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
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
  /** The table's XML, in pieces (it can be large). */
  *xml(): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">`;
    for (let i = 0; i < this.list.length; i += 5000) {
      let out = "";
      for (let k = i; k < Math.min(this.list.length, i + 5000); k++) {
        const s = this.list[k]!;
        out += /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${xmlText(s)}</t></si>` : `<si><t>${xmlText(s)}</t></si>`;
      }
      yield out;
    }
    yield "</sst>";
  }
}

/** The style index of every cell of a sheet that has one, painted block by block (a later block wins, as in ExcelJS). */
function paintStyles(s: XlsxSheet, styles: Styles): { at: (row: number, col: number) => number } {
  const cols = new Map<number, Uint16Array>();
  const bold = new Set(s.boldRows ?? []);
  const height = s.rows.length;
  for (const b of s.cellFormats ?? []) {
    const fmt = styles.fmtId(b.numFmt);
    for (let j = b.col; j < b.col + b.cols; j++) {
      let c = cols.get(j);
      if (!c) cols.set(j, (c = new Uint16Array(height)));
      const end = Math.min(height, b.row + b.rows);
      // formats are painted as format ids + 1 (0 = none), resolved with the row's weight below
      c.fill(fmt + 1, Math.max(0, b.row), end);
    }
  }
  return {
    at: (row, col) => {
      const f = cols.get(col)?.[row] ?? 0;
      const isBold = bold.has(row);
      if (!f && !isBold) return 0;
      return styles.xf(f ? f - 1 : 0, isBold);
    },
  };
}

function sheetHead(s: XlsxSheet): string {
  const freeze = s.freezeRows ?? (s.freezeHeader ? 1 : 0);
  const view = freeze
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
    : `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const widths = (s.widths ?? []).map((w, j) => (w ? `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>` : "")).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    view +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (widths ? `<cols>${widths}</cols>` : "") +
    `<sheetData>`
  );
}

function sheetTail(s: XlsxSheet, styles: Styles): string {
  let out = "</sheetData>";
  if (s.autoFilter) out += `<autoFilter ref="${xmlText(s.autoFilter)}"/>`;
  let priority = 1;
  for (const h of s.highlights ?? []) {
    const dxf = styles.dxf(`<dxf><fill><patternFill patternType="solid"><bgColor rgb="${h.argb}"/></patternFill></fill></dxf>`);
    const first = h.ref.split(":")[0]!;
    const quoted = h.text.replace(/"/g, '""');
    out += `<conditionalFormatting sqref="${h.ref}"><cfRule type="containsText" dxfId="${dxf}" priority="${priority++}" operator="containsText" text="${xmlText(h.text)}"><formula>${xmlText(`NOT(ISERROR(SEARCH("${quoted}",${first})))`)}</formula></cfRule></conditionalFormatting>`;
  }
  for (const ref of s.nonZeroRed ?? []) {
    const dxf = styles.dxf(`<dxf><font><color rgb="FFC50F1F"/></font></dxf>`);
    out += `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${dxf}" priority="${priority++}" operator="notEqual"><formula>0</formula></cfRule></conditionalFormatting>`;
  }
  out += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  return out;
}

function rowXml(r: readonly unknown[] | undefined, i: number, letters: string[], style: { at: (row: number, col: number) => number }, sst: SharedStrings): string {
  let out = `<row r="${i + 1}">`;
  const n = r?.length ?? 0;
  for (let j = 0; j < n; j++) {
    const v = r![j];
    if (v === null || v === undefined || v === "") continue;
    while (letters.length <= j) letters.push(colName(letters.length));
    const st = style.at(i, j);
    const ref = `${letters[j]}${i + 1}`;
    const s = st ? ` s="${st}"` : "";
    if (typeof v === "number") {
      if (Number.isFinite(v)) out += `<c r="${ref}"${s}><v>${v}</v></c>`;
    } else if (typeof v === "boolean") out += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    else out += `<c r="${ref}"${s} t="s"><v>${sst.id(v instanceof Date ? v.toISOString().slice(0, 10) : String(v))}</v></c>`;
  }
  return out + "</row>";
}

/** Sheet names in workbook.xml: at most 31 characters, none of : \ / ? * [ ] (the pane's names already are). */
const sheetNameXml = (n: string) => xmlText(n.replace(/[:\\/?*[\]]/g, " ").slice(0, 31));

/**
 * Write the sheets as one .xlsx. Returns the file's pieces in order (or [] when `onChunk` took
 * them), or null when cancelled between steps.
 */
export async function writeXlsxChunked(sheets: readonly XlsxSheet[], o: WriteOptions = {}): Promise<Uint8Array[] | null> {
  const step = o.step ?? 2000;
  const pause = o.yieldNow ?? tick;
  const pieces: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else if (chunk.length) (o.onChunk ? o.onChunk(chunk) : pieces.push(chunk));
  });
  const total = sheets.reduce((a, s) => a + s.rows.length, 0);
  let done = 0;
  const styles = new Styles();
  const sst = new SharedStrings();
  const file = (name: string, text: string | Iterable<string>) => {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    if (typeof text === "string") f.push(enc.encode(text), true);
    else {
      for (const t of text) f.push(enc.encode(t));
      f.push(new Uint8Array(0), true);
    }
  };
  for (let k = 0; k < sheets.length; k++) {
    const s = sheets[k]!;
    const style = paintStyles(s, styles);
    const letters: string[] = [];
    const f = new ZipDeflate(`xl/worksheets/sheet${k + 1}.xml`, { level: 1 });
    zip.add(f);
    f.push(enc.encode(sheetHead(s)));
    for (let i = 0; i < s.rows.length; i += step) {
      let xml = "";
      const end = Math.min(s.rows.length, i + step);
      for (let r = i; r < end; r++) xml += rowXml(s.rows[r], r, letters, style, sst);
      f.push(enc.encode(xml));
      done += end - i;
      o.onProgress?.(done, total);
      await pause();
      if (failure) throw failure;
      if (o.cancelled?.()) {
        zip.terminate();
        return null;
      }
    }
    f.push(enc.encode(sheetTail(s, styles)), true);
  }
  file("xl/sharedStrings.xml", sst.xml());
  file("xl/styles.xml", styles.xml());
  const names = sheets.map((s) => s.name);
  const filters = sheets
    .map((s, k) => (s.autoFilter ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${k}" hidden="1">'${sheetNameXml(s.name).replace(/'/g, "''")}'!${s.autoFilter.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}</definedName>` : ""))
    .join("");
  file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>` +
      names.map((n, k) => `<sheet name="${sheetNameXml(n)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("") +
      `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ""}</workbook>`,
  );
  file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      names.map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join("") +
      `<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${names.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  file(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${xmlText(PRODUCT_NAME)}</dc:creator></cp:coreProperties>`,
  );
  file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      names.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  zip.end();
  if (failure) throw failure;
  return pieces;
}

/** The pieces as one array (tests, and callers that need the bytes). */
export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of pieces) (out.set(p, at), (at += p.length));
  return out;
}
