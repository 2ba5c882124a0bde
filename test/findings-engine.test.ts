/**
 * The findings language where it decides money and where people read it (issue 12): a Shenyang
 * emergency claim (SY 三、(二): emergency → 特三级 terms; LN 第九条: not met → temporary care), the
 * audit, the custom functions and the command line. Refused findings are errors naming the item;
 * ignored items are notes in the trace and the audit, never errors.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { auditRecords } from "../src/audit/audit";
import * as F from "../functions/functions";
import { CellError, setLanguage } from "../functions/excel";
import { run } from "../cli/main";
import { amounts, problem, settle } from "./helpers/claims";
import { refFound } from "./helpers/seeds";

const cells = parseCsv(readFileSync(join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8"));
const example = new Engine(builtinRegistry().withOverrides("shenyang-base.EXAMPLE.csv", readParamTable(builtinRegistry(), cells).overrides));
const em = (o: Record<string, unknown>) => ({
  id: "S",
  insuredPlace: "shenyang",
  scheme: "employee",
  personType: "retired",
  careType: "inpatient",
  crossRegion: "emergency",
  settlement: "manual",
  admissionDate: "2022-03-01",
  hospitalLevel: "2",
  admissionIndex: 1,
  total: "20000",
  ...o,
});
const ARDS = "急性呼吸窘迫综合征";

describe("a Shenyang emergency claim (SY 三、(二); LN 第九条; CY 二、(四) 影像显示肺部渗出伴氧合指数 PaO2/FiO2<200mmHg)", () => {
  it("the seed texts the claim rests on", () => {
    expect(refFound({ doc: "CY", section: "二、(四)", excerpt: "影像显示肺部渗出伴氧合指数" })).toBe(true);
    expect(refFound({ doc: "LN", section: "第九条", excerpt: "按非急诊且未转诊临时外出就医人员自动备案并直接结算" })).toBe(true);
  });
  it("FiO2=0.4 is 40 %: PaO2 70 / 0.4 = 175 < 200, met: 特三级 terms (it used to be read as 0.4 % and lose the fund payment)", () => {
    const a = amounts(em({ emergencyCondition: ARDS, emergencyFindings: "影像显示肺部渗出;PaO2=70;FiO2=0.4" }), example);
    expect(a.threshold).toBe("1200.00");
    expect(a.pooled).toBe("15040.00"); // (20 000 − 1 200) × 80 %
    const notMet = amounts(em({ emergencyCondition: ARDS, emergencyFindings: "影像显示肺部渗出;PaO2=80;FiO2=0.4" }), example);
    expect(notMet.pooled).toBe("11700.00"); // exactly 200: temporary terms, (20 000 − 500) × 60 %
  });
  it("the trace says how each item was read and which were ignored; one unknown item does not sink the claim", () => {
    const r = settle(em({ emergencyCondition: "休克", emergencyFindings: "收缩压=75;乳酸=3.5;GCS=7" }), example);
    expect(r.ok).toBe(true);
    const step = r.trace.find((s) => s.key === "emergency")!;
    expect(step.detail.zh).toMatch(/忽略/);
    expect(step.detail.zh).toMatch(/GCS/);
    expect(step.detail.en).toMatch(/ignored/);
    expect(step.detail.zh).toMatch(/收缩压 = 75 mmHg/);
  });
  it("a refused item is an error naming it, never a settlement", () => {
    for (const [text, item] of [
      ["乳酸 3,5;收缩压 75", "乳酸 3,5"],
      ["乳酸 350;收缩压 75", "乳酸 350"],
      ["影像显示肺部渗出;PaO2=70;FiO2=0.4%", "FiO2=0.4%"],
    ] as const) {
      const p = problem(em({ emergencyCondition: text.includes("FiO2") ? ARDS : "休克", emergencyFindings: text }), example);
      expect(p).toMatchObject({ kind: "input", code: "emergency_findings", field: "emergencyFindings" });
      expect(p.message.zh).toContain(item.split(/[ =]/)[0]!);
      expect(p.message.en.length).toBeGreaterThan(10);
    }
  });
  it("missing findings: the error lists them, and the ignored items too", () => {
    const p = problem(em({ emergencyCondition: "休克", emergencyFindings: "收缩压 75;GCS=7" }), example);
    expect(p).toMatchObject({ code: "emergency_unknown_findings" });
    expect(p.message.zh).toMatch(/乳酸/);
    expect(p.message.zh).toMatch(/GCS/);
  });
  it("a name that could mean several conditions is an error listing them, never a pick", () => {
    const p = problem(em({ emergencyCondition: "惊厥", emergencyFindings: "体温 39.5;地西泮" }), example);
    expect(p).toMatchObject({ code: "emergency_unknown", field: "emergencyCondition" });
    expect(p.message.zh).toMatch(/癫痫大发作/);
    expect(p.message.zh).toMatch(/小儿高热惊厥/);
  });
  it("English names and the seed's variants name the condition", () => {
    expect(amounts(em({ emergencyCondition: "septic shock", emergencyFindings: "BP 75/40; Lac 3.5" }), example).pooled).toBe("15040.00");
  });
});

describe("the audit notes ignored items in one line", () => {
  it("an ignored item is a reason on the row, the row still checked", () => {
    const report = auditRecords([em({ emergencyCondition: "休克", emergencyFindings: "收缩压=75;乳酸=3.5;GCS=7", claimedPooled: "15040" })], example);
    const row = report.rows[0]!;
    expect(row.status).toBe("ok");
    expect(row.reasons.map((r) => r.zh).join()).toMatch(/GCS/);
  });
});

describe("IS_EMERGENCY and EMERGENCY_CONDITIONS read the same language", () => {
  const err = (x: unknown) => (x instanceof CellError ? x.code : null);
  it("record forms, an ignored item, a refusal", () => {
    setLanguage("zh");
    expect(F.isEmergency([[ARDS]], [["胸片示双肺渗出；PaO2 70mmHg；FiO2 0.4"]])).toEqual([[true]]);
    expect(F.isEmergency([["休克"]], [["血压 75/40，乳酸 3.5，GCS 7"]])).toEqual([[true]]);
    const refused = F.isEmergency([["休克"]], [["乳酸 3,5;收缩压 75"]])[0]![0];
    expect(err(refused)).toBe("#VALUE!");
    expect((refused as Error).message).toMatch(/乳酸/);
    expect(F.isEmergency([["休克"]], [["收缩压", 75], ["乳酸(mmol/L)", 3.5]])).toEqual([[true]]);
  });
  it("an ambiguous condition name lists its candidates", () => {
    const out = F.isEmergency([["惊厥"]], [["体温 39.5"]])[0]![0];
    expect(err(out)).toBe("#VALUE!");
    expect((out as Error).message).toMatch(/小儿高热惊厥/);
  });
  it("EMERGENCY_CONDITIONS with record forms", () => {
    expect(F.emergencyConditions([["PLT 15×10^9/L；既往无血液病史"]]).map((r) => r[0])).toContain("急性血小板减少");
  });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe("yibao emergency: the JSON answer lists ignored items and readings; a refusal is result 'refused'", () => {
  it("ignored and read", async () => {
    const { code, out } = await cli("emergency", "--condition", ARDS, "--findings", "影像显示肺部渗出;PaO2=70;FiO2=0.4;GCS=7", "--json");
    expect(code).toBe(0);
    const j = JSON.parse(out[0]!);
    expect(j).toMatchObject({ result: "met", ignored: [{ item: "GCS=7", reason: "unknown" }] });
    expect(j.read.map((r: { as: string }) => r.as).join()).toMatch(/40 %/);
  });
  it("refused: no answer, exit 1", async () => {
    const { code, out, err } = await cli("emergency", "--condition", "休克", "--findings", "乳酸 3,5;收缩压 75", "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ result: "refused", problems: [{ item: "乳酸 3,5", code: "ambiguous_comma" }] });
    expect(err.join()).toMatch(/乳酸/);
  });
  it("--yishang at_least switches the reading of 以上 (POLICY §10)", async () => {
    const text = ["--findings", "就诊前一次性咯血 100ml;垂体后叶素", "--json"];
    expect(JSON.parse((await cli("emergency", "--condition", "大咯血", ...text)).out[0]!).result).toBe("unknown");
    expect(JSON.parse((await cli("emergency", "--condition", "大咯血", "--yishang", "at_least", ...text)).out[0]!).result).toBe("met");
    expect((await cli("emergency", "--condition", "大咯血", "--yishang", "maybe", ...text)).code).toBe(2);
  });
  it("an ambiguous name is a usage error with the candidates", async () => {
    const r = await cli("emergency", "--condition", "惊厥", "--findings", "体温 39.5");
    expect(r.code).toBe(2);
    expect(r.err.join()).toMatch(/小儿高热惊厥/);
  });
});
