/**
 * Names as people type them (issue 12): emergency conditions (CY 急危重病参考病种及关键标准), chronic
 * diseases (NA 医保办发〔2024〕19号 附件1; L 特殊疾病长期门诊 and 城乡居民 46 种; POLICY §11, §12) and the
 * Chaoyang referral catalog (CY 附件2). Each table gives the name and the row it must find — or the
 * candidates it must list without picking one.
 */
import { describe, expect, it } from "vitest";
import { CONDITIONS, conditionNames, findCondition } from "../src/catalogs/emergency";
import { chronicCode, closestLanzhou, lookupChronic, NATIONAL_CODES } from "../src/catalogs/national";
import { findChronic, lanzhouChronic } from "../src/catalogs/chronic";
import { departmentsOf, findReferral, referralKey, REFERRAL_ROWS, searchReferral } from "../src/catalogs/referral";
import { run } from "../cli/main";
import { refFound } from "./helpers/seeds";

describe("emergency condition names (CY 急危重病参考病种及关键标准)", () => {
  it.each([
    ["shock", "circulatory.shock"],
    ["Septic shock", "circulatory.shock"],
    ["pulmonary embolism", "respiratory.pulmonaryEmbolism"],
    ["status epilepticus", "nervous.grandMalSeizure"],
    ["acute pancreatitis", "digestive.severeAcutePancreatitis"],
    ["急性胰腺炎", "digestive.severeAcutePancreatitis"],
    ["心肌梗死", "circulatory.acuteCoronarySyndrome"],
    ["heart attack", "circulatory.acuteCoronarySyndrome"],
    ["II型呼吸衰竭", "respiratory.respiratoryFailure"],
    ["Ⅱ型呼吸衰竭", "respiratory.respiratoryFailure"],
    ["心室颤动", "circulatory.fatalArrhythmia"],
    ["室颤", "circulatory.fatalArrhythmia"],
    ["Guillain–Barré syndrome", "nervous.guillainBarre"],
    ["吉兰-巴雷综合征", "nervous.guillainBarre"],
    ["haemolytic uraemic syndrome", "urinary.hemolyticUremic"],
    ["hemolytic uremic syndrome", "urinary.hemolyticUremic"],
    ["急性肾衰竭", "urinary.acuteRenalFailure"],
    ["AKI", "urinary.acuteRenalFailure"],
    ["弥漫性血管内凝血", "blood.dic"],
    ["霍乱", "infectious.classA"],
    ["COVID-19", "infectious.classA"],
    ["stroke", "nervous.acuteCerebrovascular"],
    ["脑溢血", "nervous.acuteCerebrovascular"],
    ["thyroid storm", "endocrine.thyroidStorm"],
    ["DKA", "endocrine.dka"],
    ["ruptured ectopic pregnancy", "gynecologic.ectopicRupture"],
    ["CO poisoning", "injury.coPoisoning"],
    [" 急性 肺栓塞 ", "respiratory.pulmonaryEmbolism"],
  ])("%s → %s", (name, id) => expect(findCondition(name).condition?.id).toBe(id));

  it.each([
    ["惊厥", ["nervous.grandMalSeizure", "pediatric.febrileSeizure"]],
    ["seizure", ["nervous.grandMalSeizure", "pediatric.febrileSeizure"]],
    ["扭转", ["digestive.volvulus", "gynecologic.ovarianTorsion", "pediatric.testicularTorsion"]],
    ["肾衰竭", ["urinary.acuteRenalFailure"]],
    ["高血压", ["circulatory.hypertensiveCrisis"]],
    ["房颤", ["circulatory.fatalArrhythmia"]],
    ["血小板减少性紫癜", ["blood.ttp", "blood.acuteThrombocytopenia"]],
    ["ITP", ["blood.acuteThrombocytopenia"]],
    ["消化道出血", ["digestive.upperGiBleeding"]],
    ["溶血", ["blood.hemolyticAnemia", "urinary.hemolyticUremic"]],
    ["哮喘", ["respiratory.severeAsthmaAttack"]],
  ] as const)("%s: candidates, never a pick", (name, ids) => {
    const l = findCondition(name);
    expect(l.condition).toBeUndefined();
    expect(l.ambiguous!.candidates.map((c) => c.id)).toEqual(ids);
    expect(l.alternatives.slice(0, ids.length).map((c) => c.id)).toEqual(ids);
    expect(l.ambiguous!.why.zh.length).toBeGreaterThan(4);
  });

  it("a typo gives alternatives only", () => {
    const l = findCondition("休克了");
    expect(l.condition).toBeUndefined();
    expect(l.alternatives.map((c) => c.name.zh)).toContain("休克");
  });
  it("every condition has an English name that finds it", () => {
    for (const c of CONDITIONS) expect(conditionNames(c).some((n) => /^[\x20-\x7e–é]+$/.test(n) && findCondition(n).condition === c), c.id).toBe(true);
  });
});

describe("chronic names → national codes (NA 附件1)", () => {
  it("the codes the rules point to are in the table (附件1 注: detail codes preferred)", () => {
    expect(refFound(NATIONAL_CODES.find((c) => c.code === "M08300")!.ref)).toBe(true);
    expect(refFound({ doc: "NA", section: "附件1 注", excerpt: "鼓励参保地按照代码表中类别细码（M08301—M08306）传输" })).toBe(true);
  });
  it.each([
    ["肾移植术后抗排异", "M08301"],
    ["肾移植术后抗排斥", "M08301"],
    ["肾脏移植抗排斥反应", "M08301"],
    ["kidney transplant", "M08301"],
    ["肝肾联合移植术后", "M08306"],
    ["心脏移植术后抗排异", "M08303"],
    ["器官移植术后抗排异治疗", "M08300"],
    ["尿毒症血液透析", "M07801"],
    ["尿毒症腹膜透析", "M07801"],
    ["haemodialysis", "M07801"],
    ["乳腺癌", "M00500"],
    ["淋巴瘤", "M00500"],
    ["肺癌化疗", "M00500"],
    ["结肠癌术后化疗", "M00500"],
    ["多发性骨髓瘤", "M00500"],
    ["breast cancer", "M00500"],
    ["高血压3级", "M03900"],
    ["hypertension", "M03900"],
    ["2型糖尿病", "M01600"],
    ["2型糖尿病伴周围神经病变", "M01600"],
    ["慢阻肺急性加重", "M05300"],
    ["冠状动脉旁路移植术", "M04600"],
    ["稳定型心绞痛", "M04600"],
    ["慢性乙型病毒性肝炎", "M00200"],
    ["慢性活动性病毒性肝炎", "M00200"],
    ["慢性活动性肝炎", "M00200"],
    ["类风湿关节炎（活动期）", "M06900"],
    ["强直性脊椎炎", "M07200"],
    ["原发性高血压", "M03900"],
  ])("%s → %s", (name, code) => expect(chronicCode(name).code).toBe(code));

  it.each([
    ["宫颈癌前病变", "a precancerous lesion is not a malignant tumour"],
    ["自体干细胞移植", "an autologous transplant needs no anti-rejection therapy"],
    ["慢性肾衰竭（非透析阶段）", "M07801 is dialysis only"],
    ["失代偿期肝硬化", "no cirrhosis code (as R14)"],
    ["乙肝肝硬化", "cirrhosis is not hepatitis"],
    ["妊娠期糖尿病", "not the chronic disease"],
    ["肺动脉高压", "not hypertension"],
  ])("%s: no code (%s)", (name) => expect(chronicCode(name).code).toBeNull());

  it("a name that meets two rules names two diseases: no code, both offered", () => {
    const a = chronicCode("糖尿病肾病透析");
    expect(a.code).toBeNull();
    expect(a.alternatives.map((x) => x.code).sort()).toEqual(["M01600", "M07801"]);
  });
  it("E11 and R20 agree by diagnosis: the joined row gives the hepatitis part's code as a candidate, not as the answer", () => {
    const e11 = chronicCode("慢性活动性病毒性肝炎、肝硬化（失代偿期）");
    expect(e11).toMatchObject({ code: null, matchedBy: "lanzhou-employee" });
    expect(e11.alternatives.map((x) => x.code)).toEqual(["M00200"]);
    expect(e11.reason!.zh).toMatch(/R20/);
    expect(chronicCode("慢性活动性肝炎").code).toBe("M00200");
    const r24 = chronicCode("慢性阻塞性肺气肿及肺心病");
    expect(r24.code).toBeNull();
    expect(r24.alternatives.map((x) => x.code)).toEqual(["M05300"]);
  });
  it("a mistyped name offers the organ's detail code first, before the class code (附件1 注)", () => {
    const a = chronicCode("肾移直抗排异"); // 直 for 植: no rule, no exact name
    expect(a.code).toBeNull();
    expect(a.alternatives[0]!.code).toBe("M08301");
  });
});

describe("chronic names → Lanzhou rows: qualifiers kept (POLICY §12)", () => {
  it("the rows whose qualifier matters, as the seed writes them", () => {
    for (const d of [...lanzhouChronic.employee, ...lanzhouChronic.resident].filter((x) => ["E09", "E22", "E25", "E26", "R38"].includes(x.id))) expect(refFound(d.ref), d.id).toBe(true);
  });
  it.each([
    ["employee", "原发性高血压（有合并症者）", "E09"],
    ["employee", "肾移植术后抗排斥", "E05"],
    ["resident", "肝移植术后", "R02"],
    ["employee", "尿毒症血液透析", "E06"],
    ["employee", "epilepsy", "E15"],
    ["resident", "systemic lupus erythematosus", "R06"],
    ["employee", "重症帕金森氏病", "E19"],
    ["resident", "系统性红斑狼疮", "R06"],
    ["employee", "强直性脊柱炎（活动期）", "E18"],
  ] as const)("%s %s → %s", (scheme, name, id) => expect(findChronic(scheme, name)?.id).toBe(id));
  it.each([
    ["employee", "原发性高血压", ["E09"]],
    ["resident", "原发性高血压", ["R38"]],
    ["employee", "系统性红斑狼疮", ["E26"]],
    ["employee", "哮喘", ["E25"]],
    ["employee", "慢性心力衰竭", ["E22", "E24"]],
    ["employee", "慢性肾功能不全", ["E07", "E06"]],
    ["resident", "克汀病", ["R43"]],
    ["employee", "乳腺癌", ["E01", "E02", "E03", "E04"]],
    ["employee", "类风湿关节炎", ["E10"]],
  ] as const)("%s %s: candidates %s, never the row", (scheme, name, ids) => {
    expect(findChronic(scheme, name)).toBeUndefined();
    expect(lookupChronic(scheme, name).candidates.map((d) => d.id)).toEqual(ids);
    expect(closestLanzhou(scheme, name)[0]).toBe(lookupChronic(scheme, name).candidates[0]!.name);
  });
});

describe("Chaoyang referral catalog (CY 附件2): departments and terms as people name them", () => {
  it("the rows the examples find, as the seed writes them", () => {
    for (const n of [45, 64, 126, 46, 137]) expect(refFound({ doc: "CY", section: "", excerpt: REFERRAL_ROWS[n - 1]!.excerpt })).toBe(true);
  });
  it.each([
    ["心内科", ["循环内科"]],
    ["心血管内科", ["循环内科"]],
    ["cardiology", ["循环内科"]],
    ["肾内科", ["肾内科", "泌尿内科"]],
    ["消化科", ["消化内科"]],
    ["肿瘤科", ["肿瘤内科", "肿瘤科"]],
    ["感染科", ["传染科"]],
    ["ICU", ["重症医学科"]],
    ["妇产科", ["产科"]],
    ["神外", ["神经外科"]],
  ])("department %s → %s", (d, ds) => expect(departmentsOf(d)).toEqual(ds));
  it("心内科 as the query lists the eight 循环内科 rows, and no 肾内科 row", () => {
    const r = searchReferral("心内科", undefined, 20);
    expect(r.rows.map((m) => m.row.no)).toEqual([45, 46, 47, 48, 49, 50, 51, 52]);
  });
  it.each([
    ["冠状动脉旁路移植术", undefined, [45]],
    ["CABG", undefined, [45]],
    ["Crohn病", undefined, [12, 64]],
    ["克罗恩病", "消化内科", [64]],
    ["法布雷病", undefined, [126]],
    ["Fabry disease", undefined, [126]],
    ["Alport综合征", undefined, [126]],
    ["肝豆状核变性", undefined, [68, 122]],
    ["伽马刀", "肿瘤科", [137, 141]],
    ["gamma knife", undefined, [124, 137, 141]],
    ["骨髓移植", "血液科", [162, 163]],
    ["血浆置换", "肾内科", [125, 132, 133]],
    ["ERCP", "普外科", [106, 107]],
    ["liver transplant", "普外科", [100, 101, 104]],
    ["渐冻症", undefined, [32]],
    ["主动脉夹层", "心内科", [46, 51]],
    ["新生儿溶血病", undefined, [1]],
    ["TIPS", undefined, [66]],
  ] as const)("%s (%s) → rows %s first", (q, d, nos) => {
    const m = findReferral(q, d, nos.length);
    expect(m.map((x) => x.row.no).sort((a, b) => a - b)).toEqual([...nos]);
  });
  it("an unknown department is reported and every department searched; nothing close says where else rows are", () => {
    const u = searchReferral("肝移植", "不存在的科");
    expect(u.department).toEqual({ asked: "不存在的科", matched: [] });
    expect(u.rows.length).toBeGreaterThan(0);
    const none = searchReferral("透析", "肾内科");
    expect(none.rows).toEqual([]);
    expect(none.outside).toBe(2);
  });
  it("term synonyms never rewrite a name inside itself", () => {
    expect(referralKey("造血干细胞移植")).toBe("造血干细胞移植");
    expect(referralKey("骨髓移植")).toBe("造血干细胞移植");
    expect(referralKey("test")).toBe("test");
  });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe("yibao referral", () => {
  it("--condition --json: rows with department, English name and citation", async () => {
    const { code, out } = await cli("referral", "--condition", "冠状动脉旁路移植术", "--json");
    expect(code).toBe(0);
    const j = JSON.parse(out[0]!);
    expect(j.rows[0]).toMatchObject({ no: 45, department: "循环内科", item: "冠脉搭桥术", departmentEn: expect.stringMatching(/Cardiology/) });
    expect(j.rows[0].citation).toMatch(/附件2 序号45/);
  });
  it("--department narrows; the department read is said", async () => {
    const { out, err } = await cli("referral", "--condition", "主动脉夹层", "--department", "心内科");
    expect(out.slice(0, 2).join("\n")).toMatch(/46\s+循环内科\s+主动脉夹层治疗/);
    expect(err.join()).toMatch(/循环内科/);
  });
  it("--lang en shows English names", async () => {
    const { out } = await cli("referral", "--condition", "Crohn", "--lang", "en");
    expect(out.join("\n")).toMatch(/Crohn/);
  });
  it("nothing close, and a usage error without a condition or department", async () => {
    expect((await cli("referral", "--condition", "zzzz")).out[0]).toMatch(/没有/);
    expect((await cli("referral")).code).toBe(2);
    expect((await cli("referral", "--condition", "肝移植", "--limit", "0")).code).toBe(2);
  });
  it("the help lists it", async () => expect((await cli("help")).out.join()).toMatch(/yibao referral --condition TEXT/));
});

describe("one search over every catalog (for the pane's unified search)", () => {
  it("groups by catalog, with the names applied", async () => {
    const { searchCatalogs } = await import("../src/catalogs/search");
    const s = searchCatalogs("肾移植术后抗排斥");
    expect(s.national.exact?.code).toBe("M08301");
    expect(s.lanzhouEmployee.exact?.id).toBe("E05");
    expect(s.referral.map((m) => m.row.no)).toContain(83);
    const h = searchCatalogs("原发性高血压");
    expect(h.national.exact?.code).toBe("M03900");
    expect(h.lanzhouEmployee.exact).toBeUndefined();
    expect(h.lanzhouEmployee.candidates.map((d) => d.id)).toEqual(["E09"]);
    expect(h.emergency.exact).toBeUndefined();
    expect(h.emergency.candidates.map((c) => c.id)).toContain("circulatory.hypertensiveCrisis");
    expect(searchCatalogs("shock").emergency.exact?.id).toBe("circulatory.shock");
  });
});
