// @vitest-environment jsdom
/**
 * The whole pane inside Excel (Excel.run through office-addin-mock): the four screens work on the
 * open workbook, the audit lands in a new sheet and nothing else changes; the language comes from
 * Office's display language; local storage holds only the user's settings.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import "./dom";
import { App } from "../../taskpane/App";
import { detectLanguage } from "../../taskpane/i18n";
import { ExcelWorkbook } from "../../taskpane/workbook/excel";
import { SETTINGS_KEY } from "../../taskpane/settings";
import { parseCsv } from "../../io/csv";
import { FakeExcel } from "../helpers/excelMock";

const sample = parseCsv(readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"), "utf8"));
const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
let x: FakeExcel;

beforeEach(() => {
  localStorage.clear();
  x = new FakeExcel({ 理赔: sample });
  x.tables.push({ name: "Claims", sheet: "理赔", row: 0, col: 0, rows: sample.length, cols: sample[0]!.length });
  g.Excel = x.api();
});
afterEach(() => {
  cleanup();
  delete g.Excel;
  delete g.Office;
});

describe("the pane in Excel", () => {
  it("audits the named table into new sheets; the input sheet and local storage hold no trace of the claims", async () => {
    const before = x.snapshot("理赔");
    render(<App inExcel initialLang="zh" workbook={new ExcelWorkbook(() => true)} />);
    await waitFor(() => expect((screen.getByTestId("source-select") as HTMLSelectElement).value).toBe("table:Claims"));
    // choosing the source read it: the next step is the run
    await screen.findByText(/已读取 34 行/);
    fireEvent.click(screen.getByRole("button", { name: "开始核查" }));
    const summary = await screen.findByTestId("audit-summary", undefined, { timeout: 5000 });
    expect(within(summary).getByTestId("audit-outcome").textContent).toMatch(/结果写入新工作表 “核查汇总”、“核查结果”|结果在新工作表 “核查汇总”、“核查结果”/);
    expect(within(summary).getByText(/结果在工作表：核查汇总、核查结果/)).toBeTruthy();
    expect([...x.sheets.keys()]).toEqual(["理赔", "核查汇总", "核查结果"]);
    expect(x.snapshot("理赔")).toEqual(before);
    expect(x.log.filter((w) => w.sheet !== "核查结果" && w.sheet !== "核查汇总")).toEqual([]);
    expect(Object.keys(localStorage)).toEqual([]);
    // the explain screen reads the active row
    x.active = { sheet: "理赔", row: 1, col: 0 };
    fireEvent.click(screen.getByRole("tab", { name: "说明" }));
    fireEvent.click(screen.getByRole("button", { name: "说明选中的行" }));
    expect((await screen.findByTestId("explain-fund")).textContent).toBe("14,015.68");
  });
  it("a second run on the selection audits the cells chosen, not what is selected after the first run (issue 11)", async () => {
    x.selection = { sheet: "理赔", row: 0, col: 0, rows: 6, cols: sample[0]!.length };
    render(<App inExcel initialLang="zh" workbook={new ExcelWorkbook(() => true)} />);
    const select = () => screen.getByTestId("source-select") as HTMLSelectElement;
    const shown = () => select().selectedOptions[0]?.textContent;
    // the option the user sees with this label
    const option = (label: string) => [...select().options].find((o) => o.textContent === label)!.value;
    await waitFor(() => expect(select().value).toBe("table:Claims"));
    fireEvent.change(select(), { target: { value: option("当前选区 理赔!A1:AJ6（5 行）") } });
    await screen.findByText("已读取 5 行：理赔!A1:AJ6");
    expect(shown()).toBe("当前选区 理赔!A1:AJ6（5 行）");
    const run = screen.getByRole("button", { name: "开始核查" });
    fireEvent.click(run);
    await waitFor(() => expect(x.sheets.has("核查结果")).toBe(true), { timeout: 5000 });
    await waitFor(() => expect((screen.getByRole("button", { name: "开始核查" }) as HTMLButtonElement).disabled).toBe(false));
    // the run activated its results sheet; then the user drags over the results
    expect(x.selection.sheet).toBe("核查结果");
    x.selection = { sheet: "核查结果", row: 0, col: 0, rows: 10, cols: 20 };
    fireEvent.click(screen.getByRole("button", { name: "开始核查" }));
    await waitFor(() => expect(x.sheets.has("核查结果 2")).toBe(true), { timeout: 5000 });
    await waitFor(() => expect(x.snapshot("核查结果 2")).toEqual(x.snapshot("核查结果")));
    expect(x.snapshot("核查结果").slice(1).map((r) => r[0])).toEqual(sample.slice(1, 6).map((r) => r[0]));
    // refreshing lists the new selection with its address; the one chosen stays chosen and is read again as it was
    x.selection = { sheet: "理赔", row: 10, col: 0, rows: 8, cols: sample[0]!.length };
    fireEvent.click(screen.getByRole("button", { name: "刷新来源列表并重新读取" }));
    await waitFor(() => expect([...select().options].map((o) => o.textContent)).toContain("当前选区 理赔!A11:AJ18（7 行）"));
    await waitFor(() => expect((screen.getByRole("button", { name: "开始核查" }) as HTMLButtonElement).disabled).toBe(false));
    expect(shown()).toBe("当前选区 理赔!A1:AJ6（5 行）");
    expect(screen.getByTestId("batch-info").textContent).toBe("已读取 5 行：理赔!A1:AJ6");
    // the user picks the new selection: it is read, as its label says
    fireEvent.change(select(), { target: { value: option("当前选区 理赔!A11:AJ18（7 行）") } });
    await screen.findByText("已读取 7 行：理赔!A11:AJ18");
    expect(shown()).toBe("当前选区 理赔!A11:AJ18（7 行）");
    // the results sheet is listed, and refused as claims: no column mapping offered, no run
    fireEvent.change(select(), { target: { value: option("工作表 核查结果") } });
    expect((await screen.findByTestId("batch-problem")).textContent).toContain("“核查结果!A1:T6”是核查结果（本插件写出的表），不是报销单");
    expect((screen.getByRole("button", { name: "开始核查" }) as HTMLButtonElement).disabled).toBe(true);
  });
  it("switching the language is a setting, and the only thing stored", async () => {
    render(<App inExcel initialLang="zh" workbook={new ExcelWorkbook(() => true)} />);
    fireEvent.click(screen.getByRole("button", { name: "Switch to English" }));
    expect(await screen.findByRole("tab", { name: "Audit" })).toBeTruthy();
    expect(Object.keys(localStorage)).toEqual([SETTINGS_KEY]);
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toEqual({ lang: "en", mask: true });
  });
  it("the model writes its comparison to a new sheet", async () => {
    render(<App inExcel initialLang="en" workbook={new ExcelWorkbook(() => false)} />);
    fireEvent.click(screen.getByRole("tab", { name: "Model" }));
    await waitFor(() => expect((screen.getByTestId("source-select") as HTMLSelectElement).value).toBe("table:Claims"));
    await screen.findByTestId("comparison", undefined, { timeout: 5000 });
    fireEvent.click(screen.getByRole("button", { name: "Write to a new sheet" }));
    await screen.findByText(/Written to the new sheet "Scenario comparison"/);
    expect([...x.sheets.keys()]).toEqual(["理赔", "Scenario comparison"]);
  });
});

describe("the catalogs in Excel", () => {
  it("insert a formula at the selection; an occupied cell is written only after the user agrees", async () => {
    x.sheets.set("工作", [["已有内容"]]);
    x.selection = { sheet: "工作", row: 0, col: 0, rows: 1, cols: 1 };
    render(<App inExcel initialLang="en" workbook={new ExcelWorkbook(() => false)} />);
    fireEvent.click(screen.getByRole("tab", { name: "Catalogs" }));
    fireEvent.change(screen.getByRole("combobox", { name: "Choose a catalog" }), { target: { value: "chronic" } });
    fireEvent.change(screen.getByRole("searchbox", { name: "Search the catalog" }), { target: { value: "高血压病" } });
    const list = screen.getByRole("list", { name: "Catalog entries" });
    fireEvent.click(within(list).getAllByRole("button")[0]!);
    fireEvent.click(within(screen.getByRole("region", { name: "Entry details" })).getByRole("button", { name: "Insert formula" }));
    await screen.findByText(/工作!A1/);
    expect(x.snapshot("工作")).toEqual([["已有内容"]]);
    fireEvent.click(screen.getByRole("button", { name: "Overwrite" }));
    await waitFor(() => expect(String(x.snapshot("工作")[0]![0])).toMatch(/^=YIBAO\.CHRONIC_CODE\("/));
    expect(x.log.every((w) => w.sheet === "工作" && w.address === "A1")).toBe(true);
  });
});

describe("language", () => {
  it("follows Office's display language, else the browser's; Chinese unless clearly English", () => {
    g.Office = { context: { displayLanguage: "en-US" } };
    expect(detectLanguage()).toBe("en");
    g.Office = { context: { displayLanguage: "zh-CN" } };
    expect(detectLanguage()).toBe("zh");
    g.Office = { context: undefined };
    expect(detectLanguage()).toBe(/^en/i.test(navigator.language) ? "en" : "zh");
  });
});
