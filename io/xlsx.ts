/**
 * .xlsx in and out through ExcelJS (works in Node and, through its browser build, in the task pane's
 * standalone mode). Reading takes the first sheet; a header row, then one claim per row.
 */
import ExcelJS from "exceljs";
import { PRODUCT_NAME } from "../src/messages";

export type Cell = string | number | boolean | Date | null | { error: string };

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ("result" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

export async function readXlsx(data: ArrayBuffer | Uint8Array, sheetName?: string): Promise<Cell[][]> {
  const sheets = await readXlsxSheets(data);
  const ws = sheetName ? sheets.find((s) => s.name === sheetName) : sheets[0];
  if (!ws && sheetName !== undefined) throw new Error(`No sheet named ${sheetName}`);
  if (!ws) throw new Error("The workbook has no sheet");
  return ws.rows;
}

/** Every sheet of a workbook, in order, as rows of cell values (formulas as their cached results). */
export async function readXlsxSheets(data: ArrayBuffer | Uint8Array): Promise<{ name: string; rows: Cell[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: Cell[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const out: Cell[] = [];
      for (let j = 1; j <= width; j++) out.push(cellValue(row.getCell(j).value));
      rows[n - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: ws.name, rows };
  });
}

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  /** Column widths in characters. */
  widths?: number[];
  /** Number format per column index, e.g. "#,##0.00" for yuan with thousands separators. */
  formats?: Record<number, string>;
  /** Rows (0-based) to highlight, with an ARGB fill. */
  fills?: { row: number; argb: string }[];
  freezeHeader?: boolean;
  /** Rows frozen at the top (overrides freezeHeader). */
  freezeRows?: number;
  /** Rows (0-based) in bold. */
  boldRows?: number[];
  /** Number formats of blocks of cells (0-based), for sheets with more than one table on them. */
  cellFormats?: { row: number; col: number; rows: number; cols: number; numFmt: string }[];
  /** Conditional formatting: cells in `ref` containing `text` get a fill. */
  highlights?: { ref: string; text: string; argb: string }[];
  /** Conditional formatting: non-zero numbers in `ref` in red. */
  nonZeroRed?: string[];
  /** An autofilter over `ref` (A1 notation, its first row the header). */
  autoFilter?: string;
}

export async function writeXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.freezeHeader ? { views: [{ state: "frozen", ySplit: 1 }] } : {});
    for (const r of s.rows) ws.addRow(r.map((v) => (v === undefined ? null : v)));
    if (s.widths) s.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
    if (s.formats) for (const [j, fmt] of Object.entries(s.formats)) ws.getColumn(Number(j) + 1).numFmt = fmt;
    if (s.freezeHeader && s.rows.length) ws.getRow(1).font = { bold: true };
    for (const f of s.fills ?? []) ws.getRow(f.row + 1).eachCell((cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: f.argb } }));
    if (s.freezeRows) ws.views = [{ state: "frozen", ySplit: s.freezeRows }];
    for (const r of s.boldRows ?? []) ws.getRow(r + 1).font = { bold: true };
    if (s.autoFilter) ws.autoFilter = s.autoFilter;
    for (const b of s.cellFormats ?? [])
      for (let i = b.row; i < b.row + b.rows; i++) for (let j = b.col; j < b.col + b.cols; j++) ws.getCell(i + 1, j + 1).numFmt = b.numFmt;
    let priority = 1;
    for (const h of s.highlights ?? [])
      ws.addConditionalFormatting({
        ref: h.ref,
        rules: [{ type: "containsText", operator: "containsText", text: h.text, priority: priority++, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: h.argb } } } }],
      });
    for (const ref of s.nonZeroRed ?? [])
      // "notEqual" is a valid OOXML operator that ExcelJS writes through but its types omit
      ws.addConditionalFormatting({ ref, rules: [{ type: "cellIs", operator: "notEqual" as "equal", formulae: ["0"], priority: priority++, style: { font: { color: { argb: "FFC50F1F" } } } }] });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
