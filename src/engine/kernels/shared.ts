/** Steps and amounts shared by the Lanzhou kernels: the policy-scope expense and the reduced threshold. */
import { HOSPITAL_LEVELS } from "../../claim/enums";
import { ratioOf, BP, type Bp, type Fen } from "../../money";
import { Rat } from "../../rational";
import { badInput } from "../../problem";
import { bp, fen, list, part, step, type StepValue, type Trace, type TraceStep } from "../../trace";
import { msg, type MessageKey } from "../../messages";
import type { Reader } from "../kernel";
import type { Text } from "../../text";
import type { Scale } from "../../params/scale";
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
  tr.push(
    step({
      key: "policyScope",
      heading: "steps.policyScope.title",
      kind: "steps.policyScope.detail",
      values: { total: fen(c.total[i]!), ooc: fen(c.outOfCatalog[i]!), ratio: bp(classBShareBp), classB: fen(c.classB[i]!), share: fen(share), scope: fen(e) },
      amount: e,
      refs: [...refsOf(r, paramId), ...(paramId === "lanzhou.classBSelfShare" ? [POLICY_SCOPE_REF] : [])],
      params: [paramId],
    }),
  );
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

/** The factor of the k-th admission as the trace records it (100%, 80%, or 51.2% under the geometric reading). */
export function thresholdFactor(k: number, rule: RepeatRule): StepValue {
  if (k <= 1) return bp(BP);
  if (!rule.geometric) return bp(Math.max(BP - rule.step * (k - 1), rule.floor));
  const f = geometricFactor(k, rule);
  return { percent: (Number(f.n) / Number(f.d)) * 100 };
}

export function levelOf(c: ClaimColumns, i: number): number {
  const lv = c.hospitalLevel[i]!;
  if (lv === NONE) badInput("field_missing", "hospitalLevel", undefined, msg("engine.level.missing"));
  return lv;
}

/** A scale's brackets as the trace lists them ("2500.00以上 65%、…"). */
export const brackets = (s: Scale): StepValue => list(s.brackets.map((b) => part("steps.scale.bracket", { above: fen(b.above), rate: bp(b.rate) })));

export const levelCode = (lv: number) => HOSPITAL_LEVELS[lv]!;

/** A hospital level's name as the trace says it (一级 … in Chinese, the code in English). */
const LEVEL_KEYS: Record<string, MessageKey> = { "1": "steps.level.1", "2": "steps.level.2", "3B": "steps.level.3B", "3A": "steps.level.3A", "3S": "steps.level.3S" };
export const levelName = (lv: number): StepValue => part(LEVEL_KEYS[levelCode(lv)]!);
/** The same as a message value, by level code. */
export const LEVEL_TEXT: Record<string, Text> = Object.fromEntries(Object.entries(LEVEL_KEYS).map(([k, key]) => [k, msg(key)]));
