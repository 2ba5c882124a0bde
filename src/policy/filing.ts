/**
 * Filing (备案) validity (LN 辽医保发〔2022〕19号 第十六至十八条; POLICY §11):
 * - a referral filing is valid 6 months; an admission inside that time counts, whatever the discharge date;
 * - a long-term residence filing cannot be changed or cancelled for 6 months after it takes effect;
 * - materials promised at filing (承诺补充) are due within 6 months; if they are not supplied in time the
 *   filing is cancelled at once and the person may not file on a promise for 12 months.
 * The months are parameters (liaoning.json), cited, read by filingRules for the admission's date (the
 * audit passes them in); the functions answer with the dates, so an audit can say "filing expired on …".
 */
import { addMonths, formatDay, type Day } from "../dates";
import type { Ref } from "../docs";
import type { Text } from "../text";
import { msg } from "../messages";
import { PolicyError } from "../problem";
import type { Registry } from "../params/registry";

export const FILING_REFS = {
  referral: { doc: "LN", section: "第十八条", excerpt: "异地转诊就医备案有效期6个月，有效期内可在就医地多次就诊并享受直接结算服务。备案有效期内办理入院手续的，无论出院日期是否超出备案有效期，均视为有效备案。" } satisfies Ref,
  longTerm: { doc: "LN", section: "第十八条", excerpt: "长期居住人员备案长期有效，备案生效后6个月内不得变更或取消" } satisfies Ref,
  promise: { doc: "LN", section: "第十六条", excerpt: "承诺补充的约定时限为6个月，未按照约定时限补充材料的，即时取消备案，记录为医保失信行为，12个月内不得通过承诺方式办理异地就医备案" } satisfies Ref,
};

export interface FilingRules {
  referralMonths: number;
  longTermLockMonths: number;
  promiseMonths: number;
  banMonths: number;
}

/** The article's own figures, for callers without a registry (the parameters carry the same, dated). */
export const LN_FILING: FilingRules = { referralMonths: 6, longTermLockMonths: 6, promiseMonths: 6, banMonths: 12 };

export const FILING_PARAMS: Record<keyof FilingRules, string> = {
  referralMonths: "liaoning.filing.referralMonths",
  longTermLockMonths: "liaoning.filing.longTermLockMonths",
  promiseMonths: "liaoning.filing.promiseMonths",
  banMonths: "liaoning.filing.banMonths",
};

/**
 * The filing rules in force on `day`, read from the dated parameters (liaoning.json, so a user's
 * parameter table can change them), or null before LN 2022 is in force (2023-01-01): earlier
 * admissions are not checked (POLICY §12), and the caller says so.
 */
export function filingRules(reg: Registry, day: Day): FilingRules | null {
  try {
    return {
      referralMonths: reg.num(FILING_PARAMS.referralMonths, day),
      longTermLockMonths: reg.num(FILING_PARAMS.longTermLockMonths, day),
      promiseMonths: reg.num(FILING_PARAMS.promiseMonths, day),
      banMonths: reg.num(FILING_PARAMS.banMonths, day),
    };
  } catch (e) {
    if (e instanceof PolicyError) return null;
    throw e;
  }
}

export interface FilingAnswer {
  ok: boolean;
  /** The last day the filing (or lock, or promise) runs. */
  until: Day;
  message: Text;
  ref: Ref;
}

/** Is an admission covered by a referral filing made on `filed`? (valid 6 months; admission decides) */
export function referralFilingCovers(filed: Day, admission: Day, rules = LN_FILING): FilingAnswer {
  const until = addMonths(filed, rules.referralMonths) - 1;
  const ok = admission >= filed && admission <= until;
  return {
    ok,
    until,
    ref: FILING_REFS.referral,
    message: ok
      ? msg("policy.filing.referralOk", { filed: formatDay(filed), until: formatDay(until), admission: formatDay(admission) })
      : admission < filed
        ? msg("policy.filing.beforeFiling", { admission: formatDay(admission), filed: formatDay(filed) })
        : msg("policy.filing.referralExpired", { until: formatDay(until), admission: formatDay(admission) }),
  };
}

/** May a long-term filing that took effect on `effective` be changed or cancelled on `on`? */
export function longTermChangeAllowed(effective: Day, on: Day, rules = LN_FILING): FilingAnswer {
  const until = addMonths(effective, rules.longTermLockMonths) - 1;
  const ok = on > until;
  return {
    ok,
    until,
    ref: FILING_REFS.longTerm,
    message: ok
      ? msg("policy.filing.longTermFree", { effective: formatDay(effective), on: formatDay(on), months: rules.longTermLockMonths })
      : msg("policy.filing.longTermLocked", { months: rules.longTermLockMonths, until: formatDay(until) }),
  };
}

/** Promised materials: due date, and the consequence if they came late (or not at all by `asOf`). */
export function promisedMaterials(filed: Day, supplied: Day | undefined, asOf: Day, rules = LN_FILING): FilingAnswer & { cancelledOn?: Day; banUntil?: Day } {
  const until = addMonths(filed, rules.promiseMonths) - 1;
  if (supplied !== undefined && supplied <= until)
    return { ok: true, until, ref: FILING_REFS.promise, message: msg("policy.filing.promiseSupplied", { supplied: formatDay(supplied), until: formatDay(until) }) };
  if (supplied === undefined && asOf <= until)
    return { ok: true, until, ref: FILING_REFS.promise, message: msg("policy.filing.promisePending", { until: formatDay(until) }) };
  const cancelledOn = until + 1;
  const banUntil = addMonths(cancelledOn, rules.banMonths) - 1;
  return {
    ok: false,
    until,
    cancelledOn,
    banUntil,
    ref: FILING_REFS.promise,
    message: msg("policy.filing.promiseBroken", { until: formatDay(until), cancelled: formatDay(cancelledOn), banUntil: formatDay(banUntil) }),
  };
}
