/**
 * The reader of io/reader.ts on a stream of bytes (a file read in chunks, or stdin), so that memory
 * does not grow with the file: CSV, TSV, text and JSON lines are decoded, split into records and
 * turned into claims-table rows chunk by chunk, and handed on in batches. Every decision and every
 * refusal is the whole-file reader's (the same functions do the work: StreamDecoder, DelimitedStream,
 * TableBuilder), including which refusal wins when a file has several faults: the whole-file reader
 * decodes everything, then parses everything, then builds the table, so a fault found in a later
 * stage is held while the earlier stages read on to the end of the file, and the first fault of the
 * earliest stage is the one reported. A refusal that only the end of the file can decide (a formula
 * without a value, data without a header) stops the batches as soon as it is certain.
 *
 * .xlsx is read by position (the zip's directory is at its end): from a ByteSource when the caller
 * has one (a file), else from the bytes gathered whole (stdin), its rows handed on in the same
 * batches (io/xlsxStreamRead.ts).
 *
 * What the stream cannot promise: a batch handed on is final for the rows it holds, but a refusal
 * found further down still refuses the file. Writers therefore write to a temporary file that is
 * renamed only at the end (cli/stream.ts FileOut, used by cli/settle.ts and cli/audit.ts); on stdout, a consumer sees the batches before the refusal,
 * and the exit code says the run failed.
 */
import { msg } from "../src/messages";
import type { Text } from "../src/text";
import { StreamDecoder, type Encoding } from "./decode";
import { DELIMITERS, DelimitedStream, type DelimitedRecord, type Delimiter } from "./delimited";
import { brokenReason, ReaderError, refuse } from "./errors";
import { DEFAULT_MAX_CELL_CHARS, DELIMITER_NAME, formatOf, MAX_JSON_DEPTH, parseJsonLine, type Format, type JsonRecord, type ReadOptions } from "./formats";
import { findHeader, headerScore, HEADER_SEARCH_ROWS, TableBuilder, type ClaimRow, type GridRow } from "./table";
import { bytesSource, isOle2, isZip, type ByteSource, type PartInflater } from "./container";

/**
 * Rows a batch holds: large enough that per-batch work (the columnar validator, the engine) is
 * amortised, small enough that the live set stays small: V8 grows its heap to a multiple of what
 * survives, and a batch's cells survive the young-generation collections that run while it is read
 * (copied, then promoted). Measured on the 1e6-row mixed CSV settle: 16 384 rows peaked at 418 MB,
 * 4 096 at 265 MB, in the same time (1e5 rows: ~15 % faster, less time in the collector). With the
 * CLI's chunks cut from 1 MiB to 128 KiB (cli/stream.ts CHUNK_BYTES: a chunk's records had been the
 * larger part of what survived), 1 024 rows is the faster again: scavenges of the 1e5-row employee CSV
 * settle ~380 → ~90 ms, peak 172 → 115 MB; 768 and 1 536 measured no better. (The chunks are 64 KiB
 * since: see CHUNK_BYTES.)
 */
export const DEFAULT_BATCH_ROWS = 1_024;

export interface StreamOptions extends ReadOptions {
  /** The format when the name does not tell it (stdin: `--format csv|jsonl`). */
  format?: Format;
  batchRows?: number;
  /** .xlsx: the host's inflater for the sheet (the command line: Node's zlib); fflate without one. */
  inflater?: PartInflater;
  /**
   * Text: rows of a line without quotes handed on as lines not cut into cells (io/table.ts SpanRow,
   * for a reader that reads cells in place: the columnar validator); their `cells` are cut when asked.
   */
  spans?: boolean;
}

/** How the file is being read, known once the header is found (before the first batch). */
export interface StreamStart {
  format: Format;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  /** Tables: the header to give rowValidator (a column's header text, or null for a column not read). */
  header?: (string | null)[];
  headerLine?: number;
}

export interface StreamSink {
  start(s: StreamStart): void | Promise<void>;
  /** Tables (text and .xlsx): data rows in file order. */
  rows?(rows: ClaimRow[]): void | Promise<void>;
  /** JSON lines: records in file order. */
  records?(records: JsonRecord[]): void | Promise<void>;
  /** Bytes read so far (for progress). */
  bytes?(n: number): void;
}

export interface StreamEnd {
  /** What the summary says, line by line: the whole-file reader's summary. */
  summary: Text[];
  /** Data rows (tables) or non-blank lines (JSON lines). */
  rows: number;
}

// the whole-file reader's order: every byte decoded (a broken byte stops the read at once, stage 0),
// NUL characters looked for, then every record parsed, then the table built
const NUL = 1;
const PARSE = 2;
const TABLE = 3;

class Held {
  stage = Infinity;
  error: unknown = null;
  hold(stage: number, e: unknown): void {
    if (stage < this.stage) (this.stage = stage), (this.error = e);
  }
  /** Is a stage still worth running (no fault found in it or an earlier one)? */
  runs(stage: number): boolean {
    return stage < this.stage;
  }
}

/**
 * Read claims from a stream of byte chunks, calling the sink with the start, then batches of rows,
 * in file order. Resolves with the summary, or rejects with the ReaderError the whole-file reader
 * would give for the same bytes.
 */
export async function streamClaims(source: AsyncIterable<Uint8Array> | (ByteSource & { close?(): void }), o: StreamOptions, sink: StreamSink): Promise<StreamEnd> {
  const format = o.format ?? formatOf(o.file);
  if (!format) refuse("unknown_format", "reader.unknownFormat", { file: o.file, ext: /\.[^./\\]+$/.exec(o.file)?.[0] ?? "(none)" });
  // what the source or the sink throws (a stop, a write that failed) passes through as it is
  const theirs = new WeakSet<object>();
  const mark = <T>(f: () => T): T => {
    try {
      const r = f();
      if (r instanceof Promise) return r.catch((e: unknown) => {
        if (typeof e === "object" && e !== null) theirs.add(e);
        throw e;
      }) as T;
      return r;
    } catch (e) {
      if (typeof e === "object" && e !== null) theirs.add(e);
      throw e;
    }
  };
  const s: StreamSink = {
    start: (x) => mark(() => sink.start(x)),
    rows: sink.rows && ((x) => mark(() => sink.rows!(x))),
    records: sink.records && ((x) => mark(() => sink.records!(x))),
    bytes: sink.bytes && ((n) => mark(() => sink.bytes!(n))),
  };
  // a file read by position (the CLI's .xlsx input): its reads pass through the same marking
  const random: ByteSource | undefined = "read" in source ? { size: source.size, read: (p, n) => mark(() => source.read(p, n)) } : undefined;
  async function* src(): AsyncGenerator<Uint8Array> {
    if (random) {
      for (let p = 0; p < random.size; p += 1 << 20) yield random.read(p, 1 << 20);
      return;
    }
    const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    for (;;) {
      const r = await mark(() => it.next());
      if (r.done) return;
      yield r.value;
    }
  }
  try {
    if (format === "xlsx") return await streamXlsx(random ?? src(), o, s);
    return await streamText(src(), format, o, s);
  } catch (e) {
    if (e instanceof ReaderError || !(e instanceof Error) || theirs.has(e)) throw e;
    throw new ReaderError("broken", "reader.broken", { file: o.file, reason: brokenReason(e) });
  } finally {
    if ("read" in source) source.close?.();
  }
}

async function streamXlsx(source: AsyncIterable<Uint8Array> | ByteSource, o: StreamOptions, sink: StreamSink): Promise<StreamEnd> {
  let random: ByteSource;
  if ("read" in source) random = source;
  else {
    // stdin: the bytes gathered whole (the directory is at the end); the rows still go on in batches
    const parts: Uint8Array[] = [];
    let n = 0;
    for await (const c of source) {
      parts.push(c);
      n += c.length;
      sink.bytes?.(n);
    }
    const bytes = new Uint8Array(n);
    let at = 0;
    for (const p of parts) bytes.set(p, at), (at += p.length);
    parts.length = 0;
    random = bytesSource(bytes);
  }
  // the .xlsx reader and its inflater loaded only for a workbook (a CSV run never needs them)
  const { streamXlsxClaims } = await import("./xlsxStreamRead");
  return streamXlsxClaims(random, o, o.batchRows ?? DEFAULT_BATCH_ROWS, {
    start: (x) => sink.start(x),
    rows: sink.rows && ((x) => sink.rows!(x)),
    bytes: sink.bytes && ((x) => sink.bytes!(x)),
  });
}

async function streamText(source: AsyncIterable<Uint8Array>, format: "text" | "jsonl", o: StreamOptions, sink: StreamSink): Promise<StreamEnd> {
  const file = o.file;
  const maxCell = o.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const batchRows = o.batchRows ?? DEFAULT_BATCH_ROWS;
  const held = new Held();
  const dec = new StreamDecoder(file);
  let seen = 0;
  let head: Uint8Array | null = new Uint8Array(0);
  let nonBlank = false;

  const text = format === "text" ? new TextStage(file, maxCell, o, held, sink, batchRows) : null;
  const lines = format === "jsonl" ? new JsonStage(maxCell * 8, sink, batchRows) : null;

  const feed = async (s: string, final: boolean) => {
    if (!nonBlank && s.trim() !== "") nonBlank = true;
    if (text) await text.push(s, final);
    else await lines!.push(s, final);
  };
  const decoded = async (s: string, final: boolean) => {
    if (dec.nul) held.hold(NUL, dec.nul);
    if (held.runs(PARSE)) await feed(s, final);
  };

  for await (const chunk of source) {
    seen += chunk.length;
    sink.bytes?.(seen);
    let b = chunk;
    if (head) {
      // the first bytes tell a zip or an old Office file, which is never text
      b = head.length ? Buffer.concat([head, chunk]) : chunk;
      if (b.length < 8) {
        head = b;
        continue;
      }
      head = null;
      if (isZip(b) || isOle2(b)) refuse("not_text", "reader.notText", { file });
    }
    // an encoding fault is the first the whole-file reader finds: it stops the read at once
    await decoded(dec.push(b), false);
  }
  if (head) {
    if (head.length === 0) refuse("empty", "reader.empty", { file });
    if (isZip(head) || isOle2(head)) refuse("not_text", "reader.notText", { file });
    await decoded(dec.push(head), false);
  }
  await decoded(dec.end(), true);
  // an empty text is the whole-file reader's refusal before any parsing
  if (held.runs(NUL) && !nonBlank) refuse("empty", "reader.empty", { file });
  if (held.error) throw held.error;
  const encoding = dec.encoding ?? "UTF-8";
  if (text) {
    const t = text.end();
    return { summary: [msg("reader.summaryText", { file, encoding, delimiter: DELIMITER_NAME[t.delimiter], line: t.headerLine, rows: t.rows }), ...t.notes], rows: t.rows };
  }
  const n = await lines!.end();
  if (n === 0) refuse("empty", "reader.empty", { file });
  return { summary: [msg("reader.summaryJsonl", { file, encoding, rows: n })], rows: n };
}

/** CSV, TSV, text: the delimiter from the first records, the header, then rows in batches. */
class TextStage {
  private probes: { d: Delimiter; s: DelimitedStream; records: DelimitedRecord[]; error?: unknown }[];
  private prefix: string[] = [];
  private main: DelimitedStream | null = null;
  private first: GridRow[] | null = [];
  private table: TableBuilder | null = null;
  private batch: ClaimRow[] = [];
  private started = false;
  private delimiter: Delimiter = ",";

  constructor(
    private readonly file: string,
    private readonly maxCell: number,
    private readonly o: StreamOptions,
    private readonly held: Held,
    private readonly sink: StreamSink,
    private readonly batchRows: number,
  ) {
    // The delimiter is the one under which a header row appears (ties: the extension's, then , ; tab).
    const preferred: Delimiter[] = /\.tsv$/i.test(file) ? ["\t", ",", ";"] : [...DELIMITERS];
    this.probes = preferred.map((d) => ({ d, s: new DelimitedStream(d, file, maxCell, HEADER_SEARCH_ROWS), records: [] }));
  }

  async push(s: string, final: boolean): Promise<void> {
    if (!this.main) {
      this.prefix.push(s);
      for (const p of this.probes) {
        if (p.error !== undefined || p.s.done) continue;
        try {
          p.records.push(...(final ? [...p.s.push(s), ...p.s.end()] : p.s.push(s)));
        } catch (e) {
          p.error = e;
        }
      }
      if (!final && this.probes.some((p) => p.error === undefined && !p.s.done)) return;
      this.choose();
      if (!this.held.runs(PARSE)) return;
      const all = this.prefix.join("");
      this.prefix = [];
      return this.parse(all, final);
    }
    return this.parse(s, final);
  }

  /** The whole-file reader's choice of delimiter, from each one's first records. */
  private choose(): void {
    let best: { d: Delimiter; score: number } | null = null;
    let firstError: unknown = null;
    for (const p of this.probes) {
      if (p.error !== undefined) {
        firstError ??= p.error;
        continue;
      }
      const rows = p.records.map((r) => ({ line: r.line, cells: r.cells }));
      const h = findHeader(rows);
      if (h >= 0) {
        const score = headerScore(rows[h]!.cells);
        if (!best || score > best.score) best = { d: p.d, score };
      }
    }
    this.probes = [];
    if (!best) {
      this.held.hold(PARSE, firstError ?? new ReaderError("no_header", "reader.noHeader", { file: this.file, rows: HEADER_SEARCH_ROWS }));
      return;
    }
    this.delimiter = best.d;
    this.main = new DelimitedStream(best.d, this.file, this.maxCell, Infinity, this.o.spans === true);
  }

  private async parse(s: string, final: boolean): Promise<void> {
    if (!this.held.runs(PARSE)) return;
    let records: DelimitedRecord[];
    try {
      records = final ? [...this.main!.push(s), ...this.main!.end()] : this.main!.push(s);
    } catch (e) {
      this.held.hold(PARSE, e);
      return;
    }
    if (!this.held.runs(TABLE)) return;
    try {
      // a record is a grid row as it is (line, endLine, cells): no copy per row
      for (const g of records as GridRow[]) {
        if (this.first) {
          this.first.push(g);
          if (this.first.length >= HEADER_SEARCH_ROWS) this.open();
          continue;
        }
        this.row(g);
      }
      if (final && this.first) this.open();
    } catch (e) {
      this.held.hold(TABLE, e);
      return;
    }
    if (this.batch.length >= this.batchRows || (final && this.batch.length)) await this.flush();
  }

  /** The header among the first rows; the rows below it go on as data. */
  private open(): void {
    const rows = this.first!;
    this.first = null;
    const h = findHeader(rows);
    if (h < 0) refuse("no_header", "reader.noHeader", { file: this.file, rows: HEADER_SEARCH_ROWS });
    this.table = new TableBuilder(rows.slice(0, h + 1), rows[h]!.cells.length, { file: this.file, strictWidth: true, delimiter: this.delimiter, map: this.o.map });
    for (const r of rows.slice(h + 1)) this.row(r);
  }

  private row(g: GridRow): void {
    const r = this.table!.row(g);
    // a refusal that is certain (data without a header) stops the batches; the rest is still read for its message
    if (this.table!.doomed) this.batch = [];
    else this.batch.push(r);
  }

  private async flush(): Promise<void> {
    if (this.table!.doomed) return;
    if (!this.started) {
      this.started = true;
      await this.sink.start({ format: "text", delimiter: this.delimiter, header: this.table!.header, headerLine: this.table!.headerLine });
    }
    const b = this.batch;
    this.batch = [];
    await this.sink.rows?.(b);
  }

  /** After the last chunk, with no fault held: the table's own refusals and notes. */
  end(): { delimiter: Delimiter; headerLine: number; rows: number; notes: Text[] } {
    const t = this.table!;
    const fin = t.finish();
    return { delimiter: this.delimiter, headerLine: fin.headerLine, rows: t.count, notes: fin.notes };
  }

  /** Whether rows have been handed on (the start was said). */
  get anyStarted(): boolean {
    return this.started;
  }
}

/** JSON lines: lines split as `text.split(/\r\n|\n|\r/)` splits them, each parsed on its own. */
class JsonStage {
  private pending = "";
  private line = 0;
  /** A line past the limit, skipped to its end without keeping it. */
  private skipping = false;
  private batch: JsonRecord[] = [];
  private count = 0;
  private started = false;

  constructor(
    private readonly limit: number,
    private readonly sink: StreamSink,
    private readonly batchRows: number,
  ) {}

  async push(s: string, final: boolean): Promise<void> {
    let text = this.pending + s;
    this.pending = "";
    let i = 0;
    const n = text.length;
    // the next LF and CR at or after i, found by indexOf (-1: none left; -2: not looked for yet)
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (lf !== -1 && lf < i) lf = text.indexOf("\n", i);
      if (cr !== -1 && cr < i) cr = text.indexOf("\r", i);
      const j = lf === -1 ? (cr === -1 ? n : cr) : cr === -1 || lf < cr ? lf : cr;
      if (j === n || (text.charCodeAt(j) === 13 && j + 1 === n && !final)) {
        if (!final) {
          // the line goes on in the next chunk (a CR may be the first half of CRLF)
          const rest = text.slice(i);
          if (this.skipping || rest.length > this.limit + 1) {
            this.skipping = true;
            this.pending = rest.charCodeAt(rest.length - 1) === 13 ? "\r" : "";
          } else this.pending = rest;
          break;
        }
        this.take(text.slice(i, j));
        break;
      }
      this.take(text.slice(i, j));
      i = j + (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1);
      if (i >= n) {
        if (final) this.take("");
        break;
      }
    }
    text = "";
    if (this.batch.length >= this.batchRows || (final && this.batch.length)) await this.flush();
  }

  private take(raw: string): void {
    const line = ++this.line;
    if (this.skipping) {
      this.skipping = false;
      this.add({ line, label: `row ${line}`, problem: { code: "line_too_long", kind: "input", message: msg("reader.lineTooLong", { line, limit: this.limit }) } });
      return;
    }
    const r = parseJsonLine(raw, line, this.limit, MAX_JSON_DEPTH);
    if (r) this.add(r);
  }

  private add(r: JsonRecord): void {
    this.count++;
    this.batch.push(r);
  }

  private async flush(): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.sink.start({ format: "jsonl" });
    }
    const b = this.batch;
    this.batch = [];
    await this.sink.records?.(b);
  }

  async end(): Promise<number> {
    return this.count;
  }
}
