/**
 * Shenyang insured (SY 沈医保发〔2021〕22号, from 2021-07-01; POLICY §8), inpatient care, as a
 * composition of shared steps over the parameters under a city's prefix (`shenyang.`):
 *
 * - referral / temporary: the base threshold of the hospital's level, never reduced (四、: 起付标准
 *   不变 … 不享受减免), at SY's ratio for the person (employee 75 / 60, student and minor 75 / 60,
 *   adult and elderly 60 / 50); employees also get 补充险 by SY's bands on their personal burden.
 * - emergency elsewhere (三、(二)): 特三级's threshold and ratio, no reduction; emergency in the
 *   filed place (long-term residents, interns, students at home): their normal terms.
 * - long-term residents, university students in resident insurance (LN 第二十二、二十三条): local
 *   terms.
 *
 * Shenyang's own base thresholds, ratios, caps and the layers above the pooled fund are not in the
 * documents: they come from a user-supplied parameter table; until supplied, the claim's error
 * names the parameter it needs.
 */
import { compose } from "../steps/compose";
import { policyScope } from "../steps/scope";
import { annualCap } from "../steps/pooled";
import { categoryRatio, categoryRatioParam, categoryThreshold, largeAmountAboveCap, residentSeriousIllness, supplementary } from "../steps/shenyang";
import type { KernelId } from "../routes";

export type { Category as ShenyangCategory } from "../steps/shenyang";
export { POOR_REFERRAL_REF } from "../steps/shenyang";

/** The parameter set of a Liaoning city's inpatient rule under `prefix`, in the order a reader meets it. */
export function cityInpatientParams(S: string): string[] {
  return [
    `${S}.employee.supplementary.base`,
    `${S}.classBSelfShare`,
    ...["employee", "resident"].flatMap((s) => [`${S}.${s}.threshold`, `${S}.${s}.ratio`, `${S}.${s}.annualCap`]),
    `${S}.employee.referral.ratio`,
    `${S}.resident.referral.ratio`,
    `${S}.employee.temporary.ratio`,
    `${S}.resident.temporary.ratio`,
    `${S}.employee.supplementary.referral`,
    `${S}.employee.supplementary.temporary`,
    `${S}.employee.supplementary.local`,
    `${S}.employee.supplementary.emergencyBands`,
    `${S}.referral.poorInProvince`,
    `${S}.employee.largeAmount.ratio`,
    `${S}.resident.seriousIllness.deductible`,
    `${S}.resident.seriousIllness.scale`,
  ];
}

/** A Liaoning city's inpatient rule: the same steps, the parameters under the city's prefix. */
export function cityInpatient(id: KernelId, set: string, S: string) {
  return compose({
    id,
    set,
    required: [`${S}.employee.supplementary.base`],
    params: cityInpatientParams(S),
    steps: [
      policyScope({ classB: `${S}.classBSelfShare` }),
      categoryThreshold(S),
      categoryRatio(S),
      annualCap({ cap: { employee: `${S}.employee.annualCap`, resident: `${S}.resident.annualCap` }, words: "withRatio", ratioParam: categoryRatioParam(S) }),
      largeAmountAboveCap(S),
      supplementary(S),
      residentSeriousIllness(S),
    ],
  });
}

export const shenyangInpatient = cityInpatient("shenyang.inpatient", "shenyang", "shenyang");
