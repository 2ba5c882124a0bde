// @vitest-environment jsdom
/**
 * The XML manifest, checked offline (office-addin-manifest validate needs a remote service; see
 * `npm run validate:manifest`): against Microsoft's manifest XSD (the repaired copy in
 * ../shared/specs/office-addin-manifest-xsd, with xmllint from Debian's libxml2-utils, which npm
 * test's set-up installs), and for what neither the XSD nor that service checks (a resid without a
 * resource loads as a blank add-in; a Runtime/Page resid mismatch leaves functions #BUSY!).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xsdProblems } from "./helpers/xsd";

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
  it("is valid against Microsoft's manifest XSD (xmllint), and the XSD check does refuse a broken manifest", () => {
    expect(xsdProblems(join(__dirname, "../manifest.xml"))).toBeNull();
    const built = join(__dirname, "../build/manifest.xml");
    if (existsSync(built)) expect(xsdProblems(built)).toBeNull();
    // Runtimes after AllFormFactors, and a 40-character resid: the schema says no
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const broken = xml
      .replace(/<Runtimes>[\s\S]*?<\/Runtimes>\s*/, "")
      .replace("</AllFormFactors>", '</AllFormFactors><Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>');
    writeFileSync(join(dir, "a.xml"), broken);
    expect(xsdProblems(join(dir, "a.xml"))).toMatch(/Runtimes/);
    writeFileSync(join(dir, "b.xml"), xml.split('"Taskpane.Url"').join(`"${"T".repeat(40)}"`));
    expect(xsdProblems(join(dir, "b.xml"))).not.toBeNull();
  });

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

  it("the task pane button opens the runtime's one pane: no Action carries a TaskpaneId", () => {
    // "A shared runtime only supports the use of one task pane" (docs, configure-your-add-in-to-use-a-shared-runtime)
    expect(all("TaskpaneId")).toEqual([]);
    expect(all("Action").filter((a) => a.getAttribute("xsi:type") === "ShowTaskpane")).toHaveLength(1);
  });

  it("namespace YIBAO in every language (no override: a workbook computes the same in a Chinese and an English Excel); the functions' metadata has its zh-CN override (with the bt: prefix)", () => {
    const ns = resources().find((e) => e.getAttribute("id") === one("Namespace").getAttribute("resid"))!;
    expect(ns.getAttribute("DefaultValue")).toBe("YIBAO");
    expect(ns.children).toHaveLength(0);
    // at least three characters, ASCII letters (the naming guide's rule for names, and the unified manifest's pattern)
    expect(ns.getAttribute("DefaultValue")).toMatch(/^[A-Z][A-Z0-9]{2,}$/);
    const metaResid = one("Metadata").getElementsByTagName("SourceLocation")[0]!.getAttribute("resid");
    const meta = resources().find((e) => e.getAttribute("id") === metaResid)!;
    expect(meta.getAttribute("DefaultValue")).toMatch(/\/functions\.json$/);
    const override = Array.from(meta.children).find((c) => c.localName === "Override");
    expect(override?.namespaceURI).toBe(BT);
    expect(override?.getAttribute("Locale")).toBe("zh-CN");
    expect(override?.getAttribute("Value")).toMatch(/\/functions-zh-cn\.json$/);
  });

  it("the version is what the functions' lock records (Excel refetches changed functions only for a new version)", () => {
    expect(JSON.parse(readFileSync(join(__dirname, "../functions/metadata.lock.json"), "utf8")).version).toBe(one("Version").textContent);
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
