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
    expect(msg(out[0]![0])).toContain(`参数表第 ${i + 1} 行`);
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
  it("a referral reads the same however the cell writes it (referral, 异地转诊, 转诊): out of province, the first 10% paid by the person (L 第一部分 三、(五) 2.(2))", () => {
    const settle = (cross: string) => F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000]], [[0]], [[0]], [[cross]]);
    const referral = settle("referral");
    expect(typeof referral[0]![0]).toBe("number");
    expect(referral[0]![0]).toBeLessThan(3168); // less than the same claim treated locally
    expect(settle("异地转诊")).toEqual(referral);
    expect(settle("转诊")).toEqual(referral);
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
  it("columns of conditions and findings: one answer per row; an unknown condition is #VALUE!; blank rows stay blank", () => {
    const out = F.isEmergency([["休克"], ["不存在的病"], [""], ["休克"], [""]], [["收缩压=75;乳酸=3.5"], ["收缩压=75"], [""], ["收缩压=90"], [""]]);
    expect(out).toHaveLength(4); // the trailing blank row is not answered (the spill stops at the data)
    expect(out[0]).toEqual([true]);
    expect(err(out[1]![0])).toBe("#VALUE!");
    expect(out[2]).toEqual([""]);
    expect(out[3]).toEqual([false]);
  });
  it("EMERGENCY_CONDITIONS lists the conditions met", () => {
    const out = F.emergencyConditions([["收缩压=75;乳酸=3.5"]]).map((r) => r[0]);
    expect(out).toContain("休克");
  });
});

describe("catalogs", () => {
  it("CHRONIC_CODE and CHRONIC_NAME, a column at a time", () => {
    expect(F.chronicCodeFn([["高血压病"], [""], ["尿毒症透析"], [""]])).toEqual([["M03900"], [""], ["M07801"]]);
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

// ---------------------------------------------------------------------------------------------
// Cells as Excel really hands them over (src/claim/excelCells.ts): blank as 0 on desktop Excel
// (office-js#4702, #5262), Excel error values in a cell (allowErrorForDataTypeAny), data-type cells
// (allowCustomDataForDataTypeAny), whole-column arguments.

/** The same range as desktop Excel passes it: every blank cell is 0. */
const zeros = (m: unknown[][]): unknown[][] => m.map((r) => r.map((v) => (v === "" || v === null || v === undefined ? 0 : v)));
/** A result with its errors made comparable (code and message). */
const shown = (m: unknown): unknown => (Array.isArray(m) ? m.map(shown) : m instanceof CellError ? `${m.code} ${m.message}` : m);
/** CustomFunctions.Error as an `any` parameter receives it, and the data types' error value. */
const NA = { code: "#N/A", message: "" };
const NA_VALUE = { type: "Error", errorType: "NotAvailable", basicValue: "#N/A" };
const ENTITY = { type: "Entity", text: "三级甲等医院", properties: {}, basicType: "Error", basicValue: "#VALUE!" };
const formatted = (n: number) => ({ type: "FormattedNumber", basicValue: n, numberFormat: "#,##0.00" });
const withCell = (row: unknown[], j: number, v: unknown) => row.map((x, k) => (k === j ? v : x));

describe("blank cells passed as 0 (desktop Excel) compute exactly what blank cells do", () => {
  it("REIMBURSE, SETTLEMENT and EXPLAIN over the bundled sample (its blank optional cells as 0)", () => {
    expect(sample.some((r) => r.includes(""))).toBe(true);
    expect(shown(F.reimburse(zeros(sample), null as never, "all"))).toEqual(shown(F.reimburse(sample, null as never, "all")));
    expect(shown(F.settlement(zeros(sample)))).toEqual(shown(F.settlement(sample)));
    const few = sample.slice(0, 4);
    expect(shown(F.explain(zeros(few)))).toEqual(shown(F.explain(few)));
  });
  it("a row of zeros is a blank row; a blank row of a whole range stays blank in its place", () => {
    const out = F.reimburse([header, good, header.map(() => 0), good]);
    expect(out).toEqual([[3168], [""], [3168]]);
  });
  it("0 in a code, text or count column is missing, not a value; a 0 total is missing too", () => {
    for (const [j, field] of [[7, "医院等级"], [0, "参保地"], [8, "本年住院次数"], [9, "总费用"]] as const) {
      const e = F.reimburse([header, withCell(good, j, 0)])[0]![0];
      expect(err(e), field).toBe("#VALUE!");
      expect(msg(e), field).toMatch(new RegExp(`${field}.*未填写`));
    }
  });
  it("an optional amount of 0 is what its blank means (0); two columns for one field, one of them blank (0), are one value", () => {
    expect(F.reimburse([[...header, "乙类费用"], [...good, 0]])).toEqual([[3168]]);
    expect(F.reimburse([[...header, "自费", "目录外费用"], [...good, 0, 1000]])).toEqual(F.reimburse([[...header, "自费", "目录外费用"], [...good, "", 1000]]));
    expect(err(F.reimburse([[...header, "自费", "目录外费用"], [...good, 0, 1000]])[0]![0])).toBeNull();
  });
  it("REIMBURSE_INPATIENT and THRESHOLD: optional arguments as 0 are their defaults", () => {
    const base = F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000]]);
    expect(F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000]], [[0]], [[0]], [[0]], [[0]])).toEqual(base);
    expect(F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1]], [["2020-06-30"]], [[0]])).toEqual([[1400]]);
    expect(err(F.threshold([["兰州"]], [["职工"]], [[0]], [[1]], [["2020-06-30"]])[0]![0])).toBe("#VALUE!"); // the level is required
  });
  it("IS_EMERGENCY, EMERGENCY_CONDITIONS, CHRONIC_CODE, CHRONIC_NAME: a 0 cell is a blank cell", () => {
    expect(F.isEmergency([["休克"], [0], ["休克"]], [["收缩压=75;乳酸=3.5"], [0], ["收缩压=90"]])).toEqual([[true], [""], [false]]);
    expect(F.chronicCodeFn([["高血压病"], [0], ["尿毒症透析"]])).toEqual([["M03900"], [""], ["M07801"]]);
    expect(F.chronicNameFn([[0], ["M08304"]])).toEqual([[""], ["肝移植抗排异治疗"]]);
    expect(shown(F.emergencyConditions([["收缩压", 75], ["乳酸", "3.5"], [0, 0]]))).toEqual(shown(F.emergencyConditions([["收缩压", 75], ["乳酸", "3.5"], ["", ""]])));
  });
  it("a finding of 0 in a names-and-values range is refused: it may be a blank cell, and it can decide the criterion", () => {
    const e = F.isEmergency([["休克"]], [["收缩压", 75], ["乳酸", 0]])[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toContain("乳酸");
    expect(F.isEmergency([["休克"]], [["收缩压", 75], ["乳酸", "0"]])).toEqual([[false]]); // written as text: a real 0
  });
  it("POLICY_PARAM, POLICY_PARAMS: a 0 date is a missing date, a 0 key no key", () => {
    expect(msg(F.policyParam("lanzhou.employee.inpatient.threshold", 0, "3A"))).toBe("日期未填写");
    expect(msg(F.policyParams("lanzhou", 0)[0]![0])).toBe("日期未填写");
    expect(F.policyParam("lanzhou.employee.inpatient.annualCap", "2020-06-30", 0 as never)).toBe(F.policyParam("lanzhou.employee.inpatient.annualCap", "2020-06-30"));
  });
  it("a parameter table with its blank cells as 0 is the same table; a value cell of 0 is refused, naming the row", () => {
    const table = F.policyParams("lanzhou", "2020-06-30");
    // every blank but the values' (key, from, unit … of unkeyed parameters) as 0
    const blanks = table.map((r) => r.map((v, j) => (j !== 3 && v === "" ? 0 : v)));
    expect(blanks.flat().filter((v) => v === 0).length).toBeGreaterThan(20);
    expect(F.reimburse([header, good], null as never, "", blanks)).toEqual([[3168]]);
    const cleared = table.map((r) => [...r]);
    const i = cleared.findIndex((r) => r[0] === "lanzhou.employee.inpatient.threshold" && r[1] === "3A");
    cleared[i]![3] = 0;
    const e = F.reimburse([header, good], null as never, "", cleared)[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toContain(`参数表第 ${i + 1} 行`);
    cleared[i]![3] = "0"; // written as text: a real 0 (no threshold): the whole 5 000 at 88 %
    expect(F.reimburse([header, good], null as never, "", cleared)).toEqual([[4400]]);
  });
  it("REFERRAL and MATERIALS: an optional argument of 0 is not given", () => {
    expect(F.referral("新生儿溶血病", 0 as never)).toEqual(F.referral("新生儿溶血病"));
    expect(F.materials("inpatient", 0 as never, 0 as never, 0 as never)).toEqual(F.materials("inpatient"));
  });
});

describe("Excel error values in a cell are that row's error, not the range's", () => {
  it("REIMBURSE: a #N/A in one claim's total answers that row with #N/A naming the column; the others compute", () => {
    for (const na of [NA, NA_VALUE, "#N/A"]) {
      const out = F.reimburse([header, good, withCell(good, 9, na), good]);
      expect(out[0]).toEqual([3168]);
      expect(err(out[1]![0])).toBe("#N/A");
      expect(msg(out[1]![0])).toBe("第 10 列（总费用）是 Excel 错误值 #N/A");
      expect(out[2]).toEqual([3168]);
    }
  });
  it("an error a custom function cannot return (#REF!) answers #VALUE!, with the error named", () => {
    const e = F.reimburse([header, withCell(good, 7, { code: "#REF!" })])[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toContain("#REF!");
  });
  it("an error in a column no field uses does not matter", () => {
    expect(F.reimburse([[...header, "备注"], [...good, NA]])).toEqual([[3168]]);
  });
  it("an error in the header row, the parameter table or a single-cell argument is that call's error", () => {
    expect(msg(F.reimburse([withCell(header, 2, NA), good])[0]![0])).toBe("表头第 3 列是 Excel 错误值 #N/A");
    const table = F.policyParams("lanzhou", "2020-06-30").map((r) => [...r]);
    table[5]![3] = NA;
    expect(msg(F.reimburse([header, good], null as never, "", table)[0]![0])).toBe("参数表第 6 行第 4 列是 Excel 错误值 #N/A");
    expect(err(F.policyParam("lanzhou.employee.inpatient.threshold", NA, "3A"))).toBe("#N/A");
  });
  it("SETTLEMENT and EXPLAIN keep the row's error in its row", () => {
    const s = F.settlement([header, withCell(good, 9, NA), good]);
    expect(s[1]!.every((c) => err(c) === "#N/A")).toBe(true);
    expect(s[2]![s[0]!.indexOf("统筹基金")]).toBe(3168);
    const x = F.explain([header, withCell(good, 9, NA), good]);
    expect(x.some((r) => err(r[0]) === "#N/A")).toBe(true);
    expect(x.map((r) => String(r[0])).join("\n")).toMatch(/1400|1,400/);
  });
  it("IS_EMERGENCY, CHRONIC_CODE, CHRONIC_NAME, REIMBURSE_INPATIENT, THRESHOLD: the row with the error, only", () => {
    expect(shown(F.isEmergency([["休克"], [NA]], [["收缩压=75;乳酸=3.5"], ["收缩压=75;乳酸=3.5"]]))).toEqual([[true], ["#N/A 病种是 Excel 错误值 #N/A"]]);
    expect(shown(F.isEmergency([["休克"], ["休克"]], [[NA_VALUE], ["收缩压=90"]]))).toEqual([["#N/A 指标是 Excel 错误值 #N/A"], [false]]);
    expect(shown(F.chronicCodeFn([["高血压病"], [NA]]))).toEqual([["M03900"], ["#N/A 病种名称是 Excel 错误值 #N/A"]]);
    expect(shown(F.chronicNameFn([[{ code: "#DIV/0!" }], ["M08304"]]))).toEqual([["#DIV/0! 病种代码是 Excel 错误值 #DIV/0!"], ["肝移植抗排异治疗"]]);
    const inp = F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], [[5000], [NA], [5000]]);
    expect(shown(inp)).toEqual([[3168], ["#N/A 第 7 列（总费用）是 Excel 错误值 #N/A"], [3168]]);
    expect(err(F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1], [NA]], [["2020-06-30"]])[1]![0])).toBe("#N/A");
  });
});

describe("data-type cells (allowCustomDataForDataTypeAny): their value, or the row refused naming the column", () => {
  it("a formatted number, string or double reads as its basic value", () => {
    const row = withCell(withCell(good, 9, formatted(5000)), 0, { type: "String", basicValue: "兰州" });
    expect(F.reimburse([header, row])).toEqual([[3168]]);
    expect(F.reimburse([header, withCell(good, 8, { type: "Double", basicValue: 1 })])).toEqual([[3168]]);
  });
  it("an entity (no value of its own: Excel's basic value is #VALUE!) refuses the row, naming the column and the entity", () => {
    const out = F.reimburse([header, withCell(good, 7, ENTITY), good]);
    expect(err(out[0]![0])).toBe("#VALUE!");
    expect(msg(out[0]![0])).toContain("第 8 列（医院等级）是 Excel 数据类型（Entity：三级甲等医院）");
    expect(out[1]).toEqual([3168]);
    expect(F.reimburse([[...header, "备注"], [...good, ENTITY]])).toEqual([[3168]]); // a column no field uses
    expect(err(F.chronicCodeFn([[{ type: "WebImage", address: "https://x/y.png" }]])[0]![0])).toBe("#VALUE!");
  });
});

describe("whole-column arguments: trimmed to the data, one result per row up to there, never larger than the input", () => {
  const COLUMN = 1_048_576;
  /** A whole column A:J as desktop Excel passes it: the data, then blank rows as zeros. */
  const wholeColumn = (rows: unknown[][]) => {
    const blank = header.map(() => 0);
    return [...rows, ...new Array<unknown[]>(COLUMN - rows.length).fill(blank)];
  };
  it("REIMBURSE and SETTLEMENT over A:J answer the claim rows only", () => {
    const col = wholeColumn([header, good, header.map(() => ""), good]);
    expect(F.reimburse(col)).toEqual([[3168], [""], [3168]]);
    const s = F.settlement(col);
    expect(s).toHaveLength(4); // labels, then one row per row up to the last claim
  });
  it("a column cut short by the trimming is not taken for a single cell (no value is broadcast from row 1)", () => {
    const totals = [[5000], [6000], [7000], ...new Array<unknown[]>(1000).fill([0])];
    const places = [["兰州"], ...new Array<unknown[]>(1002).fill([0])];
    const out = F.reimburseInpatient(places, [["职工"]], [["在职"]], [["3A"]], [[1]], [["2020-06-30"]], totals);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual([3168]);
    for (const i of [1, 2]) expect(msg(out[i]![0])).toMatch(/参保地.*未填写/);
  });
  it("every function's result has no more rows than its input (EXPLAIN, which explains line by line, is capped)", () => {
    const rows = [header, good, good];
    expect(F.reimburse(rows).length).toBeLessThanOrEqual(rows.length);
    expect(F.settlement(rows).length).toBeLessThanOrEqual(rows.length);
    expect(F.chronicCodeFn([["高血压病"], [""], [""]])).toHaveLength(1);
    expect(F.isEmergency([["休克"], [""]], [["收缩压=75;乳酸=3.5"], [""]])).toHaveLength(1);
    const many = [header, ...new Array<unknown[]>(F.EXPLAIN_MAX_CLAIMS + 1).fill(good)];
    const e = F.explain(many)[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toContain(`${F.EXPLAIN_MAX_CLAIMS}`);
    expect(F.explain(many.slice(0, F.EXPLAIN_MAX_CLAIMS + 1)).length).toBeGreaterThan(F.EXPLAIN_MAX_CLAIMS);
  });
});

describe("the language is an argument of the formula, defaulting to Excel's display language", () => {
  it("SETTLEMENT: lang en gives English labels and rules whatever the display language; blank follows it", () => {
    setLanguage("zh");
    const en = F.settlement([header, good], null as never, null as never, "en");
    expect(en[0]![0]).toBe("rule");
    expect(String(en[1]![0])).toMatch(/[a-z]/);
    expect(F.settlement([header, good])[0]![0]).toBe("适用规则");
    setLanguage("en");
    expect(F.settlement([header, good])[0]![0]).toBe("rule");
    expect(F.settlement([header, good], null as never, null as never, "中文")[0]![0]).toBe("适用规则");
    expect(F.settlement([header, good], null as never, null as never, 0 as never)[0]![0]).toBe("rule"); // a blank cell
  });
  it("EXPLAIN and POLICY_PARAMS follow the display language unless told; an unknown language is #VALUE!", () => {
    setLanguage("en");
    expect(F.explain([header, good]).map((r) => String(r[0])).join("\n")).toMatch(/threshold/i);
    expect(F.policyParams("lanzhou", "2020-06-30")[0]![0]).not.toBe("参数");
    expect(F.policyParams("lanzhou", "2020-06-30", "zh")[0]![0]).toBe("参数");
    const e = F.settlement([header, good], null as never, null as never, "fr")[0]![0];
    expect(err(e)).toBe("#VALUE!");
    expect(msg(e)).toMatch(/zh.*en/);
  });
});
