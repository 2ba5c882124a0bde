/** Parameter files are validated strictly (issue: silently ignored keys are a known failure). */
import { describe, expect, it } from "vitest";
import { loadParamFile, ParamFileError } from "../src/params/load";
import { builtinParams, builtinRegistry } from "../src/params/builtin";
import { Registry } from "../src/params/registry";
import { PolicyError } from "../src/problem";
import { parseDay } from "../src/dates";

const ref = { doc: "L", section: "x", excerpt: "y" };
const file = (p: Record<string, unknown>) => ({ set: "t", title: { zh: "测", en: "t" }, parameters: { "t.a": { label: { zh: "甲", en: "a" }, unit: "CNY", values: [{ from: "2020-01-01", value: "100", ref }], ...p } } });
const errors = (raw: unknown) => {
  try {
    loadParamFile(raw, "f");
    return [];
  } catch (e) {
    if (e instanceof ParamFileError) return e.errors;
    throw e;
  }
};

describe("strict loading", () => {
  it("the shipped files load", () => expect(builtinParams().length).toBeGreaterThan(30));
  it("a valid file loads", () => expect(errors(file({}))).toEqual([]));
  it("an unknown key is an error (a misplaced key never passes silently)", () => expect(errors(file({ unit: "CNY", scale: 2 })).join()).toMatch(/unknown key "scale"/));
  it("an unknown key inside a value record", () => expect(errors(file({ values: [{ from: "2020-01-01", value: "1", ref, extra: 1 }] })).join()).toMatch(/unknown key "extra"/));
  it("a missing citation", () => expect(errors(file({ values: [{ from: "2020-01-01", value: "1" }] })).join()).toMatch(/missing key "ref"/));
  it("a citation without its words", () => expect(errors(file({ values: [{ from: "2020-01-01", value: "1", ref: { doc: "L", section: "x", excerpt: "" } }] })).join()).toMatch(/excerpt/));
  it("a missing unit", () => {
    const f = file({});
    delete (f.parameters["t.a"] as Record<string, unknown>).unit;
    expect(errors(f).join()).toMatch(/missing key "unit"/);
  });
  it("an unknown unit", () => expect(errors(file({ unit: "RMB" })).join()).toMatch(/unknown unit/));
  it("dates out of order or equal", () => {
    expect(errors(file({ values: [{ from: "2021-01-01", value: "1", ref }, { from: "2020-01-01", value: "2", ref }] })).join()).toMatch(/dates must increase/);
    expect(errors(file({ values: [{ from: "2021-01-01", value: "1", ref }, { from: "2021-01-01", value: "2", ref }] })).join()).toMatch(/dates must increase/);
  });
  it("an impossible date", () => expect(errors(file({ values: [{ from: "2021-02-30", value: "1", ref }] })).join()).toMatch(/ISO date/));
  it("a ratio written as a percentage number or with five decimals", () => {
    expect(errors(file({ unit: "ratio", values: [{ from: "2020-01-01", value: "88", ref }] })).join()).toMatch(/0.88, not 88/);
    expect(errors(file({ unit: "ratio", values: [{ from: "2020-01-01", value: "0.88001", ref }] })).join()).toMatch(/four decimals/);
  });
  it("a keyed parameter must give every key (null where the documents give none)", () => {
    expect(errors(file({ keyedBy: "hospitalLevel", values: [{ from: "2020-01-01", value: { "1": "1" }, ref }] })).join()).toMatch(/missing key "2"/);
    expect(errors(file({ keyedBy: "hospitalLevel", values: [{ from: "2020-01-01", value: { "1": "1", "2": "1", "3B": "1", "3A": "1", "3S": null, "4": "1" }, ref }] })).join()).toMatch(/unknown key "4"/);
  });
  it("scale brackets must increase", () => {
    expect(errors(file({ kind: "scale", unit: "ratio", values: [{ from: "2020-01-01", value: [{ above: "10", rate: "0.1" }, { above: "5", rate: "0.2" }], ref }] })).join()).toMatch(/increasing/);
  });
  it("ids start with the set name", () => expect(errors({ ...file({}), set: "u" }).join()).toMatch(/start with the set name/));
  it("a switch only takes one of its readings", () => {
    expect(errors(file({ unit: "switch", choices: { a: { zh: "甲", en: "a" } }, values: [{ from: "2020-01-01", value: "b", ref }] })).join()).toMatch(/one of a/);
  });
});

describe("choosing the version by date (POLICY §2)", () => {
  const reg = new Registry(
    loadParamFile(file({ values: [{ from: "2020-01-01", value: "100", ref }, { from: "2021-07-01", value: "150", ref }, { from: "2023-01-01", value: null, ref }] }), "f"),
  );
  const d = (s: string) => parseDay(s)!;
  it("the version in force on the day", () => {
    expect(reg.num("t.a", d("2020-01-01"))).toBe(10_000);
    expect(reg.num("t.a", d("2021-06-30"))).toBe(10_000);
    expect(reg.num("t.a", d("2021-07-01"))).toBe(15_000);
  });
  it("a date before the first value is an error, not the earliest value", () => {
    expect(() => reg.num("t.a", d("2019-12-31"))).toThrow(PolicyError);
  });
  it("a series ended with null is not in force after its end", () => {
    expect(() => reg.num("t.a", d("2023-02-01"))).toThrow(/not in force/);
  });
  it("a 'missing' value raises with the documents' gap in words", () => {
    expect(() => builtinRegistry().num("lanzhou.civilServant.aboveCapCeiling", d("2020-06-01"))).toThrow(/gives no amount/);
  });
});

describe("reforms are overlays (the baseline is never changed)", () => {
  it("override one key of a keyed parameter", () => {
    const base = builtinRegistry();
    const r = base.withOverrides("s", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 120_000 }]);
    const day = parseDay("2020-06-01")!;
    expect(r.keyed("lanzhou.employee.inpatient.threshold", day, "3A")).toBe(120_000);
    expect(r.keyed("lanzhou.employee.inpatient.threshold", day, "2")).toBe(40_000);
    expect(base.keyed("lanzhou.employee.inpatient.threshold", day, "3A")).toBe(140_000);
    expect(r.version("lanzhou.employee.inpatient.threshold", day).override?.scenario).toBe("s");
  });
  it("an override from a date starts a new version then", () => {
    const r = builtinRegistry().withOverrides("s", [{ id: "lanzhou.employee.inpatient.annualCap", from: parseDay("2021-01-01")!, value: 7_000_000 }]);
    expect(r.num("lanzhou.employee.inpatient.annualCap", parseDay("2020-12-31")!)).toBe(6_000_000);
    expect(r.num("lanzhou.employee.inpatient.annualCap", parseDay("2021-01-01")!)).toBe(7_000_000);
  });
});
