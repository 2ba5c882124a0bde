/**
 * The canonical claim fields and every header auditors use for them: English names, Chinese headers,
 * and the national platform's settlement export (interface 2206/2207) column names (POLICY §3).
 */
import type { Text } from "../text";
import {
  careTypeEnum,
  civilServantRankEnum,
  crossRegionEnum,
  hospitalLevelEnum,
  insuredPlaceEnum,
  normaliseToken,
  personTypeEnum,
  povertyStatusEnum,
  schemeEnum,
  settlementEnum,
  type EnumDef,
} from "./enums";

export type FieldKind = "text" | "enum" | "money" | "date" | "count" | "bool";

export interface FieldDef {
  /** Canonical name; `claimed.x` fields are written `claimedX`. */
  name: string;
  kind: FieldKind;
  label: Text;
  aliases: readonly string[];
  enumDef?: EnumDef<string>;
}

const f = (name: string, kind: FieldKind, zh: string, en: string, aliases: string[], enumDef?: EnumDef<string>): FieldDef => ({
  name,
  kind,
  label: { zh, en },
  aliases: [zh, ...aliases],
  enumDef,
});

export const FIELDS: readonly FieldDef[] = [
  f("id", "text", "编号", "claim id", ["单据号", "报销单号", "结算ID", "结算编号", "序号", "setl_id", "mdtrt_id", "就诊ID", "claimId"]),
  f("name", "text", "姓名", "name", ["参保人姓名", "psn_name"]),
  f("idNumber", "text", "身份证号", "ID number", ["身份证号码", "证件号码", "公民身份号码", "certno"]),
  f("insuredPlace", "enum", "参保地", "insured place", ["参保统筹区", "参保地区", "参保地医保区划", "参保所属医保区划", "insuplc_admdvs", "insu_admdvs"], insuredPlaceEnum),
  f("scheme", "enum", "险种", "scheme", ["险种类型", "参保险种", "insutype"], schemeEnum),
  f("personType", "enum", "人员类别", "person type", ["人员类型", "psn_type"], personTypeEnum),
  f("careType", "enum", "就医类型", "care type", ["医疗类别", "就诊类型", "med_type"], careTypeEnum),
  f("crossRegion", "enum", "异地类别", "cross-region kind", ["异地就医类别", "就医人员类别", "备案类别", "异地就医人员类别"], crossRegionEnum),
  f("crossProvince", "bool", "跨省", "cross-province", ["是否跨省", "跨省异地", "跨省标志"]),
  f("treatedInInsuredPlace", "bool", "参保地就医", "treated in the insured place", ["返回参保地就医", "备案期内返回参保地就医", "回参保地就医"]),
  f("inFiledPlace", "bool", "原备案地就医", "treated in the filed place", ["在备案地就医", "备案地就医", "在原备案地"]),
  f("settlement", "enum", "结算方式", "settlement kind", ["结算类型", "报销方式"], settlementEnum),
  f("hospitalLevel", "enum", "医院等级", "hospital level", ["医疗机构等级", "医院级别", "定点医疗机构等级"], hospitalLevelEnum),
  f("admissionIndex", "count", "本年住院次数", "admission index", ["住院次数", "第几次住院", "本年第几次住院"]),
  f("admissionDate", "date", "入院日期", "admission date", ["入院时间", "begntime", "begndate", "adm_date"]),
  f("dischargeDate", "date", "出院日期", "discharge date", ["出院时间", "endtime", "enddate", "dscg_date"]),
  f("settlementDate", "date", "结算日期", "settlement date", ["结算时间", "setl_time"]),
  f("serviceDate", "date", "就诊日期", "service date", ["服务日期", "费用发生日期", "就医日期"]),
  f("total", "money", "总费用", "total", ["医疗费总额", "费用总额", "医疗总费用", "medfee_sumamt"]),
  f("outOfCatalog", "money", "自费/目录外", "out-of-catalog", ["自费", "目录外", "自费费用", "全自费金额", "目录外费用", "fulamt_ownpay_amt"]),
  f("classB", "money", "乙类费用", "class B", ["乙类", "乙类金额"]),
  f("tcm", "money", "中医药费用", "TCM expense", ["中药费用", "中医费用"]),
  f("ytdFundPaid", "money", "年度累计统筹支付", "year-to-date fund paid", ["本年累计统筹支付", "累计统筹支付", "本年统筹已支付"]),
  f("ytdPersonalInPolicy", "money", "年度累计政策内自付", "year-to-date personal in policy", ["本年累计政策内自付", "累计政策内自付"]),
  f("chronicDisease", "text", "慢特病病种", "chronic disease", ["病种", "病种名称", "慢病病种", "门慢门特病种", "病种编码", "opsp_dise_code", "opsp_dise_name"]),
  f("secondChronicDisease", "text", "第二慢特病病种", "second chronic disease", ["第二病种", "另一病种"]),
  f("chronicApproved", "date", "认定日期", "chronic approval date", ["慢特病认定日期", "审批日期", "慢病认定日期", "待遇认定日期"]),
  f("secondChronicApproved", "date", "第二病种认定日期", "second disease approval date", ["第二慢特病认定日期", "第二病种审批日期"]),
  f("birthDate", "date", "出生日期", "birth date", ["出生年月日", "brdy"]),
  f("referralThresholdPaid", "money", "转出医院已付起付线", "threshold paid at the referring stay", ["转诊前已付起付线", "转出医院起付线"]),
  f("emergencyCondition", "text", "急危重病病种", "emergency condition", ["急危重病", "急危重症病种", "抢救病种"]),
  f("emergencyFindings", "text", "关键指标", "emergency findings", ["急危重病指标", "关键标准指标", "抢救指标"]),
  f("filingDate", "date", "备案日期", "filing date", ["异地就医备案日期", "转诊备案日期"]),
  f("submissionDate", "date", "申报日期", "submission date", ["报销申请日期", "受理日期", "提交日期", "申请日期"]),
  f("materials", "text", "已交材料", "materials handed in", ["提交材料", "报销材料"]),
  f("povertyStatus", "enum", "困难类别", "poverty status", ["贫困类别", "救助类别", "困难人员类别"], povertyStatusEnum),
  f("civilServantRank", "enum", "公务员级别", "civil-servant rank", ["公务员补助类别", "公务员类别"], civilServantRankEnum),
  f("claimedPooled", "money", "申报统筹支付", "claimed pooled fund", ["统筹基金支出", "统筹支付", "基本统筹支付", "hifp_pay"]),
  f("claimedLargeAmount", "money", "申报大额支付", "claimed large-amount", ["职工大额医疗费用补助", "大额支付", "大额医疗支付", "hifob_pay"]),
  f("claimedSupplementary", "money", "申报补充险支付", "claimed supplementary", ["补充险支付", "补充医疗保险支付"]),
  f("claimedSeriousIllness", "money", "申报大病保险", "claimed serious illness", ["居民大病保险", "大病保险支付", "大病保险", "hifmi_pay"]),
  f("claimedAssistance", "money", "申报医疗救助", "claimed assistance", ["医疗救助", "医疗救助基金支出", "maf_pay"]),
  f("claimedSubsidy", "money", "申报公务员补助", "claimed subsidy", ["公务员医疗补助", "公务员医疗补助资金支出", "cvlserv_pay"]),
  f("claimedPersonal", "money", "申报个人负担", "claimed personal", ["个人负担", "个人自付"]),
  f("claimedThreshold", "money", "申报起付线", "claimed threshold", ["实际支付起付线", "起付线", "act_pay_dedc"]),
  f("claimedPolicyScope", "money", "申报政策范围内费用", "claimed policy scope", ["符合政策范围金额", "政策范围内费用", "inscp_scp_amt"]),
  f("claimedPreSelfPay", "money", "申报先行自付", "claimed first self-pay", ["先行自付", "先行自付金额", "preselfpay_amt"]),
  f("claimedPersonalCash", "money", "个人现金支付", "personal cash paid", ["现金支付", "psn_cash_pay"]),
  f("claimedAccountPaid", "money", "个人账户支出", "personal account paid", ["个人账户支付", "acct_pay"]),
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.name, d]));

const HEADER_INDEX: ReadonlyMap<string, FieldDef> = (() => {
  const m = new Map<string, FieldDef>();
  for (const d of FIELDS) {
    for (const k of [d.name, d.label.en, ...d.aliases]) {
      const key = normaliseToken(k);
      const prev = m.get(key);
      if (prev && prev !== d) throw new Error(`Header alias ${k} maps to both ${prev.name} and ${d.name}`);
      m.set(key, d);
    }
  }
  return m;
})();

/** Units a money header may state, and what one of them is in yuan. */
export const MONEY_UNITS: Readonly<Record<string, number>> = { 元: 1, 千元: 1000, 万元: 10_000 };

/**
 * What a header says: the field it names and, for an amount, the unit it states in brackets
 * (总费用（万元）, 总费用(元), 总费用【单位：千元】). A unit is honoured exactly (元 ×1, 千元 ×1 000,
 * 万元 ×10 000); any other unit on an amount (美元, 分, 百元 …) is kept as `badUnit`, so that the
 * column's values are refused with the reason rather than read as yuan. Never stripped silently.
 */
export interface HeaderInfo {
  def: FieldDef;
  /** How many yuan one unit of the column is (1 when no unit is stated). */
  scale: number;
  /** The unit as written, when one is stated. */
  unit?: string;
  /** A unit that is not 元, 千元 or 万元 on a money field. */
  badUnit?: string;
}

const UNIT_SUFFIX = /^(.*?)\s*[（(\[【]\s*(?:单位\s*[:：]\s*)?([^）)\]】]*?)\s*[）)\]】]$/;

export function headerInfo(header: string): HeaderInfo | undefined {
  const whole = HEADER_INDEX.get(normaliseToken(header));
  if (whole) return { def: whole, scale: 1 };
  const m = UNIT_SUFFIX.exec(header.trim());
  if (!m) return undefined;
  const def = HEADER_INDEX.get(normaliseToken(m[1]!));
  if (!def || def.kind !== "money") return undefined;
  const unit = normaliseToken(m[2]!);
  const scale = Object.hasOwn(MONEY_UNITS, unit) ? MONEY_UNITS[unit]! : undefined;
  return scale === undefined ? { def, scale: 1, unit, badUnit: unit } : { def, scale, unit };
}

/** The field a column header names, if any (English, Chinese or national export names, with a unit). */
export function fieldForHeader(header: string): FieldDef | undefined {
  return headerInfo(header)?.def;
}

export interface HeaderMapping {
  /** column index → canonical field name */
  columns: (string | null)[];
  unknown: string[];
  duplicates: { field: string; headers: string[] }[];
}

/** Map a header row to fields. Unknown headers are reported (and ignored); two headers for one field are an error. */
export function mapHeaders(headers: readonly unknown[], overrides: Readonly<Record<string, string | null>> = {}): HeaderMapping {
  const columns: (string | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string[]>();
  headers.forEach((h) => {
    const text = h === null || h === undefined ? "" : String(h).trim();
    let field: string | null;
    const overridden = Object.hasOwn(overrides, text);
    if (overridden) field = overrides[text] ?? null;
    else field = text === "" ? null : (fieldForHeader(text)?.name ?? null);
    if (field === null && text !== "" && !overridden) unknown.push(text);
    columns.push(field);
    if (field) seen.set(field, [...(seen.get(field) ?? []), text]);
  });
  const duplicates = [...seen].filter(([, hs]) => hs.length > 1).map(([field, hs]) => ({ field, headers: hs }));
  return { columns, unknown, duplicates };
}
