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
import { categoryRatio, categoryRatioParam, categoryThreshold, exampleFigures, largeAmountAboveCap, refuseAll, residentSeriousIllness, supplementary } from "../steps/shenyang";
import type { KernelId } from "../routes";
import { fusedShenyangInpatient } from "../fused/shenyangInpatient.generated";
import { fusedLiaoningCityInpatient } from "../fused/liaoningCityInpatient.generated";
import type { Reader } from "../kernel";
import type { Problem } from "../../problem";
import type { Text } from "../../text";

export type { Category as ShenyangCategory } from "../steps/shenyang";
export { POOR_REFERRAL_REF } from "../steps/shenyang";

/**
 * What a Liaoning city's rule has that Shenyang's has not, or lacks (the liaoning-city set,
 * docs/liaoning-city.md). Every option off is Shenyang's rule.
 */
export interface CityOptions {
  /** The city's name in the trace and the repeat-admission refusal (absent: Shenyang's words). */
  place?: Text;
  /** A problem that refuses every claim of the epoch (a city whose base table was not supplied). */
  refuse?: (r: Reader) => Problem | null;
  /** 补充险 (SY 四、) is Shenyang's: false leaves its step and parameters out. Default true. */
  supplementary?: boolean;
  /** Emergencies elsewhere at the city's own ratios (`<prefix>.<scheme>.emergency.ratio`). */
  emergency?: boolean;
  /** A threshold multiple per temporary category (LN 第二十三条). */
  thresholdMultiple?: boolean;
  /** A repeat admission away from home needs `<prefix>.crossRegion.noThresholdReduction`. */
  noThresholdReduction?: boolean;
  /** A first trace step when a table read says its figures are examples. */
  exampleFigures?: boolean;
}

const SUPPLEMENTARY = (S: string) => [`${S}.employee.supplementary.referral`, `${S}.employee.supplementary.temporary`, `${S}.employee.supplementary.local`, `${S}.employee.supplementary.emergencyBands`];

/** The parameter set of a Liaoning city's inpatient rule under `prefix`, in the order a reader meets it. */
export function cityInpatientParams(S: string, o: CityOptions = {}): string[] {
  const supp = o.supplementary !== false;
  return [
    ...(supp ? [`${S}.employee.supplementary.base`] : []),
    `${S}.classBSelfShare`,
    ...["employee", "resident"].flatMap((s) => [`${S}.${s}.threshold`, `${S}.${s}.ratio`, `${S}.${s}.annualCap`]),
    `${S}.employee.referral.ratio`,
    `${S}.resident.referral.ratio`,
    `${S}.employee.temporary.ratio`,
    `${S}.resident.temporary.ratio`,
    ...(o.emergency ? [`${S}.employee.emergency.ratio`, `${S}.resident.emergency.ratio`] : []),
    ...(o.thresholdMultiple ? [`${S}.crossRegion.thresholdMultiple`] : []),
    ...(o.noThresholdReduction ? [`${S}.crossRegion.noThresholdReduction`] : []),
    ...(supp ? SUPPLEMENTARY(S) : []),
    `${S}.referral.poorInProvince`,
    `${S}.employee.largeAmount.ratio`,
    `${S}.resident.seriousIllness.deductible`,
    `${S}.resident.seriousIllness.scale`,
  ];
}

/** A Liaoning city's inpatient rule: the same steps, the parameters under the city's prefix, the city's options. */
export function cityInpatient(id: KernelId, set: string, S: string, o: CityOptions = {}) {
  const supp = o.supplementary !== false;
  return compose({
    id,
    set,
    required: supp ? [`${S}.employee.supplementary.base`] : [],
    params: cityInpatientParams(S, o),
    steps: [
      ...(o.refuse ? [refuseAll(o.refuse)] : []),
      ...(o.exampleFigures ? [exampleFigures()] : []),
      policyScope({ classB: `${S}.classBSelfShare` }),
      categoryThreshold(S, { ...(o.place ? { place: o.place } : {}), thresholdMultiple: !!o.thresholdMultiple, noThresholdReduction: !!o.noThresholdReduction }),
      categoryRatio(S, { emergency: !!o.emergency }),
      annualCap({ cap: { employee: `${S}.employee.annualCap`, resident: `${S}.resident.annualCap` }, words: "withRatio", ratioParam: categoryRatioParam(S) }),
      largeAmountAboveCap(S),
      ...(supp ? [supplementary(S)] : []),
      residentSeriousIllness(S),
    ],
    // the batch path without a trace: one loop per shape the options give these steps (Shenyang's,
    // the liaoning-city set's), generated from them (npm run gen:fused); the options' values are data
    // in the steps' specs
    fused: { shapes: [fusedShenyangInpatient, fusedLiaoningCityInpatient] },
  });
}

export const shenyangInpatient = cityInpatient("shenyang.inpatient", "shenyang", "shenyang");
