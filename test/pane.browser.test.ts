/**
 * End to end in headless Chromium: the built task pane in standalone mode (no Excel) opens the
 * bundled sample claims file, runs the audit and the model, and shows the core's figures; the results
 * download as .xlsx (this run's sheets, the summary on its own sheet, the results with a one-row
 * freeze and an autofilter); a typo in the model stops the scenario; files that cannot be audited
 * (GBK, only a header) end under an error banner, never a green one; nothing overflows or overlaps
 * from 320 to 1 200 px (element boxes measured); the Chinese pane has no stray Latin words; nothing
 * is requested from any other host; local storage holds only the settings. The catalogs: one search
 * grouped by catalog, a catalog with nothing pointing to where the text is found, a text found
 * nowhere, candidates, the findings checker met and refused, a copy. Screenshots of every screen
 * (and of each catalogs state) at 360 and 1 000 px in both languages go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { foreign, launch, layoutFaults, serve, visibleText, watchedContext } from "./helpers/browser";
import { seedWords, strayLatin } from "./helpers/language";
import { parseCsv } from "../io/csv";
import { AuditRun } from "../src/audit/audit";
import { engine } from "./helpers/claims";
import { readXlsxSheets } from "../io/xlsx";
import { compareBy, prepareBatch, settleBatch, settleScenario } from "../src/scenario/compare";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { signedYuan, yuan } from "../taskpane/format";

const SAMPLE = join(__dirname, "../samples/lanzhou-claims.csv");
const ARTIFACTS = join(__dirname, "../test-artifacts");
const TMP = join(tmpdir(), `pane-e2e-${process.pid}`);
const csv = readFileSync(SAMPLE, "utf8");
const rows = parseCsv(csv);
const core = new AuditRun(rows[0]!, rows.slice(1), { engine }).finish().summary;

/** The sample as Chinese Excel on Windows saves a CSV: GBK bytes (built from the decoder's own table). */
function gbk(text: string): Buffer {
  const dec = new TextDecoder("gbk");
  const map = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) map.set(dec.decode(Uint8Array.of(a, b)), [a, b]);
  const out: number[] = [];
  for (const ch of text.replace(/^\uFEFF/, "")) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(map.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

/** The sample repeated to n claims with fresh ids (and no duplicate persons), for a long list. */
function longSample(n: number): string {
  const body = rows.slice(1, 29);
  const out = [rows[0]!.join(",")];
  for (let i = 0; i < n; i++) {
    const r = [...body[i % body.length]!];
    r[0] = `BIG-${String(i + 1).padStart(6, "0")}`;
    r[2] = "";
    r[1] = "";
    out.push(r.map((v) => (/[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","));
  }
  return out.join("\n");
}

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(TMP, { recursive: true });
  writeFileSync(join(TMP, "gbk-claims.csv"), gbk(csv));
  writeFileSync(join(TMP, "headers-only.csv"), csv.split(/\r?\n/)[0] + "\n");
  writeFileSync(join(TMP, "long-claims.csv"), longSample(3000));
  server = await serve();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openFile(page: Page, file: string, zh = true) {
  await page.goto(server.url + "taskpane.html");
  await page.getByRole("button", { name: zh ? "打开理赔文件（.xlsx / .csv）" : "Open a claims file (.xlsx / .csv)" }).waitFor();
  await page.getByTestId("file-input").setInputFiles(file);
}
async function openSample(page: Page, zh = true) {
  await openFile(page, SAMPLE, zh);
  await page.getByTestId("batch-info").waitFor();
}
async function audit(page: Page) {
  await page.getByTestId("run-audit").click();
  await page.getByTestId("audit-outcome").waitFor({ timeout: 30_000 });
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** No box past the viewport, no two pieces of text on top of each other, at each width from 320 to 1 200 px. */
async function expectLayout(page: Page, where: string) {
  for (const width of [320, 360, 480, 768, 1000, 1200]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    expect(await layoutFaults(page), `${where} at ${width} px`).toEqual([]);
  }
}

describe("the standalone pane in Chromium", () => {
  it("audits the sample: the core's figures, an honest banner, a list of every claim; the download holds this run's sheets", async () => {
    const { context, requests, errors } = await watchedContext(browser, { width: 360, height: 900 });
    const page = await context.newPage();
    await openSample(page);
    expect(await page.getByTestId("batch-info").textContent()).toContain("已读取 34 行");
    await audit(page);
    expect(await page.getByTestId("stat-claims").textContent()).toBe(String(core.claims));
    expect(await page.getByTestId("stat-ok").textContent()).toBe(String(core.ok));
    expect(await page.getByTestId("stat-flagged").textContent()).toBe(String(core.flagged));
    expect(await page.getByTestId("stat-errors").textContent()).toBe(String(core.errors));
    expect(await page.getByTestId("stat-recomputed").textContent()).toBe(yuan(core.recomputedFund));
    expect(await page.getByTestId("stat-difference").textContent()).toBe(yuan(core.totalDifference));
    // five claims are errors: not the green "done"
    expect(await page.getByTestId("audit-outcome").getAttribute("data-intent")).toBe("warning");
    await page.getByTestId("reason-filter").selectOption("起付线错误");
    expect(await page.getByTestId("result-row").first().textContent()).toContain("统筹基金 4,946.30 → 5,087.10");
    await page.getByTestId("reason-filter").selectOption("");
    await shot(page, "audit-360-zh");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect(await page.getByTestId("download").textContent()).toBe("下载结果");
    expect(download.suggestedFilename()).toBe("lanzhou-claims-核查结果.xlsx");
    const bytes = readFileSync((await download.path())!);
    const sheets = await readXlsxSheets(bytes);
    expect(sheets.map((s) => s.name)).toEqual(["核查汇总", "核查结果"]);
    expect(sheets[0]!.rows.find((r) => r[0] === "报销单数")?.[1]).toBe(34);
    const ids = sheets[1]!.rows.map((r) => r[0]);
    expect(ids[0]).toBe("编号");
    expect(ids).toContain("LZ2020-003");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const results = book.getWorksheet("核查结果")!;
    expect(results.views[0]).toMatchObject({ state: "frozen", ySplit: 1 }); // only the header row (it used to be 27)
    expect(results.autoFilter).toBe("A1:T35");
    expect(results.getCell("I2").numFmt).toBe("#,##0.00");
    expect(results.getColumn(20).width).toBeGreaterThan(results.getColumn(3).width!);
    // masked by default: no full ID number or name of the sample reaches the download
    const flat = sheets.flatMap((s) => s.rows.flat()).map(String).join("\n");
    expect(flat).not.toContain("620103195202045641");
    expect(flat).not.toContain("李某乙");

    // a second run: its download holds its own sheets, not the first run's
    await page.getByTestId("run-audit").click();
    await page.getByTestId("run-item").nth(1).waitFor();
    const [second] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect((await readXlsxSheets(readFileSync((await second.path())!))).map((s) => s.name)).toEqual(["核查汇总 2", "核查结果 2"]);

    expect(foreign(requests, server.url)).toEqual([]);
    const storage = await page.evaluate(() => Object.keys(localStorage));
    expect(storage.every((k) => k === "yibao.settings")).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the list reaches every claim of a long batch by scrolling (it is virtualised)", async () => {
    const { context, errors } = await watchedContext(browser, { width: 1000, height: 900 });
    const page = await context.newPage();
    await openFile(page, join(TMP, "long-claims.csv"));
    await page.getByTestId("batch-info").waitFor();
    await audit(page);
    await page.getByTestId("status-filter").selectOption("all");
    expect(await page.getByTestId("results-count").textContent()).toMatch(/^显示 3,000 笔/);
    // only the rows in view are in the page
    expect(await page.getByTestId("result-row").count()).toBeLessThan(60);
    await page.getByTestId("results-list").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.getByText("BIG-003000", { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("models a threshold change; a typo stops the scenario and the write, in place and in Chinese", async () => {
    const { context, requests, errors } = await watchedContext(browser, { width: 1000, height: 1000 });
    const page = await context.newPage();
    await openSample(page);
    await page.getByRole("tab", { name: "测算" }).click();
    await page.getByTestId("comparison").waitFor({ timeout: 20_000 });
    const prepared = prepareBatch(rows[0]!, rows.slice(1));
    const base = settleBatch(engine, prepared);
    const change = (o: Parameters<ReturnType<typeof builtinRegistry>["withOverrides"]>[1]) => {
      const c = compareBy(prepared, base, settleScenario(new Engine(builtinRegistry().withOverrides("t", o)), prepared, base).res, "scheme");
      return signedYuan(c.total.scenario.fund - c.total.baseline.fund);
    };
    await page.getByPlaceholder(/筛选/).fill("职工住院");
    await page.locator('input[data-param="lanzhou.employee.inpatient.threshold|3A"]').fill("1000");
    await page.getByTestId("fund-change-total").getByText(change([{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }])).waitFor({ timeout: 10_000 });
    await page.getByTestId("fund-chart").locator("svg").first().waitFor();
    await shot(page, "model-1000-zh");
    // one good edit, one typo: nothing computed, nothing written, the reason said
    await page.locator('input[data-param="lanzhou.employee.inpatient.bands|in_service@20000"]').fill("0.83");
    await page.locator('input[data-param="lanzhou.employee.inpatient.bands|retired@20000"]').fill("0.9l");
    await page.getByTestId("model-invalid").waitFor();
    expect(await page.getByTestId("comparison").count()).toBe(0);
    expect(await page.getByTestId("write-model").isDisabled()).toBe(true);
    expect(await page.getByTestId("model-invalid").textContent()).toMatch(/“0\.9l”——请填写比例/);
    await shot(page, "model-typo-1000-zh");
    await page.getByPlaceholder(/筛选/).fill("居民");
    await page.getByTestId("go-to-field").click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-param"))).toBe("lanzhou.employee.inpatient.bands|retired@20000");
    await page.locator('input[data-param="lanzhou.employee.inpatient.bands|retired@20000"]').fill("0.99");
    const expected = change([
      { id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 },
      { id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 2_000_000, value: 8300 },
      { id: "lanzhou.employee.inpatient.bands", key: "retired", bracket: 2_000_000, value: 9900 },
    ]);
    await page.getByTestId("fund-change-total").getByText(expected).waitFor({ timeout: 10_000 });
    await page.setViewportSize({ width: 360, height: 900 });
    await shot(page, "model-360-zh");
    expect(foreign(requests, server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ["a GBK file (Chinese Excel's CSV)", "gbk-claims.csv"],
    ["a file with only its header row", "headers-only.csv"],
  ])("%s never ends under a green banner", async (_, name) => {
    const { context, errors } = await watchedContext(browser, { width: 360, height: 900 });
    const page = await context.newPage();
    await openFile(page, join(TMP, name));
    await page.locator('[data-testid="batch-info"], [data-testid="read-error"], [data-testid="file-error"]').first().waitFor();
    const banners = page.locator('[data-testid="batch-problem"], [data-testid="read-error"], [data-testid="file-error"]');
    if ((await banners.count()) > 0) {
      // refused: an error banner with the reason, and no run
      expect(await banners.first().getAttribute("data-intent")).toBe("error");
      expect(await page.getByTestId("run-audit").isDisabled()).toBe(true);
      await shot(page, `refused-${name.replace(/\.csv$/, "")}-360-zh`);
    } else {
      // read as the UTF-8 sample is (the reader of issue 10 decodes GBK): the same figures
      await audit(page);
      expect(await page.getByTestId("stat-claims").textContent()).toBe(String(core.claims));
      expect(await page.getByTestId("stat-recomputed").textContent()).toBe(yuan(core.recomputedFund));
    }
    expect(await page.locator('[data-intent="success"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(["zh", "en"] as const)("every screen at 360 and 1 000 px (%s): screenshots, no overflow or overlap from 320 to 1 200 px, no stray Latin in Chinese", async (lang) => {
    const zh = lang === "zh";
    const { context, errors } = await watchedContext(browser, { width: 360, height: 900 }, zh ? "zh-CN" : "en-US");
    const page = await context.newPage();
    await openSample(page, zh);
    const check = async (screenName: string) => {
      await expectLayout(page, `${screenName} (${lang})`);
      for (const width of [360, 1000]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(150);
        await shot(page, `${screenName}-${width}-${lang}`);
      }
      if (zh) expect(strayLatin(await visibleText(page), ["lanzhou-claims.csv", "lanzhou-claims"]), screenName).toEqual([]);
    };
    await audit(page);
    await check("audit");
    await page.getByRole("tab", { name: zh ? "测算" : "Model" }).click();
    await page.getByTestId("comparison").waitFor({ timeout: 20_000 });
    await page.locator('input[data-param="lanzhou.employee.inpatient.threshold|3A"]').fill("1000");
    await page.getByTestId("who-gains").waitFor();
    await check("model");
    await page.getByRole("tab", { name: zh ? "说明" : "Explain" }).click();
    await page.getByTestId("explain-query").fill("LZ2020-004");
    await page.getByRole("button", { name: zh ? "说明" : "Explain", exact: true }).click();
    await page.getByTestId("explain-compare").waitFor();
    await check("explain");
    await page.getByRole("tab", { name: zh ? "目录" : "Catalogs" }).click();
    await page.getByRole("searchbox").fill(zh ? "休克" : "shock");
    await check("catalogs");
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(["zh", "en"] as const)(
    "the catalogs (%s): one search grouped by catalog, nothing here or anywhere, candidates, the findings checker and its refusal, a copy; screenshots, layout from 320 to 1 200 px, no stray Latin",
    async (lang) => {
      const zh = lang === "zh";
      const { context, requests, errors } = await watchedContext(browser, { width: 360, height: 900 }, zh ? "zh-CN" : "en-US");
      const page = await context.newPage();
      await page.goto(server.url + "taskpane.html");
      await page.getByRole("tab", { name: zh ? "目录" : "Catalogs" }).click();
      const search = page.getByTestId("catalog-search");
      const typed: string[] = [];
      const check = async (state: string) => {
        await expectLayout(page, `catalogs: ${state} (${lang})`);
        for (const width of [360, 1000]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(150);
          await shot(page, `catalogs-${state}-${width}-${lang}`);
        }
        if (zh) {
          // the formula is code: the text that goes into the cell, function ids and argument codes included
          const formulas = await page.getByTestId("catalog-formula").allTextContents();
          let text = await visibleText(page);
          for (const f of formulas) text = text.split(f).join(" ");
          expect(strayLatin(text, [...typed, ...seedWords()]), state).toEqual([]);
        }
      };
      const type = async (q: string) => {
        typed.push(q);
        await search.fill(q);
      };

      await page.getByTestId("catalog-group-referral").waitFor();
      await check("overview");

      // one search over every catalog, grouped; an entry's details beside (or below) the results
      await type(zh ? "透析" : "dialysis");
      await page.getByTestId("catalog-group-national").getByText("M07801").first().waitFor();
      expect(await page.getByTestId("catalog-status").textContent()).toMatch(zh ? /分属 3 个目录；急危重病、报销材料中没有/ : /in 3 catalog\(s\); none in Emergency criteria, Materials lists/);
      await page.getByTestId("catalog-group-chronic").getByRole("button").first().click();
      await page.getByTestId("catalog-formula").waitFor();
      await check("search");

      // nothing in the emergency list: where it is found instead, one click away
      await page.getByTestId("catalog-scope").selectOption("emergency");
      await type(zh ? "心内科" : "cardiology");
      await page.getByTestId("catalog-not-here").waitFor();
      expect(await page.getByText(zh ? /找到 0 条/ : /^0 of/).count()).toBe(0);
      await check("not-here");
      await page.getByTestId("elsewhere-referral").click();
      expect(await page.getByTestId("catalog-group-referral").locator("[data-how=department]").count()).toBe(8);

      // nowhere at all
      await page.getByTestId("catalog-scope").selectOption("all");
      await type(zh ? "不存在的病名" : "no such disease");
      expect(await page.getByTestId("catalog-nothing").getAttribute("data-intent")).toBe("warning");
      await check("nothing");

      // a name that means several rows: candidates with the reason, nothing chosen
      await type(zh ? "高血压" : "hypertension");
      await page.getByTestId("catalog-group-chronic").locator("[data-how=candidate]").first().waitFor();
      expect(await page.getByRole("region", { name: zh ? "条目详情" : "Entry details" }).count()).toBe(0);
      await check("candidates");

      // the findings checker: met with an item ignored, then a refusal with its reason
      await type(zh ? "休克" : "shock");
      await page.getByTestId("catalog-group-emergency").getByRole("button").first().click();
      const findings = zh ? "血压 75/40，乳酸 3.5 mmol/L；GCS=7" : "BP 75/40, lactate 3.5 mmol/L; GCS 7";
      typed.push(findings);
      await page.getByTestId("findings-input").fill(findings);
      expect(await page.getByTestId("findings-answer").getAttribute("data-intent")).toBe("success");
      expect(await page.getByTestId("findings-answer").textContent()).toContain("GCS");
      await check("checker");
      const refused = zh ? "血压 75/40，乳酸 3,5" : "BP 75/40, lactate 3,5";
      typed.push(refused);
      await page.getByTestId("findings-input").fill(refused);
      expect(await page.getByTestId("findings-answer").getAttribute("data-intent")).toBe("error");
      await check("checker-refused");

      // outside Excel the formula goes to the clipboard, or is offered to copy by hand
      await page.getByRole("button", { name: zh ? "复制公式" : "Copy formula" }).click();
      await page.getByTestId("insert-status").waitFor();
      expect(await page.getByTestId("insert-status").getAttribute("data-intent")).not.toBe("error");
      await check("copied");

      expect(foreign(requests, server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it("explains a typed claim in English", async () => {
    const { context, errors } = await watchedContext(browser, { width: 360, height: 900 }, "en-US");
    const page = await context.newPage();
    await page.goto(server.url + "taskpane.html");
    await page.getByRole("button", { name: "Open a claims file (.xlsx / .csv)" }).waitFor();
    await page.getByRole("tab", { name: "Explain" }).click();
    await page.locator('input[name="total"]').fill("5000");
    await page.getByRole("button", { name: "Settle and explain" }).click();
    // in-service employee, 3A, first admission: (5000 − 1400) × 88% = 3168.00 (L 一、(二))
    await page.getByTestId("explain-fund").getByText("3,168.00").waitFor();
    expect(await layoutFaults(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
