/**
 * The pane's Excel code (Excel.run through office-addin-mock): it reads the user's claims in chunks,
 * writes the audit and the model only to sheets it creates, in one values assignment and one sync per
 * chunk, never touches the input sheet, and leaves a clearly named partial sheet when cancelled.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../io/csv";
import { ExcelWorkbook, parseSelectionId, selectionId } from "../../taskpane/workbook/excel";
import { runAudit } from "../../taskpane/jobs/audit";
import { writeComparison } from "../../taskpane/jobs/model";
import { compareBy, prepareBatch, settleBatch } from "../../src/scenario/compare";
import { FakeExcel } from "../helpers/excelMock";
import { batchProblem } from "../../taskpane/batch";
import { RESULT_HEADERS } from "../../src/audit/report";
import { engine } from "../helpers/claims";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";

const sample = parseCsv(readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"), "utf8"));
let x: FakeExcel;
const g = globalThis as unknown as { Excel?: unknown };

beforeEach(() => {
  x = new FakeExcel({ 理赔: sample, 说明: [["这张表不该被改动"]] });
  x.tables.push({ name: "Claims", sheet: "理赔", row: 0, col: 0, rows: sample.length, cols: sample[0]!.length });
  x.selection = { sheet: "理赔", row: 0, col: 0, rows: 6, cols: sample[0]!.length };
  g.Excel = x.api();
});
afterEach(() => delete g.Excel);

const wb = () => new ExcelWorkbook(() => true);
const writesOutside = (allowed: string[]) => x.log.filter((w) => !allowed.includes(w.sheet));

describe("reading", () => {
  it("lists the selection, the named tables and the sheets", async () => {
    const list = await wb().listSources();
    expect(list.map((s) => s.id)).toEqual(["selection:理赔!A1:AJ6", "table:Claims", "sheet:理赔", "sheet:说明"]);
    expect(list[0]!.label).toBe("当前选区 理赔!A1:AJ6"); // the sample's 36 columns (第二病种认定日期 since issue 13)
    expect(list[0]!.rows).toBe(5);
  });
  it("reads a table in chunks with progress, exactly as the sheet holds it", async () => {
    const progress: number[] = [];
    const data = await wb().read("table:Claims", (d) => progress.push(d));
    expect(data.header).toEqual(sample[0]);
    expect(data.rows).toEqual(sample.slice(1));
    expect(progress.at(-1)).toBe(sample.length);
    expect(x.log).toEqual([]); // reading writes nothing
  });
  it("a cancelled read stops between chunks", async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(wb().read("sheet:理赔", undefined, ctl.signal)).rejects.toThrow(/cancelled/);
  });
});

describe("the selection is the cells the list showed (issue 11)", () => {
  const selection = async () => (await wb().listSources()).find((s) => s.kind === "selection")!;
  it("a run, then the selection moved to the results sheet or another range: the next read of it reads the cells listed", async () => {
    const src = await selection();
    expect(src.label).toBe("当前选区 理赔!A1:AJ6");
    const first = await wb().read(src.id);
    expect(first.label).toBe("理赔!A1:AJ6");
    expect(first.rows).toEqual(sample.slice(1, 6));
    // the run activates its results sheet, which moves the selection there
    const r = await runAudit(wb(), first, { engine, lang: "zh", mask: true });
    expect(x.selection.sheet).toBe(r.sheet);
    expect(await wb().read(src.id)).toEqual(first);
    // the user drags over the results, or over other claims
    x.selection = { sheet: r.sheet, row: 0, col: 0, rows: 10, cols: 20 };
    expect(await wb().read(src.id)).toEqual(first);
    x.selection = { sheet: "理赔", row: 10, col: 0, rows: 8, cols: sample[0]!.length };
    expect(await wb().read(src.id)).toEqual(first);
    // and a second run on it audits the same claims
    const second = await runAudit(wb(), await wb().read(src.id), { engine, lang: "zh", mask: true });
    expect(x.snapshot(second.sheet)).toEqual(x.snapshot(r.sheet));
  });
  it("listing the sources again shows the new selection with its address, and reading it reads that", async () => {
    const old = await selection();
    x.selection = { sheet: "理赔", row: 10, col: 0, rows: 8, cols: sample[0]!.length };
    const now = await selection();
    expect(now.label).toBe("当前选区 理赔!A11:AJ18");
    expect(now.rows).toBe(7);
    expect(now.id).not.toBe(old.id);
    const data = await wb().read(now.id);
    expect(data.label).toBe("理赔!A11:AJ18");
    expect([data.header, ...data.rows]).toEqual(sample.slice(10, 18));
    expect((await wb().read(old.id)).rows).toEqual(sample.slice(1, 6));
  });
  it("its id holds the sheet and the cells, however Excel quotes the sheet in the address", () => {
    expect(selectionId("理赔", "理赔!A1:AJ6")).toBe("selection:理赔!A1:AJ6");
    expect(parseSelectionId(selectionId("My 'claims'!", "'My ''claims''!'!B2:C9"))).toEqual({ sheet: "My 'claims'!", address: "B2:C9" });
    expect(parseSelectionId("selection")).toBeNull();
    expect(parseSelectionId("sheet:理赔")).toBeNull();
  });
  it("its sheet deleted or renamed: the read fails naming the sheet and the address, and never reads the selection instead", async () => {
    const src = await selection();
    x.sheets.set("理赔2", sample);
    x.selection = { sheet: "理赔2", row: 0, col: 0, rows: 6, cols: sample[0]!.length };
    x.sheets.delete("理赔");
    await expect(wb().read(src.id)).rejects.toThrow("工作表“理赔”已不在（已删除或改名），选区 A1:AJ6 无法读取；请点“刷新”，重新选择要读取的区域");
    await expect(new ExcelWorkbook(() => false).read(src.id)).rejects.toThrow('The sheet "理赔" is gone (deleted or renamed), so the selection A1:AJ6 cannot be read; click Refresh and choose the range to read again');
    const e = await wb().read(src.id).catch((e: unknown) => e);
    expect((e as { text: unknown }).text).toEqual({ zh: expect.stringContaining("理赔"), en: expect.stringContaining("A1:AJ6") });
    // renamed: the same (the cells under the old name are not there to read)
    x.sheets.set("旧理赔", sample);
    x.selection = { sheet: "旧理赔", row: 0, col: 0, rows: 6, cols: sample[0]!.length };
    const renamed = await selection();
    x.sheets.set("新理赔", x.sheets.get("旧理赔")!);
    x.sheets.delete("旧理赔");
    x.selection = { sheet: "新理赔", row: 0, col: 0, rows: 6, cols: sample[0]!.length };
    await expect(wb().read(renamed.id)).rejects.toThrow("工作表“旧理赔”已不在（已删除或改名），选区 A1:AJ6 无法读取");
  });
});

describe("the pane's own sheets are not claims", () => {
  it("an audit's results sheet, in either language, is refused as claims; its summary is not a claims table either", async () => {
    const data = await wb().read("sheet:理赔");
    expect(batchProblem({ sourceId: "sheet:理赔", data, mapping: {} })).toBeNull();
    const zh = await runAudit(wb(), data, { engine, lang: "zh", mask: true });
    const en = await runAudit(new ExcelWorkbook(() => false), data, { engine, lang: "en", mask: true });
    for (const sheet of [zh.sheet, en.sheet]) {
      const results = await wb().read(`sheet:${sheet}`);
      // without the check its 起付线, 大病保险 … columns were mapped as claimed amounts
      const problem = batchProblem({ sourceId: `sheet:${sheet}`, data: results, mapping: {} })!;
      expect(problem.kind).toBe("ownResults");
      expect(problem.title.zh).toBe(`“${sheet}!A1:T35”是核查结果（本插件写出的表），不是报销单，不能当作报销单核查或测算`);
      expect(problem.title.en).toContain("is an audit result");
      // a selection over part of it too
      x.selection = { sheet, row: 0, col: 0, rows: 4, cols: 20 };
      const sel = (await wb().listSources()).find((s) => s.kind === "selection")!;
      expect(batchProblem({ sourceId: sel.id, data: await wb().read(sel.id), mapping: {} })?.kind).toBe("ownResults");
    }
    const summary = await wb().read(`sheet:${zh.sheets[0]}`);
    expect(batchProblem({ sourceId: "s", data: summary, mapping: {} })?.kind).toBe("noKnownHeader");
  });
});

describe("the audit in Excel", () => {
  it("writes only to new sheets, one values assignment and one sync per chunk, and leaves the input as it was", async () => {
    const before = x.snapshot("理赔");
    const data = await wb().read("sheet:理赔");
    const progress: number[] = [];
    const r = await runAudit(wb(), data, { engine, lang: "zh", mask: true, chunk: 10, onProgress: (d) => progress.push(d) });
    expect(r.sheet).toBe("核查结果");
    expect(r.sheets).toEqual(["核查汇总", "核查结果"]);
    expect(r.cancelled).toBe(false);
    expect(x.snapshot("理赔")).toEqual(before);
    expect(x.snapshot("说明")).toEqual([["这张表不该被改动"]]);
    expect(writesOutside(["核查结果", "核查汇总"])).toEqual([]);
    expect(progress).toEqual([10, 20, 30, 34]);
    // the results: the header in row 1, then 4 chunks of claims, each one values write in its own sync
    const valueWrites = x.log.filter((w) => w.what === "values" && w.sheet === "核查结果");
    expect(valueWrites.map((w) => w.address)).toEqual(["A1:T1", "A2:T11", "A12:T21", "A22:T31", "A32:T35"]);
    expect(new Set(valueWrites.map((w) => w.sync)).size).toBe(valueWrites.length);
    // the number formats of a chunk are set in the same sync, before its values
    for (const v of x.log.filter((w) => w.what === "values")) {
      const i = x.log.indexOf(v);
      expect(x.log[i - 1]).toMatchObject({ what: "numberFormat", address: v.address, sync: v.sync });
    }
    // amounts with thousands separators and two decimals, text columns as text
    const chunk = x.log.find((w) => w.what === "numberFormat" && w.address === "A2:T11")!;
    expect((chunk.detail as string[][])[0]![RESULT_HEADERS.indexOf("pooled")]).toBe("#,##0.00");
    expect((chunk.detail as string[][])[0]![0]).toBe("@");
  });
  it("the summary has its own sheet; the results sheet freezes only its header row and has an autofilter (the report used to freeze 27 rows)", async () => {
    const data = await wb().read("sheet:理赔");
    const r = await runAudit(wb(), data, { engine, lang: "zh", mask: true });
    const sum = x.snapshot("核查汇总");
    expect(sum[0]![0]).toBe("医保核算：手工报销核查汇总");
    expect(sum.find((row) => row?.[0] === "报销单数")?.[1]).toBe(34);
    expect(sum.find((row) => row?.[0] === "逐笔结果")?.[1]).toBe("见工作表“核查结果”");
    // counts as counts, amounts with separators
    const fmts = x.log.filter((w) => w.sheet === "核查汇总" && w.what === "numberFormat").map((w) => (w.detail as string[][])[0]);
    expect(fmts).toContainEqual(["@", "#,##0"]);
    expect(fmts).toContainEqual(["@", "#,##0.00"]);
    const out = x.snapshot(r.sheet);
    expect(out[0]!.slice(0, 3)).toEqual(["编号", "姓名", "核查结果"]);
    const rows = out.slice(1);
    expect(rows).toHaveLength(34);
    const row3 = rows.find((row) => row[0] === "LZ2020-003")!;
    expect(row3[2]).toBe("有差异");
    expect(String(row3[1])).toMatch(/^.\*+$/); // 张* — masked by default
    expect(String(row3.at(-1))).toMatch(/起付标准应递减/);
    const cfs = x.log.filter((w) => w.what === "conditionalFormat");
    expect(cfs.length).toBe(4); // three status fills and the non-zero difference
    expect(cfs.every((w) => w.sheet === r.sheet)).toBe(true);
    expect(x.log.filter((w) => w.what === "freeze")).toEqual([expect.objectContaining({ sheet: r.sheet, address: "1:1" })]);
    expect(x.log.filter((w) => w.what === "autoFilter")).toEqual([expect.objectContaining({ sheet: r.sheet, address: "A1:T35" })]);
    // column widths fitted to the contents: the reasons column is wider than the status column
    const widths = x.log.filter((w) => w.what === "format" && w.sheet === r.sheet && (w.detail as { columnWidth?: number }).columnWidth !== undefined);
    const width = (j: number) => (widths.find((w) => w.address === `${String.fromCharCode(65 + j)}1`)!.detail as { columnWidth: number }).columnWidth;
    expect(width(RESULT_HEADERS.indexOf("reasons"))).toBeGreaterThan(width(RESULT_HEADERS.indexOf("status")));
  });
  it("re-running makes new sheets and leaves the first untouched", async () => {
    const data = await wb().read("sheet:理赔");
    const first = await runAudit(wb(), data, { engine, lang: "zh", mask: true });
    const snap = x.snapshot(first.sheet);
    const second = await runAudit(wb(), data, { engine, lang: "zh", mask: true });
    expect(second.sheets).toEqual(["核查汇总 2", "核查结果 2"]);
    expect(x.snapshot(first.sheet)).toEqual(snap);
  });
  it("cancelled: clearly named partial sheets that say how far they got, nothing else changed", async () => {
    const before = x.snapshot("理赔");
    const data = await wb().read("sheet:理赔");
    const ctl = new AbortController();
    const r = await runAudit(wb(), data, { engine, lang: "zh", mask: true, chunk: 10, signal: ctl.signal, onProgress: () => ctl.abort() });
    expect(r.cancelled).toBe(true);
    expect(r.sheet).toBe("核查结果（未完成）");
    expect(r.sheets).toEqual(["核查汇总（未完成）", "核查结果（未完成）"]);
    expect([...x.sheets.keys()].sort()).toEqual(["理赔", "说明", "核查汇总（未完成）", "核查结果（未完成）"].sort());
    const sum = x.snapshot("核查汇总（未完成）");
    expect(sum.some((row) => String(row?.[1] ?? "").includes("已取消：已核查 10 / 34 行"))).toBe(true);
    expect(sum.find((row) => row?.[0] === "逐笔结果")?.[1]).toBe("见工作表“核查结果（未完成）”");
    expect(x.snapshot(r.sheet).slice(1)).toHaveLength(10);
    expect(x.snapshot("理赔")).toEqual(before);
    expect(writesOutside(["核查结果", "核查汇总", "核查结果（未完成）", "核查汇总（未完成）"])).toEqual([]);
  });
  it("a claim whose text looks like a formula is written as text", async () => {
    const rows = [sample[0]!, sample[1]!.map((v, j) => (j === 0 ? '=HYPERLINK("http://x","y")' : v))];
    x.sheets.set("危险", rows);
    const data = await wb().read("sheet:危险");
    const r = await runAudit(wb(), data, { engine, lang: "zh", mask: true });
    const write = x.log.find((w) => w.what === "values" && w.sheet === r.sheet && w.address === "A2:T2")!;
    expect((write.detail as string[][])[0]![0]).toBe("@"); // the id column is text-formatted before the value lands
    expect(x.snapshot(r.sheet)[1]![0]).toBe('=HYPERLINK("http://x","y")');
  });
});

describe("the model comparison in Excel", () => {
  it("goes to a new sheet with the changes, the totals and the bounds check", async () => {
    const data = await wb().read("sheet:理赔");
    const b = prepareBatch(data.header, data.rows);
    const base = settleBatch(engine, b);
    const scenario = new Engine(builtinRegistry().withOverrides("test", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]));
    const c = compareBy(b, base, settleBatch(scenario, b), "scheme");
    const name = await writeComparison(wb(), { lang: "zh", set: "lanzhou", date: "2020-06-30", source: data.label, changes: [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", label: "职工住院起付标准", keyWords: "三级甲等", unit: "元", from: "2020-04-01", baseline: "1400.00", scenario: "1000.00" }], comparison: c, bounds: null });
    expect(name).toBe("测算对比");
    expect(writesOutside(["测算对比"])).toEqual([]);
    const out = x.snapshot(name);
    // the change in words, the parameter id kept last for reference
    expect(out.some((r) => r?.[0] === "职工住院起付标准" && r[1] === "三级甲等" && r[4] === "1000.00" && r[6] === "lanzhou.employee.inpatient.threshold 3A")).toBe(true);
    const total = out.find((r) => r?.[0] === "合计")!;
    expect(total[3]).toBeGreaterThan(total[2] as number); // a lower threshold costs the fund more
  });
});

describe("inserting at the selection (catalog rows, formulas)", () => {
  it("asks before writing over a cell that is not empty; writes after the user agrees", async () => {
    x.selection = { sheet: "说明", row: 0, col: 0, rows: 1, cols: 1 };
    const first = await wb().insertAtSelection([["=YIBAO.CHRONIC_CODE(\"高血压病\")"]], false);
    expect(first).toEqual({ occupied: "说明!A1" });
    expect(x.log).toEqual([]);
    const second = await wb().insertAtSelection([["=YIBAO.CHRONIC_CODE(\"高血压病\")"]], true);
    expect(second).toEqual({ written: "说明!A1" });
    expect(x.snapshot("说明")[0]![0]).toBe('=YIBAO.CHRONIC_CODE("高血压病")');
  });
  it("only our own functions go in as formulas; other text starting with = goes in as text", async () => {
    x.selection = { sheet: "说明", row: 3, col: 0, rows: 1, cols: 1 };
    await wb().insertAtSelection([["=WEBSERVICE(\"http://x\")", "高血压病"]], false);
    expect(x.snapshot("说明")[3]).toEqual(["'=WEBSERVICE(\"http://x\")", "高血压病"]);
  });
});

describe("the active row (Explain)", () => {
  it("is the header and the row of the active cell in the used range", async () => {
    x.active = { sheet: "理赔", row: 3, col: 5 };
    const rec = await wb().activeRecord();
    expect(rec?.header).toEqual(sample[0]);
    expect(rec?.row).toEqual(sample[3]);
    x.active = { sheet: "理赔", row: 0, col: 0 };
    expect(await wb().activeRecord()).toBeNull(); // the header row is not a claim
  });
});
