/**
 * The layers above the pooled fund in Lanzhou employee care: 大额 on the expense above the band top
 * and on what the annual cap left unpaid (L 三、(四) 4.; POLICY §5), and the civil-servant subsidy
 * (L 第二部分 三、1, 2, 3, 5). Each is a layer of its own: a missing figure makes it not computable
 * and the rest stands (POLICY §12).
 */
import { CIVIL_SERVANT_RANKS } from "../../claim/enums";
import { BP, mulDivFloorRem, ratioOf, roundHalfUpDiv, type Fen } from "../../money";
import { Rat } from "../../rational";
import type { Scale } from "../../params/scale";
import { bp, fen, part, step, type Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { dependentNotComputable, known, layerNotComputable, problemOf, raise, type Reader } from "../kernel";
import { refsOf } from "../kernels/shared";
import { compileBands, scaleOf, type BandsParams, type BandsSpec } from "./pooled";
import { fail, type Step, type Work } from "./compose";

/** What the cap left of the bands: where the bands stop paying and the expense point where the cap was reached. */
interface CapCut {
  e2: Fen;
  t: Fen;
  top: number;
  /** The pooled payment when the cap cut the bands (the room left under the cap). */
  room: Fen;
}

/**
 * 大额 when the annual cap cut the bands: the ratio L of the expense above the band top plus the
 * expense between the point x where the cap was reached and min(E', top). With x = lo + num / rate:
 * 大额 = L × (aboveTop + within − lo) − L × num / rate, rounded once; the fraction lemma (money.ts)
 * lets the floor of L × num / rate stand for it.
 */
export function largeAfterCap(large: number, scale: Scale, k: CapCut): Fen {
  const inv = scale.inverse(k.room * BP, k.t, k.top)!;
  const aboveTop = k.e2 > k.top ? k.e2 - k.top : 0;
  const within = k.e2 < k.top ? k.e2 : k.top;
  const a = large * (aboveTop + within - inv.lo);
  const [q, rem] = mulDivFloorRem(large, inv.num, inv.rate);
  return roundHalfUpDiv(rem ? a - q - 1 : a - q, BP);
}

export interface LargeAboveTopSpec {
  ratio: string;
  bands: BandsSpec;
}

export interface LargeAboveTopParams {
  r: Reader;
  large: number;
  bands: BandsParams;
}

/** 大额 = L × [(E' − top)⁺ + (min(E', top) − x_cap, when the cap cut the bands)]. */
export function largeAmountAboveTop(spec: LargeAboveTopSpec): Step<LargeAboveTopParams> {
  return {
    name: "largeAmount",
    spec,
    claim: largeAmountAboveTopClaim,
    compile: (r) => ({ r, bands: compileBands(r, spec.bands), large: r.num(spec.ratio) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) largeAmountAboveTopClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function largeAmountAboveTopClaim(c: ClaimColumns, i: number, s: LargeAboveTopParams, spec: LargeAboveTopSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const e2 = out.policyScope[i]! - out.firstPay[i]!;
  const top = s.bands.top[c.personType[i]!]!;
  const capCut = w.pay[i]! > out.pooled[i]!;
  const aboveTop = e2 > top ? e2 - top : 0;
  if (!(aboveTop > 0 || capCut)) return;
  try {
    if (s.large !== s.large) {
      layerNotComputable(out, i, "largeAmount", problemOf(s.r, spec.ratio), tr);
      return;
    }
    const scale = scaleOf(s.bands, c, out, i);
    const k = { e2, t: out.threshold[i]!, top, room: out.pooled[i]! };
    const large = capCut ? largeAfterCap(s.large, scale, k) : ratioOf(aboveTop, s.large);
    out.largeAmount[i] = large;
    if (tr) traceLarge(s.r, spec.ratio, s.large, scale, k, capCut, large, tr);
  } catch (e) {
    fail(w, out, i, e);
  }
}

function traceLarge(r: Reader, id: string, ratio: number, scale: Scale, k: CapCut, capCut: boolean, large: Fen, tr: NonNullable<Trace>): void {
  const aboveTop = k.e2 > k.top ? k.e2 - k.top : 0;
  const within = k.e2 < k.top ? k.e2 : k.top;
  const inv = capCut ? scale.inverse(k.room * BP, k.t, k.top) : null;
  const capPoint = inv ? Rat.of(inv.lo).add(Rat.of(inv.num, inv.rate)) : null;
  tr.push(
    step({
      key: "largeAmount",
      heading: "steps.largeAmount.title",
      kind: "steps.largeAmount.detail",
      values: { ratio: bp(ratio), top: fen(k.top), above: fen(aboveTop), afterCap: capPoint ? part("steps.largeAmount.afterCap", { within: fen(within), capPoint: { yuan: Number(capPoint.n) / Number(capPoint.d) } }) : null, large: fen(large) },
      amount: large,
      refs: refsOf(r, id),
      params: [id],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Civil-servant subsidy

export interface CivilServantSpec {
  /** Keyed by class (senior, deputy_title, deputy_county, other). */
  thresholdRate: string;
  coinsuranceRate: string;
  aboveCapRate: string;
  aboveCapCeiling: string;
  classBRate: string;
  /** Which class a "deputy" is (POLICY §3 reading). */
  deputyReading: string;
  bands: BandsSpec;
}

const CS_KEYS = ["senior", "deputy_title", "deputy_county", "other"] as const;

export interface CivilServantParams {
  r: Reader;
  bands: BandsParams;
  threshold: Float64Array;
  coins: Float64Array;
  above: Float64Array;
  ceiling: number;
  classB: number;
  deputyAs: number;
}

/** Resolve a claim's civil-servant rank to the document's classes (deputy through the reading switch). */
function civilServantClass(spec: CivilServantSpec, p: CivilServantParams, rankIdx: number): number {
  const code = CIVIL_SERVANT_RANKS[rankIdx]!;
  if (code === "deputy") {
    if (p.deputyAs < 0) raise(p.r.problems, spec.deputyReading);
    return p.deputyAs;
  }
  return CS_KEYS.indexOf(code as (typeof CS_KEYS)[number]);
}

function rateOf(p: CivilServantParams, arr: Float64Array, id: string, cls: number): number {
  const v = arr[cls]!;
  if (Number.isNaN(v)) raise(p.r.problems, `${id}:${CS_KEYS[cls]}`);
  return v;
}

/**
 * The subsidy: 1. the threshold the person bore, 2. the co-insurance between the threshold and the
 * point where the pooled fund stopped paying, 3. what stayed personal above the pooled cap after
 * 大额 (up to a ceiling), 5. the class-B self share, each at its class's rate; rounded once.
 * Needs 大额's amount: without it, not computable either.
 */
export function civilServantSubsidy(spec: CivilServantSpec): Step<CivilServantParams> {
  return {
    name: "subsidy",
    spec,
    claim: civilServantSubsidyClaim,
    compile: (r) => ({
      r,
      bands: compileBands(r, spec.bands),
      threshold: r.keyed(spec.thresholdRate, CS_KEYS),
      coins: r.keyed(spec.coinsuranceRate, CS_KEYS),
      above: r.keyed(spec.aboveCapRate, CS_KEYS),
      ceiling: r.num(spec.aboveCapCeiling),
      classB: r.num(spec.classBRate),
      deputyAs: CS_KEYS.indexOf(r.choice(spec.deputyReading) as (typeof CS_KEYS)[number]),
    }),
    run(c, idx, from, to, p, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) civilServantSubsidyClaim(c, i, p, spec, w, out, tr);
      }
    },
  };
}

export function civilServantSubsidyClaim(c: ClaimColumns, i: number, p: CivilServantParams, spec: CivilServantSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const rank = c.civilServantRank[i]!;
  if (rank === 0) return;
  try {
    if (!known(out, i, "largeAmount")) dependentNotComputable(out, i, "subsidy", "largeAmount", tr);
    else
      try {
        out.subsidy[i] = subsidyOf(spec, p, c.personType[i]!, rank, i, w.pay[i]!, out, tr);
      } catch (err) {
        layerNotComputable(out, i, "subsidy", err, tr);
      }
  } catch (e) {
    fail(w, out, i, e);
  }
}

export function subsidyOf(spec: CivilServantSpec, p: CivilServantParams, person: number, rankIdx: number, i: number, paid: Fen, out: ResultColumns, tr: Trace): Fen {
  const e2 = out.policyScope[i]! - out.firstPay[i]!;
  const t = out.threshold[i]!;
  const top = p.bands.top[person]!;
  const within = e2 < top ? e2 : top;
  const aboveTop = e2 > top ? e2 - top : 0;
  const scale = p.bands.byRoute[out.route[i]!]![person]!;
  const pooled = out.pooled[i]!;
  const room = pooled;
  // `paid`: the bands' payment before the cap; the cap cut it when the pooled payment is less
  const capCut = paid > pooled;
  const inv = capCut ? scale.inverse(room * BP, t, top) : null;
  const large = out.largeAmount[i]!;
  const classBShare = out.classBSelfShare[i]!;
  const cls = civilServantClass(spec, p, rankIdx);
  const r1 = rateOf(p, p.threshold, spec.thresholdRate, cls);
  const r2 = rateOf(p, p.coins, spec.coinsuranceRate, cls);
  const r3 = rateOf(p, p.above, spec.aboveCapRate, cls);
  if (Number.isNaN(p.classB)) raise(p.r.problems, spec.classBRate);
  // 1. the threshold the person bore
  const tBorne = Math.min(e2, t);
  const s1 = Rat.of(tBorne).mul(Rat.of(r1, BP));
  // 2. co-insurance between the threshold and the point where the pooled fund stopped paying
  let coins: Rat;
  if (capCut && inv) {
    const end = Rat.of(inv.lo).add(Rat.of(inv.num, inv.rate));
    coins = end.sub(Rat.of(t)).sub(Rat.of(room));
  } else {
    // the co-insurance the person bore: the expense between the threshold and the top, less what the
    // fund paid (rounded, as paid), so the subsidy can never pay the half fen the fund's rounding took
    const end = Math.max(Math.min(e2, top) - t, 0);
    coins = Rat.of(end - paid);
  }
  const s2 = coins.mul(Rat.of(r2, BP));
  // 3. what stayed personal above the pooled cap after 大额
  const aboveCap = Rat.of(aboveTop).add(capCut && inv ? Rat.of(within).sub(Rat.of(inv.lo).add(Rat.of(inv.num, inv.rate))) : Rat.of(0));
  let s3 = aboveCap.sub(Rat.of(large)).max(Rat.of(0)).mul(Rat.of(r3, BP));
  if (s3.isPositive()) {
    if (Number.isNaN(p.ceiling)) raise(p.r.problems, spec.aboveCapCeiling);
    s3 = s3.min(Rat.of(p.ceiling));
  }
  // 5. the class-B self share
  const s5 = Rat.of(classBShare).mul(Rat.of(p.classB, BP));
  const sub = s1.add(s2).add(s3).add(s5).roundHalfUp();
  if (tr) {
    const f = (x: Rat) => fen(x.roundHalfUp());
    const deputy = CIVIL_SERVANT_RANKS[rankIdx] === "deputy";
    tr.push(
      step({
        key: "subsidy",
        heading: "steps.subsidy.title",
        kind: "steps.subsidy.detail",
        values: { borne: fen(tBorne), r1: bp(r1), s1: f(s1), coins: f(coins), r2: bp(r2), s2: f(s2), r3: bp(r3), s3: f(s3), classB: fen(classBShare), r5: bp(p.classB), s5: f(s5), subsidy: fen(sub) },
        amount: sub,
        refs: refsOf(p.r, spec.thresholdRate, spec.coinsuranceRate, spec.aboveCapRate, spec.classBRate, ...(deputy ? [spec.deputyReading] : [])),
        params: [spec.thresholdRate, spec.coinsuranceRate, spec.aboveCapRate, spec.classBRate, ...(s3.isPositive() ? [spec.aboveCapCeiling] : []), ...(deputy ? [spec.deputyReading] : [])],
      }),
    );
  }
  return sub;
}
