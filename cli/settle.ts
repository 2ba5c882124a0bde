/** yibao settle: the input read as a stream, validated column-wise, settled in batches, written as it comes. */
import { blankRow, rowValidator, validateClaim, type RawRecord } from "../src/claim/validate";
import { ColumnarValidator, type ColumnarChunk } from "../src/claim/columnar";
import { looksLikeIdNumber, maskIdNumber } from "../src/problem";
import { say } from "../src/messages";
import type { JsonRecord } from "../io/reader";
import { streamClaims } from "../io/stream";
import { cellsOrSpans, type ClaimRow } from "../io/table";
import type { XlsxStreamWriter } from "../io/xlsxStream";
import type { DeflatePool } from "./nodeZip";
import { Engine, incompleteJson, resultAt, type SettlementResult } from "../src/engine/settle";
import { allocResults, fromClaims, type ResultColumns } from "../src/engine/columns";
import { formatYuan, yuanAt } from "../src/money";
import { CsvBytes, csvRow } from "../io/csv";
import { asciiBytes, ByteSink, bytesAt, utf8At } from "../io/utf8";
import type { Claim } from "../src/claim/claim";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";
import { blankRecord, RecordTable } from "./records";
import { bytesRead, checkOut, ID_NUMBER_MIN, guarded, langOf, openInput, openReport, outKind, problemJson, progressOf, type Args, type Io, type Item } from "./common";

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
export type Settled = { id: string; result?: SettlementResult; problems?: Problem[]; cols?: ResultColumns; k?: number; refused?: boolean };

/**
 * A batch of table rows validated column-wise (src/claim/columnar.ts: the row validator's claims and
 * problems, each distinct value read once) and settled as one batch; results in row order, blank
 * rows skipped, a row the reader refused (its width) with its problem. Should the columnar validator
 * fail on a batch, the batch goes through the row validator, each row guarded on its own.
 */
export function settleRows(rows: readonly ClaimRow[], validate: ColumnarValidator, header: readonly unknown[], engine: Engine): Settled[] {
  let c: ColumnarChunk;
  try {
    const { cells, spans } = cellsOrSpans(rows);
    c = validate.validate(cells, (i) => rows[i]!.label, spans);
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
      out.push({ id: f.id ?? row.label, problems: f.problems, refused: true });
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

/** `,"policyScope":` … : each amount's key as JSON writes it, as bytes (made at the first line). */
let amountKeyBytes: Uint8Array[] | null = null;
/** Each amount's key with a zero amount, `,"subsidy":"0.00"` (most lines have four or five zero layers: copied whole). */
let zeroKeyBytes: Uint8Array[] | null = null;
const HEAD = asciiBytes('{"id":"');
const NULL = asciiBytes("null");

/**
 * Write s at b[at…] when it is printable ASCII without " or \\ (JSON.stringify writes such a string as
 * it is, between quotes): its length, or −1 (then nothing is to be taken as written). A loop rather
 * than Buffer#write: the strings are a few characters long.
 */
function asciiAt(b: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
    b[at + i] = c;
  }
  return s.length;
}

/**
 * The settle report's JSON lines, the one writer of them (every path, every output; settleJson is one
 * line of it): a line is `JSON.stringify({ id, ...amountsOf(result), incomplete? })` or
 * `JSON.stringify({ id, error })`, written as bytes into large buffers handed on when full. A claim
 * with an id of printable ASCII is written without a string or an object per line (the amounts as
 * formatYuan gives them: digits, "-" and ".", nothing to escape); any other id, the incomplete layers
 * and errors go through JSON.stringify. test/stream.test.ts checks every line of generated batches
 * against JSON.stringify of amountsOf, on the row path and off the result columns.
 */
export class SettleLines extends ByteSink {
  private text(s: string): void {
    // at most 3 bytes of UTF-8 per UTF-16 unit (JSON.stringify leaves no lone surrogate)
    this.room(s.length * 3);
    this.at = utf8At(this.buf, this.at, s);
  }

  /** One settled claim's line, with its line end. */
  line(r: Settled, lang: Lang): void {
    if (!r.result && !r.cols) {
      this.text(JSON.stringify({ id: r.id, error: problemJson(r.problems!, lang) }) + "\n");
      return;
    }
    const id = r.id;
    const fen = fenOf(r);
    this.room(id.length + 8);
    this.at = bytesAt(this.buf, this.at, HEAD);
    const n = asciiAt(this.buf, this.at, id);
    if (n >= 0) {
      this.at += n;
      this.buf[this.at++] = 0x22;
    } else this.text(JSON.stringify(id).slice(1));
    // nine amounts: keys of at most 17 bytes, amounts of at most 32 and their quotes (yuanAt), and the close
    this.room(9 * (17 + 34) + 2);
    const b = this.buf;
    const keys = (amountKeyBytes ??= AMOUNT_KEYS.map((k) => asciiBytes(`,${JSON.stringify(k)}:`)));
    const zeros = (zeroKeyBytes ??= AMOUNT_KEYS.map((k) => asciiBytes(`,${JSON.stringify(k)}:"${formatYuan(0)}"`)));
    // the position in a local while the amounts are written (a field read and written per byte cost a tenth of the line)
    let at = this.at;
    for (let q = 0; q < keys.length; q++) {
      const x = fen[q]!;
      if (x === 0) {
        const z = zeros[q]!;
        at = bytesAt(b, at, z);
        continue;
      }
      const key = keys[q]!;
      at = bytesAt(b, at, key);
      if (x === x) {
        // as formatYuan writes it (digits, "-" and "."): nothing JSON escapes
        b[at++] = 0x22;
        at = yuanAt(b, at, x);
        b[at++] = 0x22;
      } else at = bytesAt(b, at, NULL);
    }
    this.at = at;
    if (r.result?.incomplete) this.text(',"incomplete":' + JSON.stringify(incompleteJson(r.result, lang)) + "}\n");
    else {
      b[this.at++] = 0x7d;
      b[this.at++] = 0x0a;
    }
  }
}

/** One settled claim as a JSON line (without its line end): SettleLines' line. */
export function settleJson(r: Settled, lang: Lang): string {
  const parts: Uint8Array[] = [];
  const w = new SettleLines((bytes) => parts.push(bytes), 512);
  w.line(r, lang);
  w.flush();
  const s = Buffer.concat(parts).toString("utf8");
  return s.slice(0, -1);
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
  // the report's parts deflated on libuv's threads while the next rows are made
  let pool: DeflatePool | null = null;
  if (report && kind === "xlsx") {
    const [{ XlsxStreamWriter }, { DeflatePool }] = await Promise.all([import("../io/xlsxStream"), import("./nodeZip")]);
    pool = new DeflatePool();
    xlsx = new XlsxStreamWriter((chunk) => report.write(chunk), 1, pool.deflater);
    xlsx.startSheet({ name: "settlement", freezeRows: 1, boldRows: [0], widths: head.map((_, j) => (j === head.length - 1 ? 60 : 14)) });
    xlsx.row(head);
  } else if (report && kind === "csv") report.write((out === "-" ? "" : "\uFEFF") + csvRow(head) + "\r\n");
  const lines = report && kind === "jsonl" ? new SettleLines((bytes) => report.write(bytes)) : null;
  const csv = report && kind === "csv" ? new CsvBytes((bytes) => report.write(bytes)) : null;
  const emit = async (results: Settled[]) => {
    // a claim id that is an ID number is masked like one (unless --no-mask)
    if (mask) for (const r of results) if (r.id.length >= ID_NUMBER_MIN && looksLikeIdNumber(r.id)) r.id = maskIdNumber(r.id.trim());
    for (const r of results) {
      total++;
      if (!r.result && !r.cols) {
        bad++;
        first ??= `${r.id}: ${problemJson(r.problems!, lang).message as string}`;
      }
      if (kind === "jsonl" || !report) {
        if (lines) lines.line(r, lang);
        else io.out(settleJson(r, lang));
        continue;
      }
      const row = settleRow(r, lang);
      if (xlsx) xlsx.row(row);
      else csv!.row(row);
    }
    lines?.flush();
    csv?.flush();
    await pool?.caughtUp();
    await report?.flush();
    await io.drain?.();
  };
  const progress = progressOf(args, io, lang, input.size);
  try {
    let validate: ColumnarValidator | null = null;
    let header: (string | null)[] = [];
    const table = new RecordTable();
    const end = await streamClaims(input.source, { ...input.options, spans: true }, {
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
        await emit(settleRecordBatch(records, table, engine));
        progress.rows += records.length;
        progress.tick();
      },
      bytes: bytesRead(progress, io),
    });
    progress.done();
    for (const t of end.summary) io.err(t[lang]);
    if (xlsx) {
      xlsx.end();
      await xlsx.finished();
    }
    await report?.commit();
  } catch (e) {
    progress.done();
    pool?.stop();
    xlsx?.abort();
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

/**
 * A batch of JSON lines records, validated column-wise as the rows of one growing table (RecordTable)
 * and settled as one batch, with what validating each record itself gives: a record with no value is
 * answered as validateClaim answers it (a table skips a blank row; a JSON line with nothing in it is an
 * error), and a batch holding a record that does not read as a row (two keys of one field, a key with
 * spaces around it) goes record by record as before.
 */
function settleRecordBatch(records: readonly JsonRecord[], table: RecordTable, engine: Engine): Settled[] {
  for (const r of records) if (r.record && !table.readsAsRow(r.record)) return settleItems(recordItems(records), engine);
  table.add(records.map((r) => r.record));
  const rows: ClaimRow[] = [];
  const blanks: (Settled | undefined)[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const row: ClaimRow = r.record ? { line: r.line, label: r.label, cells: table.cells(r.record) } : { line: r.line, label: r.label, cells: [], problem: r.problem! };
    const v = r.record ? blankRecord(row.cells, r.record, r.label) : null;
    if (v) {
      // a record without values does not validate; should one ever, it goes with the others, record by record
      if (v.ok) return settleItems(recordItems(records), engine);
      blanks[i] = { id: v.id ?? r.label, problems: v.problems };
    } else rows.push(row);
  }
  const settled = settleRows(rows, table.validator(), table.header, engine);
  if (settled.length !== rows.length) return settleItems(recordItems(records), engine);
  const out: Settled[] = [];
  let k = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    let x = blanks[i] ?? settled[k++]!;
    if (x.refused && r.record) {
      // a record refused: in its own words (a key it lacks is named as a key; a row only has an empty cell)
      const v = guarded(() => validateClaim(r.record!, r.label), r.label);
      // should the record validate alone, the row and the record disagree: the batch goes record by record
      if (v.ok) return settleItems(recordItems(records), engine);
      x = { id: v.id ?? r.label, problems: v.problems };
    }
    out.push(x);
  }
  return out;
}

function recordItems(records: readonly JsonRecord[]): Item[] {
  return records.map((rec) => (rec.problem ? { line: rec.line, label: rec.label, v: { ok: false, id: rec.label, problems: [rec.problem] } } : { line: rec.line, label: rec.label, v: guarded(() => validateClaim(rec.record!, rec.label), rec.label) }));
}
