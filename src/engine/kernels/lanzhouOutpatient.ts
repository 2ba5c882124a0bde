/**
 * Lanzhou outpatient care (POLICY §7): employee chronic (L 第一部分 三、(三)), resident chronic (L 第四部分
 * 18.), two-disease (L 两病 七、) and resident general outpatient (L 第三部分 二、(一)). No threshold;
 * fund = min(ratio × E, annual cap − paid this year, ≥ 0).
 */
import { addYears, formatDay, type Day } from "../../dates";
import { lanzhouChronic, chronicNames, type ChronicDisease } from "../../catalogs/chronic";
import { ratioOf, type Fen } from "../../money";
import { PolicyError, badInput, noRule, type Problem } from "../../problem";
import { pct, y, type Trace } from "../../trace";
import { DISEASE_NONE, DISEASE_SEVERAL, DISEASE_UNKNOWN, TWO_DISEASE_KINDS, type ClaimColumns, type ResultColumns } from "../columns";
import { closestLanzhou } from "../../catalogs/national";
import { eachClaim, raise, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { policyScope, refsOf } from "./shared";
import { compileSeriousIllness, seriousIllnessAndAssistance, type SeriousIllnessParams } from "./seriousIllness";

const CLASS_B = "lanzhou.classBSelfShare";
const EMP_RATIO = "lanzhou.employee.chronic.ratio";
const SECOND_EXTRA = "lanzhou.employee.chronic.secondDiseaseExtra";
const CS_CLASS_B = "lanzhou.civilServant.classBRate";

function fatalOf(r: Reader, ids: string[]): Problem | null {
  for (const id of ids) if (r.problems.has(id)) return r.problems.get(id)!;
  return null;
}

/**
 * Compiled parameters with the fatal problem looked up after every parameter was read: the reader
 * records a missing parameter only when it is read, so a `fatal` computed before the reads (as an
 * earlier property of the same object literal) was always null, and a claim dated where a parameter
 * is not given (e.g. 2019-04-04 … 2020-03-31 for the two-disease and general-outpatient ratios)
 * settled with NaN amounts instead of the documents' "no rule" answer.
 */
function withFatal<P extends { r: Reader; fatal: Problem | null }>(p: P, ids: string[]): P {
  p.fatal = fatalOf(p.r, ids);
  return p;
}

function disease(c: ClaimColumns, i: number, scheme: "employee" | "resident", second = false): ChronicDisease | null {
  const d = second ? c.secondDisease[i]! : c.disease[i]!;
  const name = second ? c.secondDiseaseNames[i] : c.diseaseNames[i];
  if (d === DISEASE_NONE) {
    if (second) return null;
    badInput("field_missing", "chronicDisease", undefined, { zh: "慢特病病种未填写", en: "chronic disease missing" });
  }
  if (d === DISEASE_SEVERAL)
    badInput("chronic_several_in_one_row", second ? "secondChronicDisease" : "chronicDisease", name, {
      zh: `“${name}”含多个病种：门诊慢特病费用应分病种单独结算（医保办发〔2024〕19号 二、(四)；辽医保发〔2022〕19号 第二十七条），请每个病种一行、各自填写费用；另一已认定病种可填入“第二慢特病病种”以共用限额`,
      en: `"${name}" names several diseases: chronic outpatient costs are settled disease by disease (NA 二、(四); LN art. 27); give one row per disease with its own amounts (the other approved disease may go in secondChronicDisease for the shared cap)`,
    });
  if (d === DISEASE_UNKNOWN) {
    const close = closestLanzhou(scheme, name ?? "");
    badInput("chronic_unknown", second ? "secondChronicDisease" : "chronicDisease", name, {
      zh: `“${name}”不是兰州${scheme === "employee" ? "职工" : "居民"}门诊慢特病目录中的病种${close.length ? `；最接近的：${close.join("、")}` : `（目录：${chronicNames(scheme).slice(0, 6).join("、")}…）`}`,
      en: `"${name}" is not in the Lanzhou ${scheme} chronic disease list${close.length ? `; closest: ${close.join(", ")}` : ` (e.g. ${chronicNames(scheme).slice(0, 6).join(", ")} …)`}`,
    });
  }
  return (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident)[d]!;
}

/** The date a claim is judged on for payment years: the service date, else the version date. */
function claimDay(c: ClaimColumns, i: number, out: ResultColumns): Day {
  const s = c.serviceDate[i]!;
  return Number.isNaN(s) ? out.versionDay[i]! : s;
}

/** Benefit only within the payment years counted from the approval date (POLICY §7). */
function checkYears(c: ClaimColumns, i: number, out: ResultColumns, years: number | null, what: { zh: string; en: string }, tr: Trace, ref: ChronicDisease["ref"] | undefined): void {
  const approved = c.chronicApproved[i]!;
  if (Number.isNaN(approved))
    badInput("field_missing", "chronicApproved", undefined, { zh: `认定日期未填写（${what.zh}的待遇支付年限从认定日期起算）`, en: `approval date missing (the payment years of ${what.en} count from it)` });
  const day = claimDay(c, i, out);
  if (day < approved)
    badInput("chronic_before_approval", "chronicApproved", formatDay(approved), { zh: `就诊日期 ${formatDay(day)} 早于认定日期 ${formatDay(approved)}`, en: `service date ${formatDay(day)} is before the approval date ${formatDay(approved)}` });
  if (years === null) {
    if (tr) tr.push({ key: "years", title: { zh: "待遇支付年限", en: "Payment years" }, detail: { zh: `${what.zh}：目录未规定支付年限`, en: `${what.en}: the list gives no payment years` }, refs: ref ? [ref] : [], params: [] });
    return;
  }
  const end = addYears(approved, years);
  if (day >= end)
    noRule("chronic_period_ended", {
      zh: `${what.zh}的待遇支付年限为 ${years} 年，自 ${formatDay(approved)} 起至 ${formatDay(end - 1)} 止；${formatDay(day)} 已超出，需重新认定`,
      en: `${what.en} is paid for ${years} years from ${formatDay(approved)}, until ${formatDay(end - 1)}; ${formatDay(day)} is after that (renew the approval)`,
    }, "chronicApproved", formatDay(approved));
  if (tr)
    tr.push({
      key: "years",
      title: { zh: "待遇支付年限", en: "Payment years" },
      detail: { zh: `${what.zh}：${years} 年，${formatDay(approved)} 至 ${formatDay(end - 1)}，${formatDay(day)} 在期内`, en: `${what.en}: ${years} years, ${formatDay(approved)} to ${formatDay(end - 1)}; ${formatDay(day)} is inside` },
      refs: ref ? [ref] : [],
      params: [],
    });
}

function capped(c: ClaimColumns, i: number, e: Fen, ratio: number, cap: Fen | null, out: ResultColumns, tr: Trace, title: { zh: string; en: string }, refs: ChronicDisease["ref"][], params: string[]): Fen {
  const byRatio = ratioOf(e, ratio);
  const ytd = c.ytdFundPaid[i]!;
  const room = cap === null ? Infinity : Math.max(cap - ytd, 0);
  const pooled = byRatio > room ? room : byRatio;
  out.pooled[i] = pooled;
  if (tr)
    tr.push({
      key: "pooled",
      title: { zh: "统筹基金支付", en: "Pooled fund" },
      detail:
        cap === null
          ? { zh: `${title.zh}：${pct(ratio)} × ${y(e)} = ${y(pooled)}（无年度限额）`, en: `${title.en}: ${pct(ratio)} × ${y(e)} = ${y(pooled)} (no annual cap)` }
          : {
              zh: `${title.zh}：min(${pct(ratio)} × ${y(e)} = ${y(byRatio)}, 年度限额 ${y(cap)} − 本年已支付 ${y(ytd)}) = ${y(pooled)}`,
              en: `${title.en}: min(${pct(ratio)} × ${y(e)} = ${y(byRatio)}, annual cap ${y(cap)} − paid this year ${y(ytd)}) = ${y(pooled)}`,
            },
      amount: pooled,
      refs,
      params,
    });
  return pooled;
}

// --------------------------------------------------------------------------------------------
export interface EmployeeChronicParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  ratio: Float64Array;
  secondExtra: number;
  csClassB: number;
}

const RATIO_KINDS = ["standard", "dialysis", "transplant"] as const;

export const lanzhouEmployeeChronic: Kernel<EmployeeChronicParams> = {
  id: "lanzhou.employee.chronic",
  set: "lanzhou",
  compile(r) {
    return withFatal(
      {
        r,
        fatal: null,
        classB: r.num(CLASS_B),
        ratio: r.keyed(EMP_RATIO, RATIO_KINDS),
        secondExtra: r.num(SECOND_EXTRA),
        csClassB: r.num(CS_CLASS_B),
      },
      [CLASS_B],
    );
  },
  settle: eachClaim(lanzhouEmployeeChronicOne),
};

function lanzhouEmployeeChronicOne(c: ClaimColumns, i: number, p: EmployeeChronicParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const d = disease(c, i, "employee")!;
    const second = disease(c, i, "employee", true);
    if (second === d) badInput("chronic_same_twice", "secondChronicDisease", c.secondDiseaseNames[i], { zh: "第二病种与第一病种相同", en: "the second disease is the same as the first" });
    checkYears(c, i, out, d.years, { zh: d.name, en: `${d.name} (${d.id})` }, tr, d.ref);
    const ratio = p.ratio[RATIO_KINDS.indexOf(d.ratioKind!)]!;
    if (Number.isNaN(ratio)) raise(p.r.problems, `${EMP_RATIO}:${d.ratioKind}`);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    let cap = d.cap;
    const params = [EMP_RATIO];
    const refs = [...refsOf(p.r, EMP_RATIO), d.ref];
    if (second) {
      // Two approved diseases: the higher cap + 500, shared by both (L 三、(三) 5.); ytdFundPaid is
      // then both diseases' fund payments this year.
      if (Number.isNaN(p.secondExtra)) raise(p.r.problems, SECOND_EXTRA);
      cap = d.cap === null || second.cap === null ? null : Math.max(d.cap, second.cap) + p.secondExtra;
      params.push(SECOND_EXTRA);
      refs.push(second.ref, ...refsOf(p.r, SECOND_EXTRA));
      if (tr)
        tr.push({
          key: "secondDisease",
          title: { zh: "两种特殊疾病", en: "Two approved diseases" },
          detail:
            cap === null
              ? { zh: `${d.name} 与 ${second.name}：其中一种无限额，合并后无限额`, en: `${d.name} and ${second.name}: one has no cap, so neither has` }
              : { zh: `max(${y(d.cap!)}, ${y(second.cap!)}) + ${y(p.secondExtra)} = ${y(cap)}，两病种共用`, en: `max(${y(d.cap!)}, ${y(second.cap!)}) + ${y(p.secondExtra)} = ${y(cap)}, shared by both` },
          amount: cap ?? undefined,
          refs: refsOf(p.r, SECOND_EXTRA),
          params: [SECOND_EXTRA],
        });
    }
    capped(c, i, e, ratio, cap, out, tr, { zh: d.name, en: d.name }, refs, params);
    if (c.civilServantRank[i] !== 0) {
      if (Number.isNaN(p.csClassB)) raise(p.r.problems, CS_CLASS_B);
      const sub = ratioOf(out.classBSelfShare[i]!, p.csClassB);
      out.subsidy[i] = sub;
      if (tr)
        tr.push({
          key: "subsidy",
          title: { zh: "公务员医疗补助（乙类自付部分）", en: "Civil-servant subsidy (class-B self share)" },
          detail: { zh: `${pct(p.csClassB)} × ${y(out.classBSelfShare[i]!)} = ${y(sub)}`, en: `${pct(p.csClassB)} × ${y(out.classBSelfShare[i]!)} = ${y(sub)}` },
          amount: sub,
          refs: refsOf(p.r, CS_CLASS_B),
          params: [CS_CLASS_B],
        });
    }
}

// --------------------------------------------------------------------------------------------
export interface ResidentChronicParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  si: SeriousIllnessParams;
}

export const lanzhouResidentChronic: Kernel<ResidentChronicParams> = {
  id: "lanzhou.resident.chronic",
  set: "lanzhou",
  compile(r) {
    return withFatal({ r, fatal: null, classB: r.num(CLASS_B), si: compileSeriousIllness(r, false) }, [CLASS_B]);
  },
  settle: eachClaim(lanzhouResidentChronicOne),
};

function lanzhouResidentChronicOne(c: ClaimColumns, i: number, p: ResidentChronicParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const d = disease(c, i, "resident")!;
    checkYears(c, i, out, d.years, { zh: d.name, en: `${d.name} (${d.id})` }, tr, d.ref);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    if (tr && c.secondDisease[i] !== DISEASE_NONE)
      tr.push({
        key: "secondDisease",
        title: { zh: "第二病种", en: "Second disease" },
        detail: { zh: "居民门诊慢特病按病种各自的年度限额支付（指南未规定合并限额）", en: "Resident chronic caps are per disease (the guide gives no combined cap)" },
        refs: [d.ref],
        params: [],
      });
    const pooled = capped(c, i, e, d.ratio!, d.cap, out, tr, { zh: d.name, en: d.name }, [d.ref], []);
    seriousIllnessAndAssistance(c, i, p.si, e, pooled, out, tr);
}

// --------------------------------------------------------------------------------------------
const TD = "lanzhou.resident.twoDisease";
/** The same two-disease limits in the poverty Q&A, and what people without the benefit get instead. */
export const TWO_DISEASE_REFS = [
  { doc: "L", section: "第四部分 19.", excerpt: "高血压用药年度报销限额为400元，糖尿病用药年度报销限额为800元，合并高血压和糖尿病用药年度报销限额为1200元。" },
  { doc: "L", section: "第三部分 两病 九、(二)", excerpt: "患“两病”但未进行申报或者未达到“两病”确诊标准的参保人员，可按照城乡居民基本医疗保险普通门诊每年度100元政策报销。" },
  { doc: "L", section: "第三部分 两病 九、(四)", excerpt: "“两病”门诊用药支付限额有效期为当年参保年度，跨年作废。" },
] as const;
export interface TwoDiseaseParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  ratio: number;
  cap: Float64Array;
  years: number;
}

export const lanzhouTwoDisease: Kernel<TwoDiseaseParams> = {
  id: "lanzhou.resident.twoDisease",
  set: "lanzhou",
  compile(r) {
    return withFatal(
      {
        r,
        fatal: null,
        classB: r.num(CLASS_B),
        ratio: r.num(`${TD}.ratio`),
        cap: r.keyed(`${TD}.annualCap`, TWO_DISEASE_KINDS),
        years: r.num(`${TD}.years`),
      },
      [CLASS_B, `${TD}.ratio`, `${TD}.years`],
    );
  },
  settle: eachClaim(lanzhouTwoDiseaseOne),
};

function lanzhouTwoDiseaseOne(c: ClaimColumns, i: number, p: TwoDiseaseParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const kind = c.twoDisease[i]!;
    if (kind === -1) badInput("field_missing", "chronicDisease", undefined, { zh: "两病病种未填写：高血压、糖尿病或两者", en: "two-disease kind missing: hypertension, diabetes or both" });
    if (kind === -2)
      badInput("two_disease_unknown", "chronicDisease", c.diseaseNames[i], { zh: "“两病”只包括高血压、糖尿病或两者合并", en: "the two diseases are hypertension, diabetes, or both" });
    const kindName = TWO_DISEASE_KINDS[kind]!;
    const what = { zh: `“两病”（${["高血压", "糖尿病", "高血压和糖尿病"][kind]}）`, en: `two-disease (${kindName})` };
    checkYears(c, i, out, p.years, what, tr, p.r.ref(`${TD}.years`));
    const cap = p.cap[kind]!;
    if (Number.isNaN(cap)) raise(p.r.problems, `${TD}.annualCap:${kindName}`);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    if (tr)
      tr.push({
        key: "twoDiseaseNote",
        title: { zh: "适用条件", en: "Condition" },
        detail: { zh: "已办理高血压、糖尿病长期门诊者不享受“两病”门诊：理赔数据未记录，未核对", en: "Not for people with a chronic approval for the same disease: the claim does not record it, not checked" },
        refs: [{ doc: "L", section: "第三部分 两病 二、", excerpt: "（二）未办理过高血压、糖尿病长期门诊。" }],
        params: [],
      });
    capped(c, i, e, p.ratio, cap, out, tr, what, refsOf(p.r, `${TD}.ratio`, `${TD}.annualCap`), [`${TD}.ratio`, `${TD}.annualCap`, `${TD}.years`]);
}

// --------------------------------------------------------------------------------------------
const GO = "lanzhou.resident.generalOutpatient";
export interface GeneralOutpatientParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  ratio: number;
  cap: number;
}

export const lanzhouGeneralOutpatient: Kernel<GeneralOutpatientParams> = {
  id: "lanzhou.resident.generalOutpatient",
  set: "lanzhou",
  compile(r) {
    return withFatal({ r, fatal: null, classB: r.num(CLASS_B), ratio: r.num(`${GO}.ratio`), cap: r.num(`${GO}.annualCap`) }, [CLASS_B, `${GO}.ratio`, `${GO}.annualCap`]);
  },
  settle: eachClaim(lanzhouGeneralOutpatientOne),
};

function lanzhouGeneralOutpatientOne(c: ClaimColumns, i: number, p: GeneralOutpatientParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    capped(c, i, e, p.ratio, p.cap, out, tr, { zh: "普通门诊", en: "general outpatient" }, refsOf(p.r, `${GO}.ratio`, `${GO}.annualCap`), [`${GO}.ratio`, `${GO}.annualCap`]);
}
