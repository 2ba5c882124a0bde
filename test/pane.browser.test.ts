/**
 * End to end in headless Chromium: the built task pane in standalone mode (no Excel) opens the
 * bundled sample claims file, runs the audit and the model, and shows the core's figures; the results
 * download as .xlsx; nothing is requested from any other host; local storage holds only the settings.
 * Screenshots at task-pane width and wider are saved to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { foreign, launch, serve, watchedContext } from "./helpers/browser";
import { parseCsv } from "../io/csv";
import { AuditRun } from "../src/audit/audit";
import { engine } from "./helpers/claims";
import { formatYuan } from "../src/money";
import { readXlsxSheets } from "../io/xlsx";
import { compareBy, prepareBatch, settleBatch } from "../src/scenario/compare";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";

const SAMPLE = join(__dirname, "../samples/lanzhou-claims.csv");
const ARTIFACTS = join(__dirname, "../test-artifacts");
const rows = parseCsv(readFileSync(SAMPLE, "utf8"));
const core = new AuditRun(rows[0]!, rows.slice(1), { engine }).finish().summary;

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** At task-pane width nothing may need horizontal scrolling. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

async function openSample(page: Page) {
  await page.goto(server.url + "taskpane.html");
  await page.getByRole("button", { name: "打开理赔文件（.xlsx / .csv）" }).waitFor();
  await page.getByTestId("file-input").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "读取" }).click();
  await page.getByTestId("batch-info").waitFor();
}

describe("the standalone pane in Chromium", () => {
  it("audits the sample: the figures on screen are the core's; the results download as .xlsx", async () => {
    const { context, requests, errors } = await watchedContext(browser, { width: 360, height: 900 });
    const page = await context.newPage();
    await openSample(page);
    expect(await page.getByTestId("batch-info").textContent()).toContain("已读取 34 行");
    await page.getByRole("button", { name: "开始核查" }).click();
    const summary = page.getByTestId("audit-summary");
    await summary.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("stat-claims").textContent()).toBe(String(core.claims));
    expect(await page.getByTestId("stat-ok").textContent()).toBe(String(core.ok));
    expect(await page.getByTestId("stat-flagged").textContent()).toBe(String(core.flagged));
    expect(await page.getByTestId("stat-errors").textContent()).toBe(String(core.errors));
    expect(await page.getByTestId("stat-recomputed").textContent()).toBe(formatYuan(core.recomputedFund));
    expect(await page.getByTestId("stat-difference").textContent()).toBe(formatYuan(core.totalDifference));
    await page.screenshot({ path: join(ARTIFACTS, "audit-360.png"), fullPage: true });
    expect(await fitsWidth(page)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect(download.suggestedFilename()).toBe("lanzhou-claims-核查结果.xlsx");
    const sheets = await readXlsxSheets(readFileSync((await download.path())!));
    expect(sheets.map((s) => s.name)).toEqual(["核查结果"]);
    const out = sheets[0]!.rows;
    expect(out.find((r) => r[0] === "报销单数")?.[1]).toBe(34);
    const ids = out.map((r) => r[0]);
    expect(ids).toContain("LZ2020-003");
    // masked by default: no full ID number or name of the sample reaches the download
    const flat = out.flat().map(String).join("\n");
    expect(flat).not.toContain("620103195202045641");
    expect(flat).not.toContain("李某乙");

    // nothing left the page, and local storage holds only the settings
    expect(foreign(requests, server.url)).toEqual([]);
    const storage = await page.evaluate(() => Object.keys(localStorage));
    expect(storage.every((k) => k === "yibao.settings")).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("models a threshold change: the change on screen is the core's", async () => {
    const { context, requests, errors } = await watchedContext(browser, { width: 1000, height: 1000 });
    const page = await context.newPage();
    await openSample(page);
    await page.getByRole("tab", { name: "测算" }).click();
    await page.getByTestId("comparison").waitFor({ timeout: 20_000 });
    await page.getByPlaceholder(/筛选/).fill("lanzhou.employee.inpatient.threshold");
    await page.locator('input[data-param="lanzhou.employee.inpatient.threshold|3A"]').fill("1000");
    const prepared = prepareBatch(rows[0]!, rows.slice(1));
    const scenario = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]));
    const c = compareBy(prepared, settleBatch(engine, prepared), settleBatch(scenario, prepared), "scheme");
    const change = "+" + formatYuan(c.total.scenario.fund - c.total.baseline.fund);
    await page.getByTestId("fund-change-total").getByText(change).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, "model-1000.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, "model-360.png"), fullPage: true });
    // no horizontal scrolling at task-pane width
    expect(await fitsWidth(page)).toBe(true);
    expect(foreign(requests, server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("explains a claim and searches a catalog, in English", async () => {
    const { context, errors } = await watchedContext(browser, { width: 360, height: 900 }, "en-US");
    const page = await context.newPage();
    await page.goto(server.url + "taskpane.html");
    await page.getByRole("button", { name: "Open a claims file (.xlsx / .csv)" }).waitFor();
    await page.getByRole("tab", { name: "Explain" }).click();
    await page.locator('input[name="total"]').fill("5000");
    await page.getByRole("button", { name: "Settle and explain" }).click();
    // in-service employee, 3A, first admission: (5000 − 1400) × 88% = 3168.00 (L 一、(二))
    await page.getByTestId("explain-fund").getByText("3168.00").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "explain-360-en.png"), fullPage: true });
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole("tab", { name: "Catalogs" }).click();
    await page.getByRole("searchbox").fill("shock");
    await page.getByText(/Shock 休克/).first().click();
    await page.screenshot({ path: join(ARTIFACTS, "catalogs-360-en.png"), fullPage: true });
    expect(await fitsWidth(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
