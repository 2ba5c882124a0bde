/**
 * What the commands of cli/main.ts share: the arguments, stdio, the input opened as a stream, the
 * report's destination and format, the progress line. Kept apart from the commands so that each
 * command module (cli/settle.ts, cli/audit.ts, cli/explain.ts) is loaded only when it runs: the
 * start-up of a command is part of what the user waits for.
 */
import { closeSync, existsSync, fstatSync, openSync, realpathSync, statSync } from "node:fs";
import { extname, basename, dirname, join, resolve as resolvePath } from "node:path";
import type { Validation } from "../src/claim/validate";
import { msg, say } from "../src/messages";
import { formatOf, type Format } from "../io/formats";
import type { streamClaims, StreamOptions } from "../io/stream";
import { fileChunks, fileSource, FileOut, Progress, sizeOf, StdOut, Stopped, streamChunks, type ReportOut } from "./stream";
import { nodeInflater } from "./nodeZip";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";

export class UsageError extends Error {}

/** The shortest id looksLikeIdNumber can take for an ID number (the old 15-digit form): shorter ids are not asked. */
export const ID_NUMBER_MIN = 15;

export interface Args {
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
export function mapOf(args: Args): Record<string, string | null> | undefined {
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

/** One entry of the input in file order: a validated claim, or the problems of its row. */
export interface Item {
  line: number;
  label: string;
  v: Validation;
}

export function langOf(opts: Args["opts"]): Lang {
  const l = opts.lang ?? "zh";
  // the language asked for is not known: said in both
  if (l !== "zh" && l !== "en") throw new UsageError(`${say("zh", "cli.langInvalid", { value: String(l) })}\n${say("en", "cli.langInvalid", { value: String(l) })}`);
  return l;
}

export function problemJson(ps: Problem[], lang: Lang) {
  const p = ps[0]!;
  const e: Record<string, unknown> = { code: p.code, field: p.field ?? null, message: ps.map((x) => x.message[lang]).join(say(lang, "common.sentenceSeparator")) };
  if (ps.length > 1) e.problems = ps.map((x) => ({ code: x.code, field: x.field ?? null, message: x.message[lang] }));
  return e;
}

/**
 * Where a report may go: never the input (compared by real path and by file identity), never an
 * existing file unless --force, and only into a folder that exists. Checked before any work is done.
 */
export function checkOut(args: Args, lang: Lang): string | undefined {
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

export function sameFile(a: string, b: string): boolean {
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

export function requireIn(args: Args): string {
  const f = args.opts.in;
  if (typeof f !== "string") throw new UsageError(say(langOf(args.opts), "cli.inRequired"));
  return f;
}

/** A record that makes the validator fail unexpectedly gets its own error and the batch goes on. */
export function guarded(f: () => Validation, label: string): Validation {
  try {
    return f();
  } catch {
    return { ok: false, id: label, problems: [{ code: "internal", kind: "input", message: msg("claim.internal") }] };
  }
}

/** `--max-entry-mb N`: the largest part of an .xlsx inflated, in bytes (undefined: the reader's default). */
export function maxEntryBytesOf(args: Args, lang: Lang): number | undefined {
  const mb = args.opts["max-entry-mb"];
  if (mb === undefined) return undefined;
  if (typeof mb !== "string" || !/^\d{1,7}$/.test(mb) || Number(mb) < 1) throw new UsageError(say(lang, "cli.maxEntry", { value: String(mb) }));
  return Number(mb) * 1024 * 1024;
}

/**
 * A stream's `bytes` hook: how far the input is read goes to the progress line, and a stop asked for
 * (Ctrl-C) ends the run there (no partial report: the caller aborts it).
 */
export function bytesRead(progress: Progress, io: Io): (n: number) => void {
  return (n) => {
    progress.bytes = n;
    if (io.signal?.aborted) throw new Stopped();
  };
}

/** The input as a stream: a file read in chunks, or stdin with `--in -` (whose format --format names). */
export function openInput(args: Args, io: Io, lang: Lang): { source: Parameters<typeof streamClaims>[0]; size?: number; options: StreamOptions } {
  const file = requireIn(args);
  const maxEntryBytes = maxEntryBytesOf(args, lang);
  const sheet = typeof args.opts.sheet === "string" ? args.opts.sheet : undefined;
  const f = args.opts.format;
  const format = f === undefined ? undefined : FORMATS[String(f).toLowerCase()];
  if (f !== undefined && (typeof f !== "string" || !format)) throw new UsageError(say(lang, "stream.formatUnknown", { value: String(f) }));
  const options: StreamOptions = { file: file === "-" ? "stdin" : basename(file), sheet, map: mapOf(args), maxEntryBytes, format, batchRows: io.tuning?.batchRows, inflater: nodeInflater };
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

export const FORMATS: Record<string, Format> = { csv: "text", tsv: "text", txt: "text", jsonl: "jsonl", ndjson: "jsonl", json: "jsonl", xlsx: "xlsx" };

/** The report's format: by the extension of --out, or --format for stdout (JSON lines unless it says csv). */
export function outKind(out: string | undefined, args: Args, lang: Lang, allowed: readonly string[]): "jsonl" | "csv" | "xlsx" {
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
export function openReport(out: string, io: Io, lang: Lang): ReportOut {
  if (out === "-") return new StdOut(io.write ?? lineWriter(io), io.drain ?? (async () => {}));
  return new FileOut(out, (e) => new UsageError(say(lang, "cli.outWriteFailed", { file: out, reason: e.code ?? "?" })));
}

/** Without a raw stdout (tests), text goes to `out` one line at a time. */
export function lineWriter(io: Io): (s: string | Uint8Array) => void {
  let rest = "";
  return (s) => {
    rest += typeof s === "string" ? s : new TextDecoder().decode(s);
    const k = rest.lastIndexOf("\n");
    if (k < 0) return;
    for (const l of rest.slice(0, k).split("\n")) io.out(l.replace(/\r$/, ""));
    rest = rest.slice(k + 1);
  };
}

export function progressOf(args: Args, io: Io, lang: Lang, size: number | undefined): Progress {
  const quiet = args.opts.quiet === true;
  return new Progress(quiet || !io.progress ? null : io.progress, size, (rows, perSec, left) => say(lang, left === null ? "stream.progress" : "stream.progressLeft", { rows: rows.toLocaleString("en-US"), perSec: Math.round(perSec).toLocaleString("en-US"), left: left === null ? "" : formatSeconds(left) }));
}

export function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  return t >= 60 ? `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}` : `${t} s`;
}

