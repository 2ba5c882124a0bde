/**
 * An independent reference for the Lanzhou formulas of POLICY §4–§7, written directly in decimal.js
 * from the policy text (no shared code with the engine beyond the claim type): the property tests
 * check the integer engine against it claim by claim, and the benchmark uses it as the naive loop.
 */
import Decimal from "decimal.js";
import type { Claim } from "../../src/claim/claim";

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const yuan = (fen: number) => new D(fen).div(100);
const fen = (d: Dec) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(100).toNumber();
const round2 = (d: Dec) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const max0 = (d: Dec) => Decimal.max(d, 0) as unknown as Dec;
const min = (a: Dec, b: Dec) => (a.lt(b) ? a : b);

export interface RefResult {
  policyScope: number;
  threshold: number;
  pooled: number;
  largeAmount: number;
  seriousIllness: number;
  assistance: number;
  subsidy: number;
  personal: number;
}

const EMP_T: Record<string, number> = { "1": 200, "2": 400, "3B": 1000, "3A": 1400 };
const RES_T: Record<string, number> = { "1": 200, "2": 400, "3B": 1000, "3A": 2400 };
const RES_R: Record<string, string> = { "1": "0.85", "2": "0.80", "3B": "0.70", "3A": "0.60" };
const BANDS = { in_service: ["0.88", "0.92", "0.96"], retired: ["0.91", "0.94", "0.97"] };

function repeatFactor(k: number): Dec {
  return Decimal.max(new D(1).minus(new D("0.2").times(k - 1)), new D("0.5")) as unknown as Dec;
}

/** POLICY §4: E with the class-B share rounded to the fen (money.ts decision). */
function scope(c: Claim): { e: Dec; share: Dec } {
  const share = round2(yuan(c.classB).times("0.1"));
  return { e: yuan(c.total).minus(yuan(c.outOfCatalog)).minus(share), share };
}

/** The employee pooled payment for expense x above threshold t, by bands with edges 10 000, 20 000, 60 000. */
export function employeeBands(x: Dec, t: Dec, rates: string[]): Dec {
  const edges = [t, new D(10000), new D(20000), new D(60000)];
  let s = new D(0);
  for (let b = 0; b < 3; b++) {
    const lo = Decimal.max(edges[b]!, t) as unknown as Dec;
    const hi = edges[b + 1]!;
    const part = max0(min(x, hi).minus(lo));
    s = s.plus(part.times(rates[b]!));
  }
  return s;
}

export function referenceEmployeeInpatient(c: Claim, opts: { firstPay?: string; cut?: string } = {}): RefResult {
  const { e, share } = scope(c);
  const first = opts.firstPay ? round2(e.times(opts.firstPay)) : new D(0);
  const e2 = e.minus(first);
  const t = round2(new D(EMP_T[c.hospitalLevel!]!).times(repeatFactor(c.admissionIndex!)));
  let rates = BANDS[c.personType as "in_service" | "retired"];
  if (opts.cut) rates = rates.map((r) => new D(r).plus(opts.cut!).toString());
  const bands = round2(employeeBands(e2, t, rates));
  const room = max0(new D(60000).minus(yuan(c.ytdFundPaid)));
  const pooled = min(bands, room);
  // 大额: 90% of E' above 60 000, plus, when the cap cut, the expense between the cap point and min(E', 60 000).
  const above = max0(e2.minus(60000));
  let uncovered = new D(0);
  let capPoint: Dec | null = null;
  if (bands.gt(room)) {
    // walk the bands until the fund has paid `room`
    const edges = [t, new D(10000), new D(20000), new D(60000)];
    let paid = new D(0);
    for (let b = 0; b < 3; b++) {
      const lo = edges[b]!;
      const hi = edges[b + 1]!;
      if (hi.lte(lo)) continue;
      const full = hi.minus(lo).times(rates[b]!);
      if (paid.plus(full).gte(room) && new D(rates[b]!).gt(0)) {
        capPoint = lo.plus(room.minus(paid).div(rates[b]!));
        break;
      }
      paid = paid.plus(full);
    }
    uncovered = min(e2, new D(60000)).minus(capPoint!);
  }
  const large = round2(above.plus(uncovered).times("0.9"));
  // civil-servant subsidy (L 第二部分 三、1, 2, 3, 5)
  let subsidy = new D(0);
  if (c.civilServantRank !== "none") {
    const cls = c.civilServantRank === "deputy" ? "deputy_county" : c.civilServantRank;
    const r12 = { senior: "1", deputy_title: "0.9", deputy_county: "0.9", other: "0.8" }[cls as "senior"]!;
    const r3 = { senior: "1", deputy_title: "1", deputy_county: "0.97", other: "0.97" }[cls as "senior"]!;
    const tBorne = min(e2, t);
    const end = capPoint ?? min(e2, new D(60000));
    // what the person bore between the threshold and the cap point: the expense less the fund's (rounded) payment
    const coins = max0(end.minus(t)).minus(capPoint ? room : round2(employeeBands(end, t, rates)));
    const aboveCap = above.plus(uncovered).minus(large);
    // above the pooled cap the subsidy needs the supplementary fund's ceiling, which the guide does
    // not give: the subsidy, and so the personal share, are not computable (POLICY §12)
    if (aboveCap.gt(0)) return { policyScope: fen(e), threshold: fen(t), pooled: fen(pooled), largeAmount: fen(large), seriousIllness: 0, assistance: 0, subsidy: NaN, personal: NaN };
    subsidy = round2(tBorne.times(r12).plus(coins.times(r12)).plus(share.times("0.8")));
    void r3;
  }
  const personal = yuan(c.total).minus(yuan(c.outOfCatalog)).minus(pooled).minus(large).minus(subsidy);
  return { policyScope: fen(e), threshold: fen(t), pooled: fen(pooled), largeAmount: fen(large), seriousIllness: 0, assistance: 0, subsidy: fen(subsidy), personal: fen(personal) };
}

const SI = { none: { d: 5000, r: ["0.60", "0.65", "0.70", "0.75", "0.80"] }, poor: { d: 2500, r: ["0.65", "0.70", "0.75", "0.80", "0.85"] } };
function siScale(x: Dec, r: string[]): Dec {
  const edges = [0, 10000, 20000, 50000, 100000, Infinity];
  let s = new D(0);
  for (let b = 0; b < 5; b++) {
    const lo = new D(edges[b]!);
    const hi = edges[b + 1] === Infinity ? x : new D(edges[b + 1]!);
    s = s.plus(max0(min(x, hi).minus(lo)).times(r[b]!));
  }
  return s;
}

export function referenceSeriousIllness(c: Claim, e: Dec, pooled: Dec, withAssistance: boolean): { serious: Dec; aid: Dec } {
  const poor = c.povertyStatus !== "none";
  const { d, r } = poor ? SI.poor : SI.none;
  const p0 = yuan(c.ytdPersonalInPolicy);
  const p1 = p0.plus(e.minus(pooled));
  const serious = round2(siScale(max0(p1.minus(d)), r).minus(siScale(max0(p0.minus(d)), r)));
  const aid = withAssistance && poor ? round2(e.minus(pooled).minus(serious).times("0.7")) : new D(0);
  return { serious, aid };
}

export function referenceResidentInpatient(c: Claim): RefResult {
  const { e } = scope(c);
  const t = round2(new D(RES_T[c.hospitalLevel!]!).times(repeatFactor(c.admissionIndex!)));
  let r = new D(RES_R[c.hospitalLevel!]!);
  if (c.povertyStatus === "registered_poor") r = r.plus("0.05");
  r = Decimal.min(r, 1) as unknown as Dec;
  const rt = Decimal.min(r.plus("0.10"), 1) as unknown as Dec;
  const over = max0(e.minus(t));
  const tcm = yuan(c.tcm);
  const tcmPart = e.gt(0) ? over.times(tcm).div(e) : new D(0);
  const raw = over.minus(tcmPart).times(r).plus(tcmPart.times(c.tcm > 0 ? rt : r));
  const pooled = min(round2(raw), max0(new D(40000).minus(yuan(c.ytdFundPaid))));
  const { serious, aid } = referenceSeriousIllness(c, e, pooled, true);
  const personal = yuan(c.total).minus(yuan(c.outOfCatalog)).minus(pooled).minus(serious).minus(aid);
  return { policyScope: fen(e), threshold: fen(t), pooled: fen(pooled), largeAmount: 0, seriousIllness: fen(serious), assistance: fen(aid), subsidy: 0, personal: fen(personal) };
}

/** The naive loop the benchmark times: the employee-band rule alone, in decimal.js. */
export function naiveEmployeeBandsFen(totalFen: number, level: string, k: number, retired: boolean): number {
  const t = round2(new D(EMP_T[level]!).times(repeatFactor(k)));
  return fen(round2(employeeBands(yuan(totalFen), t, retired ? BANDS.retired : BANDS.in_service)));
}
