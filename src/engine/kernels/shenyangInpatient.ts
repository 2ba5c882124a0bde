/**
 * Shenyang insured (SY 沈医保发〔2021〕22号, from 2021-07-01; POLICY §8), inpatient care:
 *
 * - referral / temporary: the base threshold of the hospital's level, never reduced (四、: 起付标准
 *   不变 … 不享受减免), at SY's ratio for the person (employee 75 / 60, student and minor 75 / 60,
 *   adult and elderly 60 / 50); employees also get 补充险 by SY's bands on their personal burden.
 * - emergency elsewhere (三、(二)): 特三级's threshold and ratio, no reduction; emergency in the
 *   filed place (long-term residents, interns, students at home): their normal terms.
 * - long-term residents, university students in resident insurance (LN 第二十二、二十三条): local
 *   terms.
 *
 * Shenyang's own base thresholds, ratios, caps and the layers above the pooled fund are not in the
 * documents: they come from a user-supplied parameter table; until supplied, the claim's error
 * names the parameter it needs.
 */
import { HOSPITAL_LEVELS, RESIDENT_PERSON_TYPES, SCHEMES } from "../../claim/enums";
import { BP, closeLayer, mulDivFloorRem, ratioOf, roundHalfUpDiv, type Fen } from "../../money";
import { PolicyError, badInput, noRule, type Problem } from "../../problem";
import type { Scale } from "../../params/scale";
import { bp, code, count, fen, part, step, type Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { dependentNotComputable, eachClaim, known, layerNotComputable, problemOf, raise, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { msg } from "../../messages";
import { brackets, levelOf, policyScope, refsOf } from "./shared";

export type ShenyangCategory = "local" | "referral" | "temporary" | "emergencyElsewhere";
const S = "shenyang";
const LEVEL_3S = HOSPITAL_LEVELS.indexOf("3S");
const EMPLOYEE = SCHEMES.indexOf("employee");
const POOR_REFERRAL = `${S}.referral.poorInProvince`;
const EMERGENCY_BANDS = `${S}.employee.supplementary.emergencyBands`;
/** LN 第二十三条 for 困难群体 (POLICY §9). */
export const POOR_REFERRAL_REF = { doc: "LN", section: "第二十三条", excerpt: "符合规定的困难群体在省域内按规定转诊，住院起付标准连续计算，执行参保地本地就医待遇标准。" } as const;

/** A switch's reading, or the problem that it is not given on the claim's day. */
function reading(r: Reader, value: string, id: string): string {
  if (value === "") raise(r.problems, id);
  return value;
}

interface SchemeParams {
  threshold: Float64Array;
  ratio: Float64Array;
  cap: number;
}

export interface ShenyangParams {
  r: Reader;
  classB: number;
  employee: SchemeParams;
  resident: SchemeParams;
  referral: { employee: number; resident: Float64Array };
  temporary: { employee: number; resident: Float64Array };
  supp: { referral: Scale | null; temporary: Scale | null; local: Scale | null; withClassB: boolean; emergencyBands: string };
  /** shenyang.referral.poorInProvince: "referral_terms" | "local_terms" (LN 第二十三条 from 2023-01-01). */
  poorReferral: string;
  large: number;
  si: { deductible: number; scale: Scale | null };
  fatal: Problem | null;
}

const scheme = (r: Reader, s: "employee" | "resident"): SchemeParams => ({
  threshold: r.keyed(`${S}.${s}.threshold`, HOSPITAL_LEVELS),
  ratio: r.keyed(`${S}.${s}.ratio`, HOSPITAL_LEVELS),
  cap: r.num(`${S}.${s}.annualCap`),
});

export const shenyangInpatient: Kernel<ShenyangParams> = {
  id: "shenyang.inpatient",
  set: "shenyang",
  compile(r) {
    const base = r.choice(`${S}.employee.supplementary.base`);
    return {
      r,
      classB: r.num(`${S}.classBSelfShare`),
      employee: scheme(r, "employee"),
      resident: scheme(r, "resident"),
      referral: { employee: r.num(`${S}.employee.referral.ratio`), resident: r.keyed(`${S}.resident.referral.ratio`, RESIDENT_PERSON_TYPES) },
      temporary: { employee: r.num(`${S}.employee.temporary.ratio`), resident: r.keyed(`${S}.resident.temporary.ratio`, RESIDENT_PERSON_TYPES) },
      supp: {
        referral: r.scale(`${S}.employee.supplementary.referral`),
        temporary: r.scale(`${S}.employee.supplementary.temporary`),
        local: r.scale(`${S}.employee.supplementary.local`),
        withClassB: base === "with_class_b_share",
        emergencyBands: r.choice(EMERGENCY_BANDS),
      },
      poorReferral: r.choice(POOR_REFERRAL),
      large: r.num(`${S}.employee.largeAmount.ratio`),
      si: { deductible: r.num(`${S}.resident.seriousIllness.deductible`), scale: r.scale(`${S}.resident.seriousIllness.scale`) },
      fatal: r.problems.get(`${S}.employee.supplementary.base`) ?? null,
    };
  },

  settle: eachClaim(shenyangInpatientOne),
};

function shenyangInpatientOne(c: ClaimColumns, i: number, p: ShenyangParams, route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const r = p.r;
    let category = (route.variant ?? "local") as ShenyangCategory;
    const emp = c.scheme[i] === EMPLOYEE;
    const sp = emp ? p.employee : p.resident;
    const s = emp ? "employee" : "resident";
    if (Number.isNaN(p.classB)) raise(r.problems, `${S}.classBSelfShare`);
    const e = policyScope(c, i, p.classB, out, tr, r, `${S}.classBSelfShare`);

    // 困难群体 referred inside the province: local terms, the threshold counted on from the referring
    // stay (LN 第二十三条; POLICY §9), once LN 2022 is in force (the switch is dated).
    let paidBefore = NaN;
    if (category === "referral" && c.povertyStatus[i] !== 0 && reading(r, p.poorReferral, POOR_REFERRAL) === "local_terms") {
      const prov = c.crossProvince[i]!;
      if (prov === 2) badInput("field_missing", "crossProvince", undefined, msg("engine.shenyang.poorReferralProvince"));
      if (prov === 0) {
        paidBefore = c.referralThresholdPaid[i]!;
        if (paidBefore !== paidBefore) badInput("field_missing", "referralThresholdPaid", undefined, msg("engine.shenyang.poorReferralThreshold"));
        category = "local";
      }
    }
    const poorLocal = paidBefore === paidBefore;

    // Threshold: the level's base (特三级 for emergencies elsewhere), never reduced away from home.
    const lv = category === "emergencyElsewhere" ? LEVEL_3S : levelOf(c, i);
    const base = sp.threshold[lv]!;
    if (Number.isNaN(base)) raise(r.problems, `${S}.${s}.threshold:${HOSPITAL_LEVELS[lv]}`);
    const k = c.admissionIndex[i]!;
    if (category === "local" && k > 1 && !poorLocal)
      noRule("shenyang_repeat_admission", msg("engine.shenyang.repeatAdmission", { k }));
    const t = poorLocal ? Math.max(base - paidBefore, 0) : base;
    out.threshold[i] = t;
    if (tr) {
      if (poorLocal)
        tr.push(
          step({
            key: "poorReferral",
            heading: "engine.shenyang.poorReferralTitle",
            kind: "engine.shenyang.poorReferral",
            values: { level: code(HOSPITAL_LEVELS[lv]!), base: fen(base), paid: fen(paidBefore), t: fen(t) },
            amount: t,
            refs: [POOR_REFERRAL_REF, ...refsOf(r, POOR_REFERRAL, `${S}.${s}.threshold`)],
            params: [POOR_REFERRAL, `${S}.${s}.threshold`],
          }),
        );
      else
        tr.push(
          step({
            key: "threshold",
            heading: "steps.threshold.title",
            ...(category === "local"
              ? { kind: "steps.threshold.shenyangLocal", values: { level: code(HOSPITAL_LEVELS[lv]!), threshold: fen(t) } }
              : { kind: "steps.threshold.notReduced", values: { which: part(category === "emergencyElsewhere" ? "steps.threshold.level3S" : "steps.threshold.ownLevel"), threshold: fen(t), k: count(k) } }),
            amount: t,
            refs: refsOf(r, `${S}.${s}.threshold`, ...(category === "local" ? [] : [`${S}.crossRegion.noThresholdReduction`])),
            params: [`${S}.${s}.threshold`, ...(category === "local" ? [] : [`${S}.crossRegion.noThresholdReduction`])],
          }),
        );
    }

    // Ratio.
    let ratio: number;
    let ratioId: string;
    if (category === "referral" || category === "temporary") {
      const set = category === "referral" ? p.referral : p.temporary;
      ratioId = `${S}.${s}.${category}.ratio`;
      if (emp) ratio = set.employee;
      else {
        const k2 = RESIDENT_PERSON_TYPES.indexOf(["in_service", "retired", "adult", "elderly", "student", "minor"][c.personType[i]!] as (typeof RESIDENT_PERSON_TYPES)[number]);
        ratio = set.resident[k2]!;
      }
      if (Number.isNaN(ratio)) raise(r.problems, ratioId);
    } else {
      ratioId = `${S}.${s}.ratio`;
      ratio = sp.ratio[lv]!;
      if (Number.isNaN(ratio)) raise(r.problems, `${ratioId}:${HOSPITAL_LEVELS[lv]}`);
    }
    const over = e > t ? e - t : 0;
    const byRatio = ratioOf(over, ratio);
    if (Number.isNaN(sp.cap)) raise(r.problems, `${S}.${s}.annualCap`);
    const room = Math.max(sp.cap - c.ytdFundPaid[i]!, 0);
    const pooled = byRatio > room ? room : byRatio;
    out.pooled[i] = pooled;
    if (tr)
      tr.push(
        step({
          key: "pooled",
          heading: "steps.pooled.title",
          kind: "steps.pooled.shenyang",
          values: { scope: fen(e), threshold: fen(t), ratio: bp(ratio), byRatio: fen(byRatio), cap: fen(sp.cap), paid: fen(c.ytdFundPaid[i]!), pooled: fen(pooled) },
          amount: pooled,
          refs: refsOf(r, ratioId, `${S}.${s}.annualCap`),
          params: [ratioId, `${S}.${s}.annualCap`],
        }),
      );

    if (emp) {
      // Above the cap (user-supplied ratio; not in the documents). Without it the layer is not
      // computable and 补充险, computed on what it leaves, neither (POLICY §12).
      if (byRatio > room) {
        if (Number.isNaN(p.large)) layerNotComputable(out, i, "largeAmount", problemOf(r, `${S}.employee.largeAmount.ratio`), tr);
        else {
          // large = L × (E − T − room / r), exactly: the floor of L × room / r stands for the fraction
          // (the fraction lemma in money.ts), as in the Lanzhou 大额.
          const a = p.large * over;
          const [q, rem] = mulDivFloorRem(p.large, room * BP, ratio);
          const large = roundHalfUpDiv(rem ? a - q - 1 : a - q, BP);
          out.largeAmount[i] = large;
          if (tr) tr.push(step({ key: "largeAmount", heading: "steps.largeAmount.shenyangTitle", kind: "steps.largeAmount.shenyang", values: { ratio: bp(p.large), large: fen(large) }, amount: large, refs: refsOf(r, `${S}.employee.largeAmount.ratio`), params: [`${S}.employee.largeAmount.ratio`] }));
        }
      }
      if (!known(out, i, "largeAmount")) dependentNotComputable(out, i, "supplementary", "largeAmount", tr);
      else
        try {
          supplementary(c, i, p, category, e, out, tr);
        } catch (err) {
          layerNotComputable(out, i, "supplementary", err, tr);
        }
    } else
      try {
        seriousIllness(c, i, p, e, pooled, out, tr);
      } catch (err) {
        layerNotComputable(out, i, "seriousIllness", err, tr);
      }
}

/** 补充险 (SY 四、): progressive on the admission's personal in-policy burden (POLICY §8 reading). */
function supplementary(c: ClaimColumns, i: number, p: ShenyangParams, category: ShenyangCategory, e: Fen, out: ResultColumns, tr: Trace): void {
  // Emergencies elsewhere: which bands is a reading (POLICY §8 is silent), a switch.
  const bands = category === "emergencyElsewhere" ? (reading(p.r, p.supp.emergencyBands, EMERGENCY_BANDS) as "local" | "referral" | "temporary") : category;
  const id = `${S}.employee.supplementary.${bands}`;
  const scale = p.supp[bands];
  if (!scale) raise(p.r.problems, id);
  const burden = e - out.pooled[i]! - out.largeAmount[i]! + (p.supp.withClassB ? out.classBSelfShare[i]! : 0);
  const supp = closeLayer(scale.raw(burden));
  out.supplementary[i] = supp;
  if (tr)
    tr.push(
      step({
        key: "supplementary",
        heading: "steps.supplementary.title",
        kind: "steps.supplementary.detail",
        values: { burden: fen(burden), base: part(p.supp.withClassB ? "steps.supplementary.withClassB" : "steps.supplementary.withoutClassB"), bands: brackets(scale), supplementary: fen(supp) },
        amount: supp,
        refs: refsOf(p.r, id, `${S}.employee.supplementary.base`, ...(category === "emergencyElsewhere" ? [EMERGENCY_BANDS] : [])),
        params: [id, `${S}.employee.supplementary.base`, ...(category === "emergencyElsewhere" ? [EMERGENCY_BANDS] : [])],
      }),
    );
}

function seriousIllness(c: ClaimColumns, i: number, p: ShenyangParams, e: Fen, pooled: Fen, out: ResultColumns, tr: Trace): void {
  if (Number.isNaN(p.si.deductible)) raise(p.r.problems, `${S}.resident.seriousIllness.deductible`);
  if (!p.si.scale) raise(p.r.problems, `${S}.resident.seriousIllness.scale`);
  const p0 = c.ytdPersonalInPolicy[i]!;
  const p1 = p0 + e - pooled;
  const d = p.si.deductible;
  const serious = closeLayer(p.si.scale.raw(Math.max(p1 - d, 0)) - p.si.scale.raw(Math.max(p0 - d, 0)));
  out.seriousIllness[i] = serious;
  if (tr)
    tr.push(
      step({
        key: "seriousIllness",
        heading: "steps.seriousIllness.shenyangTitle",
        kind: "steps.seriousIllness.shenyang",
        values: { before: fen(p0), after: fen(p1), deductible: fen(d), serious: fen(serious) },
        amount: serious,
        refs: refsOf(p.r, `${S}.resident.seriousIllness.scale`),
        params: [`${S}.resident.seriousIllness.deductible`, `${S}.resident.seriousIllness.scale`],
      }),
    );
}

void badInput;
