// @vitest-environment jsdom
/**
 * The XML manifest, checked offline (office-addin-manifest validate needs a remote service; see
 * `npm run validate:manifest`). These are the checks that service does not make either (a resid
 * without a resource loads as a blank add-in; a Runtime/Page resid mismatch leaves functions #BUSY!).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const xml = readFileSync(join(__dirname, "../manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const all = (name: string) => Array.from(doc.getElementsByTagName("*")).filter((e) => e.localName === name);
const one = (name: string) => {
  const es = all(name);
  expect(es, `<${name}>`).toHaveLength(1);
  return es[0]!;
};
const resources = () => all("Image").concat(all("Url"), all("String")).filter((e) => e.namespaceURI === BT && e.hasAttribute("id"));

describe("manifest.xml", () => {
  it("is well-formed XML with the Office add-in root", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(doc.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
  });

  it("has a GUID id and a four-part version", () => {
    expect(one("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("every resid has its resource, no resource id is defined twice, and ids are at most 32 characters", () => {
    const ids = resources().map((e) => e.getAttribute("id")!);
    expect(new Set(ids).size).toBe(ids.length);
    const used = Array.from(doc.getElementsByTagName("*"))
      .map((e) => e.getAttribute("resid"))
      .filter((r): r is string => !!r);
    expect(used.length).toBeGreaterThan(10);
    for (const r of used) {
      expect(ids, `resid ${r} has no resource`).toContain(r);
      expect(r.length, `resid ${r}`).toBeLessThanOrEqual(32);
    }
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
    // and every resource is used (a stale one is a sign of a typo elsewhere)
    for (const id of ids) expect(used, `resource ${id} is never used`).toContain(id);
  });

  it("is a shared runtime: SharedRuntime 1.1, one long-lived Runtime, and Page, FunctionFile and the task pane on the same resid", () => {
    const set = all("Set").find((s) => s.getAttribute("Name") === "SharedRuntime");
    expect(set?.getAttribute("MinVersion")).toBe("1.1");
    const runtimes = all("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]!.getAttribute("lifetime")).toBe("long");
    const rid = runtimes[0]!.getAttribute("resid");
    const page = one("Page").getElementsByTagName("SourceLocation")[0]!;
    expect(page.getAttribute("resid")).toBe(rid);
    expect(one("FunctionFile").getAttribute("resid")).toBe(rid);
    const action = all("Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane")!;
    expect(action.getElementsByTagName("SourceLocation")[0]!.getAttribute("resid")).toBe(rid);
  });

  it("namespace YIBAO, 医保 in Chinese Excel; the functions' metadata has its zh-CN override (with the bt: prefix)", () => {
    const ns = resources().find((e) => e.getAttribute("id") === one("Namespace").getAttribute("resid"))!;
    expect(ns.getAttribute("DefaultValue")).toBe("YIBAO");
    const nsZh = Array.from(ns.children).find((c) => c.getAttribute("Locale") === "zh-CN");
    expect(nsZh?.getAttribute("Value")).toBe("医保");
    const metaResid = one("Metadata").getElementsByTagName("SourceLocation")[0]!.getAttribute("resid");
    const meta = resources().find((e) => e.getAttribute("id") === metaResid)!;
    expect(meta.getAttribute("DefaultValue")).toMatch(/\/functions\.json$/);
    const override = Array.from(meta.children).find((c) => c.localName === "Override");
    expect(override?.namespaceURI).toBe(BT);
    expect(override?.getAttribute("Locale")).toBe("zh-CN");
    expect(override?.getAttribute("Value")).toMatch(/\/functions-zh-cn\.json$/);
  });

  it("every URL is https, on the add-in's own origin, and names a file the build produces", () => {
    const urls = Array.from(doc.getElementsByTagName("*")).flatMap((e) => ["DefaultValue", "Value"].map((a) => e.getAttribute(a)).filter((v): v is string => !!v && /^[a-z]+:\/\//i.test(v)));
    urls.push(...all("AppDomain").map((e) => e.textContent!.trim()));
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u).toMatch(/^https:\/\//);
      expect(new URL(u).origin).toBe("https://localhost:3000");
    }
    const build = join(__dirname, "../build");
    for (const u of urls) {
      const path = new URL(u).pathname.slice(1);
      if (path) expect(existsSync(join(build, path)), `${u} is not built`).toBe(true);
    }
  });

  it("asks for no more than it needs: read and write the document, nothing else", () => {
    expect(one("Permissions").textContent).toBe("ReadWriteDocument");
  });
});
