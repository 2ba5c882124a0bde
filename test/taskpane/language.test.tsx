// @vitest-environment jsdom
/**
 * No Latin words in the Chinese pane outside the allow-list (codes, units, PaO2 …; test/helpers/
 * language.ts): the rendered text of every screen, in its ordinary and its error states, is scanned.
 * The English pane, in turn, shows no Chinese words of its own (only the user's data, the seeds'
 * document titles and the product's name).
 */
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import "./dom";
import { App } from "../../taskpane/App";
import { openFile } from "../../taskpane/workbook/file";
import { strayLatin } from "../helpers/language";
import type { Lang } from "../../src/text";

const csv = readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"), "utf8");
const DATA = ["lanzhou-claims.csv", "lanzhou-claims", "a", "b", "c"];
afterEach(cleanup);

const buf = (text: string) => {
  const b = Buffer.from(text, "utf8");
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
async function open(lang: Lang, text = csv) {
  localStorage.clear();
  render(<App inExcel={false} initialLang={lang} workbook={await openFile("lanzhou-claims.csv", buf(text))} />);
  await screen.findByText(/已读取|rows read|是空的|is empty/);
}
/** The text a person sees: every text node, apart (textContent glues neighbouring elements together). */
function pageText(): string {
  const out: string[] = [];
  const walk = document.createTreeWalker(document.querySelector("main")!, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) out.push(n.nodeValue ?? "");
  return out.join(" ");
}
const seen: Record<string, string[]> = {};
function scan(state: string, typed: string[] = []) {
  const stray = strayLatin(pageText(), [...DATA, ...typed]);
  seen[state] = stray;
  expect(stray.join(" | "), state).toBe("");
}
const tab = (name: string) => fireEvent.click(screen.getByRole("tab", { name }));
/** The Model screen's parameter list once every row is mounted (after the first screenful they come a slice a frame). */
const wholeList = async (name: string) => {
  const list = screen.getByRole("list", { name });
  await waitFor(() => expect(list.getAttribute("aria-busy")).toBeNull(), { timeout: 5000 });
  return list;
};

describe("the Chinese pane speaks Chinese", () => {
  it("before a file is opened, and when a file cannot be opened", async () => {
    render(<App inExcel={false} initialLang="zh" />);
    scan("no file");
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    const file = new File(["x"], "报销.xls");
    Object.defineProperty(file, "arrayBuffer", { value: async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]).buffer });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await screen.findByTestId("file-error");
    scan("unreadable file");
  });
  it("the audit: the table read, a run with its results (errors and reasons included), the runs", async () => {
    await open("zh");
    scan("audit: read");
    fireEvent.click(screen.getByTestId("run-audit"));
    await screen.findByTestId("audit-summary", undefined, { timeout: 8000 });
    scan("audit: done");
    fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "error" } });
    scan("audit: errors listed");
    fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "all" } });
    scan("audit: all listed");
  });
  it.each([
    ["only a header", csv.split(/\r?\n/)[0]! + "\n"],
    ["headers that are not claim fields", "a,b,c\n1,2,3\n"],
    ["an empty file", ""],
  ])("the reader's refusals: %s", async (_, text) => {
    localStorage.clear();
    render(<App inExcel={false} initialLang="zh" />);
    const bytes = new Uint8Array(Buffer.from(text, "utf8"));
    const file = new File([bytes], "台账.csv");
    Object.defineProperty(file, "arrayBuffer", { value: async () => buf(text) });
    await act(async () => {
      fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    });
    await screen.findByTestId("file-error");
    scan(`file error: ${_}`);
  });
  it("the audit's error state: a required column missing", async () => {
    await open("zh", csv.replace("总费用,", "合计金额,"));
    scan("audit error: a required column missing");
  });
  it("the model: the parameters, a typo, a question, the results and Shenyang", async () => {
    await open("zh");
    tab("测算");
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    await wholeList("参数");
    scan("model");
    fireEvent.change(document.querySelector('input[data-param="lanzhou.employee.inpatient.threshold|3A"]')!, { target: { value: "1000" } });
    await screen.findByTestId("who-gains", undefined, { timeout: 8000 });
    scan("model: results");
    fireEvent.change(document.querySelector('input[data-param="lanzhou.employee.inpatient.bands|in_service@0"]')!, { target: { value: "0.9l" } });
    await screen.findByTestId("model-invalid");
    scan("model: typo", ["0.9l"]); // the banner quotes what was typed
    fireEvent.change(document.querySelector('input[data-param="lanzhou.employee.inpatient.bands|in_service@0"]')!, { target: { value: "90" } });
    await screen.findByTestId("ask-percent");
    scan("model: question");
    fireEvent.change(screen.getByTestId("weight-select"), { target: { value: "姓名" } });
    scan("model: bad weights");
    fireEvent.change(screen.getByTestId("set-select"), { target: { value: "shenyang" } });
    await screen.findByText(/辽宁省办法第二十三条/);
    scan("model: Shenyang");
  });
  it("explain: a claim, an error claim, a claim not found, a typed claim", async () => {
    await open("zh");
    tab("说明");
    for (const q of ["LZ2020-003", "LZ2020-006", "LZ2020-018", "LZ2020-024", "LZ2020-029", "LZ2020-030", "LZ2020-033", "LZ2099-999", "99"]) {
      fireEvent.change(screen.getByTestId("explain-query"), { target: { value: q } });
      fireEvent.click(screen.getByRole("button", { name: "说明" }));
      await screen.findByTestId(/explanation|explain-problem/);
      scan(`explain ${q}`);
    }
    fireEvent.click(screen.getByRole("tab", { name: "手工填写" }));
    fireEvent.change(document.querySelector('input[name="total"]')!, { target: { value: "5000" } });
    fireEvent.click(screen.getByRole("button", { name: "计算并说明" }));
    await screen.findByTestId("explanation");
    scan("explain typed");
  });
  it("the catalogs", async () => {
    await open("zh");
    tab("目录");
    scan("catalogs");
  });
});

describe("the English pane speaks English", () => {
  it("its own words are English: the Chinese left is the user's data, place names and the documents' titles", async () => {
    await open("en");
    fireEvent.click(screen.getByTestId("run-audit"));
    await screen.findByTestId("audit-summary", undefined, { timeout: 8000 });
    tab("Model");
    await screen.findByTestId("comparison", undefined, { timeout: 8000 });
    const own = [...(await wholeList("Parameters")).querySelectorAll("[role=listitem] > div:first-child")].map((e) => e.textContent ?? "");
    for (const t of own) expect(t, t).not.toMatch(/[\u4e00-\u9fff]/);
    for (const name of ["Audit", "Model", "Explain", "Catalogs"]) expect(screen.getByRole("tab", { name })).toBeTruthy();
  });
});
