/**
 * The emergency criteria (急危重病 参考病种及关键标准; SY 附件, LN 附件, CY; POLICY §10). For every one of
 * the 56 conditions: a met case, a not-met case exactly at the boundary of a comparison (a strict sign
 * fails on its own value; ≤ and ≥ pass on it and fail one step beyond), and an unknown case with the
 * missing finding named. The findings are written as text and go through the parser.
 */
import { describe, expect, it } from "vitest";
import { CONDITIONS, FINDINGS, conditionsMet, evaluate, findCondition, parseFindings, type Condition, type Leaf, type Node } from "../src/catalogs/emergency";
import { decimal, ratText } from "../src/catalogs/findings";

type Facts = Map<string, string>; // finding id → value text

function name(id: string): string {
  const f = FINDINGS[id]!;
  return /[;；,，、=：:]/.test(f.zh) ? f.aliases.find((a) => !/[;；,，、=：:]/.test(a))! : f.zh;
}
const step = (v: number, d: number) => (Math.round(v * 100) + d) / 100;
function passing(l: Leaf): string {
  const f = FINDINGS[l.finding]!;
  if (f.type === "boolean") return l.value ? "是" : "否";
  if (f.type === "choice") return f.choices![(l.value as string[])[0]!]!.zh;
  const v = l.value as number;
  const x = l.op === "<" ? step(v, -1) : l.op === ">" ? step(v, 1) : v; // ≤ and ≥ pass exactly on the boundary
  return `${x}${f.unit ? " " + f.unit : ""}`;
}
/** Options of a choice finding used anywhere in the criterion (so a failing value avoids them all). */
let usedOptions = new Set<string>();
function failingAtBoundary(l: Leaf): string {
  const f = FINDINGS[l.finding]!;
  if (f.type === "boolean") return l.value ? "否" : "是";
  if (f.type === "choice") {
    const other = Object.entries(f.choices!).find(([k]) => !usedOptions.has(k));
    return other ? other[1].zh : "__none__";
  }
  const v = l.value as number;
  const x = l.op === "<" || l.op === ">" ? v : l.op === "<=" ? step(v, 1) : step(v, -1);
  return `${x}${f.unit ? " " + f.unit : ""}`;
}
function satisfy(n: Node, facts: Facts): void {
  if ("all" in n) n.all.forEach((k) => satisfy(k, facts));
  else if ("any" in n) satisfy(n.any[0]!, facts);
  else if (!facts.has(n.finding)) facts.set(n.finding, passing(n));
}
/** Findings that fail the criterion at one leaf's boundary while everything else would pass. */
function failAtBoundary(n: Node, facts: Facts): void {
  if ("all" in n) {
    n.all.slice(1).forEach((k) => satisfy(k, facts));
    failAtBoundary(n.all[0]!, facts);
  } else if ("any" in n) n.any.forEach((k) => failAtBoundary(k, facts));
  else facts.set(n.finding, failingAtBoundary(n));
}
function firstLeaf(n: Node): Leaf {
  return "all" in n ? firstLeaf(n.all[0]!) : "any" in n ? firstLeaf(n.any[0]!) : n;
}
const text = (facts: Facts) => [...facts].map(([id, v]) => `${name(id)}=${v}`).join(";");
const run = (c: Condition, facts: Facts) => {
  const { findings, problems } = parseFindings(text(facts));
  expect(problems, text(facts)).toEqual([]);
  return evaluate(c, findings);
};

describe("every condition of the list", () => {
  it("56 conditions in 12 systems, each cited", () => {
    expect(CONDITIONS).toHaveLength(56);
    expect(new Set(CONDITIONS.map((c) => c.system.zh)).size).toBe(12);
    for (const c of CONDITIONS) expect(c.refs.length).toBeGreaterThanOrEqual(1);
  });
  describe.each(CONDITIONS.map((c) => [`${c.no} ${c.name.zh}`, c] as const))("%s", (_n, c) => {
    it("met", () => {
      const facts: Facts = new Map();
      satisfy(c.criterion, facts);
      expect(run(c, facts).result).toBe("met");
    });
    it("not met at the boundary", () => {
      const facts: Facts = new Map();
      usedOptions = new Set(JSON.stringify(c.criterion).match(/"[a-z0-9_]+"/g)!.map((x) => x.slice(1, -1)));
      failAtBoundary(c.criterion, facts);
      if ([...facts.values()].includes("__none__")) {
        // every option of the choice appears in the criterion: the boundary cases are written by hand below
        expect(HAND_WRITTEN_BOUNDARY).toContain(c.id);
        return;
      }
      const e = run(c, facts);
      expect(e.result).toBe("not_met");
      expect(e.missing).toEqual([]);
    });
    it("unknown when a finding is missing, and the missing finding is named", () => {
      const facts: Facts = new Map();
      satisfy(c.criterion, facts);
      const leaf = firstLeaf(c.criterion);
      facts.delete(leaf.finding);
      const e = run(c, facts);
      expect(e.result).toBe("unknown");
      expect(e.missing).toContain(leaf.finding);
    });
  });
});

const HAND_WRITTEN_BOUNDARY = ["circulatory.fatalArrhythmia", "infectious.classA"];

// ---------------------------------------------------------------------------------------------
// The same cases written as records write them (issue 12; docs/findings.md): other units with exact
// conversions, FiO2 as a fraction, 2×(K++Na+) from its parts, value words, negation and history
// forms, modality prefixes, English abbreviations. Every conversion is exact, so a boundary value
// stays on its boundary.

const dec = (x: string) => decimal(x)!;
const times = (x: string, k: string) => ratText(dec(x).mul(dec(k)));
const over = (x: string, k: string) => ratText(dec(x).div(dec(k)));
const NUM: Record<string, (x: string) => string> = {
  sbp: (x) => `SBP ${x}mmHg`,
  dbp: (x) => `DBP ${x}`,
  heart_rate: (x) => `HR ${x}次/分`,
  lactate: (x) => `Lac ${x} mmol/L`,
  ckmb_12h: (x) => `发病12h内CK-MB ${x}倍ULN`,
  troponin_12h: (x) => `12h内肌钙蛋白 ${x}×ULN`,
  ckmb: (x) => `CK-MB ${x}倍`,
  troponin: (x) => `cTnI ${x}倍正常值上限`,
  pao2: (x) => `动脉血氧分压 ${x} mmHg`,
  paco2: (x) => `PaCO2：${x}mmHg`,
  oxygenation_index: (x) => `PaO2=${times(x, "0.4")};FiO2=0.4`,
  hemoptysis_single: (x) => `单次咯血 ${over(x, "1000")}L`,
  hemoptysis_24h: (x) => `24h咯血量 ${x}mL`,
  hemoglobin: (x) => `Hb ${over(x, "10")} g/dL`,
  total_bilirubin: (x) => `TBil ${x}μmol/L`,
  blood_ammonia: (x) => `血氨 ${over(x, "1000")} mmol/L`,
  glucose: (x) => `GLU ${x}`,
  blood_ph: (x) => `pH ${x}`,
  potassium: (x) => `K+ ${x}`,
  sodium: (x) => `血钠 ${x}mEq/L`,
  calcium: (x) => `Ca2+ ${times(x, "2")} mEq/L`,
  osmolality_2kna: (x) => `K+ 5;Na+ ${ratText(dec(x).div(dec("2")).sub(dec("5")))}`,
  tsh: (x) => `TSH ${x} μIU/mL`,
  creatinine_rise_48h: (x) => `48h内肌酐增加 ${x} μmol/L`,
  reticulocytes: (x) => `Ret ${x}%`,
  myoglobin: (x) => `肌红蛋白 ${x} ng/mL`,
  ureteral_stone_diameter: (x) => `结石直径 ${times(x, "10")}mm`,
  unconjugated_bilirubin: (x) => `IBIL ${x}`,
  platelets: (x) => `PLT ${x}×10^9/L`,
  pt_prolongation: (x) => `PT延长 ${x}秒`,
  carboxyhemoglobin: (x) => `COHb ${x}%`,
  methemoglobin: (x) => `MetHb ${x}%`,
  creatinine: (x) => `Cr ${over(x, "1000")} mmol/L`,
  temperature: (x) => `体温${x}度`,
};
const SUBJECT: Record<string, [string, string]> = {
  urine_ketones_positive: ["尿酮体(+)", "尿酮体(-)"],
  urine_protein_positive: ["尿蛋白(+++)", "尿蛋白 阴性"],
  d_dimer_elevated: ["D-二聚体 升高", "D-二聚体 正常"],
  t4_elevated: ["T4↑", "T4 正常"],
  cortisol_low: ["皮质醇 降低", "皮质醇 正常"],
  csf_protein_elevated: ["脑脊液蛋白 升高", "脑脊液蛋白 正常"],
  csf_cells_elevated: ["脑脊液细胞数 增高", "脑脊液细胞数 正常"],
  ckmb_dynamic_rise_12h: ["CK-MB动态升高", "CK-MB动态 正常"],
  troponin_dynamic_rise_12h: ["肌钙蛋白动态升高", "肌钙蛋白动态 正常"],
  no_copd_history: ["否认COPD病史", "有COPD病史"],
  no_trauma_history: ["既往无外伤史", "外伤史：有"],
  no_blood_disease_history: ["血液病史=否", "有血液病史"],
};
function recordItem(id: string, v: string): string {
  const f = FINDINGS[id]!;
  if (f.type === "number") return NUM[id]!(v.split(" ")[0]!);
  if (f.type === "choice") {
    const [cid, c] = Object.entries(f.choices!).find(([, c]) => c.zh === v)!;
    return c.aliases.find((a) => !/[;；,，、=：:/]/.test(a)) ?? cid;
  }
  const yes = v === "是";
  if (SUBJECT[id]) return SUBJECT[id]![yes ? 0 : 1];
  if (id.startsWith("imaging_") && !f.zh.includes("、")) return `${yes ? "CT示" : "CT未见"}${f.zh.replace(/^影像显示/, "")}`;
  const n = name(id);
  if (yes) return `${n} ${n.startsWith("行") ? "已行" : "阳性"}`;
  return n.startsWith("行") ? `未${n}` : `${n}=无`;
}
const recordText = (facts: Facts) => [...facts].map(([id, v]) => recordItem(id, v)).join(r5());
let sepIndex = 0;
const r5 = () => ["；", ";", "，", "\n", "、"][sepIndex++ % 5]!;
const runRecord = (c: Condition, facts: Facts) => {
  const t = recordText(facts);
  const { findings, problems } = parseFindings(t);
  expect(problems, t).toEqual([]);
  return { e: evaluate(c, findings), t };
};

describe("every condition, written as a record writes it", () => {
  describe.each(CONDITIONS.map((c) => [`${c.no} ${c.name.zh}`, c] as const))("%s", (_n, c) => {
    it("met", () => {
      const facts: Facts = new Map();
      satisfy(c.criterion, facts);
      const { e, t } = runRecord(c, facts);
      expect(e.result, t).toBe("met");
    });
    it("not met at the boundary (after conversion)", () => {
      const facts: Facts = new Map();
      usedOptions = new Set(JSON.stringify(c.criterion).match(/"[a-z0-9_]+"/g)!.map((x) => x.slice(1, -1)));
      failAtBoundary(c.criterion, facts);
      if ([...facts.values()].includes("__none__")) return expect(HAND_WRITTEN_BOUNDARY).toContain(c.id);
      const { e, t } = runRecord(c, facts);
      expect(e.result, t).toBe("not_met");
    });
    it("unknown when a finding is missing", () => {
      const facts: Facts = new Map();
      satisfy(c.criterion, facts);
      const leaf = firstLeaf(c.criterion);
      facts.delete(leaf.finding);
      const { e, t } = runRecord(c, facts);
      expect(e.result, t).toBe("unknown");
      expect(e.missing.length, t).toBeGreaterThan(0);
    });
  });
});

describe("boundaries written by hand where every option is part of the criterion", () => {
  const ev = (n: string, t: string) => evaluate(findCondition(n).condition!, parseFindings(t).findings).result;
  it("致命性心律失常：快速心房颤动(房颤)心率>150次/分；窦性心动过缓心率<40次/分", () => {
    expect(ev("致命性心律失常", "心电图=房颤;心率=151")).toBe("met");
    expect(ev("致命性心律失常", "心电图=房颤;心率=150")).toBe("not_met");
    expect(ev("致命性心律失常", "心电图=窦性心动过缓;心率=40")).toBe("not_met");
    expect(ev("致命性心律失常", "心电图=窦性心动过缓;心率=39")).toBe("met");
    expect(ev("致命性心律失常", "心电图=房颤")).toBe("unknown");
  });
  it("传染性疾病：a closed list; a disease not listed is refused by name", () => {
    expect(ev("传染性疾病", "传染病病种=霍乱")).toBe("met");
    expect(parseFindings("传染病病种=乙型肝炎").problems).toHaveLength(1);
  });
});

describe("signs as the documents write them", () => {
  const shock = findCondition("休克").condition!;
  const ev = (t: string) => evaluate(shock, parseFindings(t).findings).result;
  it("休克：收缩压 ≤80mmHg伴乳酸 >3mmol/L", () => {
    expect(ev("收缩压=80;乳酸=3.01")).toBe("met");
    expect(ev("收缩压=80.01;乳酸=3.5")).toBe("not_met");
    expect(ev("收缩压=75;乳酸=3")).toBe("not_met");
    expect(ev("收缩压=75")).toBe("unknown");
    expect(ev("收缩压=90")).toBe("not_met"); // one false branch of 伴 is enough, even with lactate unknown
  });
  it("a missing finding is never false: 呼吸衰竭 is unknown without blood gas", () => {
    const e = evaluate(findCondition("呼吸衰竭").condition!, parseFindings("PaCO2=45").findings);
    expect(e.result).toBe("unknown");
    expect(e.missing).toEqual(expect.arrayContaining(["pao2"]));
  });
  it("derived findings: 2×(血K++Na+) > 300 from potassium and sodium", () => {
    const c = findCondition("非酮性高渗性糖尿病昏迷").condition!;
    expect(evaluate(c, parseFindings("血糖=31;血K+=5;血Na+=146").findings).result).toBe("met"); // 2 × 151 = 302
    expect(evaluate(c, parseFindings("血糖=31;血K+=4;血Na+=146").findings).result).toBe("not_met"); // exactly 300
    expect(evaluate(c, parseFindings("血糖=31;血K+=4").findings).missing).toEqual(["sodium"]);
  });
});

describe("findings text", () => {
  it("parses the forms clerks write", () => {
    const { findings, problems } = parseFindings("收缩压=75；乳酸 3.5mmol/L，PaO2 55、影像显示肺栓塞=是\n体温39.5℃;心电图=室颤");
    expect(problems).toEqual([]);
    expect([...findings.keys()].sort()).toEqual(["ecg_rhythm", "imaging_pulmonary_embolism", "lactate", "pao2", "sbp", "temperature"].sort());
  });
  it("aliases: 室颤 for 心室颤动, SBP for 收缩压", () => {
    const { findings } = parseFindings("室颤;SBP=70");
    expect(findings.get("ecg_rhythm")).toMatchObject({ type: "choice" });
    expect(findings.has("sbp")).toBe(true);
    // the list's own words name the condition (一、(三) 心室颤动（室颤）): an exact name since issue 12
    expect(findCondition("室颤").condition?.name.zh).toBe("致命性心律失常");
  });
  it("a unit outside the finding's table is refused, never converted silently (kPa is in the table since issue 12, converted exactly)", () => {
    const { problems } = parseFindings("收缩压=10mmol/L");
    expect(problems[0]!.message.zh).toMatch(/mmHg/);
  });
  it("an unknown finding is ignored (not an error, issue 12) and reported with the closest names", () => {
    const { problems, ignored } = parseFindings("收缩血压=70");
    expect(problems).toEqual([]);
    expect(ignored[0]!.message.zh).toMatch(/收缩压/);
  });
  it("a two-column range (name, value) works like text", () => {
    const { findings } = parseFindings([["收缩压", 75], ["乳酸", "3.5"], [null, null]]);
    expect(evaluate(findCondition("休克").condition!, findings).result).toBe("met");
  });
});

describe("search by findings", () => {
  it("lists every condition the findings meet", () => {
    const met = conditionsMet(parseFindings("收缩压=75;乳酸=3.5;PaO2=55").findings).map((e) => e.condition.name.zh);
    expect(met).toEqual(expect.arrayContaining(["休克", "呼吸衰竭", "重症支气管哮喘急性发作"]));
    expect(met).not.toContain("急性肝衰竭");
  });
});
