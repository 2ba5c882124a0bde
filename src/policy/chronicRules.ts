/**
 * What the Lanzhou guide says about single rows of its chronic-disease tables beyond cap, ratio and
 * years (POLICY §12), as data with the words it comes from. The kernels read them through flags
 * indexed like the catalog, so a claim pays one array read per rule.
 *
 * - Qualifiers a name must keep: a row named with its qualifier (原发性高血压（有合并症者）, 重型系统性
 *   红斑狼疮, 支气管哮喘（急性发作期）) is a narrower disease than the bare name; a name that drops the
 *   qualifier did not choose the row and is never paid as it.
 * - Group limits: 苯丙酮尿症（18岁及以下儿童）pays children only.
 * - No application: 血友病 (employees) "参保人员无须申报".
 * - Outpatient 医疗救助: dialysis and transplant anti-rejection of the poor (53-disease list 51–52).
 * - Chronic approvals that exclude 两病: hypertension or diabetes rows (L 两病 二、(二)).
 */
import type { ChronicDisease } from "../catalogs/chronic";
import { lanzhouChronic, nameKey } from "../catalogs/chronic";
import type { Ref } from "../docs";

const L = (section: string, excerpt: string): Ref => ({ doc: "L", section, excerpt });
const EMP_TABLE = "第一部分 三、(三) 1.";
const RES_TABLE = "第四部分 16.";

/**
 * Row id → the words of its qualifier; a typed name must contain one of them (or be the row's id or
 * full name). Only qualifiers that narrow the disease are listed: a bracket that merely gives a
 * synonym (甲状腺功能亢进症（甲亢）, 心境障碍（情感性精神障碍）) is not a qualifier.
 */
export const NAME_QUALIFIERS: Readonly<Record<string, { words: readonly string[]; ref: Ref }>> = {
  E01: { words: ["放疗"], ref: L(EMP_TABLE, "(1) 恶性肿瘤放疗;") },
  E02: { words: ["膀胱灌注"], ref: L(EMP_TABLE, "(2) 恶性肿瘤膀胱灌注化疗;") },
  E03: { words: ["内分泌"], ref: L(EMP_TABLE, "(3) 乳腺癌或前列腺癌内分泌治疗;") },
  E07: { words: ["非透析"], ref: L(EMP_TABLE, "(7) 慢性肾衰竭（非透析阶段）；") },
  E08: { words: ["并发症"], ref: L(EMP_TABLE, "(8) 糖尿病伴慢性并发症；") },
  E09: { words: ["合并症", "并发症"], ref: L(EMP_TABLE, "(9) 原发性高血压（有合并症者）；") },
  E10: { words: ["活动期"], ref: L(EMP_TABLE, "(10) 类风湿性关节炎（活动期）；") },
  E11: { words: ["活动", "失代偿"], ref: L(EMP_TABLE, "(11) 慢性活动性病毒性肝炎、肝硬化（失代偿期）；") },
  E17: { words: ["后遗症"], ref: L(EMP_TABLE, "(17) 脑血管意外（脑出血、脑梗塞）后遗症期；") },
  E19: { words: ["重症"], ref: L(EMP_TABLE, "(19) 重症帕金森氏病；") },
  E21: { words: ["介入", "支架"], ref: L(EMP_TABLE, "(21) 冠心病介入治疗术后；") },
  E22: { words: ["慢性"], ref: L(EMP_TABLE, "(22) 慢性心力衰竭（除外肺心病所致）；") },
  E23: { words: ["抗凝"], ref: L(EMP_TABLE, "(23) 心脏瓣膜置换术后的抗凝治疗；") },
  E25: { words: ["急性发作"], ref: L(EMP_TABLE, "(25) 支气管哮喘（急性发作期）；") },
  E26: { words: ["重型", "重症"], ref: L(EMP_TABLE, "(26) 重型系统性红斑狼疮；") },
  R13: { words: ["非透析"], ref: L(RES_TABLE, "慢性肾功能不全(非透析阶段)") },
  R14: { words: ["失代偿"], ref: L(RES_TABLE, "失代偿期肝硬化") },
  R19: { words: ["后遗症"], ref: L(RES_TABLE, "脑血管意外（脑出血、脑梗塞）后遗症期") },
  R20: { words: ["活动"], ref: L(RES_TABLE, "慢性活动性肝炎") },
  R21: { words: ["并发症"], ref: L(RES_TABLE, "糖尿病伴并发症") },
  R23: { words: ["活动期"], ref: L(RES_TABLE, "类风湿性关节炎（活动期）") },
  R38: { words: ["合并症", "并发症"], ref: L(RES_TABLE, "原发性高血压（有合并症者）") },
};

/** Does the name as typed keep the row's qualifier (or name the row by its id or full name)? */
export function keepsQualifier(d: ChronicDisease, typed: string): boolean {
  const q = NAME_QUALIFIERS[d.id];
  if (!q) return true;
  const k = nameKey(typed);
  if (k === nameKey(d.id) || k === nameKey(d.name)) return true;
  return q.words.some((w) => k.includes(w));
}

/** The rows a name that dropped a qualifier may have meant: every row of the scheme whose name shares the typed words. */
export function qualifierCandidates(scheme: "employee" | "resident", typed: string): string[] {
  const k = nameKey(typed);
  const rows = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  return rows.filter((d) => nameKey(d.name).includes(k) || d.aliases.some((a) => nameKey(a) === k)).map((d) => d.name);
}

/**
 * Rows the table limits to a group of people. The age comes from a parameter (a figure of the
 * table), the person types that stand for it when the claim has no birth date from a switch.
 */
export interface GroupLimit {
  maxAgeParam: string;
  readingParam: string;
  personTypes: readonly string[];
  ref: Ref;
}
export const GROUP_LIMITS: Readonly<Record<string, GroupLimit>> = {
  R08: {
    maxAgeParam: "lanzhou.resident.chronic.pkuMaxAge",
    readingParam: "lanzhou.resident.chronic.groupWithoutBirthDate",
    personTypes: ["minor", "student"],
    ref: L("第四部分 18.", "苯丙酮尿症（18岁及以下儿童）"),
  },
};

/** Rows that need no application (no approval date), with the switch that reads it. */
export const NO_APPLICATION: Readonly<Record<string, { param: string; ref: Ref }>> = {
  E12: { param: "lanzhou.employee.chronic.haemophiliaApplication", ref: L("第一部分 特殊疾病长期门诊审批标准及诊疗范围 九、(三)", "参保人员无须申报，费用先自付，于次年3月31日前持申报资料、购药处方、发票、清单前往市医保经办机构相关科室按比例审核报销费用。") },
};

/** Resident rows whose outpatient care gets 医疗救助 for the poor "参照住院救助标准" (53-disease list 51–52). */
export const OUTPATIENT_ASSISTANCE: Readonly<Record<string, Ref>> = {
  R01: L("第四部分 12.", "51	慢性肾衰透析(门诊透析参照住院救助标准实行医后救助)"),
  R02: L("第四部分 12.", "52	器官移植抗排异(门诊救助参照住院救助标准实行医后救助)"),
};

/** Resident chronic rows that are a hypertension or diabetes chronic approval: such a person has no 两病 benefit. */
export const TWO_DISEASE_EXCLUDING: readonly string[] = ["R38", "R21"];
export const TWO_DISEASE_EXCLUSION_REF: Ref = L("第三部分 两病 二、", "（二）未办理过高血压、糖尿病长期门诊。");
/** 两病 drugs come from one chosen facility of level 2 or below (L 两病 五、). */
export const TWO_DISEASE_LEVEL_REF: Ref = L("第三部分 两病 五、", "患者自主选择1家二级及以下公立医院、社区卫生服务中心（乡镇卫生院）或公立的社区卫生服务站（村卫生室）。");

/** Flags by catalog index, built once: what the kernels read per claim. */
function flags(scheme: "employee" | "resident", has: (d: ChronicDisease) => boolean): Uint8Array {
  const rows = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  return Uint8Array.from(rows, (d) => (has(d) ? 1 : 0));
}
export const NO_APPLICATION_FLAG = { employee: flags("employee", (d) => d.id in NO_APPLICATION), resident: flags("resident", (d) => d.id in NO_APPLICATION) };
export const OUTPATIENT_ASSISTANCE_FLAG = flags("resident", (d) => d.id in OUTPATIENT_ASSISTANCE);
export const TWO_DISEASE_EXCLUDING_FLAG = flags("resident", (d) => TWO_DISEASE_EXCLUDING.includes(d.id));
