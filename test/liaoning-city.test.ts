/**
 * The liaoning-city policy set (docs/liaoning-city.md): a Liaoning city other than Shenyang settles
 * its inpatient claims from a base table a user supplies, within the provincial rules of
 * LN 辽医保发〔2022〕19号:
 *
 * - 第二十条 "基本医疗保险基金的起付标准、支付比例、最高支付限额……执行参保地规定": the city's figures
 *   come from its own table; without it a claim is refused (never Shenyang's figures).
 * - 第二十三条 "起付标准上调幅度不超过 2.5 倍；异地转诊就医和异地急诊抢救支付比例下调幅度不超过 10 个
 *   百分点，非急诊且未转诊临时外出就医支付比例下调幅度不超过 20 个百分点；整合实施一种临时就医备案类别
 *   的统筹区，临时就医支付比例下调幅度不超过 10 个百分点": a table that breaks a bound is refused.
 * - 第二十二条 (long-term residents: local terms) and 第二十三条 (university students: local terms;
 *   困难群体 referred inside the province: local terms, threshold counted on).
 *
 * Chaoyang is the worked example: samples/chaoyang-base.EXAMPLE.csv (example figures, marked).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { amounts, problem, settle } from "./helpers/claims";
import { checkCity } from "../src/policy/liaoningCity";
import { parseDay } from "../src/dates";
import type { RawRecord } from "../src/claim/validate";

const base = builtinRegistry();
const sample = (f: string) => parseCsv(readFileSync(join(__dirname, "..", "samples", f), "utf8"));
const CY_CELLS = sample("chaoyang-base.EXAMPLE.csv");
const cyTable = readParamTable(base, CY_CELLS);
const chaoyang = new Engine(base.withOverrides("chaoyang-base.EXAMPLE.csv", cyTable.overrides));

const cy = (o: RawRecord): RawRecord => ({
  id: "CY",
  insuredPlace: "朝阳市",
  scheme: "employee",
  personType: "in_service",
  careType: "inpatient",
  crossRegion: "local",
  settlement: "manual",
  admissionDate: "2023-06-01",
  hospitalLevel: "3A",
  admissionIndex: 1,
  total: "0",
  ...o,
});

/** The example table with some rows replaced (by id and key) or added. */
function edited(replace: Record<string, string | null>, add: string[][] = []): string[][] {
  const [head, ...rows] = CY_CELLS as string[][];
  const out = rows.filter((r) => replace[`${r[0]}|${r[1]}`] !== null).map((r) => (replace[`${r[0]}|${r[1]}`] !== undefined ? [r[0]!, r[1]!, r[2]!, replace[`${r[0]}|${r[1]}`]!, r[4]!] : r));
  return [head!, ...out, ...add];
}

describe("the Chaoyang example table", () => {
  it("reads cleanly, every row marked as an example", () => {
    expect(cyTable.problems).toEqual([]);
    for (const r of CY_CELLS.slice(1)) expect(r[4]).toMatch(/EXAMPLE ONLY/);
    expect(cyTable.overrides.every((o) => o.example)).toBe(true);
  });
  it("says which figures a claim could need and the table leaves out (特三级), without defaulting them", () => {
    const missing = cyTable.notes.map((n) => n.message.en);
    expect(missing).toHaveLength(4);
    for (const id of ["chaoyang.employee.threshold:3S", "chaoyang.employee.ratio:3S", "chaoyang.resident.threshold:3S", "chaoyang.resident.ratio:3S"]) expect(missing.join("\n")).toContain(id);
  });
  it("the CLI's loader is the same reader: the table is a --params file", () => {
    expect(CY_CELLS[0]).toEqual(["参数", "键", "生效日期", "取值", "依据"]);
  });
});

describe("Chaoyang claims, settled by hand (example figures)", () => {
  it("local 3A employee: E = 20 000 − 1 000 − 10% × 2 000 = 18 800; (18 800 − 800) × 85% = 15 300", () => {
    const a = amounts(cy({ total: "20000", outOfCatalog: "1000", classB: "2000" }), chaoyang);
    expect(a).toMatchObject({ policyScope: "18800.00", threshold: "800.00", pooled: "15300.00", largeAmount: "0.00", supplementary: "0.00", personal: "3700.00" });
  });
  it("referral (LN 第二十三条): threshold 800 × 1.5 = 1 200, ratio 80% (85% − 5 points): (18 800 − 1 200) × 80% = 14 080", () => {
    const a = amounts(cy({ crossRegion: "referral", crossProvince: "否", total: "20000", outOfCatalog: "1000", classB: "2000" }), chaoyang);
    expect(a).toMatchObject({ threshold: "1200.00", pooled: "14080.00", personal: "4920.00" });
  });
  it("resident adult, temporary care at level 2: threshold 300 × 2 = 600, 60%: (8 000 − 600) × 60% = 4 440; 大病 nothing below 12 000", () => {
    const a = amounts(cy({ scheme: "resident", personType: "adult", crossRegion: "temporary", hospitalLevel: "2", total: "8000" }), chaoyang);
    expect(a).toMatchObject({ threshold: "600.00", pooled: "4440.00", seriousIllness: "0.00", personal: "3560.00" });
  });
  it("resident student, emergency elsewhere at 3B: 500 × 1, 70%: pooled 34 650; 大病 (10 000 + 15 350 − 12 000) × 60% = 8 010", () => {
    const a = amounts(cy({ scheme: "resident", personType: "student", crossRegion: "emergency", hospitalLevel: "3B", total: "50000", ytdPersonalInPolicy: "10000" }), chaoyang);
    expect(a).toMatchObject({ threshold: "500.00", pooled: "34650.00", seriousIllness: "8010.00", personal: "7340.00" });
  });
  it("the annual cap: room 5 000 of 300 000; 大额 85% × (29 200 − 5 000 / 85%) = 19 820", () => {
    const a = amounts(cy({ personType: "retired", total: "30000", ytdFundPaid: "295000" }), chaoyang);
    expect(a).toMatchObject({ pooled: "5000.00", largeAmount: "19820.00", personal: "5180.00" });
  });
  it("long-term residents (第二十二条) and resident university students away (第二十三条): local terms", () => {
    expect(amounts(cy({ crossRegion: "long_term", total: "20000", outOfCatalog: "1000", classB: "2000" }), chaoyang).pooled).toBe("15300.00");
    expect(amounts(cy({ scheme: "resident", personType: "student", crossRegion: "student_away", hospitalLevel: "2", total: "8000" }), chaoyang)).toMatchObject({ threshold: "300.00", pooled: "5775.00" });
  });
  it("困难群体 referred inside the province (第二十三条): local terms, the threshold counted on from the referring stay", () => {
    const a = amounts(cy({ crossRegion: "referral", crossProvince: "否", povertyStatus: "low_income", referralThresholdPaid: "500", total: "20000", outOfCatalog: "1000", classB: "2000" }), chaoyang);
    // T = 800 − 500 = 300, local 85%: (18 800 − 300) × 85% = 15 725
    expect(a).toMatchObject({ threshold: "300.00", pooled: "15725.00" });
  });
  it("repeat admissions elsewhere: the table says no reduction, so the full threshold × multiple", () => {
    expect(amounts(cy({ crossRegion: "referral", crossProvince: "否", admissionIndex: 3, total: "20000" }), chaoyang).threshold).toBe("1200.00");
  });
  it("a repeat local admission: how Chaoyang reduces it is not in the documents", () => {
    expect(problem(cy({ admissionIndex: 2, total: "20000" }), chaoyang)).toMatchObject({ kind: "no_rule", code: "city_repeat_admission" });
  });
  it("the emergency list applies (LN 第九条): a condition whose criterion is not met is settled as temporary care", () => {
    const r = settle(cy({ crossRegion: "emergency", emergencyCondition: "休克", emergencyFindings: "收缩压 120mmHg", total: "20000" }), chaoyang);
    expect(r.ok).toBe(true);
    expect(r.rule!.en).toBe("Chaoyang temporary inpatient");
    expect(r.threshold).toBe(160_000); // 800 × 2 (the temporary multiple), not the emergency multiple 1
  });
});

describe("what is refused, with the parameter named", () => {
  it("a level the table does not give (特三级): the claim is refused naming the parameter and the key", () => {
    const p = problem(cy({ hospitalLevel: "3S", total: "12000" }), chaoyang);
    expect(p).toMatchObject({ kind: "no_rule", field: "chaoyang.employee.threshold", value: "3S" });
  });
  it("a city for which no table was given: the city's base table is missing, never Shenyang's figures", () => {
    for (const e of [new Engine(base), chaoyang]) {
      const p = problem(cy({ insuredPlace: "大连市", total: "20000" }), e);
      expect(p).toMatchObject({ kind: "no_rule", code: "city_table_missing", field: "insuredPlace", value: "dalian" });
      expect(p.message.zh).toMatch(/未提供大连市的基础参数表/);
      expect(p.message.en).toMatch(/Dalian's base table was not supplied/);
    }
  });
  it("the set starts with LN in force (第五十六条, 2023-01-01): an earlier claim has no rule", () => {
    expect(problem(cy({ admissionDate: "2022-12-31", total: "20000" }), chaoyang).kind).toBe("no_rule");
  });
  it("outpatient care: the city's rules are not in the documents", () => {
    const p = problem(cy({ careType: "general_outpatient", serviceDate: "2023-06-01", total: "500" }), chaoyang);
    expect(p.kind).toBe("no_rule");
    expect(p.message.zh).toMatch(/朝阳市的门诊待遇.*第二十五条/);
  });
});

describe("LN 第二十三条 bounds on a city table", () => {
  const rowsOf = (cells: string[][]) => readParamTable(base, cells).problems;
  it("a referral ratio 10.01 points below the same-level local one is refused, naming the row and parameter", () => {
    // employee local 1: 90%; referral 79.99% is 10.01 points lower
    const ps = rowsOf(edited({ "chaoyang.employee.referral.ratio|": "0.7999" }));
    expect(ps).toHaveLength(1);
    expect(ps[0]!.message.en).toMatch(/art\. 23 \(chaoyang\.employee\.referral\.ratio\)/);
    expect(ps[0]!.row).toBe(CY_CELLS.findIndex((r) => r[0] === "chaoyang.employee.referral.ratio") + 1);
    expect(rowsOf(edited({ "chaoyang.employee.referral.ratio|": "0.80" }))).toEqual([]); // exactly 10 points: allowed
  });
  it("temporary care may be 20 points lower, not more", () => {
    expect(rowsOf(edited({ "chaoyang.employee.temporary.ratio|": "0.70" }))).toEqual([]);
    expect(rowsOf(edited({ "chaoyang.employee.temporary.ratio|": "0.6999" }))[0]!.message.en).toContain("chaoyang.employee.temporary.ratio");
  });
  it("a resident person type's ratio is checked against the resident local ratios", () => {
    const ps = rowsOf(edited({ "chaoyang.resident.emergency.ratio|minor": "0.69" }));
    expect(ps.map((p) => p.message.en).join()).toContain("chaoyang.resident.emergency.ratio:minor");
  });
  it("a threshold multiple above 2.5×, or below 1, is refused", () => {
    expect(rowsOf(edited({ "chaoyang.crossRegion.thresholdMultiple|temporary": "2.5" }))).toEqual([]);
    expect(rowsOf(edited({ "chaoyang.crossRegion.thresholdMultiple|temporary": "2.6" }))[0]!.message.en).toMatch(/thresholdMultiple:temporary.*above the 2\.5×/);
    expect(rowsOf(edited({ "chaoyang.crossRegion.thresholdMultiple|referral": "0.9" }))[0]!.message.en).toMatch(/below 1/);
  });
  it("one merged temporary category (第十一条): every category at most 10 points lower", () => {
    const ps = rowsOf(edited({ "chaoyang.crossRegion.categories|": "merged" }));
    // temporary ratios 70% (employee, 90% local at level 1) and 60/65% (residents, 80% local) are 20/15 points lower
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.every((p) => /merged/.test(p.message.en))).toBe(true);
  });
  it("a later dated row is checked on its own date too", () => {
    const ps = rowsOf(edited({}, [["chaoyang.employee.ratio", "1", "2024-01-01", "0.95", "EXAMPLE ONLY"]]));
    // from 2024 the level-1 local ratio is 95%: the 80% referral and 70% temporary ratios are 15 and 25 points lower
    expect(ps.map((p) => p.message.en).join("\n")).toMatch(/referral\.ratio[\s\S]*temporary\.ratio|temporary\.ratio[\s\S]*referral\.ratio/);
  });
  it("a provincial rule is not the city's to set", () => {
    const ps = rowsOf(edited({}, [["chaoyang.referral.poorInProvince", "", "2023-01-01", "referral_terms", "x"]]));
    expect(ps[0]).toMatchObject({ column: "parameter" });
    expect(ps[0]!.message.en).toMatch(/provincial rule/);
  });
  it("checkCity lists the breaches of a registry directly", () => {
    const reg = base.withOverrides("t", readParamTable(base, edited({})).overrides);
    expect(checkCity(reg, "chaoyang", parseDay("2023-06-01")!).breaches).toEqual([]);
  });
});

describe("example figures are never used silently", () => {
  it("every result and trace of a claim settled from the example table says so", () => {
    const r = settle(cy({ crossRegion: "referral", crossProvince: "否", total: "20000" }), chaoyang);
    expect(r.ok).toBe(true);
    expect(r.trace[1]!.key).toBe("example");
    expect(r.trace[1]!.detail.en).toMatch(/examples, not official/);
    const user = r.params.filter((p) => p.override);
    expect(user.length).toBeGreaterThan(0);
    for (const p of user) expect(p.override).toMatch(/EXAMPLE figures, not official/);
    for (const s of r.trace) for (const ref of s.refs) if (ref.doc === "USER") expect(ref.section + ref.excerpt).toMatch(/EXAMPLE/);
  });
  it("a table whose rows cite an official source is not marked", () => {
    const official = CY_CELLS.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), "朝阳市医疗保障局文件（用户提供）"]));
    const t = readParamTable(base, official);
    expect(t.problems).toEqual([]);
    const r = settle(cy({ total: "20000" }), new Engine(base.withOverrides("chaoyang.csv", t.overrides)));
    expect(r.trace.some((s) => s.key === "example")).toBe(false);
    for (const p of r.params) expect(p.override ?? "").not.toMatch(/EXAMPLE/);
  });
});

describe("the same kernel as Shenyang's: a Chaoyang table with Shenyang's figures settles identically", () => {
  // Shenyang's example base, with local ratios that keep SY's 75/60 and 60/50 within LN 第二十三条
  // (the example's own 92%/80% are not, test/liaoning.test.ts), and SY's documented referral and
  // temporary ratios: 起付标准不变 is a multiple of 1.
  const SY = sample("shenyang-base.EXAMPLE.csv") as string[][];
  const syRows = SY.map((r, i) => (i > 0 && r[0] === "shenyang.employee.ratio" ? [...r.slice(0, 3), "0.80", r[4]!] : i > 0 && r[0] === "shenyang.resident.ratio" ? [...r.slice(0, 3), "0.70", r[4]!] : r));
  const shenyang = new Engine(base.withOverrides("sy", readParamTable(base, syRows).overrides));
  const shared = ["classBSelfShare", "employee.threshold", "employee.ratio", "employee.annualCap", "resident.threshold", "resident.ratio", "resident.annualCap", "employee.largeAmount.ratio", "resident.seriousIllness.deductible", "resident.seriousIllness.scale"];
  const row = (id: string, key: string, v: string) => [id, key, "2023-01-01", v, "EXAMPLE ONLY"];
  const cyRows = [
    SY[0]!,
    ...syRows.slice(1).filter((r) => shared.includes(r[0]!.slice("shenyang.".length))).map((r) => ["chaoyang" + r[0]!.slice("shenyang".length), r[1]!, "2023-01-01", r[3]!, r[4]!]),
    row("chaoyang.employee.referral.ratio", "", "0.75"),
    row("chaoyang.employee.temporary.ratio", "", "0.60"),
    row("chaoyang.employee.emergency.ratio", "", "0.75"),
    ...["adult", "elderly", "student", "minor"].flatMap((pt) => {
      const young = pt === "student" || pt === "minor";
      return [row("chaoyang.resident.referral.ratio", pt, young ? "0.75" : "0.60"), row("chaoyang.resident.temporary.ratio", pt, young ? "0.60" : "0.50"), row("chaoyang.resident.emergency.ratio", pt, "0.60")];
    }),
    ...["referral", "emergency", "temporary"].map((c) => row("chaoyang.crossRegion.thresholdMultiple", c, "1")),
    row("chaoyang.crossRegion.categories", "", "three"),
    row("chaoyang.crossRegion.noThresholdReduction", "", "no_reduction"),
  ];
  const cyTable2 = readParamTable(base, cyRows);
  const chaoyangAsSy = new Engine(base.withOverrides("cy", cyTable2.overrides));

  it("both tables load without problems", () => {
    expect(readParamTable(base, syRows).problems).toEqual([]);
    expect(cyTable2.problems).toEqual([]);
  });
  it("every category, level, person type and amount: the same amounts to the fen (Shenyang's 补充险 is its own extra layer)", () => {
    let n = 0;
    let seed = 7;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (const scheme of ["employee", "resident"] as const)
      for (const personType of scheme === "employee" ? ["in_service", "retired"] : ["adult", "elderly", "student", "minor"])
        for (const crossRegion of ["local", "long_term", "referral", "temporary", "student_away"])
          for (const hospitalLevel of ["1", "2", "3B", "3A", "3S"])
            for (let j = 0; j < 4; j++) {
              const total = 100 * (500 + rnd(300_000));
              const poor = crossRegion === "referral" && j === 3;
              const claim = {
                scheme,
                personType,
                crossRegion,
                hospitalLevel,
                crossProvince: "否",
                admissionDate: `2023-0${1 + rnd(9)}-15`,
                admissionIndex: crossRegion === "local" || crossRegion === "long_term" || crossRegion === "student_away" ? 1 : 1 + rnd(3),
                total: (total / 100).toFixed(2),
                outOfCatalog: (rnd(total / 10) / 100).toFixed(2),
                classB: (rnd(total / 5) / 100).toFixed(2),
                ytdFundPaid: j === 2 ? "240000" : "0",
                ytdPersonalInPolicy: (rnd(3_000_000) / 100).toFixed(2),
                ...(poor ? { povertyStatus: "low_income", referralThresholdPaid: "200" } : {}),
              };
              const a = settle(cy({ ...claim, insuredPlace: "shenyang" }), shenyang);
              const b = settle(cy({ ...claim, insuredPlace: "chaoyang" }), chaoyangAsSy);
              expect(b.ok, JSON.stringify(claim)).toBe(a.ok);
              if (!a.ok) {
                expect(b.problem!.kind).toBe(a.problem!.kind);
                continue;
              }
              n++;
              for (const k of ["policyScope", "classBSelfShare", "threshold", "firstPay"] as const) expect(b[k], k).toBe(a[k]);
              for (const l of ["pooled", "largeAmount", "seriousIllness", "assistance", "subsidy"] as const) expect(b.layers[l], l).toBe(a.layers[l]);
              expect(b.layers.supplementary).toBe(0);
              expect(b.personal).toBe(a.personal + a.layers.supplementary);
            }
    expect(n).toBeGreaterThan(300);
  });
});

describe("the same table in Excel: POLICY_PARAMS spills the city's empty table, REIMBURSE takes it filled in", () => {
  it("round trip", async () => {
    const F = await import("../functions/functions");
    const spilled = F.policyParams("chaoyang", "2023-06-30", "en");
    expect(spilled[0]).toEqual(["parameter", "key", "from", "value", "unit", "label", "source"]);
    const rows = spilled.slice(1) as string[][];
    expect(rows.find((r) => r[0] === "chaoyang.employee.threshold" && r[1] === "3A")).toMatchObject({ 3: "" });
    const header = ["insuredPlace", "scheme", "personType", "careType", "crossRegion", "settlement", "admissionDate", "hospitalLevel", "admissionIndex", "total", "outOfCatalog", "classB"];
    const claim = ["朝阳市", "职工", "在职", "住院", "本地", "手工报销", "2023-06-01", "3A", 1, 20000, 1000, 2000];
    // the spill as it is: no figures, the claim is refused saying the base table is missing
    const none = F.reimburse([header, claim], null as never, "", spilled);
    expect((none[0]![0] as Error).message).toMatch(/base table was not supplied|基础参数表/);
    // filled in from the example file: the figure settled by hand above
    const filled = spilled.map((r, i) => {
      if (i === 0) return r;
      const hit = CY_CELLS.find((c) => c[0] === r[0] && c[1] === r[1]);
      return hit ? [r[0], r[1], hit[2], hit[3], r[4], r[5], hit[4]] : r;
    });
    const bands = CY_CELLS.filter((c) => String(c[1]).startsWith("@")).map((c) => [c[0], c[1], c[2], c[3], "", "", c[4]]);
    expect(F.reimburse([header, claim], null as never, "", [...filled, ...bands])).toEqual([[15300]]);
  });
});
