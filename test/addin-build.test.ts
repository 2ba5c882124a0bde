// @vitest-environment jsdom
/**
 * What `npm run build` ships: functions.json (generated from the JSDoc of functions/functions.ts),
 * functions-zh-cn.json (generated from it and functions/zh-cn.json), the manifest, and the version
 * lock that makes sure Excel refetches changed functions. `npm test` builds first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { xsdProblems } from "./helpers/xsd";
import * as F from "../functions/functions";
import { metadataHash, manifestVersion, readLock } from "../scripts/functionsLock";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translate } = require("../functions/zhcn.js") as { translate: (m: unknown, t: unknown) => { json: Metadata; errors: string[] } };

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: { dimensionality?: string };
  options?: Record<string, boolean>;
}
interface Metadata {
  functions: Fn[];
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
}

const build = join(__dirname, "../build");
let en: Metadata;
let zh: Metadata;
let manifest: Document;

beforeAll(() => {
  if (!existsSync(join(build, "functions.json"))) throw new Error("build/ is missing: run `npm run build` first (npm test does)");
  en = JSON.parse(readFileSync(join(build, "functions.json"), "utf8"));
  zh = JSON.parse(readFileSync(join(build, "functions-zh-cn.json"), "utf8"));
  manifest = new DOMParser().parseFromString(readFileSync(join(build, "manifest.xml"), "utf8"), "application/xml");
});

/** What each function must look like in Excel: its parameters and whether it spills. */
const EXPECTED: Record<string, { params: [string, "matrix" | "scalar", "required" | "optional"][]; spills: boolean }> = {
  REIMBURSE: { params: [["claims", "matrix", "required"], ["headers", "matrix", "optional"], ["output", "scalar", "optional"], ["params", "matrix", "optional"]], spills: true },
  REIMBURSE_INPATIENT: {
    params: [
      ["insuredPlace", "matrix", "required"],
      ["scheme", "matrix", "required"],
      ["personType", "matrix", "required"],
      ["hospitalLevel", "matrix", "required"],
      ["admissionIndex", "matrix", "required"],
      ["date", "matrix", "required"],
      ["total", "matrix", "required"],
      ["outOfCatalog", "matrix", "optional"],
      ["classB", "matrix", "optional"],
      ["crossRegion", "matrix", "optional"],
      ["ytdFundPaid", "matrix", "optional"],
      ["output", "scalar", "optional"],
      ["params", "matrix", "optional"],
    ],
    spills: true,
  },
  SETTLEMENT: { params: [["claims", "matrix", "required"], ["headers", "matrix", "optional"], ["params", "matrix", "optional"], ["lang", "scalar", "optional"]], spills: true },
  EXPLAIN: { params: [["claims", "matrix", "required"], ["headers", "matrix", "optional"], ["lang", "scalar", "optional"], ["params", "matrix", "optional"]], spills: true },
  IS_EMERGENCY: { params: [["condition", "matrix", "required"], ["findings", "matrix", "required"]], spills: true },
  EMERGENCY_CONDITIONS: { params: [["findings", "matrix", "required"]], spills: true },
  CHRONIC_CODE: { params: [["names", "matrix", "required"]], spills: true },
  CHRONIC_NAME: { params: [["codes", "matrix", "required"]], spills: true },
  THRESHOLD: {
    params: [["insuredPlace", "matrix", "required"], ["scheme", "matrix", "required"], ["hospitalLevel", "matrix", "required"], ["admissionIndex", "matrix", "required"], ["date", "matrix", "required"], ["crossRegion", "matrix", "optional"], ["params", "matrix", "optional"]],
    spills: true,
  },
  POLICY_PARAM: { params: [["id", "scalar", "required"], ["date", "scalar", "required"], ["key", "scalar", "optional"], ["params", "matrix", "optional"]], spills: false },
  POLICY_PARAMS: { params: [["set", "scalar", "required"], ["date", "scalar", "required"], ["lang", "scalar", "optional"]], spills: true },
  REFERRAL: { params: [["condition", "scalar", "required"], ["department", "scalar", "optional"]], spills: true },
  MATERIALS: { params: [["careType", "scalar", "required"], ["settlement", "scalar", "optional"], ["insuredPlace", "scalar", "optional"], ["scheme", "scalar", "optional"]], spills: true },
};

describe("functions.json", () => {
  it("has exactly the functions the module exports, with their ids as names", () => {
    expect(en.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...F.FUNCTION_IDS].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of en.functions) expect(f.name).toBe(f.id);
  });
  it.each(Object.entries(EXPECTED))("%s: parameters, dimensionality, optionality", (id, spec) => {
    const f = en.functions.find((x) => x.id === id)!;
    expect(f.parameters.map((p) => [p.name, p.dimensionality === "matrix" ? "matrix" : "scalar", p.optional ? "optional" : "required"])).toEqual(spec.params);
    expect(f.result.dimensionality === "matrix").toBe(spec.spills);
    expect(f.description.length).toBeGreaterThan(10);
    for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(2);
  });
  it("error values and data types reach the functions (allowErrorForDataTypeAny, allowCustomDataForDataTypeAny): a #N/A is its row's answer, not the whole call's", () => {
    expect(en).toMatchObject({ allowErrorForDataTypeAny: true, allowCustomDataForDataTypeAny: true });
    // the flag applies to parameters of type any: the ranges of claims and findings are
    for (const [id, name] of [["REIMBURSE", "claims"], ["SETTLEMENT", "claims"], ["EXPLAIN", "claims"], ["IS_EMERGENCY", "findings"], ["EMERGENCY_CONDITIONS", "findings"], ["CHRONIC_CODE", "names"]])
      expect(en.functions.find((f) => f.id === id)!.parameters.find((p) => p.name === name)!.type ?? "any", `${id} ${name}`).toBe("any");
  });
  it("no function is volatile, streaming or asynchronous: recalculation stays cheap and nothing waits on a network", () => {
    for (const f of en.functions) {
      expect(f.options?.volatile ?? false).toBe(false);
      expect(f.options?.stream ?? false).toBe(false);
      expect(f.options?.cancelable ?? false).toBe(false);
    }
  });
});

describe("functions-zh-cn.json", () => {
  it("has the same ids, flags, parameter counts, types and dimensionality as functions.json, and nothing Excel does not localize", () => {
    expect(zh).toMatchObject({ allowErrorForDataTypeAny: true, allowCustomDataForDataTypeAny: true });
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    zh.functions.forEach((z, i) => expect(z.result, z.id).toEqual(en.functions[i]!.result)); // no result.description: undocumented
    zh.functions.forEach((z, i) => {
      const e = en.functions[i]!;
      expect(z.parameters.map((p) => [p.type, p.dimensionality, p.optional])).toEqual(e.parameters.map((p) => [p.type, p.dimensionality, p.optional]));
      expect(z.result.dimensionality).toBe(e.result.dimensionality);
    });
  });
  it("every name, description and parameter is Chinese; names are unique", () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const f of zh.functions) {
      // Chinese characters only (Excel's built-in function names are Latin in every language version, so
      // these cannot collide), at least three (the naming guide: "at least three characters")
      expect(f.name).toMatch(/^[\u4e00-\u9fff]{3,}$/);
      expect(f.description).toMatch(cjk);
      for (const p of f.parameters) {
        expect(p.name).toMatch(cjk);
        expect(p.description).toMatch(cjk);
      }
    }
    expect(new Set(zh.functions.map((f) => f.name)).size).toBe(zh.functions.length);
  });
  it("the generator fails on a missing function or parameter translation, or a name that is not Chinese", () => {
    const table = JSON.parse(readFileSync(join(__dirname, "../functions/zh-cn.json"), "utf8"));
    expect(translate(en, table).errors).toEqual([]);
    const noFn = { ...table };
    delete noFn.CHRONIC_CODE;
    expect(translate(en, noFn).errors).toEqual(["functions/zh-cn.json: no translation for CHRONIC_CODE"]);
    const noParam = structuredClone(table);
    delete noParam.REIMBURSE.parameters.headers;
    expect(translate(en, noParam).errors).toEqual(["functions/zh-cn.json: REIMBURSE: no translation for parameter headers"]);
    const latin = structuredClone(table);
    latin.THRESHOLD.name = "SUM";
    expect(translate(en, latin).errors.join()).toMatch(/THRESHOLD.*Chinese characters only/);
    const two = structuredClone(table);
    two.THRESHOLD.name = "起付";
    expect(translate(en, two).errors.join()).toMatch(/THRESHOLD.*at least three/);
    const extra = structuredClone(table);
    extra.THRESHOLD.result = "起付标准（元）";
    expect(translate(en, extra).errors.join()).toMatch(/THRESHOLD: "result" is not localized/);
  });
});

describe("the functions version lock", () => {
  it("the generated metadata is what was recorded under the manifest's version (bump <Version> when functions change)", () => {
    const lock = readLock();
    const hash = metadataHash(build);
    expect(
      hash === lock.sha256,
      `functions.json changed: bump <Version> in manifest.xml (now ${manifestVersion()}), then run npm run build && npm run lock:functions`,
    ).toBe(true);
    expect(lock.version, "functions/metadata.lock.json and manifest.xml disagree on the version").toBe(manifestVersion());
  });
});

describe("the built manifest", () => {
  it("is the source manifest with the add-in's URL (well-formed XML)", () => {
    expect(manifest.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(manifest.documentElement.localName).toBe("OfficeApp");
  });
});

/** Every file under a directory, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)).map((g) => join(f, g)) : [f]));
}
const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

describe("office.js self-hosted (npm run build:selfhost: offline offices, standalone use, the tests)", () => {
  const officeDir = dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  it("is Microsoft's files byte for byte: never re-minified, no LICENSE file extracted from them", () => {
    const shipped = files(join(build, "office"));
    expect(shipped).toContain("office.js");
    expect(shipped).toContain("o15apptofilemappingtable.js"); // without it Office.onReady never resolves outside Office
    expect(shipped.length).toBeGreaterThan(100); // the Excel host files and the locale strings
    for (const f of shipped) expect(sha(join(build, "office", f)), f).toBe(sha(join(officeDir, f)));
    expect(shipped.filter((f) => /LICENSE/i.test(f))).toEqual([]);
  });
  it("the page loads it from its own origin and the policy allows scripts from nowhere else", () => {
    const html = readFileSync(join(build, "taskpane.html"), "utf8");
    expect(html).toMatch(/<script src="?office\/office\.js"?>/);
    expect(html).not.toContain("appsforoffice");
    expect(html).toMatch(/script-src 'self';/);
  });
});

describe("a production build for https://claims.example.org/yibao/ with office.js from Microsoft's CDN (npm run build:check-production)", () => {
  const prod = join(__dirname, "../build-production");
  const URL_ = "https://claims.example.org/yibao/";
  beforeAll(() => {
    if (!existsSync(join(prod, "manifest.xml"))) throw new Error("build-production/ is missing: run `npm run build:check-production` first (npm test does)");
  });
  it("the manifest names no localhost anywhere, is valid against the XSD, and every URL is under the add-in's URL", () => {
    const xml = readFileSync(join(prod, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/localhost/i);
    expect(xsdProblems(join(prod, "manifest.xml"))).toBeNull();
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const urls = Array.from(doc.getElementsByTagName("*")).flatMap((e) => ["DefaultValue", "Value"].map((a) => e.getAttribute(a)).filter((v): v is string => !!v && /^[a-z]+:\/\//i.test(v)));
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith(URL_), u).toBe(true);
    const domains = Array.from(doc.getElementsByTagName("AppDomain")).map((e) => e.textContent);
    expect(domains).toEqual(["https://claims.example.org"]);
    // and the files it names are the ones built
    for (const u of urls) {
      const path = u.slice(URL_.length);
      if (path) expect(existsSync(join(prod, path)), u).toBe(true);
    }
  });
  it("the page references exactly the CDN's office.js, and its policy allows scripts from exactly that origin", () => {
    const html = readFileSync(join(prod, "taskpane.html"), "utf8");
    expect([...html.matchAll(/<script src="?([^"> ]+)"?/g)].map((m) => m[1])).toEqual([CDN]);
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)![1]!;
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(html).not.toMatch(/localhost/i);
  });
  it("ships no copy of office.js, and no file of ours names the development server", () => {
    const shipped = files(prod);
    expect(shipped.filter((f) => f.startsWith("office"))).toEqual([]);
    for (const f of shipped.filter((f) => /\.(js|json|html|xml)$/.test(f))) expect(readFileSync(join(prod, f), "utf8"), relative(prod, join(prod, f))).not.toContain("localhost:3000");
  });
  it("the functions' metadata is the same as the self-hosted build's", () => {
    expect(readFileSync(join(prod, "functions.json"), "utf8")).toBe(readFileSync(join(build, "functions.json"), "utf8"));
    expect(readFileSync(join(prod, "functions-zh-cn.json"), "utf8")).toBe(readFileSync(join(build, "functions-zh-cn.json"), "utf8"));
  });
});
