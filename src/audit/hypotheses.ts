/**
 * Known mistakes in hand-submitted claims, each as a change to the claim (or to the rules) that a
 * clerk might have made. If settling the changed claim reproduces the submitted amounts, that mistake
 * is the reason the audit gives. Data, not branches: a new kind of mistake is one more entry.
 */
import type { Claim } from "../claim/claim";
import { EMPLOYEE_PERSON_TYPES, HOSPITAL_LEVELS, RESIDENT_PERSON_TYPES, type HospitalLevel } from "../claim/enums";
import { MAX_FEN } from "../money";
import { builtinRegistry } from "../params/builtin";
import type { Text } from "../text";
import { msg } from "../messages";
import { Engine, type SettlementResult } from "../engine/settle";

export interface Variant {
  claim: Claim;
  engine?: Engine;
  reason: Text;
}

export interface Hypothesis {
  id: string;
  applies(c: Claim, r: SettlementResult): boolean;
  /** `engine`: the audit's engine (its registry may carry a user's parameter table). */
  variants(c: Claim, r: SettlementResult, engine: Engine): Variant[];
}

const LEVEL_ZH: Record<HospitalLevel, string> = { "1": "一级", "2": "二级", "3B": "三级乙等", "3A": "三级甲等", "3S": "特三级" };
const with_ = (c: Claim, patch: Partial<Claim>): Claim => ({ ...c, ...patch });

let engines: Map<string, Engine> | null = null;
/** Engines with one reading or figure changed, made once. */
function variantEngine(key: string, make: () => Engine): Engine {
  engines ??= new Map();
  let e = engines.get(key);
  if (!e) {
    e = make();
    engines.set(key, e);
  }
  return e;
}

const SY_TERMS = new WeakMap<Engine, Engine>();
/** The audit's engine with SY's referral terms for 困难群体 (one per engine: a user's Shenyang table stays). */
function syReferralTerms(engine: Engine): Engine {
  let e = SY_TERMS.get(engine);
  if (!e) SY_TERMS.set(engine, (e = new Engine(engine.registry.withOverrides("audit: SY referral terms", [{ id: "shenyang.referral.poorInProvince", value: "referral_terms" }]))));
  return e;
}

export const HYPOTHESES: readonly Hypothesis[] = [
  {
    id: "threshold_not_reduced",
    applies: (c) => c.careType === "inpatient" && (c.admissionIndex ?? 1) > 1,
    variants: (c) => [
      {
        claim: with_(c, { admissionIndex: 1 }),
        reason: { zh: `起付线错误：本年第 ${c.admissionIndex} 次住院的起付标准应递减，申报按首次住院计算`, en: `Wrong threshold: admission ${c.admissionIndex} of the year gets a reduced threshold; the claim used the first admission's` },
      },
    ],
  },
  {
    id: "admission_index_off",
    applies: (c) => c.careType === "inpatient" && c.admissionIndex !== undefined,
    variants: (c) =>
      [c.admissionIndex! - 1, c.admissionIndex! + 1, c.admissionIndex! + 2]
        .filter((k) => k >= 1 && k !== 1)
        .map((k) => ({
          claim: with_(c, { admissionIndex: k }),
          reason: { zh: `起付线错误：按本年第 ${k} 次住院递减，实为第 ${c.admissionIndex} 次`, en: `Wrong threshold: reduced as admission ${k} of the year; it is admission ${c.admissionIndex}` },
        })),
  },
  {
    id: "threshold_geometric",
    applies: (c) => c.careType === "inpatient" && (c.admissionIndex ?? 1) > 2 && c.insuredPlace === "lanzhou",
    variants: (c) => [
      {
        claim: c,
        engine: variantEngine("geometric", () =>
          new Engine(builtinRegistry().withOverrides("audit: geometric reading", [
            { id: "lanzhou.employee.inpatient.repeatMode", value: "geometric" },
            { id: "lanzhou.resident.inpatient.repeatMode", value: "geometric" },
          ])),
        ),
        reason: { zh: "起付线错误：多次住院按“每次×80%”递减，本项目按“每次减原标准20%”（POLICY §5）", en: "Wrong threshold: reduced ×80% each time; the project reads 20 points of the base less each time (POLICY §5)" },
      },
    ],
  },
  {
    id: "wrong_level",
    applies: (c) => c.careType === "inpatient" && c.hospitalLevel !== undefined,
    variants: (c) =>
      HOSPITAL_LEVELS.filter((l) => l !== c.hospitalLevel && l !== "3S").map((l) => ({
        claim: with_(c, { hospitalLevel: l }),
        reason: { zh: `医院等级错误：按${LEVEL_ZH[l]}医院的起付线和比例计算，实为${LEVEL_ZH[c.hospitalLevel!]}`, en: `Wrong hospital level: computed as level ${l}; the hospital is level ${c.hospitalLevel}` },
      })),
  },
  {
    id: "wrong_person_type",
    applies: (c) => c.careType === "inpatient",
    variants: (c) =>
      (c.scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES)
        .filter((p) => p !== c.personType)
        .map((p) => ({
          claim: with_(c, { personType: p }),
          reason:
            c.scheme === "employee"
              ? { zh: `分段比例错误：按${p === "retired" ? "退休" : "在职"}人员比例计算，实为${c.personType === "retired" ? "退休" : "在职"}`, en: `Wrong band ratio: the ${p === "retired" ? "retired" : "in-service"} ratios were used; the person is ${c.personType === "retired" ? "retired" : "in service"}` }
              : { zh: `人员类别错误：按 ${p} 计算，实为 ${c.personType}`, en: `Wrong person type: computed as ${p}; the person is ${c.personType}` },
        })),
  },
  {
    id: "cap_not_applied",
    applies: (c) => c.ytdFundPaid > 0,
    variants: (c) => [
      {
        claim: with_(c, { ytdFundPaid: 0 }),
        reason: { zh: `超出年度限额：本年已由统筹支付 ${(c.ytdFundPaid / 100).toFixed(2)}，申报未扣减，超过了年度最高支付限额`, en: `Cap exceeded: ${(c.ytdFundPaid / 100).toFixed(2)} was already paid by the pooled fund this year; the claim ignored it and exceeds the annual cap` },
      },
    ],
  },
  {
    id: "cap_ignored",
    applies: () => true,
    variants: (c) => [
      {
        claim: c,
        engine: variantEngine("nocap", () =>
          new Engine(builtinRegistry().withOverrides("audit: no annual cap", [
            { id: "lanzhou.employee.inpatient.annualCap", value: MAX_FEN },
            { id: "lanzhou.resident.inpatient.annualCap", value: MAX_FEN },
            { id: "lanzhou.resident.generalOutpatient.annualCap", value: MAX_FEN },
          ])),
        ),
        reason: { zh: "超出年度限额：统筹支付超过了年度最高支付限额", en: "Cap exceeded: the pooled payment is above the annual cap" },
      },
    ],
  },
  {
    id: "first_pay_missed",
    applies: (c, r) => r.firstPay > 0,
    variants: (c) => [
      {
        claim: with_(c, { crossRegion: "local", treatedInInsuredPlace: false }),
        reason: { zh: "异地先自付漏扣：转诊或临时外出就医应先由个人自付一定比例，申报按本地就医计算", en: "Cross-region first payment missed: referral or temporary care is first paid in part by the person; the claim was computed as local care" },
      },
    ],
  },
  {
    id: "first_pay_wrong_kind",
    applies: (c) => c.crossRegion === "referral" || c.crossRegion === "temporary",
    variants: (c) => [
      {
        claim: with_(c, { crossRegion: c.crossRegion === "referral" ? "temporary" : "referral", crossProvince: true }),
        reason:
          c.crossRegion === "referral"
            ? { zh: "异地类别比例错误：转诊按临时外出（先自付30%）计算，应先自付10%", en: "Wrong ratio for the cross-region category: the referral was computed as temporary care (30% first); it is 10% first" }
            : { zh: "异地类别比例错误：临时外出按转诊（先自付10%）计算，应先自付30%", en: "Wrong ratio for the cross-region category: temporary care was computed as a referral (10% first); it is 30% first" },
      },
    ],
  },
  {
    id: "filer_cut_missed",
    applies: (c) => c.crossRegion === "long_term" && c.treatedInInsuredPlace && c.crossProvince === true,
    variants: (c) => [
      {
        claim: with_(c, { treatedInInsuredPlace: false }),
        reason: { zh: "异地类别比例错误：跨省异地备案人员返兰住院，比例应降低10个百分点", en: "Wrong ratio for the cross-region category: a cross-province filer treated back in Lanzhou gets 10 points less" },
      },
    ],
  },
  {
    id: "class_b_share_missed",
    applies: (c) => c.classB > 0,
    variants: (c) => [
      {
        claim: with_(c, { classB: 0 }),
        reason: { zh: "乙类先自付漏扣：乙类费用应先由个人自付10%后再按比例报销", en: "Class-B self share missed: 10% of class-B items is first paid by the person" },
      },
    ],
  },
  {
    id: "out_of_catalog_paid",
    applies: (c) => c.outOfCatalog > 0,
    variants: (c) => [
      {
        claim: with_(c, { total: c.total, outOfCatalog: 0 }),
        reason: { zh: "目录外费用被纳入报销：自费（目录外）费用不由任何基金支付", en: "Out-of-catalog costs were reimbursed: no fund pays them" },
      },
    ],
  },
  {
    // Before "poverty": more specific (the poverty status kept, only the reading differs).
    // POLICY §12: the registered poor's +5 points under the 2019 text that cancelled raised ratios
    id: "poverty_raise_cancelled_reading",
    applies: (c) => c.insuredPlace === "lanzhou" && c.scheme === "resident" && c.careType === "inpatient" && c.povertyStatus === "registered_poor",
    variants: (c) => [
      {
        claim: c,
        engine: variantEngine("povertyCancelled", () => new Engine(builtinRegistry().withOverrides("audit: 2019 cancellation reading", [{ id: "lanzhou.resident.inpatient.povertyRaiseReading", value: "cancelled_2019" }]))),
        reason: msg("audit.reason.povertyRaiseCancelled"),
      },
    ],
  },
  {
    // POLICY §9 / LN 第二十三条: a 困难群体 member referred in the province, computed at SY's referral terms
    id: "poor_referral_local_terms_missed",
    applies: (c) => c.insuredPlace === "shenyang" && c.crossRegion === "referral" && c.crossProvince === false && c.povertyStatus !== "none",
    variants: (c, _r, engine) => [{ claim: c, engine: syReferralTerms(engine), reason: msg("audit.reason.poorReferralLocalMissed") }],
  },
  {
    id: "poverty",
    applies: (c) => c.scheme === "resident" && (c.careType === "inpatient" || c.careType === "chronic"),
    variants: (c) =>
      (["none", "registered_poor", "low_income"] as const)
        .filter((p) => p !== c.povertyStatus)
        .map((p) => ({
          claim: with_(c, { povertyStatus: p }),
          reason:
            p === "none"
              ? { zh: "困难人员待遇漏算：建档立卡提高5个百分点、大病起付线2500元、医疗救助未计", en: "Poverty terms missed: the +5 points, the 2 500 deductible or medical assistance were not applied" }
              : { zh: "困难人员待遇误算：申报按困难人员计算，但参保人不属于该类别", en: "Poverty terms applied wrongly: the claim used poverty terms the person does not have" },
        })),
  },
  {
    id: "tcm_raise",
    applies: (c) => c.tcm > 0,
    variants: (c) => [
      {
        claim: with_(c, { tcm: 0 }),
        reason: { zh: "中医药提高10个百分点漏算", en: "The +10 points on TCM expense were not applied" },
      },
    ],
  },
];
