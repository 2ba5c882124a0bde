/**
 * yibao: the command line of 医保核算 (used by auditors outside Excel, and by us to check the core).
 *
 *   yibao settle  --in FILE [--out FILE] [--lang zh|en]
 *   yibao explain --in FILE --id ID [--lang zh|en] [--json]   (--json: the steps as data, yibao.trace.v1)
 *   yibao audit   --in FILE [--out report.xlsx|.csv|.jsonl] [--lang zh|en] [--no-mask]
 *
 * Input: JSON lines (one claim object a line), CSV or .xlsx (first sheet, header row, Chinese or
 * English headers). One bad record never stops the batch. Every word it prints comes from the message
 * catalogs (src/messages), the help included (`cli.help`, `cli.help.explain`).
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, realpathSync, statSync } from "node:fs";
import { extname, basename, dirname, join, resolve as resolvePath } from "node:path";
import { blankRow, rowValidator, validateClaim, type RawRecord, type Validation } from "../src/claim/validate";
import { ColumnarValidator, type ColumnarChunk } from "../src/claim/columnar";
import { AuditRun, summarise, type AuditReport, type AuditRow, type AuditSummary } from "../src/audit/audit";
import { looksLikeIdNumber, maskIdNumber, maskIdNumbers } from "../src/problem";
import { joinList, msg, PRODUCT_NAME, say } from "../src/messages";
import { formatOf, readClaims, readGrid, type Format, type JsonRecord, type ReadResult } from "../io/reader";
import { streamClaims, type StreamOptions } from "../io/stream";
import type { ClaimRow } from "../io/table";
import { XlsxStreamWriter } from "../io/xlsxStream";
import { nodeDeflater } from "./nodeZip";
import { fileChunks, fileSource, FileOut, LineSpool, Progress, removeTemps, sizeOf, StdOut, Stopped, streamChunks, type ReportOut } from "./stream";
import { ReaderError } from "../io/errors";
import { Engine, amountsOf, incompleteJson, type SettlementResult } from "../src/engine/settle";
import { allocResults, fromClaims } from "../src/engine/columns";
import { resultAt } from "../src/engine/settle";
import { resultTable, summaryBlocks, STATUS_TEXT, rowCells, RESULT_FORMATS, RESULT_HEADERS, TEXT_FORMAT } from "../src/audit/report";
import { csvRow } from "../io/csv";
import { renderTrace } from "../src/trace";
import { EXPLAIN_FORMAT, explainJson } from "../src/engine/explain";
import { formatYuan } from "../src/money";
import type { Claim } from "../src/claim/claim";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";
import { readParamTable } from "../src/params/table";
import { cmdEmergency } from "./emergency";
import { cmdReferral } from "./referral";
import { chronicCode } from "../src/catalogs/national";
import { builtinRegistry } from "../src/params/builtin";

export class UsageError extends Error {}

/** How many of a parameter table's notes the command line lists before it says how many more there are. */
const NOTES_SHOWN = 12;

interface Args {
  cmd: string;
  opts: Record<string, string | boolean>;
  positional: string[];
}

export function parseArgs(argv: string[]): Args {
  const [cmd = "help", ...rest] = argv;
  const opts: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
      let value: string | boolean;
      if (v !== undefined) value = v;
      else if (k.startsWith("no-")) {
        opts[k.slice(3)] = false;
        continue;
      } else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) value = rest[++i]!;
      else value = true;
      // --map may be given more than once
      opts[k] = k === "map" && typeof opts[k] === "string" && typeof value === "string" ? `${opts[k] as string}\n${value}` : value;
    } else positional.push(a);
  }
  return { cmd, opts, positional };
}

/** The help: all commands, or one command's own (`yibao explain --help`). */
function helpOf(cmd: string, lang: Lang): string {
  return say(lang, cmd === "explain" ? "cli.help.explain" : "cli.help", { name: PRODUCT_NAME, format: EXPLAIN_FORMAT });
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Raw text or bytes to stdout (`--out -`); without it, text goes to `out` a line at a time. */
  write?(s: string | Uint8Array): void;
  /** Resolves when stdout has drained (a pipe whose reader is behind). */
  drain?(): Promise<void>;
  /** stdin (`--in -`); default process.stdin. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Aborted on Ctrl-C: the run stops, removes its temporary file and exits with 130. */
  signal?: AbortSignal;
  /** The progress line's writer when stderr is a terminal (none: no progress line). */
  progress?(s: string): void;
  /** Chunk and batch sizes (tests cross their boundaries on small files). */
  tuning?: { chunkBytes?: number; batchRows?: number };
}

/** The --map option as the reader takes it: column letter or header → field name, or null to ignore. */
function mapOf(args: Args): Record<string, string | null> | undefined {
  const m = args.opts.map;
  if (m === undefined) return undefined;
  if (typeof m !== "string") throw new UsageError(say(langOf(args.opts), "cli.mapSyntax", { value: String(m) }));
  const out: Record<string, string | null> = {};
  for (const part of m.split(/\n|,/)) {
    if (part.trim() === "") continue;
    const k = part.indexOf("=");
    if (k <= 0) throw new UsageError(say(langOf(args.opts), "cli.mapSyntax", { value: part }));
    const target = part.slice(k + 1).trim();
    out[part.slice(0, k).trim()] = target === "-" || target === "" ? null : target;
  }
  return out;
}

/**
 * Read the input through the one reader (io/reader.ts) and say on stderr how it was read. A file the
 * reader refuses stops here with its message (no claims read is never a success).
 */
export async function readInput(args: Args, io: Io): Promise<ReadResult> {
  const lang = langOf(args.opts);
  const file = requireIn(args);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UsageError(say(lang, "cli.cannotRead", { file, reason: (e as NodeJS.ErrnoException).code ?? "?" }));
  }
  const mb = args.opts["max-entry-mb"];
  let maxEntryBytes: number | undefined;
  if (mb !== undefined) {
    if (typeof mb !== "string" || !/^\d{1,7}$/.test(mb) || Number(mb) < 1) throw new UsageError(say(lang, "cli.maxEntry", { value: String(mb) }));
    maxEntryBytes = Number(mb) * 1024 * 1024;
  }
  const sheet = typeof args.opts.sheet === "string" ? args.opts.sheet : undefined;
  const result = readClaims(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { file: basename(file), sheet, map: mapOf(args), maxEntryBytes });
  for (const t of result.summary) io.err(t[lang]);
  return result;
}

/** One entry of the input in file order: a validated claim, or the problems of its row. */
interface Item {
  line: number;
  label: string;
  v: Validation;
}

/**
 * Validate every row (blank rows skipped). A row the reader already refused keeps its problem; a
 * record that makes the validator fail unexpectedly gets its own error and the batch goes on.
 */
export function validateInput(r: ReadResult): Item[] {
  const out: Item[] = [];
  const guard = (f: () => Validation, label: string): Validation => {
    try {
      return f();
    } catch {
      return { ok: false, id: label, problems: [{ code: "internal", kind: "input", message: msg("claim.internal") }] };
    }
  };
  if (r.table) {
    const validate = rowValidator(r.table.header);
    for (const row of r.table.rows) {
      if (row.problem) out.push({ line: row.line, label: row.label, v: { ok: false, id: row.label, problems: [row.problem] } });
      else if (!blankRow(row.cells)) out.push({ line: row.line, label: row.label, v: guard(() => validate(row.cells, row.label), row.label) });
    }
  } else
    for (const rec of r.records ?? []) {
      if (rec.problem) out.push({ line: rec.line, label: rec.label, v: { ok: false, id: rec.label, problems: [rec.problem] } });
      else out.push({ line: rec.line, label: rec.label, v: guard(() => validateClaim(rec.record!, rec.label), rec.label) });
    }
  return out;
}

function langOf(opts: Args["opts"]): Lang {
  const l = opts.lang ?? "zh";
  // the language asked for is not known: said in both
  if (l !== "zh" && l !== "en") throw new UsageError(`${say("zh", "cli.langInvalid", { value: String(l) })}\n${say("en", "cli.langInvalid", { value: String(l) })}`);
  return l;
}

function problemJson(ps: Problem[], lang: Lang) {
  const p = ps[0]!;
  const e: Record<string, unknown> = { code: p.code, field: p.field ?? null, message: ps.map((x) => x.message[lang]).join(say(lang, "common.sentenceSeparator")) };
  if (ps.length > 1) e.problems = ps.map((x) => ({ code: x.code, field: x.field ?? null, message: x.message[lang] }));
  return e;
}

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

export type Settled = { id: string; result?: SettlementResult; problems?: Problem[] };

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
    const r = resultAt(engine, c.claims, res, k, []);
    out.push(r.ok ? { id: c.claims.ids[k]!, result: r } : { id: c.claims.ids[k]!, problems: [r.problem!] });
  }
  return out;
}

/** The settlement report's columns (CSV and .xlsx). */
export const SETTLE_HEAD = ["id", "policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "error"];

/** One settled claim as a JSON line. */
export function settleJson(r: Settled, lang: Lang): string {
  return JSON.stringify(r.result ? { id: r.id, ...amountsOf(r.result), ...(r.result.incomplete ? { incomplete: incompleteJson(r.result, lang) } : {}) } : { id: r.id, error: problemJson(r.problems!, lang) });
}

/** One settled claim as a report row (SETTLE_HEAD). */
export function settleRow(r: Settled, lang: Lang): unknown[] {
  if (!r.result) return [r.id, ...AMOUNT_KEYS.map(() => ""), problemJson(r.problems!, lang).message];
  const amounts = amountsOf(r.result);
  return [r.id, ...AMOUNT_KEYS.map((k) => amounts[k] ?? ""), (incompleteJson(r.result, lang) ?? []).map((x) => x.message).join(say(lang, "common.sentenceSeparator"))];
}

/** One audited claim as a JSON line (`text`: the report options with amounts as text). */
export function auditJson(a: AuditRow, text: { lang: Lang; mask: boolean; numbers: boolean }): string {
  const cells = rowCells(a, text);
  const lang = text.lang;
  return JSON.stringify({ id: a.id, status: a.status, recomputed: a.result?.ok ? amountsOf(a.result) : null, ...(a.result?.incomplete ? { incomplete: incompleteJson(a.result, lang) } : {}), differences: a.flagged.map((c) => ({ field: c.field, claimed: formatYuan(c.claimed), recomputed: formatYuan(c.recomputed), diff: formatYuan(c.diff) })), reasons: String(cells[cells.length - 1]) });
}

/** Validate and settle raw records (objects keyed by header); results in input order. */
export function settleRecords(records: readonly RawRecord[], engine: Engine): { id: string; result?: SettlementResult; problems?: Problem[] }[] {
  return settleItems(records.map((rec, i) => ({ line: i + 1, label: `row ${i + 1}`, v: validateClaim(rec, `row ${i + 1}`) })), engine);
}

const AMOUNT_KEYS = ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal"] as const;

/**
 * Where a report may go: never the input (compared by real path and by file identity), never an
 * existing file unless --force, and only into a folder that exists. Checked before any work is done.
 */
function checkOut(args: Args, lang: Lang): string | undefined {
  const out = args.opts.out;
  if (out === undefined) return undefined;
  if (typeof out !== "string" || out === "") throw new UsageError(say(lang, "cli.outNeedsFile"));
  if (out === "-") return out;
  const input = typeof args.opts.in === "string" ? args.opts.in : undefined;
  const dir = dirname(resolvePath(out));
  if (!existsSync(dir)) throw new UsageError(say(lang, "cli.outDirMissing", { file: out, dir }));
  if (input !== undefined && sameFile(input, out)) throw new UsageError(say(lang, "cli.outIsIn", { file: out }));
  if (existsSync(out) && args.opts.force !== true) throw new UsageError(say(lang, "cli.outExists", { file: out }));
  return out;
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      try {
        return join(realpathSync(dirname(resolvePath(p))), basename(p));
      } catch {
        return resolvePath(p);
      }
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** An engine whose registry carries the parameter table given with --params (never loaded silently). */
async function engineFor(args: Args, io: Io, engine: Engine): Promise<Engine> {
  const file = args.opts.params;
  if (file === undefined) return engine;
  const lang = langOf(args.opts);
  if (typeof file !== "string") throw new UsageError(say(lang, "cli.paramsNeedsFile"));
  let cells: unknown[][];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UsageError(say(lang, "cli.cannotRead", { file, reason: (e as NodeJS.ErrnoException).code ?? "?" }));
  }
  try {
    // the claims reader's decoding (GBK, UTF-16), quoting rules and limits, for a table with its own headers
    cells = readGrid(bytes, { file: basename(file) }).rows;
  } catch (e) {
    if (e instanceof ReaderError) throw new UsageError(e.say(lang));
    throw e;
  }
  const { overrides, problems, notes } = readParamTable(engine.registry, cells);
  if (problems.length)
    throw new UsageError([`${file}:`, ...problems.map((p) => say(lang, p.column ? "cli.paramsProblemColumn" : "cli.paramsProblem", { row: p.row, column: p.column ?? "", message: p.message }))].join("\n"));
  io.err(say(lang, /example/i.test(file) ? "cli.paramsReadExample" : "cli.paramsRead", { file: basename(file), count: overrides.length }));
  // a city figure the table leaves out is not an error (the claims that need it are refused, naming it), but said here
  if (notes.length) {
    const shown = notes.length > NOTES_SHOWN + 1 ? NOTES_SHOWN : notes.length;
    io.err([say(lang, "cli.paramsNotes", { file: basename(file), count: notes.length }), ...notes.slice(0, shown).map((n) => `  ${n.message[lang]}`), ...(shown < notes.length ? [`  ${say(lang, "cli.paramsNotesMore", { count: notes.length - shown })}`] : [])].join("\n"));
  }
  return new Engine(engine.registry.withOverrides(basename(file), overrides));
}

export async function run(argv: string[], io: Io, engine = new Engine(builtinRegistry())): Promise<number> {
  const args = parseArgs(argv);
  try {
    if (args.opts.help === true) {
      io.out(helpOf(args.cmd, langOf(args.opts)));
      return 0;
    }
    engine = await engineFor(args, io, engine);
    switch (args.cmd) {
      case "settle":
        return await cmdSettle(args, io, engine);
      case "explain":
        return await cmdExplain(args, io, engine);
      case "audit":
        return await cmdAudit(args, io, engine);
      case "emergency":
        return cmdEmergency(args, io);
      case "chronic-code":
        return cmdChronicCode(args, io);
      case "referral":
        return cmdReferral(args, io);
      case "help":
      case "--help":
      case "-h":
        io.out(helpOf("", langOf(args.opts)));
        return 0;
      default:
        throw new UsageError(`${say(langOf(args.opts), "cli.unknownCommand", { cmd: args.cmd })}\n\n${helpOf("", langOf(args.opts))}`);
    }
  } catch (e) {
    removeTemps();
    const lang: Lang = args.opts.lang === "en" ? "en" : "zh";
    if (e instanceof Stopped) {
      io.err(say(lang, "stream.stopped"));
      return 130;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof ReaderError) {
      io.err(e.say(lang));
      return 2;
    }
    // never a stack trace: say what kind of failure it was, and that nothing was written
    io.err(say(lang, "cli.internal", { reason: e instanceof Error ? e.name : typeof e }));
    return 1;
  }
}

function requireIn(args: Args): string {
  const f = args.opts.in;
  if (typeof f !== "string") throw new UsageError(say(langOf(args.opts), "cli.inRequired"));
  return f;
}

async function cmdSettle(args: Args, io: Io, engine: Engine): Promise<number> {
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
    xlsx = new XlsxStreamWriter((chunk) => report.write(chunk), 1, nodeDeflater);
    xlsx.startSheet({ name: "settlement", freezeRows: 1, boldRows: [0], widths: head.map((_, j) => (j === head.length - 1 ? 60 : 14)) });
    xlsx.row(head);
  } else if (report && kind === "csv") report.write((out === "-" ? "" : "\uFEFF") + csvRow(head) + "\r\n");
  const emit = async (results: Settled[]) => {
    // a claim id that is an ID number is masked like one (unless --no-mask)
    if (mask) for (const r of results) if (looksLikeIdNumber(r.id)) r.id = maskIdNumber(r.id.trim());
    const parts: string[] = [];
    for (const r of results) {
      total++;
      if (!r.result) {
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

async function cmdExplain(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const id = args.opts.id;
  if (typeof id !== "string") throw new UsageError(say(lang, "cli.idRequired"));
  const items = validateInput(await readInput(args, io));
  const found = items.find((it) => (it.v.ok ? it.v.claim.id : it.v.id) === id);
  if (!found) throw new UsageError(say(lang, "cli.noSuchClaim", { id: maskIdNumbers(id) }));
  const v = found.v;
  if (args.opts.json === true) {
    // the steps as data (src/engine/explain.ts), for auditors' own tools
    io.out(JSON.stringify(v.ok ? explainJson(engine, engine.settle(v.claim)) : { format: EXPLAIN_FORMAT, id, ok: false, problems: v.problems.map((p) => ({ code: p.code, field: p.field ?? null, message: p.message })) }));
    return 0;
  }
  if (!v.ok) {
    io.out(say(lang, "cli.explain.invalid", { id }));
    for (const p of v.problems) io.out(`  - ${p.message[lang]}`);
    return 0;
  }
  const r = engine.settle(v.claim);
  if (!r.ok) {
    io.out(say(lang, "cli.explain.notSettled", { id, message: r.problem!.message }));
    return 0;
  }
  io.out(say(lang, "cli.explain.rule", { id, rule: r.rule ?? "" }));
  for (const line of renderTrace(r.trace, lang)) io.out(line);
  for (const x of r.incomplete ?? []) io.out(say(lang, "cli.explain.notComputable", { message: x.message }));
  io.out("");
  io.out(say(lang, "cli.explain.params"));
  for (const p of r.params) io.out(say(lang, p.override ? "cli.explain.paramOverride" : "cli.explain.param", { id: p.id, label: p.label, from: p.from, override: p.override ?? "" }));
  return 0;
}

/**
 * Audit the items: the valid claims through the core's AuditRun (row labels as the file shows them),
 * the rows the reader or the validator refused as error rows in their place, one summary over all.
 */
export function auditItems(r: ReadResult, engine: Engine): AuditReport {
  const rows: { line: number; row: AuditRow }[] = [];
  const errorRow = (line: number, label: string, problems: Problem[], id?: string): AuditRow => ({ index: -1, id: id ?? label, status: "error", comparisons: [], flagged: [], reasons: [], problems, notCompared: [] });
  let notes: AuditReport["notes"] = [];
  if (r.table) {
    const ok = r.table.rows.filter((x) => !x.problem);
    for (const x of r.table.rows) if (x.problem) rows.push({ line: x.line, row: errorRow(x.line, x.label, [x.problem]) });
    const run = new AuditRun(r.table.header, ok.map((x) => x.cells), { engine, rowLabel: (i) => ok[i]!.label });
    const rep = run.finish();
    for (const a of rep.rows) rows.push({ line: ok[a.index]!.line, row: a });
    notes = rep.notes;
  } else {
    const recs = (r.records ?? []).filter((x) => !x.problem);
    for (const x of r.records ?? []) if (x.problem) rows.push({ line: x.line, row: errorRow(x.line, x.label, [x.problem]) });
    const header = [...new Set(recs.flatMap((x) => Object.keys(x.record!)))];
    const data = recs.map((x) => header.map((h) => (Object.hasOwn(x.record!, h) ? x.record![h] : null)));
    const rep = new AuditRun(header, data, { engine, rowLabel: (i) => recs[i]!.label }).finish();
    for (const a of rep.rows) rows.push({ line: recs[a.index]!.line, row: a });
    notes = rep.notes;
  }
  rows.sort((a, b) => a.line - b.line);
  const all = rows.map((x) => x.row);
  return { rows: all, summary: summarise(all), notes };
}

async function cmdAudit(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const file = requireIn(args);
  const out = checkOut(args, lang);
  const mask = args.opts.mask !== false;
  const kind = out === undefined ? null : outKind(out, args, lang, ["jsonl", "csv", "xlsx"]);
  // with the report on stdout, what a person reads goes to stderr
  const say_ = out === "-" ? io.err : io.out;
  const input = openInput(args, io, lang);
  const source = file === "-" ? "stdin" : basename(file);
  const report = out === undefined ? null : openReport(out, io, lang);
  const o = { lang, mask, numbers: true };
  const text = { ...o, numbers: false };
  let xlsx: XlsxStreamWriter | null = null;
  const header = resultTable({ rows: [], summary: summarise([]), notes: [] }, kind === "xlsx" ? o : text)[0]!;
  if (report && kind === "xlsx") {
    xlsx = new XlsxStreamWriter((chunk) => report.write(chunk), 1, nodeDeflater);
    const statusCol = RESULT_HEADERS.indexOf("status");
    xlsx.startSheet({
      name: say(lang, "cli.audit.sheetResults"),
      freezeRows: 1,
      boldRows: [0],
      widths: header.map((_, j) => (j === header.length - 1 ? 60 : 14)),
      columnFormats: RESULT_FORMATS,
      autoFilterColumns: header.length,
      highlights: [
        { column: statusCol, text: STATUS_TEXT.flagged[lang], fill: "#FDE7E9", font: "#A4262C" },
        { column: statusCol, text: STATUS_TEXT.error[lang], fill: "#FFF4CE" },
        { column: statusCol, text: STATUS_TEXT.ok[lang], fill: "#DFF6DD" },
      ],
      nonZeroRed: [RESULT_HEADERS.indexOf("difference")],
    });
    xlsx.row(header);
  } else if (report && kind === "csv") report.write((out === "-" ? "" : "\uFEFF") + csvRow(header) + "\r\n");

  const listing = new LineSpool();
  let summary = summarise([]);
  let run: AuditRun | null = null;
  // JSON lines: the keys of every record so far, in the order they first appear
  const keys = new Map<string, number>();
  let keyList: string[] = [];
  let labels: string[] = [];
  let base = 0;
  let tableHeader: (string | null)[] | null = null;
  const runFor = (h: readonly unknown[]) => {
    if (!run) run = new AuditRun(h, [], { engine, keepRows: false, rowLabel: (i) => labels[i - base]! });
    return run;
  };
  const emit = async (errors: { line: number; row: AuditRow }[], ok: { line: number; label: string; cells: readonly unknown[] }[], h: readonly unknown[]) => {
    const r = runFor(h);
    base = r.total;
    labels = ok.map((x) => x.label);
    r.append(ok.map((x) => x.cells), h);
    const rows = errors;
    while (!r.finished) for (const a of r.step(20_000)) rows.push({ line: ok[a.index - base]!.line, row: a });
    rows.sort((x, y) => x.line - y.line);
    const batch = rows.map((x) => x.row);
    // a claim id that is an ID number is masked like one
    if (mask) for (const a of batch) if (looksLikeIdNumber(a.id)) a.id = maskIdNumber(a.id.trim());
    summary = addSummary(summary, summarise(batch));
    const parts: string[] = [];
    for (const a of batch) {
      if (a.status === "flagged" || a.status === "error" || a.notCompared.length) {
        const cells = rowCells(a, text);
        listing.add(`  [${STATUS_TEXT[a.status][lang]}] ${a.id}: ${String(cells[cells.length - 1])}${cells[cells.length - 2] ? ` (${String(cells[cells.length - 2])})` : ""}`);
      }
      if (!report) continue;
      if (kind === "jsonl") {
        parts.push(auditJson(a, text), "\n");
      } else if (xlsx) xlsx.row(rowCells(a, o));
      else parts.push(csvRow(rowCells(a, text)), "\r\n");
    }
    if (report && parts.length) report.write(parts.join(""));
    await report?.flush();
  };
  const errorRow = (label: string, problems: Problem[]): AuditRow => ({ index: -1, id: label, status: "error", comparisons: [], flagged: [], reasons: [], problems, notCompared: [] });
  const progress = progressOf(args, io, lang, input.size);
  let notes: AuditReport["notes"] = [];
  try {
    const end = await streamClaims(input.source, input.options, {
      start: (st) => {
        if (st.header) tableHeader = st.header;
      },
      rows: async (rows) => {
        const errors = rows.filter((x) => x.problem).map((x) => ({ line: x.line, row: errorRow(x.label, [x.problem!]) }));
        await emit(errors, rows.filter((x) => !x.problem), tableHeader!);
        progress.rows += rows.length;
        progress.tick();
      },
      records: async (records) => {
        const errors = records.filter((x) => x.problem).map((x) => ({ line: x.line, row: errorRow(x.label, [x.problem!]) }));
        const ok = records.filter((x) => !x.problem);
        let grew = false;
        for (const x of ok)
          for (const k of Object.keys(x.record!))
            if (!keys.has(k)) {
              keys.set(k, keys.size);
              grew = true;
            }
        if (grew) keyList = [...keys.keys()];
        const data = ok.map((x) => ({ line: x.line, label: x.label, cells: keyList.map((h) => (Object.hasOwn(x.record!, h) ? x.record![h] : null)) }));
        await emit(errors, data, keyList);
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
    notes = run ? (run as AuditRun).report().notes : [];
    if (xlsx) {
      xlsx.endSheet();
      const rep: AuditReport = { rows: [], summary, notes };
      const blocks = summaryBlocks(rep, o, source);
      const rows = blocks.flatMap((b) => b.rows);
      const cellFormats: { row: number; col: number; rows: number; cols: number; numFmt: string }[] = [];
      let at = 0;
      for (const b of blocks) {
        b.formats.forEach((numFmt, col) => {
          if (numFmt !== TEXT_FORMAT && b.rows.length) cellFormats.push({ row: at, col, rows: b.rows.length, cols: 1, numFmt });
        });
        at += b.rows.length;
      }
      xlsx.sheet({ name: say(lang, "cli.audit.sheetSummary"), freezeRows: 1, boldRows: [0], widths: rows[0]!.map((_, j) => (j === rows[0]!.length - 1 ? 60 : 14)), cellFormats }, rows);
      xlsx.end();
    }
    await report?.commit();
  } catch (e) {
    progress.done();
    report?.abort();
    removeTemps();
    throw e;
  }
  const s = summary;
  say_(say(lang, "cli.audit.summaryCounts", { source, claims: s.claims, ok: s.ok, flagged: s.flagged, errors: s.errors, unchecked: s.unchecked }));
  say_(say(lang, "cli.audit.summaryFund", { claimed: formatYuan(s.claimedFund), recomputed: formatYuan(s.recomputedFund), difference: formatYuan(s.totalDifference) }));
  for (const n of notes) say_(`  ${n[lang]}`);
  for (const l of listing.drain()) say_(l);
  if (out !== undefined) io.err(say(lang, "cli.audit.written", { file: out }));
  if (s.claims > 0 && s.errors === s.claims) {
    io.err(say(lang, "stream.noneAudited", { n: s.claims }));
    return 2;
  }
  return 0;
}

/** Two summaries of parts of a batch as the summary of the whole (every figure is a count or a sum). */
export function addSummary(a: AuditSummary, b: AuditSummary): AuditSummary {
  const byLayer = { ...a.byLayer };
  for (const l of Object.keys(byLayer) as (keyof AuditSummary["byLayer"])[]) byLayer[l] = { claimed: a.byLayer[l].claimed + b.byLayer[l].claimed, recomputed: a.byLayer[l].recomputed + b.byLayer[l].recomputed };
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

/** A record that makes the validator fail unexpectedly gets its own error and the batch goes on. */
function guarded(f: () => Validation, label: string): Validation {
  try {
    return f();
  } catch {
    return { ok: false, id: label, problems: [{ code: "internal", kind: "input", message: msg("claim.internal") }] };
  }
}

/** The input as a stream: a file read in chunks, or stdin with `--in -` (whose format --format names). */
function openInput(args: Args, io: Io, lang: Lang): { source: Parameters<typeof streamClaims>[0]; size?: number; options: StreamOptions } {
  const file = requireIn(args);
  const mb = args.opts["max-entry-mb"];
  let maxEntryBytes: number | undefined;
  if (mb !== undefined) {
    if (typeof mb !== "string" || !/^\d{1,7}$/.test(mb) || Number(mb) < 1) throw new UsageError(say(lang, "cli.maxEntry", { value: String(mb) }));
    maxEntryBytes = Number(mb) * 1024 * 1024;
  }
  const sheet = typeof args.opts.sheet === "string" ? args.opts.sheet : undefined;
  const f = args.opts.format;
  const format = f === undefined ? undefined : FORMATS[String(f).toLowerCase()];
  if (f !== undefined && (typeof f !== "string" || !format)) throw new UsageError(say(lang, "stream.formatUnknown", { value: String(f) }));
  const options: StreamOptions = { file: file === "-" ? "stdin" : basename(file), sheet, map: mapOf(args), maxEntryBytes, format, batchRows: io.tuning?.batchRows };
  if (file === "-") {
    if (!format) throw new UsageError(say(lang, "stream.formatNeeded"));
    return { source: streamChunks(io.stdin ?? process.stdin, io.signal), options };
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    }
  } catch (e) {
    throw new UsageError(say(lang, "cli.cannotRead", { file, reason: (e as NodeJS.ErrnoException).code ?? "?" }));
  }
  // an .xlsx is read by position (its directory is at the end), the rest as a stream of chunks
  if ((format ?? formatOf(file)) === "xlsx" && sizeOf(fd) !== undefined) return { source: fileSource(fd, io.signal), size: sizeOf(fd), options };
  return { source: fileChunks(fd, io.signal, io.tuning?.chunkBytes), size: sizeOf(fd), options };
}

const FORMATS: Record<string, Format> = { csv: "text", tsv: "text", txt: "text", jsonl: "jsonl", ndjson: "jsonl", json: "jsonl", xlsx: "xlsx" };

/** The report's format: by the extension of --out, or --format for stdout (JSON lines unless it says csv). */
function outKind(out: string | undefined, args: Args, lang: Lang, allowed: readonly string[]): "jsonl" | "csv" | "xlsx" {
  if (out === undefined) return "jsonl";
  if (out === "-") {
    const f = typeof args.opts.format === "string" ? args.opts.format.toLowerCase() : "jsonl";
    if (f === "csv") return "csv";
    if (f === "jsonl" || f === "ndjson" || f === "json") return "jsonl";
    throw new UsageError(say(lang, "stream.stdoutFormat", { value: f }));
  }
  const ext = extname(out).toLowerCase();
  const kind = ext === ".jsonl" || ext === ".ndjson" ? "jsonl" : ext === ".csv" ? "csv" : ext === ".xlsx" ? "xlsx" : null;
  if (!kind || !allowed.includes(kind)) throw new UsageError(say(lang, ext ? "cli.outFormatUnknown" : "cli.outFormatNone", { ext }));
  return kind;
}

/** The report's destination, opened before anything is read (a folder that cannot be written stops here). */
function openReport(out: string, io: Io, lang: Lang): ReportOut {
  if (out === "-") return new StdOut(io.write ?? lineWriter(io), io.drain ?? (async () => {}));
  return new FileOut(out, (e) => new UsageError(say(lang, "cli.outWriteFailed", { file: out, reason: e.code ?? "?" })));
}

/** Without a raw stdout (tests), text goes to `out` one line at a time. */
function lineWriter(io: Io): (s: string | Uint8Array) => void {
  let rest = "";
  return (s) => {
    rest += typeof s === "string" ? s : new TextDecoder().decode(s);
    const k = rest.lastIndexOf("\n");
    if (k < 0) return;
    for (const l of rest.slice(0, k).split("\n")) io.out(l.replace(/\r$/, ""));
    rest = rest.slice(k + 1);
  };
}

function progressOf(args: Args, io: Io, lang: Lang, size: number | undefined): Progress {
  const quiet = args.opts.quiet === true;
  return new Progress(quiet || !io.progress ? null : io.progress, size, (rows, perSec, left) => say(lang, left === null ? "stream.progress" : "stream.progressLeft", { rows: rows.toLocaleString("en-US"), perSec: Math.round(perSec).toLocaleString("en-US"), left: left === null ? "" : formatSeconds(left) }));
}

function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  return t >= 60 ? `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}` : `${t} s`;
}

function cmdChronicCode(args: Args, io: Io): number {
  const lang = langOf(args.opts);
  const name = args.positional[0] ?? (typeof args.opts.name === "string" ? args.opts.name : undefined);
  if (!name) throw new UsageError(say(lang, "cli.chronicCode.usage"));
  const a = chronicCode(name);
  const j = { name: a.name, code: a.code, category: a.category, matchedBy: a.matchedBy, alternatives: a.alternatives };
  if (args.opts.json === true) io.out(JSON.stringify(j));
  else {
    io.out(a.code ? say(lang, "cli.chronicCode.found", { name: a.name, code: a.code, national: a.nationalName ?? "", category: a.category ?? "", by: a.matchedBy }) : say(lang, "cli.chronicCode.none", { name: a.name }));
    if (a.reason) io.out(`  ${a.reason[lang]}`);
    if (a.alternatives.length) io.out(say(lang, "cli.chronicCode.closest", { list: joinList(lang, a.alternatives.map((x) => `${x.name} ${x.code}`)) }));
  }
  return 0;
}

/** The process entry (dist/cli/main.js and bin/yibao.cjs): stdio, Ctrl-C and the exit code. */
export function main(argv: string[] = process.argv.slice(2)): void {
  // Ctrl-C: the run stops at its next chunk, removes its temporary file and exits with 130; a second
  // Ctrl-C does the same at once
  const stop = new AbortController();
  process.on("SIGINT", () => {
    if (stop.signal.aborted) {
      removeTemps();
      process.stderr.write("\n");
      process.exit(130);
    }
    stop.abort();
  });
  const io: Io = {
    out: (s) => process.stdout.write(s + "\n"),
    err: (s) => process.stderr.write(s + "\n"),
    write: (s) => process.stdout.write(s),
    drain: () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once("drain", () => r())) : Promise.resolve()),
    stdin: process.stdin,
    signal: stop.signal,
    progress: process.stderr.isTTY ? (s) => process.stderr.write(s) : undefined,
  };
  run(argv, io).then(
    (code) => {
      // let stdout finish before exiting (a pipe)
      if (process.stdout.writableNeedDrain) process.stdout.once("drain", () => process.exit(code));
      else process.exit(code);
    },
    (e) => {
      removeTemps();
      process.stderr.write(`yibao: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
