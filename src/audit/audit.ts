/**
 * The auditors' main job: recompute every submitted claim and compare it with what the claim says was
 * (or should be) paid. A difference above 0.01 yuan flags the claim, with the reason in words: the
 * known mistake that, applied to the claim, reproduces the submitted amounts (a wrong threshold, the
 * wrong band ratio, the cap not applied, the first payment missed …). The same code serves the
 * command line and the task pane.
 */
import type { Claim, Claimed } from "../claim/claim";
import type { RawRecord } from "../claim/validate";
import { ColumnarValidator } from "../claim/columnar";
import { addMonths, formatDay } from "../dates";
import { PolicyError } from "../problem";
import { formatYuan, type Fen } from "../money";
import type { Problem } from "../problem";
import type { Text } from "../text";
import { allocResults, fromClaims, LAYERS, type Layer } from "../engine/columns";
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
  private readonly seen = new Map<string, string>();
  private readonly engine: Engine;
  private readonly rowLabel: (i: number) => string;
  private deadlineUnknown = 0;
  private filingUnchecked = 0;
  private partial = 0;
  private readonly partialLayers = new Map<Layer, string>();
  private staleClaims = 0;
  private staleLatest = -Infinity;
  private readonly stale = new Map<string, StaleParam>();
  private readonly stays = new Map<string, { id: string; settlement: Claim["settlement"] }>();
  private readonly keep: boolean;
  private readonly mapping?: Readonly<Record<string, string | null>>;
  /** The source rows being stepped through, and the index of the first of them. */
  private src: readonly (readonly unknown[])[];
  private base = 0;

  constructor(
    public header: readonly unknown[],
    data: readonly (readonly unknown[])[],
    opts: AuditOptions = {},
  ) {
    this.engine = opts.engine ?? new Engine();
    this.rowLabel = opts.rowLabel ?? ((i) => `row ${i + 2}`);
    this.mapping = opts.mapping;
    this.validator = new ColumnarValidator(header, { mapping: opts.mapping });
    this.keep = opts.keepRows !== false;
    this.src = data;
  }

  /**
   * A stream's next source rows (indexed after those before), once the ones before are stepped
   * through; a new header (JSON lines, whose keys grow as records come) only ever adds columns at
   * the end. Duplicates and double settlement are still found against every earlier row.
   */
  append(rows: readonly (readonly unknown[])[], header?: readonly unknown[]): void {
    if (!this.finished) throw new Error("AuditRun.append before the rows given were stepped through");
    this.base += this.src.length;
    this.src = rows;
    if (header && header !== this.header) {
      this.header = header;
      this.validator = new ColumnarValidator(header, { mapping: this.mapping });
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
    const from = this.next;
    const to = Math.min(this.total, from + Math.max(1, max));
    this.next = to;
    const fresh: AuditRow[] = [];
    if (to <= from) return fresh;
    const rows = this.src.slice(from - this.base, to - this.base);
    const chunk = this.validator.validate(rows, (k) => this.rowLabel(from + k));
    const claimRow: AuditRow[] = new Array(chunk.claims.n);
    for (let k = 0; k < rows.length; k++) {
      if (chunk.blank[k]) continue;
      const i = from + k;
      const f = chunk.failures[k];
      const row: AuditRow = f
        ? { index: i, id: f.id ?? this.rowLabel(i), status: "error", comparisons: [], flagged: [], reasons: [], problems: f.problems, notCompared: [] }
        : { index: i, id: "", status: "unchecked", claim: chunk.claimAt(chunk.claimOf[k]!), comparisons: [], flagged: [], reasons: [], problems: [], notCompared: [] };
      if (row.claim) {
        row.id = row.claim.id;
        claimRow[chunk.claimOf[k]!] = row;
      }
      markDuplicate(this.seen, row);
      markSettledTwice(this.stays, row);
      fresh.push(row);
    }
    const cols = chunk.claims;
    if (cols.n) {
      const out = allocResults(cols.n);
      this.engine.settleInto(cols, out);
      const toExplain: AuditRow[] = [];
      for (let j = 0; j < cols.n; j++) {
        const row = claimRow[j]!;
        const res = resultAt(this.engine, cols, out, j, []);
        this.compareAmounts(row, row.claim!, res);
        if (row.flagged.length) toExplain.push(row);
        if (res.ok) this.noteCurrency(this.engine.staleParams(out.route[j]!, out.versionDay[j]!), out.versionDay[j]!);
      }
      // the reasons of the step's differences, their hypotheses settled together; then the checks beyond amounts
      const why = explainDifferences(this.engine, toExplain.map((r) => ({ claim: r.claim!, result: r.result!, flagged: r.flagged })));
      toExplain.forEach((r, k) => r.reasons.push(...why[k]!));
      for (let j = 0; j < cols.n; j++) this.checkPaperwork(claimRow[j]!, claimRow[j]!.claim!);
    }
    if (this.keep) for (const r of fresh) this.rows.push(r);
    return fresh;
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
 * The same stay (person, admission or service date, care type) settled directly and claimed
 * manually in one batch: after direct settlement no benefit difference is refunded (SY 三、; LN
 * 第二十八条; POLICY §12). The later row of the pair is flagged, naming the other, whichever order.
 */
function markSettledTwice(stays: Map<string, { id: string; settlement: Claim["settlement"] }>, r: AuditRow): void {
  const c = r.claim;
  if (!c) return;
  const who = c.idNumber ?? c.name;
  const day = c.admissionDate ?? c.serviceDate;
  if (who === undefined || day === undefined) return;
  const key = `${who}|${day}|${c.careType}|${c.chronicDisease ?? ""}`;
  const first = stays.get(key);
  if (!first) {
    stays.set(key, { id: c.id, settlement: c.settlement });
    return;
  }
  if (first.settlement === c.settlement) return;
  r.settledTwice = msg(c.settlement === "manual" ? "audit.manualAfterDirect" : "audit.directAfterManual", { other: first.id });
}

/**
 * Duplicate claims in one batch: the same claim id twice, or the same person (ID number, else name)
 * with the same admission or service date and the same total. The later one is flagged.
 */
export function markDuplicates(rows: AuditRow[]): void {
  const seen = new Map<string, string>();
  for (const r of rows) markDuplicate(seen, r);
}

function markDuplicate(seen: Map<string, string>, r: AuditRow): void {
  const c = r.claim;
  if (!c) return;
  const keys: string[] = [];
  // a row's own label ("row 12") is not an id two claims can share
  if (c.id && !(c.id.startsWith("row ") && /^row \d+$/.test(c.id))) keys.push(`id:${c.id}`);
  const who = c.idNumber ?? c.name;
  const day = c.admissionDate ?? c.serviceDate;
  if (who !== undefined && day !== undefined) keys.push(`p:${who}|${day}|${c.total}|${c.careType}|${c.chronicDisease ?? ""}`);
  // one look-up per key: the first key seen before names the other claim; keys not seen are kept
  for (const k of keys) {
    const first = seen.get(k);
    if (first === undefined) seen.set(k, c.id);
    else if (r.duplicateOf === undefined) r.duplicateOf = first;
  }
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

