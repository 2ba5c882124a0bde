/**
 * Lanzhou resident inpatient care (L 第三部分 二、(三), 三、, 四、; POLICY §6) as a composition of shared
 * steps: threshold and ratio by level, +5 points for the registered poor, +10 points on the TCM
 * share, the annual cap, then 大病保险 on the year's personal in-policy burden and 医疗救助 for the poor.
 */
import { compose } from "../steps/compose";
import { policyScope } from "../steps/scope";
import { repeatThreshold } from "../steps/threshold";
import { annualCap, levelRatio, tcmWithinScope } from "../steps/pooled";
import { assistanceStep, seriousIllnessStep } from "../steps/social";
import { fusedLanzhouResidentInpatient } from "../fused/lanzhouResidentInpatient.generated";

const P = "lanzhou.resident.inpatient";
/** The rule's parameter set (ids stable: tables, reforms and tests name them). */
export const ID = {
  classB: "lanzhou.classBSelfShare",
  threshold: `${P}.threshold`,
  ratio: `${P}.ratio`,
  mode: `${P}.repeatMode`,
  step: `${P}.repeatStep`,
  floor: `${P}.repeatFloor`,
  cap: `${P}.annualCap`,
  poor: `${P}.povertyRaise`,
  poorReading: `${P}.povertyRaiseReading`,
  tcm: `${P}.tcmRaise`,
  deductible: "lanzhou.resident.seriousIllness.deductible",
  scale: "lanzhou.resident.seriousIllness.scale",
  assistance: "lanzhou.resident.assistance.ratio",
} as const;

export const lanzhouResidentInpatient = compose({
  id: "lanzhou.resident.inpatient",
  set: "lanzhou",
  required: [ID.classB, ID.mode, ID.step, ID.floor, ID.cap],
  // the batch path without a trace: the steps below in one loop, generated from them (npm run gen:fused)
  fused: fusedLanzhouResidentInpatient,
  params: [ID.classB, ID.threshold, ID.ratio, ID.mode, ID.step, ID.floor, ID.cap, ID.poor, ID.poorReading, ID.tcm, ID.deductible, ID.scale, ID.assistance],
  steps: [
    policyScope({ classB: ID.classB }),
    tcmWithinScope(),
    repeatThreshold({ base: ID.threshold, mode: ID.mode, step: ID.step, floor: ID.floor, words: "steps.threshold.lanzhouResident" }),
    levelRatio({ ratio: ID.ratio, poorRaise: ID.poor, poorReading: ID.poorReading, tcmRaise: ID.tcm }),
    annualCap({ cap: ID.cap, words: "lanzhouResident" }),
    seriousIllnessStep(),
    assistanceStep(),
  ],
});
