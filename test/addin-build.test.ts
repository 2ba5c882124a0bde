// @vitest-environment jsdom
/**
 * What `npm run build` ships: functions.json (generated from the JSDoc of functions/functions.ts),
 * functions-zh-cn.json (generated from it and functions/zh-cn.json), the manifest, and the version
 * lock that makes sure Excel refetches changed functions. `npm test` builds first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
  SETTLEMENT: { params: [["claims", "matrix", "required"], ["headers", "matrix", "optional"], ["params", "matrix", "optional"]], spills: true },
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
  it("no function is volatile, streaming or asynchronous: recalculation stays cheap and nothing waits on a network", () => {
    for (const f of en.functions) {
      expect(f.options?.volatile ?? false).toBe(false);
      expect(f.options?.stream ?? false).toBe(false);
      expect(f.options?.cancelable ?? false).toBe(false);
    }
  });
});

describe("functions-zh-cn.json", () => {
  it("has the same ids, parameter counts, types and dimensionality as functions.json", () => {
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    zh.functions.forEach((z, i) => {
      const e = en.functions[i]!;
      expect(z.parameters.map((p) => [p.type, p.dimensionality, p.optional])).toEqual(e.parameters.map((p) => [p.type, p.dimensionality, p.optional]));
      expect(z.result.dimensionality).toBe(e.result.dimensionality);
    });
  });
  it("every name, description and parameter is Chinese; names are unique", () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const f of zh.functions) {
      // Chinese characters only: Excel's built-in function names are Latin in every language version, so these cannot collide
      expect(f.name).toMatch(/^[\u4e00-\u9fff]{2,}$/);
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
