/**
 * Known mistakes in hand-submitted claims, each as a change to the claim (or to the rules) that a
 * clerk might have made. If settling the changed claim reproduces the submitted amounts, that mistake
 * is the reason the audit gives. Data, not branches: a new kind of mistake is one more entry.
 */
import type { Claim } from "../claim/claim";
import { EMPLOYEE_PERSON_TYPES, HOSPITAL_LEVELS, RESIDENT_PERSON_TYPES, hospitalLevelEnum, personTypeEnum, type HospitalLevel, type PersonType } from "../claim/enums";
import { MAX_FEN, formatYuan } from "../money";
import type { Text } from "../text";
import { msg } from "../messages";
import { Engine, type SettlementResult } from "../engine/settle";
import type { Registry } from "../params/registry";

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

/** A hospital level as the reasons name it: 三级甲等 / 3A. */
const level = (l: HospitalLevel): Text => ({ zh: hospitalLevelEnum.zh[l], en: l });
/** A resident person type as the reasons name it: 成年 / adult. */
const person = (p: PersonType): Text => ({ zh: personTypeEnum.zh[p], en: p });
const with_ = (c: Claim, patch: Partial<Claim>): Claim => ({ ...c, ...patch });

const VARIANT_ENGINES = new WeakMap<Engine, Map<string, Engine>>();
/**
 * The audit's engine with one reading or figure changed, made once per engine and change: the clerk's
 * mistake is made on the rules the audit uses (a user's parameter table stays), not on the built-in ones.
 */
function variantEngine(engine: Engine, key: string, change: (r: Registry) => Registry): Engine {
  let mine = VARIANT_ENGINES.get(engine);
  if (!mine) VARIANT_ENGINES.set(engine, (mine = new Map()));
  let e = mine.get(key);
  if (!e) mine.set(key, (e = new Engine(change(engine.registry))));
  return e;
}

/** The audit's engine with SY's referral terms for 困难群体 (POLICY §9 / LN 第二十三条). */
const syReferralTerms = (engine: Engine): Engine => variantEngine(engine, "syReferralTerms", (r) => r.withOverrides("audit: SY referral terms", [{ id: "shenyang.referral.poorInProvince", value: "referral_terms" }]));

export const HYPOTHESES: readonly Hypothesis[] = [
  {
    id: "threshold_not_reduced",
    applies: (c) => c.careType === "inpatient" && (c.admissionIndex ?? 1) > 1,
    variants: (c) => [
      {
        claim: with_(c, { admissionIndex: 1 }),
        reason: msg("audit.reason.thresholdNotReduced", { n: String(c.admissionIndex) }),
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
          reason: msg("audit.reason.admissionIndexOff", { used: k, n: String(c.admissionIndex) }),
        })),
  },
  {
    id: "threshold_geometric",
    applies: (c) => c.careType === "inpatient" && (c.admissionIndex ?? 1) > 2 && c.insuredPlace === "lanzhou",
    variants: (c, _r, engine) => [
      {
        claim: c,
        engine: variantEngine(engine, "geometric", (r) =>
          r.withOverrides("audit: geometric reading", [
            { id: "lanzhou.employee.inpatient.repeatMode", value: "geometric" },
            { id: "lanzhou.resident.inpatient.repeatMode", value: "geometric" },
          ]),
        ),
        reason: msg("audit.reason.thresholdGeometric"),
      },
    ],
  },
  {
    id: "wrong_level",
    applies: (c) => c.careType === "inpatient" && c.hospitalLevel !== undefined,
    variants: (c) =>
      HOSPITAL_LEVELS.filter((l) => l !== c.hospitalLevel && l !== "3S").map((l) => ({
        claim: with_(c, { hospitalLevel: l }),
        reason: msg("audit.reason.wrongLevel", { used: level(l), actual: level(c.hospitalLevel!) }),
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
              ? msg("audit.reason.wrongBandRatio", { used: msg(p === "retired" ? "audit.reason.ratiosRetired" : "audit.reason.ratiosInService"), actual: msg(c.personType === "retired" ? "audit.reason.personRetired" : "audit.reason.personInService") })
              : msg("audit.reason.wrongPersonType", { used: person(p), actual: person(c.personType) }),
        })),
  },
  {
    id: "cap_not_applied",
    applies: (c) => c.ytdFundPaid > 0,
    variants: (c) => [
      {
        claim: with_(c, { ytdFundPaid: 0 }),
        reason: msg("audit.reason.capNotApplied", { paid: formatYuan(c.ytdFundPaid) }),
      },
    ],
  },
  {
    id: "cap_ignored",
    applies: () => true,
    variants: (c, _r, engine) => [
      {
        claim: c,
        engine: variantEngine(engine, "noCap", (r) =>
          r.withOverrides("audit: no annual cap", [
            { id: "lanzhou.employee.inpatient.annualCap", value: MAX_FEN },
            { id: "lanzhou.resident.inpatient.annualCap", value: MAX_FEN },
            { id: "lanzhou.resident.generalOutpatient.annualCap", value: MAX_FEN },
          ]),
        ),
        reason: msg("audit.reason.capIgnored"),
      },
    ],
  },
  {
    id: "first_pay_missed",
    applies: (c, r) => r.firstPay > 0,
    variants: (c) => [
      {
        claim: with_(c, { crossRegion: "local", treatedInInsuredPlace: false }),
        reason: msg("audit.reason.firstPayMissed"),
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
            ? msg("audit.reason.referralAsTemporary")
            : msg("audit.reason.temporaryAsReferral"),
      },
    ],
  },
  {
    id: "filer_cut_missed",
    applies: (c) => c.crossRegion === "long_term" && c.treatedInInsuredPlace && c.crossProvince === true,
    variants: (c) => [
      {
        claim: with_(c, { treatedInInsuredPlace: false }),
        reason: msg("audit.reason.filerCutMissed"),
      },
    ],
  },
  {
    id: "class_b_share_missed",
    applies: (c) => c.classB > 0,
    variants: (c) => [
      {
        claim: with_(c, { classB: 0 }),
        reason: msg("audit.reason.classBShareMissed"),
      },
    ],
  },
  {
    id: "out_of_catalog_paid",
    applies: (c) => c.outOfCatalog > 0,
    variants: (c) => [
      {
        claim: with_(c, { total: c.total, outOfCatalog: 0 }),
        reason: msg("audit.reason.outOfCatalogPaid"),
      },
    ],
  },
  {
    // Before "poverty": more specific (the poverty status kept, only the reading differs).
    // POLICY §12: the registered poor's +5 points under the 2019 text that cancelled raised ratios
    id: "poverty_raise_cancelled_reading",
    applies: (c) => c.insuredPlace === "lanzhou" && c.scheme === "resident" && c.careType === "inpatient" && c.povertyStatus === "registered_poor",
    variants: (c, _r, engine) => [
      {
        claim: c,
        engine: variantEngine(engine, "povertyCancelled", (r) => r.withOverrides("audit: 2019 cancellation reading", [{ id: "lanzhou.resident.inpatient.povertyRaiseReading", value: "cancelled_2019" }])),
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
              ? msg("audit.reason.povertyMissed")
              : msg("audit.reason.povertyWrong"),
        })),
  },
  {
    id: "tcm_raise",
    applies: (c) => c.tcm > 0,
    variants: (c) => [
      {
        claim: with_(c, { tcm: 0 }),
        reason: msg("audit.reason.tcmRaise"),
      },
    ],
  },
];
