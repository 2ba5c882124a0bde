/**
 * The page side of test/helpers/excelHost.ts: FakeExcel (excelMock.ts) as the Office host of a page
 * in a real browser. Bundled for the browser and added before the page's own scripts, it sets the
 * globals office.js would set inside Excel: `Office` (onReady answers host Excel, the display
 * language and requirement sets of the fake), `Excel` (Excel.run on the fake workbook, the enums
 * the pane uses) and `CustomFunctions` (associate records the ids). The fake and a copy of the
 * sheets as they were before any script of the page ran stay on `window.__excel` for the test.
 */
import { FakeExcel } from "./excelMock";

export interface HostSetup {
  sheets: Record<string, unknown[][]>;
  tables: { name: string; sheet: string; row: number; col: number; rows: number; cols: number }[];
  displayLanguage: string;
  /** The workbook's date system (its date cells then hold serials of it: excelHost.ts excelCells). Default 1900. */
  dateSystem?: "1900" | "1904";
}

export interface PageHost {
  x: FakeExcel;
  /** The sheets as they were installed (a deep copy, before the pane ran). */
  original: Record<string, unknown[][]>;
  associated: string[];
}

function install(setup: HostSetup): void {
  const x = new FakeExcel(setup.sheets);
  x.displayLanguage = setup.displayLanguage;
  if (setup.dateSystem) x.dateSystem = setup.dateSystem;
  for (const t of setup.tables) x.tables.push(t);
  const associated: string[] = [];
  const w = globalThis as unknown as Record<string, unknown>;
  const info = { host: "Excel", platform: "OfficeOnline" };
  w["Office"] = {
    ...x.office(),
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    onReady: (cb?: (i: typeof info) => void) =>
      Promise.resolve().then(() => {
        cb?.(info);
        return info;
      }),
  };
  // Excel.run from the fake, each context.sync() a round trip as Office.js's is: the request goes
  // out as a message and the page's task ends, Excel applies the batch, its answer comes back as
  // another task (the fake's own sync settles in microtasks, which would join the page's reads,
  // writes and renders of a whole run into one task); the enums as plain values (office.js's are strings)
  const api = x.api() as unknown as { run: (cb: (ctx: { sync(): Promise<void> }) => Promise<unknown>) => Promise<unknown> };
  const turn = () => new Promise<void>((r) => setTimeout(r, 0));
  w["Excel"] = {
    run: (cb: (ctx: unknown) => Promise<unknown>) =>
      api.run((ctx) => {
        const sync = ctx.sync.bind(ctx);
        ctx.sync = async () => {
          await turn();
          await sync();
          await turn();
        };
        return cb(ctx);
      }),
    ConditionalFormatType: { containsText: "ContainsText", cellValue: "CellValue" },
    ConditionalTextOperator: { contains: "Contains" },
    ConditionalCellValueOperator: { notEqualTo: "NotEqualTo" },
  };
  w["CustomFunctions"] = { associate: (id: string) => void associated.push(id) };
  w["__excel"] = { x, original: structuredClone(setup.sheets), associated } satisfies PageHost;
}

(globalThis as unknown as Record<string, unknown>)["__installExcel"] = install;
