/**
 * Settling claims: the batch engine, and the one-claim path, which is the batch engine run on a batch
 * of one with a trace. There is one implementation of each rule (the kernels).
 */
import type { Claim } from "../claim/claim";
import { CARE_TYPES, CIVIL_SERVANT_RANKS, CROSS_REGIONS, INSURED_PLACES, LIAONING_CITIES, PERSON_TYPES, POVERTY_STATUSES, SCHEMES, SETTLEMENTS } from "../claim/enums";
import { conditionProblem, CONDITIONS, evaluate, findingName, findingsNotes, findingsRefusal, leafText, parseFindings } from "../catalogs/emergency";
import { formatDay, type Day } from "../dates";
import { citeText, type Ref } from "../docs";
import { formatYuan, MAX_FEN, type Fen } from "../money";
import type { Registry } from "../params/registry";
import { PolicyError, type Problem } from "../problem";
import type { Text } from "../text";
import { code, fen, list, part, step, words, type TraceStep } from "../trace";
import { allocResults, BAD_LEVEL, codesKnown, fromClaims, isFen, LAYERS, type ClaimColumns, type Incomplete, type Layer, type ResultColumns } from "./columns";
import { CompiledCache, LAYER_KEYS, type Kernel, type KernelOutcome } from "./kernel";
import { attested, staleList, staleParams, type StaleParam } from "./currency";
import { joinList, joinTexts, msg, type MessageKey } from "../messages";
import { lanzhouEmployeeInpatient } from "./kernels/lanzhouEmployeeInpatient";
import { lanzhouResidentInpatient } from "./kernels/lanzhouResidentInpatient";
import { lanzhouEmployeeChronic, lanzhouGeneralOutpatient, lanzhouResidentChronic, lanzhouTwoDisease } from "./kernels/lanzhouOutpatient";
import { shenyangInpatient } from "./kernels/shenyangInpatient";
import { shenyangEmergencyOutpatient } from "./kernels/shenyangEmergencyOutpatient";
import { cellIndex, ROUTES, type KernelId, type Outcome } from "./routes";
import { builtinRegistry } from "../params/builtin";
import { CITY_KERNELS } from "../policy/liaoningCity";

const KERNELS: Record<KernelId, Kernel<any>> = {
  "lanzhou.employee.inpatient": lanzhouEmployeeInpatient,
  "lanzhou.employee.chronic": lanzhouEmployeeChronic,
  "lanzhou.resident.inpatient": lanzhouResidentInpatient,
  "lanzhou.resident.chronic": lanzhouResidentChronic,
  "lanzhou.resident.twoDisease": lanzhouTwoDisease,
  "lanzhou.resident.generalOutpatient": lanzhouGeneralOutpatient,
  "shenyang.inpatient": shenyangInpatient,
  "shenyang.emergencyOutpatient": shenyangEmergencyOutpatient,
  ...CITY_KERNELS,
};

const INPATIENT = CARE_TYPES.indexOf("inpatient");
const DIRECT = SETTLEMENTS.indexOf("direct");

export type VersionBasis = "settlementDate" | "admissionDate" | "serviceDate";
const BASIS_KEYS: Record<VersionBasis, MessageKey> = {
  settlementDate: "engine.basis.settlementDate",
  admissionDate: "engine.basis.admissionDate",
  serviceDate: "engine.basis.serviceDate",
};
const BASIS_TEXT: Record<VersionBasis, Text> = { settlementDate: msg(BASIS_KEYS.settlementDate), admissionDate: msg(BASIS_KEYS.admissionDate), serviceDate: msg(BASIS_KEYS.serviceDate) };

/**
 * The date that picks the rule version (POLICY §2, SY 六、): the settlement date for direct settlement,
 * the admission date for manual reimbursement; for outpatient claims without an admission date, the
 * service date. A claim without the date its kind needs is an error naming that date. Returns which
 * date applies; the day is then c[basis][i].
 */
export function versionBasis(c: ClaimColumns, i: number): VersionBasis {
  const inpatient = c.careType[i] === INPATIENT;
  if (c.settlement[i] === DIRECT) {
    if (c.settlementDate[i] === c.settlementDate[i]) return "settlementDate";
    if (!inpatient && c.serviceDate[i] === c.serviceDate[i]) return "serviceDate";
    throw new PolicyError({ code: "field_missing", kind: "input", field: "settlementDate", message: msg("engine.version.settlementDateMissing") });
  }
  if (c.admissionDate[i] === c.admissionDate[i]) return "admissionDate";
  if (!inpatient && c.serviceDate[i] === c.serviceDate[i]) return "serviceDate";
  throw new PolicyError({
    code: "field_missing",
    kind: "input",
    field: inpatient ? "admissionDate" : "serviceDate",
    message: msg(inpatient ? "engine.version.admissionDateMissing" : "engine.version.serviceDateMissing"),
  });
}

export function versionDate(c: ClaimColumns, i: number): { day: Day; basis: VersionBasis } {
  const basis = versionBasis(c, i);
  return { day: c[basis][i]!, basis };
}

/** A claim's route cell (the routing pass in settleInto reads the same cell inline, from columns held in locals). */
export function routeOf(c: ClaimColumns, i: number, crossRegion = c.crossRegion[i]!): number {
  const prov = c.crossProvince[i]!; // 0 no, 1 yes, 2 unknown — same order as the table
  return ROUTES.cells[cellIndex(c.insuredPlace[i]!, c.scheme[i]!, c.careType[i]!, crossRegion, prov, c.treatedInInsuredPlace[i]!, c.inFiledPlace[i]!)]!;
}

/** Liaoning insured (Shenyang and the liaoning-city set): LN 第九条 checks their emergency claims. */
const LIAONING = Uint8Array.from(INSURED_PLACES, (p) => (p === "shenyang" || (LIAONING_CITIES as readonly string[]).includes(p) ? 1 : 0));
const EMERGENCY = CROSS_REGIONS.indexOf("emergency");
const TEMPORARY = CROSS_REGIONS.indexOf("temporary");
const EMERGENCY_REF: Ref = { doc: "LN", section: "第九条", excerpt: "经定点医疗机构认定不符合《急危重病种标准》的，按非急诊且未转诊临时外出就医人员自动备案并直接结算。" };

/**
 * A Shenyang emergency claim that names its condition is checked against the emergency list (SY 三、;
 * LN 第九条): met → emergency terms; not met → the temporary category, as LN 第九条 says; unknown →
 * an error listing the findings that are missing. A claim that names no condition keeps its category
 * (the trace says it was not checked).
 */
function emergencyCategory(c: ClaimColumns, i: number, tr: TraceStep[] | null): number {
  const cross = c.crossRegion[i]!;
  if (!LIAONING[c.insuredPlace[i]!] || cross !== EMERGENCY) return cross;
  const k = c.emergency[i]!;
  if (k === -1) {
    if (tr) tr.push(step({ key: "emergency", heading: "steps.emergency.title", kind: "steps.emergency.unchecked", values: {}, refs: [EMERGENCY_REF], params: [] }));
    return cross;
  }
  if (k === -2) throw new PolicyError({ code: "emergency_unknown", kind: "input", field: "emergencyCondition", value: c.emergencyNames[i], message: conditionProblem(c.emergencyNames[i]!) });
  const cond = CONDITIONS[k]!;
  // The findings language (docs/findings.md): a refused item is an error naming it; an ignored item is a trace note.
  const parsed = parseFindings(c.emergencyFindings[i] ?? "");
  const { findings, problems } = parsed;
  if (problems.length) throw new PolicyError({ code: "emergency_findings", kind: "input", field: "emergencyFindings", value: c.emergencyFindings[i], message: findingsRefusal(parsed) });
  const notes = findingsNotes(parsed);
  const ev = evaluate(cond, findings);
  if (ev.result === "unknown")
    throw new PolicyError({ code: "emergency_unknown_findings", kind: "input", field: "emergencyFindings", message: joinTexts([msg("engine.emergency.unknownFindings", { condition: cond.name, criterion: cond.criterionText, missing: { zh: joinList("zh", ev.missing.map((f) => findingName(f, "zh"))), en: joinList("en", ev.missing.map((f) => findingName(f, "en"))) } }), ...notes]) });
  if (tr) {
    const criterion = code(cond.criterionText);
    const result =
      ev.result === "met"
        ? part("steps.emergency.met", { criterion, leaves: list(ev.leaves.filter((l) => l.result === "met").map((l) => part("steps.emergency.leaf", { leaf: words({ zh: leafText(l, "zh"), en: leafText(l, "en") }), observed: code(String(l.observed)) })), "steps.sep.comma") })
        : part("steps.emergency.notMet", { criterion });
    tr.push(
      step({
        key: "emergency",
        heading: "steps.emergency.conditionTitle",
        kind: "steps.emergency.detail",
        values: { condition: words(cond.name), result: list([result, ...notes.map(words)], "common.sentenceSeparator") },
        refs: [...cond.refs.slice(0, 1), ...(ev.result === "met" ? [] : [EMERGENCY_REF])],
        params: [],
      }),
    );
  }
  return ev.result === "met" ? cross : TEMPORARY;
}

export function routeOutcome(route: number): Outcome {
  return ROUTES.rows[route]!.then;
}

const KERNEL_LIST = Object.values(KERNELS) as Kernel<unknown>[];
/** Per route row: the index of its kernel in KERNEL_LIST, or −1 (no rule / needs a field). */
const ROUTE_KERNEL = Int16Array.from(ROUTES.rows, (r) => (r.then.kind === "kernel" ? KERNEL_LIST.indexOf(KERNELS[r.then.kernel] as Kernel<unknown>) : -1));

/** The answer of each route row that is not a kernel, made once (a batch of no-rule claims allocates nothing). */
const ROUTE_PROBLEMS: (Problem | null)[] = ROUTES.rows.map((r) => {
  const o = r.then;
  if (o.kind === "no_rule") return { code: "no_rule", kind: "no_rule", message: msg("engine.route.cited", { message: o.message, cite: citeText(o.ref) }) };
  if (o.kind === "needs") return { code: "field_missing", kind: "input", field: o.field, message: o.message };
  return null;
});

/**
 * The dated form of a kept problem, made once per (problem, day, basis): the claims of a batch that
 * meet one missing parameter share a few hundred days, and each answer is the same object for the
 * same day (as ROUTE_PROBLEMS are shared), so a batch of refusals does not build its words per claim.
 */
const DATED = new WeakMap<Problem, Map<number, Problem>>();
const BASIS_INDEX: Readonly<Record<VersionBasis, number>> = { settlementDate: 0, admissionDate: 1, serviceDate: 2 };
function dated(p: Problem, day: Day, basis: VersionBasis): Problem {
  if (p.kind !== "no_rule" || p.code === "chronic_period_ended") return p;
  let byDay = DATED.get(p);
  if (!byDay) DATED.set(p, (byDay = new Map()));
  const key = day * 4 + BASIS_INDEX[basis];
  let d = byDay.get(key);
  if (!d) {
    if (byDay.size >= 4096) byDay.clear();
    byDay.set(key, (d = datedOnce(p, day, basis)));
  }
  return d;
}

function datedOnce(p: Problem, day: Day, basis: VersionBasis): Problem {
  return {
    ...p,
    ...(p.code === "date_before_params" ? { value: formatDay(day) } : {}),
    message: msg("engine.version.dated", { message: p.message, day: formatDay(day), basis: BASIS_TEXT[basis] }),
  };
}

/**
 * A claim setClaim marked malformed (columns.ts wellFormed: an enum value outside its codes, a person
 * type of the other scheme, an amount that is not whole fen in [0, MAX_FEN], parts above the total).
 * The validator never lets such a claim through; one built by hand is answered with a problem naming
 * the field instead of reaching the route table or a kernel (which threw, or gave NaN amounts).
 */
const ENUM_COLUMNS = [
  ["insuredPlace", INSURED_PLACES.length],
  ["scheme", SCHEMES.length],
  ["personType", PERSON_TYPES.length],
  ["careType", CARE_TYPES.length],
  ["crossRegion", CROSS_REGIONS.length],
  ["settlement", SETTLEMENTS.length],
  ["povertyStatus", POVERTY_STATUSES.length],
  ["civilServantRank", CIVIL_SERVANT_RANKS.length],
] as const;
const AMOUNT_COLUMNS = ["total", "outOfCatalog", "classB", "tcm", "ytdFundPaid", "ytdPersonalInPolicy"] as const;

function malformedProblem(c: ClaimColumns, i: number): Problem {
  const bad = ENUM_COLUMNS.find(([name, n]) => c[name][i]! >= n);
  if (bad || c.hospitalLevel[i] === BAD_LEVEL) {
    const field = bad ? bad[0] : "hospitalLevel";
    return { code: "invalid_enum", kind: "input", field, message: msg("engine.malformed.enum", { field }) };
  }
  if (!codesKnown(c, i)) {
    const person = PERSON_TYPES[c.personType[i]!]!;
    const scheme = SCHEMES[c.scheme[i]!]!;
    return { code: "person_type_scheme", kind: "input", field: "personType", value: person, message: msg("engine.malformed.personType", { person, scheme: msg(scheme === "employee" ? "engine.scheme.employee" : "engine.scheme.resident") }) };
  }
  const badAmount = AMOUNT_COLUMNS.find((k) => !isFen(c[k][i]!));
  const field = badAmount ?? (c.classB[i]! + c.outOfCatalog[i]! > c.total[i]! ? "classB" : "tcm");
  return {
    code: badAmount ? "amount_invalid" : "parts_exceed_total",
    kind: "input",
    field,
    value: String(c[field][i]),
    message: badAmount ? msg("engine.malformed.amount", { field, max: formatYuan(MAX_FEN) }) : msg("engine.malformed.partsExceedTotal", { field }),
  };
}

/** The engine: a registry (baseline or a reform) with its compiled-parameter cache. */
export class Engine {
  readonly cache: CompiledCache;
  constructor(readonly registry: Registry = builtinRegistry()) {
    this.cache = new CompiledCache(registry);
  }

  /**
   * Settle claims i in [from, to) of `c` into `out` (which may be reused: every row is reset first).
   * One pass routes each claim and finds its parameter epoch; the claims are then grouped by kernel
   * and epoch (a counting sort) and each kernel settles its group in one tight loop, with parameters
   * resolved once. Nothing is allocated per claim; a bad claim never stops the batch. With `traces`,
   * the same code runs with a trace for each claim (the one-claim path and the explainer).
   */
  settleInto(c: ClaimColumns, out: ResultColumns, from = 0, to = c.n, traces?: (TraceStep[] | null)[], fresh = false): void {
    const rows = ROUTES.rows;
    const n = to - from;
    const slotOf = (this.scratch.length >= n ? this.scratch : (this.scratch = new Int32Array(Math.max(n, 1024)))) as Int32Array;
    const slots: { k: Kernel<unknown>; p: unknown }[] = [];
    const { insuredPlace, crossRegion, careType, settlement, settlementDate, admissionDate, serviceDate, malformed, scheme, crossProvince, treatedInInsuredPlace, inFiledPlace } = c;
    const { route: outRoute, versionDay, problems } = out;
    // Per kernel: the slot and epoch bounds of the last claim it saw (claims of one kernel mostly share an epoch).
    const kSlot = this.kSlot.fill(-1);
    const kLo = this.kLo.fill(Infinity);
    const kHi = this.kHi.fill(-Infinity);
    if (!fresh) clearRows(out, from, to);
    for (let i = from; i < to; i++) {
      slotOf[i - from] = -1;
      const tr: TraceStep[] | null = traces ? (traces[i] = []) : null;
      try {
        if (malformed[i] !== 0) throw new PolicyError(malformedProblem(c, i));
        const place = insuredPlace[i]!;
        let cross = crossRegion[i]!;
        let emergencySteps: TraceStep[] | null = null;
        if (cross === EMERGENCY && LIAONING[place]) cross = emergencyCategory(c, i, (emergencySteps = tr ? [] : null));
        // routeOf, inline (crossProvince: 0 no, 1 yes, 2 unknown — same order as the table); test/batch.test.ts holds the two to the same cell
        const route = ROUTES.cells[cellIndex(place, scheme[i]!, careType[i]!, cross, crossProvince[i]!, treatedInInsuredPlace[i]!, inFiledPlace[i]!)]!;
        outRoute[i] = route;
        const ki = ROUTE_KERNEL[route]!;
        if (ki < 0) {
          problems[i] = ROUTE_PROBLEMS[route]!;
          continue;
        }
        // The version date (POLICY §2), read inline; versionBasis says which date is missing.
        let day = settlement[i] === DIRECT ? settlementDate[i]! : admissionDate[i]!;
        if (day !== day) {
          if (careType[i] !== INPATIENT && serviceDate[i] === serviceDate[i]) day = serviceDate[i]!;
          else versionBasis(c, i);
        }
        versionDay[i] = day;
        if (day < kLo[ki]! || day >= kHi[ki]!) {
          const k = KERNEL_LIST[ki]!;
          const p = this.cache.get(k, day);
          const o = rows[route]!.then as KernelOutcome;
          if (p === null)
            throw new PolicyError({ code: "date_before_params", kind: "no_rule", message: msg("engine.version.noRules", { day: formatDay(day), rule: o.label }) });
          let slot = slots.findIndex((sl) => sl.k === k && sl.p === p);
          if (slot < 0) slot = slots.push({ k, p }) - 1;
          kSlot[ki] = slot;
          kLo[ki] = this.cache.lo;
          kHi[ki] = this.cache.hi;
        }
        slotOf[i - from] = kSlot[ki]!;
        if (tr) tr.push(routeStep(rows[route]!.then as KernelOutcome, day, versionBasis(c, i)), ...(emergencySteps ?? []));
      } catch (e) {
        if (!(e instanceof PolicyError)) throw e;
        problems[i] = e.problem;
      }
    }
    // Group by slot (counting sort), then one kernel call per group.
    const counts = new Int32Array(slots.length + 1);
    for (let j = 0; j < n; j++) counts[slotOf[j]! + 1]!++;
    const starts = new Int32Array(slots.length + 1);
    for (let s = 1; s <= slots.length; s++) starts[s] = starts[s - 1]! + counts[s - 1]!;
    const idx = this.indexBuffer(n);
    if (slots.length === 1 && counts[0] === 0) {
      // every claim in one group (a batch of one rule and epoch, the common case): in order
      for (let j = 0; j < n; j++) idx[j] = from + j;
    } else {
      const fill = starts.slice();
      for (let j = 0; j < n; j++) {
        const s = slotOf[j]! + 1;
        idx[fill[s]!++] = from + j;
      }
    }
    for (let s = 0; s < slots.length; s++) {
      const a = starts[s + 1]!;
      const b = s + 2 <= slots.length ? starts[s + 2]! : n;
      if (a === b) continue;
      const { k, p } = slots[s]!;
      if (traces) for (let j = a; j < b; j++) k.settle(c, idx, j, j + 1, p, out, traces[idx[j]!]!);
      else k.settle(c, idx, a, b, p, out, null);
    }
    // Failed claims: empty amounts, and the date the rule version was looked up for in the message.
    for (let i = from; i < to; i++) {
      const pr = out.problems[i];
      if (!pr) {
        if (traces && slotOf[i - from]! >= 0) {
          const tr = traces[i]!;
          tr.push(personalStep(c, i, out));
          const cur = currencyStep(this.registry, tr, out.versionDay[i]!, (ROUTES.rows[out.route[i]!]!.then as KernelOutcome).kernel);
          if (cur) tr.push(cur);
        }
        continue;
      }
      blankRow(out, i);
      if (traces) traces[i] = [];
      if (pr.kind === "no_rule" && out.versionDay[i] === out.versionDay[i] && ROUTE_PROBLEMS[out.route[i]!] !== pr) out.problems[i] = dated(pr, out.versionDay[i]!, versionBasis(c, i));
    }
  }

  private scratch = new Int32Array(0);
  private readonly kSlot = new Int32Array(KERNEL_LIST.length);
  private readonly kLo = new Float64Array(KERNEL_LIST.length);
  private readonly kHi = new Float64Array(KERNEL_LIST.length);
  private idxBuf = new Int32Array(0);
  private indexBuffer(n: number): Int32Array {
    if (this.idxBuf.length < n) this.idxBuf = new Int32Array(Math.max(n, 1024));
    return this.idxBuf;
  }

  /**
   * The parameters of the rule that settled a claim (route, version day) whose version is more than
   * a year old on that day (POLICY §12 rule currency), for the batch paths that keep no trace: every
   * parameter the rule's kernel read for that epoch, and its dated tables.
   */
  staleParams(route: number, day: Day): readonly StaleParam[] {
    const o = ROUTES.rows[route]?.then;
    if (!o || o.kind !== "kernel") return [];
    // one answer per route and day (a batch's claims share a handful of days), looked up by number:
    // the audit asks once per claim
    let byDay = this.staleCache[route];
    if (!byDay) byDay = this.staleCache[route] = new Map();
    let list = byDay.get(day);
    if (!list) {
      const r = this.cache.reader(KERNELS[o.kernel] as Kernel<unknown>, day);
      list = r ? staleParams(this.registry, r.used, day, o.kernel) : [];
      if (byDay.size > 20_000) byDay.clear();
      byDay.set(day, list);
    }
    return list;
  }
  private readonly staleCache: (Map<number, readonly StaleParam[]> | undefined)[] = [];

  settleColumns(c: ClaimColumns): ResultColumns {
    const out = allocResults(c.n);
    this.settleInto(c, out, 0, c.n, undefined, true);
    return out;
  }

  /** One claim, with its trace and the parameter versions it used. */
  settle(claim: Claim): SettlementResult {
    const c = fromClaims([claim]);
    const out = allocResults(1);
    const traces: (TraceStep[] | null)[] = [null];
    this.settleInto(c, out, 0, 1, traces);
    return resultAt(this, c, out, 0, traces[0] ?? []);
  }
}

/** The result's amount columns (blankRow below writes each by name: it runs once per failed claim). */
const RESULT_AMOUNTS = ["policyScope", "classBSelfShare", "firstPay", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal"] as const;
/**
 * Reset rows before settling them, so that result columns can be reused: as range fills, not row by
 * row in the routing pass (15 stores per claim there cost about a fifth of an employee batch's time).
 */
function clearRows(out: ResultColumns, from: number, to: number): void {
  for (const k of RESULT_AMOUNTS) out[k].fill(0, from, to);
  out.incomplete.fill(undefined, from, to);
  out.problems.fill(undefined, from, to);
  out.versionDay.fill(NaN, from, to);
  out.route.fill(-1, from, to);
}
/** Blank the amounts of a claim that failed (NaN: not computed). */
function blankRow(out: ResultColumns, i: number): void {
  out.policyScope[i] = NaN;
  out.classBSelfShare[i] = NaN;
  out.firstPay[i] = NaN;
  out.threshold[i] = NaN;
  out.pooled[i] = NaN;
  out.largeAmount[i] = NaN;
  out.supplementary[i] = NaN;
  out.seriousIllness[i] = NaN;
  out.assistance[i] = NaN;
  out.subsidy[i] = NaN;
  out.personal[i] = NaN;
  out.incomplete[i] = undefined;
}
/** The word for an amount that is not computable (a partial settlement, POLICY §12), for screens and sheets. */
export const NOT_COMPUTABLE: Text = msg("engine.notComputable.word");

/** Which date picks the rule version (POLICY §2 generalises SY 六、). */
export const VERSION_DATE_REF: Ref = { doc: "SY", section: "六、", excerpt: "直接结算费用以结算日期为准,垫付报销费用以入院日期为准。" };
/**
 * Whose rules: the insured place's thresholds, ratios and caps, the place of care's catalog and
 * management (NA 二、(二); LN 第二十条; L 异地就医直接结算政策问答 八、). The engine settles every claim
 * by its insured place's rules; the catalog split (what is out of catalog, class B) comes in the claim.
 */
export const WHOSE_RULES: readonly Ref[] = [
  { doc: "NA", section: "二、(二)", excerpt: "执行参保地的医疗保障基金起付标准、支付比例、最高支付限额、门诊慢特病病种范围等有关规定" },
  { doc: "LN", section: "第二十条", excerpt: "基本医疗保险基金的起付标准、支付比例、最高支付限额、门诊慢特病病种范围等报销政策执行参保地规定。异地就医医疗费用手工报销执行参保地的支付范围、待遇标准、医保定点等规定。" },
  { doc: "L", section: "第一部分 异地就医直接结算政策问答 八、", excerpt: "概括起来就十五个字“就医地目录、参保地政策、就医地管理”。" },
];

function routeStep(o: Extract<Outcome, { kind: "kernel" }>, day: Day, basis: VersionBasis): TraceStep {
  return step({ key: "rule", heading: "steps.rule.title", kind: "steps.rule.detail", values: { rule: words(o.label), day: code(formatDay(day)), basis: part(BASIS_KEYS[basis]) }, refs: [o.ref, VERSION_DATE_REF], params: [] });
}

function personalStep(c: ClaimColumns, i: number, out: ResultColumns): TraceStep {
  const layers = LAYERS.filter((l) => out[l][i]! !== 0 && out[l][i] === out[l][i]);
  const terms = list(layers.map((l) => part("steps.personal.term", { layer: part(LAYER_KEYS[l]), amount: fen(out[l][i]!) })), null);
  const incomplete = out.incomplete[i];
  if (incomplete) {
    const knownSum = layers.reduce((a, l) => a + out[l][i]!, 0);
    return step({
      key: "personal",
      heading: "engine.personal.title",
      kind: "engine.personal.notComputable",
      values: { total: fen(c.total[i]!), ooc: fen(c.outOfCatalog[i]!), terms, layers: list(incomplete.map((x) => part(LAYER_KEYS[x.layer]))), known: fen(c.outOfCatalog[i]! + knownSum) },
      refs: [],
      params: [],
    });
  }
  return step({
    key: "personal",
    heading: "engine.personal.title",
    kind: "engine.personal.detail",
    values: { total: fen(c.total[i]!), ooc: fen(c.outOfCatalog[i]!), terms, personal: fen(out.personal[i]!) },
    amount: out.personal[i]!,
    refs: [],
    params: [],
  });
}

/** The rule-currency step (POLICY §12): the parameters this claim's trace read that are more than a year old on its version day. */
function currencyStep(reg: Registry, tr: readonly TraceStep[], day: Day, kernel: KernelId): TraceStep | null {
  const used = new Map<string, Day>();
  for (const s of tr) for (const id of s.params) if (!used.has(id) && reg.has(id)) {
    try {
      used.set(id, attested(reg.version(id, day)));
    } catch {
      // a parameter the documents do not give on that day was named by a not-computable step
    }
  }
  const stale = staleParams(reg, used, day, kernel);
  if (!stale.length) return null;
  return step({ key: "currency", heading: "engine.currency.title", kind: "engine.currency.detail", values: { day: code(formatDay(day)), list: words(staleList(stale)) }, refs: [], params: [] });
}

export interface ParamUse {
  id: string;
  label: Text;
  from: string;
  ref: Ref;
  override?: string;
}

export interface SettlementResult {
  id: string;
  ok: boolean;
  problem?: Problem;
  rule?: Text;
  versionDate?: string;
  total: Fen;
  outOfCatalog: Fen;
  policyScope: Fen;
  classBSelfShare: Fen;
  firstPay: Fen;
  threshold: Fen;
  layers: Record<Layer, Fen>;
  /** NaN when a layer is not computable (then `incomplete` says which and why). */
  personal: Fen;
  /** POLICY §12 partial settlement: the layers that are not computable (their amounts are NaN), with the parameter each needs. */
  incomplete?: Incomplete[];
  params: ParamUse[];
  trace: TraceStep[];
}

const NO_IDS: ReadonlySet<string> = new Set();

export function resultAt(engine: Engine, c: ClaimColumns, out: ResultColumns, i: number, trace: TraceStep[]): SettlementResult {
  const problem = out.problems[i] ?? undefined;
  const layers: Record<Layer, Fen> = { pooled: out.pooled[i]!, largeAmount: out.largeAmount[i]!, supplementary: out.supplementary[i]!, seriousIllness: out.seriousIllness[i]!, assistance: out.assistance[i]!, subsidy: out.subsidy[i]! };
  const res: SettlementResult = {
    id: c.ids[i]!,
    ok: !problem,
    total: c.total[i]!,
    outOfCatalog: c.outOfCatalog[i]!,
    policyScope: out.policyScope[i]!,
    classBSelfShare: out.classBSelfShare[i]!,
    firstPay: out.firstPay[i]!,
    threshold: out.threshold[i]!,
    layers,
    personal: out.personal[i]!,
    params: [],
    trace: problem ? [] : trace,
  };
  if (problem) res.problem = problem;
  else if (out.incomplete[i]) res.incomplete = out.incomplete[i]!.map((x) => ({ ...x }));
  if (out.route[i]! >= 0) {
    const o = ROUTES.rows[out.route[i]!]!.then;
    if (o.kind === "kernel") res.rule = o.label;
  }
  if (!Number.isNaN(out.versionDay[i]!)) {
    res.versionDate = formatDay(out.versionDay[i]!);
    // the versions used are read off the trace's steps (the batch paths keep none, and list none)
    const ids = res.trace.length ? new Set(res.trace.flatMap((s) => s.params)) : NO_IDS;
    for (const id of ids) {
      let v;
      try {
        v = engine.registry.version(id, out.versionDay[i]!);
      } catch (e) {
        // the parameter a not-computable layer needs (POLICY §12): named in `incomplete`, not a version used
        if (e instanceof PolicyError) continue;
        throw e;
      }
      const p = engine.registry.param(id);
      const use: ParamUse = { id, label: p.label, from: v.fromText, ref: v.ref };
      if (v.override) use.override = v.override.scenario;
      res.params.push(use);
    }
  }
  return res;
}

/**
 * Amounts as the CLI prints them: strings with two decimals, "0.00" for absent layers, null for a
 * layer that is not computable (and then for the personal share; `incomplete` says why).
 */
export function amountsOf(r: SettlementResult): Record<string, string | null> {
  const f = (x: Fen) => (x === x ? formatYuan(x) : null);
  return {
    policyScope: f(r.policyScope),
    threshold: f(r.threshold),
    pooled: f(r.layers.pooled),
    largeAmount: f(r.layers.largeAmount),
    supplementary: f(r.layers.supplementary),
    seriousIllness: f(r.layers.seriousIllness),
    assistance: f(r.layers.assistance),
    subsidy: f(r.layers.subsidy),
    personal: f(r.personal),
  };
}

/** The `incomplete` list of a JSON result in one language: [{layer, code, parameter, message}]. */
export function incompleteJson(r: SettlementResult, lang: "zh" | "en"): { layer: Layer; code: string; parameter: string; message: string }[] | undefined {
  return r.incomplete?.map((x) => ({ layer: x.layer, code: x.code, parameter: x.parameter, message: x.message[lang] }));
}
