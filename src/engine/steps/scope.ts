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
import { refuseClaim, type Step } from "./compose";

/**
 * E = total − out-of-catalog − class-B self share × class B, the share rounded to the fen where it is
 * computed (a personal amount on the statement). Writes policyScope and classBSelfShare.
 */
export function policyScope(spec: { classB: string }): Step<{ r: Reader; share: number }> {
  return {
    name: "policyScope",
    compile: (r) => ({ r, share: r.num(spec.classB) }),
    run(c, idx, from, to, s, w, out, tr) {
      const { total, outOfCatalog, classB } = c;
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i]) continue;
        if (s.share !== s.share) {
          refuseClaim(w, out, i, kept(s.r.problems, spec.classB));
          continue;
        }
        const share = ratioOf(classB[i]!, s.share);
        const e = total[i]! - outOfCatalog[i]! - share;
        out.classBSelfShare[i] = share;
        out.policyScope[i] = e;
        if (tr) tracePolicyScope(c, i, s.share, share, e, tr, s.r, spec.classB);
      }
    },
  };
}

/**
 * The part the person pays first where the route says so (referral 10%, temporary care 30%), its
 * ratio a parameter named by the route row; what goes on through the threshold and bands is
 * E' = E − firstPay. Writes firstPay (0 on routes without one).
 */
export function firstPayment(spec: { kernel: KernelId }): Step<{ r: Reader; byRoute: Float64Array }> {
  return {
    name: "firstPayment",
    compile(r) {
      const rows = ROUTES.rows.map((row) => (row.then.kind === "kernel" && row.then.kernel === spec.kernel ? row.then : null));
      return { r, byRoute: Float64Array.from(rows, (o) => (o?.firstPay ? r.num(o.firstPay) : 0)) };
    },
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i]) continue;
        const rt = out.route[i]!;
        const fp = s.byRoute[rt]!;
        if (fp === 0) continue;
        const id = (ROUTES.rows[rt]!.then as KernelOutcome).firstPay!;
        if (fp !== fp) {
          refuseClaim(w, out, i, kept(s.r.problems, id));
          continue;
        }
        const e = out.policyScope[i]!;
        const first = ratioOf(e, fp);
        out.firstPay[i] = first;
        if (tr) tr.push(step({ key: "firstPay", heading: "steps.firstPay.title", kind: "steps.firstPay.detail", values: { ratio: bp(fp), scope: fen(e), first: fen(first), rest: fen(e - first) }, amount: first, refs: refsOf(s.r, id), params: [id] }));
      }
    },
  };
}
