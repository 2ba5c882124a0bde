/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the built add-in
 * served from a local http server on 127.0.0.1. Every request the page makes is recorded, so a test
 * can fail on any request to another host (claim data never leaves the workbook).
 */
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

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
