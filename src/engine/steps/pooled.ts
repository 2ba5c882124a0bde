/**
 * What the pooled fund pays before and at its annual cap: by bands (分段, L 三、(四) 3.; band edges are
 * expense amounts, POLICY §5), by one ratio (a level's ratio with its raises, L 第三部分 三、), then
 * the annual cap (年度限额, L 三、(四) 2.; SY 四、). The band or ratio step writes the payment before
 * the cap into the work column `pay`; the cap step writes pooled.
 */
import { HOSPITAL_LEVELS, POVERTY_STATUSES } from "../../claim/enums";
import { BP, closeLayer, formatYuan, mulDivFloor, roundHalfUpDiv } from "../../money";
import { badInput } from "../../problem";
import { Scale } from "../../params/scale";
import { msg } from "../../messages";
import { bp, fen, list, part, step, type Trace, type TraceStep } from "../../trace";
import type { Fen } from "../../money";
import type { ClaimColumns, ResultColumns } from "../columns";
import { kept, raise, type Reader } from "../kernel";
import { ROUTES, type KernelId } from "../routes";
import type { KernelOutcome } from "../kernel";
import { refsOf } from "../kernels/shared";
import { fail, refuseClaim, type Step, type Work } from "./compose";

// ---------------------------------------------------------------------------------------------
// Bands

export interface BandsSpec {
  /** Keyed by person type: in_service, retired. */
  bands: string;
  /** The kernel whose route rows may lower every band (a filer's ratio cut, 未备案 −10 points). */
  kernel: KernelId;
}

export interface BandsParams {
  r: Reader;
  /** By route row: the scales by person type (lowered where the route says so), null when a parameter is missing. */
  byRoute: ((Scale | null)[] | null)[];
  /** Where each person type's bands stop paying (the last zero-rate band, 60 000): 大额 starts there. */
  top: number[];
}

function bandsTop(s: Scale): number {
  const last = s.brackets[s.brackets.length - 1]!;
  return last.rate === 0 ? last.above : Infinity;
}

function cutScale(s: Scale | null, cut: number): Scale | null {
  if (!s) return null;
  return new Scale(s.brackets.map((b, i) => ({ above: b.above, rate: i === s.brackets.length - 1 && b.rate === 0 ? 0 : Math.min(BP, Math.max(0, b.rate + cut)) })));
}

/** The bands of a spec, compiled (the 大额 and subsidy steps read the same scales). */
export function compileBands(r: Reader, spec: BandsSpec): BandsParams {
  const bands = [r.scale(spec.bands, "in_service"), r.scale(spec.bands, "retired")];
  const rows = ROUTES.rows.map((row) => (row.then.kind === "kernel" && row.then.kernel === spec.kernel ? row.then : null));
  const cuts = new Map<string, (Scale | null)[] | null>();
  for (const o of rows)
    if (o?.ratioCut && !cuts.has(o.ratioCut)) {
      const cut = r.num(o.ratioCut);
      cuts.set(o.ratioCut, Number.isNaN(cut) ? null : bands.map((b) => cutScale(b, cut)));
    }
  return { r, byRoute: rows.map((o) => (o?.ratioCut ? cuts.get(o.ratioCut)! : bands)), top: bands.map((b) => (b ? bandsTop(b) : Infinity)) };
}

/** The scale claim i is paid by (compiled: never null after the bands step let the claim through). */
export const scaleOf = (p: BandsParams, c: ClaimColumns, out: { route: Int16Array }, i: number): Scale => p.byRoute[out.route[i]!]![c.personType[i]!]!;

/** B = Σ_bands rate × |(max(lo, T), min(hi, E')]|, rounded once to the fen. */
export function bands(spec: BandsSpec): Step<BandsParams> {
  return {
    name: "bands",
    spec,
    claim: bandsClaim,
    compile: (r) => compileBands(r, spec),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) bandsClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function bandsClaim(c: ClaimColumns, i: number, s: BandsParams, spec: BandsSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const rt = out.route[i]!;
  const person = c.personType[i]!; // 0 in_service, 1 retired (validated against the scheme)
  const scales = s.byRoute[rt];
  const scale = scales ? scales[person] : null;
  if (!scale) {
    const cut = (ROUTES.rows[rt]!.then as KernelOutcome).ratioCut;
    refuseClaim(w, out, i, kept(s.r.problems, cut && s.r.problems.has(cut) ? cut : `${spec.bands}:${person === 0 ? "in_service" : "retired"}`));
    return;
  }
  const e2 = out.policyScope[i]! - out.firstPay[i]!;
  const t = out.threshold[i]!;
  const pay = closeLayer(scale.raw(e2, t));
  w.pay[i] = pay;
  if (tr) traceBands(spec, s, rt, person, scale, e2, t, pay, tr);
}

function traceBands(spec: BandsSpec, s: BandsParams, rt: number, person: number, scale: Scale, e2: Fen, t: Fen, pay: Fen, tr: TraceStep[]): void {
  const route = ROUTES.rows[rt]!.then as KernelOutcome;
  const parts = scale.breakdown(Math.min(e2, s.top[person]!), t).filter((b) => b.rate > 0);
  const calc = parts.length
    ? part("steps.bands.sum", { parts: list(parts.map((b) => part("steps.bands.part", { from: fen(b.from), to: fen(b.to), inBand: fen(b.inBand), rate: bp(b.rate) })), "common.sentenceSeparator"), pay: fen(pay) })
    : part("steps.bands.belowThreshold", { expense: fen(e2), threshold: fen(t) });
  tr.push(
    step({
      key: "bands",
      heading: "steps.bands.title",
      kind: "steps.bands.detail",
      values: { calc, cut: route.ratioCut ? part("steps.bands.cut", { cut: bp(-s.r.num(route.ratioCut)) }) : null },
      amount: pay,
      refs: refsOf(s.r, spec.bands, ...(route.ratioCut ? [route.ratioCut] : [])),
      params: [spec.bands, ...(route.ratioCut ? [route.ratioCut] : [])],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// One ratio by level, with the registered poor's and the TCM share's raises (Lanzhou residents)

export interface LevelRatioSpec {
  /** Keyed by hospital level. */
  ratio: string;
  /** +5 points for the registered poor, and the switch that says whether it holds (POLICY §12). */
  poorRaise: string;
  poorReading: string;
  /** +10 points on the TCM share. */
  tcmRaise: string;
}

export interface LevelRatioParams {
  r: Reader;
  ratio: Float64Array;
  poorRaise: number;
  /** "raise_2020" | "cancelled_2019" ("" when not given on the day). */
  poorReading: string;
  tcmRaise: number;
}

export const REGISTERED_POOR = POVERTY_STATUSES.indexOf("registered_poor");

/** The two texts the registered poor's ratio depends on (POLICY §12). */
export const POVERTY_CONFLICT_REFS = [
  { doc: "L", section: "第三部分 三、(二)", excerpt: "建档立卡贫困人口在各级定点医疗机构住院，政策范围内费用报销比例比普通人群提高5个百分点。" },
  { doc: "L", section: "第四部分 11.(1)", excerpt: "建档立卡贫困人口住院发生的政策范围内医疗费用，基本医保报销比例比普通居民高5个百分点。" },
  { doc: "L", section: "第三部分 二、(三)", excerpt: "2019年7月1日起，取消了各类人员提高比例和免起付线的优惠政策。" },
] as const;

/** The TCM expense is part of the policy-scope expense (POLICY §6): a larger one is refused. */
export function tcmWithinScope(): Step<null> {
  return {
    name: "tcmWithinScope",
    claim: tcmWithinScopeClaim,
    compile: () => null,
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) tcmWithinScopeClaim(c, i, s, undefined, w, out, tr);
      }
    },
  };
}

export function tcmWithinScopeClaim(c: ClaimColumns, i: number, _s: null, _spec: undefined, w: Work, out: ResultColumns, _tr: Trace): void {
  const tcm = c.tcm[i]!;
  const e = out.policyScope[i]!;
  if (tcm > e)
    try {
      badInput("tcm_exceeds_scope", "tcm", String(tcm / 100), msg("engine.resident.tcmExceedsScope", { tcm: formatYuan(tcm), scope: formatYuan(e) }));
    } catch (err) {
      fail(w, out, i, err);
    }
}

/**
 * pay = ratio × (E − T) + (tcmRatio − ratio) × (E − T) × tcm / E, rounded once (the floor of the
 * pro-rata term stands for it exactly, fraction lemma in money.ts); ratios never above 100%.
 */
export function levelRatio(spec: LevelRatioSpec): Step<LevelRatioParams> {
  return {
    name: "ratio",
    spec,
    claim: levelRatioClaim,
    compile: (r) => ({ r, ratio: r.keyed(spec.ratio, HOSPITAL_LEVELS), poorRaise: r.num(spec.poorRaise), poorReading: r.choice(spec.poorReading), tcmRaise: r.num(spec.tcmRaise) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) levelRatioClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function levelRatioClaim(c: ClaimColumns, i: number, s: LevelRatioParams, spec: LevelRatioSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const r = s.r;
  try {
    const lv = c.hospitalLevel[i]!;
    const baseRatio = s.ratio[lv]!;
    if (baseRatio !== baseRatio) raise(r.problems, `${spec.ratio}:${HOSPITAL_LEVELS[lv]}`);
    const registered = c.povertyStatus[i] === REGISTERED_POOR;
    if (registered && s.poorReading === "") raise(r.problems, spec.poorReading);
    const poor = registered && s.poorReading === "raise_2020";
    if (poor && s.poorRaise !== s.poorRaise) raise(r.problems, spec.poorRaise);
    if (tr && registered)
      tr.push(
        step({
          key: "povertyReading",
          heading: "engine.poverty.title",
          kind: poor ? "engine.poverty.raised" : "engine.poverty.cancelled",
          values: { points: bp(s.poorRaise === s.poorRaise ? s.poorRaise : 500) },
          refs: [...POVERTY_CONFLICT_REFS, ...refsOf(r, spec.poorReading)],
          params: [spec.poorReading, ...(poor ? [spec.poorRaise] : [])],
        }),
      );
    const tcm = c.tcm[i]!;
    if (tcm > 0 && s.tcmRaise !== s.tcmRaise) raise(r.problems, spec.tcmRaise);
    const ratio = poor ? Math.min(baseRatio + s.poorRaise, BP) : baseRatio;
    const tcmRatio = tcm > 0 ? Math.min(ratio + s.tcmRaise, BP) : ratio;
    const e = out.policyScope[i]!;
    const t = out.threshold[i]!;
    const over = e > t ? e - t : 0;
    let raw = ratio * over;
    if (over > 0 && tcm > 0 && tcmRatio > ratio) raw += mulDivFloor((tcmRatio - ratio) * over, tcm, e);
    const pay = roundHalfUpDiv(raw, BP);
    w.pay[i] = pay;
    w.ratio[i] = ratio;
    if (tr)
      tr.push(
        step({
          key: "ratio",
          heading: "steps.ratio.title",
          kind: "steps.ratio.detail",
          values: {
            scope: fen(e),
            threshold: fen(t),
            ratio: bp(ratio),
            poor: poor ? part("steps.ratio.poor", { points: bp(s.poorRaise) }) : null,
            tcm: tcm > 0 && over > 0 ? part("steps.ratio.tcm", { over: fen(over), tcm: fen(tcm), scope: fen(e), tcmRatio: bp(tcmRatio) }) : null,
            pay: fen(pay),
          },
          amount: pay,
          refs: refsOf(r, spec.ratio, ...(poor ? [spec.poorRaise] : []), ...(tcm > 0 ? [spec.tcmRaise] : [])),
          params: [spec.ratio, ...(poor ? [spec.poorRaise] : []), ...(tcm > 0 ? [spec.tcmRaise] : [])],
        }),
      );
  } catch (e) {
    fail(w, out, i, e);
  }
}

// ---------------------------------------------------------------------------------------------
// The annual cap

export interface AnnualCapSpec {
  /** The cap, or one per scheme (the claim's scheme picks it). */
  cap: string | { employee: string; resident: string };
  /**
   * How the trace words it: the Lanzhou employee text (with "cap reached"), the Lanzhou resident text
   * (封顶线), or one line with the ratio step before it (Shenyang), which then names the ratio's parameter.
   */
  words: "lanzhouEmployee" | "lanzhouResident" | "withRatio";
  ratioParam?: (c: ClaimColumns, i: number, w: Work) => string;
}

export interface AnnualCapParams {
  r: Reader;
  cap: number[];
  ids: string[];
}

/** pooled = min(pay, max(cap − paid this year, 0)). */
export function annualCap(spec: AnnualCapSpec): Step<AnnualCapParams> {
  const ids = typeof spec.cap === "string" ? [spec.cap, spec.cap] : [spec.cap.employee, spec.cap.resident];
  return {
    name: "annualCap",
    spec,
    claim: annualCapClaim,
    compile: (r) => ({ r, ids, cap: typeof spec.cap === "string" ? [r.num(ids[0]!), r.num(ids[0]!)] : ids.map((id) => r.num(id)) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) annualCapClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function annualCapClaim(c: ClaimColumns, i: number, s: AnnualCapParams, spec: AnnualCapSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const sc = c.scheme[i]!; // 0 employee, 1 resident (enums.ts SCHEMES)
  const cap = s.cap[sc]!;
  if (cap !== cap) {
    refuseClaim(w, out, i, kept(s.r.problems, s.ids[sc]!));
    return;
  }
  const pay = w.pay[i]!;
  const paid = c.ytdFundPaid[i]!;
  const room = cap - paid > 0 ? cap - paid : 0;
  const pooled = pay > room ? room : pay;
  out.pooled[i] = pooled;
  if (tr) traceCap(c, i, s, spec, w, out, sc, cap, pay, room, pooled, tr);
}

function traceCap(c: ClaimColumns, i: number, s: AnnualCapParams, spec: AnnualCapSpec, w: Work, out: ResultColumns, sc: number, cap: Fen, pay: Fen, room: Fen, pooled: Fen, tr: TraceStep[]): void {
  const { ytdFundPaid } = c;
  const id = s.ids[sc]!;
  if (spec.words === "withRatio") {
    const ratioId = spec.ratioParam!(c, i, w);
    tr.push(
      step({
        key: "pooled",
        heading: "steps.pooled.title",
        kind: "steps.pooled.shenyang",
        values: { scope: fen(out.policyScope[i]!), threshold: fen(out.threshold[i]!), ratio: bp(w.ratio[i]!), byRatio: fen(pay), cap: fen(cap), paid: fen(ytdFundPaid[i]!), pooled: fen(pooled) },
        amount: pooled,
        refs: refsOf(s.r, ratioId, id),
        params: [ratioId, id],
      }),
    );
  } else
    tr.push(
      step({
        key: "cap",
        ...(spec.words === "lanzhouEmployee"
          ? { heading: "steps.cap.title", kind: "steps.cap.detail", values: { pay: fen(pay), cap: fen(cap), paid: fen(ytdFundPaid[i]!), room: fen(room), pooled: fen(pooled), reached: pay > room ? part("steps.cap.reached") : null } }
          : { heading: "steps.cap.residentTitle", kind: "steps.cap.resident", values: { pay: fen(pay), cap: fen(cap), paid: fen(ytdFundPaid[i]!), room: fen(room), pooled: fen(pooled) } }),
        amount: pooled,
        refs: refsOf(s.r, id),
        params: [id],
      }),
    );
}
