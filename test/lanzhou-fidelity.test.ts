/**
 * The edges of the Lanzhou rules that POLICY §7 and §12 decide (issue 13), each tested from the seed
 * text it reads (law/004_*.txt, the Lanzhou guide L), and each reading also through its switch in
 * the parameter table (lanzhou.json), so that what a user sees in POLICY_PARAMS is what settles.
 */
import { describe, expect, it } from "vitest";
import { amounts, outpatient, problem, residentInpatient, employeeInpatient, settle } from "./helpers/claims";
import { Engine, amountsOf, incompleteJson } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { paramTable } from "../src/params/table";
import { parseDay } from "../src/dates";
import { settleByDisease } from "../src/engine/year";
import { validateClaim } from "../src/claim/validate";

const reading = (id: string, value: string) => new Engine(builtinRegistry().withOverrides(`reading ${id}`, [{ id, value }]));
const titles = (r: { trace: { title: { zh: string } }[] }) => r.trace.map((s) => s.title.zh).join("|");
const details = (r: { trace: { detail: { zh: string } }[] }) => r.trace.map((s) => s.detail.zh).join("|");

const empChronic = (o: Record<string, unknown>) => outpatient({ careType: "chronic", chronicApproved: "2020-01-01", ...o });
const resChronic = (o: Record<string, unknown>) => outpatient({ careType: "chronic", scheme: "resident", personType: "adult", chronicApproved: "2020-01-01", ...o });

describe("two approved chronic diseases (L 第一部分 三、(三) 5.：在单一病种最高支付限额标准（执行高标准）的基础上增加500元; POLICY §12)", () => {
  it("a disease without a cap does not remove the other's: 癫痫 with 2 500 paid against its 2 000 cap and 透析 as the second is an error asking one row per disease", () => {
    const c = empChronic({ chronicDisease: "癫痫", secondChronicDisease: "慢性肾衰竭透析治疗", secondChronicApproved: "2019-06-01", total: "10000", ytdFundPaid: "2500" });
    const p = problem(c);
    expect(p).toMatchObject({ kind: "input", code: "chronic_split_rows", field: "secondChronicDisease" });
    expect(p.message.zh).toMatch(/分病种单独结算/);
    // the first build's reading is still there, as a switch: then the pair has no cap (7 000)
    expect(amounts(c, reading("lanzhou.employee.chronic.twoDiseasesWithoutCap", "no_cap")).pooled).toBe("7000.00");
  });
  it("one row per disease: 癫痫 keeps its own 2 000 cap, 透析 is paid 90% without a cap", () => {
    const v = validateClaim(empChronic({ chronicDisease: "癫痫", secondChronicDisease: "慢性肾衰竭透析治疗", secondChronicApproved: "2019-06-01", total: "1" }));
    if (!v.ok) throw new Error("bad claim");
    const r = settleByDisease(new Engine(), { ...v.claim, ytdFundPaid: 150_000 }, [
      { chronicDisease: "癫痫", total: 100_000 },
      { chronicDisease: "慢性肾衰竭透析治疗", total: 100_000 },
    ]);
    expect(r.ok).toBe(true);
    expect(r.parts.map((x) => x.result.layers.pooled)).toEqual([50_000, 90_000]); // min(700, 2 000 − 1 500); 90%
  });
  it("the second disease's payment years: 恶性肿瘤放疗 (1 year) lifts 癫痫's cap to 28 750 + 500 until its last day, not a day after", () => {
    const c = (serviceDate: string) => empChronic({ chronicDisease: "癫痫", secondChronicDisease: "恶性肿瘤放疗", secondChronicApproved: "2020-05-01", serviceDate, total: "10000", ytdFundPaid: "2500" });
    expect(amounts(c("2021-04-30")).pooled).toBe("7000.00"); // cap 29 250 shared, 26 750 left
    const p = problem(c("2021-05-01"));
    expect(p).toMatchObject({ code: "second_chronic_period_ended", field: "secondChronicApproved" });
    expect(p.message.zh).toMatch(/2021-04-30/);
  });
  it("without the second disease's approval date the error names it; a second approval after the service date is refused", () => {
    expect(problem(empChronic({ chronicDisease: "癫痫", secondChronicDisease: "精神分裂症", total: "100" }))).toMatchObject({ code: "field_missing", field: "secondChronicApproved" });
    expect(problem(empChronic({ chronicDisease: "癫痫", secondChronicDisease: "精神分裂症", secondChronicApproved: "2020-07-01", total: "100" }))).toMatchObject({ code: "second_chronic_before_approval", field: "secondChronicApproved" });
  });
  it("both capped and in their years: max(2 000, 2 200) + 500 = 2 700 shared, and the trace says so", () => {
    const r = settle(empChronic({ chronicDisease: "癫痫", secondChronicDisease: "精神分裂症", secondChronicApproved: "2019-01-01", total: "10000", ytdFundPaid: "2000" }));
    expect(r.layers.pooled).toBe(70_000);
    expect(details(r)).toMatch(/max\(2000\.00, 2200\.00\) \+ 500\.00 = 2700\.00/);
  });
});

describe("血友病 needs no application (L 第一部分 特殊疾病长期门诊审批标准及诊疗范围 九、(三)：参保人员无须申报，费用先自付)", () => {
  it("an employee's 血友病 settles without an approval date; the trace says the years were not checked", () => {
    const r = settle(outpatient({ careType: "chronic", chronicDisease: "血友病", total: "10000" }));
    expect(r.layers.pooled).toBe(700_000);
    expect(details(r)).toMatch(/无须申报.*未核对/);
  });
  it("with an approval date the 10 payment years count from it", () => {
    expect(problem(outpatient({ careType: "chronic", chronicDisease: "血友病", chronicApproved: "2010-01-01", total: "100" })).code).toBe("chronic_period_ended");
  });
  it("as the second of two diseases it needs no date either: max(47 000, 2 000) + 500", () => {
    expect(amounts(empChronic({ chronicDisease: "癫痫", secondChronicDisease: "血友病", total: "10000", ytdFundPaid: "45000" })).pooled).toBe("2500.00");
  });
  it("the reading is a switch; the resident table has no such sentence, so residents need the approval", () => {
    expect(problem(outpatient({ careType: "chronic", chronicDisease: "血友病", total: "100" }), reading("lanzhou.employee.chronic.haemophiliaApplication", "required"))).toMatchObject({ field: "chronicApproved" });
    expect(problem(outpatient({ careType: "chronic", scheme: "resident", personType: "adult", chronicDisease: "血友病", total: "100" }))).toMatchObject({ field: "chronicApproved" });
  });
});

describe("医疗救助 for outpatient dialysis and transplant (L 第四部分 12. 第51、52项：门诊透析参照住院救助标准实行医后救助)", () => {
  it("a low-income resident's dialysis: 90% pooled, then 70% of what stays personal and in policy", () => {
    const a = amounts(resChronic({ chronicDisease: "慢性肾衰竭透析治疗", povertyStatus: "low_income", total: "10000" }));
    expect([a.pooled, a.seriousIllness, a.assistance, a.personal]).toEqual(["9000.00", "0.00", "700.00", "300.00"]);
  });
  it("a registered-poor resident's transplant care: 70% pooled, 大病保险 above 2 500, 救助 on the rest", () => {
    // E 10 000, pooled 7 000, p 3 000 → 大病 (3 000 − 2 500) × 65% = 325; 救助 70% × 2 675 = 1 872.50
    const a = amounts(resChronic({ chronicDisease: "器官移植抗排异治疗", povertyStatus: "registered_poor", total: "10000" }));
    expect([a.pooled, a.seriousIllness, a.assistance, a.personal]).toEqual(["7000.00", "325.00", "1872.50", "802.50"]);
  });
  it("not for the non-poor, nor for other diseases (the trace says why), and not when the switch says none", () => {
    expect(amounts(resChronic({ chronicDisease: "慢性肾衰竭透析治疗", total: "10000" })).assistance).toBe("0.00");
    const r = settle(resChronic({ chronicDisease: "癫痫", povertyStatus: "low_income", total: "1000" }));
    expect(r.layers.assistance).toBe(0);
    expect(details(r)).toMatch(/第51、52项/);
    expect(amounts(resChronic({ chronicDisease: "慢性肾衰竭透析治疗", povertyStatus: "low_income", total: "10000" }), reading("lanzhou.resident.assistance.outpatient", "none")).assistance).toBe("0.00");
  });
});

describe("a row limited to a group: 苯丙酮尿症（18岁及以下儿童）(L 第四部分 18.; POLICY §12)", () => {
  const pku = (o: Record<string, unknown>) => resChronic({ chronicDisease: "苯丙酮尿症", total: "1000", ...o });
  it("an elderly person gets the no-rule error; a minor or a student is paid", () => {
    expect(problem(pku({ personType: "elderly" }))).toMatchObject({ kind: "no_rule", code: "chronic_group_limited" });
    expect(amounts(pku({ personType: "minor" })).pooled).toBe("700.00");
    expect(amounts(pku({ personType: "student" })).pooled).toBe("700.00");
  });
  it("with a birth date the age decides: 18 the day before the 19th birthday, not on it", () => {
    expect(amounts(pku({ personType: "adult", birthDate: "2005-03-01", serviceDate: "2024-02-29" })).pooled).toBe("700.00");
    const p = problem(pku({ personType: "minor", birthDate: "2005-03-01", serviceDate: "2024-03-01" }));
    expect(p).toMatchObject({ code: "chronic_group_limited", field: "birthDate" });
    expect(p.message.zh).toMatch(/19 岁/);
  });
  it("the readings are switches: a birth date can be required", () => {
    expect(problem(pku({ personType: "minor" }), reading("lanzhou.resident.chronic.groupWithoutBirthDate", "require_birth_date"))).toMatchObject({ field: "birthDate" });
  });
  it("the blank years cell sets no period: a claim of 2035 settles, the trace says so and names the 2020 table as old", () => {
    const r = settle(pku({ personType: "minor", serviceDate: "2035-06-01", chronicApproved: "2030-01-01" }));
    expect(r.layers.pooled).toBe(70_000);
    expect(details(r)).toMatch(/目录未规定支付年限/);
    expect(details(r)).toMatch(/lanzhouChronic\.resident/);
    expect(problem(pku({ personType: "minor" }), reading("lanzhou.chronic.blankYears", "refuse")).code).toBe("chronic_years_blank");
  });
});

describe("a name that drops a row's qualifier is not that row (L 第一部分 三、(三) 1.：(9) 原发性高血压（有合并症者）；(26) 重型系统性红斑狼疮；(25) 支气管哮喘（急性发作期）)", () => {
  it.each([
    ["原发性高血压", "原发性高血压（有合并症者）"],
    ["系统性红斑狼疮", "重型系统性红斑狼疮"],
    ["哮喘", "支气管哮喘（急性发作期）"],
    ["帕金森病", "重症帕金森氏病"],
  ])("employee %s: refused with the candidate %s", (name, row) => {
    const p = problem(empChronic({ chronicDisease: name, total: "1000" }));
    expect(p).toMatchObject({ kind: "input", code: "chronic_qualifier_dropped", field: "chronicDisease" });
    expect(p.message.zh).toContain(row);
  });
  it("the full name, the row id, or a name that keeps the qualifier is paid", () => {
    for (const name of ["原发性高血压（有合并症者）", "E09", "原发性高血压病（伴合并症）", "支气管哮喘急性发作期"]) expect(amounts(empChronic({ chronicDisease: name, total: "1000" })).pooled).toBe("700.00");
  });
  it("the resident row 系统性红斑狼疮 has no qualifier: paid", () => {
    expect(amounts(resChronic({ chronicDisease: "系统性红斑狼疮", total: "1000" })).pooled).toBe("700.00");
  });
  it("the first build's reading is a switch (drop_allowed), and the trace says the name dropped the qualifier", () => {
    const r = settle(empChronic({ chronicDisease: "原发性高血压", total: "1000" }), reading("lanzhou.chronic.nameQualifier", "drop_allowed"));
    expect(r.layers.pooled).toBe(70_000);
    expect(details(r)).toMatch(/省略了/);
  });
});

describe("两病 (L 第三部分 两病 五、：自主选择1家二级及以下公立医院; 二、(二)：未办理过高血压、糖尿病长期门诊)", () => {
  const td = (o: Record<string, unknown>) => outpatient({ scheme: "resident", personType: "elderly", careType: "two_disease", chronicApproved: "2019-02-20", chronicDisease: "高血压", total: "300", ...o });
  it("at a level-3 hospital: not covered; at level 1 or 2: 50%", () => {
    expect(problem(td({ hospitalLevel: "3A" }))).toMatchObject({ kind: "no_rule", code: "two_disease_level", field: "hospitalLevel" });
    expect(problem(td({ hospitalLevel: "3B" })).code).toBe("two_disease_level");
    expect(amounts(td({ hospitalLevel: "2" })).pooled).toBe("150.00");
    expect(amounts(td({ hospitalLevel: "1" })).pooled).toBe("150.00");
  });
  it("without a level the condition is not checked, and the trace says so", () => {
    expect(details(settle(td({})))).toMatch(/二级及以下.*未核对/);
  });
  it("a hypertension or a diabetes chronic approval excludes either 两病 kind", () => {
    expect(problem(td({ chronicDisease: "糖尿病", secondChronicDisease: "原发性高血压（有合并症者）" }))).toMatchObject({ kind: "no_rule", code: "two_disease_excluded" });
    expect(problem(td({ chronicDisease: "高血压", secondChronicDisease: "糖尿病伴并发症" })).code).toBe("two_disease_excluded");
    // another chronic approval does not exclude
    expect(amounts(td({ secondChronicDisease: "癫痫" })).pooled).toBe("150.00");
  });
  it("the narrower reading is a switch: only the same disease excluded", () => {
    const same = reading("lanzhou.resident.twoDisease.exclusion", "same_disease");
    expect(amounts(td({ chronicDisease: "糖尿病", secondChronicDisease: "原发性高血压（有合并症者）" }), same).pooled).toBe("150.00");
    expect(problem(td({ chronicDisease: "高血压", secondChronicDisease: "原发性高血压（有合并症者）" }), same).code).toBe("two_disease_excluded");
  });
});

describe("the registered poor's +5 points (L 第三部分 三、(二)：提高5个百分点) against 2019年7月1日起，取消了各类人员提高比例 (L 第三部分 二、(三))", () => {
  const c = residentInpatient({ povertyStatus: "registered_poor", total: "10000" });
  it("by default the later, specific poverty text stands: (10 000 − 2 400) × 65%; the trace names the conflict", () => {
    const r = settle(c);
    expect(r.layers.pooled).toBe(494_000);
    expect(titles(r)).toMatch(/文字冲突/);
    expect(r.trace.find((s) => s.key === "povertyReading")!.refs.map((x) => x.section)).toEqual(expect.arrayContaining(["第三部分 三、(二)", "第三部分 二、(三)"]));
  });
  it("the other reading is a switch: × 60%", () => {
    expect(amounts(c, reading("lanzhou.resident.inpatient.povertyRaiseReading", "cancelled_2019")).pooled).toBe("4560.00");
  });
});

describe("rule currency (POLICY §12: the Lanzhou guide is of 2020-04)", () => {
  it("a claim of 2026 settles under the 2020 figures, and the trace says which are older than a year", () => {
    const r = settle(employeeInpatient({ settlementDate: "2026-03-01", total: "10000" }));
    expect(r.ok).toBe(true);
    const step = r.trace.find((s) => s.key === "currency")!;
    expect(step.detail.zh).toMatch(/lanzhou\.employee\.inpatient\.threshold（职工住院起付标准，自 2020-04-01）/);
    expect(step.detail.en).toMatch(/parameter table/);
  });
  it("a claim within a year of the guide has no such step; a newer dated value from the parameter table removes the parameter from the list", () => {
    expect(settle(employeeInpatient({ settlementDate: "2020-06-30", total: "10000" })).trace.some((s) => s.key === "currency")).toBe(false);
    const newer = new Engine(builtinRegistry().withOverrides("2026 table", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 140_000, from: parseDay("2026-01-01")! }]));
    const step = settle(employeeInpatient({ settlementDate: "2026-03-01", total: "10000" }), newer).trace.find((s) => s.key === "currency")!;
    expect(step.detail.zh).not.toMatch(/inpatient\.threshold/);
    expect(step.detail.zh).toMatch(/inpatient\.bands/);
  });
});

describe("partial settlement in the JSON answer (POLICY §12)", () => {
  it("incomplete: [{layer, code, parameter, message}], the layer and the personal share null, the others numbers", () => {
    const r = settle(employeeInpatient({ total: "80000", civilServantRank: "senior" }));
    expect(amountsOf(r)).toMatchObject({ pooled: "55168.00", largeAmount: "18000.00", subsidy: null, personal: null });
    expect(incompleteJson(r, "en")).toEqual([{ layer: "subsidy", code: "param_missing", parameter: "lanzhou.civilServant.aboveCapCeiling", message: expect.stringMatching(/not computable/) }]);
  });
});

describe("the readings are switches a user sees in the parameter table (POLICY_PARAMS)", () => {
  it.each([
    "lanzhou.employee.chronic.twoDiseasesWithoutCap",
    "lanzhou.employee.chronic.haemophiliaApplication",
    "lanzhou.chronic.nameQualifier",
    "lanzhou.chronic.blankYears",
    "lanzhou.resident.chronic.groupWithoutBirthDate",
    "lanzhou.resident.assistance.outpatient",
    "lanzhou.resident.inpatient.povertyRaiseReading",
    "lanzhou.resident.twoDisease.exclusion",
  ])("%s, with its citation", (id) => {
    const row = paramTable(builtinRegistry(), "lanzhou", parseDay("2020-06-30")!).find((r) => r.id === id)!;
    expect(row.unit).toBe("switch");
    expect(row.source).toMatch(/^兰州市基本医疗保险政策指南/);
  });
});

describe("the first build's readings, each through its switch", () => {
  it("lanzhou.resident.inpatient.repeatMode (L 第三部分 二、(三) ★ 依次递减20%): geometric gives 64% of 2 400 on the 3rd admission, linear 60%", () => {
    const c = residentInpatient({ admissionIndex: 3, total: "5000" });
    expect(amounts(c).threshold).toBe("1440.00");
    expect(amounts(c, reading("lanzhou.resident.inpatient.repeatMode", "geometric")).threshold).toBe("1536.00");
  });
  it("lanzhou.civilServant.deputyReading (L 第二部分 三、3：其它人员补助97%): a plain deputy above the cap at 97% or, as 副高, 100%", () => {
    const ceiling = { id: "lanzhou.civilServant.aboveCapCeiling", value: 10_000_000 };
    const county = new Engine(builtinRegistry().withOverrides("ceiling", [ceiling]));
    const title = new Engine(builtinRegistry().withOverrides("ceiling, 副高", [ceiling, { id: "lanzhou.civilServant.deputyReading", value: "deputy_title" }]));
    const c = employeeInpatient({ total: "80000", civilServantRank: "deputy" });
    // 90% × 1 400 + 90% × 3 432 + 97% (or 100%) × 2 000
    expect(amounts(c, county).subsidy).toBe("6288.80");
    expect(amounts(c, title).subsidy).toBe("6348.80");
  });
});

describe("npm run coverage:law lists every reading and POLICY §12 edge with its tests", () => {
  it("none without a test", async () => {
    const { edgeLines } = await import("../scripts/lawCoverage");
    const lines = edgeLines();
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((e) => !e.tests.length).map((e) => e.item)).toEqual([]);
  });
});
