/**
 * Lanzhou employee inpatient care, as the guide states it (L = law/004…, 第一部分 三、(四)(五);
 * POLICY §5). Each case is an example worked by hand in its comment.
 */
import { describe, expect, it } from "vitest";
import { amounts, employeeInpatient as claim, problem, settle } from "./helpers/claims";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";

describe("threshold by hospital level (L 三、(四) 1.：一级…200元；二级…400元；三级乙等…1000元；三级甲等…1400元)", () => {
  // E = 5 000, in service, first admission: fund = (5 000 − T) × 88%
  it.each([
    ["1", "200.00", "4224.00"], // 4 800 × 88%
    ["2", "400.00", "4048.00"], // 4 600 × 88%
    ["3B", "1000.00", "3520.00"], // 4 000 × 88%
    ["3A", "1400.00", "3168.00"], // 3 600 × 88%
  ])("level %s: threshold %s, pooled %s", (level, threshold, pooled) => {
    const a = amounts(claim({ hospitalLevel: level, total: "5000" }));
    expect(a.threshold).toBe(threshold);
    expect(a.pooled).toBe(pooled);
    expect(a.personal).toBe((5000 - Number(pooled)).toFixed(2));
  });
  it("特三级 has no Lanzhou threshold: an error, not a neighbour's figure", () => {
    const p = problem(claim({ hospitalLevel: "3S", total: "5000" }));
    expect(p.kind).toBe("no_rule");
    expect(p.field).toBe("lanzhou.employee.inpatient.threshold");
    expect(p.message.en).toMatch(/3S/);
  });
  it("expense at or below the threshold: the fund pays nothing", () => {
    const a = amounts(claim({ total: "1400" }));
    expect(a.pooled).toBe("0.00");
    expect(a.personal).toBe("1400.00");
  });
});

describe("repeat admissions (L 三、(四) 1.：从第二次住院起…依次递减20%，但最低…不能低于…50%)", () => {
  it.each([
    [1, "1400.00"],
    [2, "1120.00"], // 80%
    [3, "840.00"], // 60%
    [4, "700.00"], // 40% → floor 50%
    [5, "700.00"],
  ])("linear reading (default), 三甲 admission %i: threshold %s", (k, t) => {
    expect(amounts(claim({ admissionIndex: k, total: "5000" })).threshold).toBe(t);
  });
  it.each([
    [2, "1120.00"], // 0.8
    [3, "896.00"], // 0.64
    [4, "716.80"], // 0.512
    [5, "700.00"], // 0.4096 → 50%
  ])("geometric reading (a switch), admission %i: threshold %s", (k, t) => {
    const geo = new Engine(builtinRegistry().withOverrides("geometric", [{ id: "lanzhou.employee.inpatient.repeatMode", value: "geometric" }]));
    expect(amounts(claim({ admissionIndex: k, total: "5000" }), geo).threshold).toBe(t);
  });
});

describe("bands (L 三、(四) 3.：起付标准以上至10000元…88%/91%；10000元以上至20000元…92%/94%；20000元以上至60000元…96%/97%)", () => {
  // in service, 三甲, first admission, T = 1 400
  it.each([
    ["10000", "7568.00", "0.00"], // (10 000 − 1 400) × 88%
    ["10000.01", "7568.01", "0.00"], // + 0.01 × 92% = 0.0092 → 0.01 (half-up)
    ["20000", "16768.00", "0.00"], // 7 568 + 10 000 × 92%
    ["60000", "55168.00", "0.00"], // 16 768 + 40 000 × 96%
    ["60001", "55168.00", "0.90"], // 1 above 60 000: 大额 90%
    ["80000", "55168.00", "18000.00"], // 大额 = 90% × 20 000
  ])("in service, E = %s: pooled %s, 大额 %s", (total, pooled, large) => {
    const a = amounts(claim({ total }));
    expect(a.pooled).toBe(pooled);
    expect(a.largeAmount).toBe(large);
  });
  it("retired, E = 60 000: 8 600 × 91% + 10 000 × 94% + 40 000 × 97% = 56 026", () => {
    const a = amounts(claim({ personType: "retired", total: "60000" }));
    expect(a.pooled).toBe("56026.00");
    expect(a.personal).toBe("3974.00");
  });
  it("retired, E = 20 000 exactly at a band edge: 7 826 + 9 400", () => {
    expect(amounts(claim({ personType: "retired", total: "20000" })).pooled).toBe("17226.00");
  });
});

describe("policy scope (L 第四部分 13.：“乙类目录”费用的90%; POLICY §4)", () => {
  it("E = total − out-of-catalog − 10% × class B", () => {
    // 12 000 − 1 000 − 300 = 10 700; 8 600 × 88% + 700 × 92% = 7 568 + 644
    const a = amounts(claim({ total: "12000", outOfCatalog: "1000", classB: "3000" }));
    expect(a.policyScope).toBe("10700.00");
    expect(a.pooled).toBe("8212.00");
    expect(a.personal).toBe("2788.00");
  });
  it("the class-B self share is rounded to the fen half-up (12.345 → 12.35)", () => {
    const r = settle(claim({ total: "5000", classB: "123.45" }));
    expect(r.classBSelfShare).toBe(1235);
    expect(r.policyScope).toBe(500000 - 1235);
  });
});

describe("annual cap 60 000 and 大额 (L 三、(四) 2. 年度最高支付限额为6万元；4. 大额医疗保险基金支付90%，上不封顶)", () => {
  it("cap reached mid-band: 大额 pays 90% of the expense the cap left unpaid", () => {
    // bands 7 568 + 9 200 + 9 600 = 26 368 > room 10 000. The cap is reached inside the 92% band at
    // x = 10 000 + (10 000 − 7 568) / 0.92 = 12 643.478…; 大额 = 90% × (30 000 − 12 643.478…) = 15 620.869… → 15 620.87
    const a = amounts(claim({ total: "30000", ytdFundPaid: "50000" }));
    expect(a.pooled).toBe("10000.00");
    expect(a.largeAmount).toBe("15620.87");
    expect(a.personal).toBe("4379.13");
  });
  it("cap already used up: everything above the threshold goes to 大额", () => {
    const a = amounts(claim({ total: "5000", ytdFundPaid: "60000" }));
    expect(a.pooled).toBe("0.00");
    expect(a.largeAmount).toBe("3240.00"); // 90% × 3 600
  });
  it("cap and the 60 000 band top together", () => {
    // retired, 4th admission, T = 700, E = 36 800, ytd 48 500 → room 11 500 reached at 10 000 + 3 037 / 0.94
    const a = amounts(claim({ personType: "retired", admissionIndex: 4, total: "38900", outOfCatalog: "1500", classB: "6000", ytdFundPaid: "48500" }));
    expect(a.pooled).toBe("11500.00");
    expect(a.largeAmount).toBe("21212.23");
    expect(a.personal).toBe("4687.77");
  });
});

describe("cross-region care (L 三、(五) 2.)", () => {
  it("(1) long-term filer treated where filed: Lanzhou rules", () => {
    expect(amounts(claim({ crossRegion: "long_term", crossProvince: "是", total: "30000" })).pooled).toBe("26368.00");
  });
  it("(2) referred out of the province: 10% first, the rest through the bands", () => {
    // E' = 45 000: 7 568 + 9 200 + 25 000 × 96%
    const a = amounts(claim({ crossRegion: "referral", crossProvince: true, total: "50000" }));
    expect(a.pooled).toBe("40768.00");
    expect(a.personal).toBe("9232.00");
  });
  it("(2) a referral inside the province: the guide gives no rule", () => {
    const p = problem(claim({ crossRegion: "referral", crossProvince: false, total: "50000" }));
    expect(p.kind).toBe("no_rule");
    expect(p.message.zh).toMatch(/省内转诊/);
  });
  it("(2) a referral that does not say which: the error names the missing field", () => {
    const p = problem(claim({ crossRegion: "referral", total: "50000" }));
    expect(p).toMatchObject({ kind: "input", field: "crossProvince" });
  });
  it("(3) emergency while away: Lanzhou rules", () => {
    expect(amounts(claim({ crossRegion: "emergency", total: "30000" })).pooled).toBe("26368.00");
  });
  it("(4) temporary, not emergency, not referred: 30% first", () => {
    // E' = 35 000: 7 568 + 9 200 + 15 000 × 96%
    expect(amounts(claim({ crossRegion: "temporary", total: "50000" })).pooled).toBe("31168.00");
  });
  it("(5) cross-province filer treated back in Lanzhou: each band 10 points lower", () => {
    // 8 600 × 78% + 10 000 × 82% + 10 000 × 86%
    expect(amounts(claim({ crossRegion: "long_term", crossProvince: true, treatedInInsuredPlace: true, total: "30000" })).pooled).toBe("23508.00");
  });
  it("(5) in-province filer treated back in Lanzhou: Lanzhou rules", () => {
    expect(amounts(claim({ crossRegion: "long_term", crossProvince: false, treatedInInsuredPlace: true, total: "30000" })).pooled).toBe("26368.00");
  });
  it("an employee is never a 'student away'", () => {
    expect(problem(claim({ crossRegion: "student_away", total: "3000" })).kind).toBe("no_rule");
  });
});

describe("civil-servant subsidy (L 第二部分 三、1, 2, 3, 5)", () => {
  it("senior: threshold and co-insurance 100%, class-B self share 80%", () => {
    // E = 7 300 − 900 − 110 = 6 290; T = 400; pooled 5 890 × 88% = 5 183.20; co-insurance 706.80
    // subsidy = 400 + 706.80 + 80% × 110 = 1 194.80; the person keeps 20% of the class-B share: 22.00
    const a = amounts(claim({ hospitalLevel: "2", total: "7300", outOfCatalog: "900", classB: "1100", civilServantRank: "正高" }));
    expect(a.pooled).toBe("5183.20");
    expect(a.subsidy).toBe("1194.80");
    expect(a.personal).toBe("22.00");
  });
  it("deputy (read as 正副县级 by default): 90% of threshold and co-insurance", () => {
    // E 32 500, T 1 120, co-insurance 31 380 − 29 014.40 = 2 365.60; 0.9 × (1 120 + 2 365.60) + 0.8 × 500
    expect(amounts(claim({ admissionIndex: 2, total: "35000", outOfCatalog: "2000", classB: "5000", civilServantRank: "deputy" })).subsidy).toBe("3537.04");
  });
  it("above the pooled cap the supplementary fund's ceiling is not in the guide (“公务员补充医疗保险基金最高支付限额以内的补助”): the subsidy is not computable, the pooled fund and 大额 stand (POLICY §12)", () => {
    // Until issue 13 the whole claim was an error, though the pooled fund and 大额 are known.
    const r = settle(claim({ total: "80000", civilServantRank: "other" }));
    expect(r.ok).toBe(true);
    expect(r.layers.pooled).toBe(5_516_800);
    expect(r.layers.largeAmount).toBe(1_800_000);
    expect(r.layers.subsidy).toBeNaN();
    expect(r.personal).toBeNaN();
    expect(r.incomplete).toEqual([expect.objectContaining({ layer: "subsidy", code: "param_missing", parameter: "lanzhou.civilServant.aboveCapCeiling" })]);
    expect(r.incomplete![0]!.message.zh).toMatch(/公务员补充医疗保险基金最高支付限额/);
    const a = amounts(claim({ total: "80000", civilServantRank: "other" }));
    expect([a.pooled, a.largeAmount, a.subsidy, a.personal]).toEqual(["55168.00", "18000.00", null, null]);
    // the known layers plus out-of-catalog never exceed the total
    expect(r.layers.pooled + r.layers.largeAmount + r.outOfCatalog).toBeLessThanOrEqual(r.total);
    expect(r.trace.map((s) => s.title.zh).join("|")).toMatch(/公务员医疗补助：无法核算/);
  });
  it("below the pooled cap the ceiling is not needed: the subsidy is computed", () => {
    expect(settle(claim({ total: "50000", civilServantRank: "other" })).incomplete).toBeUndefined();
  });
  it("with the ceiling supplied, the personal share above the cap is subsidised 97%", () => {
    const e = new Engine(builtinRegistry().withOverrides("ceiling", [{ id: "lanzhou.civilServant.aboveCapCeiling", value: 10_000_000 }]));
    // other: 80% × threshold 1 400 = 1 120; 80% × co-insurance (58 600 − 55 168 = 3 432) = 2 745.60;
    // 97% × what 大额 left above the cap (20 000 − 18 000 = 2 000) = 1 940 → 5 805.60
    const a = amounts(claim({ total: "80000", civilServantRank: "other" }), e);
    expect(a.subsidy).toBe("5805.60");
    expect(a.personal).toBe((80000 - 55168 - 18000 - 5805.6).toFixed(2));
  });
});

describe("rule version date (POLICY §2)", () => {
  it("manual reimbursement picks the admission date; before the guide's date there is no rule", () => {
    const p = problem(claim({ settlement: "manual", admissionDate: "2019-12-01", settlementDate: "2020-06-30", total: "5000" }));
    expect(p.kind).toBe("no_rule");
    expect(p.message.en).toMatch(/2019-12-01/);
  });
  it("direct settlement picks the settlement date", () => {
    expect(amounts(claim({ settlement: "direct", admissionDate: "2019-12-01", settlementDate: "2020-06-30", total: "5000" })).pooled).toBe("3168.00");
  });
  it("a direct claim without its settlement date is an error naming it", () => {
    expect(problem(claim({ settlementDate: "", total: "5000" }))).toMatchObject({ kind: "input", field: "settlementDate" });
  });
});
