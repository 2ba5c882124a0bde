/**
 * Shenyang insured treated elsewhere (SY 沈医保发〔2021〕22号; POLICY §8). SY's own figures are built in;
 * Shenyang's base thresholds, ratios and caps are not in the documents and come from a parameter
 * table the user supplies (here the example file, which is marked as an example).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable, paramTable, tableToCells } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { amounts, problem, settle, typedClaim } from "./helpers/claims";
import { fromClaims } from "../src/engine/columns";
import { parseDay } from "../src/dates";

const cells = parseCsv(readFileSync(join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8"));
const table = readParamTable(builtinRegistry(), cells);
const example = new Engine(builtinRegistry().withOverrides("shenyang-base.EXAMPLE.csv", table.overrides));

const sy = (o: Record<string, unknown>) => ({
  id: "S",
  insuredPlace: "shenyang",
  scheme: "employee",
  personType: "in_service",
  careType: "inpatient",
  crossRegion: "referral",
  settlement: "manual",
  admissionDate: "2022-03-01",
  hospitalLevel: "3A",
  admissionIndex: 1,
  total: "0",
  ...o,
});

describe("without Shenyang's base figures", () => {
  it("the example file reads cleanly", () => expect(table.problems).toEqual([]));
  it("a claim that needs one gets an error naming the parameter, never a guess", () => {
    const p = problem(sy({ total: "30000" }));
    expect(p).toMatchObject({ kind: "no_rule", field: "shenyang.classBSelfShare" });
    expect(p.message.zh).toMatch(/samples\/shenyang-base.EXAMPLE.csv/);
  });
  it("the rules before 2021-07-01 are not in the documents", () => {
    expect(problem(sy({ admissionDate: "2021-06-30", total: "30000" }), example).kind).toBe("no_rule");
  });
});

describe("referral and temporary care (SY 四、)", () => {
  it("employee referral: base threshold, 75%, 补充险 by SY's bands on the personal burden", () => {
    // E = 27 600; T = 900 (not reduced on the 2nd admission); (27 600 − 900) × 75% = 20 025;
    // 补充险 on 7 575: 200×20% + 200×25% + 2 000×30% + 4 575×35% = 2 291.25
    const a = amounts(sy({ admissionIndex: 2, total: "30000", outOfCatalog: "2000", classB: "4000" }), example);
    expect(a.threshold).toBe("900.00");
    expect(a.pooled).toBe("20025.00");
    expect(a.supplementary).toBe("2291.25");
    expect(a.personal).toBe("5683.75");
  });
  it.each([
    ["adult", "temporary", "3800.00"], // (8 000 − 400) × 50%
    ["elderly", "referral", "4560.00"], // × 60%
    ["student", "referral", "5700.00"], // × 75%
    ["minor", "temporary", "4560.00"], // × 60%
  ])("resident %s, %s: pooled %s", (personType, crossRegion, pooled) => {
    expect(amounts(sy({ scheme: "resident", personType, crossRegion, hospitalLevel: "2", total: "8000" }), example).pooled).toBe(pooled);
  });
  it("employee temporary: 60% and the 10/15/20/25% bands", () => {
    // (20 000 − 500) × 60% = 11 700; 补充险 on 20 000 − 11 700 = 8 300: 20 + 30 + 400 + 5 300 × 25% = 1 775
    const a = amounts(sy({ crossRegion: "temporary", hospitalLevel: "2", total: "20000" }), example);
    expect(a.pooled).toBe("11700.00");
    expect(a.supplementary).toBe("1775.00");
  });
  it("the annual cap, and what lies above it exactly", () => {
    // room 5 000 reached at 900 + 5 000 / 0.75 = 7 566.67; above: 90% × (29 100 − 6 666.67) = 20 190.00
    const a = amounts(sy({ total: "30000", ytdFundPaid: "395000" }), example);
    expect(a.pooled).toBe("5000.00");
    expect(a.largeAmount).toBe("20190.00");
  });
});

describe("emergencies elsewhere (SY 三、(二); LN 第九条)", () => {
  const em = (o: Record<string, unknown>) => sy({ crossRegion: "emergency", hospitalLevel: "2", personType: "retired", total: "20000", ...o });
  it("elsewhere: 特三级's threshold and ratio", () => {
    const a = amounts(em({}), example);
    expect(a.threshold).toBe("1200.00");
    expect(a.pooled).toBe("15040.00"); // (20 000 − 1 200) × 80%
  });
  it("in the filed place (long-term residents, interns, students at home): normal terms of the level", () => {
    const a = amounts(em({ inFiledPlace: "是" }), example);
    expect(a.threshold).toBe("500.00");
    expect(a.pooled).toBe("17550.00"); // 19 500 × 90%
  });
  it("the condition is met: emergency terms, the trace shows the criterion", () => {
    const r = settle(em({ emergencyCondition: "休克", emergencyFindings: "收缩压=75;乳酸=3.5" }), example);
    expect(r.threshold).toBe(120000);
    expect(r.trace.map((s) => s.title.zh).join()).toMatch(/急危重病标准：休克/);
  });
  it("the condition is not met: settled as temporary care (LN 第九条)", () => {
    const r = settle(em({ emergencyCondition: "休克", emergencyFindings: "收缩压=90;乳酸=2" }), example);
    expect(r.rule!.en).toMatch(/temporary/);
    expect(r.layers.pooled).toBe(1_170_000); // (20 000 − 500) × 60%
  });
  it("findings missing: an error that lists them", () => {
    const p = problem(em({ emergencyCondition: "休克", emergencyFindings: "收缩压=75" }), example);
    expect(p).toMatchObject({ kind: "input", field: "emergencyFindings" });
    expect(p.message.zh).toMatch(/乳酸/);
  });
  it("an unknown condition name: the closest names", () => {
    expect(problem(em({ emergencyCondition: "休克了", emergencyFindings: "" }), example).message.zh).toMatch(/休克/);
  });
});

describe("local terms and what the documents do not give", () => {
  it("a university student in resident insurance: local terms (LN 第二十三条)", () => {
    expect(amounts(sy({ scheme: "resident", personType: "student", crossRegion: "student_away", total: "10000" }), example).pooled).toBe("5980.00"); // (10 000 − 800) × 65%
  });
  it("how Shenyang reduces a local repeat admission's threshold is not in the documents", () => {
    expect(problem(sy({ crossRegion: "local", admissionIndex: 2, total: "10000" }), example)).toMatchObject({ kind: "no_rule", code: "shenyang_repeat_admission" });
  });
  it("outpatient chronic care follows Shenyang's own rules, not in the documents", () => {
    expect(problem(sy({ careType: "chronic", crossRegion: "long_term", chronicDisease: "高血压", total: "100" }), example).kind).toBe("no_rule");
  });
  it("outpatient emergency rescue elsewhere: the temporary category's ratio (SY 三、(一))", () => {
    expect(amounts(sy({ careType: "emergency_outpatient", crossRegion: "emergency", total: "1000" }), example).pooled).toBe("540.00"); // (1 000 − 100) × 60%
  });
});

describe("the parameter table round trip (reforms as cells)", () => {
  const day = parseDay("2022-03-01")!;
  it("writes every value as of a date, and reading it back changes nothing", () => {
    const rows = paramTable(example.registry, "shenyang", day);
    expect(rows.find((r) => r.id === "shenyang.employee.referral.ratio")!.value).toBe("0.75");
    const back = readParamTable(example.registry, tableToCells(rows));
    expect(back.problems).toEqual([]);
    const again = new Engine(example.registry.withOverrides("round trip", back.overrides));
    expect(amounts(sy({ total: "30000" }), again)).toEqual(amounts(sy({ total: "30000" }), example));
  });
  it("an edited ratio in a cell is a scenario", () => {
    const rows = tableToCells(paramTable(example.registry, "shenyang", day));
    const i = rows.findIndex((r) => r[0] === "shenyang.employee.referral.ratio");
    rows[i]![3] = "0.80";
    const s = new Engine(example.registry.withOverrides("80%", readParamTable(example.registry, rows).overrides));
    expect(amounts(sy({ total: "10900" }), s).pooled).toBe("8000.00"); // (10 900 − 900) × 80%
  });
  it("bad rows are named by row and column", () => {
    const { problems } = readParamTable(builtinRegistry(), [["参数", "键", "取值"], ["shenyang.nope", "", "1"], ["shenyang.employee.threshold", "4A", "100"], ["shenyang.employee.referral.ratio", "", "75"]]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([[2, "parameter"], [3, "key"], [4, "value"]]);
  });
});

describe("困难群体 referred inside the province (LN 第二十三条：符合规定的困难群体在省域内按规定转诊，住院起付标准连续计算，执行参保地本地就医待遇标准; POLICY §9)", () => {
  const poor = (o: Record<string, unknown>) => sy({ scheme: "resident", personType: "adult", povertyStatus: "low_income", admissionDate: "2023-03-01", crossProvince: "否", total: "10000", ...o });
  it("a low-income resident referred in the province gets the local 65% at 3A, not SY's 60% (5 980, not 5 520)", () => {
    expect(amounts(poor({ referralThresholdPaid: "0" }), example).pooled).toBe("5980.00"); // (10 000 − 800) × 65%
    expect(amounts(poor({ povertyStatus: "none" }), example).pooled).toBe("5520.00"); // (10 000 − 800) × 60%
  });
  it("the threshold is counted on from the referring stay: 800 − 300 already paid = 500", () => {
    const r = settle(poor({ referralThresholdPaid: "300", admissionIndex: 2 }), example);
    expect(r.threshold).toBe(50_000);
    expect(r.layers.pooled).toBe(617_500); // (10 000 − 500) × 65%
    expect(r.trace.map((t) => t.title.zh).join()).toMatch(/连续计算/);
  });
  it("without the threshold paid before, or without the cross-province flag, the error names the field", () => {
    expect(problem(poor({}), example)).toMatchObject({ kind: "input", field: "referralThresholdPaid" });
    expect(problem(poor({ crossProvince: undefined, referralThresholdPaid: "0" }), example)).toMatchObject({ kind: "input", field: "crossProvince" });
  });
  it("out of the province, and before LN 2022 is in force (2023-01-01), SY's referral terms apply", () => {
    expect(amounts(poor({ crossProvince: "是", referralThresholdPaid: "0" }), example).pooled).toBe("5520.00");
    expect(amounts(poor({ admissionDate: "2022-12-31", referralThresholdPaid: "0" }), example).pooled).toBe("5520.00");
  });
  it("an employee: local ratio and the local 补充险 bands", () => {
    // T 900 − 0; (20 000 − 900) × 85% = 16 235; burden 3 765 on the local bands: 400×30% + 2 000×40% + 765×50% = 1 302.50
    const a = amounts(poor({ scheme: "employee", personType: "in_service", povertyStatus: "extreme_poor", total: "20000", referralThresholdPaid: "0" }), example);
    expect([a.pooled, a.supplementary]).toEqual(["16235.00", "1302.50"]);
  });
});

describe("readings and partial settlements of the Shenyang set", () => {
  const em = (o: Record<string, unknown>) => sy({ crossRegion: "emergency", hospitalLevel: "2", personType: "retired", total: "20000", ...o });
  it("emergencies elsewhere: the 补充险 bands are a switch (POLICY §8 is silent; default the local bands, SY 三、(二))", () => {
    expect(amounts(em({}), example).supplementary).toBe("1900.00");
    const referral = new Engine(example.registry.withOverrides("referral bands", [{ id: "shenyang.employee.supplementary.emergencyBands", value: "referral" }]));
    expect(amounts(em({}), referral).supplementary).toBe("1376.00"); // 200×20% + 200×25% + 2 000×30% + 1 960×35%
  });
  it("a table without one person type's referral ratio (SY 四、(一) gives it by person type): that claim's error names the ratio and the key; the batch settles the rest", () => {
    // before: the step looked the problem up without its key, and the whole batch threw "No problem recorded"
    const noStudent = new Engine(example.registry.withOverrides("no student referral ratio", [{ id: "shenyang.resident.referral.ratio", key: "student", value: null }]));
    const student = sy({ scheme: "resident", personType: "student", total: "30000" });
    expect(problem(student, noStudent)).toMatchObject({ code: "param_missing", field: "shenyang.resident.referral.ratio", value: "student" });
    const claims = [typedClaim({ insuredPlace: "shenyang", scheme: "resident", personType: "student", crossRegion: "referral", settlement: "manual", admissionDate: parseDay("2022-03-01")!, hospitalLevel: "3A", admissionIndex: 1, total: 3_000_000 }), typedClaim({ insuredPlace: "shenyang", scheme: "resident", personType: "adult", crossRegion: "referral", settlement: "manual", admissionDate: parseDay("2022-03-01")!, hospitalLevel: "3A", admissionIndex: 1, total: 3_000_000 })];
    const out = noStudent.settleColumns(fromClaims(claims));
    expect(out.problems[0]).toMatchObject({ code: "param_missing", value: "student" });
    expect(out.problems[1]).toBeFalsy();
    expect(out.pooled[1]).toBe(settle(sy({ scheme: "resident", personType: "adult", total: "30000" }), noStudent).layers.pooled);
  });
  it("a layer the user has not supplied is not computable; the pooled fund stands (POLICY §12)", () => {
    const noLocal = new Engine(example.registry.withOverrides("no local bands", [{ id: "shenyang.employee.supplementary.local", value: null }]));
    const r = settle(em({}), noLocal);
    expect(r.ok).toBe(true);
    expect(r.layers.pooled).toBe(1_504_000);
    expect(r.layers.supplementary).toBeNaN();
    expect(r.incomplete![0]).toMatchObject({ layer: "supplementary", parameter: "shenyang.employee.supplementary.local" });
  });
});

describe("the Shenyang readings, each through its switch", () => {
  it("shenyang.employee.supplementary.base (SY 四、(一) does not name the base): with the class-B self share the burden is 400 higher", () => {
    const c = sy({ admissionIndex: 2, total: "30000", outOfCatalog: "2000", classB: "4000" });
    const withB = new Engine(example.registry.withOverrides("with class B", [{ id: "shenyang.employee.supplementary.base", value: "with_class_b_share" }]));
    expect(amounts(c, example).supplementary).toBe("2291.25");
    expect(amounts(c, withB).supplementary).toBe("2431.25"); // 7 975: 40 + 50 + 600 + 4 975 × 35%
  });
  it("shenyang.crossRegion.noThresholdReduction (SY 四、: 起付标准不享受减免政策) is the parameter the threshold step cites", () => {
    const r = settle(sy({ admissionIndex: 3, total: "10000" }), example);
    expect(r.threshold).toBe(90_000);
    expect(r.trace.find((t) => t.key === "threshold")!.params).toContain("shenyang.crossRegion.noThresholdReduction");
  });
  it("shenyang.referral.poorInProvince is dated: SY's referral terms before 2023-01-01, LN art. 23's local terms from then, and a table can choose either", () => {
    const reg = example.registry;
    expect(reg.value("shenyang.referral.poorInProvince", parseDay("2022-12-31")!)).toBe("referral_terms");
    expect(reg.value("shenyang.referral.poorInProvince", parseDay("2023-01-01")!)).toBe("local_terms");
    const sy60 = new Engine(reg.withOverrides("SY terms", [{ id: "shenyang.referral.poorInProvince", value: "referral_terms" }]));
    const c = sy({ scheme: "resident", personType: "adult", povertyStatus: "low_income", admissionDate: "2023-03-01", crossProvince: "否", total: "10000" });
    expect(amounts(c, sy60).pooled).toBe("5520.00");
  });
});
