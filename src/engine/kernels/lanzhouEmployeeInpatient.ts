/**
 * Lanzhou employee inpatient care (L 第一部分 三、(四)(五); POLICY §5), with the civil-servant subsidy
 * (L 第二部分; POLICY §3 readings in lanzhou.json).
 *
 *   E   = total − outOfCatalog − 10% × classB                       (policy scope, §4)
 *   E'  = E − firstPay × E                                          (referral 10% / temporary 30%)
 *   T   = base[level] × factor(k)                                   (repeat admissions)
 *   B   = Σ_bands rate × |(max(lo, T), min(hi, E')]|                 (bands, edges are expense amounts)
 *   pooled = min(B, 60 000 − ytdFundPaid, ≥ 0)
 *   大额   = 90% × [(E' − 60 000)⁺ + (min(E', 60 000) − x_cap if the cap cut B)]
 */
import { CIVIL_SERVANT_RANKS, HOSPITAL_LEVELS } from "../../claim/enums";
import { BP, closeLayer, mulDivFloorRem, ratioOf, roundHalfUpDiv, type Fen } from "../../money";
import { PolicyError, badInput, type Problem } from "../../problem";
import { Rat } from "../../rational";
import { Scale } from "../../params/scale";
import { pct, y, type Trace, type TraceStep } from "../../trace";
import { NONE, type ClaimColumns, type ResultColumns } from "../columns";
import { claimFailed, dependentNotComputable, known, layerNotComputable, outcomeOf, personalOf, problemOf, raise, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { ROUTES } from "../routes";
import { LEVEL_ZH, levelCode, levelOf, reducedThreshold, refsOf, thresholdFactorText, tracePolicyScope, type RepeatRule } from "./shared";

const P = "lanzhou.employee.inpatient";
const ID = {
  classB: "lanzhou.classBSelfShare",
  threshold: `${P}.threshold`,
  mode: `${P}.repeatMode`,
  step: `${P}.repeatStep`,
  floor: `${P}.repeatFloor`,
  bands: `${P}.bands`,
  cap: `${P}.annualCap`,
  large: "lanzhou.employee.largeAmount.ratio",
  csThreshold: "lanzhou.civilServant.thresholdRate",
  csCoins: "lanzhou.civilServant.coinsuranceRate",
  csAbove: "lanzhou.civilServant.aboveCapRate",
  csCeiling: "lanzhou.civilServant.aboveCapCeiling",
  csClassB: "lanzhou.civilServant.classBRate",
  csReading: "lanzhou.civilServant.deputyReading",
};
const CS_KEYS = ["senior", "deputy_title", "deputy_county", "other"] as const;

export interface EmployeeInpatientParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  threshold: Float64Array;
  repeat: RepeatRule;
  /** [in_service, retired] */
  bands: (Scale | null)[];
  /** Where each person type's bands stop paying (60 000): 大额 starts there. */
  top: number[];
  cap: number;
  large: number;
  /** By route row: the first-payment ratio (0 when none, NaN when its parameter is missing) … */
  firstPayByRoute: Float64Array;
  /** … and the bands to use (lowered by the filer's ratio cut where the route says so). */
  bandsByRoute: ((Scale | null)[] | null)[];
  cs: { threshold: Float64Array; coins: Float64Array; above: Float64Array; ceiling: number; classB: number; deputyAs: number };
}

/** The expense amount where the bands stop paying (the last zero-rate band, 60 000): 大额 starts there. */
function bandsTop(s: Scale): number {
  const last = s.brackets[s.brackets.length - 1]!;
  return last.rate === 0 ? last.above : Infinity;
}

function cutScale(s: Scale | null, cut: number): Scale | null {
  if (!s) return null;
  return new Scale(s.brackets.map((b, i) => ({ above: b.above, rate: i === s.brackets.length - 1 && b.rate === 0 ? 0 : Math.min(BP, Math.max(0, b.rate + cut)) })));
}

export const lanzhouEmployeeInpatient: Kernel<EmployeeInpatientParams> = {
  id: "lanzhou.employee.inpatient",
  set: "lanzhou",
  compile(r) {
    const bands = [r.scale(ID.bands, "in_service"), r.scale(ID.bands, "retired")];
    const rows = ROUTES.rows.map((row) => (row.then.kind === "kernel" && row.then.kernel === "lanzhou.employee.inpatient" ? row.then : null));
    const cuts = new Map<string, (Scale | null)[] | null>();
    for (const o of rows)
      if (o?.ratioCut && !cuts.has(o.ratioCut)) {
        const cut = r.num(o.ratioCut);
        cuts.set(o.ratioCut, Number.isNaN(cut) ? null : bands.map((b) => cutScale(b, cut)));
      }
    const p: EmployeeInpatientParams = {
      r,
      fatal: null,
      classB: r.num(ID.classB),
      threshold: r.keyed(ID.threshold, HOSPITAL_LEVELS),
      repeat: { geometric: r.choice(ID.mode) === "geometric", step: r.num(ID.step), floor: r.num(ID.floor) },
      bands,
      top: bands.map((b) => (b ? bandsTop(b) : Infinity)),
      cap: r.num(ID.cap),
      large: r.num(ID.large),
      firstPayByRoute: Float64Array.from(rows, (o) => (o?.firstPay ? r.num(o.firstPay) : 0)),
      bandsByRoute: rows.map((o) => (o?.ratioCut ? cuts.get(o.ratioCut)! : bands)),
      cs: {
        threshold: r.keyed(ID.csThreshold, CS_KEYS),
        coins: r.keyed(ID.csCoins, CS_KEYS),
        above: r.keyed(ID.csAbove, CS_KEYS),
        ceiling: r.num(ID.csCeiling),
        classB: r.num(ID.csClassB),
        deputyAs: CS_KEYS.indexOf(r.choice(ID.csReading) as (typeof CS_KEYS)[number]),
      },
    };
    for (const id of [ID.classB, ID.mode, ID.step, ID.floor, ID.cap])
      if (r.problems.has(id)) {
        p.fatal = r.problems.get(id)!;
        break;
      }
    return p;
  },

  settle(c, idx, from, to, p, out, tr) {
    const { total, outOfCatalog, classB, hospitalLevel, admissionIndex, personType, ytdFundPaid, civilServantRank } = c;
    const route = out.route;
    for (let j = from; j < to; j++) {
      const i = idx[j]!;
      try {
        if (p.fatal) throw new PolicyError(p.fatal);
        // Policy scope (POLICY §4).
        const share = ratioOf(classB[i]!, p.classB);
        const e = total[i]! - outOfCatalog[i]! - share;
        out.classBSelfShare[i] = share;
        out.policyScope[i] = e;
        if (tr) tracePolicyScope(c, i, p.classB, share, e, tr, p.r, ID.classB);

        // Cross-region first payment (L 三、(五) 2.(2)(4)).
        const rt = route[i]!;
        const fp = p.firstPayByRoute[rt]!;
        const e2 = fp === 0 ? e : firstPayment(p, i, rt, fp, e, out, tr);

        // Threshold (三、(四) 1.).
        const lv = hospitalLevel[i]!;
        if (lv === NONE) levelOf(c, i);
        const base = p.threshold[lv]!;
        if (base !== base) raise(p.r.problems, `${ID.threshold}:${HOSPITAL_LEVELS[lv]}`);
        const k = admissionIndex[i]!;
        if (k < 1) badInput("field_missing", "admissionIndex", undefined, { zh: "本年住院次数未填写", en: "admission index missing" });
        const t = k === 1 ? base : reducedThreshold(base, k, p.repeat);
        out.threshold[i] = t;
        if (tr) traceThreshold(p, lv, k, base, t, tr);

        // Bands (三、(四) 3.).
        const person = personType[i]!; // 0 in_service, 1 retired (validated against the scheme)
        const scales = p.bandsByRoute[rt];
        const scale = scales ? scales[person] : null;
        if (!scale) missingBands(p, rt, person);
        const raw = scale!.raw(e2, t);
        const bandsPay = closeLayer(raw);
        const top = p.top[person]!;
        if (tr) traceBands(p, outcomeOf(out, i), scale!, e2, t, top, bandsPay, tr);

        // Annual cap (三、(四) 2.) and 大额 (三、(四) 4.; POLICY §5).
        const room = p.cap - ytdFundPaid[i]! > 0 ? p.cap - ytdFundPaid[i]! : 0;
        const capCut = bandsPay > room;
        const pooled = capCut ? room : bandsPay;
        out.pooled[i] = pooled;
        if (tr) traceCap(p, c, i, bandsPay, room, pooled, capCut, tr);
        const aboveTop = e2 > top ? e2 - top : 0;
        let large = 0;
        if (aboveTop > 0 || capCut) {
          // 大额 is a layer of its own: without its ratio it is not computable, the rest stands (POLICY §12).
          if (p.large !== p.large) layerNotComputable(out, i, "largeAmount", problemOf(p.r, ID.large), tr);
          else {
            large = capCut ? largeAfterCap(p, scale!, e2, t, top, room) : ratioOf(aboveTop, p.large);
            out.largeAmount[i] = large;
            if (tr) traceLarge(p, scale!, e2, t, top, room, capCut, large, tr);
          }
        }

        // Civil-servant subsidy (L 第二部分 三、1, 2, 3, 5); the part above the cap needs 大额's amount.
        const rank = civilServantRank[i]!;
        if (rank !== 0) {
          if (!known(out, i, "largeAmount")) dependentNotComputable(out, i, "subsidy", "largeAmount", tr);
          else
            try {
              out.subsidy[i] = civilServantSubsidy(p, rank, { e2, t, top, within: e2 < top ? e2 : top, aboveTop, paid: bandsPay, capCut, room, inv: capCut ? scale!.inverse(room * BP, t, top) : null, large, classBShare: share }, tr);
            } catch (err) {
              layerNotComputable(out, i, "subsidy", err, tr);
            }
        }

        out.personal[i] = personalOf(c, i, out);
      } catch (err) {
        claimFailed(out, i, err);
      }
    }
  },
};

function firstPayment(p: EmployeeInpatientParams, i: number, rt: number, fp: number, e: Fen, out: ResultColumns, tr: Trace): Fen {
  const id = (ROUTES.rows[rt]!.then as KernelOutcome).firstPay!;
  if (Number.isNaN(fp)) raise(p.r.problems, id);
  const first = ratioOf(e, fp);
  out.firstPay[i] = first;
  if (tr)
    tr.push({
      key: "firstPay",
      title: { zh: "个人先自付", en: "First paid by the person" },
      detail: { zh: `${pct(fp)} × ${y(e)} = ${y(first)}；进入统筹的费用 ${y(e - first)}`, en: `${pct(fp)} × ${y(e)} = ${y(first)}; expense going through the bands ${y(e - first)}` },
      amount: first,
      refs: refsOf(p.r, id),
      params: [id],
    });
  return e - first;
}

function missingBands(p: EmployeeInpatientParams, rt: number, person: number): never {
  const cut = (ROUTES.rows[rt]!.then as KernelOutcome).ratioCut;
  raise(p.r.problems, cut && p.r.problems.has(cut) ? cut : `${ID.bands}:${person === 0 ? "in_service" : "retired"}`);
}

/**
 * 大额 when the annual cap cut the bands: 90% of the expense above the band top plus the expense
 * between the point x where the cap was reached and min(E', top). With x = lo + num / rate:
 * 大额 = L × (aboveTop + within − lo) − L × num / rate, rounded once; the fraction lemma (money.ts)
 * lets the floor of L × num / rate stand for it.
 */
function largeAfterCap(p: EmployeeInpatientParams, scale: Scale, e2: Fen, t: Fen, top: number, room: Fen): Fen {
  const inv = scale.inverse(room * BP, t, top)!;
  const aboveTop = e2 > top ? e2 - top : 0;
  const within = e2 < top ? e2 : top;
  const a = p.large * (aboveTop + within - inv.lo);
  const [q, rem] = mulDivFloorRem(p.large, inv.num, inv.rate);
  return roundHalfUpDiv(rem ? a - q - 1 : a - q, BP);
}

function traceThreshold(p: EmployeeInpatientParams, lv: number, k: number, base: Fen, t: Fen, tr: TraceStep[]): void {
  const factorText = thresholdFactorText(k, p.repeat);
  tr.push({
    key: "threshold",
    title: { zh: "起付标准", en: "Threshold" },
    detail: {
      zh: `${LEVEL_ZH[levelCode(lv)]}医院 ${y(base)}，本年第 ${k} 次住院按 ${factorText}（${p.repeat.geometric ? "逐次×80%" : "逐次减20%"}，不低于 ${pct(p.repeat.floor)}）= ${y(t)}`,
      en: `level ${levelCode(lv)} base ${y(base)}, admission ${k} of the year at ${factorText} (${p.repeat.geometric ? "×80% each time" : "20 points less each time"}, at least ${pct(p.repeat.floor)}) = ${y(t)}`,
    },
    amount: t,
    refs: refsOf(p.r, ID.threshold, ...(k > 1 ? [ID.mode] : [])),
    params: [ID.threshold, ...(k > 1 ? [ID.mode, ID.step, ID.floor] : [])],
  });
}

function traceBands(p: EmployeeInpatientParams, route: KernelOutcome, scale: Scale, e2: Fen, t: Fen, top: number, bandsPay: Fen, tr: TraceStep[]): void {
  const parts = scale.breakdown(Math.min(e2, top), t).filter((b) => b.rate > 0);
  const cut = route.ratioCut ? -p.r.num(route.ratioCut) : 0;
  tr.push({
    key: "bands",
    title: { zh: "分段计算统筹支付", en: "Pooled fund by band" },
    detail: {
      zh: (parts.length ? parts.map((b) => `(${y(b.from)}, ${y(b.to)}] ${y(b.inBand)} × ${pct(b.rate)}`).join("；") + ` = ${y(bandsPay)}` : `费用 ${y(e2)} 未超过起付标准 ${y(t)}`) + (route.ratioCut ? `（各段比例已降低 ${pct(cut)}）` : ""),
      en: (parts.length ? parts.map((b) => `(${y(b.from)}, ${y(b.to)}] ${y(b.inBand)} × ${pct(b.rate)}`).join("; ") + ` = ${y(bandsPay)}` : `expense ${y(e2)} does not exceed the threshold ${y(t)}`) + (route.ratioCut ? ` (each band ${pct(cut)} lower)` : ""),
    },
    amount: bandsPay,
    refs: refsOf(p.r, ID.bands, ...(route.ratioCut ? [route.ratioCut] : [])),
    params: [ID.bands, ...(route.ratioCut ? [route.ratioCut] : [])],
  });
}

function traceCap(p: EmployeeInpatientParams, c: ClaimColumns, i: number, bandsPay: Fen, room: Fen, pooled: Fen, capCut: boolean, tr: TraceStep[]): void {
  tr.push({
    key: "cap",
    title: { zh: "统筹基金支付（年度限额）", en: "Pooled fund (annual cap)" },
    detail: {
      zh: `min(${y(bandsPay)}, 年度限额 ${y(p.cap)} − 本年已支付 ${y(c.ytdFundPaid[i]!)} = ${y(room)}) = ${y(pooled)}${capCut ? "（达到年度限额）" : ""}`,
      en: `min(${y(bandsPay)}, annual cap ${y(p.cap)} − paid this year ${y(c.ytdFundPaid[i]!)} = ${y(room)}) = ${y(pooled)}${capCut ? " (cap reached)" : ""}`,
    },
    amount: pooled,
    refs: refsOf(p.r, ID.cap),
    params: [ID.cap],
  });
}

function traceLarge(p: EmployeeInpatientParams, scale: Scale, e2: Fen, t: Fen, top: number, room: Fen, capCut: boolean, large: Fen, tr: TraceStep[]): void {
  const aboveTop = e2 > top ? e2 - top : 0;
  const within = e2 < top ? e2 : top;
  const inv = capCut ? scale.inverse(room * BP, t, top) : null;
  const capPoint = inv ? Rat.of(inv.lo).add(Rat.of(inv.num, inv.rate)) : null;
  const capText = capPoint ? `${(Number(capPoint.n) / Number(capPoint.d) / 100).toFixed(4).replace(/0+$/, "").replace(/\.$/, "")}` : "";
  tr.push({
    key: "largeAmount",
    title: { zh: "大额医疗保险", en: "Large-amount insurance (大额)" },
    detail: {
      zh: `${pct(p.large)} × (超过 ${y(top)} 的部分 ${y(aboveTop)}${capPoint ? ` + 年度限额截断后未支付部分 ${y(within)} − ${capText}` : ""}) = ${y(large)}`,
      en: `${pct(p.large)} × (part above ${y(top)} ${y(aboveTop)}${capPoint ? ` + expense left unpaid by the cap ${y(within)} − ${capText}` : ""}) = ${y(large)}`,
    },
    amount: large,
    refs: refsOf(p.r, ID.large),
    params: [ID.large],
  });
}

interface SubsidyInputs {
  e2: Fen;
  t: Fen;
  top: number;
  within: Fen;
  aboveTop: Fen;
  /** What the bands pay, rounded to the fen (the pooled payment when the cap does not cut it). */
  paid: Fen;
  capCut: boolean;
  room: Fen;
  inv: { lo: number; num: number; rate: number } | null;
  large: Fen;
  classBShare: Fen;
}

/** Resolve a claim's civil-servant rank to the document's classes (deputy through the reading switch). */
export function civilServantClass(p: EmployeeInpatientParams, rankIdx: number): number {
  const code = CIVIL_SERVANT_RANKS[rankIdx]!;
  if (code === "deputy") {
    if (p.cs.deputyAs < 0) raise(p.r.problems, ID.csReading);
    return p.cs.deputyAs;
  }
  return CS_KEYS.indexOf(code as (typeof CS_KEYS)[number]);
}

function rateOf(p: EmployeeInpatientParams, arr: Float64Array, id: string, cls: number): number {
  const v = arr[cls]!;
  if (Number.isNaN(v)) raise(p.r.problems, `${id}:${CS_KEYS[cls]}`);
  return v;
}

function civilServantSubsidy(p: EmployeeInpatientParams, rankIdx: number, s: SubsidyInputs, tr: Trace): Fen {
  const cls = civilServantClass(p, rankIdx);
  const r1 = rateOf(p, p.cs.threshold, ID.csThreshold, cls);
  const r2 = rateOf(p, p.cs.coins, ID.csCoins, cls);
  const r3 = rateOf(p, p.cs.above, ID.csAbove, cls);
  if (Number.isNaN(p.cs.classB)) raise(p.r.problems, ID.csClassB);
  // 1. the threshold the person bore
  const tBorne = Math.min(s.e2, s.t);
  const s1 = Rat.of(tBorne).mul(Rat.of(r1, BP));
  // 2. co-insurance between the threshold and the point where the pooled fund stopped paying
  let coins: Rat;
  if (s.capCut && s.inv) {
    const end = Rat.of(s.inv.lo).add(Rat.of(s.inv.num, s.inv.rate));
    coins = end.sub(Rat.of(s.t)).sub(Rat.of(s.room));
  } else {
    // the co-insurance the person bore: the expense between the threshold and the top, less what the
    // fund paid (rounded, as paid), so the subsidy can never pay the half fen the fund's rounding took
    const end = Math.max(Math.min(s.e2, s.top) - s.t, 0);
    coins = Rat.of(end - s.paid);
  }
  const s2 = coins.mul(Rat.of(r2, BP));
  // 3. what stayed personal above the pooled cap after 大额
  const aboveCap = Rat.of(s.aboveTop).add(s.capCut && s.inv ? Rat.of(s.within).sub(Rat.of(s.inv.lo).add(Rat.of(s.inv.num, s.inv.rate))) : Rat.of(0));
  let s3 = aboveCap.sub(Rat.of(s.large)).max(Rat.of(0)).mul(Rat.of(r3, BP));
  if (s3.isPositive()) {
    if (Number.isNaN(p.cs.ceiling)) raise(p.r.problems, ID.csCeiling);
    s3 = s3.min(Rat.of(p.cs.ceiling));
  }
  // 5. the class-B self share
  const s5 = Rat.of(s.classBShare).mul(Rat.of(p.cs.classB, BP));
  const total = s1.add(s2).add(s3).add(s5);
  const sub = total.roundHalfUp();
  if (tr) {
    const f = (x: Rat) => y(x.roundHalfUp());
    tr.push({
      key: "subsidy",
      title: { zh: "公务员医疗补助", en: "Civil-servant subsidy" },
      detail: {
        zh: `起付标准 ${y(tBorne)} × ${pct(r1)}（${f(s1)}）+ 政策性自付 ${f(coins)} × ${pct(r2)}（${f(s2)}）+ 限额以上个人负担 × ${pct(r3)}（${f(s3)}）+ 乙类自付 ${y(s.classBShare)} × ${pct(p.cs.classB)}（${f(s5)}）= ${y(sub)}`,
        en: `threshold ${y(tBorne)} × ${pct(r1)} (${f(s1)}) + co-insurance ${f(coins)} × ${pct(r2)} (${f(s2)}) + personal share above the cap × ${pct(r3)} (${f(s3)}) + class-B self share ${y(s.classBShare)} × ${pct(p.cs.classB)} (${f(s5)}) = ${y(sub)}`,
      },
      amount: sub,
      refs: refsOf(p.r, ID.csThreshold, ID.csCoins, ID.csAbove, ID.csClassB, ...(CIVIL_SERVANT_RANKS[rankIdx] === "deputy" ? [ID.csReading] : [])),
      params: [ID.csThreshold, ID.csCoins, ID.csAbove, ID.csClassB, ...(s3.isPositive() ? [ID.csCeiling] : []), ...(CIVIL_SERVANT_RANKS[rankIdx] === "deputy" ? [ID.csReading] : [])],
    });
  }
  return sub;
}

