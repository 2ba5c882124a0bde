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
  referral: { zh: "异地转诊", en: "referral" },
  emergency: { zh: "异地急诊抢救", en: "emergency" },
  temporary: { zh: "非急诊且未转诊临时外出", en: "temporary (not emergency, not referred)" },
  merged: { zh: "整合的临时就医类别", en: "merged temporary category" },
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
        const where = { zh: `${g.label.zh}，${CATEGORY_TEXT[cat].zh}，${level} 级医院`, en: `${g.label.en}, ${CATEGORY_TEXT[cat].en}, level ${level}` };
        if (tCat !== undefined || tLocal !== undefined) {
          if (tCat == null || tLocal == null) {
            const known = tCat != null ? { zh: `临时就医起付标准为 ${formatYuan(tCat)}，本地同级起付标准须不低于 ${formatYuan(Math.ceil((tCat * 10) / b.thresholdTimes10))}`, en: `the temporary-care threshold is ${formatYuan(tCat)}; the same-level local threshold must be at least ${formatYuan(Math.ceil((tCat * 10) / b.thresholdTimes10))}` } : { zh: "临时就医起付标准不超过本地同级的 2.5 倍", en: "the temporary-care threshold must be at most 2.5× the same-level local one" };
            unchecked.push({ group: g.label, category: cat, level, what: "threshold", ref: LN_23, message: { zh: `${where.zh}：缺少${tLocal == null ? "本地" : "临时就医"}起付标准，无法核对；${known.zh}`, en: `${where.en}: the ${tLocal == null ? "local" : "temporary-care"} threshold is not supplied, cannot check; ${known.en}` } });
          } else if (tCat * 10 > tLocal * b.thresholdTimes10)
            breaches.push({ group: g.label, category: cat, level, what: "threshold", ref: LN_23, message: { zh: `${where.zh}：起付标准 ${formatYuan(tCat)} 超过本地同级 ${formatYuan(tLocal)} 的 2.5 倍（${formatYuan((tLocal * b.thresholdTimes10) / 10)}）`, en: `${where.en}: threshold ${formatYuan(tCat)} is more than 2.5× the same-level local ${formatYuan(tLocal)} (${formatYuan((tLocal * b.thresholdTimes10) / 10)})` } });
          else passed++;
        }
        if (rCat !== undefined || rLocal !== undefined) {
          if (rCat == null || rLocal == null) {
            const known = rCat != null ? { zh: `临时就医比例为 ${formatPercent(rCat)}，本地同级比例须不高于 ${formatPercent(rCat + b.maxCut)}`, en: `the temporary-care ratio is ${formatPercent(rCat)}; it complies only if the same-level local ratio is at most ${formatPercent(rCat + b.maxCut)}` } : { zh: `比例下调不超过 ${b.maxCut / 100} 个百分点`, en: `the ratio may be at most ${b.maxCut / 100} points lower` };
            unchecked.push({ group: g.label, category: cat, level, what: "ratio", ref: LN_23, message: { zh: `${where.zh}：缺少${rLocal == null ? "本地" : "临时就医"}报销比例，无法核对；${known.zh}`, en: `${where.en}: the ${rLocal == null ? "local" : "temporary-care"} ratio is not supplied, cannot check; ${known.en}` } });
          } else if (rLocal - rCat > b.maxCut)
            breaches.push({ group: g.label, category: cat, level, what: "ratio", ref: LN_23, message: { zh: `${where.zh}：比例 ${formatPercent(rCat)} 比本地同级 ${formatPercent(rLocal)} 低 ${(rLocal - rCat) / 100} 个百分点，超过 ${b.maxCut / 100} 个百分点`, en: `${where.en}: ratio ${formatPercent(rCat)} is ${(rLocal - rCat) / 100} points below the same-level local ${formatPercent(rLocal)}, more than ${b.maxCut / 100}` } });
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
    basis: { zh: "沈医保发〔2021〕22号 三、(二)：按特三级医院起付标准和报销比例", en: "SY 三、(二): 特三级's threshold and ratio" },
  });
  groups.push({
    label: { zh: "职工", en: "employees" },
    local: emp,
    categories: {
      referral: { threshold: same(emp.threshold), ratio: flat(tryNum(() => reg.num("shenyang.employee.referral.ratio", day))), basis: { zh: "四、(一)", en: "SY 四、(一)" } },
      temporary: { threshold: same(emp.threshold), ratio: flat(tryNum(() => reg.num("shenyang.employee.temporary.ratio", day))), basis: { zh: "四、(二)", en: "SY 四、(二)" } },
      emergency: emergency(emp),
    },
  });
  for (const [pt, zh] of [
    ["adult", "成年/老年居民"],
    ["student", "学生/未成年居民"],
  ] as const)
    groups.push({
      label: { zh, en: pt === "adult" ? "residents: adults and the elderly" : "residents: students and minors" },
      local: res,
      categories: {
        referral: { threshold: same(res.threshold), ratio: flat(tryNum(() => reg.keyed("shenyang.resident.referral.ratio", day, pt) as number)), basis: { zh: "四、(一)", en: "SY 四、(一)" } },
        temporary: { threshold: same(res.threshold), ratio: flat(tryNum(() => reg.keyed("shenyang.resident.temporary.ratio", day, pt) as number)), basis: { zh: "四、(二)", en: "SY 四、(二)" } },
        emergency: emergency(res),
      },
    });
  return { city: "沈阳 Shenyang", groups };
}
