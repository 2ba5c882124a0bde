/**
 * Lanzhou outpatient care (POLICY §7): employee chronic (L 第一部分 三、(三)), resident chronic (L 第四部分
 * 18.), two-disease (L 两病 七、) and resident general outpatient (L 第三部分 二、(一)).
 */
import { describe, expect, it } from "vitest";
import { amounts, outpatient as claim, problem } from "./helpers/claims";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { formatYuan } from "../src/money";

const chronic = (o: Record<string, unknown>) => claim({ careType: "chronic", chronicApproved: "2020-01-01", ...o });

describe("employee chronic diseases: every row of the table (L 三、(三) 2. 待遇支付时限及统筹基金最高支付限额; 3. 报销比例)", () => {
  // A claim large enough to hit any cap: fund = min(ratio × 100 000, cap)
  it.each(lanzhouChronic.employee.map((d) => [d.id, d.name, d] as const))("%s %s", (_id, name, d) => {
    const ratio = d.ratioKind === "dialysis" ? 0.9 : d.ratioKind === "transplant" ? 0.8 : 0.7;
    const expected = d.cap === null ? 100000 * ratio : Math.min(100000 * ratio, d.cap / 100);
    expect(amounts(chronic({ chronicDisease: name, total: "100000" })).pooled).toBe(expected.toFixed(2));
  });
  it("the table's figures (spot checks against the seed): 恶性肿瘤放疗 28 750, 聚乙二醇干扰素 4万, 血友病 4.7万, 透析 no cap", () => {
    const by = (n: string) => lanzhouChronic.employee.find((d) => d.name.startsWith(n))!;
    expect(by("恶性肿瘤放疗").cap).toBe(2_875_000);
    expect(by("聚乙二醇").cap).toBe(4_000_000);
    expect(by("血友病").cap).toBe(4_700_000);
    expect(by("慢性肾衰竭透析").cap).toBeNull();
    expect(lanzhouChronic.employee).toHaveLength(33);
  });
  it("70% of E with the class-B self share first (乙类先自付10%，再按70%予以报销)", () => {
    // E = 2 460 − 80 = 2 380; 70% = 1 666; cap 2 800 − 1 200 paid = 1 600
    expect(amounts(chronic({ chronicDisease: "原发性高血压（有合并症者）", total: "2460", classB: "800", ytdFundPaid: "1200" })).pooled).toBe("1600.00");
  });
  it("two approved diseases share the higher cap + 500 (三、(三) 5.)", () => {
    // max(3 350, 2 800) + 500 = 3 850; paid 3 000 → room 850
    const a = amounts(chronic({ chronicDisease: "糖尿病伴慢性并发症", secondChronicDisease: "原发性高血压（有合并症者）", secondChronicApproved: "2018-03-12", total: "3100", classB: "600", ytdFundPaid: "3000" }));
    expect(a.pooled).toBe("850.00");
  });
  it("payment years: 1 year from approval, the last day is inside, the next is not", () => {
    const c = { chronicDisease: "恶性肿瘤放疗", chronicApproved: "2020-05-10", total: "1000" };
    expect(amounts(chronic({ ...c, serviceDate: "2021-05-09" })).pooled).toBe("700.00");
    const p = problem(chronic({ ...c, serviceDate: "2021-05-10" }));
    expect(p).toMatchObject({ kind: "no_rule", code: "chronic_period_ended" });
    expect(p.message.zh).toMatch(/2021-05-09/);
  });
  it("an unknown disease name is an input error naming the field", () => {
    expect(problem(chronic({ chronicDisease: "感冒", total: "100" }))).toMatchObject({ kind: "input", field: "chronicDisease" });
  });
  it("names typed by hand: aliases", () => {
    expect(amounts(chronic({ chronicDisease: "尿毒症透析", total: "1000" })).pooled).toBe("900.00");
    expect(amounts(chronic({ chronicDisease: "器官移植抗排异", total: "1000" })).pooled).toBe("800.00");
  });
});

describe("resident chronic diseases: every row of the table (L 第四部分 18.)", () => {
  it.each(lanzhouChronic.resident.map((d) => [d.id, d.name, d] as const))("%s %s", (_id, name, d) => {
    const expected = Math.min(Math.round((100000 * d.ratio!) / 100) * 100, d.cap!) ;
    // 苯丙酮尿症（18岁及以下儿童）pays children only (POLICY §12): that row is tried with a minor
    const a = amounts(chronic({ scheme: "resident", personType: d.id === "R08" ? "minor" : "adult", chronicDisease: name, total: "1000" }));
    expect(a.pooled).toBe(formatYuan(Math.min((100000 * d.ratio!) / 10000, d.cap!)));
    void expected;
  });
  it("46 rows in four classes: 7 + 10 + 20 + 9", () => {
    const count = (c: string) => lanzhouChronic.resident.filter((d) => d.class === c).length;
    expect([count("I"), count("II"), count("III"), count("IV")]).toEqual([7, 10, 20, 9]);
  });
  it("the cap, then 大病保险 on what stays personal (四、(一) 住院及门诊慢性特殊疾病)", () => {
    // 系统性红斑狼疮 cap 10 000, 70%; E = 20 000 → 14 000 → 10 000; p = 10 000 → base 5 000 × 60% = 3 000
    const a = amounts(chronic({ scheme: "resident", personType: "adult", chronicDisease: "系统性红斑狼疮", total: "20000" }));
    expect(a.pooled).toBe("10000.00");
    expect(a.seriousIllness).toBe("3000.00");
  });
  it("苯丙酮尿症 has no payment years in the table: none are applied", () => {
    expect(amounts(chronic({ scheme: "resident", personType: "minor", chronicDisease: "苯丙酮尿症", chronicApproved: "2000-01-01", total: "1000" })).pooled).toBe("700.00");
  });
  it("residents treated elsewhere: no rule", () => {
    expect(problem(chronic({ scheme: "resident", personType: "adult", crossRegion: "temporary", chronicDisease: "癫痫", total: "100" })).kind).toBe("no_rule");
  });
});

describe("two diseases, 两病 (L 两病 七、：不设起付线，报销比例为50%；高血压400元，糖尿病800元，合并1200元，支付年限均为5年)", () => {
  const td = (o: Record<string, unknown>) => claim({ scheme: "resident", personType: "elderly", careType: "two_disease", chronicApproved: "2019-02-20", ...o });
  it.each([
    ["高血压", "400.00"],
    ["糖尿病", "800.00"],
    ["高血压、糖尿病", "1200.00"],
  ])("%s: cap %s", (kind, cap) => {
    expect(amounts(td({ chronicDisease: kind, total: "10000" })).pooled).toBe(cap);
  });
  it("50% within the year's remaining cap", () => {
    expect(amounts(td({ chronicDisease: "高血压", total: "860", ytdFundPaid: "120" })).pooled).toBe("280.00");
    expect(amounts(td({ chronicDisease: "高血压", total: "300" })).pooled).toBe("150.00");
  });
  it("5 years from approval", () => {
    expect(problem(td({ chronicDisease: "糖尿病", chronicApproved: "2015-06-30", total: "100" })).code).toBe("chronic_period_ended");
  });
  it("not an employee benefit", () => {
    expect(problem(claim({ careType: "two_disease", chronicDisease: "高血压", chronicApproved: "2019-01-01", total: "100" })).kind).toBe("no_rule");
  });
});

describe("resident general outpatient (第三部分 二、(一)：零起付线，报销比例为70%，每人每年度累计报销不超过100元)", () => {
  const go = (o: Record<string, unknown>) => claim({ scheme: "resident", personType: "adult", careType: "general_outpatient", ...o });
  it("70%, no threshold", () => expect(amounts(go({ total: "96" })).pooled).toBe("67.20"));
  it("100 a year", () => expect(amounts(go({ total: "180", ytdFundPaid: "60" })).pooled).toBe("40.00"));
  it("employees: personal account, no pooled rule", () => expect(problem(claim({ careType: "general_outpatient", total: "100" })).kind).toBe("no_rule"));
});
