/** yibao settle: the input read as a stream, validated column-wise, settled in batches, written as it comes. */
import { blankRow, rowValidator, validateClaim, type RawRecord } from "../src/claim/validate";
import { ColumnarValidator, type ColumnarChunk } from "../src/claim/columnar";
import { looksLikeIdNumber, maskIdNumber } from "../src/problem";
import { say } from "../src/messages";
import type { JsonRecord } from "../io/reader";
import { streamClaims } from "../io/stream";
import type { ClaimRow } from "../io/table";
import type { XlsxStreamWriter } from "../io/xlsxStream";
import { Stopped } from "./stream";
import { Engine, incompleteJson, resultAt, type SettlementResult } from "../src/engine/settle";
import { allocResults, fromClaims, type ResultColumns } from "../src/engine/columns";
import { formatYuan } from "../src/money";
import { csvRow } from "../io/csv";
import type { Claim } from "../src/claim/claim";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";
import { checkOut, guarded, langOf, openInput, openReport, outKind, problemJson, progressOf, type Args, type Io, type Item } from "./common";

/** Settle validated items; results in input order. */
export function settleItems(items: readonly Item[], engine: Engine): { id: string; result?: SettlementResult; problems?: Problem[] }[] {
  const out: { id: string; result?: SettlementResult; problems?: Problem[] }[] = [];
  const claims: Claim[] = [];
  const slot: number[] = [];
  for (const it of items) {
    const v = it.v;
    if (!v.ok) {
      out.push({ id: v.id ?? it.label, problems: v.problems });
      continue;
    }
    slot.push(out.length);
    out.push({ id: v.claim.id });
    claims.push(v.claim);
  }
  const cols = fromClaims(claims);
  const res = allocResults(cols.n);
  engine.settleInto(cols, res);
  claims.forEach((_, j) => {
    const r = resultAt(engine, cols, res, j, []);
    const o = out[slot[j]!]!;
    if (r.ok) o.result = r;
    else o.problems = [r.problem!];
  });
  return out;
}

/**
 * One settled claim: its result, or its problems; or, for a claim of a batch settled whole (no problem,
 * no layer left incomplete), the batch's result columns and its index there, read as they are
 * written (no result object per claim).
 */
export type Settled = { id: string; result?: SettlementResult; problems?: Problem[]; cols?: ResultColumns; k?: number };

/**
 * A batch of table rows validated column-wise (src/claim/columnar.ts: the row validator's claims and
 * problems, each distinct value read once) and settled as one batch; results in row order, blank
 * rows skipped, a row the reader refused (its width) with its problem. Should the columnar validator
 * fail on a batch, the batch goes through the row validator, each row guarded on its own.
 */
export function settleRows(rows: readonly ClaimRow[], validate: ColumnarValidator, header: readonly unknown[], engine: Engine): Settled[] {
  let c: ColumnarChunk;
  try {
    c = validate.validate(
      rows.map((r) => r.cells),
      rows.map((r) => r.label),
    );
  } catch {
    return settleItems(rowItems(rows, rowValidator(header)), engine);
  }
  const res = allocResults(c.claims.n);
  engine.settleInto(c.claims, res);
  const out: Settled[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.problem) {
      out.push({ id: row.label, problems: [row.problem] });
      continue;
    }
    if (c.blank[i]) continue;
    const f = c.failures[i];
    if (f) {
      out.push({ id: f.id ?? row.label, problems: f.problems });
      continue;
    }
    const k = c.claimOf[i]!;
    if (!res.problems[k] && !res.incomplete[k]) {
      out.push({ id: c.claims.ids[k]!, cols: res, k });
      continue;
    }
    const r = resultAt(engine, c.claims, res, k, []);
    out.push(r.ok ? { id: c.claims.ids[k]!, result: r } : { id: c.claims.ids[k]!, problems: [r.problem!] });
  }
  return out;
}

/** The settlement report's columns (CSV and .xlsx). */
export const SETTLE_HEAD = ["id", "policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "error"];

/** The amounts of a settled claim (AMOUNT_KEYS order, fen; NaN: not computed) in a scratch array, read by the writers below at once. */
const FEN = new Float64Array(9);
function fenOf(r: Settled): Float64Array {
  if (r.cols) {
    const c = r.cols;
    const k = r.k!;
    FEN[0] = c.policyScope[k]!;
    FEN[1] = c.threshold[k]!;
    FEN[2] = c.pooled[k]!;
    FEN[3] = c.largeAmount[k]!;
    FEN[4] = c.supplementary[k]!;
    FEN[5] = c.seriousIllness[k]!;
    FEN[6] = c.assistance[k]!;
    FEN[7] = c.subsidy[k]!;
    FEN[8] = c.personal[k]!;
  } else {
    // as amountsOf reads a result (src/engine/settle.ts)
    const x = r.result!;
    FEN[0] = x.policyScope;
    FEN[1] = x.threshold;
    FEN[2] = x.layers.pooled;
    FEN[3] = x.layers.largeAmount;
    FEN[4] = x.layers.supplementary;
    FEN[5] = x.layers.seriousIllness;
    FEN[6] = x.layers.assistance;
    FEN[7] = x.layers.subsidy;
    FEN[8] = x.personal;
  }
  return FEN;
}

const yuanOrNull = (x: number): string | null => (x === x ? formatYuan(x) : null);

/**
 * One settled claim as a JSON line, the one writer of the settle report's lines (every path):
 * `{ id, ...amountsOf(result), incomplete? }` or `{ id, error }` through JSON.stringify, the object
 * built in one literal of a fixed shape (test/stream.test.ts checks it against amountsOf on every
 * claim of generated batches). A claim of a batch settled whole is read off the result columns.
 */
export function settleJson(r: Settled, lang: Lang): string {
  if (!r.result && !r.cols) return JSON.stringify({ id: r.id, error: problemJson(r.problems!, lang) });
  const fen = fenOf(r);
  const o: Record<string, unknown> = {
    id: r.id,
    policyScope: yuanOrNull(fen[0]!),
    threshold: yuanOrNull(fen[1]!),
    pooled: yuanOrNull(fen[2]!),
    largeAmount: yuanOrNull(fen[3]!),
    supplementary: yuanOrNull(fen[4]!),
    seriousIllness: yuanOrNull(fen[5]!),
    assistance: yuanOrNull(fen[6]!),
    subsidy: yuanOrNull(fen[7]!),
    personal: yuanOrNull(fen[8]!),
  };
  if (r.result?.incomplete) o.incomplete = incompleteJson(r.result, lang);
  return JSON.stringify(o);
}

/** One settled claim as a report row (SETTLE_HEAD). */
export function settleRow(r: Settled, lang: Lang): unknown[] {
  if (!r.result && !r.cols) return [r.id, ...AMOUNT_KEYS.map(() => ""), problemJson(r.problems!, lang).message];
  const fen = fenOf(r);
  const row: unknown[] = [r.id];
  for (let q = 0; q < AMOUNT_KEYS.length; q++) row.push(fen[q] === fen[q] ? formatYuan(fen[q]!) : "");
  row.push(r.result ? (incompleteJson(r.result, lang) ?? []).map((x) => x.message).join(say(lang, "common.sentenceSeparator")) : "");
  return row;
}

/** Validate and settle raw records (objects keyed by header); results in input order. */
export function settleRecords(records: readonly RawRecord[], engine: Engine): { id: string; result?: SettlementResult; problems?: Problem[] }[] {
  return settleItems(records.map((rec, i) => ({ line: i + 1, label: `row ${i + 1}`, v: validateClaim(rec, `row ${i + 1}`) })), engine);
}

const AMOUNT_KEYS = ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal"] as const;

export async function cmdSettle(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const out = checkOut(args, lang);
  const mask = args.opts.mask !== false;
  const kind = outKind(out, args, lang, ["jsonl", "csv", "xlsx"]);
  const head = SETTLE_HEAD;
  const input = openInput(args, io, lang);
  const report = out === undefined ? null : openReport(out, io, lang);
  let total = 0;
  let bad = 0;
  let first: string | null = null;
  let xlsx: XlsxStreamWriter | null = null;
  if (report && kind === "xlsx") {
    const { XlsxStreamWriter } = await import("../io/xlsxStream");
    xlsx = new XlsxStreamWriter((chunk) => report.write(chunk));
    xlsx.startSheet({ name: "settlement", freezeRows: 1, boldRows: [0], widths: head.map((_, j) => (j === head.length - 1 ? 60 : 14)) });
    xlsx.row(head);
  } else if (report && kind === "csv") report.write((out === "-" ? "" : "\uFEFF") + csvRow(head) + "\r\n");
  const emit = async (results: Settled[]) => {
    // a claim id that is an ID number is masked like one (unless --no-mask)
    if (mask) for (const r of results) if (looksLikeIdNumber(r.id)) r.id = maskIdNumber(r.id.trim());
    const parts: string[] = [];
    for (const r of results) {
      total++;
      if (!r.result && !r.cols) {
        bad++;
        first ??= `${r.id}: ${problemJson(r.problems!, lang).message as string}`;
      }
      if (kind === "jsonl" || !report) {
        const line = settleJson(r, lang);
        if (report) parts.push(line, "\n");
        else io.out(line);
        continue;
      }
      const row = settleRow(r, lang);
      if (xlsx) xlsx.row(row);
      else parts.push(csvRow(row), "\r\n");
    }
    if (report && parts.length) report.write(parts.join(""));
    await report?.flush();
    await io.drain?.();
  };
  const progress = progressOf(args, io, lang, input.size);
  try {
    let validate: ColumnarValidator | null = null;
    let header: (string | null)[] = [];
    const end = await streamClaims(input.source, input.options, {
      start: (st) => {
        if (st.header) {
          header = st.header;
          validate = new ColumnarValidator(st.header);
        }
      },
      rows: async (rows) => {
        await emit(settleRows(rows, validate!, header, engine));
        progress.rows += rows.length;
        progress.tick();
      },
      records: async (records) => {
        await emit(settleItems(recordItems(records), engine));
        progress.rows += records.length;
        progress.tick();
      },
      bytes: (n) => {
        progress.bytes = n;
        if (io.signal?.aborted) throw new Stopped();
      },
    });
    progress.done();
    for (const t of end.summary) io.err(t[lang]);
    if (xlsx) xlsx.end();
    await report?.commit();
  } catch (e) {
    progress.done();
    report?.abort();
    throw e;
  }
  if (report) io.err(say(lang, "cli.settle.written", { total, bad, file: out! }));
  if (total > 0 && bad === total) {
    io.err(say(lang, "stream.noneSettled", { n: total, first: first ?? "" }));
    return 2;
  }
  return 0;
}

/** The items of a batch of table rows: blank rows skipped, a row the reader refused keeps its problem. */
function rowItems(rows: readonly ClaimRow[], validate: ReturnType<typeof rowValidator>): Item[] {
  const out: Item[] = [];
  for (const row of rows) {
    if (row.problem) out.push({ line: row.line, label: row.label, v: { ok: false, id: row.label, problems: [row.problem] } });
    else if (!blankRow(row.cells)) out.push({ line: row.line, label: row.label, v: guarded(() => validate(row.cells, row.label), row.label) });
  }
  return out;
}

function recordItems(records: readonly JsonRecord[]): Item[] {
  return records.map((rec) => (rec.problem ? { line: rec.line, label: rec.label, v: { ok: false, id: rec.label, problems: [rec.problem] } } : { line: rec.line, label: rec.label, v: guarded(() => validateClaim(rec.record!, rec.label), rec.label) }));
}
