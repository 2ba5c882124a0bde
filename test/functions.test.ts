/**
 * The custom functions called as Excel calls them: ranges as arrays of rows, single cells as [[v]] for
 * matrix parameters, results as arrays that spill. No Excel is needed: outside Excel the adapter's
 * CellError stands in for CustomFunctions.Error (#VALUE! bad input, #N/A no rule).
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as F from "../functions/functions";
import { CellError, setLanguage } from "../functions/excel";
import { parseCsv } from "../io/csv";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { validateClaim } from "../src/claim/validate";
import { fenToNumber } from "../src/money";

const sample = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));
const core = new Engine(builtinRegistry());

/** What the core says for a record: the total of the fund layers, in yuan. */
function coreFund(rec: Record<string, unknown>): number | "error" {
  const v = validateClaim(rec);
  if (!v.ok) return "error";
  const r = core.settle(v.claim);
  if (!r.ok) return "error";
  return fenToNumber(Object.values(r.layers).reduce((a, b) => a + b, 0));
}

const err = (x: unknown) => (x instanceof CellError ? x.code : null);
const msg = (x: unknown) => (x instanceof Error ? x.message : "");

afterEach(() => setLanguage("zh"));

// A Lanzhou employee, in service, first admission at a 3A hospital, 5 000 yuan all in scope:
// threshold 1 400 (L 一、(二)1), 3 600 × 88 % = 3 168 (L 一、(二)2, band up to 10 000 for in-service staff).
const header = ["参保地", "险种", "人员类别", "就医类型", "异地类别", "结算方式", "结算日期", "医院等级", "本年住院次数", "总费用"];
const good = ["兰州", "职工", "在职", "住院", "本地", "直接结算", "2020-06-30", "三级甲等", 1, 5000];

describe("REIMBURSE: a range in, one result per row out", () => {
  it("recomputes every claim of the bundled sample exactly as the core does", () => {
    const out = F.reimburse(sample);
    expect(out).toHaveLength(sample.length - 1);
    sample.slice(1).forEach((row, i) => {
      const expected = coreFund(Object.fromEntries(sample[0]!.map((h, j) => [h, row[j]])));
      const got = out[i]![0];
      if (expected === "error") expect(got).toBeInstanceOf(CellError);
      else expect(got).toBe(expected);
    });
    // the sample has claims of every kind: none of them may all be errors
    expect(out.filter((r) => typeof r[0] === "number").length).toBeGreaterThan(20);
  });

  it("takes the header row separately, as a second argument", () => {
    expect(F.reimburse([good], [header])).toEqual([[3168]]);
  });

  it("keeps a bad row's error in its own cell; the other rows still compute; blank rows stay blank", () => {
    const bad = [...good];
    bad[9] = "5000.001";
    const noRule = ["兰州", "居民", "成年", "住院", "异地临时外出就医", "直接结算", "2020-06-30", "三级甲等", 1, 5000];
    const out = F.reimburse([header, good, bad, ["", "", "", "", "", "", "", "", "", ""], noRule, good]);
    expect(out[0]).toEqual([3168]);
    expect(err(out[1]![0])).toBe("#VALUE!");
    expect(msg(out[1]![0])).toContain("总费用"); // names the column as the user wrote it
    expect(msg(out[1]![0])).toContain("5000.001");
    expect(out[2]).toEqual([""]);
    expect(err(out[3]![0])).toBe("#N/A"); // no document rules on this combination
    expect(out[4]).toEqual([3168]);
  });

  it("output all: one row of every layer per claim; one layer by its Chinese or English name", () => {
    const all = F.reimburse([header, good], null as never, "all");
    expect(all[0]).toHaveLength(10);
    // pooled, largeAmount, supplementary, seriousIllness, assistance, subsidy, personal, fund, threshold, policyScope
    expect(all[0]).toEqual([3168, 0, 0, 0, 0, 0, 1832, 3168, 1400, 5000]);
    expect(F.reimburse([header, good], null as never, "起付线")).toEqual([[1400]]);
    expect(F.reimburse([header, good], null as never, "personal")).toEqual([[1832]]);
    expect(err(F.reimburse([header, good], null as never, "nonsense")[0]![0])).toBe("#VALUE!");
  });

  it("says so when the range has no claim rows", () => {
    expect(err(F.reimburse([header])[0]![0])).toBe("#VALUE!");
  });

  it("10 000 rows are one call with one result per row", () => {
    const rows = [header, ...Array.from({ length: 10_000 }, (_, i) => good.map((v, j) => (j === 9 ? 2000 + i : v)))];
    const out = F.reimburse(rows);
    expect(out).toHaveLength(10_000);
    // 2000 + i above the 1 400 threshold at 88 % (the band up to 10 000), to the fen
    for (const i of [0, 1, 4321, 8000]) expect(out[i]![0]).toBe(Math.round((600 + i) * 88) / 100);
  });
});

describe("reforms as cells: POLICY_PARAMS spills a table, REIMBURSE takes it back edited", () => {
  const table = F.policyParams("lanzhou", "2020-06-30");
  it("the table has a header row and one row per parameter value, with its source", () => {
    expect(table[0]).toEqual(["参数", "键", "生效日期", "取值", "单位", "名称", "依据"]);
    expect(table.length).toBeGreaterThan(50);
    const cap = table.find((r) => r[0] === "lanzhou.employee.inpatient.annualCap");
    expect(cap?.[6]).toMatch(/兰州/);
  });
  it("the unedited table reproduces the baseline", () => {
    expect(F.reimburse([header, good], null as never, "", table)).toEqual([[3168]]);
  });
  it("an edited threshold changes the result; the edit is the only change", () => {
    const edited = table.map((r) => [...r]);
    const row = edited.find((r) => r[0] === "lanzhou.employee.inpatient.threshold" && r[1] === "3A");
    expect(row).toBeDefined();
    row![3] = "1000";
    // (5000 − 1000) × 88 % = 3 520
    expect(F.reimburse([header, good], null as never, "", edited)).toEqual([[3520]]);
    expect(F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1]], [["2020-06-30"]], null as never, edited)).toEqual([[1000]]);
  });
  it("a bad edit is #VALUE! naming the table row", () => {
    const edited = table.map((r) => [...r]);
    const i = edited.findIndex((r) => r[0] === "lanzhou.employee.inpatient.threshold" && r[1] === "3A");
    edited[i]![3] = "abc";
    const out = F.reimburse([header, good], null as never, "", edited);
    expect(err(out[0]![0])).toBe("#VALUE!");
    expect(msg(out[0]![0])).toContain(`第${i + 1}行`);
  });
  it("an unknown set is #VALUE! listing the sets", () => {
    expect(msg(F.policyParams("beijing", "2020-06-30")[0]![0])).toContain("lanzhou");
  });
});

describe("REIMBURSE_INPATIENT and THRESHOLD: named arguments, each may be a column", () => {
  it("one claim from scalars", () => {
    expect(F.reimburseInpatient([["lanzhou"]], [["employee"]], [["in_service"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000]])).toEqual([[3168]]);
  });
  it("columns broadcast against single cells", () => {
    const out = F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000], [1000], ["x"]]);
    expect(out[0]).toEqual([3168]);
    expect(out[1]).toEqual([0]); // below the threshold
    expect(err(out[2]![0])).toBe("#VALUE!");
  });
  it("THRESHOLD by admission of the year: the second admission's threshold is lower (L 一、(二)1)", () => {
    const out = F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1], [2]], [["2020-06-30"]]);
    expect(out[0]).toEqual([1400]);
    expect(typeof out[1]![0]).toBe("number");
    expect(out[1]![0] as number).toBeLessThan(1400);
  });
});

describe("SETTLEMENT and EXPLAIN", () => {
  it("SETTLEMENT: a label row, then one labelled row per claim", () => {
    const out = F.settlement([header, good]);
    expect(out[0]![0]).toBe("适用规则");
    expect(out[0]).toContain("统筹基金");
    expect(out[1]).toHaveLength(out[0]!.length);
    expect(out[1]![out[0]!.indexOf("统筹基金")]).toBe(3168);
  });
  it("EXPLAIN: the trace as lines, with citations, in Chinese or English", () => {
    const zh = F.explain([header, good]).map((r) => String(r[0]));
    expect(zh.some((l) => l.includes("1400") || l.includes("1,400"))).toBe(true);
    expect(zh.join("\n")).toMatch(/兰州/);
    const en = F.explain([header, good], null as never, "en").map((r) => String(r[0]));
    expect(en.join("\n")).toMatch(/threshold/i);
  });
  it("EXPLAIN of several claims separates them; a bad one is its own error line", () => {
    const bad = [...good];
    bad[7] = "五级";
    const out = F.explain([header, good, bad]);
    expect(out.filter((r) => String(r[0]).startsWith("— 第")).length).toBe(2);
    expect(out.some((r) => err(r[0]) === "#VALUE!")).toBe(true);
  });
});

describe("IS_EMERGENCY and EMERGENCY_CONDITIONS (POLICY §10)", () => {
  it("three values: TRUE, FALSE, #N/A naming what is missing", () => {
    // 休克：收缩压 ≤80mmHg 伴 乳酸 >3mmol/L
    expect(F.isEmergency([["休克"]], [["收缩压=75;乳酸=3.5"]])).toEqual([[true]]);
    expect(F.isEmergency([["休克"]], [["收缩压=90"]])).toEqual([[false]]);
    const unknown = F.isEmergency([["休克"]], [["收缩压=75"]])[0]![0];
    expect(err(unknown)).toBe("#N/A");
    expect(msg(unknown)).toContain("乳酸");
  });
  it("findings as a two-column range of names and values", () => {
    expect(F.isEmergency([["休克"]], [["收缩压", 75], ["乳酸", "3.5"]])).toEqual([[true]]);
  });
  it("columns of conditions and findings: one answer per row; an unknown condition is #VALUE!", () => {
    const out = F.isEmergency([["休克"], ["不存在的病"], [""]], [["收缩压=75;乳酸=3.5"], ["收缩压=75"], [""]]);
    expect(out[0]).toEqual([true]);
    expect(err(out[1]![0])).toBe("#VALUE!");
    expect(out[2]).toEqual([""]);
  });
  it("EMERGENCY_CONDITIONS lists the conditions met", () => {
    const out = F.emergencyConditions([["收缩压=75;乳酸=3.5"]]).map((r) => r[0]);
    expect(out).toContain("休克");
  });
});

describe("catalogs", () => {
  it("CHRONIC_CODE and CHRONIC_NAME, a column at a time", () => {
    expect(F.chronicCodeFn([["高血压病"], ["尿毒症透析"], [""]])).toEqual([["M03900"], ["M07801"], [""]]);
    expect(F.chronicNameFn([["M08304"]])).toEqual([["肝移植抗排异治疗"]]);
    expect(err(F.chronicNameFn([["X00000"]])[0]![0])).toBe("#N/A");
    const typo = F.chronicCodeFn([["高血庄"]])[0]![0];
    expect(typo instanceof Error || typo === "M03900").toBe(true);
  });
  it("POLICY_PARAM: one value as in force on a date; unknown ids are #VALUE!", () => {
    expect(F.policyParam("lanzhou.employee.inpatient.threshold", "2020-06-30", "3A")).toBe(1400);
    expect(err(F.policyParam("no.such.param", "2020-06-30"))).toBe("#VALUE!");
    expect(err(F.policyParam("lanzhou.employee.inpatient.threshold", "not a date", "3A"))).toBe("#VALUE!");
  });
  it("MATERIALS: the list's name first, then its items", () => {
    const out = F.materials("inpatient", "manual", "lanzhou", "employee");
    expect(String(out[0]![0])).toMatch(/^【/);
    expect(out.length).toBeGreaterThan(2);
  });
  it("REFERRAL: rows of number, department and item", () => {
    const out = F.referral("新生儿溶血病");
    expect(out[0]).toEqual([1, "儿科", "新生儿溶血病需要换血治疗"]);
    expect(err(F.referral("zzzz")[0]![0])).toBe("#N/A");
  });
});

describe("language", () => {
  it("messages follow the display language", () => {
    setLanguage("en");
    const bad = [...good];
    bad[9] = "-5";
    const e = F.reimburse([header, bad])[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toMatch(/[a-z]/);
    expect(msg(e)).not.toMatch(/^[\u4e00-\u9fff]/);
  });
});
