/**
 * The built pane inside Excel, in headless Chromium, on a workbook that uses the 1904 date system
 * (test/helpers/excelHost.ts: its date cells hold 1904 serials, DATE(1904, 1, 1) evaluates to 0): the
 * page asks the system with its read of the table and posts it with the rows to the pane's worker,
 * which audits them in it. Every row of the results sheet is the engine's one-claim result for the
 * sample's dates (as text, the same in every system), as in a 1900 workbook; and the page asked
 * Excel the system at start-up (for the functions) and with the read, writing nothing to do so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch, serve, watchedContext } from "./helpers/browser";
import { asExcel, excelCells, type HostSetup } from "./helpers/excelHost";
import type { PageHost } from "./helpers/excelPage";
import { parseCsv } from "../io/csv";
import { rowValidator } from "../src/claim/validate";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { LAYERS } from "../src/engine/columns";
import { fenToNumber } from "../src/money";
import { RESULT_HEADERS } from "../src/audit/report";

const engine = new Engine(builtinRegistry());
const text = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8").replace(/^\uFEFF/, ""));
const header = text[0]!;
const rows = text.slice(1);
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serve(process.env.PANE_BUILD);
  browser = await launch();
  const setup: HostSetup = {
    sheets: { 理赔: [header, ...rows.map((r) => excelCells(r, "1904"))] },
    tables: [{ name: "Claims", sheet: "理赔", row: 0, col: 0, rows: rows.length + 1, cols: header.length }],
    displayLanguage: "zh-CN",
    dateSystem: "1904",
  };
  ({ context, errors } = await watchedContext(browser, { width: 1000, height: 900 }));
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await asExcel(page, setup);
  await page.goto(server.url + "taskpane.html");
}, 300_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const col = (h: (typeof RESULT_HEADERS)[number]) => RESULT_HEADERS.indexOf(h);
const cellOf = (f: number) => (Number.isNaN(f) ? "" : fenToNumber(f));

describe("the pane in a 1904 workbook (the audit in its worker)", () => {
  it("audits the claims as their dates say: every row the engine's one-claim result; the system asked, nothing written for it", async () => {
    await page.waitForFunction(() => (document.querySelector('[data-testid="source-select"]') as HTMLSelectElement | null)?.value === "table:Claims", null, { timeout: 30_000 });
    await page.getByTestId("batch-info").filter({ hasText: `已读取 ${rows.length} 行` }).waitFor();
    await page.getByTestId("run-audit").click();
    await page.getByTestId("audit-outcome").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("worker-fallback").count()).toBe(0);
    const sheet = await page.evaluate(() => (window as unknown as { __excel: PageHost }).__excel.x.snapshot("核查结果"));
    expect(sheet.length).toBe(rows.length + 1);
    let settled = 0;
    rows.forEach((row, i) => {
      const got = sheet[i + 1]!;
      const where = `line ${i + 2} (${row[0]})`;
      const v = rowValidator(header)(row, `row ${i + 2}`);
      const res = v.ok ? engine.settle(v.claim) : null;
      // no row refused for its dates, none read 4 years early
      expect(String(got[col("reasons")]), where).not.toMatch(/日期系统|1904/);
      if (!v.ok || !res?.ok) {
        for (const l of LAYERS) expect(got[col(l)], `${where} ${l}`).toBe("");
        return;
      }
      settled++;
      expect(got[col("versionDate")], where).toBe(res.versionDate);
      expect(got[col("threshold")], where).toBe(cellOf(res.threshold));
      for (const l of LAYERS) expect(got[col(l)], `${where} ${l}`).toBe(cellOf(res.layers[l]));
      expect(got[col("personal")], where).toBe(cellOf(res.personal));
    });
    expect(settled).toBeGreaterThan(25);
    const host = await page.evaluate(() => {
      const h = (window as unknown as { __excel: PageHost }).__excel;
      return { dateCalls: h.x.dateCalls, writes: h.x.log.filter((w) => w.sheet === "理赔").length };
    });
    // at start-up (handed to the functions), and with each read of the table (the run reads it again)
    expect(host.dateCalls).toBeGreaterThanOrEqual(3);
    expect(host.writes).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
