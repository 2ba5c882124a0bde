/**
 * 大病保险 (L 第三部分 四、; POLICY §6) on the year's personal in-policy burden, and 医疗救助 for the
 * poor (L 第四部分 11.(3)): shared by resident inpatient and resident chronic claims.
 *
 *   p  = E − pooled;  P0 = ytdPersonalInPolicy;  P1 = P0 + p
 *   大病 = S(P1 − D) − S(P0 − D)       (S the progressive scale over max(x, 0), D the deductible)
 *   救助 = 70% × (E − pooled − 大病)    (registered poor, low income, extreme poor; inpatient)
 */
import { POVERTY_STATUSES } from "../../claim/enums";
import { closeLayer, ratioOf, type Fen } from "../../money";
import type { Scale } from "../../params/scale";
import { bp, fen, step, type Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { dependentNotComputable, known, layerNotComputable, raise, type Reader } from "../kernel";
import { brackets, refsOf } from "./shared";

const ID = {
  deductible: "lanzhou.resident.seriousIllness.deductible",
  scale: "lanzhou.resident.seriousIllness.scale",
  assistance: "lanzhou.resident.assistance.ratio",
};

/** The poor's deductible (2 500) and bands (65–85%), L 第三部分 四、(二); the parameters carry both (一) and (二). */
export const POOR_TERMS_REF = { doc: "L", section: "第三部分 四、(二)", excerpt: "个人自付政策范围内医疗费用超过起付线2500元以上的部分作为补偿基数", slip: "白付 → 自付" } as const;

export interface SeriousIllnessParams {
  r: Reader;
  deductible: Float64Array;
  scales: (Scale | null)[];
  assistance: number;
  /** 医疗救助 applies to the poor by default (resident inpatient claims, POLICY §6); chronic claims decide per disease. */
  withAssistance: boolean;
}

export function compileSeriousIllness(r: Reader, withAssistance: boolean): SeriousIllnessParams {
  return {
    r,
    deductible: r.keyed(ID.deductible, POVERTY_STATUSES),
    scales: POVERTY_STATUSES.map((k) => r.scale(ID.scale, k)),
    assistance: withAssistance ? r.num(ID.assistance) : NaN,
    withAssistance,
  };
}

/**
 * Both layers for one claim. `assist`: whether 医疗救助 applies to this claim (resident inpatient:
 * the poor; resident chronic: the poor's dialysis and transplant care, POLICY §12). A layer whose
 * parameter the documents do not give is not computable (POLICY §12), and 救助 with it.
 */
export function seriousIllnessAndAssistance(c: ClaimColumns, i: number, p: SeriousIllnessParams, e: Fen, pooled: Fen, out: ResultColumns, tr: Trace, assist = p.withAssistance && c.povertyStatus[i] !== 0): void {
  try {
    seriousIllness(c, i, p, e, pooled, out, tr);
  } catch (err) {
    layerNotComputable(out, i, "seriousIllness", err, tr);
  }
  if (!assist) return;
  if (!known(out, i, "seriousIllness")) return dependentNotComputable(out, i, "assistance", "seriousIllness", tr);
  try {
    assistance(i, p, e, pooled, out.seriousIllness[i]!, out, tr);
  } catch (err) {
    layerNotComputable(out, i, "assistance", err, tr);
  }
}

export function seriousIllness(c: ClaimColumns, i: number, p: SeriousIllnessParams, e: Fen, pooled: Fen, out: ResultColumns, tr: Trace): void {
  const pov = c.povertyStatus[i]!;
  const key = POVERTY_STATUSES[pov]!;
  const d = p.deductible[pov]!;
  if (Number.isNaN(d)) raise(p.r.problems, `${ID.deductible}:${key}`);
  const s = p.scales[pov];
  if (!s) raise(p.r.problems, `${ID.scale}:${key}`);
  const personal = e - pooled;
  const p0 = c.ytdPersonalInPolicy[i]!;
  const p1 = p0 + personal;
  const b0 = p0 > d ? p0 - d : 0;
  const b1 = p1 > d ? p1 - d : 0;
  const serious = closeLayer(s.raw(b1) - s.raw(b0));
  out.seriousIllness[i] = serious;
  if (tr)
    tr.push(
      step({
        key: "seriousIllness",
        heading: "steps.seriousIllness.title",
        kind: "steps.seriousIllness.detail",
        values: { personal: fen(personal), before: fen(p0), after: fen(p1), deductible: fen(d), b0: fen(b0), b1: fen(b1), bands: brackets(s), serious: fen(serious) },
        amount: serious,
        refs: [...refsOf(p.r, ID.deductible, ID.scale), ...(pov !== 0 ? [POOR_TERMS_REF] : [])],
        params: [ID.deductible, ID.scale],
      }),
    );
}

export function assistance(i: number, p: SeriousIllnessParams, e: Fen, pooled: Fen, serious: Fen, out: ResultColumns, tr: Trace): void {
  if (Number.isNaN(p.assistance)) raise(p.r.problems, ID.assistance);
  const left = e - pooled - serious;
  const aid = ratioOf(left, p.assistance);
  out.assistance[i] = aid;
  if (tr)
    tr.push(
      step({
        key: "assistance",
        heading: "steps.assistance.title",
        kind: "steps.assistance.detail",
        values: { ratio: bp(p.assistance), scope: fen(e), pooled: fen(pooled), serious: fen(serious), left: fen(left), aid: fen(aid) },
        amount: aid,
        refs: refsOf(p.r, ID.assistance),
        params: [ID.assistance],
      }),
    );
}
