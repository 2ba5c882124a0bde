/**
 * Lanzhou outpatient care (POLICY §7): employee chronic (L 第一部分 三、(三)), resident chronic (L 第四部分
 * 18.), two-disease (L 两病 七、) and resident general outpatient (L 第三部分 二、(一)). No threshold;
 * fund = min(ratio × E, annual cap − paid this year, ≥ 0).
 */
import { addYears, formatDay, ymdOf, type Day } from "../../dates";
import { lanzhouChronic, chronicNames, partialCandidates, type ChronicDisease } from "../../catalogs/chronic";
import { HOSPITAL_LEVELS, PERSON_TYPES } from "../../claim/enums";
import { joinList, msg } from "../../messages";
import { ratioOf, type Fen } from "../../money";
import { GROUP_LIMITS, NAME_QUALIFIERS, NO_APPLICATION, NO_APPLICATION_FLAG, OUTPATIENT_ASSISTANCE, OUTPATIENT_ASSISTANCE_FLAG, TWO_DISEASE_EXCLUDING_FLAG, TWO_DISEASE_EXCLUSION_REF, TWO_DISEASE_LEVEL_REF, qualifierCandidates } from "../../policy/chronicRules";
import { PolicyError, badInput, noRule, type Problem } from "../../problem";
import type { Text } from "../../text";
import { bp, code, count, fen, part, step, words, type StepData, type Trace } from "../../trace";
import { DISEASE_NONE, DISEASE_SEVERAL, DISEASE_UNKNOWN, NONE, TWO_DISEASE_KINDS, type ClaimColumns, type ResultColumns } from "../columns";
import { closestLanzhou } from "../../catalogs/national";
import { eachClaim, layerNotComputable, raise, refuse, type Kernel, type KernelOutcome, type Reader } from "../kernel";
import { LEVEL_TEXT, policyScope, refsOf } from "./shared";
import { compileSeriousIllness, seriousIllnessAndAssistance, type SeriousIllnessParams } from "./seriousIllness";

const CLASS_B = "lanzhou.classBSelfShare";
const EMP_RATIO = "lanzhou.employee.chronic.ratio";
const SECOND_EXTRA = "lanzhou.employee.chronic.secondDiseaseExtra";
const CS_CLASS_B = "lanzhou.civilServant.classBRate";
const NO_REFS: ChronicDisease["ref"][] = [];

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

/** The switches and figures of POLICY §12 that both chronic kernels read (lanzhou.json). */
interface ChronicRules {
  r: Reader;
  /** lanzhou.chronic.nameQualifier: "keep" | "drop_allowed" ("" when not given on the day). */
  qualifier: string;
  /** lanzhou.chronic.blankYears: "no_period" | "refuse". */
  blankYears: string;
}
const QUALIFIER = "lanzhou.chronic.nameQualifier";
const BLANK_YEARS = "lanzhou.chronic.blankYears";
const compileChronicRules = (r: Reader): ChronicRules => ({ r, qualifier: r.choice(QUALIFIER), blankYears: r.choice(BLANK_YEARS) });

/** A switch's reading, or the problem that it is not given on the claim's day. */
function reading(r: Reader, value: string, id: string): string {
  if (value === "") raise(r.problems, id);
  return value;
}

function disease(c: ClaimColumns, i: number, scheme: "employee" | "resident", rules: ChronicRules, tr: Trace, second = false): ChronicDisease | null {
  const d = second ? c.secondDisease[i]! : c.disease[i]!;
  const name = second ? c.secondDiseaseNames[i] : c.diseaseNames[i];
  const field = second ? "secondChronicDisease" : "chronicDisease";
  if (d === DISEASE_NONE) {
    if (second) return null;
    badInput("field_missing", "chronicDisease", undefined, msg("engine.chronic.missing"));
  }
  if (d === DISEASE_SEVERAL) badInput("chronic_several_in_one_row", field, name, msg("engine.chronic.several", { name: name ?? "" }));
  if (d === DISEASE_UNKNOWN) {
    const close = closestLanzhou(scheme, name ?? "");
    const names = close.length ? close : chronicNames(scheme).slice(0, 6);
    const list = { zh: joinList("zh", names), en: joinList("en", names) };
    badInput("chronic_unknown", field, name, msg("engine.chronic.unknown", { name: name ?? "", scheme: msg(scheme === "employee" ? "engine.scheme.employee" : "engine.scheme.resident"), hint: msg(close.length ? "engine.chronic.unknownClosest" : "engine.chronic.unknownExamples", { list }) }));
  }
  const row = (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident)[d]!;
  if (c.qualifierDropped[i]! & (second ? 2 : 1)) {
    // POLICY §12: the name dropped the row's qualifier, so it did not choose the row.
    const q = NAME_QUALIFIERS[row.id];
    const candidates = [...new Set([...partialCandidates(scheme, name ?? "").map((x) => x.name), ...qualifierCandidates(scheme, name ?? "")])];
    if (reading(rules.r, rules.qualifier, QUALIFIER) === "keep")
      badInput("chronic_qualifier_dropped", field, name, msg("engine.chronic.qualifierDropped", { name: name ?? "", row: row.name, words: q ? q.words.join("/") : row.name, candidates: { zh: joinList("zh", candidates), en: joinList("en", candidates) } }));
    if (tr) tr.push(step({ key: "qualifier", heading: "engine.chronic.qualifierTitle", kind: "engine.chronic.qualifierAllowed", values: { name: code(name ?? ""), row: code(row.name) }, refs: [q ? q.ref : row.ref, ...refsOf(rules.r, QUALIFIER)], params: [QUALIFIER] }));
  }
  return row;
}

/** The date a claim is judged on for payment years: the service date, else the version date. */
function claimDay(c: ClaimColumns, i: number, out: ResultColumns): Day {
  const s = c.serviceDate[i]!;
  return Number.isNaN(s) ? out.versionDay[i]! : s;
}

interface YearsCheck {
  years: number | null;
  what: Text;
  ref: ChronicDisease["ref"] | undefined;
  /** Which approval date: the first disease's, or the second's. */
  second?: boolean;
  /** The row needs no application (L 血友病 "参保人员无须申报"): no approval date is required. */
  noApplication?: boolean;
  rules?: ChronicRules;
}

/** Benefit only within the payment years counted from the approval date (POLICY §7, §12). */
function checkYears(c: ClaimColumns, i: number, out: ResultColumns, y: YearsCheck, tr: Trace): void {
  const approved = (y.second ? c.secondChronicApproved : c.chronicApproved)[i]!;
  const field = y.second ? "secondChronicApproved" : "chronicApproved";
  const what = y.what;
  if (Number.isNaN(approved)) {
    if (y.noApplication) {
      if (tr) tr.push(step({ key: "years", heading: "engine.chronic.yearsTitle", kind: "engine.chronic.noApplication", values: { what: words(what) }, refs: y.ref ? [y.ref] : [], params: [] }));
      return;
    }
    if (y.second) badInput("field_missing", field, undefined, msg("engine.chronic.secondApprovalMissing", { what }));
    badInput("field_missing", field, undefined, msg("engine.chronic.approvalMissing", { what }));
  }
  const day = claimDay(c, i, out);
  if (day < approved)
    badInput(y.second ? "second_chronic_before_approval" : "chronic_before_approval", field, formatDay(approved), msg(y.second ? "engine.chronic.beforeSecondApproval" : "engine.chronic.beforeApproval", { day: formatDay(day), approved: formatDay(approved), what }));
  if (y.years === null) {
    if (y.rules && reading(y.rules.r, y.rules.blankYears, BLANK_YEARS) === "refuse") noRule("chronic_years_blank", msg("engine.chronic.blankYearsRefused", { what }));
    if (tr) tr.push(step({ key: "years", heading: "engine.chronic.yearsTitle", kind: "engine.chronic.blankYears", values: { what: words(what) }, refs: [...(y.ref ? [y.ref] : []), ...(y.rules ? refsOf(y.rules.r, BLANK_YEARS) : [])], params: y.rules ? [BLANK_YEARS] : [] }));
    return;
  }
  const end = addYears(approved, y.years);
  if (day >= end) {
    if (y.second) badInput("second_chronic_period_ended", field, formatDay(approved), msg("engine.chronic.secondPeriodEnded", { what, years: y.years, from: formatDay(approved), until: formatDay(end - 1), day: formatDay(day) }));
    noRule("chronic_period_ended", msg("engine.chronic.periodEnded", { what, years: y.years, from: formatDay(approved), until: formatDay(end - 1), day: formatDay(day) }), field, formatDay(approved));
  }
  if (tr)
    tr.push(step({ key: "years", heading: "engine.chronic.yearsTitle", kind: "steps.years.inside", values: { what: words(what), years: count(y.years), from: code(formatDay(approved)), until: code(formatDay(end - 1)), day: code(formatDay(day)) }, refs: y.ref ? [y.ref] : [], params: [] }));
}

/** A row's name as data (the same in both languages). */
const diseaseName = (d: ChronicDisease): Text => ({ zh: d.name, en: d.name });

const WHAT = new Map<ChronicDisease, Text>();
/** How a row is named in messages, made once per row. */
function diseaseWhat(d: ChronicDisease): Text {
  let t = WHAT.get(d);
  if (!t) WHAT.set(d, (t = { zh: d.name, en: `${d.name} (${d.id})` }));
  return t;
}

function capped(c: ClaimColumns, i: number, e: Fen, ratio: number, cap: Fen | null, out: ResultColumns, tr: Trace, title: { zh: string; en: string }, refs: ChronicDisease["ref"][], params: string[]): Fen {
  const byRatio = ratioOf(e, ratio);
  const ytd = c.ytdFundPaid[i]!;
  const room = cap === null ? Infinity : Math.max(cap - ytd, 0);
  const pooled = byRatio > room ? room : byRatio;
  out.pooled[i] = pooled;
  if (tr)
    tr.push(
      step({
        key: "pooled",
        heading: "steps.pooled.title",
        ...(cap === null
          ? { kind: "steps.pooled.noCap", values: { what: words(title), ratio: bp(ratio), scope: fen(e), pooled: fen(pooled) } }
          : { kind: "steps.pooled.capped", values: { what: words(title), ratio: bp(ratio), scope: fen(e), byRatio: fen(byRatio), cap: fen(cap), paid: fen(ytd), pooled: fen(pooled) } }),
        amount: pooled,
        refs,
        params,
      }),
    );
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
  rules: ChronicRules;
  /** lanzhou.employee.chronic.twoDiseasesWithoutCap: "split_rows" | "no_cap". */
  withoutCap: string;
  /** lanzhou.employee.chronic.haemophiliaApplication: "not_required" | "required". */
  haemophilia: string;
}
const WITHOUT_CAP = "lanzhou.employee.chronic.twoDiseasesWithoutCap";
const HAEMOPHILIA = "lanzhou.employee.chronic.haemophiliaApplication";

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
        rules: compileChronicRules(r),
        withoutCap: r.choice(WITHOUT_CAP),
        haemophilia: r.choice(HAEMOPHILIA),
      },
      [CLASS_B],
    );
  },
  settle: eachClaim(lanzhouEmployeeChronicOne),
};

/** Does the employee row need no application (L 血友病 无须申报), as the switch reads it? */
function noApplication(p: EmployeeChronicParams, d: number): boolean {
  return NO_APPLICATION_FLAG.employee[d] === 1 && reading(p.r, p.haemophilia, HAEMOPHILIA) === "not_required";
}

function lanzhouEmployeeChronicOne(c: ClaimColumns, i: number, p: EmployeeChronicParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const d = disease(c, i, "employee", p.rules, tr)!;
    const second = disease(c, i, "employee", p.rules, tr, true);
    if (second === d) badInput("chronic_same_twice", "secondChronicDisease", c.secondDiseaseNames[i], msg("engine.chronic.sameTwice"));
    const noApp = noApplication(p, c.disease[i]!);
    checkYears(c, i, out, { years: d.years, what: diseaseWhat(d), ref: noApp ? NO_APPLICATION[d.id]!.ref : d.ref, noApplication: noApp, rules: p.rules }, tr);
    const ratio = p.ratio[RATIO_KINDS.indexOf(d.ratioKind!)]!;
    if (Number.isNaN(ratio)) raise(p.r.problems, `${EMP_RATIO}:${d.ratioKind}`);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    let cap = d.cap;
    const params = [EMP_RATIO];
    // citations only for a trace: the batch reads no registry per claim
    const refs = tr ? [...refsOf(p.r, EMP_RATIO), d.ref] : NO_REFS;
    if (second) {
      // Two approved diseases: the higher cap + 500, shared by both (L 三、(三) 5.); ytdFundPaid is
      // then both diseases' fund payments this year. POLICY §12: only while each disease is within
      // its own payment years, and never a cap that disappears because one disease has none.
      if (d.cap === null || second.cap === null) {
        const capless = d.cap === null ? d : second;
        if (reading(p.r, p.withoutCap, WITHOUT_CAP) === "split_rows")
          badInput("chronic_split_rows", "secondChronicDisease", c.secondDiseaseNames[i], msg("engine.chronic.splitRows", { capless: capless.name, first: d.name, second: second.name }));
      }
      const noApp2 = noApplication(p, c.secondDisease[i]!);
      checkYears(c, i, out, { years: second.years, what: diseaseWhat(second), ref: noApp2 ? NO_APPLICATION[second.id]!.ref : second.ref, second: true, noApplication: noApp2, rules: p.rules }, tr);
      if (Number.isNaN(p.secondExtra)) raise(p.r.problems, SECOND_EXTRA);
      cap = d.cap === null || second.cap === null ? null : Math.max(d.cap, second.cap) + p.secondExtra;
      params.push(SECOND_EXTRA);
      if (tr) refs.push(second.ref, ...refsOf(p.r, SECOND_EXTRA));
      if (tr)
        tr.push(
          step({
            key: "secondDisease",
            heading: "engine.chronic.twoTitle",
            ...(cap === null
              ? { kind: "engine.chronic.twoNoCap", values: { first: code(d.name), second: code(second.name) } }
              : { kind: "engine.chronic.twoCap", values: { a: fen(d.cap!), b: fen(second.cap!), extra: fen(p.secondExtra), cap: fen(cap) }, amount: cap }),
            refs: [...refsOf(p.r, SECOND_EXTRA), ...(cap === null ? refsOf(p.r, WITHOUT_CAP) : [])],
            params: [SECOND_EXTRA, ...(cap === null ? [WITHOUT_CAP] : [])],
          }),
        );
    }
    capped(c, i, e, ratio, cap, out, tr, diseaseName(d), refs, params);
    if (c.civilServantRank[i] !== 0) {
      try {
        if (Number.isNaN(p.csClassB)) raise(p.r.problems, CS_CLASS_B);
        const sub = ratioOf(out.classBSelfShare[i]!, p.csClassB);
        out.subsidy[i] = sub;
        if (tr)
          tr.push(step({ key: "subsidy", heading: "steps.subsidy.classBTitle", kind: "steps.subsidy.classB", values: { ratio: bp(p.csClassB), share: fen(out.classBSelfShare[i]!), subsidy: fen(sub) }, amount: sub, refs: refsOf(p.r, CS_CLASS_B), params: [CS_CLASS_B] }));
      } catch (err) {
        layerNotComputable(out, i, "subsidy", err, tr);
      }
    }
}

// --------------------------------------------------------------------------------------------
export interface ResidentChronicParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  si: SeriousIllnessParams;
  rules: ChronicRules;
  /** lanzhou.resident.assistance.outpatient: "dialysis_transplant" | "none". */
  outpatientAssistance: string;
  /** lanzhou.resident.chronic.pkuMaxAge, and how a claim without a birth date is read. */
  groupMaxAge: number;
  groupReading: string;
}
const OUTPATIENT_ASSISTANCE_ID = "lanzhou.resident.assistance.outpatient";

export const lanzhouResidentChronic: Kernel<ResidentChronicParams> = {
  id: "lanzhou.resident.chronic",
  set: "lanzhou",
  compile(r) {
    const group = GROUP_LIMITS.R08!;
    return withFatal(
      {
        r,
        fatal: null,
        classB: r.num(CLASS_B),
        si: compileSeriousIllness(r, true),
        rules: compileChronicRules(r),
        outpatientAssistance: r.choice(OUTPATIENT_ASSISTANCE_ID),
        groupMaxAge: r.num(group.maxAgeParam),
        groupReading: r.choice(group.readingParam),
      },
      [CLASS_B],
    );
  },
  settle: eachClaim(lanzhouResidentChronicOne),
};

/** Whole years of age on `day` of a person born on `birth`. */
function ageOn(birth: Day, day: Day): number {
  const b = ymdOf(birth);
  const d = ymdOf(day);
  return d.y - b.y - (d.m < b.m || (d.m === b.m && d.d < b.d) ? 1 : 0);
}

/** A row limited to a group (苯丙酮尿症（18岁及以下儿童）) pays only that group (POLICY §12). */
function checkGroup(c: ClaimColumns, i: number, d: ChronicDisease, p: ResidentChronicParams, out: ResultColumns, tr: Trace): boolean {
  const g = GROUP_LIMITS[d.id];
  if (!g) return true;
  if (Number.isNaN(p.groupMaxAge)) raise(p.r.problems, g.maxAgeParam);
  const birth = c.birthDate[i]!;
  const person = PERSON_TYPES[c.personType[i]!]!;
  const personText = PERSON_TEXT[person] ?? { zh: person, en: person };
  let detail: Pick<StepData, "kind" | "values">;
  if (!Number.isNaN(birth)) {
    const day = claimDay(c, i, out);
    const age = ageOn(birth, day);
    if (age > p.groupMaxAge || age < 0) noRule("chronic_group_limited", msg("engine.chronic.groupAge", { row: d.name, birth: formatDay(birth), day: formatDay(day), age, max: p.groupMaxAge }), "birthDate", formatDay(birth));
    detail = { kind: "engine.chronic.groupAgeOk", values: { row: code(d.name), birth: code(formatDay(birth)), age: count(age), max: count(p.groupMaxAge) } };
  } else {
    if (reading(p.r, p.groupReading, g.readingParam) === "require_birth_date") badInput("field_missing", "birthDate", undefined, msg("engine.chronic.groupNeedsBirthDate", { row: d.name }));
    if (!g.personTypes.includes(person)) {
      refuse(out, i, groupProblem(d, person, personText));
      return false;
    }
    detail = { kind: "engine.chronic.groupPersonTypeOk", values: { row: code(d.name), person: words(personText) } };
  }
  if (tr) tr.push(step({ key: "group", heading: "engine.chronic.groupTitle", ...detail, refs: [g.ref, ...refsOf(p.r, g.maxAgeParam, g.readingParam)], params: [g.maxAgeParam, g.readingParam] }));
  return true;
}
const PERSON_TEXT: Record<string, Text> = { adult: msg("engine.person.adult"), elderly: msg("engine.person.elderly"), student: msg("engine.person.student"), minor: msg("engine.person.minor") };
const GROUP_PROBLEMS = new Map<string, Problem>();
/** The answer for a row and a person type outside its group, made once per pair. */
function groupProblem(d: ChronicDisease, person: string, personText: Text): Problem {
  const k = `${d.id}|${person}`;
  let p = GROUP_PROBLEMS.get(k);
  if (!p) GROUP_PROBLEMS.set(k, (p = { code: "chronic_group_limited", kind: "no_rule", field: "personType", value: person, message: msg("engine.chronic.groupPersonType", { row: d.name, person: personText }) }));
  return p;
}

function lanzhouResidentChronicOne(c: ClaimColumns, i: number, p: ResidentChronicParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const d = disease(c, i, "resident", p.rules, tr)!;
    if (!checkGroup(c, i, d, p, out, tr)) return;
    checkYears(c, i, out, { years: d.years, what: diseaseWhat(d), ref: d.ref, rules: p.rules }, tr);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    if (tr && c.secondDisease[i] !== DISEASE_NONE)
      tr.push(step({ key: "secondDisease", heading: "steps.secondDisease.title", kind: "steps.secondDisease.perDisease", values: {}, refs: [d.ref], params: [] }));
    const pooled = capped(c, i, e, d.ratio!, d.cap, out, tr, diseaseName(d), [d.ref], []);
    // 医疗救助 for the poor's outpatient dialysis and transplant (53-disease list 51–52; POLICY §12).
    const poor = c.povertyStatus[i] !== 0;
    const eligible = OUTPATIENT_ASSISTANCE_FLAG[c.disease[i]!] === 1;
    const assist = poor && eligible && reading(p.r, p.outpatientAssistance, OUTPATIENT_ASSISTANCE_ID) === "dialysis_transplant";
    seriousIllnessAndAssistance(c, i, p.si, e, pooled, out, tr, assist);
    if (tr && poor && !assist)
      tr.push(
        step({
          key: "assistance",
          heading: "engine.assistance.outpatientTitle",
          kind: eligible ? "engine.assistance.outpatientSwitchedOff" : "engine.assistance.outpatientNone",
          values: { row: code(d.name) },
          refs: [OUTPATIENT_ASSISTANCE.R01!, OUTPATIENT_ASSISTANCE.R02!, ...refsOf(p.r, OUTPATIENT_ASSISTANCE_ID)],
          params: [OUTPATIENT_ASSISTANCE_ID],
        }),
      );
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
  rules: ChronicRules;
  /** lanzhou.resident.twoDisease.exclusion: "either_disease" | "same_disease". */
  exclusion: string;
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
        rules: compileChronicRules(r),
        exclusion: r.choice(`${TD}.exclusion`),
      },
      [CLASS_B, `${TD}.ratio`, `${TD}.years`],
    );
  },
  settle: eachClaim(lanzhouTwoDiseaseOne),
};

const TWO_LEVEL_MAX = HOSPITAL_LEVELS.indexOf("2");
/** The answer for each level above 2, made once (a batch of level-3 two-disease claims formats nothing). */
const TWO_LEVEL_PROBLEMS: Problem[] = HOSPITAL_LEVELS.map((l) => ({ code: "two_disease_level", kind: "no_rule", field: "hospitalLevel", value: l, message: msg("engine.twoDisease.level", { level: LEVEL_TEXT[l]!.zh }) }));
const EXCLUSION = `${TD}.exclusion`;
const TD_WHAT: Text[] = [msg("engine.twoDisease.what.hypertension"), msg("engine.twoDisease.what.diabetes"), msg("engine.twoDisease.what.both")];
const TD_PARAMS = [`${TD}.ratio`, `${TD}.annualCap`, `${TD}.years`];
/** Which 两病 kinds a chronic row's approval excludes under the "same disease" reading: R38 hypertension, R21 diabetes. */
const EXCLUDES_KIND: Record<string, readonly number[]> = { R38: [0, 2], R21: [1, 2] };

function lanzhouTwoDiseaseOne(c: ClaimColumns, i: number, p: TwoDiseaseParams, _route: KernelOutcome, out: ResultColumns, tr: Trace): void {
    if (p.fatal) throw new PolicyError(p.fatal);
    const kind = c.twoDisease[i]!;
    if (kind === -1) badInput("field_missing", "chronicDisease", undefined, msg("engine.twoDisease.missing"));
    if (kind === -2)
      badInput("two_disease_unknown", "chronicDisease", c.diseaseNames[i], msg("engine.twoDisease.unknown"));
    const kindName = TWO_DISEASE_KINDS[kind]!;
    const what = TD_WHAT[kind]!;
    // Only at a chosen facility of level 2 or below (L 两病 五、; POLICY §7).
    const lv = c.hospitalLevel[i]!;
    if (lv !== NONE && lv > TWO_LEVEL_MAX) return refuse(out, i, TWO_LEVEL_PROBLEMS[lv]!);
    // Not for a person who holds a hypertension or diabetes chronic approval (L 两病 二、(二); POLICY §7).
    const approval = disease(c, i, "resident", p.rules, tr, true);
    if (approval && TWO_DISEASE_EXCLUDING_FLAG[c.secondDisease[i]!] === 1) {
      const either = reading(p.r, p.exclusion, EXCLUSION) === "either_disease";
      if (either || EXCLUDES_KIND[approval.id]!.includes(kind)) noRule("two_disease_excluded", msg("engine.twoDisease.excluded", { row: approval.name }), "secondChronicDisease", c.secondDiseaseNames[i]);
    }
    checkYears(c, i, out, { years: p.years, what, ref: tr ? p.r.ref(`${TD}.years`) : undefined }, tr);
    const cap = p.cap[kind]!;
    if (Number.isNaN(cap)) raise(p.r.problems, `${TD}.annualCap:${kindName}`);
    const e = policyScope(c, i, p.classB, out, tr, p.r, CLASS_B);
    if (tr)
      tr.push(
        step({
          key: "twoDiseaseNote",
          heading: "engine.twoDisease.conditionTitle",
          kind: lv === NONE ? "engine.twoDisease.conditionNoLevel" : "engine.twoDisease.conditionLevel",
          values: { level: lv === NONE ? null : code(LEVEL_TEXT[HOSPITAL_LEVELS[lv]!]!.zh), approval: approval ? part("engine.twoDisease.approvalOther", { row: code(approval.name) }) : part("engine.twoDisease.approvalNone") },
          refs: [TWO_DISEASE_LEVEL_REF, TWO_DISEASE_EXCLUSION_REF, ...refsOf(p.r, EXCLUSION)],
          params: [EXCLUSION],
        }),
      );
    capped(c, i, e, p.ratio, cap, out, tr, what, tr ? refsOf(p.r, `${TD}.ratio`, `${TD}.annualCap`) : NO_REFS, TD_PARAMS);
}

// --------------------------------------------------------------------------------------------
const GO = "lanzhou.resident.generalOutpatient";
const GO_WHAT: Text = msg("engine.generalOutpatient.what");
const GO_PARAMS = [`${GO}.ratio`, `${GO}.annualCap`];
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
    capped(c, i, e, p.ratio, p.cap, out, tr, GO_WHAT, tr ? refsOf(p.r, `${GO}.ratio`, `${GO}.annualCap`) : NO_REFS, GO_PARAMS);
}
