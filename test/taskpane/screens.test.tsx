// @vitest-environment jsdom
/**
 * The Audit, Model and Explain screens (React Testing Library in jsdom) on the bundled sample, in
 * standalone mode (a FileWorkbook) and in both languages: the figures on screen are the core's.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inLang } from "./dom";
import { openFile, type FileWorkbook } from "../../taskpane/workbook/file";
import { AuditScreen } from "../../taskpane/screens/AuditScreen";
import { ModelScreen } from "../../taskpane/screens/ModelScreen";
import { ExplainScreen } from "../../taskpane/screens/ExplainScreen";
import type { Batch } from "../../taskpane/batch";
import { AuditRun } from "../../src/audit/audit";
import { formatYuan } from "../../src/money";
import { engine } from "../helpers/claims";
import { compareBy, prepareBatch, settleBatch } from "../../src/scenario/compare";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";
import { useState } from "react";

const csv = readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"));
let wb: FileWorkbook;
beforeAll(async () => {
  wb = await openFile("lanzhou-claims.csv", csv.buffer.slice(csv.byteOffset, csv.byteOffset + csv.byteLength) as ArrayBuffer);
});
afterEach(cleanup);

function WithBatch(props: { which: "audit" | "model" | "explain"; initial?: Batch | null }) {
  const [batch, setBatch] = useState<Batch | null>(props.initial ?? null);
  const [mask, setMask] = useState(true);
  if (props.which === "audit") return <AuditScreen wb={wb} batch={batch} setBatch={setBatch} mask={mask} setMask={setMask} onWritten={() => {}} />;
  if (props.which === "model") return <ModelScreen wb={wb} batch={batch} setBatch={setBatch} onWritten={() => {}} />;
  return <ExplainScreen wb={wb} batch={batch} />;
}

async function loadedBatch(): Promise<Batch> {
  const data = await wb.read("sheet:lanzhou-claims");
  return { sourceId: "sheet:lanzhou-claims", data, mapping: {} };
}

describe("Audit screen", () => {
  it("reads the file's sheet, shows the mapping, runs, and shows the core's summary", async () => {
    render(inLang("zh", <WithBatch which="audit" />));
    await waitFor(() => expect(screen.getByTestId("source-select").querySelectorAll("option").length).toBe(1));
    fireEvent.click(screen.getByRole("button", { name: "读取" }));
    await screen.findByText(/已读取 34 行/);
    expect(screen.getByText(/列对应：\d+ 列已识别/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "开始核查" }));
    const summary = await screen.findByTestId("audit-summary", undefined, { timeout: 5000 });
    const data = await wb.read("sheet:lanzhou-claims");
    const core = new AuditRun(data.header, data.rows, { engine }).finish().summary;
    expect(within(summary).getByTestId("stat-claims").textContent).toBe(String(core.claims));
    expect(within(summary).getByTestId("stat-flagged").textContent).toBe(String(core.flagged));
    expect(within(summary).getByTestId("stat-ok").textContent).toBe(String(core.ok));
    expect(within(summary).getByTestId("stat-difference").textContent).toBe(formatYuan(core.totalDifference));
    expect(within(summary).getByText(/结果已写入新工作表“核查结果/)).toBeTruthy();
    expect(within(summary).getAllByTestId("flag-row").length).toBe(core.flagged + core.errors);
    expect(within(summary).getByText(/起付标准应递减/)).toBeTruthy();
    // the results are in a new in-memory sheet, ready to download; the input sheet is unchanged
    expect(wb.outputs.at(-1)!.name).toMatch(/^核查结果/);
    expect((await wb.read("sheet:lanzhou-claims")).rows).toEqual(data.rows);
  });
  it("a column the user maps by hand is used", async () => {
    const b = await loadedBatch();
    const header = b.data.header.map((h) => (h === "总费用" ? "合计金额" : h));
    render(inLang("en", <WithBatch which="audit" initial={{ ...b, data: { ...b.data, header } }} />));
    // a required field is missing, so the mapping opens by itself and says which
    expect(screen.getByText(/Missing: total/)).toBeTruthy();
    const select = screen.getByLabelText('Field for "合计金额"') as HTMLSelectElement;
    expect(select.value).toBe("");
    fireEvent.change(select, { target: { value: "total" } });
    expect((screen.getByLabelText('Field for "合计金额"') as HTMLSelectElement).value).toBe("total");
    fireEvent.click(screen.getByRole("button", { name: "Run the audit" }));
    const summary = await screen.findByTestId("audit-summary", undefined, { timeout: 5000 });
    expect(within(summary).getByTestId("stat-errors").textContent).not.toBe("34");
  });
});

describe("Model screen", () => {
  it("shows baseline and scenario totals from the core, and the change after editing a ratio", async () => {
    const b = await loadedBatch();
    render(inLang("zh", <WithBatch which="model" initial={b} />));
    const comparison = await screen.findByTestId("comparison", undefined, { timeout: 5000 });
    const prepared = prepareBatch(b.data.header, b.data.rows);
    const base = compareBy(prepared, settleBatch(engine, prepared), settleBatch(engine, prepared), "scheme");
    expect(within(comparison).getByTestId("fund-change-total").textContent).toBe("0.00");
    expect(within(comparison).getByTestId("group-total").textContent).toContain(formatYuan(base.total.baseline.fund));
    // lower the 3A employee threshold to 1 000 (from 1 400)
    fireEvent.change(screen.getByPlaceholderText(/筛选/), { target: { value: "lanzhou.employee.inpatient.threshold" } });
    const input = document.querySelector('input[data-param="lanzhou.employee.inpatient.threshold|3A"]') as HTMLInputElement;
    expect(input.value).toBe("1400.00");
    fireEvent.change(input, { target: { value: "1000" } });
    const scenario = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]));
    const expected = compareBy(prepared, settleBatch(engine, prepared), settleBatch(scenario, prepared), "scheme");
    const change = expected.total.scenario.fund - expected.total.baseline.fund;
    expect(change).toBeGreaterThan(0);
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe("+" + formatYuan(change)));
    expect(screen.getByText(/调整参数（1 项已改）/)).toBeTruthy();
    expect(screen.getByText(/兰州不适用/)).toBeTruthy();
  });
  it("a bad edit names the problem and the scenario stays the baseline", async () => {
    const b = await loadedBatch();
    render(inLang("en", <WithBatch which="model" initial={b} />));
    await screen.findByTestId("comparison", undefined, { timeout: 5000 });
    const input = document.querySelector('input[data-param="lanzhou.employee.inpatient.threshold|3A"]') as HTMLInputElement;
    fireEvent.change(input, { target: { value: "abc" } });
    expect(await screen.findByRole("alert")).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId("comparison")).getByTestId("fund-change-total").textContent).toBe("0.00"));
  });
  it("Shenyang: the scenario is checked against Liaoning art. 23", async () => {
    const b = await loadedBatch();
    render(inLang("zh", <WithBatch which="model" initial={b} />));
    fireEvent.change(screen.getByTestId("set-select"), { target: { value: "shenyang" } });
    expect(await screen.findByText(/辽宁省办法第二十三条：通过 \d+ 项/)).toBeTruthy();
  });
});

describe("Explain screen", () => {
  it("a row of the batch: layers, trace steps with citations, the core's figures", async () => {
    const b = await loadedBatch();
    render(inLang("zh", <WithBatch which="explain" initial={b} />));
    fireEvent.change(screen.getByLabelText("行号（表头以下）"), { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "说明" }));
    const ex = await screen.findByTestId("explanation");
    expect(within(ex).getByTestId("explain-fund").textContent).toBe("14015.68"); // LZ2020-001 as submitted and recomputed
    expect(within(ex).getAllByTestId("trace-step").length).toBeGreaterThan(3);
    expect(ex.textContent).toMatch(/兰州/);
  });
  it("a typed claim in English; bad input names the field", async () => {
    render(inLang("en", <ExplainScreen wb={null} batch={null} />));
    fireEvent.change(document.querySelector('input[name="total"]')!, { target: { value: "5000" } });
    fireEvent.click(screen.getByRole("button", { name: "Settle and explain" }));
    const ex = await screen.findByTestId("explanation");
    expect(ex.textContent).toMatch(/threshold/i);
    fireEvent.change(document.querySelector('input[name="total"]')!, { target: { value: "5000.001" } });
    fireEvent.click(screen.getByRole("button", { name: "Settle and explain" }));
    expect((await screen.findByText(/5000\.001/)).textContent).toMatch(/total/i);
  });
});
