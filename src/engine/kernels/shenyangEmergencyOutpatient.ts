/**
 * Shenyang outpatient emergency rescue elsewhere (SY 三、(一)): long-term residents, interns and
 * students in their filed place get Shenyang's own outpatient-rescue ratio; everyone else the ratio
 * of the temporary category (employee 60%; students and minors 60%, adults and the elderly 50%).
 * The outpatient-rescue threshold and cap are Shenyang's own, supplied by the user.
 */
import { RESIDENT_PERSON_TYPES, SCHEMES, PERSON_TYPES } from "../../claim/enums";
import { ratioOf } from "../../money";
import { bp, fen, part, step } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import type { Trace } from "../../trace";
import { eachClaim, raise, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { policyScope, refsOf } from "./shared";

const S = "shenyang";
const EMPLOYEE = SCHEMES.indexOf("employee");

export interface ShenyangOutpatientParams {
  r: Reader;
  classB: number;
  own: { employee: number; resident: number };
  threshold: { employee: number; resident: number };
  cap: { employee: number; resident: number };
  temporary: { employee: number; resident: Float64Array };
}

export const shenyangEmergencyOutpatient: Kernel<ShenyangOutpatientParams> = {
  id: "shenyang.emergencyOutpatient",
  set: "shenyang",
  compile(r) {
    const two = (name: string) => ({ employee: r.num(`${S}.employee.${name}`), resident: r.num(`${S}.resident.${name}`) });
    return {
      r,
      classB: r.num(`${S}.classBSelfShare`),
      own: two("emergencyOutpatient.ratio"),
      threshold: two("emergencyOutpatient.threshold"),
      cap: two("emergencyOutpatient.annualCap"),
      temporary: { employee: r.num(`${S}.employee.temporary.ratio`), resident: r.keyed(`${S}.resident.temporary.ratio`, RESIDENT_PERSON_TYPES) },
    };
  },
  settle: eachClaim(shenyangEmergencyOutpatientOne),
};

function shenyangEmergencyOutpatientOne(c: ClaimColumns, i: number, p: ShenyangOutpatientParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    const r = p.r;
    const emp = c.scheme[i] === EMPLOYEE;
    const s = emp ? "employee" : "resident";
    if (Number.isNaN(p.classB)) raise(r.problems, `${S}.classBSelfShare`);
    const e = policyScope(c, i, p.classB, out, tr, r, `${S}.classBSelfShare`);
    const atHome = c.inFiledPlace[i] === 1;
    let ratio: number;
    let ratioId: string;
    if (atHome) {
      ratioId = `${S}.${s}.emergencyOutpatient.ratio`;
      ratio = p.own[s];
    } else {
      ratioId = `${S}.${s}.temporary.ratio`;
      ratio = emp ? p.temporary.employee : p.temporary.resident[RESIDENT_PERSON_TYPES.indexOf(PERSON_TYPES[c.personType[i]!] as (typeof RESIDENT_PERSON_TYPES)[number])]!;
    }
    if (Number.isNaN(ratio)) raise(r.problems, ratioId);
    const t = p.threshold[s];
    if (Number.isNaN(t)) raise(r.problems, `${S}.${s}.emergencyOutpatient.threshold`);
    const cap = p.cap[s];
    if (Number.isNaN(cap)) raise(r.problems, `${S}.${s}.emergencyOutpatient.annualCap`);
    out.threshold[i] = t;
    const byRatio = ratioOf(e > t ? e - t : 0, ratio);
    const room = Math.max(cap - c.ytdFundPaid[i]!, 0);
    const pooled = Math.min(byRatio, room);
    out.pooled[i] = pooled;
    if (tr)
    tr.push(
      step({
        key: "pooled",
        heading: "steps.rescue.title",
        kind: "steps.rescue.detail",
        values: { where: part(atHome ? "steps.rescue.home" : "steps.rescue.away"), scope: fen(e), threshold: fen(t), ratio: bp(ratio), cap: fen(cap), paid: fen(c.ytdFundPaid[i]!), pooled: fen(pooled) },
        amount: pooled,
        refs: refsOf(r, ratioId, `${S}.${s}.emergencyOutpatient.threshold`),
        params: [ratioId, `${S}.${s}.emergencyOutpatient.threshold`, `${S}.${s}.emergencyOutpatient.annualCap`],
      }),
    );
}
