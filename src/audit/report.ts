/**
 * The audit as tables a person reads: one row per claim (recomputed layers, differences, reasons) and
 * a summary block. Shared by the command line (xlsx/csv/jsonl) and the task pane (new sheets).
 */
import { formatDay } from "../dates";
import { LAYERS } from "../engine/columns";
import { fenToNumber, formatYuan } from "../money";
import { msg, say } from "../messages";
import type { Lang, Text } from "../text";
import { COMPARED_LABELS, statesAmounts, type AuditReport, type AuditRow, type AuditStatus, type LeanStep } from "./audit";
import { ROUTES } from "../engine/routes";

export const STATUS_TEXT: Record<AuditStatus, Text> = {
  ok: msg("audit.status.ok"),
  flagged: msg("audit.status.flagged"),
  error: msg("audit.status.error"),
  unchecked: msg("audit.status.unchecked"),
};

const H = {
  id: msg("audit.col.id"),
  name: msg("audit.col.name"),
  status: msg("audit.col.status"),
  rule: msg("audit.col.rule"),
  versionDate: msg("audit.col.versionDate"),
  total: msg("audit.col.total"),
  policyScope: msg("audit.col.policyScope"),
  threshold: msg("audit.col.threshold"),
  pooled: msg("audit.col.pooled"),
  largeAmount: msg("audit.col.largeAmount"),
  supplementary: msg("audit.col.supplementary"),
  seriousIllness: msg("audit.col.seriousIllness"),
  assistance: msg("audit.col.assistance"),
  subsidy: msg("audit.col.subsidy"),
  personal: msg("audit.col.personal"),
  claimedFund: msg("audit.col.claimedFund"),
  recomputedFund: msg("audit.col.recomputedFund"),
  difference: msg("audit.col.difference"),
  differences: msg("audit.col.differences"),
  reasons: msg("audit.col.reasons"),
} satisfies Record<string, Text>;

export const RESULT_HEADERS = Object.keys(H) as (keyof typeof H)[];
export type ResultColumn = (typeof RESULT_HEADERS)[number];

/** Columns that hold yuan. */
export const MONEY_COLUMNS: ReadonlySet<ResultColumn> = new Set(["total", "policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "claimedFund", "recomputedFund", "difference"]);

/** Yuan in a sheet: thousands separators and two decimals (the value stays the exact number). */
export const MONEY_FORMAT = "#,##0.00";
/** Text cells stay text ("=1+1" in a claim is not a formula). */
export const TEXT_FORMAT = "@";
export const COUNT_FORMAT = "#,##0";

/** The number format of each result column, in order. */
export const RESULT_FORMATS: readonly string[] = RESULT_HEADERS.map((h) => (MONEY_COLUMNS.has(h) ? MONEY_FORMAT : TEXT_FORMAT));

/** Numbers as a sheet shows them in MONEY_FORMAT (made once: toLocaleString builds a formatter each call). */
const WIDTH_NUMBER = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** How wide a cell's text is in a spreadsheet, in characters (a CJK character counts two). */
export function displayWidth(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") return numberWidth(v);
  return textWidth(String(v));
}

/**
 * The width of WIDTH_NUMBER.format(v) without formatting: toFixed(2) rounds the same exact binary value
 * the same way (half away from zero) below 1e21, and the formatter adds a comma every three integer
 * digits and a sign to −0 (tested against the formatter).
 */
function numberWidth(v: number): number {
  if (!Number.isFinite(v) || Math.abs(v) >= 1e21) return textWidth(WIDTH_NUMBER.format(v));
  const s = v.toFixed(2);
  const digits = s.length - 3 - (s.charCodeAt(0) === 45 ? 1 : 0);
  return s.length + (Object.is(v, -0) ? 1 : 0) + Math.floor((digits - 1) / 3);
}

function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // every wide range lies in U+1100–U+FFE6 (the basic plane): below it one, a surrogate pair one
    if (c < 0x1100) w++;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      w++;
      i++;
    } else w += WIDE.test(text[i]!) ? 2 : 1;
  }
  return w;
}

/** Column widths fitted to the widest cell of each column (headers included), within [min, max]. */
export function fitWidths(rows: readonly (readonly unknown[])[], min = 8, max = 60, into: number[] = []): number[] {
  for (const r of rows) r.forEach((v, j) => (into[j] = Math.max(into[j] ?? min, Math.min(max, displayWidth(v) + 2))));
  return into;
}

/** Mask an ID number as 110***********1234 (first 3, last 4); names as 张*. */
export function maskId(s: string | undefined): string {
  if (!s) return "";
  if (s.length <= 7) return s[0] + "*".repeat(Math.max(s.length - 1, 0));
  return s.slice(0, 3) + "*".repeat(s.length - 7) + s.slice(-4);
}
export function maskName(s: string | undefined): string {
  if (!s) return "";
  // by code point (a name's first character may lie outside the basic plane: 𠀀), without an iterator
  // or an array per name: a surrogate pair counts once
  const pair = (i: number) => {
    const c = s.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  };
  const head = pair(0) ? 2 : 1;
  let n = 1;
  for (let i = head; i < s.length; i += pair(i) ? 2 : 1) n++;
  return s.slice(0, head) + stars(Math.max(n - 1, 1));
}
const STARS = Array.from({ length: 8 }, (_, k) => "*".repeat(k));
const stars = (k: number) => STARS[k] ?? "*".repeat(k);

export interface ReportOptions {
  lang: Lang;
  /** Mask names and ID numbers (on by default in exports). */
  mask: boolean;
  /** Amounts as numbers (for sheets) or as "0.00" strings (for text files). */
  numbers: boolean;
}

const LAYER_FIELDS: ReadonlySet<string> = new Set(LAYERS);

export function rowCells(r: AuditRow, o: ReportOptions): unknown[] {
  const money = (f: number | undefined) => (f === undefined || Number.isNaN(f) ? null : o.numbers ? fenToNumber(f) : formatYuan(f));
  const res = r.result;
  const ok = res?.ok;
  const fundCmp = r.comparisons.filter((c) => LAYER_FIELDS.has(c.field));
  const claimedFund = fundCmp.length ? fundCmp.reduce((a, c) => a + c.claimed, 0) : undefined;
  const recomputedFund = ok && fundCmp.length ? fundCmp.reduce((a, c) => a + c.recomputed, 0) : undefined;
  const name = r.claim?.name ?? "";
  return [
    r.id,
    o.mask ? maskName(name) : name,
    STATUS_TEXT[r.status][o.lang],
    res?.rule?.[o.lang] ?? "",
    res?.versionDate ?? "",
    money(r.claim?.total),
    ok ? money(res!.policyScope) : null,
    ok ? money(res!.threshold) : null,
    ...LAYERS.map((l) => (ok ? money(res!.layers[l]) : null)),
    ok ? money(res!.personal) : null,
    money(claimedFund),
    money(recomputedFund),
    claimedFund !== undefined && recomputedFund !== undefined ? money(claimedFund - recomputedFund) : null,
    r.flagged.map((c) => say(o.lang, "audit.flaggedAmount", { field: COMPARED_LABELS[c.field], claimed: formatYuan(c.claimed), recomputed: formatYuan(c.recomputed) })).join(say(o.lang, "common.sentenceSeparator")),
    [...r.reasons.map((t) => t[o.lang]), ...r.problems.map((p) => p.message[o.lang]), ...r.notCompared.map((x) => x.message[o.lang])].join(say(o.lang, "common.sentenceSeparator")),
  ];
}

/**
 * Where the cells of a plain claim's report row go, one after the other: a text, an amount in fen
 * (NaN: not computed, an empty cell), an empty cell. plainCells gathers them as rowCells gives a row;
 * a writer of bytes (the command line's CSV report) takes them as they come, without the row.
 */
export interface PlainRowSink {
  text(s: string): void;
  money(fen: number): void;
  none(): void;
}

/**
 * rowCells of plain claim j of a lean step (its plainRow), read off the columns, into a sink: a plain
 * claim has no difference, reason, problem or note, so its last two cells are empty. `id` is the id
 * as the caller shows it (the command line masks an id that is an ID number).
 */
export function plainRowTo(sink: PlainRowSink, s: LeanStep, j: number, o: ReportOptions, id: string = s.chunk.claims.ids[j]!): void {
  const { claims: c, extras: x } = s.chunk;
  const out = s.out;
  const claimed = s.fund[2 * j]!;
  const recomputed = s.fund[2 * j + 1]!;
  const name = (x.name.length ? x.name[j] : undefined) ?? "";
  const route = out.route[j]!;
  const then = route >= 0 ? ROUTES.rows[route]!.then : null;
  const day = out.versionDay[j]!;
  const status: AuditStatus = statesAmounts(x, j) ? "ok" : "unchecked";
  const any = claimed === claimed;
  sink.text(id);
  sink.text(o.mask ? maskName(name) : name);
  sink.text(STATUS_TEXT[status][o.lang]);
  sink.text(then?.kind === "kernel" ? then.label[o.lang] : "");
  sink.text(day === day ? formatDay(day) : "");
  sink.money(c.total[j]!);
  sink.money(out.policyScope[j]!);
  sink.money(out.threshold[j]!);
  for (const l of LAYERS) sink.money(out[l][j]!);
  sink.money(out.personal[j]!);
  if (any) {
    sink.money(claimed);
    sink.money(recomputed);
    sink.money(claimed - recomputed);
  } else for (let k = 0; k < 3; k++) sink.none();
  sink.text("");
  sink.text("");
}

/** plainRowTo's cells as an array: what rowCells gives for the claim's plainRow. */
export function plainCells(s: LeanStep, j: number, o: ReportOptions, id: string = s.chunk.claims.ids[j]!): unknown[] {
  const cells: unknown[] = [];
  plainRowTo(
    {
      text: (t) => void cells.push(t),
      money: (f) => void cells.push(f !== f ? null : o.numbers ? fenToNumber(f) : formatYuan(f)),
      none: () => void cells.push(null),
    },
    s,
    j,
    o,
    id,
  );
  return cells;
}

export function resultTable(report: AuditReport, o: ReportOptions): unknown[][] {
  return [RESULT_HEADERS.map((h) => H[h][o.lang]), ...report.rows.map((r) => rowCells(r, o))];
}

/** A block of the summary sheet: its rows and the number format of each column. */
export interface SummaryBlock {
  rows: unknown[][];
  formats: string[];
}

/**
 * The summary as blocks of rows (each block one kind of value: text, counts, amounts), so a sheet
 * formats counts as counts and amounts with thousands separators; summaryTable is their rows.
 */
export function summaryBlocks(report: AuditReport, o: ReportOptions, source?: string): SummaryBlock[] {
  const s = report.summary;
  const money = (f: number) => (o.numbers ? fenToNumber(f) : formatYuan(f));
  const w = (key: Parameters<typeof say>[1]) => say(o.lang, key);
  const blocks: SummaryBlock[] = [
    { rows: [[w("audit.summary.title"), ""], [w("audit.summary.source"), source ?? ""], [w("audit.summary.date"), formatDay(Math.floor(Date.now() / 86_400_000))]], formats: [TEXT_FORMAT, TEXT_FORMAT] },
    {
      rows: [[w("audit.summary.claims"), s.claims], [w("audit.summary.ok"), s.ok], [w("audit.summary.flagged"), s.flagged], [w("audit.summary.errors"), s.errors], [w("audit.summary.unchecked"), s.unchecked]],
      formats: [TEXT_FORMAT, COUNT_FORMAT],
    },
    {
      rows: [[w("audit.summary.claimedFund"), money(s.claimedFund)], [w("audit.summary.recomputedFund"), money(s.recomputedFund)], [w("audit.summary.difference"), money(s.totalDifference)]],
      formats: [TEXT_FORMAT, MONEY_FORMAT],
    },
  ];
  const layers: unknown[][] = [[], [w("audit.summary.fund"), w("audit.summary.claimed"), w("audit.summary.recomputed"), w("audit.summary.diff")]];
  for (const l of LAYERS) {
    const b = s.byLayer[l];
    if (b.claimed === 0 && b.recomputed === 0) continue;
    layers.push([COMPARED_LABELS[l][o.lang], money(b.claimed), money(b.recomputed), money(b.claimed - b.recomputed)]);
  }
  blocks.push({ rows: layers, formats: [TEXT_FORMAT, MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT] });
  if (report.notes.length) blocks.push({ rows: [[], [w("audit.summary.notChecked")], ...report.notes.map((n) => [n[o.lang]])], formats: [TEXT_FORMAT] });
  return blocks;
}

export function summaryTable(report: AuditReport, o: ReportOptions, source?: string): unknown[][] {
  return summaryBlocks(report, o, source).flatMap((b) => b.rows);
}
