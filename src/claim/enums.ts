/**
 * The coded values of a claim (POLICY §3), with the Chinese and English words auditors type for them.
 * Codes are the canonical spellings; each enum also has a small integer index used in batch columns.
 */

export interface EnumDef<C extends string> {
  name: string;
  codes: readonly C[];
  zh: Record<C, string>;
  /** Extra spellings accepted on input (case- and width-insensitive), mapped to their code. */
  aliases: Record<string, C>;
}

function def<C extends string>(name: string, codes: readonly C[], zh: Record<C, string>, extra: Record<string, C> = {}): EnumDef<C> {
  const aliases: Record<string, C> = {};
  for (const c of codes) {
    aliases[normaliseToken(c)] = c;
    aliases[normaliseToken(zh[c])] = c;
  }
  for (const [k, v] of Object.entries(extra)) aliases[normaliseToken(k)] = v;
  return { name, codes, zh, aliases };
}

/**
 * Liaoning's other prefecture-level cities (GB/T 2260 2102–2114). Their claims settle by the
 * liaoning-city policy set from the base table a user supplies (docs/liaoning-city.md); without it
 * a claim is refused, saying the city's base table is missing.
 */
export const LIAONING_CITIES = ["dalian", "anshan", "fushun", "benxi", "dandong", "jinzhou", "yingkou", "fuxin", "liaoyang", "panjin", "tieling", "chaoyang", "huludao"] as const;
export type LiaoningCity = (typeof LIAONING_CITIES)[number];
export const LIAONING_CITY_NAMES: Record<LiaoningCity, string> = {
  dalian: "大连",
  anshan: "鞍山",
  fushun: "抚顺",
  benxi: "本溪",
  dandong: "丹东",
  jinzhou: "锦州",
  yingkou: "营口",
  fuxin: "阜新",
  liaoyang: "辽阳",
  panjin: "盘锦",
  tieling: "铁岭",
  chaoyang: "朝阳",
  huludao: "葫芦岛",
};
export const INSURED_PLACES = ["lanzhou", "shenyang", ...LIAONING_CITIES] as const;
export type InsuredPlace = (typeof INSURED_PLACES)[number];
export const insuredPlaceEnum = def("insuredPlace", INSURED_PLACES, { lanzhou: "兰州", shenyang: "沈阳", ...LIAONING_CITY_NAMES }, {
  兰州市: "lanzhou",
  沈阳市: "shenyang",
  ...Object.fromEntries(LIAONING_CITIES.map((c) => [LIAONING_CITY_NAMES[c] + "市", c])),
});

export const SCHEMES = ["employee", "resident"] as const;
export type Scheme = (typeof SCHEMES)[number];
export const schemeEnum = def("scheme", SCHEMES, { employee: "职工", resident: "居民" }, {
  职工医保: "employee",
  城镇职工: "employee",
  职工基本医疗保险: "employee",
  居民医保: "resident",
  城乡居民: "resident",
  城乡居民医保: "resident",
  城乡居民基本医疗保险: "resident",
  "310": "employee", // national insutype 310 职工基本医疗保险
  "390": "resident", // national insutype 390 城乡居民基本医疗保险
});

export const PERSON_TYPES = ["in_service", "retired", "adult", "elderly", "student", "minor"] as const;
export type PersonType = (typeof PERSON_TYPES)[number];
export const personTypeEnum = def("personType", PERSON_TYPES, {
  in_service: "在职",
  retired: "退休",
  adult: "成年",
  elderly: "老年",
  student: "学生",
  minor: "未成年",
}, {
  "in-service": "in_service",
  employed: "in_service",
  在职职工: "in_service",
  退休人员: "retired",
  成年人: "adult",
  成年居民: "adult",
  老年人: "elderly",
  老年居民: "elderly",
  大学生: "student",
  在校学生: "student",
  中小学生: "minor",
  未成年人: "minor",
  儿童: "minor",
});
export const EMPLOYEE_PERSON_TYPES = ["in_service", "retired"] as const;
export const RESIDENT_PERSON_TYPES = ["adult", "elderly", "student", "minor"] as const;

export const CARE_TYPES = ["inpatient", "chronic", "general_outpatient", "two_disease", "emergency_outpatient"] as const;
export type CareType = (typeof CARE_TYPES)[number];
export const careTypeEnum = def("careType", CARE_TYPES, {
  inpatient: "住院",
  chronic: "门诊慢特病",
  general_outpatient: "普通门诊",
  two_disease: "两病门诊",
  emergency_outpatient: "门急诊抢救",
}, {
  住院治疗: "inpatient",
  门诊慢病: "chronic",
  慢特病: "chronic",
  特殊疾病长期门诊: "chronic",
  门诊特殊疾病: "chronic",
  门诊慢性特殊疾病: "chronic",
  两病: "two_disease",
  普通门诊统筹: "general_outpatient",
  门诊: "general_outpatient",
  急诊抢救: "emergency_outpatient",
  "门(急)诊抢救": "emergency_outpatient",
  "门（急）诊抢救": "emergency_outpatient",
  "two-disease": "two_disease",
  outpatient: "general_outpatient",
});

/**
 * Cross-region categories as the documents define them: long-term residents (异地安置、长期居住、常驻
 * 异地工作), and temporary care split into referral, emergency and temporary outings (LN 第六条; L 第一部分
 * 三、(五) 1.), plus university students in resident insurance (LN 第六条 (二) 4.).
 */
export const CATEGORY_REFS = [
  { doc: "LN", section: "第六条", excerpt: "临时就医人员：因病情需要转诊就医或因工作、旅游等原因临时在异地停留的参保人员，包括异地转诊就医人员、异地急诊抢救人员和临时外出就医人员。" },
  { doc: "L", section: "第一部分 三、(五) 1.", excerpt: "异地安置分以下三类人员：①异地安置退休人员指退休后在异地定居并且户籍迁入定居地的人员" },
] as const;

export const CROSS_REGIONS = ["local", "long_term", "referral", "emergency", "temporary", "student_away"] as const;
export type CrossRegion = (typeof CROSS_REGIONS)[number];
export const crossRegionEnum = def("crossRegion", CROSS_REGIONS, {
  local: "本地",
  long_term: "异地长期居住",
  referral: "异地转诊",
  emergency: "异地急诊抢救",
  temporary: "临时外出",
  student_away: "异地大学生",
}, {
  本地就医: "local",
  异地安置: "long_term",
  异地长期居住人员: "long_term",
  异地安置退休人员: "long_term",
  常驻异地工作人员: "long_term",
  长期居住: "long_term",
  转诊: "referral",
  异地转诊就医: "referral",
  转外就医: "referral",
  异地转诊人员: "referral",
  急诊抢救: "emergency",
  异地急诊: "emergency",
  异地急诊抢救人员: "emergency",
  临时外出就医: "temporary",
  异地临时外出就医: "temporary",
  异地临时外出: "temporary",
  临时外出就医人员: "temporary",
  出差探亲: "temporary",
  大学生: "student_away",
  "long-term": "long_term",
});

export const SETTLEMENTS = ["direct", "manual"] as const;
export type Settlement = (typeof SETTLEMENTS)[number];
export const settlementEnum = def("settlement", SETTLEMENTS, { direct: "直接结算", manual: "手工报销" }, {
  直接: "direct",
  联网结算: "direct",
  持卡结算: "direct",
  手工: "manual",
  零星报销: "manual",
  垫付后手工报销: "manual",
  垫付报销: "manual",
});

export const HOSPITAL_LEVELS = ["1", "2", "3B", "3A", "3S"] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];
export const hospitalLevelEnum = def("hospitalLevel", HOSPITAL_LEVELS, {
  "1": "一级",
  "2": "二级",
  "3B": "三级乙等",
  "3A": "三级甲等",
  "3S": "特三级",
}, {
  一级医院: "1",
  社区: "1",
  社区卫生服务机构: "1",
  一级医疗机构: "1",
  乡镇卫生院: "1",
  二级医院: "2",
  二级医疗机构: "2",
  三乙: "3B",
  三级乙等医院: "3B",
  三级乙等医疗机构: "3B",
  "3b": "3B",
  三甲: "3A",
  三级甲等医院: "3A",
  三级甲等医疗机构: "3A",
  "3a": "3A",
  特三级医院: "3S",
  "3s": "3S",
});

export const POVERTY_STATUSES = ["none", "registered_poor", "low_income", "extreme_poor"] as const;
export type PovertyStatus = (typeof POVERTY_STATUSES)[number];
export const povertyStatusEnum = def("povertyStatus", POVERTY_STATUSES, {
  none: "无",
  registered_poor: "建档立卡",
  low_income: "低保",
  extreme_poor: "特困",
}, {
  否: "none",
  普通: "none",
  建档立卡贫困人口: "registered_poor",
  建档立卡户: "registered_poor",
  低保对象: "low_income",
  城乡低保: "low_income",
  特困供养: "extreme_poor",
  特困供养人员: "extreme_poor",
});

/**
 * Lanzhou 市直 civil-servant subsidy classes (L 第二部分 三、). The document's classes are finer than
 * "deputy": 副高级职称 is paid 100% above the pooled cap (三、3) while 正副县级干部 get 97% there.
 * `deputy` alone is accepted; which of the two it means above the cap is a reading switch
 * (lanzhou.civilServant.deputyAboveCap).
 */
export const CIVIL_SERVANT_RANKS = ["none", "senior", "deputy", "deputy_title", "deputy_county", "other"] as const;
export type CivilServantRank = (typeof CIVIL_SERVANT_RANKS)[number];
export const civilServantRankEnum = def("civilServantRank", CIVIL_SERVANT_RANKS, {
  none: "非公务员",
  senior: "正高/地级",
  deputy: "副高/县级",
  deputy_title: "副高级职称",
  deputy_county: "正副县级干部",
  other: "其他人员",
}, {
  无: "none",
  否: "none",
  正高: "senior",
  正高级: "senior",
  正副地级: "senior",
  地级: "senior",
  享受政府特殊津贴专家: "senior",
  副高: "deputy_title",
  副高级: "deputy_title",
  正副县级: "deputy_county",
  县级: "deputy_county",
  其他: "other",
  一般人员: "other",
});

/** Yes/no as auditors type it (after normaliseToken); 跨省/省内 answer the cross-province column. */
export const BOOL_WORDS: Readonly<Record<"yes" | "no", readonly string[]>> = {
  yes: ["是", "y", "yes", "true", "1", "跨省"],
  no: ["否", "n", "no", "false", "0", "省内"],
};

export type AnyEnum =
  | typeof insuredPlaceEnum
  | typeof schemeEnum
  | typeof personTypeEnum
  | typeof careTypeEnum
  | typeof crossRegionEnum
  | typeof settlementEnum
  | typeof hospitalLevelEnum
  | typeof povertyStatusEnum
  | typeof civilServantRankEnum;

/** Keys a keyed parameter may be indexed by. */
export const KEY_DOMAINS: Record<string, readonly string[]> = {
  hospitalLevel: HOSPITAL_LEVELS,
  employeePersonType: EMPLOYEE_PERSON_TYPES,
  residentPersonType: RESIDENT_PERSON_TYPES,
  povertyStatus: POVERTY_STATUSES,
  twoDisease: ["hypertension", "diabetes", "both"],
  employeeChronicRatio: ["standard", "dialysis", "transplant"],
  temporaryCategory: ["referral", "emergency", "temporary", "merged"],
  civilServantRank: ["senior", "deputy_title", "deputy_county", "other"],
};

/** Normalise typed text for matching: full-width → half-width, trim, lower-case, no inner spaces. */
export function normaliseToken(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "");
}

export function lookupEnum<C extends string>(e: EnumDef<C>, raw: string): C | undefined {
  const k = normaliseToken(raw);
  // own keys only: "constructor" or "__proto__" in a cell is not a value
  return Object.hasOwn(e.aliases, k) ? e.aliases[k] : undefined;
}
