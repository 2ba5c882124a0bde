/** The claim validator: headers in three vocabularies, lenient forms we accept, and clear refusals. */
import { describe, expect, it } from "vitest";
import { validateClaim } from "../src/claim/validate";
import { mapHeaders } from "../src/claim/fields";
import { formatDay } from "../src/dates";

const zh = {
  编号: "A1",
  参保地: "兰州",
  险种: "职工",
  人员类别: "在职",
  就医类型: "住院",
  异地类别: "本地",
  结算方式: "手工报销",
  医院等级: "三级甲等",
  本年住院次数: "2",
  入院日期: "2020-05-01",
  总费用: "12,345.60",
  "自费/目录外": "500",
  乙类费用: "1000",
};

const ok = (raw: Record<string, unknown>) => {
  const v = validateClaim(raw);
  if (!v.ok) throw new Error(v.problems.map((p) => p.message.en).join("; "));
  return v.claim;
};
const problems = (raw: Record<string, unknown>) => {
  const v = validateClaim(raw);
  if (v.ok) throw new Error("expected problems");
  return v.problems;
};

describe("field names", () => {
  it("Chinese headers", () => {
    const c = ok(zh);
    expect(c).toMatchObject({ id: "A1", insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", hospitalLevel: "3A", admissionIndex: 2, total: 1_234_560, outOfCatalog: 50_000, classB: 100_000 });
    expect(formatDay(c.admissionDate!)).toBe("2020-05-01");
  });
  it("canonical English names", () => {
    const c = ok({ id: "B", insuredPlace: "lanzhou", scheme: "resident", personType: "elderly", careType: "chronic", crossRegion: "local", settlement: "direct", total: 100, chronicDisease: "癫痫" });
    expect(c.scheme).toBe("resident");
  });
  it("the national 2206 export names (POLICY §3)", () => {
    const c = ok({ ...zh, 总费用: undefined, "自费/目录外": undefined, 参保地: undefined, medfee_sumamt: "8000", fulamt_ownpay_amt: "200", hifp_pay: "5000", hifob_pay: "0", psn_cash_pay: "3000", act_pay_dedc: "1120", insuplc_admdvs: "620102" });
    expect(c.total).toBe(800_000);
    expect(c.outOfCatalog).toBe(20_000);
    expect(c.claimed).toMatchObject({ pooled: 500_000, largeAmount: 0, personalCash: 300_000, threshold: 112_000 });
  });
  it("two columns giving one field with different values is an error", () => {
    expect(problems({ ...zh, fulamt_ownpay_amt: "200" })[0]!.code).toBe("duplicate_field");
  });
  it("a header with its unit, (元)", () => {
    const m = mapHeaders(["总费用(元)", "备注", "编号", "单据号"]);
    expect(m.columns).toEqual(["total", null, "id", "id"]);
    expect(m.unknown).toEqual(["备注"]);
    expect(m.duplicates).toEqual([{ field: "id", headers: ["编号", "单据号"] }]);
  });
});

describe("values", () => {
  it("Excel date serials and compact national dates", () => {
    expect(formatDay(ok({ ...zh, 入院日期: 43952 }).admissionDate!)).toBe("2020-05-01");
    expect(formatDay(ok({ ...zh, 入院日期: "20200501" }).admissionDate!)).toBe("2020-05-01");
    expect(formatDay(ok({ ...zh, 入院日期: "2020年5月1日" }).admissionDate!)).toBe("2020-05-01");
    expect(formatDay(ok({ ...zh, 入院日期: new Date(Date.UTC(2020, 4, 1)) }).admissionDate!)).toBe("2020-05-01");
  });
  it("full-width digits, ¥ and 元", () => {
    expect(ok({ ...zh, 总费用: "１２３４５.６０" }).total).toBe(1_234_560);
    expect(ok({ ...zh, 总费用: "￥12345.60元" }).total).toBe(1_234_560);
  });
  it("numbers from cells, -0", () => {
    expect(ok({ ...zh, 总费用: 12345.6 }).total).toBe(1_234_560);
    expect(ok({ ...zh, 乙类费用: -0 }).classB).toBe(0);
  });
  it("yes/no flags", () => {
    expect(ok({ ...zh, 跨省: "是" }).crossProvince).toBe(true);
    expect(ok({ ...zh, 跨省: "N" }).crossProvince).toBe(false);
    expect(ok(zh).crossProvince).toBeUndefined();
  });
});

describe("refusals name the field, the value and what was expected, in both languages", () => {
  it.each([
    [{ 总费用: "100.005" }, "total", "amount_decimals"],
    [{ 总费用: "-5" }, "total", "amount_negative"],
    [{ 总费用: "1e308" }, "total", "amount_invalid"],
    [{ 总费用: "12,34.5" }, "total", "amount_invalid"],
    [{ 总费用: "#N/A" }, "total", "excel_error"],
    [{ 总费用: { error: "#VALUE!" } }, "total", "excel_error"],
    [{ 总费用: "" }, "total", "field_missing"],
    [{ 入院日期: "2020-02-30" }, "admissionDate", "date_invalid"],
    [{ 医院等级: "四级" }, "hospitalLevel", "field_invalid"],
    [{ 人员类别: "成年" }, "personType", "person_type_scheme"],
    [{ 本年住院次数: "0" }, "admissionIndex", "count_invalid"],
    [{ 跨省: "可能" }, "crossProvince", "bool_invalid"],
  ])("%o → %s", (patch, field, code) => {
    const ps = problems({ ...zh, ...patch });
    const p = ps.find((x) => x.field === field)!;
    expect(p.code).toBe(code);
    expect(p.message.zh.length).toBeGreaterThan(4);
    expect(p.message.en.length).toBeGreaterThan(4);
  });
  it("the message says the value and the expected form", () => {
    const p = problems({ ...zh, 医院等级: "四级" })[0]!;
    expect(p.message.zh).toMatch(/四级/);
    expect(p.message.zh).toMatch(/三级甲等（3A）/);
    expect(p.message.en).toMatch(/1 \| 2 \| 3B \| 3A \| 3S/);
  });
  it("parts larger than the total", () => {
    const p = problems({ ...zh, 总费用: "1000", "自费/目录外": "600", 乙类费用: "500" })[0]!;
    expect(p).toMatchObject({ code: "parts_exceed_total", field: "classB+outOfCatalog" });
  });
  it("every problem of a record is reported, not just the first", () => {
    expect(problems({ ...zh, 总费用: "x", 入院日期: "y", 医院等级: "z" }).length).toBe(3);
  });
});

describe("national platform codes as values (src/claim/data/national-codes.json)", () => {
  const code = (patch: Record<string, unknown>) => {
    const v = validateClaim({ ...zh, ...patch });
    return v.ok ? "ok" : v.problems.map((p) => `${p.code}:${p.kind}`).join(",");
  };
  it("listed codes read as their values", () => {
    expect(ok({ ...zh, 险种: "310", 就医类型: undefined, med_type: "21", 参保地: undefined, insuplc_admdvs: "620199" })).toMatchObject({ scheme: "employee", careType: "inpatient", insuredPlace: "lanzhou" });
    expect(ok({ ...zh, 险种: "390", 人员类别: "15" }).personType).toBe("adult");
  });
  it("a listed code the documents give no rule for is a no-rule error naming it; an unlisted one is refused", () => {
    expect(code({ 险种: "320" })).toBe("code_no_rule:no_rule");
    expect(code({ 就医类型: "22" })).toBe("code_no_rule:no_rule");
    expect(code({ 参保地: "500102" })).toBe("code_no_rule:no_rule");
    expect(validateClaim({ ...zh, 参保地: "500102" }).ok ? "" : (validateClaim({ ...zh, 参保地: "500102" }) as { problems: { message: { zh: string } }[] }).problems[0]!.message.zh).toMatch(/国家平台代码 500102（重庆市）：/);
    expect(code({ 参保地: "620188" })).toBe("code_unknown:input");
    expect(code({ 险种: "999" })).toBe("code_unknown:input");
    expect(code({ 人员类别: "1101" })).toBe("code_unknown:input");
  });
});

describe("units in money headers, exactly", () => {
  it("万元 and 千元 are multiplied exactly and must still be whole fen; other units are refused", () => {
    expect(ok({ ...zh, 总费用: undefined, "总费用（万元）": "1.23456" }).total).toBe(1_234_560);
    expect(ok({ ...zh, 总费用: undefined, "总费用(千元)": 12.3456 }).total).toBe(1_234_560);
    expect(ok({ ...zh, 总费用: undefined, "总费用【单位：元】": "12345.60" }).total).toBe(1_234_560);
    expect(problems({ ...zh, 总费用: undefined, "总费用（万元）": "1.2345678" })[0]!.code).toBe("amount_decimals");
    expect(problems({ ...zh, 总费用: undefined, "总费用（美元）": "100" })[0]!.code).toBe("amount_unit");
  });
  it("an object value is refused by name, its methods never called", () => {
    const hostile = { toString: () => { throw new Error("called"); }, valueOf: () => { throw new Error("called"); } };
    const ps = problems({ ...zh, 参保地: hostile, 跨省: hostile, 总费用: [[[[1]]]] });
    expect(ps.map((p) => `${p.field}:${p.code}`)).toEqual(["insuredPlace:field_invalid", "crossProvince:bool_invalid", "total:amount_invalid"]);
    expect(ps[0]!.message.en).toMatch(/\(an object\) is not valid/);
  });
});
