/**
 * Claim data never leaves the workbook: no code of ours can make a network request, and only the
 * settings module touches browser storage. (The browser tests check the built page in Chromium:
 * no request to another host, and the Content-Security-Policy refusing connections elsewhere.)
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..");
function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? files(p) : /\.(ts|tsx|js|cjs|html)$/.test(f) ? [p] : [];
  });
}
const shipped = [...files("src"), ...files("io"), ...files("functions"), ...files("taskpane")];
/** Code without its comments (the citations and notes may name web pages). */
const code = (p: string) =>
  readFileSync(join(root, p), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1")
    .replace(/<!--[\s\S]*?-->/g, "");

describe("privacy", () => {
  it("covers every file that ships in the add-in", () => {
    expect(shipped.length).toBeGreaterThan(40);
    expect(shipped).toContain("taskpane/workbook/excel.ts");
  });
  it.each(shipped)("%s makes no network request", (p) => {
    const c = code(p);
    for (const api of [/\bfetch\s*\(/, /XMLHttpRequest/, /\bWebSocket\b/, /\bEventSource\b/, /sendBeacon/, /importScripts/, /\bnew\s+Image\s*\(/, /\.src\s*=\s*["'`]https?:/, /\bwindow\.open\s*\(/, /<form[^>]+action=/]) expect(c, `${p}: ${api}`).not.toMatch(api);
    // XML namespace names in the .xlsx writers (schemas.openxmlformats.org …) are identifiers, never fetched.
    if (!p.startsWith("src/")) expect(c, `${p}: a remote URL in code`).not.toMatch(/["'`]https?:\/\/(?!localhost|schemas\.openxmlformats\.org\/|schemas\.microsoft\.com\/office\/|purl\.org\/|www\.w3\.org\/)/);
  });
  it("only the settings module touches browser storage, and it stores only the settings", () => {
    const users = shipped.filter((p) => /\b(localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open)\b/.test(code(p)));
    expect(users.map((p) => relative(root, join(root, p)))).toEqual(["taskpane/settings.ts"]);
    expect(code("taskpane/settings.ts")).toMatch(/JSON\.stringify\(\{ lang: s\.lang, mask: s\.mask \}\)/);
  });
  it("the policy core imports nothing from Office, the DOM, React or Node", () => {
    for (const p of files("src")) expect(code(p), p).not.toMatch(/from\s+["'](node:|fs|path|react|office|@fluentui|@microsoft)/);
  });
});
