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
 *
 * The same kernel settles every other Liaoning city (the liaoning-city set, docs/liaoning-city.md):
 * it reads its parameters under the prefix its profile names (`shenyang.`, `chaoyang.` …). What
 * only Shenyang has is read where the city's set defines it: 补充险 (SY 四、) and 特三级 terms for
 * emergencies elsewhere (SY 三、(二)); a city's set instead gives an emergency ratio and a threshold
 * multiple for each temporary category (LN 第二十三条).
 */
import { HOSPITAL_LEVELS, RESIDENT_PERSON_TYPES, SCHEMES } from "../../claim/enums";
import { BP, closeLayer, mulDivFloorRem, ratioOf, roundHalfUpDiv, type Fen } from "../../money";
import { PolicyError, badInput, noRule, type Problem } from "../../problem";
import type { Scale } from "../../params/scale";
import { pct, y, type Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { dependentNotComputable, eachClaim, known, layerNotComputable, problemOf, raise, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { msg } from "../../messages";
import type { KernelId } from "../routes";
import type { Text } from "../../text";
import { levelOf, policyScope, refsOf } from "./shared";

export type ShenyangCategory = "local" | "referral" | "temporary" | "emergency" | "emergencyElsewhere";
const LEVEL_3S = HOSPITAL_LEVELS.indexOf("3S");
const EMPLOYEE = SCHEMES.indexOf("employee");
const TEMPORARY_CATEGORIES = ["referral", "emergency", "temporary", "merged"] as const;

/** Whose parameters a kernel instance reads: Shenyang's, or one Liaoning city's (the liaoning-city set). */
export interface InpatientProfile {
  id: KernelId;
  /** The parameter set, and the prefix of every id the kernel reads. */
  set: string;
  place: Text;
  /** A problem that refuses every claim of the epoch (a city whose base table was not supplied). */
  refuse?: (r: Reader) => Problem | null;
}
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
  /** The prefix of the parameter ids (the profile's set). */
  S: string;
  place: Text;
  classB: number;
  employee: SchemeParams;
  resident: SchemeParams;
  referral: { employee: number; resident: Float64Array };
  temporary: { employee: number; resident: Float64Array };
  /** A city's emergency-elsewhere ratios (null where the set has none: Shenyang settles them at 特三级 terms). */
  emergency: { employee: number; resident: Float64Array } | null;
  /** A city's threshold multiple by temporary category (LN 第二十三条; null: the set has none, the base threshold applies). */
  thresholdMultiple: Float64Array | null;
  /** "no_reduction", or "" when the set's table has not said how repeat admissions elsewhere pay. */
  noReduction: string;
  /** 补充险 exists only where the set defines it (Shenyang, SY 四、). */
  supp: { offered: boolean; referral: Scale | null; temporary: Scale | null; local: Scale | null; withClassB: boolean; emergencyBands: string };
  /** shenyang.referral.poorInProvince: "referral_terms" | "local_terms" (LN 第二十三条 from 2023-01-01). */
  poorReferral: string;
  large: number;
  si: { deductible: number; scale: Scale | null };
  fatal: Problem | null;
  /** The user tables whose rows say their figures are examples (示例 / EXAMPLE): every trace says so first. */
  example: string[];
}

const scheme = (r: Reader, S: string, s: "employee" | "resident"): SchemeParams => ({
  threshold: r.keyed(`${S}.${s}.threshold`, HOSPITAL_LEVELS),
  ratio: r.keyed(`${S}.${s}.ratio`, HOSPITAL_LEVELS),
  cap: r.num(`${S}.${s}.annualCap`),
});

/** The inpatient kernel for one profile: Shenyang's, or a Liaoning city's (liaoning-city set). */
export function liaoningInpatient(profile: InpatientProfile): Kernel<ShenyangParams> {
  const S = profile.set;
  return {
    id: profile.id,
    set: profile.set,
    compile(r) {
      const has = (id: string) => r.reg.has(id);
      const offered = has(`${S}.employee.supplementary.base`);
      const base = offered ? r.choice(`${S}.employee.supplementary.base`) : "";
      return {
        r,
        S,
        place: profile.place,
        classB: r.num(`${S}.classBSelfShare`),
        employee: scheme(r, S, "employee"),
        resident: scheme(r, S, "resident"),
        referral: { employee: r.num(`${S}.employee.referral.ratio`), resident: r.keyed(`${S}.resident.referral.ratio`, RESIDENT_PERSON_TYPES) },
        temporary: { employee: r.num(`${S}.employee.temporary.ratio`), resident: r.keyed(`${S}.resident.temporary.ratio`, RESIDENT_PERSON_TYPES) },
        emergency: has(`${S}.employee.emergency.ratio`) ? { employee: r.num(`${S}.employee.emergency.ratio`), resident: r.keyed(`${S}.resident.emergency.ratio`, RESIDENT_PERSON_TYPES) } : null,
        thresholdMultiple: has(`${S}.crossRegion.thresholdMultiple`) ? r.keyed(`${S}.crossRegion.thresholdMultiple`, TEMPORARY_CATEGORIES) : null,
        noReduction: r.choice(`${S}.crossRegion.noThresholdReduction`),
        supp: {
          offered,
          referral: offered ? r.scale(`${S}.employee.supplementary.referral`) : null,
          temporary: offered ? r.scale(`${S}.employee.supplementary.temporary`) : null,
          local: offered ? r.scale(`${S}.employee.supplementary.local`) : null,
          withClassB: base === "with_class_b_share",
          emergencyBands: offered ? r.choice(`${S}.employee.supplementary.emergencyBands`) : "",
        },
        poorReferral: r.choice(`${S}.referral.poorInProvince`),
        large: r.num(`${S}.employee.largeAmount.ratio`),
        si: { deductible: r.num(`${S}.resident.seriousIllness.deductible`), scale: r.scale(`${S}.resident.seriousIllness.scale`) },
        fatal: profile.refuse?.(r) ?? (offered ? (r.problems.get(`${S}.employee.supplementary.base`) ?? null) : null),
        example: exampleTables(r),
      };
    },

    settle: eachClaim(shenyangInpatientOne),
  };
}

/** The tables of example figures among the parameters a compile read (their versions are marked by the table reader). */
function exampleTables(r: Reader): string[] {
  const out = new Set<string>();
  for (const id of r.used.keys()) {
    const o = r.reg.param(id).versions.filter((v) => v.from <= r.day).pop()?.override;
    if (o?.example) out.add(o.scenario);
  }
  return [...out];
}

export const shenyangInpatient: Kernel<ShenyangParams> = liaoningInpatient({ id: "shenyang.inpatient", set: "shenyang", place: { zh: "沈阳", en: "Shenyang" } });

function shenyangInpatientOne(c: ClaimColumns, i: number, p: ShenyangParams, route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const r = p.r;
    const S = p.S;
    const POOR_REFERRAL = `${S}.referral.poorInProvince`;
    if (tr && p.example.length) tr.push({ key: "example", title: msg("city.exampleTitle"), detail: msg("city.exampleDetail", { tables: p.example.join("; ") }), refs: [], params: [] });
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
      if (S === "shenyang")
        noRule("shenyang_repeat_admission", {
          zh: `沈阳本地（及异地长期居住）第 ${k} 次住院的起付标准递减办法不在政策文件中`,
          en: `How Shenyang reduces the threshold of a ${k}th local (or long-term resident's) admission is not in the documents`,
        });
      else noRule("city_repeat_admission", msg("city.repeatAdmission", { city: p.place, k: String(k) }));
    if (category !== "local" && k > 1 && p.noReduction === "") raise(r.problems, `${S}.crossRegion.noThresholdReduction`);
    // A city's temporary-care threshold: the same-level local one times the category's multiple (LN 第二十三条), rounded to the fen (POLICY §1).
    const mult = category === "local" || category === "emergencyElsewhere" || !p.thresholdMultiple ? NaN : p.thresholdMultiple[TEMPORARY_CATEGORIES.indexOf(category)]!;
    if (category !== "local" && category !== "emergencyElsewhere" && p.thresholdMultiple && Number.isNaN(mult)) raise(r.problems, `${S}.crossRegion.thresholdMultiple:${category}`);
    const t = poorLocal ? Math.max(base - paidBefore, 0) : mult === mult ? roundHalfUpDiv(base * mult, BP) : base;
    out.threshold[i] = t;
    if (tr) {
      if (poorLocal)
        tr.push({
          key: "poorReferral",
          title: msg("engine.shenyang.poorReferralTitle"),
          detail: msg("engine.shenyang.poorReferral", { level: HOSPITAL_LEVELS[lv]!, base: y(base), paid: y(paidBefore), t: y(t) }),
          amount: t,
          refs: [POOR_REFERRAL_REF, ...refsOf(r, POOR_REFERRAL, `${S}.${s}.threshold`)],
          params: [POOR_REFERRAL, `${S}.${s}.threshold`],
        });
      else {
        const cited = [`${S}.${s}.threshold`, ...(mult === mult ? [`${S}.crossRegion.thresholdMultiple`] : []), ...(category === "local" || p.noReduction === "" ? [] : [`${S}.crossRegion.noThresholdReduction`])];
        tr.push({
          key: "threshold",
          title: { zh: "起付标准", en: "Threshold" },
          detail:
            category === "local"
              ? { zh: `${p.place.zh}${HOSPITAL_LEVELS[lv]}级医院起付标准 ${y(t)}`, en: `${p.place.en} level ${HOSPITAL_LEVELS[lv]} threshold ${y(t)}` } // Shenyang's words, with the city's name
              : mult === mult
                ? msg("city.thresholdMultiple", { level: HOSPITAL_LEVELS[lv]!, base: y(base), multiple: String(mult / BP), t: y(t), k: String(k) })
                : { zh: `${category === "emergencyElsewhere" ? "按特三级医院" : "原等级"}起付标准 ${y(t)}，不享受减免（本年第 ${k} 次住院）`, en: `${category === "emergencyElsewhere" ? "特三级" : "the level's"} threshold ${y(t)}, never reduced (admission ${k} of the year)` },
          amount: t,
          refs: refsOf(r, ...cited),
          params: cited,
        });
      }
    }

    // Ratio.
    let ratio: number;
    let ratioId: string;
    if (category === "referral" || category === "temporary" || category === "emergency") {
      const set = category === "referral" ? p.referral : category === "temporary" ? p.temporary : p.emergency;
      if (!set) throw new Error(`${S}: no emergency ratios in the set`);
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
      tr.push({
        key: "pooled",
        title: { zh: "统筹基金支付", en: "Pooled fund" },
        detail: {
          zh: `min((${y(e)} − ${y(t)}) × ${pct(ratio)} = ${y(byRatio)}, 年度限额 ${y(sp.cap)} − 本年已支付 ${y(c.ytdFundPaid[i]!)}) = ${y(pooled)}`,
          en: `min((${y(e)} − ${y(t)}) × ${pct(ratio)} = ${y(byRatio)}, annual cap ${y(sp.cap)} − paid this year ${y(c.ytdFundPaid[i]!)}) = ${y(pooled)}`,
        },
        amount: pooled,
        refs: refsOf(r, ratioId, `${S}.${s}.annualCap`),
        params: [ratioId, `${S}.${s}.annualCap`],
      });

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
          if (tr) tr.push({ key: "largeAmount", title: { zh: "统筹限额以上支付", en: "Above the pooled cap" }, detail: { zh: `${pct(p.large)} × 限额以上费用 = ${y(large)}`, en: `${pct(p.large)} × expense above the cap = ${y(large)}` }, amount: large, refs: refsOf(r, `${S}.employee.largeAmount.ratio`), params: [`${S}.employee.largeAmount.ratio`] });
        }
      }
      if (!p.supp.offered) return;
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
  const S = p.S;
  const EMERGENCY_BANDS = `${S}.employee.supplementary.emergencyBands`;
  // Emergencies elsewhere: which bands is a reading (POLICY §8 is silent), a switch.
  const bands = category === "emergencyElsewhere" ? (reading(p.r, p.supp.emergencyBands, EMERGENCY_BANDS) as "local" | "referral" | "temporary") : (category as "local" | "referral" | "temporary");
  const id = `${S}.employee.supplementary.${bands}`;
  const scale = p.supp[bands];
  if (!scale) raise(p.r.problems, id);
  const burden = e - out.pooled[i]! - out.largeAmount[i]! + (p.supp.withClassB ? out.classBSelfShare[i]! : 0);
  const supp = closeLayer(scale.raw(burden));
  out.supplementary[i] = supp;
  if (tr)
    tr.push({
      key: "supplementary",
      title: { zh: "补充险", en: "Supplementary insurance (补充险)" },
      detail: {
        zh: `个人负担 ${y(burden)}${p.supp.withClassB ? "（含乙类先自付）" : "（起付标准＋按比例自付）"}，分段（${scale.brackets.map((b) => `${y(b.above)}以上 ${pct(b.rate)}`).join("、")}）= ${y(supp)}`,
        en: `personal burden ${y(burden)}${p.supp.withClassB ? " (with the class-B self share)" : " (threshold + co-insurance)"}, by band (${scale.brackets.map((b) => `above ${y(b.above)} ${pct(b.rate)}`).join(", ")}) = ${y(supp)}`,
      },
      amount: supp,
      refs: refsOf(p.r, id, `${S}.employee.supplementary.base`, ...(category === "emergencyElsewhere" ? [EMERGENCY_BANDS] : [])),
      params: [id, `${S}.employee.supplementary.base`, ...(category === "emergencyElsewhere" ? [EMERGENCY_BANDS] : [])],
    });
}

function seriousIllness(c: ClaimColumns, i: number, p: ShenyangParams, e: Fen, pooled: Fen, out: ResultColumns, tr: Trace): void {
  const S = p.S;
  if (Number.isNaN(p.si.deductible)) raise(p.r.problems, `${S}.resident.seriousIllness.deductible`);
  if (!p.si.scale) raise(p.r.problems, `${S}.resident.seriousIllness.scale`);
  const p0 = c.ytdPersonalInPolicy[i]!;
  const p1 = p0 + e - pooled;
  const d = p.si.deductible;
  const serious = closeLayer(p.si.scale.raw(Math.max(p1 - d, 0)) - p.si.scale.raw(Math.max(p0 - d, 0)));
  out.seriousIllness[i] = serious;
  if (tr)
    tr.push({
      key: "seriousIllness",
      title: { zh: "大病保险", en: "Serious-illness insurance" },
      detail: { zh: `年度政策内个人负担由 ${y(p0)} 增至 ${y(p1)}，超过起付线 ${y(d)} 的部分分段 = ${y(serious)}`, en: `personal in-policy burden of the year rises from ${y(p0)} to ${y(p1)}; the part above ${y(d)} by band = ${y(serious)}` },
      amount: serious,
      refs: refsOf(p.r, `${S}.resident.seriousIllness.scale`),
      params: [`${S}.resident.seriousIllness.deductible`, `${S}.resident.seriousIllness.scale`],
    });
}

void badInput;
