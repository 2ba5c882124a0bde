/**
 * The shared steps (src/engine/steps), each on its own over batch columns, against the seed text it
 * implements (L = 兰州市基本医疗保险政策指南, SY = 沈医保发〔2021〕22号). A step reads what earlier
 * steps wrote into the result columns; here those columns are set by hand, so each step is checked
 * alone. The compositions (the three inpatient rules) are checked end to end by the rule tests and by
 * bench/snapshot.ts.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Claim } from "../src/claim/claim";
import { allocResults, fromClaims, type ClaimColumns, type ResultColumns } from "../src/engine/columns";
import { Reader } from "../src/engine/kernel";
import { routeOf } from "../src/engine/settle";
import { work, type Step, type Work } from "../src/engine/steps/compose";
import { firstPayment, policyScope } from "../src/engine/steps/scope";
import { repeatThreshold } from "../src/engine/steps/threshold";
import { annualCap, bands, levelRatio } from "../src/engine/steps/pooled";
import { largeAmountAboveTop } from "../src/engine/steps/layers";
import { assistanceStep, seriousIllnessStep } from "../src/engine/steps/social";
import { categoryRatio, categoryThreshold, supplementary } from "../src/engine/steps/shenyang";
import { lanzhouEmployeeInpatient } from "../src/engine/kernels/lanzhouEmployeeInpatient";
import { lanzhouResidentInpatient } from "../src/engine/kernels/lanzhouResidentInpatient";
import { shenyangInpatient } from "../src/engine/kernels/shenyangInpatient";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { parseDay } from "../src/dates";
import type { Registry } from "../src/params/registry";
import { typedClaim } from "./helpers/claims";
import { seedText, squash } from "./helpers/seeds";

const base = builtinRegistry();
const D2020 = parseDay("2020-06-30")!;
const D2022 = parseDay("2022-05-01")!;
const yuan = (x: number) => Math.round(x * 100);

/** Run steps over claims, with the result columns `preset` sets first (what earlier steps would have written). */
function run(claims: Claim[], steps: Step<any>[], opts: { day?: number; reg?: Registry; preset?: (out: ResultColumns, w: Work) => void } = {}) {
  const c: ClaimColumns = fromClaims(claims);
  const out = allocResults(c.n);
  for (let i = 0; i < c.n; i++) out.route[i] = routeOf(c, i);
  const r = new Reader(opts.reg ?? base, opts.day ?? D2020);
  const compiled = steps.map((s) => s.compile(r));
  const w = work(c.n);
  w.dead.fill(0, 0, c.n);
  opts.preset?.(out, w);
  const idx = Int32Array.from({ length: c.n }, (_, i) => i);
  steps.forEach((s, k) => s.run(c, idx, 0, c.n, compiled[k], w, out, null));
  return { c, out, w };
}

const quoted = (doc: "L" | "SY", words: string) => expect(squash(seedText(doc))).toContain(squash(words));
const emp = (o: Partial<Claim> = {}) => typedClaim({ settlementDate: D2020, hospitalLevel: "3A", admissionIndex: 1, ...o });
const res = (o: Partial<Claim> = {}) => emp({ scheme: "resident", personType: "adult", ...o });

const P = "lanzhou.employee.inpatient";
const BANDS = { bands: `${P}.bands`, kernel: "lanzhou.employee.inpatient" } as const;
const THRESHOLD = { base: `${P}.threshold`, mode: `${P}.repeatMode`, step: `${P}.repeatStep`, floor: `${P}.repeatFloor`, words: "steps.threshold.lanzhouEmployee" } as const;

describe("policy scope", () => {
  it("takes out the out-of-catalog part and the class-B self share of 10% (L: 乙类…先自付10%)", () => {
    quoted("L", "乙类药品和诊疗项目，患者先自付10%后，按比例进行报销。");
    const { out } = run([emp({ total: yuan(10_000), outOfCatalog: yuan(1_000), classB: yuan(2_000) })], [policyScope({ classB: "lanzhou.classBSelfShare" })]);
    expect(out.classBSelfShare[0]).toBe(yuan(200));
    expect(out.policyScope[0]).toBe(yuan(8_800));
  });
  it("rounds the self share to the fen where it is computed (a personal amount on the statement)", () => {
    const { out } = run([emp({ total: yuan(100), classB: 5 })], [policyScope({ classB: "lanzhou.classBSelfShare" })]);
    expect(out.classBSelfShare[0]).toBe(1); // 10% × 0.05 = 0.005 → 0.01, half up
    expect(out.policyScope[0]).toBe(yuan(100) - 1);
  });
});

describe("first payment", () => {
  it("a referral out of the province pays 10% first (L: 异地转诊…个人先白付10%, slip 白付 → 自付)", () => {
    quoted("L", "异地转诊（转往省外住院治疗）人员个人先白付10%");
    const claims = [emp({ crossRegion: "referral", crossProvince: true }), emp()];
    const { out } = run(claims, [firstPayment({ kernel: "lanzhou.employee.inpatient" })], { preset: (o) => o.policyScope.fill(yuan(10_000)) });
    expect(out.firstPay[0]).toBe(yuan(1_000));
    expect(out.firstPay[1]).toBe(0); // local care: none
  });
});

describe("threshold", () => {
  it("falls by 20% from the second admission of a year, never below 50% (L 三、(四) 1.)", () => {
    quoted("L", "从第二次住院起，起付标准按定点医疗机构等级依次递减20%，但最低起付标准不能低于起付标准的50%。");
    const claims = [1, 2, 3, 4, 5].map((k) => emp({ admissionIndex: k }));
    const { out } = run(claims, [repeatThreshold(THRESHOLD)]);
    expect([...out.threshold]).toEqual([1400, 1120, 840, 700, 700].map(yuan));
  });
  it("a claim without its level or its admission count fails naming the field; the others go on", () => {
    const claims = [emp({ hospitalLevel: undefined }), emp({ admissionIndex: 0 }), emp()];
    const { out, w } = run(claims, [repeatThreshold(THRESHOLD)]);
    expect(out.problems[0]?.field).toBe("hospitalLevel");
    expect(out.problems[1]?.field).toBe("admissionIndex");
    expect([...w.dead.subarray(0, 3)]).toEqual([1, 1, 0]);
    expect(out.threshold[2]).toBe(yuan(1_400));
  });
});

describe("bands", () => {
  it("pays each band of the expense above the threshold at its rate: in service 88/92/96%, retired 91/94/97% (L 三、(四) 3.)", () => {
    quoted("L", "至10000元，在职职工个人负担12%；10000元以上至20000元，个人负担百分之8%；20000元以上至60000元，个人负担4%，退休人员统筹基金分段自付比例分别为9%、6%、3%。");
    const claims = [emp(), emp({ personType: "retired" })];
    const { w } = run(claims, [bands(BANDS)], { preset: (o) => (o.policyScope.fill(yuan(30_000)), o.threshold.fill(yuan(1_400))) });
    // 8 600 × 88% + 10 000 × 92% + 10 000 × 96%; retired 8 600 × 91% + 10 000 × 94% + 10 000 × 97%
    expect(w.pay[0]).toBe(yuan(7_568 + 9_200 + 9_600));
    expect(w.pay[1]).toBe(yuan(7_826 + 9_400 + 9_700));
  });
  it("the bands start at the threshold, not at zero: an expense under it pays nothing", () => {
    const { w } = run([emp()], [bands(BANDS)], { preset: (o) => (o.policyScope.fill(yuan(1_000)), o.threshold.fill(yuan(1_400))) });
    expect(w.pay[0]).toBe(0);
  });
});

describe("annual cap", () => {
  it("pays at most the year's 60 000 less what the fund paid this year (L: 年度最高支付限额为6万元)", () => {
    quoted("L", "统筹基金支付住院费用的年度最高支付限额为6万元。");
    const claims = [emp({ ytdFundPaid: yuan(50_000) }), emp({ ytdFundPaid: yuan(70_000) }), emp()];
    const { out } = run(claims, [annualCap({ cap: `${P}.annualCap`, words: "lanzhouEmployee" })], { preset: (_, w) => w.pay.fill(yuan(26_368), 0, 3) });
    expect([...out.pooled.subarray(0, 3)]).toEqual([yuan(10_000), 0, yuan(26_368)]);
  });
});

describe("大额", () => {
  const steps = [bands(BANDS), annualCap({ cap: `${P}.annualCap`, words: "lanzhouEmployee" }), largeAmountAboveTop({ ratio: "lanzhou.employee.largeAmount.ratio", bands: BANDS })];
  const preset = (o: ResultColumns) => (o.policyScope.fill(yuan(70_000)), o.threshold.fill(yuan(1_400)));
  it("pays 90% of the expense above the bands' top of 60 000 (L 三、(四) 4.)", () => {
    quoted("L", "参保人员住院费用超出统筹基金年度最高支付限额以上符合《三个目录》的范围的部分，由大额医疗保险基金支付90%，上不封顶。");
    const { out } = run([emp()], steps, { preset });
    expect(out.pooled[0]).toBe(yuan(7_568 + 9_200 + 38_400));
    expect(out.largeAmount[0]).toBe(yuan(9_000));
  });
  it("and 90% of the expense the annual cap left unpaid, from the point where the cap was reached (POLICY §5)", () => {
    // the cap leaves 10 000: reached at 10 000 + 2 432 / 92% = 12 643.478…; 90% × (10 000 + 60 000 − 12 643.478…)
    const { out } = run([emp({ ytdFundPaid: yuan(50_000) })], steps, { preset });
    expect(out.pooled[0]).toBe(yuan(10_000));
    expect(out.largeAmount[0]).toBe(5_162_087);
  });
});

describe("大病保险 and 医疗救助 (residents)", () => {
  const preset = (o: ResultColumns) => (o.policyScope.fill(yuan(20_000)), o.pooled.fill(yuan(12_000)));
  it("大病 pays the part of the year's personal burden above 5 000 at 60% for the first 10 000 (L 第三部分 四、(一))", () => {
    quoted("L", "个人白付政策范围内医疗费用超过起付线5000元以上的部分作为补偿基数");
    quoted("L", "补偿基数为：0—1万元（含1万元）报销60%");
    // this claim's burden 8 000 on 4 000 earlier: the base rises from 0 to 7 000
    const { out } = run([res({ ytdPersonalInPolicy: yuan(4_000) })], [seriousIllnessStep()], { preset });
    expect(out.seriousIllness[0]).toBe(yuan(4_200));
  });
  it("救助 pays at least 70% of what stays personal after 大病, for the poor only (L 第四部分 11.(3))", () => {
    quoted("L", "经基本医保、大病保险报销后剩余的个人自付部分，按照不低于70%的比例给予医疗救助。");
    const claims = [res({ povertyStatus: "low_income" }), res()];
    const { out } = run(claims, [seriousIllnessStep(), assistanceStep()], { preset });
    const left = yuan(20_000 - 12_000) - out.seriousIllness[0]!;
    expect(out.assistance[0]).toBe(Math.round(left * 0.7));
    expect(out.assistance[1]).toBe(0);
  });
});

describe("level ratio (Lanzhou residents)", () => {
  it("pays the level's ratio of the expense above the threshold: 3A 60% (L 第三部分 二、(三))", () => {
    quoted("L", "三级甲等60%");
    const step = levelRatio({ ratio: "lanzhou.resident.inpatient.ratio", poorRaise: "lanzhou.resident.inpatient.povertyRaise", poorReading: "lanzhou.resident.inpatient.povertyRaiseReading", tcmRaise: "lanzhou.resident.inpatient.tcmRaise" });
    const { w } = run([res({ settlementDate: D2022 })], [step], { day: D2022, preset: (o) => (o.policyScope.fill(yuan(10_000)), o.threshold.fill(yuan(1_000))) });
    expect(w.pay[0]).toBe(yuan(5_400));
  });
});

describe("Shenyang's category steps", () => {
  const table = readParamTable(base, parseCsv(readFileSync(join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8")));
  const reg = base.withOverrides("example", table.overrides);
  const sy = (o: Partial<Claim>) => emp({ insuredPlace: "shenyang", settlementDate: D2022, ...o });
  it("a referral keeps its level's threshold however many admissions (SY 四、: 起付标准不变), at SY's 75% for employees", () => {
    quoted("SY", "职工统筹基金起付标准不变,报销比例调整为75%");
    const claims = [sy({ crossRegion: "referral", crossProvince: true, admissionIndex: 3 }), sy({ crossRegion: "referral", crossProvince: true, admissionIndex: 1 })];
    const { out, w } = run(claims, [categoryThreshold("shenyang"), categoryRatio("shenyang")], { day: D2022, reg, preset: (o) => o.policyScope.fill(yuan(10_000)) });
    expect(out.threshold[0]).toBe(out.threshold[1]);
    expect(w.ratio[0]).toBe(7_500);
    expect(w.pay[0]).toBe(Math.round((yuan(10_000) - out.threshold[0]!) * 0.75));
  });
  it("补充险 pays the personal burden by SY's bands: above 600 20%, above 800 25%, above 1 000 30%, above 3 000 35% (referral)", () => {
    quoted("SY", "600(不含600元,下同)-800元补偿比例 20%、 800-1000元补偿比例25%、1000-3000元补偿比例30% 3000元以上补偿比例35%");
    const claims = [sy({ crossRegion: "referral", crossProvince: true })];
    const { out } = run(claims, [categoryThreshold("shenyang"), supplementary("shenyang")], { day: D2022, reg, preset: (o) => (o.policyScope.fill(yuan(5_000)), o.pooled.fill(yuan(1_000))) });
    // burden 4 000 (the reading without the class-B share): 200 × 20% + 200 × 25% + 2 000 × 30% + 1 000 × 35%
    expect(out.supplementary[0]).toBe(yuan(40 + 50 + 600 + 350));
  });
});

describe("the three inpatient rules are compositions of these steps (data)", () => {
  it("lists each rule's steps and parameter set", () => {
    expect(lanzhouEmployeeInpatient.composition.steps.map((s) => s.name)).toEqual(["policyScope", "firstPayment", "threshold", "bands", "annualCap", "largeAmount", "subsidy"]);
    expect(lanzhouResidentInpatient.composition.steps.map((s) => s.name)).toEqual(["policyScope", "tcmWithinScope", "threshold", "ratio", "annualCap", "seriousIllness", "assistance"]);
    expect(shenyangInpatient.composition.steps.map((s) => s.name)).toEqual(["policyScope", "threshold", "ratio", "annualCap", "largeAmount", "supplementary", "seriousIllness"]);
    for (const k of [lanzhouEmployeeInpatient, lanzhouResidentInpatient, shenyangInpatient]) for (const id of k.composition.params) expect(base.has(id), id).toBe(true);
  });
});
