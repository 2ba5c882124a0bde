/**
 * The pane's reads of a sheet in a workbook that uses the 1904 date system (test/helpers/excelMock.ts:
 * its date cells hold 1904 serials, DATE(1904, 1, 1) evaluates to 0): each read asks Excel the
 * system in the same request and says it with the cells (TableData.dateSystem), and every reading of
 * the rows as claims (the audit, the Model screen, Explain, a parameter table) reads the serials in
 * it: the same sheet of claims audits, models and explains exactly as in a 1900 workbook. Where Excel
 * cannot say, serials are refused with the reason; the pane never writes a date as a serial.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../io/csv";
import { ExcelWorkbook } from "../../taskpane/workbook/excel";
import { runAudit } from "../../taskpane/jobs/audit";
import { ModelSession } from "../../taskpane/jobs/modelRun";
import { explainRow } from "../../taskpane/screens/ExplainScreen";
import { FakeExcel } from "../helpers/excelMock";
import { claimColumns } from "../../src/claim/excelCells";
import { RESULT_HEADERS } from "../../src/audit/report";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";
import { paramTable, readParamTable, tableToCells } from "../../src/params/table";
import { dayFromYmd } from "../../src/dates";
import type { TableData } from "../../taskpane/workbook/types";

const engine = new Engine(builtinRegistry());
const sample = parseCsv(readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"), "utf8"));
const isDate = claimColumns(sample[0]!).map((c) => c.kind === "date");
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };

/** A workbook of `system` holding the sample as Excel holds it: dates as its serials, numbers as numbers, blanks "". */
function workbook(system: "1900" | "1904"): FakeExcel {
  const x = new FakeExcel({});
  x.dateSystem = system;
  const rows = sample.map((r, i) => (i === 0 ? r : r.map((v, j) => (isDate[j] && ISO.test(v) ? x.serial(v) : /^\d{1,12}(\.\d+)?$/.test(v) ? Number(v) : v))));
  x.sheets.set("理赔", rows);
  x.active = { sheet: "理赔", row: 3, col: 0 };
  return x;
}
function use(x: FakeExcel): ExcelWorkbook {
  g.Excel = x.api();
  g.Office = x.office();
  return new ExcelWorkbook(() => true);
}
afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

/** The audit of the sheet as the pane runs it: its results sheet and its report. */
async function audit(x: FakeExcel, change?: (d: TableData) => TableData) {
  const wb = use(x);
  let data = await wb.read("sheet:理赔");
  if (change) data = change(data);
  const r = await runAudit(wb, data, { engine, lang: "zh", mask: true });
  return { data, sheet: x.snapshot(r.sheet), report: JSON.stringify(r.report) };
}

describe("the pane's read of a sheet says the workbook's date system, asked in the same request", () => {
  it("1904 and 1900 workbooks; the cells as they are; nothing written, no request of its own", async () => {
    for (const system of ["1904", "1900"] as const) {
      const x = workbook(system);
      const data = await use(x).read("sheet:理赔");
      expect(data.dateSystem).toBe(system);
      expect(data.rows[0]![sample[0]!.indexOf("入院日期")]).toBe(x.serial("2020-05-06"));
      expect(x.dateCalls).toBe(1);
      expect(x.log).toEqual([]);
      const syncs = x.syncs;
      x.dateFunction = "errorValue";
      await use(x).read("sheet:理赔");
      // the question rode along with the read's own requests
      expect(x.syncs - syncs).toBe(syncs);
    }
  });
  it("an error value from DATE: unknown; a request Excel refuses fails the read (never a read in a guessed system)", async () => {
    const x = workbook("1904");
    x.dateFunction = "errorValue";
    expect((await use(x).read("sheet:理赔")).dateSystem).toBe("unknown");
    x.dateFunction = "fails";
    await expect(use(x).read("sheet:理赔")).rejects.toThrow();
  });
  it("the active record (Explain's 当前行) too", async () => {
    const x = workbook("1904");
    const rec = await use(x).activeRecord();
    expect(rec!.dateSystem).toBe("1904");
    expect(rec!.row).toEqual(x.sheets.get("理赔")![3]);
  });
});

describe("a 1904 workbook's claims are audited, modelled and explained as the same claims in a 1900 workbook", () => {
  it("the audit: the same results sheet and report, row for row; read as 1900 serials they would not be", async () => {
    const a = await audit(workbook("1900"));
    const b = await audit(workbook("1904"));
    expect(b.sheet).toEqual(a.sheet);
    expect(b.report).toBe(a.report);
    expect(a.sheet.length).toBe(sample.length);
    const wrong = await audit(workbook("1904"), (d) => ({ ...d, dateSystem: "1900" }));
    expect(wrong.sheet).not.toEqual(a.sheet);
  });
  it("the pane writes no date as a serial: the results sheet's version dates are text, as in any workbook", async () => {
    const b = await audit(workbook("1904"));
    const col = RESULT_HEADERS.indexOf("versionDate");
    const dates = b.sheet.slice(1).map((r) => r[col]).filter((v) => v !== "" && v !== null && v !== undefined);
    expect(dates.length).toBeGreaterThan(20);
    for (const d of dates) expect(d).toMatch(ISO);
  });
  it("when Excel cannot say the system: every row with a date serial refused, saying so; no amount computed from a serial", async () => {
    const x = workbook("1904");
    x.dateFunction = "errorValue";
    const r = await audit(x);
    expect(r.data.dateSystem).toBe("unknown");
    const report = JSON.parse(r.report) as { rows: { status: string; problems: { code: string }[] }[] };
    const dated = sample.slice(1).map((row) => row.some((v, j) => isDate[j] && v !== ""));
    report.rows.forEach((row, i) => {
      if (!dated[i]) return;
      expect(row.status, `row ${i + 2}`).toBe("error");
      expect(row.problems.map((p) => p.code)).toContain("date_system_unknown");
    });
  });
  it("the Model screen's run (ModelSession, as the page or the worker runs it)", async () => {
    const run = async (system: "1900" | "1904", as?: "1900") => {
      const data = await use(workbook(system)).read("sheet:理赔");
      const s = new ModelSession();
      await s.use("k", () => (as ? { ...data, dateSystem: as } : data), {});
      const o = await s.run({ base: engine, scen: null, compute: true, dimension: "scheme", weightColumn: "", lang: "zh" });
      return JSON.stringify(o, (k, v) => (k === "ms" ? 0 : v)); // its time aside
    };
    const want = await run("1900");
    expect(await run("1904")).toBe(want);
    expect(await run("1904", "1900")).not.toBe(want);
  });
  it("Explain: a row of the table and the active record", async () => {
    const explained = async (system: "1900" | "1904") => {
      const wb = use(workbook(system));
      const data = await wb.read("sheet:理赔");
      const rec = (await wb.activeRecord())!;
      return JSON.stringify([
        ...data.rows.map((row, i) => explainRow(engine, data.header, row, `row ${i + 2}`, {}, data.dateSystem)),
        explainRow(engine, rec.header, rec.row, "active", {}, rec.dateSystem),
      ]);
    };
    expect(await explained("1904")).toBe(await explained("1900"));
  });
  it("a parameter table read from a sheet, its start date typed as a date cell", async () => {
    const table = tableToCells(paramTable(builtinRegistry(), "lanzhou", dayFromYmd(2020, 6, 30)!, "zh"), "zh");
    const read = async (system: "1900" | "1904") => {
      const x = new FakeExcel({});
      x.dateSystem = system;
      x.sheets.set("参数", table.map((r, i) => (i > 0 && ISO.test(r[2] ?? "") ? [r[0], r[1], x.serial(r[2]!), r[3], r[4], r[5], r[6]] : r)));
      const data = await use(x).read("sheet:参数");
      return readParamTable(builtinRegistry(), [data.header, ...data.rows], { dateSystem: data.dateSystem });
    };
    const want = await read("1900");
    expect(want.problems).toEqual([]);
    expect(await read("1904")).toEqual(want);
  });
});
