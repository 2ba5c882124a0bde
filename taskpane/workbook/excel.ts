/**
 * The open Excel workbook through Office.js (Excel.run). Large ranges are read and written in chunks
 * of rows, each one values assignment and one context.sync() (Excel on the web limits a request's
 * payload to a few MB). Output goes only to sheets created here; the user's sheets are only read,
 * except the selection when the user asks to insert there.
 */
import { rectangular, uniqueSheetName, type ActiveRecord, type BlockFormat, type OutputSheet, type SourceInfo, type TableData, type Workbook } from "./types";
import { formulaForms, formulaIn, parseOurFormula, type FormulaForm } from "../../functions/formula";
import { askDateSystem } from "../../functions/dateSystem";
import { msg, say } from "../../src/messages";

/** Rows per read or write request: ~40 columns × 5 000 rows stays well under the payload limit. */
export const CHUNK_ROWS = 5000;

type Ctx = Excel.RequestContext;

function run<T>(f: (ctx: Ctx) => Promise<T>): Promise<T> {
  return Excel.run(f);
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException("cancelled", "AbortError");
}

export class ExcelWorkbook implements Workbook {
  readonly mode = "excel" as const;
  constructor(private readonly zh: () => boolean) {}

  async listSources(): Promise<SourceInfo[]> {
    return run(async (ctx) => {
      const sel = ctx.workbook.getSelectedRange();
      sel.load("address,rowCount");
      sel.worksheet.load("name");
      const tables = ctx.workbook.tables;
      tables.load("items/name");
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const lang = this.zh() ? "zh" : "en";
      const out: SourceInfo[] = [];
      // pinned: the id holds the sheet and the address shown, and every read reads those cells,
      // whatever is selected later (a run activates its results sheet, which moves the selection)
      if (sel.rowCount > 1) out.push({ id: selectionId(sel.worksheet.name, sel.address), kind: "selection", label: say(lang, "pane.source.selection", { address: sel.address }), rows: sel.rowCount - 1 });
      for (const t of tables.items) out.push({ id: `table:${t.name}`, kind: "table", label: say(lang, "pane.source.table", { name: t.name }) });
      for (const s of sheets.items) out.push({ id: `sheet:${s.name}`, kind: "sheet", label: say(lang, "pane.source.sheet", { name: s.name }) });
      return out;
    });
  }

  /** The range a source id names. A pinned selection whose sheet is gone is refused, never read from the selection now. */
  private async locate(ctx: Ctx, id: string): Promise<Excel.Range> {
    const pin = parseSelectionId(id);
    if (pin) {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      // sheet names are unique ignoring case, as getItem finds them
      if (!sheets.items.some((s) => s.name.toLowerCase() === pin.sheet.toLowerCase())) {
        const params = { sheet: pin.sheet, address: pin.address };
        throw Object.assign(new Error(say(this.zh() ? "zh" : "en", "pane.source.selectionGone", params)), { text: msg("pane.source.selectionGone", params) });
      }
      return ctx.workbook.worksheets.getItem(pin.sheet).getRange(pin.address);
    }
    if (id.startsWith("table:")) return ctx.workbook.tables.getItem(id.slice(6)).getRange();
    if (id.startsWith("sheet:")) return ctx.workbook.worksheets.getItem(id.slice(6)).getUsedRange(true);
    throw new Error(`Unknown source ${id}`);
  }

  async read(id: string, progress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<TableData> {
    return run(async (ctx) => {
      const range = await this.locate(ctx, id);
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      range.worksheet.load("name");
      // the date system the serials of these cells are in, asked with this very read (the user may have
      // switched it since the last one), in the same request: no round trip of its own
      const dateSystem = askDateSystem(ctx);
      await ctx.sync();
      const { rowIndex, columnIndex, rowCount, columnCount } = range;
      const ws = range.worksheet;
      const all: unknown[][] = [];
      for (let r = 0; r < rowCount; r += CHUNK_ROWS) {
        aborted(signal);
        const n = Math.min(CHUNK_ROWS, rowCount - r);
        const chunk = ws.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
        chunk.load("values");
        await ctx.sync();
        for (const row of chunk.values) all.push(row);
        progress?.(Math.min(r + n, rowCount), rowCount);
      }
      return { label: range.address, header: all[0] ?? [], rows: all.slice(1), dateSystem: dateSystem() };
    });
  }

  async newSheet(base: string): Promise<OutputSheet> {
    const name = await run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const name = uniqueSheetName(base, sheets.items.map((s) => s.name));
      sheets.add(name);
      await ctx.sync();
      return name;
    });
    return new ExcelOutputSheet(name);
  }

  async activeRecord(): Promise<ActiveRecord | null> {
    return run(async (ctx) => {
      const cell = ctx.workbook.getActiveCell();
      cell.load("rowIndex,address");
      const used = cell.worksheet.getUsedRange(true);
      used.load("rowIndex,columnIndex,columnCount,rowCount");
      await ctx.sync();
      if (cell.rowIndex <= used.rowIndex || cell.rowIndex >= used.rowIndex + used.rowCount) return null;
      const header = cell.worksheet.getRangeByIndexes(used.rowIndex, used.columnIndex, 1, used.columnCount);
      const row = cell.worksheet.getRangeByIndexes(cell.rowIndex, used.columnIndex, 1, used.columnCount);
      header.load("values");
      row.load("values,address");
      const dateSystem = askDateSystem(ctx);
      await ctx.sync();
      return { label: row.address, header: header.values[0]!, row: row.values[0]!, dateSystem: dateSystem() };
    });
  }

  async insertAtSelection(values: unknown[][], overwrite: boolean): Promise<{ written: string } | { occupied: string }> {
    return run(async (ctx) => {
      const sel = ctx.workbook.getSelectedRange();
      sel.load("rowIndex,columnIndex");
      sel.worksheet.load("name");
      await ctx.sync();
      const block = rectangular(values);
      const target = sel.worksheet.getRangeByIndexes(sel.rowIndex, sel.columnIndex, block.length, block[0]?.length ?? 1);
      target.load("values,formulas,address");
      await ctx.sync();
      const occupied = target.formulas.some((r) => r.some((v) => v !== "" && v !== null));
      if (occupied && !overwrite) return { occupied: target.address };
      const address = target.address;
      // a catalog row is text (formula-like text gets an apostrophe); a formula we insert on purpose
      // goes in as a formula, in the form this Excel reads (functions/formula.ts)
      const cell = (v: unknown, form?: FormulaForm) => (typeof v === "string" && isOurFormula(v) ? (form ? formulaIn(v, form) : v) : typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v);
      const ours = block.some((r) => r.some((v) => typeof v === "string" && isOurFormula(v)));
      if (!ours) {
        target.formulas = block.map((r) => r.map((v) => cell(v)));
        await ctx.sync();
        return { written: address };
      }
      const forms = formulaForms(displayLanguage(), await decimalSeparator(ctx));
      for (const form of forms) {
        try {
          const text = block.map((r) => r.map((v) => cell(v, form)));
          if (form.property === "formulasLocal") target.formulasLocal = text;
          else target.formulas = text;
          target.load("values");
          await ctx.sync();
          // #NAME?: this Excel does not know the function under that name; try the next form
          if (!target.values.some((r, i) => r.some((v, j) => v === "#NAME?" && typeof block[i]![j] === "string" && isOurFormula(block[i]![j] as string)))) return { written: address };
        } catch {
          // the text was refused (e.g. the wrong argument separator for this locale): try the next form
        }
      }
      // No form is known: the functions are not registered in this Excel (the add-in has not loaded them).
      const first = forms[0]!;
      const text = block.map((r) => r.map((v) => cell(v, first)));
      if (first.property === "formulasLocal") target.formulasLocal = text;
      else target.formulas = text;
      await ctx.sync();
      // the words travel as `text` too, so the pane shows them in its own language (Banner's errorText)
      throw Object.assign(new Error(say(this.zh() ? "zh" : "en", "pane.insert.notRegistered", { address })), { text: msg("pane.insert.notRegistered", { address }) });
    });
  }
}

const SELECTION = "selection:";

/**
 * The id of the selection as listed: its sheet and its address on that sheet ("理赔!A1:AJ6" →
 * selection:理赔!A1:AJ6). Excel's address may quote the sheet ('My sheet'!A1:B2); the part after the
 * last "!" is the cells (a sheet name may hold "!", an address never does).
 */
export function selectionId(sheet: string, address: string): string {
  return `${SELECTION}${sheet}!${address.slice(address.lastIndexOf("!") + 1)}`;
}

export function parseSelectionId(id: string): { sheet: string; address: string } | null {
  if (!id.startsWith(SELECTION)) return null;
  const rest = id.slice(SELECTION.length);
  const bang = rest.lastIndexOf("!");
  return bang > 0 ? { sheet: rest.slice(0, bang), address: rest.slice(bang + 1) } : null;
}

/** Formulas the pane offers to insert: only our own functions, never text from a data file. */
export function isOurFormula(v: string): boolean {
  return parseOurFormula(v) !== null;
}

/** Excel's display language (Office.context.displayLanguage), which decides the function names Excel registered. */
function displayLanguage(): string | undefined {
  try {
    return typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  } catch {
    return undefined;
  }
}

/** The decimal mark of the workbook's number format (ExcelApi 1.11), which decides formulasLocal's argument separator. */
async function decimalSeparator(ctx: Ctx): Promise<string | undefined> {
  try {
    if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("ExcelApi", "1.11")) return undefined;
    const nf = ctx.workbook.application.cultureInfo.numberFormat;
    nf.load("numberDecimalSeparator");
    await ctx.sync();
    return nf.numberDecimalSeparator;
  } catch {
    return undefined;
  }
}

class ExcelOutputSheet implements OutputSheet {
  constructor(public name: string) {}

  async write(row: number, col: number, values: unknown[][], columnFormats?: string[]): Promise<void> {
    if (!values.length) return;
    const block = rectangular(values);
    const width = block[0]!.length;
    await run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(this.name).getRangeByIndexes(row, col, block.length, width);
      // text columns are text before the values arrive: "=1+1" in a claim stays "=1+1"
      const rowFormat = Array.from({ length: width }, (_, j) => columnFormats?.[j] ?? "General");
      range.numberFormat = block.map(() => rowFormat);
      range.values = block;
      await ctx.sync();
    });
  }

  async format(top: number, col: number, rows: number, width: number, f: BlockFormat): Promise<void> {
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(this.name);
      if (f.headerRow) {
        ws.getRangeByIndexes(top, col, 1, width).format.font.bold = true;
        ws.freezePanes.freezeRows(top + 1);
      }
      const body = (j: number) => ws.getRangeByIndexes(top + (f.headerRow ? 1 : 0), col + j, Math.max(1, rows - (f.headerRow ? 1 : 0)), 1);
      for (const h of f.highlights ?? []) {
        const cf = body(h.column).conditionalFormats.add(Excel.ConditionalFormatType.containsText);
        cf.textComparison.format.fill.color = h.fill;
        if (h.font) cf.textComparison.format.font.color = h.font;
        cf.textComparison.rule = { operator: Excel.ConditionalTextOperator.contains, text: h.text };
      }
      for (const j of f.nonZeroRed ?? []) {
        const cf = body(j).conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.font.color = "#C50F1F";
        cf.cellValue.rule = { formula1: "0", operator: Excel.ConditionalCellValueOperator.notEqualTo };
      }
      if (f.autoFilter) ws.autoFilter.apply(ws.getRangeByIndexes(top, col, Math.max(1, rows), width));
      (f.widths ?? []).forEach((w, j) => {
        ws.getRangeByIndexes(top, col + j, 1, 1).format.columnWidth = w * 7;
      });
      await ctx.sync();
    });
  }

  async rename(base: string): Promise<string> {
    return run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const name = uniqueSheetName(base, sheets.items.map((s) => s.name).filter((n) => n !== this.name));
      sheets.getItem(this.name).name = name;
      await ctx.sync();
      this.name = name;
      return name;
    });
  }

  async activate(): Promise<void> {
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem(this.name).activate();
      await ctx.sync();
    });
  }
}

