/**
 * A workbook behind a fake Excel.run, for testing the pane's Office.js code without Excel. Ranges are
 * office-addin-mock OfficeMockObjects, so reading a property that was not loaded and synced gives
 * the mock's error string (a missed load() or sync() shows up as wrong data). Writes land in the
 * fake sheets only at context.sync(), and every write is logged with its sheet and address, so a
 * test can check that nothing outside the sheets the pane created was touched.
 *
 * Formulas of custom functions behave as the docs and the office-js tracker say a localized Excel
 * handles them (the fake's `displayLanguage`):
 * - the functions are registered under the names of the metadata for that language: the Chinese
 *   names of functions/zh-cn.json in zh-CN, the ids elsewhere; one namespace, YIBAO;
 * - `formulasLocal` takes and gives the local names and the local argument separator (";" where the
 *   decimal mark is ","); `formulas` takes "," and, for custom functions, only the names registered
 *   in that language (an English name written through `formulas` into a localized Excel is #NAME?,
 *   office-js#891);
 * - a formula whose name Excel does not know is kept as written and its value is #NAME?; one with the
 *   wrong argument separator is refused at sync (Excel's "There's a problem with this formula");
 * - the workbook stores a known call by namespace and id (as Excel saves `_xldudf_YIBAO_<ID>`), so a
 *   workbook written in a Chinese Excel reads `=YIBAO.<ID>(…)` in an English one and computes the
 *   same function.
 *
 * The workbook has a date system (`dateSystem`, Excel Options > Advanced > "Use 1904 date system"):
 * its date cells hold serials of it (`serial` makes them), and `workbook.functions.date(y, m, d)`
 * (ExcelApi 1.2) evaluates DATE in it, as Excel does: DATE(1904, 1, 1) is 1462 in the 1900 system and
 * 0 in the 1904 one. `dateFunction` makes that request answer with an error value or fail at sync.
 */
import { OfficeMockObject } from "office-addin-mock";
import { a1 } from "../../taskpane/workbook/types";
import zhTable from "../../functions/zh-cn.json";

export interface Write {
  sheet: string;
  address: string;
  what: "values" | "numberFormat" | "formulas" | "formulasLocal" | "addSheet" | "rename" | "format" | "conditionalFormat" | "freeze" | "activate" | "autoFilter";
  detail?: unknown;
  /** Which context.sync() applied it (1-based over the whole test). */
  sync?: number;
}

interface Box {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A block of an A1 address without its sheet ("B2", "A1:AJ6"), 0-based. */
function parseA1(address: string): Omit<Box, "sheet"> {
  const cell = (t: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(t);
    if (!m) throw new Error(`The fake Excel reads only cell addresses, not ${address}`);
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, col };
  };
  const [a, b = a] = address.split(":") as [string, string?];
  const tl = cell(a);
  const br = cell(b!);
  return { row: tl.row, col: tl.col, rows: br.row - tl.row + 1, cols: br.col - tl.col + 1 };
}

const ZH_NAMES: Record<string, string> = Object.fromEntries(Object.entries(zhTable as Record<string, { name: string }>).map(([id, t]) => [id, t.name]));

/** Days from 1899-12-30 (the 1900 system's serials from 1900-03-01 on), by Date.UTC: Excel's numbers, not the code under test's. */
function serial1900(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

export class FakeExcel {
  readonly sheets = new Map<string, unknown[][]>();
  /** The workbook's date system. */
  dateSystem: "1900" | "1904" = "1900";
  /** How workbook.functions.date answers: DATE in the workbook's system, an error value (FunctionResult.error), or a request that fails at sync. */
  dateFunction: "evaluate" | "errorValue" | "fails" = "evaluate";
  /** workbook.functions.date calls made. */
  dateCalls = 0;
  /** Office.context.displayLanguage of this Excel. */
  displayLanguage = "en-US";
  /** The workbook's decimal mark (application.cultureInfo.numberFormat.numberDecimalSeparator). */
  decimalSeparator = ".";
  /** What a known call computes (default #BUSY!: Excel has not finished yet). */
  evaluate: (id: string, args: unknown[]) => unknown = () => "#BUSY!";
  /** The value of each cell that holds a formula, by "sheet!row,col". */
  readonly computed = new Map<string, unknown>();
  readonly tables: (Box & { name: string })[] = [];
  selection: Box = { sheet: "Sheet1", row: 0, col: 0, rows: 1, cols: 1 };
  active = { sheet: "Sheet1", row: 0, col: 0 };
  readonly log: Write[] = [];
  record(w: Write): void {
    this.log.push({ ...w, sync: this.syncs });
  }
  syncs = 0;
  runs = 0;

  constructor(sheets: Record<string, unknown[][]>) {
    for (const [k, v] of Object.entries(sheets)) this.sheets.set(k, v.map((r) => [...r]));
  }

  /** A date as this workbook's date cell holds it: its serial in the workbook's date system. */
  serial(iso: string): number {
    const s = serial1900(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
    return this.dateSystem === "1904" ? s - 1462 : s;
  }

  /** DATE(y, m, d) as Excel evaluates it here. */
  dateFn(y: number, m: number, d: number): number {
    const s = serial1900(y, m, d);
    return this.dateSystem === "1904" ? s - 1462 : s;
  }

  /** The values of a sheet as a plain copy (for checking it is unchanged). */
  snapshot(sheet: string): unknown[][] {
    return (this.sheets.get(sheet) ?? []).map((r) => [...(r ?? [])]);
  }

  used(sheet: string): Box {
    const g = this.sheets.get(sheet) ?? [];
    let rows = 0;
    let cols = 0;
    g.forEach((r, i) =>
      (r ?? []).forEach((v, j) => {
        if (v !== "" && v !== null && v !== undefined) {
          rows = Math.max(rows, i + 1);
          cols = Math.max(cols, j + 1);
        }
      }),
    );
    return { sheet, row: 0, col: 0, rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
  }

  cell(sheet: string, i: number, j: number): unknown {
    const v = this.sheets.get(sheet)?.[i]?.[j];
    return v === undefined || v === null ? "" : v;
  }

  /** A cell's value: a formula's computed value, else what the cell holds. */
  value(sheet: string, i: number, j: number): unknown {
    // (no formula anywhere: no key to build; a 20 000-row table is read cell by cell in the browser test)
    if (this.computed.size === 0) return this.cell(sheet, i, j);
    const k = `${sheet}!${i},${j}`;
    return this.computed.has(k) ? this.computed.get(k) : this.cell(sheet, i, j);
  }

  block(b: Box): unknown[][] {
    if (this.computed.size === 0) {
      // no formula anywhere: the cells as they are, a row at a time
      const g = this.sheets.get(b.sheet) ?? [];
      return Array.from({ length: b.rows }, (_, i) => {
        const r = g[b.row + i] ?? [];
        const out = new Array<unknown>(b.cols);
        for (let j = 0; j < b.cols; j++) {
          const v = r[b.col + j];
          out[j] = v === undefined || v === null ? "" : v;
        }
        return out;
      });
    }
    return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, j) => this.value(b.sheet, b.row + i, b.col + j)));
  }

  /** What Range.formulas / formulasLocal read in this Excel. */
  formulaBlock(b: Box, local: boolean): unknown[][] {
    return Array.from({ length: b.rows }, (_, i) =>
      Array.from({ length: b.cols }, (_, j) => {
        const v = this.cell(b.sheet, b.row + i, b.col + j);
        return typeof v === "string" ? (local && v.startsWith("=") ? this.localize(v) : v) : String(v);
      }),
    );
  }

  put(b: Box, values: unknown[][]): void {
    const g = this.sheets.get(b.sheet)!;
    values.forEach((r, i) =>
      r.forEach((v, j) => {
        (g[b.row + i] ??= [])[b.col + j] = v;
        if (this.computed.size) this.computed.delete(`${b.sheet}!${b.row + i},${b.col + j}`);
      }),
    );
  }

  /** Formulas written through `formulas` (local false) or `formulasLocal`: parsed, stored, computed. */
  putFormulas(b: Box, texts: unknown[][], local: boolean): void {
    const g = this.sheets.get(b.sheet)!;
    const parsed = texts.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? this.parse(v, local) : null)));
    texts.forEach((r, i) =>
      r.forEach((v, j) => {
        const k = `${b.sheet}!${b.row + i},${b.col + j}`;
        const p = parsed[i]![j];
        const row = (g[b.row + i] ??= []);
        if (!p) {
          row[b.col + j] = v;
          this.computed.delete(k);
        } else if (p.id === null) {
          row[b.col + j] = v;
          this.computed.set(k, "#NAME?");
        } else {
          row[b.col + j] = `=YIBAO.${p.id}(${p.argText.join(",")})`;
          this.computed.set(k, this.evaluate(p.id, p.args));
        }
      }),
    );
  }

  /** The local argument separator: ";" where the decimal mark is ",". */
  get listSeparator(): string {
    return this.decimalSeparator === "," ? ";" : ",";
  }

  private names(): Record<string, string> {
    return /^zh-cn$/i.test(this.displayLanguage) ? ZH_NAMES : Object.fromEntries(Object.keys(ZH_NAMES).map((id) => [id, id]));
  }

  /**
   * `=NS.NAME(args)`: the id Excel knows under that name here (null: #NAME?), the arguments. Only
   * calls with text and number arguments, which is all the pane writes; anything else is not ours.
   */
  private parse(text: string, local: boolean): { id: string | null; args: unknown[]; argText: string[] } | null {
    const m = /^=([A-Za-z0-9_]+)\.([^(]+)\((.*)\)$/s.exec(text);
    if (!m) return null;
    const sep = local ? this.listSeparator : ",";
    const args: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of m[3]!) {
      if (ch === '"') quoted = !quoted;
      if (!quoted && ch === sep) {
        args.push(cur);
        cur = "";
      } else if (!quoted && (ch === "," || ch === ";")) throw new Error(`There's a problem with this formula: ${text}`);
      else cur += ch;
    }
    if (m[3]!.length) args.push(cur);
    const values = args.map((a) => {
      const t = a.trim();
      if (/^".*"$/s.test(t)) return t.slice(1, -1).replace(/""/g, '"');
      const n = Number(local && this.decimalSeparator === "," ? t.replace(",", ".") : t);
      if (t === "" || Number.isNaN(n)) throw new Error(`There's a problem with this formula: ${text}`);
      return n;
    });
    const argText = values.map((v) => (typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v)));
    const known = m[1] === "YIBAO" ? Object.entries(this.names()).find(([, name]) => name === m[2]) : undefined;
    return { id: known ? known[0] : null, args: values, argText };
  }

  /** A stored formula as formulasLocal shows it here: the local name, the local separator. */
  private localize(v: string): string {
    const m = /^=YIBAO\.([A-Z0-9_]+)\((.*)\)$/s.exec(v);
    if (!m || !(m[1]! in ZH_NAMES)) return v;
    let out = "";
    let quoted = false;
    for (const ch of m[2]!) {
      if (ch === '"') quoted = !quoted;
      out += !quoted && ch === "," ? this.listSeparator : ch;
    }
    return `=YIBAO.${this.names()[m[1]!]}(${out})`;
  }

  /** The global `Office` the code under test sees: this Excel's display language and requirement sets. */
  office() {
    // ExcelApi 1.1 to 1.11, compared as Office compares versions (1.2 is before 1.11)
    const supported = (name: string, v = "1.1") => {
      const [major, minor = 0] = v.split(".").map(Number);
      return name === "ExcelApi" && major === 1 && minor! <= 11;
    };
    return { context: { displayLanguage: this.displayLanguage, requirements: { isSetSupported: supported } } };
  }

  /** The global `Excel` the code under test sees. */
  api() {
    return new OfficeMockObject({
      run: async (cb: (ctx: unknown) => Promise<unknown>) => {
        this.runs++;
        return cb(new Context(this));
      },
      ConditionalFormatType: { containsText: "ContainsText", cellValue: "CellValue" },
      ConditionalTextOperator: { contains: "Contains" },
      ConditionalCellValueOperator: { notEqualTo: "NotEqualTo" },
    });
  }
}

/** A collection loaded with load("items/name"): items readable only after load and sync. */
class Collection<T> {
  private state: "new" | "loaded" | "synced" = "new";
  constructor(
    ctx: Context,
    private readonly get: () => T[],
  ) {
    ctx.pending.push(() => {
      if (this.state === "loaded") this.state = "synced";
    });
  }
  load(_: string) {
    this.state = "loaded";
    return this;
  }
  get items(): T[] {
    if (this.state !== "synced") throw new Error("collection items read before load() and sync()");
    return this.get();
  }
}

class Context {
  readonly pending: (() => void)[] = [];
  private readonly ranges: { mock: OfficeMockObject & Record<string, unknown>; box: Box; seed: Record<string, unknown>; made: Set<string>; blocks: Record<string, () => unknown[][]> }[] = [];
  readonly workbook;

  constructor(private readonly x: FakeExcel) {
    const ctx = this;
    this.workbook = {
      functions: {
        date: (y: number, m: number, d: number) => {
          x.dateCalls++;
          return ctx.functionResult(() => x.dateFn(y, m, d));
        },
      },
      application: new OfficeMockObject({ cultureInfo: { numberFormat: { numberDecimalSeparator: x.decimalSeparator } } }) as unknown as { cultureInfo: { numberFormat: { numberDecimalSeparator: string; load: (p: string) => void } } },
      getSelectedRange: () => ctx.range(x.selection),
      getActiveCell: () => ctx.range({ sheet: x.active.sheet, row: x.active.row, col: x.active.col, rows: 1, cols: 1 }),
      get tables() {
        const c = new Collection(ctx, () => x.tables.map((t) => ({ name: t.name })));
        return Object.assign(c, { getItem: (name: string) => ({ getRange: () => ctx.range(x.tables.find((t) => t.name === name)!) }) });
      },
      get worksheets() {
        const c = new Collection(ctx, () => [...x.sheets.keys()].map((name) => ({ name })));
        return Object.assign(c, {
          getItem: (name: string) => ctx.worksheet(name),
          add: (name: string) => {
            ctx.pending.push(() => {
              if (x.sheets.has(name)) throw new Error(`A sheet named ${name} already exists`);
              x.sheets.set(name, []);
              x.record({ sheet: name, address: "", what: "addSheet" });
            });
            return ctx.worksheet(name);
          },
        });
      },
    };
  }

  /** A FunctionResult: value and error readable only after load() and sync(), as Excel's. */
  functionResult(evaluate: () => number) {
    const x = this.x;
    let state: "new" | "loaded" | "synced" = "new";
    let value: number | undefined;
    let error: string | undefined;
    this.pending.push(() => {
      if (state !== "loaded") return;
      if (x.dateFunction === "fails") throw Object.assign(new Error("The requested operation is not supported."), { code: "ApiNotFound" });
      if (x.dateFunction === "errorValue") error = "#VALUE!";
      else value = evaluate();
      state = "synced";
    });
    const read = <T>(v: T): T => {
      if (state !== "synced") throw new Error("FunctionResult read before load() and sync()");
      return v;
    };
    return {
      load(_: string) {
        if (state === "new") state = "loaded";
        return this;
      },
      get value() {
        return read(value);
      },
      get error() {
        return read(error);
      },
    };
  }

  worksheet(name: string) {
    const ctx = this;
    const x = this.x;
    const ws = {
      getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => ctx.range({ sheet: ws._name, row, col, rows, cols }),
      getUsedRange: () => ctx.range(x.used(ws._name)),
      freezePanes: { freezeRows: (n: number) => ctx.pending.push(() => x.record({ sheet: ws._name, address: `1:${n}`, what: "freeze" })) },
      autoFilter: { apply: (r: { _a1?: string }) => ctx.pending.push(() => x.record({ sheet: ws._name, address: r._a1 ?? "?", what: "autoFilter" })) },
      // Excel shows the sheet and selects what was selected on it (A1 on a new sheet): the selection moves there
      activate: () =>
        ctx.pending.push(() => {
          x.record({ sheet: ws._name, address: "", what: "activate" });
          x.selection = { sheet: ws._name, row: 0, col: 0, rows: 1, cols: 1 };
          x.active = { sheet: ws._name, row: 0, col: 0 };
        }),
      // getItem of a sheet that is not there fails at the sync, as Excel's ItemNotFound
      getRange: (address: string) => {
        ctx.pending.push(() => {
          if (!x.sheets.has(ws._name)) throw Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });
        });
        return ctx.range({ sheet: ws._name, ...parseA1(address) });
      },
      _name: name,
      set name(v: string) {
        const old = ws._name;
        ctx.pending.push(() => {
          if (!x.sheets.has(old)) throw new Error(`No sheet ${old}`);
          const g = x.sheets.get(old)!;
          x.sheets.delete(old);
          x.sheets.set(v, g);
          x.record({ sheet: old, address: "", what: "rename", detail: v });
        });
        ws._name = v;
      },
      get name(): string {
        return ws._name;
      },
    };
    return ws;
  }

  range(box: Box) {
    const x = this.x;
    // The cell blocks are made when a load() asks for them, as they are then (a range of a whole
    // 20 000-row table that is only formatted or written costs nothing to make).
    const blocks: Record<string, () => unknown[][]> = {
      values: () => x.block(box),
      formulas: () => x.formulaBlock(box, false),
      formulasLocal: () => x.formulaBlock(box, true),
      numberFormat: () => Array.from({ length: box.rows }, () => new Array<string>(box.cols).fill("General")),
    };
    const seed: Record<string, unknown> = {
      address: `${box.sheet}!${a1(box.row, box.col, box.rows, box.cols)}`,
      rowIndex: box.row,
      columnIndex: box.col,
      rowCount: box.rows,
      columnCount: box.cols,
      values: [],
      formulas: [],
      formulasLocal: [],
      numberFormat: [],
    };
    const mock = new OfficeMockObject(seed) as OfficeMockObject & Record<string, unknown>;
    const kept: Record<string, unknown> = { ...seed };
    const made = new Set<string>();
    const load = mock.load.bind(mock);
    const names = (p: unknown): string[] => (typeof p === "string" ? p.split(",") : Array.isArray(p) ? p.flatMap(names) : p && typeof p === "object" ? Object.keys(p) : Object.keys(blocks));
    mock.load = (p?: unknown) => {
      for (const n of names(p).map((n) => n.trim()))
        if (n in blocks && !made.has(n)) {
          const v = blocks[n]!();
          (mock as unknown as { setValue(n: string, v: unknown): void }).setValue(n, v);
          kept[n] = v;
          made.add(n);
        }
      return load(p as string);
    };
    const ws = this.worksheet(box.sheet);
    const ctx = this;
    const format = { font: {} as Record<string, unknown>, fill: {} as Record<string, unknown>, columnWidth: undefined as number | undefined };
    Object.assign(mock, {
      _a1: a1(box.row, box.col, box.rows, box.cols),
      worksheet: Object.assign(ws, { load: () => ws }),
      format,
      conditionalFormats: {
        add: (type: string) => {
          const cf = { textComparison: { format: { fill: {}, font: {} }, rule: null }, cellValue: { format: { font: {} }, rule: null } };
          ctx.pending.push(() => x.record({ sheet: box.sheet, address: a1(box.row, box.col, box.rows, box.cols), what: "conditionalFormat", detail: { type, cf } }));
          return cf;
        },
      },
    });
    kept["format"] = format;
    this.ranges.push({ mock, box, seed: kept, made, blocks });
    return mock;
  }

  async sync(): Promise<void> {
    const x = this.x;
    x.syncs++;
    // Queued operations in order, then each range's assignments (as Excel applies a batch).
    for (const p of this.pending.splice(0)) p();
    await (this.workbook.application as unknown as OfficeMockObject).sync();
    for (const r of this.ranges) {
      const addr = a1(r.box.row, r.box.col, r.box.rows, r.box.cols);
      const fmt = r.mock["numberFormat"];
      if (fmt !== r.seed["numberFormat"] && Array.isArray(fmt)) {
        x.record({ sheet: r.box.sheet, address: addr, what: "numberFormat", detail: fmt });
        r.seed["numberFormat"] = fmt;
      }
      let wrote = false;
      for (const what of ["values", "formulas", "formulasLocal"] as const) {
        const v = r.mock[what];
        if (v !== r.seed[what] && Array.isArray(v)) {
          if (v.length !== r.box.rows || (v as unknown[][]).some((row) => row.length !== r.box.cols)) throw new Error(`${what} of ${r.box.rows}×${r.box.cols} range ${addr} set to a ${v.length}-row block`);
          if (!x.sheets.has(r.box.sheet)) throw new Error(`No sheet ${r.box.sheet}`);
          r.seed[what] = v;
          if (what === "values") x.put(r.box, v as unknown[][]);
          else x.putFormulas(r.box, v as unknown[][], what === "formulasLocal");
          x.record({ sheet: r.box.sheet, address: addr, what, detail: fmt });
          wrote = true;
        }
      }
      if (wrote) {
        // what the range reads now: load it again to see it, as in Excel
        for (const what of ["values", "formulas", "formulasLocal"] as const) {
          // office-addin-mock keeps the value apart from whether it was loaded: keep the load (as a
          // load() queued before this sync would see the new state in Excel); a property not loaded
          // is made again by the next load()
          const m = r.mock as unknown as { setValue(n: string, v: unknown): void; _properties: Map<string, { _loaded: boolean; loadCalled(): void }> };
          const loaded = m._properties.get(what)?._loaded ?? false;
          const v = loaded ? r.blocks[what]!() : [];
          r.seed[what] = v;
          m.setValue(what, v);
          if (loaded) m._properties.get(what)!.loadCalled();
          else r.made.delete(what);
        }
      }
      const f = r.seed["format"] as { font: Record<string, unknown>; fill: Record<string, unknown>; columnWidth?: number };
      if (Object.keys(f.font).length || Object.keys(f.fill).length || f.columnWidth !== undefined) {
        x.record({ sheet: r.box.sheet, address: addr, what: "format", detail: { ...f } });
        f.font = {};
        f.fill = {};
        f.columnWidth = undefined;
        (r.mock as unknown as { format: unknown }).format = f;
      }
      await r.mock.sync();
    }
  }
}
