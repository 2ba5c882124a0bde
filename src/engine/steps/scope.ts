/**
 * The first two steps of an inpatient rule: the policy-scope expense (POLICY §4; L 第四部分 13.) and
 * the cross-region first payment (个人先自付, L 三、(五) 2.(2)(4)).
 */
import { ratioOf } from "../../money";
import { bp, fen, step } from "../../trace";
import { kept, type Reader } from "../kernel";
import { ROUTES, type KernelId } from "../routes";
import type { KernelOutcome } from "../kernel";
import { refsOf, tracePolicyScope } from "../kernels/shared";
import type { Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { refuseClaim, type Step, type Work } from "./compose";

/**
 * E = total − out-of-catalog − class-B self share × class B, the share rounded to the fen where it is
 * computed (a personal amount on the statement). Writes policyScope and classBSelfShare.
 */
export interface PolicyScopeParams {
  r: Reader;
  share: number;
}

export function policyScope(spec: { classB: string }): Step<PolicyScopeParams> {
  return {
    name: "policyScope",
    spec,
    claim: policyScopeClaim,
    compile: (r) => ({ r, share: r.num(spec.classB) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) policyScopeClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function policyScopeClaim(c: ClaimColumns, i: number, s: PolicyScopeParams, spec: { classB: string }, w: Work, out: ResultColumns, tr: Trace): void {
  if (s.share !== s.share) {
    refuseClaim(w, out, i, kept(s.r.problems, spec.classB));
    return;
  }
  const share = ratioOf(c.classB[i]!, s.share);
  const e = c.total[i]! - c.outOfCatalog[i]! - share;
  out.classBSelfShare[i] = share;
  out.policyScope[i] = e;
  if (tr) tracePolicyScope(c, i, s.share, share, e, tr, s.r, spec.classB);
}

/**
 * The part the person pays first where the route says so (referral 10%, temporary care 30%), its
 * ratio a parameter named by the route row; what goes on through the threshold and bands is
 * E' = E − firstPay. Writes firstPay (0 on routes without one).
 */
export interface FirstPaymentParams {
  r: Reader;
  byRoute: Float64Array;
}

export function firstPayment(spec: { kernel: KernelId }): Step<FirstPaymentParams> {
  return {
    name: "firstPayment",
    spec,
    claim: firstPaymentClaim,
    compile(r) {
      const rows = ROUTES.rows.map((row) => (row.then.kind === "kernel" && row.then.kernel === spec.kernel ? row.then : null));
      return { r, byRoute: Float64Array.from(rows, (o) => (o?.firstPay ? r.num(o.firstPay) : 0)) };
    },
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) firstPaymentClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function firstPaymentClaim(_c: ClaimColumns, i: number, s: FirstPaymentParams, _spec: { kernel: KernelId }, w: Work, out: ResultColumns, tr: Trace): void {
  const rt = out.route[i]!;
  const fp = s.byRoute[rt]!;
  if (fp === 0) return;
  const id = (ROUTES.rows[rt]!.then as KernelOutcome).firstPay!;
  if (fp !== fp) {
    refuseClaim(w, out, i, kept(s.r.problems, id));
    return;
  }
  const e = out.policyScope[i]!;
  const first = ratioOf(e, fp);
  out.firstPay[i] = first;
  if (tr) tr.push(step({ key: "firstPay", heading: "steps.firstPay.title", kind: "steps.firstPay.detail", values: { ratio: bp(fp), scope: fen(e), first: fen(first), rest: fen(e - first) }, amount: first, refs: refsOf(s.r, id), params: [id] }));
}
