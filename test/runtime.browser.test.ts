/**
 * The built add-in page in a real browser (headless Chromium): the shared runtime starts outside
 * Excel (Office.onReady resolves with host null), the custom functions register through
 * CustomFunctions.associate (stubbed to record the ids), the pane renders, and the page makes no
 * request to any host but the local server (and, in the CDN build, Microsoft's CDN for office.js).
 *
 * Two builds: build/ (npm run build:selfhost, office.js from the add-in's origin) and
 * build-production/ (npm run build:check-production: office.js from the CDN). This machine cannot
 * reach the CDN, so the browser answers the CDN's URLs with the same files from
 * @microsoft/office-js: the page's policy must let exactly that origin's scripts run. Offline, the
 * CDN build must still open standalone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { BUILD, foreign, launch, serve, watchedContext } from "./helpers/browser";

const PRODUCTION = join(__dirname, "../build-production");
const CDN_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = dirname(require.resolve("@microsoft/office-js/dist/office.js"));

let server: Awaited<ReturnType<typeof serve>>;
let cdnServer: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(PRODUCTION, "taskpane.html"))) throw new Error("build-production/ is missing: run `npm run build:check-production` first (npm test does)");
  server = await serve();
  cdnServer = await serve(PRODUCTION);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cdnServer?.close();
});

/** The CDN answered from the npm package (this machine has no internet), or not at all (offline). */
async function cdn(context: BrowserContext, online: boolean): Promise<string[]> {
  const served: string[] = [];
  await context.route(`${CDN_BASE}**`, async (route) => {
    const file = join(OFFICE_DIST, new URL(route.request().url()).pathname.slice("/lib/1/hosted/".length));
    if (!online || !file.startsWith(OFFICE_DIST) || !existsSync(file)) return route.abort("internetdisconnected");
    served.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file) });
  });
  return served;
}

const builds = [
  { name: "self-hosted office.js (build/)", base: () => server.url, cdn: false },
  { name: "office.js from Microsoft's CDN (build-production/)", base: () => cdnServer.url, cdn: true },
];

describe.each(builds)("taskpane.html in headless Chromium: $name", (b) => {
  it("starts the runtime, registers every function, renders the pane, and talks to no other host", async () => {
    const { context, requests, errors } = await watchedContext(browser);
    const served = b.cdn ? await cdn(context, true) : [];
    // Record associate calls whatever office.js does with the global: wrap it when it is set.
    await context.addInitScript(() => {
      const w = window as unknown as { __associated: string[]; CustomFunctions?: unknown };
      w.__associated = [];
      let cf: { associate?: (id: string, f: unknown) => void } | undefined;
      const wrap = (v: typeof cf) => {
        if (v && typeof v.associate === "function" && !(v.associate as { __wrapped?: boolean }).__wrapped) {
          const orig = v.associate.bind(v);
          const rec = (id: string, f: unknown) => {
            w.__associated.push(id);
            return orig(id, f);
          };
          (rec as unknown as { __wrapped: boolean }).__wrapped = true;
          v.associate = rec;
        }
        return v;
      };
      Object.defineProperty(window, "CustomFunctions", {
        configurable: true,
        get: () => wrap(cf),
        set: (v) => {
          cf = v;
        },
      });
    });
    const page = await context.newPage();
    await page.goto(b.base() + "taskpane.html");
    await page.waitForFunction(() => document.querySelector("#root")?.textContent?.includes("医保核算"), null, { timeout: 20_000 });
    const info = await page.evaluate(async () => ({
      host: (await Office.onReady()).host,
      excel: typeof (window as unknown as { Excel?: unknown }).Excel,
      associated: (window as unknown as { __associated: string[] }).__associated,
    }));
    expect(info.host).toBeNull();
    expect(info.excel).toBe("undefined");
    const ids = JSON.parse(readFileSync(join(BUILD, "functions.json"), "utf8")).functions.map((f: { id: string }) => f.id);
    expect([...info.associated].sort()).toEqual([...ids].sort());
    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    if (b.cdn) {
      // office.js from exactly its CDN URL, and what it loads from the same place; nothing else leaves
      expect(served[0]).toBe(CDN_BASE + "office.js");
      expect(foreign(requests, b.base()).every((u) => u.startsWith(CDN_BASE)), foreign(requests, b.base()).join(" ")).toBe(true);
      expect(foreign(requests, b.base()).length).toBe(served.length);
    } else expect(foreign(requests, b.base())).toEqual([]);
    await context.close();
  });

  it("enforces a Content-Security-Policy: scripts from the page's own origin (and the CDN's, in a CDN build), connections only to its own", async () => {
    const { context, requests } = await watchedContext(browser);
    if (b.cdn) await cdn(context, true);
    const page = await context.newPage();
    await page.goto(b.base() + "taskpane.html");
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(b.cdn ? "script-src 'self' https://appsforoffice.microsoft.com;" : "script-src 'self';");
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
    // the browser refuses what the policy forbids, before any request is made
    const refused = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
      await fetch("https://example.com/claims", { method: "POST", body: "x" }).catch(() => undefined);
      const s = document.createElement("script");
      s.textContent = "window.__inline = 1";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return { seen, inline: (window as unknown as { __inline?: number }).__inline ?? null };
    });
    expect(refused.inline).toBeNull();
    expect(refused.seen).toEqual(expect.arrayContaining(["connect-src", "script-src-elem"]));
    // a script from another origin is refused, whatever the build (the CDN is the one exception);
    // Chromium reports the request to the test before refusing it, and fails it as blocked by the policy
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
    const other = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) => seen.push(e.blockedURI));
      const s = document.createElement("script");
      s.src = "https://cdn.example.com/office.js";
      document.head.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return seen;
    });
    expect(other).toEqual(["https://cdn.example.com/office.js"]);
    expect(failed).toEqual([expect.stringMatching(/^https:\/\/cdn\.example\.com\/office\.js .*(csp|blocked)/i)]);
    expect(foreign(requests, b.base()).filter((u) => !u.startsWith(CDN_BASE) && u !== "https://cdn.example.com/office.js")).toEqual([]);
    await context.close();
  });
});

describe("the CDN build without internet (office.js cannot load)", () => {
  it("opens standalone: the pane renders, no page error, nothing but the CDN's office.js was asked for", async () => {
    const { context, requests, errors } = await watchedContext(browser);
    await cdn(context, false);
    const page = await context.newPage();
    await page.goto(cdnServer.url + "taskpane.html");
    await page.waitForFunction(() => document.querySelector("#root")?.textContent?.includes("医保核算"), null, { timeout: 20_000 });
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
    expect(errors).toEqual([]);
    expect(foreign(requests, cdnServer.url)).toEqual([CDN_BASE + "office.js"]);
    await context.close();
  });
});
