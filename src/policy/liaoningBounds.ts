/**
 * Liaoning's provincial bounds on a city's terms for temporary care (LN 辽医保发〔2022〕19号 第二十三条;
 * POLICY §9): a temporary-care threshold at most 2.5× the same-level local threshold; a ratio at most
 * 10 points below the same-level local ratio for referral, emergency or one merged temporary category,
 * at most 20 points for non-emergency, non-referred care. Long-term residents get local terms
 * (第二十二条), and so do university students in resident insurance (第二十三条).
 *
 * The check takes any Liaoning city's terms (as documented, or as an analyst edited them) and lists
 * every breach, with the article. Where a figure it needs is not supplied it says which, and states
 * the condition the city's figures must meet, so that nothing is passed unchecked in silence.
 */
import { HOSPITAL_LEVELS, type HospitalLevel } from "../claim/enums";
import type { Day } from "../dates";
import type { Ref } from "../docs";
import { formatPercent, formatYuan, type Bp, type Fen } from "../money";
import type { Registry } from "../params/registry";
import { PolicyError } from "../problem";
import type { Text } from "../text";
import { msg, say } from "../messages";

export type TemporaryCategory = "referral" | "emergency" | "temporary" | "merged";

export interface CategoryTerms {
  /** Threshold by the level of the hospital treating the person; null = not known. */
  threshold: Partial<Record<HospitalLevel, Fen | null>>;
  ratio: Partial<Record<HospitalLevel, Bp | null>>;
  /** Where the figures come from, for the report. */
  basis: Text;
}

export interface CityTerms {
  city: string;
  groups: {
    /** e.g. "employee", "resident: adult/elderly" */
    label: Text;
    local: { threshold: Partial<Record<HospitalLevel, Fen | null>>; ratio: Partial<Record<HospitalLevel, Bp | null>> };
    categories: Partial<Record<TemporaryCategory, CategoryTerms>>;
  }[];
}

export const LN_23: Ref = {
  doc: "LN",
  section: "第二十三条",
  excerpt: "临时就医人员在就医地异地联网定点医疗机构住院，按参保地同级别定点医疗机构待遇标准适当下调，起付标准上调幅度不超过 2.5 倍；异地转诊就医和异地急诊抢救支付比例下调幅度不超过 10 个百分点，非急诊且未转诊临时外出就医支付比例下调幅度不超过 20 个百分点；整合实施一种临时就医备案类别的统筹区，临时就医支付比例下调幅度不超过 10 个百分点。",
};

/** A city may merge the three temporary categories into one (LN 第十一条); the measures apply from 2023-01-01 (第五十六条). */
export const LN_MERGED: Ref = { doc: "LN", section: "第十一条", excerpt: "鼓励将异地转诊就医、异地急诊抢救和非急诊且未转诊临时外出就医三种备案类别整合为临时就医一种备案类别，执行相同的待遇标准" };
export const LN_IN_FORCE: Ref = { doc: "LN", section: "第五十六条", excerpt: "本办法自 2023 年 1 月 1 日起实施" };

/** The largest threshold multiple and ratio cut LN art. 23 allows (multiple in tenths, cut in bp). */
export const BOUNDS: Record<TemporaryCategory, { thresholdTimes10: number; maxCut: Bp }> = {
  referral: { thresholdTimes10: 25, maxCut: 1000 },
  emergency: { thresholdTimes10: 25, maxCut: 1000 },
  merged: { thresholdTimes10: 25, maxCut: 1000 },
  temporary: { thresholdTimes10: 25, maxCut: 2000 },
};

const CATEGORY_TEXT: Record<TemporaryCategory, Text> = {
  referral: msg("policy.category.referral"),
  emergency: msg("policy.category.emergency"),
  temporary: msg("policy.category.temporary"),
  merged: msg("policy.category.merged"),
};

export interface Finding {
  group: Text;
  category: TemporaryCategory;
  level: HospitalLevel;
  what: "threshold" | "ratio";
  message: Text;
  ref: Ref;
}

export interface BoundsReport {
  city: string;
  breaches: Finding[];
  /** Checks that could not run because a figure is not supplied, with the condition it must meet. */
  unchecked: Finding[];
  passed: number;
}

/** The bounds as the registry has them on `day` (an analyst may have edited them too). */
export function boundsFrom(reg: Registry, day: Day): Record<TemporaryCategory, { thresholdTimes10: number; maxCut: Bp }> {
  const times10 = Math.round(reg.num("liaoning.temporary.thresholdMultipleMax", day) / 1000);
  const cut = (k: TemporaryCategory) => reg.keyed("liaoning.temporary.ratioCutMax", day, k) as number;
  return {
    referral: { thresholdTimes10: times10, maxCut: cut("referral") },
    emergency: { thresholdTimes10: times10, maxCut: cut("emergency") },
    temporary: { thresholdTimes10: times10, maxCut: cut("temporary") },
    merged: { thresholdTimes10: times10, maxCut: cut("merged") },
  };
}

export function checkLiaoningBounds(terms: CityTerms, bounds = BOUNDS): BoundsReport {
  const breaches: Finding[] = [];
  const unchecked: Finding[] = [];
  let passed = 0;
  for (const g of terms.groups) {
    for (const [cat, ct] of Object.entries(g.categories) as [TemporaryCategory, CategoryTerms][]) {
      const b = bounds[cat];
      for (const level of HOSPITAL_LEVELS) {
        // only the levels the category has terms for (Shenyang's 特三级 is a local level, not a place of care elsewhere)
        if (!(level in ct.threshold) && !(level in ct.ratio)) continue;
        const tLocal = g.local.threshold[level];
        const tCat = ct.threshold[level];
        const rLocal = g.local.ratio[level];
        const rCat = ct.ratio[level];
        const where = msg("policy.bounds.where", { group: g.label, category: CATEGORY_TEXT[cat], level });
        if (tCat !== undefined || tLocal !== undefined) {
          if (tCat == null || tLocal == null) {
            const known = tCat != null ? msg("policy.bounds.thresholdKnown", { threshold: formatYuan(tCat), min: formatYuan(Math.ceil((tCat * 10) / b.thresholdTimes10)) }) : msg("policy.bounds.thresholdRule");
            unchecked.push({ group: g.label, category: cat, level, what: "threshold", ref: LN_23, message: msg("policy.bounds.thresholdMissing", { where, which: msg(tLocal == null ? "policy.bounds.local" : "policy.bounds.temporary"), known }) });
          } else if (tCat * 10 > tLocal * b.thresholdTimes10)
            breaches.push({ group: g.label, category: cat, level, what: "threshold", ref: LN_23, message: msg("policy.bounds.thresholdBreach", { where, threshold: formatYuan(tCat), local: formatYuan(tLocal), max: formatYuan((tLocal * b.thresholdTimes10) / 10) }) });
          else passed++;
        }
        if (rCat !== undefined || rLocal !== undefined) {
          if (rCat == null || rLocal == null) {
            const known = rCat != null ? msg("policy.bounds.ratioKnown", { ratio: formatPercent(rCat), max: formatPercent(rCat + b.maxCut) }) : msg("policy.bounds.ratioRule", { points: b.maxCut / 100 });
            unchecked.push({ group: g.label, category: cat, level, what: "ratio", ref: LN_23, message: msg("policy.bounds.ratioMissing", { where, which: msg(rLocal == null ? "policy.bounds.local" : "policy.bounds.temporary"), known }) });
          } else if (rLocal - rCat > b.maxCut)
            breaches.push({ group: g.label, category: cat, level, what: "ratio", ref: LN_23, message: msg("policy.bounds.ratioBreach", { where, ratio: formatPercent(rCat), local: formatPercent(rLocal), points: (rLocal - rCat) / 100, max: b.maxCut / 100 }) });
          else passed++;
        }
      }
    }
  }
  return { city: terms.city, breaches, unchecked, passed };
}

// ---------------------------------------------------------------------------------------------
// Shenyang's terms from a registry (documented figures plus whatever the user supplied).

function tryNum(f: () => number): number | null {
  try {
    const v = f();
    return v === undefined || Number.isNaN(v) ? null : v;
  } catch (e) {
    if (e instanceof PolicyError) return null;
    throw e;
  }
}

const LEVELS = HOSPITAL_LEVELS.filter((l) => l !== "3S");

export function shenyangTerms(reg: Registry, day: Day): CityTerms {
  const local = (s: string) => ({
    threshold: Object.fromEntries(HOSPITAL_LEVELS.map((l) => [l, tryNum(() => reg.keyed(`shenyang.${s}.threshold`, day, l) as number)])),
    ratio: Object.fromEntries(HOSPITAL_LEVELS.map((l) => [l, tryNum(() => reg.keyed(`shenyang.${s}.ratio`, day, l) as number)])),
  });
  const same = (x: Record<string, number | null>) => Object.fromEntries(LEVELS.map((l) => [l, x[l] ?? null]));
  const flat = (v: number | null) => Object.fromEntries(LEVELS.map((l) => [l, v]));
  const groups: CityTerms["groups"] = [];
  const emp = local("employee");
  const res = local("resident");
  const emergency = (x: ReturnType<typeof local>): CategoryTerms => ({
    threshold: flat(x.threshold["3S"] ?? null),
    ratio: flat(x.ratio["3S"] ?? null),
    basis: msg("policy.sy.emergencyBasis"),
  });
  groups.push({
    label: msg("policy.sy.employees"),
    local: emp,
    categories: {
      referral: { threshold: same(emp.threshold), ratio: flat(tryNum(() => reg.num("shenyang.employee.referral.ratio", day))), basis: msg("policy.sy.referralBasis") },
      temporary: { threshold: same(emp.threshold), ratio: flat(tryNum(() => reg.num("shenyang.employee.temporary.ratio", day))), basis: msg("policy.sy.temporaryBasis") },
      emergency: emergency(emp),
    },
  });
  for (const pt of ["adult", "student"] as const)
    groups.push({
      label: msg(pt === "adult" ? "policy.sy.adults" : "policy.sy.students"),
      local: res,
      categories: {
        referral: { threshold: same(res.threshold), ratio: flat(tryNum(() => reg.keyed("shenyang.resident.referral.ratio", day, pt) as number)), basis: msg("policy.sy.referralBasis") },
        temporary: { threshold: same(res.threshold), ratio: flat(tryNum(() => reg.keyed("shenyang.resident.temporary.ratio", day, pt) as number)), basis: msg("policy.sy.temporaryBasis") },
        emergency: emergency(res),
      },
    });
  return { city: `${say("zh", "policy.sy.city")} ${say("en", "policy.sy.city")}`, groups };
}
