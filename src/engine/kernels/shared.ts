/** Steps and amounts shared by the Lanzhou kernels: the policy-scope expense and the reduced threshold. */
import { HOSPITAL_LEVELS } from "../../claim/enums";
import { formatPercent, ratioOf, BP, type Bp, type Fen } from "../../money";
import { Rat } from "../../rational";
import { badInput } from "../../problem";
import { y, type Trace, type TraceStep } from "../../trace";
import type { Reader } from "../kernel";
import type { ClaimColumns, ResultColumns } from "../columns";
import { NONE } from "../columns";

/**
 * POLICY §4: E = total − outOfCatalog − classBSelfShare × classB. The class-B self share is a personal
 * amount on the statement (先行自付) and is rounded to the fen where it is computed (money.ts).
 */
/** What counts as in policy (L 第四部分 13.). */
export const POLICY_SCOPE_REF = { doc: "L", section: "第四部分 13.", excerpt: "以下三类费用为政策范围内医疗费用，基本医保按政策标准给予报销。其它医疗费用不予报销。" } as const;

export function policyScope(c: ClaimColumns, i: number, classBShareBp: Bp, out: ResultColumns, tr: Trace, r: Reader, paramId: string): Fen {
  const share = ratioOf(c.classB[i]!, classBShareBp);
  const e = c.total[i]! - c.outOfCatalog[i]! - share;
  out.classBSelfShare[i] = share;
  out.policyScope[i] = e;
  if (tr) tracePolicyScope(c, i, classBShareBp, share, e, tr, r, paramId);
  return e;
}

export function tracePolicyScope(c: ClaimColumns, i: number, classBShareBp: Bp, share: Fen, e: Fen, tr: TraceStep[], r: Reader, paramId: string): void {
  const total = c.total[i]!;
  const ooc = c.outOfCatalog[i]!;
  tr.push({
    key: "policyScope",
    title: { zh: "政策范围内费用", en: "Policy-scope expense" },
    detail: {
      zh: `总费用 ${y(total)} − 目录外 ${y(ooc)} − 乙类先自付 ${formatPercent(classBShareBp)} × ${y(c.classB[i]!)}（${y(share)}）= ${y(e)}`,
      en: `total ${y(total)} − out-of-catalog ${y(ooc)} − class-B self share ${formatPercent(classBShareBp)} × ${y(c.classB[i]!)} (${y(share)}) = ${y(e)}`,
    },
    amount: e,
    refs: [...refsOf(r, paramId), ...(paramId === "lanzhou.classBSelfShare" ? [POLICY_SCOPE_REF] : [])],
    params: [paramId],
  });
}

export function refsOf(r: Reader, ...ids: string[]) {
  const out = [];
  for (const id of ids) {
    const ref = r.ref(id);
    if (ref) out.push(ref);
  }
  return out;
}

export interface RepeatRule {
  geometric: boolean;
  step: Bp;
  floor: Bp;
}

/**
 * The threshold of the k-th admission in a year: from the 2nd admission it falls by `step` of the
 * base each time (linear reading) or to (1 − step) of the previous (geometric), never below `floor`
 * of the base (L 三、(四) 1.; POLICY §5). Rounded half-up to the fen (only the geometric reading
 * or an analyst's edited base can leave fractions of a fen).
 */
export function reducedThreshold(base: Fen, k: number, rule: RepeatRule): Fen {
  if (k <= 1) return base;
  if (!rule.geometric) return ratioOf(base, Math.max(BP - rule.step * (k - 1), rule.floor));
  return Rat.of(base).mul(geometricFactor(k, rule)).roundHalfUp();
}

/** (1 − step)^(k−1), exactly, floored at `floor`. */
function geometricFactor(k: number, rule: RepeatRule): Rat {
  let factor = Rat.of(1);
  for (let j = 1; j < k; j++) factor = factor.mul(Rat.of(BP - rule.step, BP));
  return factor.max(Rat.of(rule.floor, BP));
}

/** The factor of the k-th admission as the trace prints it ("80%", "51.2%"). */
export function thresholdFactorText(k: number, rule: RepeatRule): string {
  if (k <= 1) return "100%";
  if (!rule.geometric) return formatPercent(Math.max(BP - rule.step * (k - 1), rule.floor));
  const f = geometricFactor(k, rule);
  return `${((Number(f.n) / Number(f.d)) * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

export function levelOf(c: ClaimColumns, i: number): number {
  const lv = c.hospitalLevel[i]!;
  if (lv === NONE) badInput("field_missing", "hospitalLevel", undefined, { zh: "医院等级未填写（住院需要：一级、二级、三级乙等、三级甲等）", en: "hospital level missing (inpatient claims need 1, 2, 3B or 3A)" });
  return lv;
}

export const LEVEL_ZH: Record<string, string> = { "1": "一级", "2": "二级", "3B": "三级乙等", "3A": "三级甲等", "3S": "特三级" };
export const levelCode = (lv: number) => HOSPITAL_LEVELS[lv]!;
