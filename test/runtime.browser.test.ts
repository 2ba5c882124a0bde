/**
 * The built add-in page in a real browser (headless Chromium): the shared runtime starts outside
 * Excel (Office.onReady resolves with host null), the custom functions register through
 * CustomFunctions.associate (stubbed to record the ids), the pane renders, and the page makes no
 * request to any host but the local server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { BUILD, foreign, launch, serve, watchedContext } from "./helpers/browser";

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("taskpane.html in headless Chromium", () => {
  it("starts the runtime, registers every function, renders the pane, and talks to no other host", async () => {
    const { context, requests, errors } = await watchedContext(browser);
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
    await page.goto(server.url + "taskpane.html");
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
    expect(foreign(requests, server.url)).toEqual([]);
    await context.close();
  });

  it("enforces a Content-Security-Policy: scripts and connections only from the page's own origin", async () => {
    const { context, requests } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(server.url + "taskpane.html");
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
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
    expect(foreign(requests, server.url)).toEqual([]);
    await context.close();
  });
});
