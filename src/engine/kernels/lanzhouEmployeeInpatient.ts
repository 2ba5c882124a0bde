/**
 * Lanzhou employee inpatient care (L 第一部分 三、(四)(五); POLICY §5), with the civil-servant subsidy
 * (L 第二部分; POLICY §3 readings in lanzhou.json), as a composition of shared steps:
 *
 *   E   = total − outOfCatalog − 10% × classB                       (policy scope, §4)
 *   E'  = E − firstPay × E                                          (referral 10% / temporary 30%)
 *   T   = base[level] × factor(k)                                   (repeat admissions)
 *   B   = Σ_bands rate × |(max(lo, T), min(hi, E')]|                 (bands, edges are expense amounts)
 *   pooled = min(B, 60 000 − ytdFundPaid, ≥ 0)
 *   大额   = 90% × [(E' − 60 000)⁺ + (min(E', 60 000) − x_cap if the cap cut B)]
 */
import { compose, routeParams } from "../steps/compose";
import { firstPayment, policyScope } from "../steps/scope";
import { repeatThreshold } from "../steps/threshold";
import { annualCap, bands } from "../steps/pooled";
import { civilServantSubsidy, largeAmountAboveTop } from "../steps/layers";
import { fusedLanzhouEmployeeInpatient } from "../fused/lanzhouEmployeeInpatient.generated";

const P = "lanzhou.employee.inpatient";
/** The rule's parameter set (ids stable: tables, reforms and tests name them). */
export const ID = {
  classB: "lanzhou.classBSelfShare",
  threshold: `${P}.threshold`,
  mode: `${P}.repeatMode`,
  step: `${P}.repeatStep`,
  floor: `${P}.repeatFloor`,
  bands: `${P}.bands`,
  cap: `${P}.annualCap`,
  large: "lanzhou.employee.largeAmount.ratio",
  csThreshold: "lanzhou.civilServant.thresholdRate",
  csCoins: "lanzhou.civilServant.coinsuranceRate",
  csAbove: "lanzhou.civilServant.aboveCapRate",
  csCeiling: "lanzhou.civilServant.aboveCapCeiling",
  csClassB: "lanzhou.civilServant.classBRate",
  csReading: "lanzhou.civilServant.deputyReading",
} as const;

const BANDS = { bands: ID.bands, kernel: "lanzhou.employee.inpatient" } as const;

export const lanzhouEmployeeInpatient = compose({
  id: "lanzhou.employee.inpatient",
  set: "lanzhou",
  required: [ID.classB, ID.mode, ID.step, ID.floor, ID.cap],
  steps: [
    policyScope({ classB: ID.classB }),
    firstPayment({ kernel: "lanzhou.employee.inpatient" }),
    repeatThreshold({ base: ID.threshold, mode: ID.mode, step: ID.step, floor: ID.floor, words: "steps.threshold.lanzhouEmployee" }),
    bands(BANDS),
    annualCap({ cap: ID.cap, words: "lanzhouEmployee" }),
    largeAmountAboveTop({ ratio: ID.large, bands: BANDS }),
    civilServantSubsidy({ thresholdRate: ID.csThreshold, coinsuranceRate: ID.csCoins, aboveCapRate: ID.csAbove, aboveCapCeiling: ID.csCeiling, classBRate: ID.csClassB, deputyReading: ID.csReading, bands: BANDS }),
  ],
  // the batch path without a trace: the steps above in one loop, generated from them (npm run gen:fused)
  fused: fusedLanzhouEmployeeInpatient,
  params: [ID.bands, ...routeParams("lanzhou.employee.inpatient", "ratioCut"), ID.classB, ID.threshold, ID.mode, ID.step, ID.floor, ID.cap, ID.large, ...routeParams("lanzhou.employee.inpatient", "firstPay"), ID.csThreshold, ID.csCoins, ID.csAbove, ID.csCeiling, ID.csClassB, ID.csReading],
});
