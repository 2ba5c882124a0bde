/**
 * Which rule settles a claim: a decision table over (insured place, scheme, care type, cross-region
 * kind, cross-province, treated back home). Hit policy Unique: at load every combination must match
 * exactly one row, so a gap or an overlap is a start-up error, never a silent fallback. Rows that
 * the documents do not rule on say so (POLICY §3, last line) and cite what the document does say.
 */
import type { Ref } from "../docs";
import { CARE_TYPES, CROSS_REGIONS, INSURED_PLACES, LIAONING_CITIES, LIAONING_CITY_NAMES, SCHEMES, type CareType, type CrossRegion, type InsuredPlace, type LiaoningCity, type Scheme } from "../claim/enums";
import type { Text } from "../text";
import { msg, type MessageKey } from "../messages";

export type KernelId =
  | "lanzhou.employee.inpatient"
  | "lanzhou.employee.chronic"
  | "lanzhou.resident.inpatient"
  | "lanzhou.resident.chronic"
  | "lanzhou.resident.twoDisease"
  | "lanzhou.resident.generalOutpatient"
  | "shenyang.inpatient"
  | "shenyang.emergencyOutpatient"
  /** The liaoning-city set: one instance of the Shenyang kernel per city, reading `<city>.` parameters. */
  | `${LiaoningCity}.inpatient`;

export type Outcome =
  | { kind: "kernel"; kernel: KernelId; label: Text; firstPay?: string; ratioCut?: string; variant?: string; ref: Ref }
  | { kind: "no_rule"; message: Text; ref: Ref }
  | { kind: "needs"; field: string; message: Text };

type OneOrMany<T> = T | readonly T[];
export interface RouteRow {
  when: {
    insuredPlace?: OneOrMany<InsuredPlace>;
    scheme?: OneOrMany<Scheme>;
    careType?: OneOrMany<CareType>;
    crossRegion?: OneOrMany<CrossRegion>;
    /** "unknown": the claim does not say. */
    crossProvince?: OneOrMany<"yes" | "no" | "unknown">;
    home?: OneOrMany<"yes" | "no">;
    /** Treated in the place the person filed (long-term residents, interns, students at home; SY 三). */
    filedPlace?: OneOrMany<"yes" | "no">;
  };
  then: Outcome;
}

/** A clause of L 第一部分 三、(五) (cross-region care), cited by its number within that part. */
const L_CROSS = (ref: { section: string; excerpt: string; slip?: string }): Ref => ({ doc: "L", ...ref, section: `第一部分 三、(五) ${ref.section}` });
const NON_LOCAL: CrossRegion[] = ["long_term", "referral", "emergency", "temporary", "student_away"];

export const LANZHOU_ROUTES: readonly RouteRow[] = [
  // ---- employees, inpatient (L 第一部分 三、(四)(五); POLICY §5)
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "local" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatient"),
      ref: { doc: "L", section: "第一部分 三、(四)", excerpt: "起付标准以下的，由个人支付，起付标准以上最高支付限额以下的，由统筹基金和参保人员按比例承担。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "emergency" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientEmergencyElsewhereLocalRules"),
      ref: L_CROSS({ section: "2.(3)", excerpt: "出差探亲符合急诊急救的住院医疗费用，按兰州市城镇职工医保相关规定报销。" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "long_term", home: "no" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientLongTermFilerLocal"),
      ref: L_CROSS({ section: "2.(1)", excerpt: "异地安置备案人员，住院医疗费用按兰州市城镇职工医保相关政策报销。" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "long_term", home: "yes", crossProvince: "no" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientInProvinceFilerBack"),
      ref: L_CROSS({ section: "2.(5)", excerpt: "省内异地备案的住院费按兰州市医保政策进行报销。" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "long_term", home: "yes", crossProvince: "yes" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientCrossProvinceFilerBack"),
      ratioCut: "lanzhou.employee.crossRegion.filerHomeRatioCut",
      ref: L_CROSS({ section: "2.(5)", excerpt: "其中跨省异地备案的住院医疗费用降低10%比例进行报销" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "long_term", home: "yes", crossProvince: "unknown" },
    then: {
      kind: "needs",
      field: "crossProvince",
      message: msg("engine.route.noRule.aFilerTreatedBackInLanzhouSay"),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "referral", crossProvince: "yes" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientReferredOutOfProvince"),
      firstPay: "lanzhou.employee.crossRegion.referralFirstPay",
      ref: L_CROSS({ section: "2.(2)", excerpt: "异地转诊（转往省外住院治疗）人员个人先自付10%", slip: "白付 → 自付" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "referral", crossProvince: "no" },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideRulesOnlyOnReferrals"),
      ref: L_CROSS({ section: "2.(2)", excerpt: "异地转诊（转往省外住院治疗）人员个人先自付10%，其余费用按兰州市城镇职工医保相关规定报销。", slip: "白付 → 自付" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "referral", crossProvince: "unknown" },
    then: {
      kind: "needs",
      field: "crossProvince",
      message: msg("engine.route.noRule.aReferralNeedsTheCrossProvinceFlag"),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "temporary" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.inpatient",
      label: msg("engine.route.label.lanzhouEmployeeInpatientNotEmergencyNotReferred"),
      firstPay: "lanzhou.employee.crossRegion.temporaryFirstPay",
      ref: L_CROSS({ section: "2.(4)", excerpt: "出差探亲非急诊急救和未办理异地转诊手续自行前往异地就诊的参保人员的异地住院医疗费用，个人先自付30%", slip: "白付 → 自付" }),
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "inpatient", crossRegion: "student_away" },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.studentAwayIsAResidentSchemeCategory"),
      ref: L_CROSS({ section: "1.", excerpt: "异地就医是指参保人员因异地安置、异地转诊、出差探亲发生急诊等在异地住院治疗的情况" }),
    },
  },
  // ---- employees, outpatient
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "chronic", crossRegion: ["local", "long_term"] },
    then: {
      kind: "kernel",
      kernel: "lanzhou.employee.chronic",
      label: msg("engine.route.label.lanzhouEmployeeChronicOutpatient"),
      ref: { doc: "L", section: "第一部分 三、(三) 4.(3)", excerpt: "异地居住备案人员应在居住地选择一家医疗机构作为特殊疾病长期门诊治疗的定点医院，发生的特殊疾病长期门诊医疗费用先由本人垫付，每半年或一年将资料报送所在辖区医保经办机构审核结算。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "chronic", crossRegion: ["referral", "emergency", "temporary", "student_away"] },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideGivesChronicOutpatientTerms"),
      ref: { doc: "L", section: "第一部分 异地就医直接结算政策问答 三、", excerpt: "目前只有住院医疗费用可以实现直接结算，长期门诊费用暂时不支持。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "general_outpatient" },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.lanzhouEmployeesPayGeneralOutpatientCareFrom"),
      ref: { doc: "L", section: "第一部分 三、(一)", excerpt: "符合基本医疗保险规定的医疗费用直接刷卡结算。个人账户不足支付的，由职工个人自付。", slip: "白付 → 自付" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "employee", careType: "two_disease" },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theTwoDiseaseOutpatientBenefitIsFor"),
      ref: { doc: "L", section: "第三部分 两病 二、", excerpt: "（一）参保的兰州市城乡居民。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", careType: "emergency_outpatient" },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideHasNoRuleFor"),
      ref: { doc: "L", section: "第一部分 三、(五)", excerpt: "异地就医是指参保人员因异地安置、异地转诊、出差探亲发生急诊等在异地住院治疗的情况" },
    },
  },
  // ---- residents (L 第三部分; POLICY §6–§7)
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "inpatient", crossRegion: "local" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.resident.inpatient",
      label: msg("engine.route.label.lanzhouResidentInpatient"),
      ref: { doc: "L", section: "第三部分 二、(三)", excerpt: "2019年4月4日起，全市所有城乡居民参保患者住院统筹报销比例为一级医疗机构85%、二级医疗机构80%、三级乙等医疗机构70%、三级甲等60%" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "inpatient", crossRegion: NON_LOCAL },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideGivesNoThresholdsOr"),
      ref: { doc: "L", section: "第四部分 8.(3)", excerpt: "没有办理转诊手续，直接到上级医院或省外就医的，将会降低报销比例。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "chronic", crossRegion: "local" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.resident.chronic",
      label: msg("engine.route.label.lanzhouResidentChronicOutpatient"),
      ref: { doc: "L", section: "第四部分 18.", excerpt: "不设起付线，在年度限额内按比例报销，超过年度限额的部分不予报销。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "chronic", crossRegion: NON_LOCAL },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideHasNoRuleFor2"),
      ref: { doc: "L", section: "第四部分 10.", excerpt: "在异地的药店购药和医院门诊还不能实现刷卡直接结算。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "two_disease", crossRegion: ["local", "long_term"] },
    then: {
      kind: "kernel",
      kernel: "lanzhou.resident.twoDisease",
      label: msg("engine.route.label.lanzhouResidentTwoDiseaseOutpatient"),
      ref: { doc: "L", section: "第三部分 两病 六、(二)", excerpt: "异地就医备案人员发生的“两病”门诊药品费用先由本人垫付，原则上每半年报销一次" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "two_disease", crossRegion: ["referral", "emergency", "temporary", "student_away"] },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.twoDiseaseDrugsArePaidOnlyLocally"),
      ref: { doc: "L", section: "第三部分 两病 八、(四)", excerpt: "异地备案患者在异地非当地定点医院及零售药店发生的“两病”门诊药品费用不予报销。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "general_outpatient", crossRegion: "local" },
    then: {
      kind: "kernel",
      kernel: "lanzhou.resident.generalOutpatient",
      label: msg("engine.route.label.lanzhouResidentGeneralOutpatient"),
      ref: { doc: "L", section: "第三部分 二、(一)", excerpt: "普通门诊。起付标准为零起付线，报销比例为70%，每人每年度累计报销不超过100元。" },
    },
  },
  {
    when: { insuredPlace: "lanzhou", scheme: "resident", careType: "general_outpatient", crossRegion: NON_LOCAL },
    then: {
      kind: "no_rule",
      message: msg("engine.route.noRule.theLanzhouGuideHasNoRuleFor3"),
      ref: { doc: "L", section: "第四部分 10.", excerpt: "在异地的药店购药和医院门诊还不能实现刷卡直接结算。" },
    },
  },
];

const SY_REF = (ref: { section: string; excerpt: string }): Ref => ({ doc: "SY", ...ref });
const SY_KERNEL = (variant: string, label: Text, ref: Ref): Outcome => ({ kind: "kernel", kernel: "shenyang.inpatient", variant, label, ref });

export const SHENYANG_ROUTES: readonly RouteRow[] = [
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "local" },
    then: SY_KERNEL("local", msg("engine.route.label.shenyangLocalInpatient"), SY_REF({ section: "一、", excerpt: "同时保留我市定点医疗机构住院就医医保待遇" })),
  },
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "long_term" },
    then: SY_KERNEL("local", msg("engine.route.label.shenyangLongTermResidentInpatientLocalTerms"), { doc: "LN", section: "第二十二条", excerpt: "长期居住人员办理备案后在就医地就医结算时，基本医疗保险基金的起付标准、支付比例、最高支付限额等执行参保地本地就医待遇标准" }),
  },
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "referral" },
    then: SY_KERNEL("referral", msg("engine.route.label.shenyangReferralInpatient"), SY_REF({ section: "四、(一)", excerpt: "职工统筹基金起付标准不变,报销比例调整为75%" })),
  },
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "temporary" },
    then: SY_KERNEL("temporary", msg("engine.route.label.shenyangTemporaryInpatient"), SY_REF({ section: "四、(二)", excerpt: "职工统筹基金起付标准不变,报销比例调整为60%" })),
  },
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "emergency", filedPlace: "yes" },
    then: SY_KERNEL("local", msg("engine.route.label.shenyangEmergencyInpatientInTheFiledPlace"), SY_REF({ section: "三、(二)", excerpt: "异地长期居住人员、异地实习和假期回原籍地的学生在原备案地发生的急危重病住院费用,基本医疗保险待遇按照我市相应参保人员类别、相应医院等级规定执行" })),
  },
  {
    when: { insuredPlace: "shenyang", careType: "inpatient", crossRegion: "emergency", filedPlace: "no" },
    then: SY_KERNEL("emergencyElsewhere", msg("engine.route.label.shenyangEmergencyInpatientElsewhereTerms"), SY_REF({ section: "三、(二)", excerpt: "除上述情况外,异地发生的急危重病住院费用,基本医疗保险待遇根据参保人员类别,按照我市特三级医院起付标准和报销比例执行;起付标准不享受减免待遇。" })),
  },
  {
    when: { insuredPlace: "shenyang", scheme: "resident", careType: "inpatient", crossRegion: "student_away" },
    then: SY_KERNEL("local", msg("engine.route.label.shenyangResidentInsuredUniversityStudentAwayLocal"), { doc: "LN", section: "第二十三条", excerpt: "参加我省居民医保的大学生在异地联网定点医疗机构就医住院，执行参保地本地就医待遇标准" }),
  },
  {
    when: { insuredPlace: "shenyang", scheme: "employee", careType: "inpatient", crossRegion: "student_away" },
    then: { kind: "no_rule", message: msg("engine.route.noRule.studentAwayIsAResidentSchemeCategory2"), ref: { doc: "LN", section: "第六条 (二) 4.", excerpt: "参加居民医保的大学生异地就医人员" } },
  },
  {
    when: { insuredPlace: "shenyang", careType: "emergency_outpatient", crossRegion: "emergency" },
    then: { kind: "kernel", kernel: "shenyang.emergencyOutpatient", label: msg("engine.route.label.shenyangOutpatientEmergencyRescue"), ref: SY_REF({ section: "三、(一)", excerpt: "异地发生的急危重病门(急)诊抢救医疗费用按照临时外出人员类别报销比例执行" }) },
  },
  {
    when: { insuredPlace: "shenyang", careType: "emergency_outpatient", crossRegion: ["local", "long_term", "referral", "temporary", "student_away"] },
    then: { kind: "no_rule", message: msg("engine.route.noRule.syRulesOnlyOnOutpatientRescueOf"), ref: SY_REF({ section: "三、(一)", excerpt: "急危重病门(急)诊抢救待遇" }) },
  },
  {
    when: { insuredPlace: "shenyang", careType: ["chronic", "general_outpatient"] },
    then: { kind: "no_rule", message: msg("engine.route.noRule.shenyangOutpatientCareElsewhereFollowsShenyangS"), ref: SY_REF({ section: "二、", excerpt: "异地就医门诊统筹待遇,执行我市相关政策。" }) },
  },
  {
    when: { insuredPlace: "shenyang", careType: "two_disease" },
    then: { kind: "no_rule", message: msg("engine.route.noRule.theTwoDiseaseBenefitIsALanzhou"), ref: { doc: "L", section: "第三部分 两病 二、", excerpt: "（一）参保的兰州市城乡居民。" } },
  },
];

// ---------------------------------------------------------------------------------------------
// The liaoning-city set (docs/liaoning-city.md): every other Liaoning city settles inpatient care by
// the Shenyang kernel reading the city's own table, within LN's provincial rules.

const LN_REF = (ref: { section: string; excerpt: string }): Ref => ({ doc: "LN", ...ref });
function cityRoutes(city: LiaoningCity): RouteRow[] {
  const name = msg("city.name", { name: { zh: LIAONING_CITY_NAMES[city], en: city.charAt(0).toUpperCase() + city.slice(1) } });
  const K = (variant: string, key: MessageKey, ref: Ref): Outcome => ({ kind: "kernel", kernel: `${city}.inpatient`, variant, label: msg(key, { city: name }), ref });
  const local23 = LN_REF({ section: "第二十条", excerpt: "基本医疗保险基金的起付标准、支付比例、最高支付限额、门诊慢特病病种范围等报销政策执行参保地规定。" });
  const temp23 = LN_REF({ section: "第二十三条", excerpt: "临时就医人员在就医地异地联网定点医疗机构住院，按参保地同级别定点医疗机构待遇标准适当下调，起付标准上调幅度不超过 2.5 倍" });
  const longTerm = LN_REF({ section: "第二十二条", excerpt: "长期居住人员办理备案后在就医地就医结算时，基本医疗保险基金的起付标准、支付比例、最高支付限额等执行参保地本地就医待遇标准" });
  return [
    { when: { insuredPlace: city, careType: "inpatient", crossRegion: "local" }, then: K("local", "city.route.local", local23) },
    { when: { insuredPlace: city, careType: "inpatient", crossRegion: "long_term" }, then: K("local", "city.route.longTerm", longTerm) },
    { when: { insuredPlace: city, careType: "inpatient", crossRegion: "referral" }, then: K("referral", "city.route.referral", temp23) },
    { when: { insuredPlace: city, careType: "inpatient", crossRegion: "temporary" }, then: K("temporary", "city.route.temporary", temp23) },
    { when: { insuredPlace: city, careType: "inpatient", crossRegion: "emergency", filedPlace: "no" }, then: K("emergency", "city.route.emergency", temp23) },
    {
      when: { insuredPlace: city, careType: "inpatient", crossRegion: "emergency", filedPlace: "yes" },
      then: K("local", "city.route.emergencyFiled", LN_REF({ section: "第二十二条", excerpt: "长期居住人员办理备案后在就医地就医结算时，基本医疗保险基金的起付标准、支付比例、最高支付限额等执行参保地本地就医待遇标准" })),
    },
    { when: { insuredPlace: city, scheme: "resident", careType: "inpatient", crossRegion: "student_away" }, then: K("local", "city.route.studentAway", LN_REF({ section: "第二十三条", excerpt: "参加我省居民医保的大学生在异地联网定点医疗机构就医住院，执行参保地本地就医待遇标准" })) },
    {
      when: { insuredPlace: city, scheme: "employee", careType: "inpatient", crossRegion: "student_away" },
      then: { kind: "no_rule", message: msg("city.route.studentAwayEmployee"), ref: LN_REF({ section: "第六条 (二) 4.", excerpt: "参加居民医保的大学生异地就医人员" }) },
    },
    {
      when: { insuredPlace: city, careType: ["chronic", "general_outpatient", "two_disease", "emergency_outpatient"] },
      then: {
        kind: "no_rule",
        message: msg("city.route.outpatient", { city: name }),
        ref: LN_REF({ section: "第二十五条", excerpt: "将符合参保地规定的普通门诊统筹和门诊慢特病的医疗费用，纳入异地就医直接结算范围。" }),
      },
    },
  ];
}
export const CITY_ROUTES: readonly RouteRow[] = LIAONING_CITIES.flatMap(cityRoutes);

// ---------------------------------------------------------------------------------------------
// The compiled table: one cell per combination.

const PROVINCE = ["no", "yes", "unknown"] as const;
const HOME = ["no", "yes"] as const;
const FILED = ["no", "yes"] as const;
const DIMS = [INSURED_PLACES.length, SCHEMES.length, CARE_TYPES.length, CROSS_REGIONS.length, PROVINCE.length, HOME.length, FILED.length];

// the sizes as plain constants, which the engine's routing pass (once per claim) reads without an array load
const D1 = SCHEMES.length, D2 = CARE_TYPES.length, D3 = CROSS_REGIONS.length, D4 = PROVINCE.length, D5 = HOME.length, D6 = FILED.length;
export function cellIndex(place: number, scheme: number, care: number, cross: number, province: number, home: number, filed: number): number {
  return (((((place * D1 + scheme) * D2 + care) * D3 + cross) * D4 + province) * D5 + home) * D6 + filed;
}

function matches<T>(cond: OneOrMany<T> | undefined, v: T): boolean {
  if (cond === undefined) return true;
  return Array.isArray(cond) ? (cond as readonly T[]).includes(v) : cond === v;
}

export class RouteTable {
  readonly cells: Int16Array;
  constructor(readonly rows: readonly RouteRow[]) {
    const size = DIMS.reduce((a, b) => a * b, 1);
    this.cells = new Int16Array(size).fill(-1);
    const gaps: string[] = [];
    const overlaps: string[] = [];
    // Each row marks the cells it matches (linear in the cells, whatever the number of rows).
    const count = new Uint8Array(size);
    const axes = [INSURED_PLACES, SCHEMES, CARE_TYPES, CROSS_REGIONS, PROVINCE, HOME, FILED] as readonly (readonly string[])[];
    const label = (ix: readonly number[]) => `${axes.map((a, d) => a[ix[d]!]).slice(0, 4).join("/")}/crossProvince=${PROVINCE[ix[4]!]}/home=${HOME[ix[5]!]}/filedPlace=${FILED[ix[6]!]}`;
    rows.forEach((r, i) => {
      const w = r.when;
      const conds = [w.insuredPlace, w.scheme, w.careType, w.crossRegion, w.crossProvince, w.home, w.filedPlace] as (OneOrMany<string> | undefined)[];
      const sel = axes.map((a, d) => a.flatMap((v, k) => (matches(conds[d], v) ? [k] : [])));
      const ix = new Array<number>(7).fill(0);
      const walk = (d: number): void => {
        if (d === 7) {
          const cell = cellIndex(ix[0]!, ix[1]!, ix[2]!, ix[3]!, ix[4]!, ix[5]!, ix[6]!);
          if (count[cell]!++ === 0) this.cells[cell] = i;
          else overlaps.push(`${label(ix)} → rows ${this.cells[cell]}, ${i}`);
          return;
        }
        for (const k of sel[d]!) {
          ix[d] = k;
          walk(d + 1);
        }
      };
      walk(0);
    });
    if (count.includes(0))
      for (let cell = 0; cell < size; cell++) {
        if (count[cell]) continue;
        const ix: number[] = [];
        let rest = cell;
        for (let d = 6; d >= 0; d--) {
          ix[d] = rest % DIMS[d]!;
          rest = Math.floor(rest / DIMS[d]!);
        }
        gaps.push(label(ix));
      }
    const list = (xs: readonly string[]) => (xs.length ? xs.slice(0, 10).join("; ") + (xs.length > 10 ? ` … (${xs.length})` : "") : "-");
    if (gaps.length || overlaps.length) throw new Error(`Route table is not a partition:\n  gaps (no rule row): ${list(gaps)}\n  overlaps: ${list(overlaps)}`);
  }
}

export const ROUTES = new RouteTable([...LANZHOU_ROUTES, ...SHENYANG_ROUTES, ...CITY_ROUTES]);
