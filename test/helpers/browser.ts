/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the built add-in
 * served from a local http server on 127.0.0.1. Every request the page makes is recorded, so a test
 * can fail on any request to another host (claim data never leaves the workbook).
 */
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const BUILD = join(__dirname, "../../build");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serve a directory (build/ by default) read-only on 127.0.0.1 at a free port. */
export async function serve(dir = BUILD): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  if (!existsSync(join(dir, "taskpane.html"))) throw new Error(`${dir}/taskpane.html is missing: run \`npm run build\` first (npm test does)`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, "");
    const file = join(dir, path || "taskpane.html");
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server, close: () => new Promise((r) => server.close(() => r())) };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (npm test's pretest step does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // without the background-networking flags Chromium tries Google's hosts at every start
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]  // playwright gives each launch a fresh, empty user-data-dir,
  });
}

/** A browser context that records every request and every page error. */
export async function watchedContext(browser: Browser, viewport = { width: 360, height: 800 }, locale = "zh-CN") {
  const context: BrowserContext = await browser.newContext({ viewport, locale, acceptDownloads: true });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(String(e))));
  return { context, requests, errors };
}

/** The requests that went anywhere but the local server (data: and blob: URLs stay in the page). */
export function foreign(requests: string[], base: string): string[] {
  const origin = new URL(base).origin;
  return requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin);
}

/**
 * Layout faults of the page as a person would see them, from the element boxes the browser laid
 * out: the page scrolling sideways; an element past the viewport's edge (outside a container that
 * scrolls sideways on purpose); two pieces of text drawn over each other (HTML text by its line
 * boxes, chart labels by their boxes); a dropdown or a placeholder whose text is cut off.
 */
export async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    if (doc.scrollWidth > vw + 1) faults.push(`the page scrolls sideways: ${doc.scrollWidth} > ${vw}`);
    const name = (el: Element) => {
      const t = (el.textContent ?? "").trim().slice(0, 30);
      const id = el.getAttribute("data-testid");
      return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ""}>${t ? ` "${t}"` : ""}`;
    };
    const shown = (el: Element) => {
      const cs = getComputedStyle(el);
      return cs.display !== "none" && cs.visibility !== "hidden" && el.getClientRects().length > 0;
    };
    const scrollsX = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (/(auto|scroll)/.test(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth) return true;
      return false;
    };
    /** The box an element's content can be seen in: the viewport cut by every clipping ancestor. */
    const clip = (el: Element) => {
      let c = { left: 0, right: vw, top: -1e9, bottom: 1e9 };
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(cs.overflowX + " " + cs.overflowY)) {
          const r = p.getBoundingClientRect();
          c = { left: Math.max(c.left, r.left), right: Math.min(c.right, r.right), top: Math.max(c.top, r.top), bottom: Math.min(c.bottom, r.bottom) };
        }
      }
      return c;
    };
    const main = document.querySelector("main");
    if (!main) return ["no <main>"];
    const all = [...main.querySelectorAll("*")].filter(shown);
    for (const el of all) {
      if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || scrollsX(el)) continue;
      const c = clip(el);
      if (r.bottom < c.top || r.top > c.bottom) continue;
      if (r.right > vw + 1 || r.left < -1) faults.push(`${name(el)} sticks out: ${Math.round(r.left)}–${Math.round(r.right)} of ${vw} px`);
    }
    // text over text
    type Box = { el: Element; r: { left: number; right: number; top: number; bottom: number } };
    const boxes: Box[] = [];
    for (const el of all) {
      if (el instanceof SVGElement) {
        if (el.tagName.toLowerCase() !== "text" || !(el.textContent ?? "").trim()) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 1 && r.height > 1) boxes.push({ el, r });
        continue;
      }
      const c = clip(el);
      for (const n of el.childNodes) {
        if (n.nodeType !== 3 || !(n.nodeValue ?? "").trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width < 2 || r.height < 2) continue;
          if (r.bottom <= c.top || r.top >= c.bottom || r.right <= c.left || r.left >= c.right) continue; // scrolled out of its container
          boxes.push({ el, r: { left: Math.max(r.left, c.left), right: Math.min(r.right, c.right), top: Math.max(r.top, c.top), bottom: Math.min(r.bottom, c.bottom) } });
        }
      }
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2) faults.push(`${name(a.el)} overlaps ${name(b.el)} (${Math.round(w)}×${Math.round(h)} px)`);
      }
    // cut-off text in dropdowns and placeholders
    const ctx = document.createElement("canvas").getContext("2d")!;
    for (const el of all) {
      let text = "";
      if (el instanceof HTMLSelectElement) text = el.selectedOptions[0]?.text ?? "";
      else if (el instanceof HTMLInputElement && !el.value && el.placeholder) text = el.placeholder;
      else continue;
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const need = ctx.measureText(text).width;
      if (need > room + 1) faults.push(`${name(el)} cuts off "${text}" (${Math.round(need)} px in ${Math.round(room)} px)`);
    }
    return [...new Set(faults)];
  });
}

/** The text a person sees in the pane: every visible text node, apart. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (el && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden") out.push(n.nodeValue ?? "");
    }
    // what the dropdowns show
    for (const s of document.querySelectorAll("main select")) out.push((s as HTMLSelectElement).selectedOptions[0]?.text ?? "");
    return out.join(" ");
  });
}
