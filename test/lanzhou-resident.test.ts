/**
 * Lanzhou resident inpatient care (L 第三部分 二、(三), 三、(二), 四、; 第四部分 11.; POLICY §6).
 */
import { describe, expect, it } from "vitest";
import { settle, amounts, problem, residentInpatient as claim } from "./helpers/claims";

describe("threshold and ratio by level (L 第三部分 二、(三)：一级 200/85%，二级 400/80%，三乙 1000/70%，三甲 2400/60%)", () => {
  it.each([
    ["1", "200.00", "4080.00"], // (5 000 − 200) × 85%
    ["2", "400.00", "3680.00"], // 4 600 × 80%
    ["3B", "1000.00", "2800.00"], // 4 000 × 70%
    ["3A", "2400.00", "1560.00"], // 2 600 × 60%
  ])("level %s: threshold %s, pooled %s", (level, t, pooled) => {
    const a = amounts(claim({ hospitalLevel: level, total: "5000" }));
    expect(a.threshold).toBe(t);
    expect(a.pooled).toBe(pooled);
  });
  it("the table is dated 2019-04-04, but 大病保险 is attested only from the guide's date: a 2019 claim gets its pooled fund, and 大病保险 names what is missing (POLICY §12 partial settlement)", () => {
    // Until issue 13 the whole claim was an error although the pooled fund's figures are in force.
    const r = settle(claim({ settlementDate: "2019-05-01", total: "5000" }));
    expect(r.ok).toBe(true);
    expect(r.layers.pooled).toBe(156_000); // (5 000 − 2 400) × 60%
    expect(r.layers.seriousIllness).toBeNaN();
    expect(r.personal).toBeNaN();
    const x = r.incomplete!.find((i) => i.layer === "seriousIllness")!;
    expect(x).toMatchObject({ code: "date_before_params", parameter: "lanzhou.resident.seriousIllness.deductible" });
    expect(x.message.en).toMatch(/2020-04-01/);
    expect(x.message.en).toMatch(/2019-05-01/);
  });
  it("repeat admission: 三甲 2nd admission 1 920 (80% of 2 400)", () => {
    expect(amounts(claim({ admissionIndex: 2, total: "5000" })).threshold).toBe("1920.00");
  });
});

describe("raises: registered poor +5 points (三、(二)); TCM +10 points on its share (二、(三) ★); never above 100%", () => {
  it("registered poor at 三甲: 65%", () => {
    expect(amounts(claim({ povertyStatus: "建档立卡", total: "5000" })).pooled).toBe("1690.00"); // 2 600 × 65%
  });
  it("low income is not raised (the +5 points are for 建档立卡 only)", () => {
    expect(amounts(claim({ povertyStatus: "低保", total: "5000" })).pooled).toBe("1560.00");
  });
  it("TCM share of the expense above the threshold at +10 points", () => {
    // E = 5 600 − 400 − 80 = 5 120; T 400; 4 720 × 80% + 10% × 4 720 × 1 500 / 5 120 = 3 776 + 138.28125
    const a = amounts(claim({ personType: "elderly", hospitalLevel: "2", total: "5600", outOfCatalog: "400", classB: "800", tcm: "1500" }));
    expect(a.pooled).toBe("3914.28");
    expect(a.personal).toBe("1285.72");
  });
  it("level 1, registered poor, all TCM: 85 + 5 + 10 = 100%, not more", () => {
    expect(amounts(claim({ hospitalLevel: "1", povertyStatus: "registered_poor", total: "1200", tcm: "1200" })).pooled).toBe("1000.00");
  });
  it("TCM expense larger than the policy scope is an input error", () => {
    expect(problem(claim({ total: "1000", classB: "1000", tcm: "1000" }))).toMatchObject({ kind: "input", field: "tcm" });
  });
});

describe("annual cap 40 000 (二、(三) 年度累计报销封顶线)", () => {
  it("the pooled payment stops at what is left of 40 000", () => {
    // E 17 500, T 2 400 → 9 060; room 8 800. 大病: P0 6 800, P1 15 500 → S(10 500) − S(1 800) = 6 325 − 1 080
    const a = amounts(claim({ total: "19400", outOfCatalog: "1600", classB: "3000", ytdFundPaid: "31200", ytdPersonalInPolicy: "6800" }));
    expect(a.pooled).toBe("8800.00");
    expect(a.seriousIllness).toBe("5245.00");
    expect(a.personal).toBe("3755.00");
  });
});

describe("大病保险 (四、(一)：超过起付线5000元…0—1万元60%；1—2万元65%；2—5万元70%；5—10万元75%；10万元以上80%)", () => {
  // A claim whose whole policy-scope expense stays personal (cap used up), so p = E and the base is P0 + E − 5 000.
  const si = (p0: string, total: string) => amounts(claim({ total, ytdFundPaid: "40000", ytdPersonalInPolicy: p0 })).seriousIllness;
  it.each([
    ["0", "5000", "0.00"], // exactly at the deductible
    ["0", "15000", "6000.00"], // base 10 000 × 60%
    ["0", "25000", "12500.00"], // + 10 000 × 65%
    ["0", "55000", "33500.00"], // + 30 000 × 70%
    ["0", "105000", "71000.00"], // + 50 000 × 75%
    ["0", "115000", "79000.00"], // + 10 000 × 80%
    ["15000", "10000", "6500.00"], // the year so far had base 10 000; this claim adds the 65% band
  ])("P0 %s, this claim %s: %s", (p0, total, expected) => {
    expect(si(p0, total)).toBe(expected);
  });
  it("poor: deductible 2 500 and 65/70/75/80/85% (四、(二))", () => {
    // p = 12 500 → base 10 000 at 65%
    expect(amounts(claim({ total: "12500", ytdFundPaid: "40000", povertyStatus: "低保" })).seriousIllness).toBe("6500.00");
  });
});

describe("医疗救助 (第四部分 11.(3)：…经基本医保、大病保险报销后剩余的个人自付部分，按照不低于70%的比例)", () => {
  it("registered poor at 三甲: pooled, 大病 and assistance", () => {
    // E = 68 400 − 5 200 − 990 = 62 210; pooled 59 810 × 65% = 38 876.50; p = 23 333.50; base 20 833.50:
    // 6 500 + 7 000 + 833.50 × 75% = 14 125.125 → 14 125.13; aid 70% × (62 210 − 38 876.50 − 14 125.13) = 6 445.859 → 6 445.86
    const a = amounts(claim({ total: "68400", outOfCatalog: "5200", classB: "9900", povertyStatus: "registered_poor" }));
    expect(a.pooled).toBe("38876.50");
    expect(a.seriousIllness).toBe("14125.13");
    expect(a.assistance).toBe("6445.86");
    expect(a.personal).toBe("3752.51");
  });
  it("not poor: no assistance", () => {
    expect(amounts(claim({ total: "20000" })).assistance).toBe("0.00");
  });
});

describe("cases the guide does not rule on", () => {
  it.each(["temporary", "referral", "long_term", "emergency", "student_away"])("resident %s inpatient care is an error, never a neighbouring rule", (kind) => {
    const p = problem(claim({ crossRegion: kind, crossProvince: true, total: "5000" }));
    expect(p.kind).toBe("no_rule");
    expect(p.message.en).toMatch(/no thresholds or ratios/);
  });
});
