/**
 * The auditors' main job: recompute every submitted claim and compare it with what the claim says was
 * (or should be) paid. A difference above 0.01 yuan flags the claim, with the reason in words: the
 * known mistake that, applied to the claim, reproduces the submitted amounts (a wrong threshold, the
 * wrong band ratio, the cap not applied, the first payment missed …). The same code serves the
 * command line and the task pane.
 */
import type { Claim, Claimed } from "../claim/claim";
import type { RawRecord } from "../claim/validate";
import type { DateSystem } from "../dates";
import { CLAIMED_KEYS, ColumnarValidator, type ChunkExtras, type ColumnarChunk, type TextSpan } from "../claim/columnar";
import { CARE_TYPES, CROSS_REGIONS, INSURED_PLACES, SETTLEMENTS } from "../claim/enums";
import { addMonths, formatDay } from "../dates";
import { PolicyError } from "../problem";
import { formatYuan, type Fen } from "../money";
import type { Problem } from "../problem";
import type { Text } from "../text";
import { allocResults, fromClaims, LAYERS, type ClaimColumns, type Layer, type ResultColumns } from "../engine/columns";
import { Engine, resultAt, type SettlementResult } from "../engine/settle";
import { HYPOTHESES } from "./hypotheses";
import { filingRules, referralFilingCovers } from "../policy/filing";
import { materialKinds, missingMaterials } from "../catalogs/materials";
import { LAYER_NAMES } from "../engine/kernel";
import { staleList, type StaleParam } from "../engine/currency";
import { joinTexts, msg, say } from "../messages";
import type { Day } from "../dates";
import { ignoredFindingsNote } from "../catalogs/emergency";

export type AuditStatus = "ok" | "flagged" | "error" | "unchecked";

/** A compared amount: what the claim says, what we recompute, and claimed − recomputed. */
export interface Comparison {
  field: ComparedField;
  claimed: Fen;
  recomputed: Fen;
  diff: Fen;
}

export type ComparedField = Layer | "personal" | "threshold" | "policyScope" | "preSelfPay" | "personalCash";

export const COMPARED_LABELS: Record<ComparedField, Text> = {
  pooled: msg("audit.field.pooled"),
  largeAmount: msg("audit.field.largeAmount"),
  supplementary: msg("audit.field.supplementary"),
  seriousIllness: msg("audit.field.seriousIllness"),
  assistance: msg("audit.field.assistance"),
  subsidy: msg("audit.field.subsidy"),
  personal: msg("audit.field.personal"),
  threshold: msg("audit.field.threshold"),
  policyScope: msg("audit.field.policyScope"),
  preSelfPay: msg("audit.field.preSelfPay"),
  personalCash: msg("audit.field.personalCash"),
};

/** Differences up to one fen are rounding, not mistakes ("more than 0.01"). */
export const TOLERANCE: Fen = 1;

export interface AuditRow {
  index: number;
  id: string;
  status: AuditStatus;
  claim?: Claim;
  result?: SettlementResult;
  comparisons: Comparison[];
  flagged: Comparison[];
  reasons: Text[];
  problems: Problem[];
  /** Set when another claim in the batch is the same expense (same id, or same person, date and total). */
  duplicateOf?: string;
  /** Set when the same stay is in the batch settled directly and claimed manually (SY 三、; LN 第二十八条). */
  settledTwice?: Text;
  /**
   * What could not be compared (POLICY §12 partial settlement): each layer the documents give no
   * figure for, with the parameter it needs, and the personal share with them. Empty when complete.
   */
  notCompared: NotCompared[];
}

export interface NotCompared {
  field: ComparedField;
  parameter: string;
  message: Text;
}

export interface AuditSummary {
  claims: number;
  ok: number;
  flagged: number;
  errors: number;
  unchecked: number;
  /** Claims settled in part (a layer not computable): counted in their status too, compared where they can be. */
  partial: number;
  /** Σ claimed and Σ recomputed fund payments (all layers) over the compared claims. */
  claimedFund: Fen;
  recomputedFund: Fen;
  /** Σ (claimed − recomputed) fund payments: what the batch overstates (positive) or understates. */
  totalDifference: Fen;
  byLayer: Record<Layer, { claimed: Fen; recomputed: Fen }>;
}

export interface AuditReport {
  rows: AuditRow[];
  summary: AuditSummary;
  /** What the audit could not check, once for the batch (e.g. a deadline the documents do not set). */
  notes: Text[];
}

/** The comparisons a claim allows: only amounts it states, and only amounts that could be computed (POLICY §12). */
export function compare(claimed: Claimed, r: SettlementResult): Comparison[] {
  const out: Comparison[] = [];
  const add = (field: ComparedField, c: Fen | undefined, v: Fen) => {
    if (c !== undefined && v === v) out.push({ field, claimed: c, recomputed: v, diff: c - v });
  };
  for (const l of LAYERS) add(l, claimed[l], r.layers[l]);
  add("personal", claimed.personal, r.personal);
  add("threshold", claimed.threshold, r.threshold);
  add("policyScope", claimed.policyScope, r.policyScope);
  add("preSelfPay", claimed.preSelfPay, r.classBSelfShare + r.firstPay);
  if (claimed.personalCash !== undefined) add("personalCash", claimed.personalCash + (claimed.accountPaid ?? 0), r.outOfCatalog + r.personal);
  return out;
}

export function hasClaimedAmounts(c: Claimed): boolean {
  for (const k in c) if (c[k as keyof Claimed] !== undefined) return true;
  return false;
}

const layerWords = (cs: Comparison[]): Text =>
  joinTexts(cs.map((c) => msg("audit.difference", { field: COMPARED_LABELS[c.field], claimed: formatYuan(c.claimed), recomputed: formatYuan(c.recomputed), diff: formatYuan(c.diff) })));

/** Why a flagged claim differs: the first known mistake that reproduces the submitted amounts, else a plain statement. */
export function explainDifference(engine: Engine, claim: Claim, result: SettlementResult, flagged: Comparison[]): Text[] {
  return explainDifferences(engine, [{ claim, result, flagged }])[0]!;
}

/**
 * explainDifference for many flagged claims at once: every variant of every hypothesis that applies
 * is settled in one batch per engine (amounts only, no trace), then each claim takes the first
 * variant, in the order of HYPOTHESES, whose amounts reproduce the submitted ones. The batch and the
 * one-claim path give the same amounts (tested), so the reason is the one a claim alone would get.
 */
export function explainDifferences(engine: Engine, items: readonly { claim: Claim; result: SettlementResult; flagged: Comparison[] }[]): Text[][] {
  const tried: { reason: Text; group: VariantGroup; at: number }[][] = [];
  const groups = new Map<Engine, VariantGroup>();
  for (const { claim, result } of items) {
    const mine: { reason: Text; group: VariantGroup; at: number }[] = [];
    for (const h of HYPOTHESES) {
      if (!h.applies(claim, result)) continue;
      for (const variant of h.variants(claim, result, engine)) {
        const e = variant.engine ?? engine;
        let g = groups.get(e);
        if (!g) groups.set(e, (g = { engine: e, claims: [], claimed: [], reproduces: [] }));
        mine.push({ reason: variant.reason, group: g, at: g.claims.length });
        g.claims.push(variant.claim);
        g.claimed.push(claim.claimed);
      }
    }
    tried.push(mine);
  }
  groups.forEach(reproduce);
  return items.map((item, k) => {
    const hit = tried[k]!.find((v) => v.group.reproduces[v.at]);
    return [hit ? hit.reason : msg("audit.reason.noKnownMistake", { differences: layerWords(item.flagged) })];
  });
}

interface VariantGroup {
  engine: Engine;
  claims: Claim[];
  /** The claimed amounts of the claim each variant varies: the ones to reproduce. */
  claimed: Claimed[];
  /** Per variant claim: does its settlement reproduce the claimed amounts of the claim it varies? */
  reproduces: boolean[];
}

function reproduce(g: VariantGroup): void {
  const cols = fromClaims(g.claims);
  const out = allocResults(cols.n);
  g.engine.settleInto(cols, out);
  for (let j = 0; j < cols.n; j++) {
    const alt = resultAt(g.engine, cols, out, j, []);
    if (!alt.ok) {
      g.reproduces[j] = false;
      continue;
    }
    const cs = compare(g.claimed[j]!, alt);
    g.reproduces[j] = cs.length > 0 && cs.every((c) => Math.abs(c.diff) <= TOLERANCE);
  }
}

export interface AuditOptions {
  engine?: Engine;
  /** How a row is named in messages (default: its spreadsheet row, the header being row 1). */
  rowLabel?: (index: number) => string;
  /** The user's column mapping corrections: header → canonical field, or null to ignore the column. */
  mapping?: Readonly<Record<string, string | null>>;
  /** The date system of the workbook the rows come from (a date cell's number is its serial); default 1900, as every file. */
  dateSystem?: DateSystem;
  /**
   * Keep the audit rows in `rows` (default). A stream (the command line on a large file) says false:
   * each step's rows are handed back and forgotten, and the caller sums their summary.
   */
  keepRows?: boolean;
}


/**
 * An audit over the rows of a table that advances in chunks, so that the task pane can show progress,
 * stay responsive on 100 000 rows and stop when asked. Each step validates its rows, marks duplicates
 * against every earlier row, settles the valid claims through the batch engine and compares them. The
 * result of running every step is the same whatever the chunk size (tested).
 */
export class AuditRun {
  readonly rows: AuditRow[] = [];
  private next = 0;
  /** Validates a step's rows column by column (problems identical to rowValidator's), giving the engine's columns. */
  private validator: ColumnarValidator;
  private readonly seen = new SeenClaims();
  private readonly engine: Engine;
  private readonly rowLabel: (i: number) => string;
  private deadlineUnknown = 0;
  private filingUnchecked = 0;
  private partial = 0;
  private readonly partialLayers = new Map<Layer, string>();
  private staleClaims = 0;
  private staleLatest = -Infinity;
  private readonly stale = new Map<string, StaleParam>();
  private readonly keep: boolean;
  private readonly mapping?: Readonly<Record<string, string | null>>;
  private readonly dateSystem?: DateSystem;
  /** The source rows being stepped through, and the index of the first of them. */
  private src: readonly (readonly unknown[] | undefined)[];
  /** Where set, the source row as a line not cut into cells (ColumnarValidator.validate's spans). */
  private srcSpans: readonly (TextSpan | undefined)[] | undefined;
  private base = 0;

  constructor(
    public header: readonly unknown[],
    data: readonly (readonly unknown[])[],
    opts: AuditOptions = {},
  ) {
    this.engine = opts.engine ?? new Engine();
    this.rowLabel = opts.rowLabel ?? ((i) => `row ${i + 2}`);
    this.mapping = opts.mapping;
    this.dateSystem = opts.dateSystem;
    this.validator = new ColumnarValidator(header, { mapping: opts.mapping, dateSystem: opts.dateSystem });
    this.keep = opts.keepRows !== false;
    this.src = data;
  }

  /**
   * A stream's next source rows (indexed after those before), once the ones before are stepped
   * through; a new header (JSON lines, whose keys grow as records come) only ever adds columns at
   * the end. Duplicates and double settlement are still found against every earlier row.
   */
  append(rows: readonly (readonly unknown[] | undefined)[], header?: readonly unknown[], spans?: readonly (TextSpan | undefined)[]): void {
    if (!this.finished) throw new Error("AuditRun.append before the rows given were stepped through");
    if (spans && spans.length !== rows.length) throw new Error("AuditRun.append: a span or a row for each row");
    this.base += this.src.length;
    this.src = rows;
    this.srcSpans = spans;
    if (header && header !== this.header) {
      this.header = header;
      this.validator = new ColumnarValidator(header, { mapping: this.mapping, dateSystem: this.dateSystem });
    }
  }

  get total(): number {
    return this.base + this.src.length;
  }
  /** Source rows processed so far. */
  get done(): number {
    return this.next;
  }
  get finished(): boolean {
    return this.next >= this.total;
  }

  /** Process up to `max` more source rows; returns the audit rows they produced (blank rows produce none). */
  step(max = 5000): AuditRow[] {
    const s = this.advance(max);
    const fresh = s.rows.map((r) => (typeof r === "number" ? plainRow(s, r) : r));
    if (this.keep) for (const r of fresh) this.rows.push(r);
    return fresh;
  }

  /**
   * step() without an object per plain claim (see LeanStep): for a caller that writes each step's
   * rows and forgets them (the command line), so a run that keeps its rows refuses it.
   */
  stepLean(max = 5000): LeanStep {
    if (this.keep) throw new Error("AuditRun.stepLean on a run that keeps its rows: use step()");
    return this.advance(max);
  }

  private advance(max: number): LeanStep {
    const from = this.next;
    const to = Math.min(this.total, from + Math.max(1, max));
    this.next = to;
    const rows = this.src.slice(from - this.base, Math.max(from, to) - this.base);
    const spans = this.srcSpans?.slice(from - this.base, Math.max(from, to) - this.base);
    const chunk = this.validator.validate(rows, (k) => this.rowLabel(from + k), spans);
    const cols = chunk.claims;
    const x = chunk.extras;
    const out = allocResults(cols.n);
    const lean: LeanStep = { rows: [], chunk, out, from, engine: this.engine, fund: new Float64Array(2 * cols.n), plain: summarise([]) };
    if (!rows.length) return lean;
    // in row order: error rows, and each claim's duplicate and double-settlement keys against every earlier row
    const entries = lean.rows;
    let dupOf: (string | undefined)[] = [];
    let twice: (Text | undefined)[] = [];
    for (let k = 0; k < rows.length; k++) {
      if (chunk.blank[k]) continue;
      const f = chunk.failures[k];
      if (f) {
        entries.push({ index: from + k, id: f.id ?? this.rowLabel(from + k), status: "error", comparisons: [], flagged: [], reasons: [], problems: f.problems, notCompared: [] });
        continue;
      }
      const j = chunk.claimOf[k]!;
      const whole = x.whole.length ? x.whole[j] : undefined;
      let who: string | undefined, day: number | undefined, id: string, total: Fen, care: string, disease: string | undefined, settlement: Claim["settlement"];
      if (whole) {
        ({ id, total, careType: care, chronicDisease: disease, settlement } = whole);
        who = whole.idNumber ?? whole.name;
        day = whole.admissionDate ?? whole.serviceDate;
      } else {
        // the fields the claim would have (ColumnarChunk.claimAt), read off the columns
        id = cols.ids[j]!;
        who = (x.idNumber.length ? x.idNumber[j] : undefined) ?? (x.name.length ? x.name[j] : undefined);
        const a = cols.admissionDate[j]!;
        const sv = cols.serviceDate[j]!;
        day = a === a ? a : sv === sv ? sv : undefined;
        total = cols.total[j]!;
        care = CARE_TYPES[cols.careType[j]!]!;
        disease = cols.diseaseNames[j];
        settlement = SETTLEMENTS[cols.settlement[j]!]!;
      }
      const { dup: d, twice: t } = this.seen.check(id, who, day, total, care, disease, settlement);
      if (d !== undefined) (dupOf.length ? dupOf : (dupOf = new Array(cols.n)))[j] = d;
      if (t) (twice.length ? twice : (twice = new Array(cols.n)))[j] = t;
      entries.push(j);
    }
    if (!cols.n) return lean;
    this.engine.settleInto(cols, out);
    // the claims with something to say get their row; a plain one stays a place in the columns
    const claimRow: (AuditRow | undefined)[] = new Array(cols.n);
    const toExplain: AuditRow[] = [];
    for (let j = 0; j < cols.n; j++) {
      const settled = !out.problems[j];
      if (settled) this.noteCurrency(this.engine.staleParams(out.route[j]!, out.versionDay[j]!), out.versionDay[j]!);
      if (settled && !out.incomplete[j] && (!x.whole.length || !x.whole[j]) && (!dupOf.length || dupOf[j] === undefined) && (!twice.length || !twice[j]) && !mayHavePaperwork(cols, x, j) && scanAmounts(cols, x, out, j)) {
        addPlain(lean, j, statesAmounts(x, j));
        continue;
      }
      const claim = chunk.claimAt(j);
      const row: AuditRow = { index: from + chunk.rowOf[j]!, id: claim.id, status: "unchecked", claim, comparisons: [], flagged: [], reasons: [], problems: [], notCompared: [] };
      if (dupOf.length && dupOf[j] !== undefined) row.duplicateOf = dupOf[j];
      if (twice.length && twice[j]) row.settledTwice = twice[j];
      this.compareAmounts(row, claim, resultAt(this.engine, cols, out, j, []));
      if (row.flagged.length) toExplain.push(row);
      claimRow[j] = row;
    }
    // the reasons of the step's differences, their hypotheses settled together; then the checks beyond amounts
    const why = explainDifferences(this.engine, toExplain.map((r) => ({ claim: r.claim!, result: r.result!, flagged: r.flagged })));
    toExplain.forEach((r, k) => r.reasons.push(...why[k]!));
    for (let j = 0; j < cols.n; j++) if (claimRow[j]) this.checkPaperwork(claimRow[j]!, claimRow[j]!.claim!);
    for (let e = 0; e < entries.length; e++) {
      const r = entries[e]!;
      if (typeof r === "number" && claimRow[r]) entries[e] = claimRow[r]!;
    }
    return lean;
  }

  /** Rule currency (POLICY §12): which parameters are older than a year at the claims' dates, said once. */
  private noteCurrency(stale: readonly StaleParam[], day: Day): void {
    if (!stale.length) return;
    this.staleClaims++;
    if (day > this.staleLatest) this.staleLatest = day;
    for (const p of stale) if (!this.stale.has(p.id)) this.stale.set(p.id, p);
  }

  /** The claim's amounts against the recomputed ones (the reasons of a difference come after, for the whole step). */
  private compareAmounts(row: AuditRow, claim: Claim, res: SettlementResult): void {
    row.result = res;
    if (res.ok && res.incomplete) {
      // compare what can be compared, and say what could not (POLICY §12)
      this.partial++;
      for (const x of res.incomplete) {
        this.partialLayers.set(x.layer, x.parameter);
        row.notCompared.push({ field: x.layer, parameter: x.parameter, message: msg("audit.notCompared", { what: LAYER_NAMES[x.layer], reason: x.message }) });
      }
      row.notCompared.push({ field: "personal", parameter: res.incomplete[0]!.parameter, message: msg("audit.notComparedPersonal") });
    }
    if (!res.ok) {
      if (res.problem!.code === "chronic_period_ended") {
        // the approval ran out: nothing is payable under it, which a submitted claim should not ignore
        row.status = "flagged";
        row.reasons.push(msg("audit.chronicPeriodEnded", { reason: res.problem!.message }));
      } else {
        row.status = "error";
        row.problems = [res.problem!];
      }
    } else if (hasClaimedAmounts(claim.claimed)) {
      row.comparisons = compare(claim.claimed, res);
      row.flagged = row.comparisons.filter((c) => Math.abs(c.diff) > TOLERANCE);
      row.status = row.flagged.length === 0 ? "ok" : "flagged";
    }
  }

  /** What a claim is checked for beyond its amounts: filing, pay-first, materials, double settlement, findings, deadline, duplicates. */
  private checkPaperwork(row: AuditRow, claim: Claim): void {
    for (const check of CLAIM_CHECKS) {
      const t = check(claim, this.engine);
      if (t === "not_in_force") this.filingUnchecked++;
      else if (t) {
        row.status = "flagged";
        row.reasons.push(t);
      }
    }
    if (row.settledTwice) {
      row.status = "flagged";
      row.reasons.push(row.settledTwice);
    }
    const ignored = claim.emergencyCondition !== undefined ? ignoredFindingsNote(claim.emergencyFindings) : null; // findings items not used (docs/findings.md)
    if (ignored) row.reasons.push(ignored);
    const late = deadlineCheck(this.engine, claim);
    if (late === "unknown") this.deadlineUnknown++;
    else if (late) {
      row.status = "flagged";
      row.reasons.push(late);
    }
    if (row.duplicateOf !== undefined) {
      row.status = "flagged";
      row.reasons.unshift(msg("audit.duplicate", { other: row.duplicateOf }));
    }
  }

  /** Run every remaining step at once. */
  finish(): AuditReport {
    while (!this.finished) this.step(20_000);
    return this.report();
  }

  /** The report so far (of the rows processed, when the run was stopped early). */
  report(): AuditReport {
    const notes: Text[] = [];
    if (this.deadlineUnknown)
      notes.push(msg("audit.note.deadlineUnknown", { n: this.deadlineUnknown }));
    if (this.partial)
      notes.push(
        msg("audit.note.partial", {
          n: this.partial,
          layers: joinTexts([...this.partialLayers.keys()].map((l) => LAYER_NAMES[l])),
          params: [...new Set(this.partialLayers.values())].join(", "),
        }),
      );
    if (this.staleClaims) notes.push(msg("audit.note.currency", { n: this.staleClaims, latest: formatDay(this.staleLatest), list: staleList([...this.stale.values()]) }));
    if (this.filingUnchecked) notes.push(msg("audit.note.filingNotInForce", { n: this.filingUnchecked, from: LN_IN_FORCE }));
    return { rows: this.rows, summary: summarise(this.rows), notes };
  }
}

/** Audit raw records (objects keyed by header). One bad record never stops the batch. */
export function auditRecords(records: readonly RawRecord[], engine = new Engine(), rowLabel = (i: number) => `row ${i + 2}`): AuditReport {
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const data = records.map((r) => header.map((h) => (Object.hasOwn(r, h) ? r[h] : null)));
  return new AuditRun(header, data, { engine, rowLabel }).finish();
}

/**
 * Was a manual claim handed in after its place's deadline? The documents set none (NA 附件2 三、(五)
 * leaves it blank): only a deadline the user supplies as a parameter is checked; without one the
 * answer is "unknown", which the report says once, rather than a guess.
 */
export function deadlineCheck(engine: Engine, c: Claim): Text | "unknown" | null {
  if (c.settlement !== "manual" || c.submissionDate === undefined) return null;
  const from = c.dischargeDate ?? c.serviceDate ?? c.settlementDate ?? c.admissionDate;
  if (from === undefined) return null;
  const id = `${c.insuredPlace}.manual.submissionDeadlineMonths`;
  if (!engine.registry.has(id)) return "unknown";
  let months: number;
  try {
    months = engine.registry.num(id, from);
  } catch (e) {
    if (e instanceof PolicyError) return "unknown";
    throw e;
  }
  const end = addMonths(from, months);
  if (c.submissionDate <= end) return null;
  return msg("audit.late", { from: formatDay(from), submitted: formatDay(c.submissionDate), months, end: formatDay(end) });
}

/** The day LN 2022 is in force (its filing parameters start then). */
const LN_IN_FORCE = "2023-01-01";
/** L: long-term filers' chronic and 两病 care is paid first and claimed manually (POLICY §12). */
export const PAY_FIRST_REFS = {
  chronic: { doc: "L", section: "第一部分 三、(三) 4.(3)", excerpt: "发生的特殊疾病长期门诊医疗费用先由本人垫付，每半年或一年将资料报送所在辖区医保经办机构审核结算。" },
  two_disease: { doc: "L", section: "第三部分 两病 六、(二)", excerpt: "异地就医备案人员发生的“两病”门诊药品费用先由本人垫付，原则上每半年报销一次" },
  direct: { doc: "L", section: "第一部分 异地就医直接结算政策问答 三、", excerpt: "目前只有住院医疗费用可以实现直接结算，长期门诊费用暂时不支持。" },
} as const;
/** After direct settlement no benefit difference is refunded (SY 三、; LN 第二十八条). */
export const NO_REFUND_REFS = [
  { doc: "SY", section: "三、", excerpt: "异地就医直接结算后,不得因待遇差等原因办理退费。" },
  { doc: "LN", section: "第二十八条", excerpt: "原则上，异地就医医疗费用完成直接结算的，不得因待遇差等原因办理退费。" },
] as const;

/**
 * Checks on a claim's paperwork, beyond its amounts: each returns the reason it fails, null, or
 * "not_in_force" when the rule it checks was not yet in force (counted and said once).
 * - a Liaoning (Shenyang) referral admitted after its filing ran out (LN 第十八条), by the dated
 *   liaoning.filing.* parameters of the admission date; admissions before 2023-01-01 are not checked;
 * - a Lanzhou long-term filer's chronic or 两病 care settled directly: the guide says pay first and
 *   claim manually (the amounts are settled as usual);
 * - materials handed in that miss items of the list for the claim's kind (when the claim lists them).
 */
export const CLAIM_CHECKS: readonly ((c: Claim, engine: Engine) => Text | null | "not_in_force")[] = [
  (c, engine) => {
    if (c.insuredPlace !== "shenyang" || c.crossRegion !== "referral" || c.filingDate === undefined || c.admissionDate === undefined) return null;
    const rules = filingRules(engine.registry, c.admissionDate);
    if (!rules) return "not_in_force";
    const a = referralFilingCovers(c.filingDate, c.admissionDate, rules);
    return a.ok ? null : msg("audit.filingExpired", { detail: a.message });
  },
  (c) => {
    if (c.insuredPlace !== "lanzhou" || c.crossRegion !== "long_term" || c.settlement !== "direct" || (c.careType !== "chronic" && c.careType !== "two_disease")) return null;
    const ref = PAY_FIRST_REFS[c.careType];
    return msg("audit.directLongTerm", { care: c.careType === "chronic" ? msg("audit.care.chronic") : msg("audit.care.twoDisease"), section: joinTexts([ref.section, PAY_FIRST_REFS.direct.section].map((s) => ({ zh: s, en: s }))) });
  },
  (c) => {
    if (c.materials === undefined || c.settlement !== "manual") return null;
    const kinds = materialKinds({ careType: c.careType, settlement: "manual", insuredPlace: c.insuredPlace, scheme: c.scheme, purpose: "reimbursement" });
    const kind = kinds.find((k) => k.appliesTo.insuredPlace === c.insuredPlace) ?? kinds[0];
    if (!kind) return null;
    const m = missingMaterials(kind, c.materials);
    if (!m.missing.length) return null;
    // English items may hold commas themselves: they are separated as sentences
    const items = { zh: m.missing.map((x) => x.zh).join(say("zh", "common.listSeparator")), en: m.missing.map((x) => x.en).join(say("en", "common.sentenceSeparator")) };
    return msg(m.openEnded ? "audit.materialsMissingMinimum" : "audit.materialsMissing", { kind: kind.name, items });
  },
];

/**
 * Duplicate claims in one batch: the same claim id twice, or the same person (ID number, else name)
 * with the same admission or service date and the same total. The later one is flagged.
 */
export function markDuplicates(rows: AuditRow[]): void {
  const seen = new SeenClaims();
  for (const r of rows) {
    const c = r.claim;
    if (!c) continue;
    const d = seen.duplicateOf(c.id, c.idNumber ?? c.name, c.admissionDate ?? c.serviceDate, c.total, c.careType, c.chronicDisease);
    if (d !== undefined && r.duplicateOf === undefined) r.duplicateOf = d;
  }
}

/** A claim of a person as SeenClaims keeps it: what its keys are made of. */
interface Visit {
  day: number;
  total: Fen;
  care: string;
  disease: string;
  id: string;
  settlement: Claim["settlement"];
}

/** A person's visits kept in a list up to this many; past it, in maps by key (a name shared by many claims of a batch without ID numbers). */
const LONG_VISITS = 32;

/**
 * What a batch has seen of its claims, for the two checks against every earlier row:
 * - duplicateOf: the id of an earlier claim this one repeats — the same claim id, or the same person
 *   (ID number, else name), admission or service date, total, care type and disease (markDuplicates);
 * - settledTwice: the same stay (person, date, care type, disease) settled directly and claimed
 *   manually in one batch — after direct settlement no benefit difference is refunded (SY 三、; LN
 *   第二十八条; POLICY §12); the later row of the pair is flagged, naming the first, whichever order.
 * Each key's first claim is the one named. Kept per person (a claim id in a map of ids, a person's
 * one visit alone, more in a short list, or in maps by key past LONG_VISITS) rather than as a string key per check:
 * on 1e6 rows, three strings and three map entries per row were 0.9 s and most of the audit's memory.
 * test/seen-claims.test.ts checks it against those string keys.
 */
export class SeenClaims {
  private readonly ids = new Map<string, string>();
  private readonly people = new Map<string, Visit | Visit[] | { dups: Map<string, string>; stays: Map<string, Visit> }>();

  /** The earlier claim this one repeats, or undefined; this claim's keys are remembered where they are new. */
  duplicateOf(id: string, who: string | undefined, day: number | undefined, total: Fen, care: string, disease: string | undefined): string | undefined {
    let other = this.sameId(id);
    if (who !== undefined && day !== undefined) {
      const o = this.visit(who, day, total, care, disease ?? "", id, undefined).dup;
      if (other === undefined) other = o;
    }
    return other;
  }

  /**
   * Both checks for one claim (duplicateOf, and the stay settled the other way: the message naming
   * the first claim of the stay), the claim remembered once.
   */
  check(id: string, who: string | undefined, day: number | undefined, total: Fen, care: string, disease: string | undefined, settlement: Claim["settlement"]): { dup: string | undefined; twice: Text | undefined } {
    const dup = this.sameId(id);
    if (who === undefined || day === undefined) return { dup, twice: undefined };
    const v = this.visit(who, day, total, care, disease ?? "", id, settlement);
    const first = v.stay;
    const twice = first && first.settlement !== settlement ? msg(settlement === "manual" ? "audit.manualAfterDirect" : "audit.directAfterManual", { other: first.id }) : undefined;
    return { dup: dup ?? v.dup, twice };
  }

  /** The earlier claim with this claim id, or undefined (the id is this claim's now). */
  private sameId(id: string): string | undefined {
    // a row's own label ("row 12") is not an id two claims can share
    if (!id || (id.startsWith("row ") && /^row \d+$/.test(id))) return undefined;
    const first = this.ids.get(id);
    if (first === undefined) this.ids.set(id, id);
    return first;
  }

  /**
   * The first earlier claim of this person with the same duplicate key (day, total, care, disease)
   * and the first with the same stay (day, care, disease); this claim is kept when its duplicate key is new.
   * `settlement` undefined: the duplicate check alone (markDuplicates), the stay not looked at.
   */
  private visit(who: string, day: number, total: Fen, care: string, disease: string, id: string, settlement: Claim["settlement"] | undefined): { dup: string | undefined; stay: Visit | undefined } {
    const p = this.people.get(who);
    let dup: Visit | undefined;
    let stay: Visit | undefined;
    // most people have one claim in a batch: their visit is kept alone, without a list
    if (p === undefined) {
      this.people.set(who, { day, total, care, disease, id, settlement: settlement as Claim["settlement"] });
      return { dup: undefined, stay: undefined };
    }
    if (!Array.isArray(p) && "care" in p) {
      if (p.day === day && p.care === care && p.disease === disease) {
        if (p.settlement !== undefined) stay = p;
        if (sameTotal(p.total, total)) dup = p;
      }
      if (dup === undefined) this.people.set(who, [p, { day, total, care, disease, id, settlement: settlement as Claim["settlement"] }]);
      return { dup: dup?.id, stay };
    }
    if (Array.isArray(p)) {
      for (let k = 0; k < p.length && (dup === undefined || stay === undefined); k++) {
        const v = p[k]!;
        if (v.day !== day || v.care !== care || v.disease !== disease) continue;
        if (stay === undefined && v.settlement !== undefined) stay = v;
        if (dup === undefined && sameTotal(v.total, total)) dup = v;
      }
      // a claim whose duplicate key is known has a known stay too (the same key holds the stay's)
      if (dup === undefined) {
        const v: Visit = { day, total, care, disease, id, settlement: settlement as Claim["settlement"] };
        if (p.length < LONG_VISITS) p.push(v);
        else this.people.set(who, keyed([...p, v]));
      }
      return { dup: dup?.id, stay };
    }
    const dk = `${day}|${total}|${care}|${disease}`;
    const d = p.dups.get(dk);
    if (d === undefined) p.dups.set(dk, id);
    if (settlement === undefined) return { dup: d, stay: undefined };
    const sk = `${day}|${care}|${disease}`;
    stay = p.stays.get(sk);
    if (stay === undefined) p.stays.set(sk, { day, total, care, disease, id, settlement });
    return { dup: d, stay };
  }
}

/** Totals equal as the keys' text compared them (`${total}`: 0 and −0 alike, NaN like NaN). */
const sameTotal = (a: number, b: number) => a === b || (a !== a && b !== b);

/** A person's visits (in order) as maps by key: each key's first visit. */
function keyed(visits: Visit[]): { dups: Map<string, string>; stays: Map<string, Visit> } {
  const dups = new Map<string, string>();
  const stays = new Map<string, Visit>();
  for (const v of visits) {
    const dk = `${v.day}|${v.total}|${v.care}|${v.disease}`;
    if (!dups.has(dk)) dups.set(dk, v.id);
    const sk = `${v.day}|${v.care}|${v.disease}`;
    if (v.settlement !== undefined && !stays.has(sk)) stays.set(sk, v);
  }
  return { dups, stays };
}

// ---------------------------------------------------------------------------------------------
// Plain claims: read off the columns, no objects

/**
 * A step's rows as the audit gives them without an object per plain claim. A row with something to
 * say (flagged, error, settled in part, a reason or a note) is an AuditRow; a plain claim — settled
 * in full, every amount it states within the tolerance, no paperwork, duplicate or double settlement
 * to report — is its index in the step's columns, and the report reads its figures there
 * (plainCells in report.ts). plainRow gives it as the AuditRow step() returns.
 */
export interface LeanStep {
  /** In source order. */
  rows: (AuditRow | number)[];
  chunk: ColumnarChunk;
  out: ResultColumns;
  /** The source index of the chunk's first row. */
  from: number;
  engine: Engine;
  /** Per plain claim j: the fund it states (Σ of the layers compared) at 2j and as recomputed at 2j + 1; NaN when no layer is compared. */
  fund: Float64Array;
  /** The summary of the step's plain rows. */
  plain: AuditSummary;
}

/** The claimed amounts' columns by key (CLAIMED_KEYS order). */
const SLOT = Object.fromEntries(CLAIMED_KEYS.map((k, q) => [k, q])) as Record<keyof Claimed, number>;
const LANZHOU = INSURED_PLACES.indexOf("lanzhou");
const LONG_TERM = CROSS_REGIONS.indexOf("long_term");
const DIRECT = SETTLEMENTS.indexOf("direct");
const CHRONIC = CARE_TYPES.indexOf("chronic");
const TWO_DISEASE = CARE_TYPES.indexOf("two_disease");

/**
 * Could a check beyond the amounts (CLAIM_CHECKS, the findings note, the deadline) say something of
 * claim j? False only when none of the fields those checks read is given; a new check that can speak
 * of a claim without them must be added here (test/auditLean.test.ts runs every check on the claims
 * this calls false).
 */
export function mayHavePaperwork(c: ClaimColumns, x: ChunkExtras, j: number): boolean {
  if (x.filingDate.length && x.filingDate[j] === x.filingDate[j]) return true;
  if (x.submissionDate.length && x.submissionDate[j] === x.submissionDate[j]) return true;
  if (x.materials.length && x.materials[j] !== undefined) return true;
  if (c.emergencyNames[j] !== undefined) return true;
  const care = c.careType[j];
  return c.insuredPlace[j] === LANZHOU && c.crossRegion[j] === LONG_TERM && c.settlement[j] === DIRECT && (care === CHRONIC || care === TWO_DISEASE);
}

function claimedAt(x: ChunkExtras, key: keyof Claimed, j: number): number {
  const a = x.claimed[SLOT[key]]!;
  return a.length ? a[j]! : NaN;
}

/**
 * compare() of claim j over the columns (for a claim the validator read column-wise; NaN is "not
 * stated" / "not computable"): each compared field with its claimed and recomputed fen, in compare's
 * order. Tested to give what compare gives on the claim and its result.
 */
export function comparedAt(c: ClaimColumns, x: ChunkExtras, out: ResultColumns, j: number, each: (field: ComparedField, claimed: Fen, recomputed: Fen) => void): void {
  const add = (field: ComparedField, cl: number, v: number) => {
    if (cl === cl && v === v) each(field, cl, v);
  };
  for (const l of LAYERS) add(l, claimedAt(x, l, j), out[l][j]!);
  add("personal", claimedAt(x, "personal", j), out.personal[j]!);
  add("threshold", claimedAt(x, "threshold", j), out.threshold[j]!);
  add("policyScope", claimedAt(x, "policyScope", j), out.policyScope[j]!);
  add("preSelfPay", claimedAt(x, "preSelfPay", j), out.classBSelfShare[j]! + out.firstPay[j]!);
  const cash = claimedAt(x, "personalCash", j);
  if (cash === cash) {
    const acc = claimedAt(x, "accountPaid", j);
    add("personalCash", cash + (acc === acc ? acc : 0), c.outOfCatalog[j]! + out.personal[j]!);
  }
}

/** What scanAmounts found of one claim (module state: no object per claim). */
const scan = { within: true, any: false, claimed: 0, recomputed: 0, layerClaimed: new Float64Array(LAYERS.length), layerRecomputed: new Float64Array(LAYERS.length) };
const LAYER_INDEX = Object.fromEntries(LAYERS.map((l, k) => [l, k])) as Record<string, number>;
const scanOne = (f: ComparedField, cl: Fen, v: Fen) => {
  if (Math.abs(cl - v) > TOLERANCE) scan.within = false;
  const k = LAYER_INDEX[f];
  if (k === undefined) return;
  scan.any = true;
  scan.claimed += cl;
  scan.recomputed += v;
  scan.layerClaimed[k]! += cl;
  scan.layerRecomputed[k]! += v;
};
/** comparedAt of claim j into `scan`: within the tolerance? and the fund's sums, per layer and in all. */
function scanAmounts(c: ClaimColumns, x: ChunkExtras, out: ResultColumns, j: number): boolean {
  scan.within = true;
  scan.any = false;
  scan.claimed = 0;
  scan.recomputed = 0;
  scan.layerClaimed.fill(0);
  scan.layerRecomputed.fill(0);
  comparedAt(c, x, out, j, scanOne);
  return scan.within;
}

/** Does plain claim j state any claimed amount (hasClaimedAmounts)? Then it is "ok", else "unchecked". */
export function statesAmounts(x: ChunkExtras, j: number): boolean {
  for (const a of x.claimed) if (a.length && a[j] === a[j]) return true;
  return false;
}

/** Plain claim j as the AuditRow step() gives. */
export function plainRow(s: LeanStep, j: number): AuditRow {
  const claim = s.chunk.claimAt(j);
  const result = resultAt(s.engine, s.chunk.claims, s.out, j, []);
  const has = hasClaimedAmounts(claim.claimed);
  return { index: s.from + s.chunk.rowOf[j]!, id: claim.id, status: has ? "ok" : "unchecked", claim, comparisons: has ? compare(claim.claimed, result) : [], flagged: [], reasons: [], problems: [], notCompared: [], result };
}

/** Count plain claim j (just scanned) in the step's summary, and keep its fund sums for its report row. */
function addPlain(s: LeanStep, j: number, states: boolean): void {
  const p = s.plain;
  p.claims++;
  if (!states) {
    p.unchecked++;
    s.fund[2 * j] = s.fund[2 * j + 1] = NaN;
    return;
  }
  p.ok++;
  s.fund[2 * j] = scan.any ? scan.claimed : NaN;
  s.fund[2 * j + 1] = scan.any ? scan.recomputed : NaN;
  if (!scan.any) return;
  LAYERS.forEach((l, k) => {
    p.byLayer[l].claimed += scan.layerClaimed[k]!;
    p.byLayer[l].recomputed += scan.layerRecomputed[k]!;
  });
  p.claimedFund += scan.claimed;
  p.recomputedFund += scan.recomputed;
  p.totalDifference = p.claimedFund - p.recomputedFund;
}

/** The summary of a step's rows: summarise of its row objects with the plain rows' summary. */
export function summariseStep(s: LeanStep): AuditSummary {
  const objects: AuditRow[] = [];
  for (const r of s.rows) if (typeof r !== "number") objects.push(r);
  return addSummaries(summarise(objects), s.plain);
}

/** Two summaries of parts of a batch as the summary of the whole (every figure is a count or a sum). */
export function addSummaries(a: AuditSummary, b: AuditSummary): AuditSummary {
  const byLayer = { ...a.byLayer };
  for (const l of LAYERS) byLayer[l] = { claimed: a.byLayer[l].claimed + b.byLayer[l].claimed, recomputed: a.byLayer[l].recomputed + b.byLayer[l].recomputed };
  return {
    claims: a.claims + b.claims,
    ok: a.ok + b.ok,
    flagged: a.flagged + b.flagged,
    errors: a.errors + b.errors,
    unchecked: a.unchecked + b.unchecked,
    partial: a.partial + b.partial,
    claimedFund: a.claimedFund + b.claimedFund,
    recomputedFund: a.recomputedFund + b.recomputedFund,
    totalDifference: a.totalDifference + b.totalDifference,
    byLayer,
  };
}


export function summarise(rows: readonly AuditRow[]): AuditSummary {
  const byLayer = Object.fromEntries(LAYERS.map((l) => [l, { claimed: 0, recomputed: 0 }])) as AuditSummary["byLayer"];
  let claimedFund = 0;
  let recomputedFund = 0;
  const s = { claims: rows.length, ok: 0, flagged: 0, errors: 0, unchecked: 0, partial: 0 };
  for (const r of rows) {
    if (r.notCompared.length) s.partial++;
    if (r.status === "ok") s.ok++;
    else if (r.status === "flagged") s.flagged++;
    else if (r.status === "error") s.errors++;
    else s.unchecked++;
    for (const c of r.comparisons)
      if ((LAYERS as readonly string[]).includes(c.field)) {
        byLayer[c.field as Layer].claimed += c.claimed;
        byLayer[c.field as Layer].recomputed += c.recomputed;
        claimedFund += c.claimed;
        recomputedFund += c.recomputed;
      }
  }
  return { ...s, claimedFund, recomputedFund, totalDifference: claimedFund - recomputedFund, byLayer };
}

