/**
 * The resident layers above the pooled fund: 大病保险 on the year's personal in-policy burden (L 第三部分
 * 四、; POLICY §6) and 医疗救助 for the poor (L 第四部分 11.(3)). The formulas are written once in
 * kernels/seriousIllness.ts, which resident chronic outpatient care uses claim by claim.
 */
import { compileSeriousIllness, assistance, seriousIllness, type SeriousIllnessParams } from "../kernels/seriousIllness";
import { dependentNotComputable, known, layerNotComputable } from "../kernel";
import type { Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { fail, type Step, type Work } from "./compose";

/** 大病 = S(P1 − D)⁺ − S(P0 − D)⁺ on P0 = the year's burden before the claim, P1 = P0 + E − pooled. */
export function seriousIllnessStep(): Step<SeriousIllnessParams> {
  return {
    name: "seriousIllness",
    claim: seriousIllnessClaim,
    compile: (r) => compileSeriousIllness(r, true),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) seriousIllnessClaim(c, i, s, undefined, w, out, tr);
      }
    },
  };
}

export function seriousIllnessClaim(c: ClaimColumns, i: number, s: SeriousIllnessParams, _spec: undefined, w: Work, out: ResultColumns, tr: Trace): void {
  try {
    try {
      seriousIllness(c, i, s, out.policyScope[i]!, out.pooled[i]!, out, tr);
    } catch (err) {
      layerNotComputable(out, i, "seriousIllness", err, tr);
    }
  } catch (e) {
    fail(w, out, i, e);
  }
}

/** 救助 = ratio × (E − pooled − 大病) for the poor (registered poor, low income, extreme poor); needs 大病's amount. */
export function assistanceStep(): Step<SeriousIllnessParams> {
  return {
    name: "assistance",
    claim: assistanceClaim,
    compile: (r) => compileSeriousIllness(r, true),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) assistanceClaim(c, i, s, undefined, w, out, tr);
      }
    },
  };
}

export function assistanceClaim(c: ClaimColumns, i: number, s: SeriousIllnessParams, _spec: undefined, w: Work, out: ResultColumns, tr: Trace): void {
  if (c.povertyStatus[i] === 0) return;
  try {
    if (!known(out, i, "seriousIllness")) dependentNotComputable(out, i, "assistance", "seriousIllness", tr);
    else
      try {
        assistance(i, s, out.policyScope[i]!, out.pooled[i]!, out.seriousIllness[i]!, out, tr);
      } catch (err) {
        layerNotComputable(out, i, "assistance", err, tr);
      }
  } catch (e) {
    fail(w, out, i, e);
  }
}
