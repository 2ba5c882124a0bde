/**
 * A fake Excel for the built pane in headless Chromium: test/helpers/excelPage.ts (FakeExcel and
 * the globals office.js sets inside Excel) bundled with esbuild into one script, to add before the
 * page's own scripts (page.addInitScript). office-addin-mock's only import, office-addin-manifest,
 * is a Node package (fs, network); of it the mock uses the OfficeApp enum alone, so the bundle takes
 * that one module of it.
 *
 * The page still loads office.js from its script tag; a test answers that request with an empty
 * script (officeJsStub), so Microsoft's file, which outside Office says "no host", does not replace
 * the fake's globals.
 */
import { build, type Plugin } from "esbuild";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import type { HostSetup } from "./excelPage";

export type { HostSetup } from "./excelPage";

const officeAppOnly: Plugin = {
  name: "office-app-enum",
  setup(b) {
    b.onResolve({ filter: /^office-addin-manifest$/ }, () => ({ path: join(dirname(require.resolve("office-addin-manifest")), "officeApp.js") }));
  },
};

let bundled: Promise<string> | null = null;

/** The fake host as a browser script (built once per test file). */
export function fakeExcelBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(__dirname, "excelPage.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    plugins: [officeAppOnly],
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}

/**
 * Make the page an Excel add-in's page on a fake workbook: the fake's globals before any of the
 * page's scripts, and office.js answered with an empty script.
 */
export async function asExcel(page: Page, setup: HostSetup): Promise<void> {
  const script = await fakeExcelBundle();
  await page.addInitScript({ content: `${script}\n;globalThis.__installExcel(${JSON.stringify(setup)});` });
  await page.route("**/office/office.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: "/* office.js: the test's fake Excel host is installed */" }));
}

/** 2020-05-06 as Excel holds a date: days since 1899-12-30 (the 1900 date system), 1462 fewer in the 1904 system. */
export function dateSerial(iso: string, system: "1900" | "1904" = "1900"): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569 - (system === "1904" ? 1462 : 0);
}

/**
 * A row of text cells (a CSV's) as Excel holds it once typed or pasted in: numbers as numbers
 * (but long digit strings such as ID numbers, kept as text, as an auditor formats that column),
 * dates as date serials, blank cells as "".
 */
export function excelCells(row: readonly unknown[], system: "1900" | "1904" = "1900"): unknown[] {
  return row.map((v) => {
    if (v === null || v === undefined) return "";
    if (typeof v !== "string") return v;
    if (/^-?\d{1,12}(\.\d+)?$/.test(v)) return Number(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return dateSerial(v, system);
    return v;
  });
}
