/**
 * Liaoning's bounds on temporary care (LN 第二十三条; POLICY §9) and filing validity (LN 第十六、十八条;
 * POLICY §11).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { boundsFrom, checkLiaoningBounds, shenyangTerms, type CityTerms } from "../src/policy/liaoningBounds";
import { filingRules, LN_FILING, longTermChangeAllowed, promisedMaterials, referralFilingCovers } from "../src/policy/filing";
import { AuditRun } from "../src/audit/audit";
import { Engine } from "../src/engine/settle";
import { formatDay, parseDay } from "../src/dates";

const d = (s: string) => parseDay(s)!;
const day = d("2023-06-01");
const base = builtinRegistry();
const example = base.withOverrides("example", readParamTable(base, parseCsv(readFileSync(join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8"))).overrides);

describe("LN 第二十三条 bounds", () => {
  it("the bounds are parameters: 2.5×, 10 points (referral, emergency, merged), 20 points (temporary)", () => {
    expect(boundsFrom(base, day)).toEqual({
      referral: { thresholdTimes10: 25, maxCut: 1000 },
      emergency: { thresholdTimes10: 25, maxCut: 1000 },
      temporary: { thresholdTimes10: 25, maxCut: 2000 },
      merged: { thresholdTimes10: 25, maxCut: 1000 },
    });
  });
  const city = (tCat: number, rCat: number, cat: "referral" | "temporary" = "referral"): CityTerms => ({
    city: "test",
    groups: [{ label: { zh: "职工", en: "employees" }, local: { threshold: { "2": 40_000 }, ratio: { "2": 9000 } }, categories: { [cat]: { threshold: { "2": tCat }, ratio: { "2": rCat }, basis: { zh: "", en: "" } } } }],
  });
  it.each([
    [100_000, 8000, "referral", 0], // exactly 2.5× and exactly 10 points: allowed
    [100_001, 8000, "referral", 1], // one fen above 2.5×
    [100_000, 7999, "referral", 1], // 10.01 points
    [40_000, 7000, "temporary", 0], // 20 points for non-emergency, non-referred care
    [40_000, 6999, "temporary", 1],
  ] as const)("threshold %i, ratio %i bp, %s: %i breach", (t, r, cat, n) => {
    const rep = checkLiaoningBounds(city(t, r, cat), boundsFrom(base, day));
    expect(rep.breaches).toHaveLength(n);
    for (const b of rep.breaches) expect(b.ref.section).toBe("第二十三条");
  });
  it("Shenyang without its base figures: nothing passes unchecked; the conditions SY's ratios must meet are stated", () => {
    const rep = checkLiaoningBounds(shenyangTerms(base, day));
    expect(rep.breaches).toEqual([]);
    const text = rep.unchecked.map((u) => u.message.en).join("\n");
    expect(text).toMatch(/ratio is 75%; it complies only if the same-level local ratio is at most 85%/);
    expect(text).toMatch(/ratio is 60%; it complies only if the same-level local ratio is at most 80%/);
    expect(text).toMatch(/residents: adults and the elderly, referral, level 3A: .* at most 70%/);
  });
  it("Shenyang with the example base: every breach listed with the article", () => {
    const rep = checkLiaoningBounds(shenyangTerms(example, day), boundsFrom(example, day));
    const keys = rep.breaches.map((b) => `${b.group.en}/${b.category}/${b.level}/${b.what}`).sort();
    expect(keys).toEqual(
      [
        "employees/referral/1/ratio", "employees/referral/2/ratio", "employees/referral/3B/ratio",
        "employees/temporary/1/ratio", "employees/temporary/2/ratio", "employees/temporary/3B/ratio", "employees/temporary/3A/ratio",
        "employees/emergency/1/ratio", "employees/emergency/1/threshold",
        "residents: adults and the elderly/referral/1/ratio", "residents: adults and the elderly/referral/2/ratio",
        "residents: adults and the elderly/temporary/1/ratio", "residents: adults and the elderly/temporary/2/ratio",
        "residents: adults and the elderly/emergency/1/ratio", "residents: adults and the elderly/emergency/2/ratio",
        "residents: adults and the elderly/emergency/1/threshold", "residents: students and minors/emergency/1/ratio",
        "residents: students and minors/emergency/2/ratio", "residents: students and minors/emergency/1/threshold",
      ].sort(),
    );
    expect(rep.unchecked).toEqual([]);
  });
  it("an analyst's edited set is checked the same way", () => {
    const edited = example.withOverrides("lower local ratios", [{ id: "shenyang.employee.ratio", key: "1", value: 8500 }]);
    const rep = checkLiaoningBounds(shenyangTerms(edited, day));
    expect(rep.breaches.some((b) => b.group.en === "employees" && b.category === "referral" && b.level === "1")).toBe(false);
  });
});

describe("filing validity (LN 第十六、十八条)", () => {
  it("a referral filing is valid 6 months; an admission inside counts whatever the discharge date", () => {
    expect(referralFilingCovers(d("2023-01-15"), d("2023-07-14")).ok).toBe(true);
    const late = referralFilingCovers(d("2023-01-15"), d("2023-07-15"));
    expect(late.ok).toBe(false);
    expect(formatDay(late.until)).toBe("2023-07-14");
    expect(referralFilingCovers(d("2023-01-15"), d("2023-01-14")).ok).toBe(false);
  });
  it("a long-term filing is locked for 6 months", () => {
    expect(longTermChangeAllowed(d("2023-03-31"), d("2023-09-30")).ok).toBe(true);
    expect(longTermChangeAllowed(d("2023-03-31"), d("2023-09-29")).ok).toBe(false);
  });
  it("promised materials: due in 6 months; late means cancellation and a 12-month ban", () => {
    expect(promisedMaterials(d("2023-02-01"), d("2023-07-31"), d("2023-09-01")).ok).toBe(true);
    const miss = promisedMaterials(d("2023-02-01"), undefined, d("2023-09-01"));
    expect(miss.ok).toBe(false);
    expect(formatDay(miss.cancelledOn!)).toBe("2023-08-01");
    expect(formatDay(miss.banUntil!)).toBe("2024-07-31");
    expect(promisedMaterials(d("2023-02-01"), undefined, d("2023-05-01")).ok).toBe(true);
  });
});

describe("filing validity in the audit reads its dated parameters (LN 第十八条：异地转诊就医备案有效期6个月; 第五十六条：本办法自 2023 年 1 月 1 日起实施)", () => {
  const H = ["编号", "参保地", "险种", "人员类别", "就医类型", "异地类别", "跨省", "结算方式", "医院等级", "本年住院次数", "入院日期", "备案日期", "总费用"];
  const claim = (id: string, filed: string, admitted: string) => [id, "沈阳", "职工", "在职", "住院", "异地转诊", "是", "手工报销", "三级甲等", 1, admitted, filed, 10000];
  it("a 12-month validity supplied in a parameter table is the one used", () => {
    const twelve = new Engine(example.withOverrides("12 months", [{ id: "liaoning.filing.referralMonths", value: 12 }]));
    const six = new AuditRun(H, [claim("A", "2023-02-01", "2023-10-01")], { engine: new Engine(example) }).finish();
    expect(six.rows[0]!.reasons.map((t) => t.zh).join()).toMatch(/备案已过期.*2023-07-31/);
    const r = new AuditRun(H, [claim("A", "2023-02-01", "2023-10-01")], { engine: twelve }).finish();
    expect(r.rows[0]!.reasons.map((t) => t.zh).join()).not.toMatch(/备案已过期/);
  });
  it("admissions before LN's date in force are not checked, and the report says so once", () => {
    const r = new AuditRun(H, [claim("A", "2022-01-01", "2022-09-01"), claim("B", "2022-01-01", "2022-10-01")], { engine: new Engine(example) }).finish();
    expect(r.rows.every((x) => !x.reasons.some((t) => /备案已过期/.test(t.zh)))).toBe(true);
    expect(r.notes.map((n) => n.zh).join()).toMatch(/2 笔沈阳转诊报销单的入院日期早于辽医保发〔2022〕19号施行日期 2023-01-01/);
  });
  it("the parameters are read by filingRules at the day, and the long-term lock message uses them", () => {
    expect(filingRules(base, d("2022-12-31"))).toBeNull();
    expect(filingRules(base, d("2023-01-01"))).toEqual({ referralMonths: 6, longTermLockMonths: 6, promiseMonths: 6, banMonths: 12 });
    expect(longTermChangeAllowed(d("2023-03-31"), d("2023-06-01"), { ...LN_FILING, longTermLockMonths: 3 }).message.zh).toMatch(/3 个月/);
  });
});
