/**
 * A workbook behind a fake Excel.run, for testing the pane's Office.js code without Excel. Ranges are
 * office-addin-mock OfficeMockObjects, so reading a property that was not loaded and synced gives
 * the mock's error string (a missed load() or sync() shows up as wrong data). Writes land in the
 * fake sheets only at context.sync(), and every write is logged with its sheet and address, so a
 * test can check that nothing outside the sheets the pane created was touched.
 */
import { OfficeMockObject } from "office-addin-mock";
import { a1 } from "../../taskpane/workbook/types";

export interface Write {
  sheet: string;
  address: string;
  what: "values" | "numberFormat" | "formulas" | "addSheet" | "rename" | "format" | "conditionalFormat" | "freeze" | "activate" | "autoFilter";
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

export class FakeExcel {
  readonly sheets = new Map<string, unknown[][]>();
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

  block(b: Box): unknown[][] {
    return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, j) => this.cell(b.sheet, b.row + i, b.col + j)));
  }

  put(b: Box, values: unknown[][]): void {
    const g = this.sheets.get(b.sheet)!;
    values.forEach((r, i) => r.forEach((v, j) => ((g[b.row + i] ??= [])[b.col + j] = v)));
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
  private readonly ranges: { mock: OfficeMockObject & Record<string, unknown>; box: Box; seed: Record<string, unknown> }[] = [];
  readonly workbook;

  constructor(private readonly x: FakeExcel) {
    const ctx = this;
    this.workbook = {
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

  worksheet(name: string) {
    const ctx = this;
    const x = this.x;
    const ws = {
      getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => ctx.range({ sheet: ws._name, row, col, rows, cols }),
      getUsedRange: () => ctx.range(x.used(ws._name)),
      freezePanes: { freezeRows: (n: number) => ctx.pending.push(() => x.record({ sheet: ws._name, address: `1:${n}`, what: "freeze" })) },
      autoFilter: { apply: (r: { _a1?: string }) => ctx.pending.push(() => x.record({ sheet: ws._name, address: r._a1 ?? "?", what: "autoFilter" })) },
      activate: () => ctx.pending.push(() => x.record({ sheet: ws._name, address: "", what: "activate" })),
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
    const values = x.block(box);
    const seed: Record<string, unknown> = {
      address: `${box.sheet}!${a1(box.row, box.col, box.rows, box.cols)}`,
      rowIndex: box.row,
      columnIndex: box.col,
      rowCount: box.rows,
      columnCount: box.cols,
      values,
      formulas: values.map((r) => r.map((v) => (typeof v === "string" ? v : String(v)))),
      numberFormat: values.map((r) => r.map(() => "General")),
    };
    const mock = new OfficeMockObject(seed) as OfficeMockObject & Record<string, unknown>;
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
    this.ranges.push({ mock, box, seed: { ...seed, format } });
    return mock;
  }

  async sync(): Promise<void> {
    const x = this.x;
    x.syncs++;
    // Queued operations in order, then each range's assignments (as Excel applies a batch).
    for (const p of this.pending.splice(0)) p();
    for (const r of this.ranges) {
      const addr = a1(r.box.row, r.box.col, r.box.rows, r.box.cols);
      const fmt = r.mock["numberFormat"];
      if (fmt !== r.seed["numberFormat"] && Array.isArray(fmt)) {
        x.record({ sheet: r.box.sheet, address: addr, what: "numberFormat", detail: fmt });
        r.seed["numberFormat"] = fmt;
      }
      for (const what of ["values", "formulas"] as const) {
        const v = r.mock[what];
        if (v !== r.seed[what] && Array.isArray(v)) {
          if (v.length !== r.box.rows || (v as unknown[][]).some((row) => row.length !== r.box.cols)) throw new Error(`${what} of ${r.box.rows}×${r.box.cols} range ${addr} set to a ${v.length}-row block`);
          if (!x.sheets.has(r.box.sheet)) throw new Error(`No sheet ${r.box.sheet}`);
          x.put(r.box, v as unknown[][]);
          x.record({ sheet: r.box.sheet, address: addr, what, detail: fmt });
          r.seed[what] = v;
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
