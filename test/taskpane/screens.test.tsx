// @vitest-environment jsdom
/**
 * The Audit, Model and Explain screens (React Testing Library in jsdom) on the bundled sample, in
 * standalone mode (a FileWorkbook) and in both languages, through the whole App (the state a user
 * builds lives there): the figures on screen are the core's; a typo stops the scenario instead of
 * turning it into 0.00; failures show an error banner, never a green one; work survives a switch of
 * screens; Explain finds a claim by its id.
 */
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import "./dom";
import { App } from "../../taskpane/App";
import { openFile, type FileWorkbook } from "../../taskpane/workbook/file";
import { resultBytes } from "../../taskpane/download";
import { AuditRun } from "../../src/audit/audit";
import { engine } from "../helpers/claims";
import { compareBy, prepareBatch, settleBatch, settleScenario } from "../../src/scenario/compare";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";
import { parseCsv } from "../../io/csv";
import { readXlsxSheets } from "../../io/xlsx";
import { yuan, signedYuan } from "../../taskpane/format";
import type { Lang } from "../../src/text";

const SAMPLE = join(__dirname, "../../samples/lanzhou-claims.csv");
const csv = readFileSync(SAMPLE, "utf8");
const rows = parseCsv(csv);
const core = new AuditRun(rows[0]!, rows.slice(1), { engine }).finish();

const buf = (text: string) => {
  const b = Buffer.from(text, "utf8");
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const book = (text = csv, name = "lanzhou-claims.csv") => openFile(name, buf(text));
afterEach(cleanup);

async function pane(lang: Lang, wb: FileWorkbook) {
  localStorage.clear();
  const r = render(<App inExcel={false} initialLang={lang} workbook={wb} />);
  return r;
}
/** The sample read and its batch shown (choosing the source reads it: no separate step). */
async function loaded(lang: Lang, text?: string) {
  const wb = await book(text);
  await pane(lang, wb);
  await screen.findByTestId("batch-info");
  return wb;
}
const auditNow = async () => {
  fireEvent.click(screen.getByTestId("run-audit"));
  return screen.findByTestId("audit-summary", undefined, { timeout: 8000 });
};
const param = (k: string) => document.querySelector(`input[data-param="${k}"]`) as HTMLInputElement;
const type = (k: string, v: string) => fireEvent.change(param(k), { target: { value: v } });
/** The Model screen's parameter list once every row is mounted (after the first screenful they come a slice a frame). */
const wholeList = async (name = "参数") => {
  const list = screen.getByRole("list", { name });
  await waitFor(() => expect(list.getAttribute("aria-busy")).toBeNull(), { timeout: 5000 });
  return list;
};

describe("Audit screen", () => {
  it("one step from the source to the run: the core's summary, with thousands separators; not green when some claims are errors", async () => {
    const wb = await loaded("zh");
    expect(screen.getByTestId("batch-info").textContent).toContain("已读取 34 行");
    expect(screen.queryByRole("button", { name: "读取" })).toBeNull();
    const summary = await auditNow();
    const s = core.summary;
    expect(within(summary).getByTestId("stat-claims").textContent).toBe(String(s.claims));
    expect(within(summary).getByTestId("stat-flagged").textContent).toBe(String(s.flagged));
    expect(within(summary).getByTestId("stat-ok").textContent).toBe(String(s.ok));
    expect(within(summary).getByTestId("stat-recomputed").textContent).toBe(yuan(s.recomputedFund));
    expect(within(summary).getByTestId("stat-difference").textContent).toBe("8,731.58");
    // five claims are errors: a warning that says so, never the green "done"
    const banner = within(summary).getByTestId("audit-outcome");
    expect(banner.getAttribute("data-intent")).toBe("warning");
    expect(banner.textContent).toMatch(/34 笔中有 5 笔为“错误”/);
    expect(wb.outputs.map((o) => o.name)).toEqual(["核查汇总", "核查结果"]);
  });
  it("lists every claim, claimed → recomputed per layer with the reason, filterable by reason; a row opens Explain", async () => {
    await loaded("zh");
    const summary = await auditNow();
    expect(within(summary).getByTestId("results-count").textContent).toBe(`显示 ${s18()} 笔（共 34 笔）；点一笔查看说明`);
    fireEvent.change(within(summary).getByTestId("reason-filter"), { target: { value: "起付线错误" } });
    const list = within(summary).getByTestId("results-list");
    const row = within(list).getByTestId("result-row");
    expect(row.textContent).toContain("LZ2020-003");
    expect(row.textContent).toContain("统筹基金 4,946.30 → 5,087.10"); // as the CLI prints it
    expect(row.textContent).toContain("起付标准应递减");
    fireEvent.change(within(summary).getByTestId("status-filter"), { target: { value: "all" } });
    expect(within(summary).getByTestId("results-count").textContent).toMatch(/^显示 34 笔/);
    fireEvent.change(within(summary).getByTestId("id-filter"), { target: { value: "LZ2020-004" } });
    fireEvent.click(within(within(summary).getByTestId("results-list")).getByTestId("result-row"));
    const ex = await screen.findByTestId("explanation");
    expect(ex.textContent).toContain("LZ2020-004");
    const cmp = within(ex).getByTestId("cmp-pooled");
    expect(cmp.textContent).toBe("统筹基金35,004.8035,658.60-653.80");
    expect(within(ex).getByTestId("explain-reasons").textContent).toMatch(/分段比例错误/);
  });
  it("the run and its results survive a switch of screens (and go on while another screen is shown); runs are listed", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByTestId("run-audit"));
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    fireEvent.click(screen.getByRole("tab", { name: "核查" }));
    const summary = await screen.findByTestId("audit-summary", undefined, { timeout: 8000 });
    expect(within(summary).getByTestId("stat-claims").textContent).toBe("34");
    expect(screen.getAllByTestId("run-item")).toHaveLength(1);
    await auditNow();
    await waitFor(() => expect(screen.getAllByTestId("run-item")).toHaveLength(2));
    expect(screen.getAllByTestId("run-item")[0]!.textContent).toMatch(/34 笔：一致 16，有差异 13，错误 5/);
  });
  it("the download holds this run's sheets only unless all are asked for", async () => {
    const wb = await loaded("zh");
    await auditNow();
    await auditNow();
    await waitFor(() => expect(screen.getAllByTestId("run-item")).toHaveLength(2));
    expect(screen.getByTestId("download").textContent).toBe("下载结果");
    expect(screen.getByText(/包括本次打开后的全部结果工作表（共 4 个）/)).toBeTruthy();
    const only = await readXlsxSheets(await resultBytes(wb, ["核查汇总 2", "核查结果 2"]));
    expect(only.map((s) => s.name)).toEqual(["核查汇总 2", "核查结果 2"]);
    const all = await readXlsxSheets(await resultBytes(wb));
    expect(all.map((s) => s.name)).toEqual(["核查汇总", "核查结果", "核查汇总 2", "核查结果 2"]);
  });
  it("a column the user maps by hand is used", async () => {
    await loaded("en", csv.replace("总费用,", "合计金额,"));
    // a required field is missing, so the mapping opens by itself and says which; the run is refused
    expect(screen.getAllByText(/Missing: total/).length).toBeGreaterThan(0);
    expect(screen.getByTestId("batch-problem").getAttribute("data-intent")).toBe("error");
    expect((screen.getByTestId("run-audit") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Field for "合计金额"'), { target: { value: "total" } });
    expect(screen.queryByTestId("batch-problem")).toBeNull();
    const summary = await auditNow();
    expect(within(summary).getByTestId("stat-errors").textContent).toBe("5");
  });
});

function s18() {
  return String(core.summary.flagged + core.summary.errors);
}

describe("Audit screen: failures are error banners with the reason and what to do", () => {
  const header = csv.split(/\r?\n/)[0]!;
  /** A file opened as a user opens one: through the pane's file input. */
  async function openThroughPane(bytes: Uint8Array, name: string) {
    localStorage.clear();
    render(<App inExcel={false} initialLang="zh" />);
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    const file = new File([bytes as Uint8Array<ArrayBuffer>], name);
    Object.defineProperty(file, "arrayBuffer", { value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    return screen.findByTestId("file-error");
  }
  it.each([
    ["only a header row", header + "\n", /表头在第 1 行，但下面没有任何报销单数据/],
    ["headers that name no claim field", "a,b,c\n1,2,3\n", /没有一行是报销单的表头/],
    ["an empty file", "", /文件是空的/],
  ])("%s: the reader's refusal in an error banner, nothing to run", async (_, text, reason) => {
    const banner = await openThroughPane(new Uint8Array(Buffer.from(text, "utf8")), "台账.csv");
    expect(banner.getAttribute("data-intent")).toBe("error");
    expect(banner.textContent).toMatch(/无法打开“台账.csv”/);
    expect(banner.textContent).toMatch(reason);
    expect(screen.queryByTestId("audit-summary")).toBeNull();
    expect((screen.queryByTestId("run-audit") as HTMLButtonElement | null)?.disabled ?? true).toBe(true);
  });
  it("every row an error: an error banner after the run, not a summary in green", async () => {
    const bad = [rows[0]!.join(","), ...rows.slice(1).map((r) => r.map((v, j) => (rows[0]![j] === "总费用" ? "abc" : v)).join(","))].join("\n");
    await loaded("zh", bad);
    const summary = await auditNow();
    const banner = within(summary).getByTestId("audit-outcome");
    expect(banner.getAttribute("data-intent")).toBe("error");
    expect(banner.textContent).toMatch(/全部报销单都无法核算/);
  });
  it("a file that cannot be opened: the banner names the file, with no library message", async () => {
    render(<App inExcel={false} initialLang="zh" />);
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "坏文件.xlsx");
    Object.defineProperty(file, "arrayBuffer", { value: async () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]).buffer });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    const banner = await screen.findByTestId("file-error");
    expect(banner.getAttribute("data-intent")).toBe("error");
    expect(banner.textContent).toMatch(/无法打开“坏文件.xlsx”/);
    expect(banner.textContent).not.toMatch(/zip|JSZip|central directory|Error:/i);
  });
});

describe("Model screen", () => {
  const prepared = prepareBatch(rows[0]!, rows.slice(1));
  const base = settleBatch(engine, prepared);
  const withOverrides = (o: Parameters<ReturnType<typeof builtinRegistry>["withOverrides"]>[1]) => {
    const e = new Engine(builtinRegistry().withOverrides("t", o));
    return compareBy(prepared, base, settleScenario(e, prepared, base).res, "scheme");
  };

  it("shows baseline and scenario totals from the core, and the change after editing a threshold", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    const comparison = await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    expect(within(comparison).getByTestId("fund-change-total").textContent).toBe("0.00");
    expect(within(comparison).getByTestId("group-total").textContent).toContain(yuan(compareBy(prepared, base, base, "scheme").total.baseline.fund));
    fireEvent.change(screen.getByPlaceholderText(/筛选/), { target: { value: "职工住院起付" } });
    expect(param("lanzhou.employee.inpatient.threshold|3A").value).toBe("1400.00");
    type("lanzhou.employee.inpatient.threshold|3A", "1,000");
    const c = withOverrides([{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]);
    const change = c.total.scenario.fund - c.total.baseline.fund;
    expect(change).toBeGreaterThan(0);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(change)), { timeout: 8000 });
    expect(screen.getByText(/调整参数（1 项已改）/)).toBeTruthy();
    expect(screen.getByText(/兰州不适用/)).toBeTruthy();
  });
  it("one good edit and one typo: nothing is computed or written, the reason is in place and above, in Chinese (it used to fall back to 0.00)", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    type("lanzhou.employee.inpatient.bands|in_service@20000", "0.83");
    type("lanzhou.employee.inpatient.bands|retired@20000", "0.9l");
    const banner = await screen.findByTestId("model-invalid");
    expect(banner.getAttribute("data-intent")).toBe("error");
    expect(banner.textContent).toMatch(/方案有 1 处取值无效，未计算，也不能写入/);
    expect(banner.textContent).toMatch(/“0\.9l”——请填写比例：如 0\.83 或 83%/);
    expect(banner.textContent).not.toMatch(/expected|ratio|row/);
    expect(screen.queryByTestId("comparison")).toBeNull();
    expect(screen.getByTestId("not-computed")).toBeTruthy();
    expect((screen.getByTestId("write-model") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("write-disabled-reason").textContent).toMatch(/不能写入：1 处取值无效/);
    expect(param("lanzhou.employee.inpatient.bands|retired@20000").getAttribute("aria-invalid")).toBe("true");
    // fixed: both edits count, exactly as the core computes them
    type("lanzhou.employee.inpatient.bands|retired@20000", "0.99");
    const c = withOverrides([
      { id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 2_000_000, value: 8300 },
      { id: "lanzhou.employee.inpatient.bands", key: "retired", bracket: 2_000_000, value: 9900 },
    ]);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(c.total.scenario.fund - c.total.baseline.fund)), { timeout: 8000 });
    expect((screen.getByTestId("write-model") as HTMLButtonElement).disabled).toBe(false);
  });
  it("editing one band changes that band only (the table reader would take a lone band row as the whole scale)", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    type("lanzhou.employee.inpatient.bands|in_service@20000", "0.99");
    const c = withOverrides([{ id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 2_000_000, value: 9900 }]);
    expect(c.total.scenario.fund).toBeGreaterThan(c.total.baseline.fund);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(c.total.scenario.fund - c.total.baseline.fund)), { timeout: 8000 });
  });
  it("ratios as 83%, full-width ０.８３; a bare 83 is read as 83 % only after asking once; 0,83 is refused", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    const k1 = "lanzhou.employee.inpatient.bands|in_service@20000";
    const k2 = "lanzhou.employee.inpatient.bands|retired@20000";
    type(k1, "０.８３");
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    type(k1, "83%");
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    type(k1, "0,83");
    expect((await screen.findByTestId("model-invalid")).textContent).toMatch(/小数点请用“\.”：如 0\.83/);
    type(k1, "83");
    const ask = await screen.findByTestId("ask-percent");
    expect(screen.queryByTestId("comparison")).toBeNull();
    expect((screen.getByTestId("write-model") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(ask).getByRole("button", { name: "是，按 83%" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    type(k2, "99"); // asked once: now read as 99 % without asking
    expect(screen.queryByTestId("ask-percent")).toBeNull();
    const c = withOverrides([
      { id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 2_000_000, value: 8300 },
      { id: "lanzhou.employee.inpatient.bands", key: "retired", bracket: 2_000_000, value: 9900 },
    ]);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(c.total.scenario.fund - c.total.baseline.fund)), { timeout: 8000 });
  });
  it("labels in words: no internal key, level code, reading or unit in the Chinese parameter list", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    const list = await wholeList();
    expect(within(list).getAllByRole("listitem").length).toBe(99); // every parameter of Lanzhou's set
    const text = list.textContent!;
    for (const code of ["in_service", "@0", "3B", "3A", "linear", "CNY", "ratio", "points", "switch"]) expect(text, code).not.toContain(code);
    expect(text).toContain("三级甲等");
    expect(text).toContain("在职 · 10,000.00 元以上部分");
    expect(text).toContain("单位：元");
    expect(within(list).getAllByRole("combobox").length).toBeGreaterThan(0); // readings are chosen, in words
  });
  it("the list's first screenful is there at once, the rest comes after: focus and what was typed meanwhile stay, the model computes what is shown", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    const list = screen.getByRole("list", { name: "参数" });
    expect(list.getAttribute("aria-busy")).toBe("true");
    const first = within(list).getAllByRole("listitem").length;
    expect(first).toBeGreaterThanOrEqual(8);
    expect(first).toBeLessThan(99);
    const k = "lanzhou.employee.inpatient.threshold|3A";
    param(k).focus();
    type(k, "1,000");
    await wholeList();
    expect(within(list).getAllByRole("listitem").length).toBe(99);
    expect(document.activeElement).toBe(param(k));
    expect(param(k).value).toBe("1,000");
    const c = withOverrides([{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(c.total.scenario.fund - c.total.baseline.fund)), { timeout: 8000 });
    expect(param(k).value).toBe("1,000");
  });
  it("going to a refused field past the first screenful, under a filter that hides it: the filter is cleared, the rows down to the field mounted and the field focused", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await wholeList();
    const k = "lanzhou.resident.inpatient.ratio|3A";
    type(k, "0.9l");
    await screen.findByTestId("model-invalid");
    fireEvent.change(screen.getByPlaceholderText(/筛选/), { target: { value: "职工住院起付" } });
    expect(param(k)).toBeNull();
    fireEvent.click(screen.getByTestId("go-to-field"));
    await waitFor(() => expect(document.activeElement).toBe(param(k)));
    expect(param(k).value).toBe("0.9l");
    expect(param(k).getAttribute("aria-invalid")).toBe("true");
    expect((await wholeList()).querySelectorAll("[role=listitem]").length).toBe(99); // and the rest after it
  });
  it("edits survive a switch of screens", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    type("lanzhou.employee.inpatient.threshold|3A", "1000");
    fireEvent.click(screen.getByRole("tab", { name: "说明" }));
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    expect(param("lanzhou.employee.inpatient.threshold|3A").value).toBe("1000");
    expect(screen.getByText(/调整参数（1 项已改）/)).toBeTruthy();
  });
  it("who gains and who loses, and the chart, from the core's per-claim results", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    type("lanzhou.employee.inpatient.threshold|3A", "1000");
    const gains = await screen.findByTestId("who-gains", undefined, { timeout: 8000 });
    const scenario = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]));
    const res = settleScenario(scenario, prepared, base).res;
    let gain = 0;
    for (let i = 0; i < prepared.cols.n; i++) if (!base.problems[i] && !res.problems[i] && res.personal[i]! < base.personal[i]!) gain++;
    expect(gain).toBeGreaterThan(0);
    expect(within(gains).getByTestId("gain-summary").textContent).toMatch(new RegExp(`个人负担减少 ${gain} 笔`));
    expect(screen.getByTestId("fund-chart").querySelector("svg")).toBeTruthy();
    expect(screen.getByTestId("distribution-chart").querySelector("svg")).toBeTruthy();
  });
  it("a weight column grosses the sample up; a bad weight is refused with its row and nothing weighted is shown", async () => {
    const lines = csv.trim().split(/\r?\n/);
    const weighted = [lines[0] + ",权重", ...lines.slice(1).map((l) => l + ",2")].join("\n");
    await loaded("zh", weighted);
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    fireEvent.change(screen.getByTestId("weight-select"), { target: { value: "权重" } });
    const c = compareBy(prepared, base, base, "scheme");
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("group-total").textContent).toContain(yuan(2 * c.total.baseline.fund)), { timeout: 8000 });
    expect(screen.getByText(/按权重推算 62 笔/)).toBeTruthy();
  });
  it("a scenario parameter table from a file of its own (it need not live in the claims file)", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    const text = "参数,键,取值\nlanzhou.employee.inpatient.threshold,3A,1000\n";
    const file = new File([text], "方案.csv");
    Object.defineProperty(file, "arrayBuffer", { value: async () => buf(text) });
    const inputs = screen.getAllByTestId("param-file");
    await act(async () => {
      fireEvent.change(inputs[1]!, { target: { files: [file] } });
    });
    await screen.findByText(/已载入 1 项参数：方案\.csv/);
    const c = withOverrides([{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe(signedYuan(c.total.scenario.fund - c.total.baseline.fund)), { timeout: 8000 });
  });
  it("a city's table that leaves figures out is used, and the pane lists what its claims will lack (LN 第二十条: the city's own figures)", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    const text = readFileSync(join(__dirname, "..", "..", "samples", "chaoyang-base.EXAMPLE.csv"), "utf8");
    const file = new File([text], "chaoyang-base.EXAMPLE.csv");
    Object.defineProperty(file, "arrayBuffer", { value: async () => buf(text) });
    await act(async () => {
      fireEvent.change(screen.getAllByTestId("param-file")[1]!, { target: { files: [file] } });
    });
    const notes = await screen.findByTestId("param-notes");
    expect(notes.textContent).toContain("表中未给出 4 项城市数值");
    expect(notes.textContent).toContain("chaoyang.employee.threshold:3S");
  });
  it("Shenyang: the scenario is checked against Liaoning art. 23", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "测算" }));
    fireEvent.change(screen.getByTestId("set-select"), { target: { value: "shenyang" } });
    expect(await screen.findByText(/辽宁省办法第二十三条：通过 \d+ 项/)).toBeTruthy();
  });
});

describe("Explain screen", () => {
  it("by claim id: claimed against recomputed side by side with the reason (typing LZ2020-004 used to say there is no row)", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "说明" }));
    fireEvent.change(screen.getByTestId("explain-query"), { target: { value: "LZ2020-004" } });
    fireEvent.click(screen.getByRole("button", { name: "说明" }));
    const ex = await screen.findByTestId("explanation");
    expect(within(ex).getByTestId("cmp-pooled").textContent).toBe("统筹基金35,004.8035,658.60-653.80");
    expect(within(ex).getByTestId("explain-reasons").textContent).toMatch(/分段比例错误：按在职人员比例计算，实为退休/);
    expect(within(ex).getAllByTestId("trace-step").length).toBeGreaterThan(3);
  });
  it("by row: the header is row 1, so row 2 is the first claim; a row that is not there says which rows are", async () => {
    await loaded("zh");
    fireEvent.click(screen.getByRole("tab", { name: "说明" }));
    fireEvent.change(screen.getByTestId("explain-query"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "说明" }));
    const ex = await screen.findByTestId("explanation");
    expect(within(ex).getByTestId("explain-fund").textContent).toBe("14,015.68"); // LZ2020-001 as submitted and recomputed
    expect(ex.textContent).toMatch(/兰州/);
    fireEvent.change(screen.getByTestId("explain-query"), { target: { value: "LZ2099-001" } });
    fireEvent.click(screen.getByRole("button", { name: "说明" }));
    expect((await screen.findByTestId("explain-problem")).textContent).toBe("没有编号为“LZ2099-001”的报销单（也可输入行号，第 2 到 35 行）");
  });
  it("the explanation copies as text with the side-by-side table", async () => {
    await loaded("en");
    let copied = "";
    Object.defineProperty(navigator, "clipboard", { value: { writeText: async (t: string) => void (copied = t) }, configurable: true });
    fireEvent.click(screen.getByRole("tab", { name: "Explain" }));
    fireEvent.change(screen.getByTestId("explain-query"), { target: { value: "LZ2020-003" } });
    fireEvent.click(screen.getByRole("button", { name: "Explain" }));
    await screen.findByTestId("explanation");
    fireEvent.click(screen.getByTestId("copy"));
    await screen.findByText("Copied");
    expect(copied).toContain("LZ2020-003");
    expect(copied).toContain("pooled fund\t4,946.30\t5,087.10\t-140.80");
    expect(copied).toMatch(/Reason: Wrong threshold/);
  });
  it("a typed claim in English; bad input names the field", async () => {
    render(<App inExcel={false} initialLang="en" />);
    fireEvent.click(screen.getByRole("tab", { name: "Explain" }));
    fireEvent.change(document.querySelector('input[name="total"]')!, { target: { value: "5000" } });
    fireEvent.click(screen.getByRole("button", { name: "Settle and explain" }));
    const ex = await screen.findByTestId("explanation");
    expect(ex.textContent).toMatch(/threshold/i);
    expect(within(ex).getByTestId("explain-fund").textContent).toBe("3,168.00"); // (5000 − 1400) × 88% (L 一、(二))
    fireEvent.change(document.querySelector('input[name="total"]')!, { target: { value: "5000.001" } });
    fireEvent.click(screen.getByRole("button", { name: "Settle and explain" }));
    expect((await screen.findByTestId("explain-error")).textContent).toMatch(/5000\.001/);
  });
});
