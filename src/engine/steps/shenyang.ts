/**
 * The steps of a Liaoning city's inpatient rule (SY 沈医保发〔2021〕22号; LN 辽医保发〔2022〕19号; POLICY
 * §8, §9) that depend on the claim's category (local, referral, temporary, emergency elsewhere),
 * each over the parameters under the city's prefix (`shenyang.` for Shenyang):
 *
 * - the threshold: the level's base (特三级 for emergencies elsewhere), never reduced away from home
 *   (四、 起付标准不变 … 不享受减免); 困难群体 referred in the province are local, the threshold counted
 *   on from the referring stay (LN 第二十三条);
 * - the ratio: the category's (referral / temporary, by person type for residents) or the level's;
 * - the part above the pooled cap (a ratio the user supplies) and 补充险 on the personal burden, for
 *   employees; 大病保险 on the year's personal burden, for residents.
 *
 * The category is kept in the work column `variant` for the steps after the threshold.
 */
import { HOSPITAL_LEVELS, PERSON_TYPES, RESIDENT_PERSON_TYPES, SCHEMES } from "../../claim/enums";
import { BP, closeLayer, mulDivFloorRem, ratioOf, roundHalfUpDiv } from "../../money";
import { badInput, noRule, type Problem } from "../../problem";
import type { Scale } from "../../params/scale";
import { msg } from "../../messages";
import { bp, code, count, fen, list, part, step, words, type Trace, type TraceStep } from "../../trace";
import type { Text } from "../../text";
import type { ClaimColumns, ResultColumns } from "../columns";
import { dependentNotComputable, known, layerNotComputable, problemOf, raise, type KernelOutcome, type Reader } from "../kernel";
import { ROUTES } from "../routes";
import { brackets, levelOf, refsOf } from "../kernels/shared";
import { fail, refuseClaim, type Step, type Work } from "./compose";

/** `emergency`: a Liaoning city's emergency elsewhere, at the city's own ratio (LN 第二十三条); Shenyang's is `emergencyElsewhere` (特三级 terms). */
export const CATEGORIES = ["local", "referral", "temporary", "emergencyElsewhere", "emergency"] as const;
export type Category = (typeof CATEGORIES)[number];
// The names below are exported for the fused loops (src/engine/fused/*.generated.ts) that splice the
// steps' bodies; nothing else needs them.
export const LOCAL = 0;
export const REFERRAL = 1;
export const TEMPORARY = 2;
export const EMERGENCY_ELSEWHERE = 3;
export const EMERGENCY = 4;
/** The keys of a city's threshold multiple (`<prefix>.crossRegion.thresholdMultiple`, LN 第二十三条). */
export const TEMPORARY_CATEGORIES = ["referral", "emergency", "temporary", "merged"] as const;
export const LEVEL_3S = HOSPITAL_LEVELS.indexOf("3S");
export const EMPLOYEE = SCHEMES.indexOf("employee");
export const schemeOf = (c: ClaimColumns, i: number) => (c.scheme[i] === EMPLOYEE ? "employee" : "resident");
/** A claim's category by its route row (the row's variant; "local" where it names none): read once, not looked up per claim. */
export const CATEGORY_OF_ROUTE = Int8Array.from(ROUTES.rows, (row) => CATEGORIES.indexOf(((row.then as KernelOutcome).variant ?? "local") as Category));
/** A person type's index among the resident ones (−1 for an employee's), for the ratios keyed by it. */
export const RESIDENT_INDEX = Int8Array.from(PERSON_TYPES, (t) => RESIDENT_PERSON_TYPES.indexOf(t as (typeof RESIDENT_PERSON_TYPES)[number]));

/** LN 第二十三条 for 困难群体 (POLICY §9). */
export const POOR_REFERRAL_REF = { doc: "LN", section: "第二十三条", excerpt: "符合规定的困难群体在省域内按规定转诊，住院起付标准连续计算，执行参保地本地就医待遇标准。" } as const;

/** A switch's reading, or the problem that it is not given on the claim's day. */
export function reading(r: Reader, value: string, id: string): string {
  if (value === "") raise(r.problems, id);
  return value;
}

// ---------------------------------------------------------------------------------------------

interface ThresholdParams {
  r: Reader;
  threshold: [Float64Array, Float64Array];
  /** `<prefix>.referral.poorInProvince`: "referral_terms" | "local_terms" (from 2023-01-01). */
  poorReferral: string;
  /** The threshold multiple by temporary category (null: the option is off, the base threshold applies). */
  multiple: Float64Array | null;
  /** `<prefix>.crossRegion.noThresholdReduction` ("" when not given), or null when the option is off. */
  noReduction: string | null;
}

/** What a Liaoning city's threshold step reads beyond Shenyang's (the liaoning-city set, docs/liaoning-city.md). */
export interface ThresholdOptions {
  /** The city's name in the trace and in the repeat-admission refusal (absent: Shenyang's words). */
  place?: Text;
  /** Away from home, the threshold is the same-level local one × the category's multiple (LN 第二十三条), rounded to the fen. */
  thresholdMultiple?: boolean;
  /** A repeat admission away from home needs the set's word on threshold reduction (refused, naming it, when not given). */
  noThresholdReduction?: boolean;
}

/** What the threshold step reads (data of the composition, issue 16): the ids under the city's prefix and the city's options. */
export interface CategoryThresholdSpec {
  prefix: string;
  poorReferral: string;
  multiple: string;
  noReduction: string;
  /** The city's name in the trace and in the repeat-admission refusal (null: Shenyang's words). */
  place: Text | null;
  thresholdMultiple: boolean;
  noThresholdReduction: boolean;
}

export function categoryThreshold(prefix: string, opts: ThresholdOptions = {}): Step<ThresholdParams> {
  const S = prefix;
  const spec: CategoryThresholdSpec = {
    prefix,
    poorReferral: `${S}.referral.poorInProvince`,
    multiple: `${S}.crossRegion.thresholdMultiple`,
    noReduction: `${S}.crossRegion.noThresholdReduction`,
    place: opts.place ?? null,
    thresholdMultiple: !!opts.thresholdMultiple,
    noThresholdReduction: !!opts.noThresholdReduction,
  };
  return {
    name: "threshold",
    spec,
    claim: categoryThresholdClaim,
    compile: (r) => ({
      r,
      threshold: [r.keyed(`${S}.employee.threshold`, HOSPITAL_LEVELS), r.keyed(`${S}.resident.threshold`, HOSPITAL_LEVELS)],
      poorReferral: r.choice(spec.poorReferral),
      multiple: spec.thresholdMultiple ? r.keyed(spec.multiple, TEMPORARY_CATEGORIES) : null,
      noReduction: spec.noThresholdReduction ? r.choice(spec.noReduction) : null,
    }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) categoryThresholdClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function categoryThresholdClaim(c: ClaimColumns, i: number, p: ThresholdParams, spec: CategoryThresholdSpec, w: Work, out: ResultColumns, tr: Trace): void {
  const r = p.r;
  try {
    let category = CATEGORY_OF_ROUTE[out.route[i]!]!;
    const s = schemeOf(c, i);
    // 困难群体 referred inside the province: local terms, the threshold counted on from the
    // referring stay (LN 第二十三条; POLICY §9), once LN 2022 is in force (the switch is dated).
    let paidBefore = NaN;
    if (category === REFERRAL && c.povertyStatus[i] !== 0 && reading(r, p.poorReferral, spec.poorReferral) === "local_terms") {
      const prov = c.crossProvince[i]!;
      if (prov === 2) badInput("field_missing", "crossProvince", undefined, msg("engine.shenyang.poorReferralProvince"));
      if (prov === 0) {
        paidBefore = c.referralThresholdPaid[i]!;
        if (paidBefore !== paidBefore) badInput("field_missing", "referralThresholdPaid", undefined, msg("engine.shenyang.poorReferralThreshold"));
        category = LOCAL;
      }
    }
    w.variant[i] = category;
    const poorLocal = paidBefore === paidBefore;
    const lv = category === EMERGENCY_ELSEWHERE ? LEVEL_3S : levelOf(c, i);
    const base = p.threshold[s === "employee" ? 0 : 1][lv]!;
    if (base !== base) raise(r.problems, `${spec.prefix}.${s}.threshold:${HOSPITAL_LEVELS[lv]}`);
    const k = c.admissionIndex[i]!;
    if (category === LOCAL && k > 1 && !poorLocal) {
      if (spec.place) noRule("city_repeat_admission", msg("city.repeatAdmission", { city: spec.place, k: String(k) }));
      else noRule("shenyang_repeat_admission", msg("engine.shenyang.repeatAdmission", { k }));
    }
    if (category !== LOCAL && k > 1 && p.noReduction === "") raise(r.problems, spec.noReduction);
    // A city's temporary-care threshold: the same-level local one times the category's multiple (LN 第二十三条), rounded to the fen (POLICY §1).
    const away = category !== LOCAL && category !== EMERGENCY_ELSEWHERE;
    const mult = away && p.multiple ? p.multiple[TEMPORARY_CATEGORIES.indexOf(CATEGORIES[category] as (typeof TEMPORARY_CATEGORIES)[number])]! : NaN;
    if (away && p.multiple && mult !== mult) raise(r.problems, `${spec.multiple}:${CATEGORIES[category]}`);
    const t = poorLocal ? Math.max(base - paidBefore, 0) : mult === mult ? roundHalfUpDiv(base * mult, BP) : base;
    out.threshold[i] = t;
    if (tr) traceThreshold(c, i, p, spec, category, poorLocal, lv, base, paidBefore, mult, k, t, tr);
  } catch (e) {
    fail(w, out, i, e);
  }
}

function traceThreshold(c: ClaimColumns, i: number, p: ThresholdParams, spec: CategoryThresholdSpec, category: number, poorLocal: boolean, lv: number, base: number, paidBefore: number, mult: number, k: number, t: number, tr: TraceStep[]): void {
  const r = p.r;
  const s = schemeOf(c, i);
  const S = spec.prefix;
  if (poorLocal)
    tr.push(
      step({
        key: "poorReferral",
        heading: "engine.shenyang.poorReferralTitle",
        kind: "engine.shenyang.poorReferral",
        values: { level: code(HOSPITAL_LEVELS[lv]!), base: fen(base), paid: fen(paidBefore), t: fen(t) },
        amount: t,
        refs: [POOR_REFERRAL_REF, ...refsOf(r, spec.poorReferral, `${S}.${s}.threshold`)],
        params: [spec.poorReferral, `${S}.${s}.threshold`],
      }),
    );
  else {
    // the parameters cited: the level's threshold, the multiple where one applied, the word on reduction away from home (where given)
    const cited = [`${S}.${s}.threshold`, ...(mult === mult ? [spec.multiple] : []), ...(category === LOCAL || p.noReduction === "" ? [] : [spec.noReduction])];
    tr.push(
      step({
        key: "threshold",
        heading: "steps.threshold.title",
        ...(category === LOCAL
          ? spec.place
            ? { kind: "city.thresholdLocal", values: { city: words(spec.place), level: code(HOSPITAL_LEVELS[lv]!), threshold: fen(t) } }
            : { kind: "steps.threshold.shenyangLocal", values: { level: code(HOSPITAL_LEVELS[lv]!), threshold: fen(t) } }
          : mult === mult
            ? { kind: "city.thresholdMultiple", values: { level: code(HOSPITAL_LEVELS[lv]!), base: fen(base), multiple: code(String(mult / BP)), t: fen(t), k: count(k) } }
            : { kind: "steps.threshold.notReduced", values: { which: part(category === EMERGENCY_ELSEWHERE ? "steps.threshold.level3S" : "steps.threshold.ownLevel"), threshold: fen(t), k: count(k) } }),
        amount: t,
        refs: refsOf(r, ...cited),
        params: cited,
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------

interface RatioParams {
  r: Reader;
  level: [Float64Array, Float64Array];
  referral: { employee: number; resident: Float64Array };
  temporary: { employee: number; resident: Float64Array };
  /** A city's emergency-elsewhere ratios (null: the option is off; Shenyang settles them at 特三级 terms). */
  emergency: { employee: number; resident: Float64Array } | null;
}

/** The ratio's parameter for claim i (the category's, or the level's), as the trace names it. */
export function categoryRatioParam(prefix: string): (c: ClaimColumns, i: number, w: Work) => string {
  return (c, i, w) => {
    const cat = w.variant[i]!;
    return cat === REFERRAL || cat === TEMPORARY || cat === EMERGENCY ? `${prefix}.${schemeOf(c, i)}.${CATEGORIES[cat]}.ratio` : `${prefix}.${schemeOf(c, i)}.ratio`;
  };
}

/** What the ratio step reads: the prefix of its parameters' ids, and whether the city has emergency ratios (data of the composition, issue 16). */
export interface CategoryRatioSpec {
  prefix: string;
  emergency: boolean;
}

/** pay = ratio × (E − T)⁺, the ratio by category (referral, temporary) or by level, rounded to the fen. */
export function categoryRatio(prefix: string, opts: { emergency?: boolean } = {}): Step<RatioParams> {
  const S = prefix;
  const spec: CategoryRatioSpec = { prefix, emergency: !!opts.emergency };
  return {
    name: "ratio",
    spec,
    claim: categoryRatioClaim,
    compile: (r) => ({
      r,
      level: [r.keyed(`${S}.employee.ratio`, HOSPITAL_LEVELS), r.keyed(`${S}.resident.ratio`, HOSPITAL_LEVELS)],
      referral: { employee: r.num(`${S}.employee.referral.ratio`), resident: r.keyed(`${S}.resident.referral.ratio`, RESIDENT_PERSON_TYPES) },
      temporary: { employee: r.num(`${S}.employee.temporary.ratio`), resident: r.keyed(`${S}.resident.temporary.ratio`, RESIDENT_PERSON_TYPES) },
      emergency: spec.emergency ? { employee: r.num(`${S}.employee.emergency.ratio`), resident: r.keyed(`${S}.resident.emergency.ratio`, RESIDENT_PERSON_TYPES) } : null,
    }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) categoryRatioClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function categoryRatioClaim(c: ClaimColumns, i: number, p: RatioParams, spec: CategoryRatioSpec, w: Work, out: ResultColumns, _tr: Trace): void {
  try {
    const cat = w.variant[i]!;
    const emp = c.scheme[i] === EMPLOYEE;
    let ratio: number;
    if (cat === REFERRAL || cat === TEMPORARY || cat === EMERGENCY) {
      const set = cat === REFERRAL ? p.referral : cat === TEMPORARY ? p.temporary : p.emergency;
      if (!set) throw new Error(`${spec.prefix}: a claim in the emergency category, and the rule reads no emergency ratios`);
      const k = RESIDENT_INDEX[c.personType[i]!]!;
      ratio = emp ? set.employee : set.resident[k]!;
      // the id is built only for the problem it names (categoryRatioParam's words); a resident's is keyed by person type (kept under id:key)
      if (ratio !== ratio) raise(p.r.problems, `${spec.prefix}.${emp ? "employee" : "resident"}.${CATEGORIES[cat]}.ratio${emp ? "" : `:${RESIDENT_PERSON_TYPES[k]}`}`);
    } else {
      const lv = cat === EMERGENCY_ELSEWHERE ? LEVEL_3S : c.hospitalLevel[i]!;
      ratio = p.level[emp ? 0 : 1][lv]!;
      if (ratio !== ratio) raise(p.r.problems, `${spec.prefix}.${emp ? "employee" : "resident"}.ratio:${HOSPITAL_LEVELS[lv]}`);
    }
    const e = out.policyScope[i]!;
    const t = out.threshold[i]!;
    w.ratio[i] = ratio;
    w.pay[i] = ratioOf(e > t ? e - t : 0, ratio);
  } catch (e) {
    fail(w, out, i, e);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Above the pooled cap (employees; a user-supplied ratio L, not in the documents): L × (E − T − room / r)
 * exactly, the floor of L × room / r standing for the fraction (fraction lemma, money.ts). Without L
 * the layer is not computable (POLICY §12).
 */
export function largeAmountAboveCap(prefix: string): Step<LargeAboveCapParams> {
  const spec: LargeAboveCapSpec = { ratio: `${prefix}.employee.largeAmount.ratio` };
  return {
    name: "largeAmount",
    spec,
    claim: largeAmountAboveCapClaim,
    compile: (r) => ({ r, large: r.num(spec.ratio) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) largeAmountAboveCapClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

/** The ids the step reads, data of the composition (the body closes over nothing: issue 16's fused loop). */
export interface LargeAboveCapSpec {
  ratio: string;
}
export interface LargeAboveCapParams {
  r: Reader;
  large: number;
}

export function largeAmountAboveCapClaim(c: ClaimColumns, i: number, s: LargeAboveCapParams, spec: LargeAboveCapSpec, w: Work, out: ResultColumns, tr: Trace): void {
  if (c.scheme[i] !== EMPLOYEE) return;
  const room = out.pooled[i]!;
  if (!(w.pay[i]! > room)) return;
  try {
    if (s.large !== s.large) {
      layerNotComputable(out, i, "largeAmount", problemOf(s.r, spec.ratio), tr);
      return;
    }
    const e = out.policyScope[i]!;
    const t = out.threshold[i]!;
    const a = s.large * (e > t ? e - t : 0);
    const [q, rem] = mulDivFloorRem(s.large, room * BP, w.ratio[i]!);
    const large = roundHalfUpDiv(rem ? a - q - 1 : a - q, BP);
    out.largeAmount[i] = large;
    if (tr) tr.push(step({ key: "largeAmount", heading: "steps.largeAmount.shenyangTitle", kind: "steps.largeAmount.shenyang", values: { ratio: bp(s.large), large: fen(large) }, amount: large, refs: refsOf(s.r, spec.ratio), params: [spec.ratio] }));
  } catch (e) {
    fail(w, out, i, e);
  }
}

// ---------------------------------------------------------------------------------------------

interface SupplementaryParams {
  r: Reader;
  scales: Record<"local" | "referral" | "temporary", Scale | null>;
  withClassB: boolean;
  emergencyBands: string;
}

/** The ids the 补充险 step reads (data of the composition, issue 16). */
export interface SupplementarySpec {
  /** `<prefix>.employee.supplementary.` followed by the bands (`local`, `referral`, `temporary`). */
  bandsPrefix: string;
  base: string;
  emergencyBands: string;
}

/** 补充险 (SY 四、, employees): progressive on the admission's personal in-policy burden (POLICY §8 reading), after 大额. */
export function supplementary(prefix: string): Step<SupplementaryParams> {
  const S = prefix;
  const spec: SupplementarySpec = { bandsPrefix: `${S}.employee.supplementary.`, base: `${S}.employee.supplementary.base`, emergencyBands: `${S}.employee.supplementary.emergencyBands` };
  return {
    name: "supplementary",
    spec,
    claim: supplementaryClaim,
    compile: (r) => ({
      r,
      withClassB: r.choice(spec.base) === "with_class_b_share",
      scales: { referral: r.scale(`${S}.employee.supplementary.referral`), temporary: r.scale(`${S}.employee.supplementary.temporary`), local: r.scale(`${S}.employee.supplementary.local`) },
      emergencyBands: r.choice(spec.emergencyBands),
    }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) supplementaryClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function supplementaryClaim(c: ClaimColumns, i: number, p: SupplementaryParams, spec: SupplementarySpec, w: Work, out: ResultColumns, tr: Trace): void {
  if (c.scheme[i] !== EMPLOYEE) return;
  try {
    if (!known(out, i, "largeAmount")) {
      dependentNotComputable(out, i, "supplementary", "largeAmount", tr);
      return;
    }
    try {
      const category = CATEGORIES[w.variant[i]!]!;
      // Emergencies elsewhere: which bands is a reading (POLICY §8 is silent), a switch.
      const bands = category === "emergencyElsewhere" ? (reading(p.r, p.emergencyBands, spec.emergencyBands) as "local" | "referral" | "temporary") : (category as "local" | "referral" | "temporary");
      const scale = p.scales[bands];
      if (!scale) raise(p.r.problems, spec.bandsPrefix + bands);
      const burden = out.policyScope[i]! - out.pooled[i]! - out.largeAmount[i]! + (p.withClassB ? out.classBSelfShare[i]! : 0);
      const supp = closeLayer(scale.raw(burden));
      out.supplementary[i] = supp;
      if (tr) {
        const id = spec.bandsPrefix + bands;
        const cited = [id, spec.base, ...(category === "emergencyElsewhere" ? [spec.emergencyBands] : [])];
        tr.push(
          step({
            key: "supplementary",
            heading: "steps.supplementary.title",
            kind: "steps.supplementary.detail",
            values: { burden: fen(burden), base: part(p.withClassB ? "steps.supplementary.withClassB" : "steps.supplementary.withoutClassB"), bands: brackets(scale), supplementary: fen(supp) },
            amount: supp,
            refs: refsOf(p.r, ...cited),
            params: cited,
          }),
        );
      }
    } catch (err) {
      layerNotComputable(out, i, "supplementary", err, tr);
    }
  } catch (e) {
    fail(w, out, i, e);
  }
}

// ---------------------------------------------------------------------------------------------

/** 大病保险 for residents: the part of the year's personal in-policy burden above the deductible, by band. */
export function residentSeriousIllness(prefix: string): Step<ResidentSeriousParams> {
  const spec: ResidentSeriousSpec = { deductible: `${prefix}.resident.seriousIllness.deductible`, scale: `${prefix}.resident.seriousIllness.scale` };
  return {
    name: "seriousIllness",
    spec,
    claim: residentSeriousIllnessClaim,
    compile: (r) => ({ r, deductible: r.num(spec.deductible), scale: r.scale(spec.scale) }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) residentSeriousIllnessClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export interface ResidentSeriousSpec {
  deductible: string;
  scale: string;
}
export interface ResidentSeriousParams {
  r: Reader;
  deductible: number;
  scale: Scale | null;
}

export function residentSeriousIllnessClaim(c: ClaimColumns, i: number, s: ResidentSeriousParams, spec: ResidentSeriousSpec, w: Work, out: ResultColumns, tr: Trace): void {
  if (c.scheme[i] === EMPLOYEE) return;
  try {
    try {
      if (s.deductible !== s.deductible) raise(s.r.problems, spec.deductible);
      if (!s.scale) raise(s.r.problems, spec.scale);
      const p0 = c.ytdPersonalInPolicy[i]!;
      const p1 = p0 + out.policyScope[i]! - out.pooled[i]!;
      const d = s.deductible;
      const serious = closeLayer(s.scale.raw(Math.max(p1 - d, 0)) - s.scale.raw(Math.max(p0 - d, 0)));
      out.seriousIllness[i] = serious;
      if (tr) tr.push(step({ key: "seriousIllness", heading: "steps.seriousIllness.shenyangTitle", kind: "steps.seriousIllness.shenyang", values: { before: fen(p0), after: fen(p1), deductible: fen(d), serious: fen(serious) }, amount: serious, refs: refsOf(s.r, spec.scale), params: [spec.deductible, spec.scale] }));
    } catch (err) {
      layerNotComputable(out, i, "seriousIllness", err, tr);
    }
  } catch (e) {
    fail(w, out, i, e);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Every claim refused with one problem made at compile (a Liaoning city whose base table was not
 * supplied: never Shenyang's figures); null lets every claim through.
 */
export function refuseAll(refuse: (r: Reader) => Problem | null): Step<Problem | null> {
  return {
    name: "refuse",
    claim: refuseAllClaim,
    compile: refuse,
    run(c, idx, from, to, p, w, out, tr) {
      if (!p) return;
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) refuseAllClaim(c, i, p, undefined, w, out, tr);
      }
    },
  };
}

export function refuseAllClaim(_c: ClaimColumns, i: number, p: Problem | null, _spec: unknown, w: Work, out: ResultColumns, _tr: Trace): void {
  if (p !== null) {
    // the same problem object for every claim (kernel.ts refuse)
    refuseClaim(w, out, i, p);
    return;
  }
}

/** The user tables whose rows say their figures are examples (示例 / EXAMPLE), among the parameters the rule reads. */
function exampleTables(r: Reader): string[] {
  const out = new Set<string>();
  for (const id of r.used.keys()) {
    const o = r.reg.param(id).versions.filter((v) => v.from <= r.day).pop()?.override;
    if (o?.example) out.add(o.scenario);
  }
  return [...out];
}

/**
 * A first trace step saying the figures are examples, when a table the rule reads says so (the
 * composition touches its parameter set before the steps compile, so all of it is seen here).
 */
export function exampleFigures(): Step<string[]> {
  return {
    name: "example",
    claim: exampleFiguresClaim,
    compile: exampleTables,
    run(c, idx, from, to, tables, w, out, tr) {
      if (!tr || !tables.length) return;
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) exampleFiguresClaim(c, i, tables, undefined, w, out, tr);
      }
    },
  };
}

/** Only a trace step: the batch path without a trace has nothing to do here. */
export function exampleFiguresClaim(_c: ClaimColumns, _i: number, tables: string[], _spec: unknown, _w: Work, _out: ResultColumns, tr: Trace): void {
  if (tr && tables.length) tr.push(step({ key: "example", heading: "city.exampleTitle", kind: "city.exampleDetail", values: { tables: list(tables.map(code), "city.tableSeparator") }, refs: [], params: [] }));
}

export type { Problem };
