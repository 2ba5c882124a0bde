import type { Text } from "./text";

/**
 * The five source documents (../shared/seeds). Every parameter, catalog row and rule cites one of
 * them by this short id plus a section or article and the words the figure comes from.
 */
export type SeedId = "L" | "SY" | "LN" | "NA" | "CY";
/** USER marks a value a person supplied (a parameter table or a scenario), never a seed. */
export type DocId = SeedId | "USER";

export interface SourceDoc {
  id: DocId;
  file: string;
  number: string;
  title: Text;
  inForce: string;
}

export const SOURCE_DOCS: Record<DocId, SourceDoc> = {
  L: {
    id: "L",
    file: "004_9838b5c950c7e9e1.txt",
    number: "兰州市基本医疗保险政策指南（2020年4月）",
    title: { zh: "兰州市基本医疗保险政策指南", en: "Lanzhou basic medical insurance policy guide" },
    inForce: "2020-04 (resident inpatient ratios from 2019-04-04)",
  },
  SY: {
    id: "SY",
    file: "001_4a59d722df04aa7e.txt",
    number: "沈医保发〔2021〕22号",
    title: { zh: "关于完善沈阳市基本医疗保险异地就医相关工作的通知", en: "Shenyang notice on cross-region care" },
    inForce: "2021-07-01",
  },
  LN: {
    id: "LN",
    file: "002_2f5c900ecaf52f8f.txt",
    number: "辽医保发〔2022〕19号",
    title: { zh: "辽宁省医疗保险异地就医结算管理办法（2022年版）", en: "Liaoning cross-region settlement measures (2022)" },
    inForce: "2023-01-01",
  },
  NA: {
    id: "NA",
    file: "003_8006030a1cf98fa7.txt",
    number: "医保办发〔2024〕19号",
    title: { zh: "关于稳妥有序扩大跨省直接结算门诊慢特病病种范围的通知", en: "National notice on cross-province outpatient chronic disease settlement" },
    inForce: "2024-09-05",
  },
  USER: {
    id: "USER",
    file: "",
    number: "用户参数表 / user parameter table",
    title: { zh: "用户提供的参数", en: "User-supplied parameters" },
    inForce: "—",
  },
  CY: {
    id: "CY",
    file: "000_1ef8b67552969f1e.txt",
    number: "异地就医结算问题清单及附件",
    title: { zh: "问题清单、朝阳转诊目录、急危重病标准", en: "Problem list, Chaoyang referral catalog, emergency criteria" },
    inForce: "—",
  },
};

/** A citation: which document, where in it, and the words the value or rule comes from. */
export interface Ref {
  doc: DocId;
  /** Section or article as the document numbers it, e.g. "第一部分 三、(四) 1." or "第二十三条". */
  section: string;
  /** The clause, quoted from the seed (OCR slips corrected and recorded in `slip`). */
  excerpt: string;
  /** An OCR slip corrected in the excerpt, e.g. "白付 → 自付". */
  slip?: string;
}

export function citeText(ref: Ref): string {
  return `${SOURCE_DOCS[ref.doc].number} ${ref.section}`;
}
