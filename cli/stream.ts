/**
 * The command line's side of streaming: input chunks from a file or stdin, reports written as they
 * come into a temporary file that is renamed only when complete (or to stdout), the progress line,
 * and the stop on Ctrl-C. Node only; the reading itself is io/stream.ts, shared with the pane.
 */
import { closeSync, fdatasync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeSync, fstatSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve as resolvePath } from "node:path";

/**
 * Bytes read from a file at a time. A chunk is decoded and split into records at once, and those
 * records are alive until their batch is settled: with 1 MiB (~5 500 CSV rows of 36 cells) they
 * filled most of the young generation, and every scavenge copied them (1e5-row employee CSV settle:
 * ~380 ms of scavenges with 1 MiB chunks and 4 096-row batches, ~90 ms with 128 KiB and 1 024; peak
 * 172 → 115 MB). 64 KiB rather than 128: the text V8 decodes a chunk into is allocated for the worst
 * case (two bytes a character, one character a byte) and above ~128 KB it goes to the large-object
 * space, which costs twice the decoding itself: TextDecoder on the 1e5-row employee CSV in 64 KiB
 * chunks 15 ms, in 96 or 128 KiB chunks 32 ms (the same strings); the settle of that file 0.50 → 0.45 s
 * (six alternated runs each). 32 KiB measured slower again (the per-chunk turns of the event loop).
 */
export const CHUNK_BYTES = 1 << 16;

/** Temporary files being written, removed on an interrupt or a failure. */
const temps = new Set<string>();

/** Remove every temporary file this process is writing (on Ctrl-C, or before exiting on an error). */
export function removeTemps(): void {
  for (const t of temps) {
    try {
      unlinkSync(t);
    } catch {
      /* already gone */
    }
    temps.delete(t);
  }
}

/** The run was stopped (Ctrl-C). */
export class Stopped extends Error {
  constructor() {
    super("stopped");
    this.name = "Stopped";
  }
}

/** A file's bytes in chunks, read as they are asked for (memory holds one chunk). */
export async function* fileChunks(fd: number, signal?: AbortSignal, size = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      if (signal?.aborted) throw new Stopped();
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield n === size ? buf : buf.subarray(0, n);
      // give the event loop a turn (a Ctrl-C, the progress timer, stdout draining)
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A file read by position (an .xlsx: the zip's directory is at its end, each part where it says):
 * memory holds what one read asks for. Closed by the reader when it is done.
 */
export function fileSource(fd: number, signal?: AbortSignal): { size: number; read(pos: number, len: number): Uint8Array; close(): void } {
  const size = fstatSync(fd).size;
  let open = true;
  return {
    size,
    read(pos, len) {
      if (signal?.aborted) throw new Stopped();
      const n = Math.max(0, Math.min(len, size - pos));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const k = readSync(fd, buf, got, n - got, pos + got);
        if (k === 0) break;
        got += k;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** stdin's bytes as they arrive. */
export async function* streamChunks(stream: AsyncIterable<Uint8Array | string>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for await (const c of stream) {
    if (signal?.aborted) throw new Stopped();
    yield typeof c === "string" ? Buffer.from(c, "utf8") : c;
  }
}

/** The size of an open file, or undefined when it is not a regular file (a pipe). */
export function sizeOf(fd: number): number | undefined {
  try {
    const s = fstatSync(fd);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Where a report goes: bytes and text in order, then `commit` (complete) or `abort` (nothing left). */
export interface ReportOut {
  write(s: string | Uint8Array): void;
  /** Let the consumer catch up (stdout): resolves when buffered output has drained. */
  flush(): Promise<void>;
  commit(): Promise<void>;
  abort(): void;
}

/**
 * A report file written as it comes: into a temporary file in the target's folder, in large writes,
 * flushed to disk and renamed over the name at the end. Stopped or failed, the temporary file is
 * removed: the name holds the old file or nothing, never a report cut short.
 */
/** How many bytes a report file takes before what is written is flushed to disk behind the writer. */
const SYNC_EVERY = 4 << 20;

export class FileOut implements ReportOut {
  private fd: number | undefined;
  readonly tmp: string;
  private parts: (string | Uint8Array)[] = [];
  private size = 0;

  constructor(
    private readonly file: string,
    private readonly onError: (e: NodeJS.ErrnoException) => Error,
  ) {
    this.tmp = join(dirname(resolvePath(file)), `.${basename(file)}.${process.pid}.${Date.now()}.part`);
    try {
      this.fd = openSync(this.tmp, "wx");
    } catch (e) {
      throw onError(e as NodeJS.ErrnoException);
    }
    temps.add(this.tmp);
  }

  write(s: string | Uint8Array): void {
    // bytes in pieces of 64 KiB or more (a batch of a byte writer's rows) go to the file as they are;
    // small writes are gathered into one
    if (typeof s !== "string" && s.length >= 1 << 16) {
      this.spill();
      this.writeOut(s);
      return;
    }
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.spill();
  }

  private spill(): void {
    if (!this.parts.length) return;
    const bytes = this.parts.length === 1 && typeof this.parts[0] !== "string" ? (this.parts[0] as Uint8Array) : Buffer.concat(this.parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
    this.parts = [];
    this.size = 0;
    this.writeOut(bytes);
  }

  private writeOut(bytes: Uint8Array): void {
    try {
      for (let i = 0; i < bytes.length; ) i += writeSync(this.fd!, bytes, i, bytes.length - i);
    } catch (e) {
      this.abort();
      throw this.onError(e as NodeJS.ErrnoException);
    }
    this.unsynced += bytes.length;
    if (this.unsynced >= SYNC_EVERY && !this.syncing) this.syncBehind();
  }

  /**
   * What is written so far flushed to disk on libuv's thread while the rows go on (the final fsync then
   * has only the tail left: it was 40–50 ms of a 1e5-row settle, the main thread waiting). An error of
   * such a sync is kept and is the commit's: on Linux a failed fsync may not fail again for the same
   * lost pages, so it must not be dropped.
   */
  private syncBehind(): void {
    const fd = this.fd!;
    this.unsynced = 0;
    this.syncing = new Promise((done) =>
      fdatasync(fd, (e) => {
        if (e && this.fd === fd) this.syncError ??= e;
        this.syncing = null;
        done();
      }),
    );
  }
  private unsynced = 0;
  private syncing: Promise<void> | null = null;
  private syncError: NodeJS.ErrnoException | undefined;

  async flush(): Promise<void> {}

  async commit(): Promise<void> {
    this.spill();
    if (this.syncing) await this.syncing;
    try {
      if (this.syncError) throw this.syncError;
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.file);
      temps.delete(this.tmp);
    } catch (e) {
      this.abort();
      throw this.onError(e as NodeJS.ErrnoException);
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* closed */
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* nothing left to remove */
    }
    temps.delete(this.tmp);
  }
}

/** A report on stdout (`--out -`): written as it comes; `flush` waits while the reader of the pipe is behind. */
export class StdOut implements ReportOut {
  constructor(
    private readonly write_: (s: string | Uint8Array) => void,
    private readonly drain: () => Promise<void>,
  ) {}
  write(s: string | Uint8Array): void {
    this.write_(s);
  }
  flush(): Promise<void> {
    return this.drain();
  }
  async commit(): Promise<void> {
    await this.drain();
  }
  abort(): void {}
}

/**
 * Lines to print after a summary that is only known at the end (the audit's flagged claims): kept in
 * memory up to a few MiB, then in a private temporary file, so a batch where every claim is flagged
 * still runs in flat memory. The lines are already masked.
 */
export class LineSpool {
  private lines: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private path: string | undefined;

  add(s: string): void {
    this.lines.push(s);
    this.size += s.length;
    if (this.size > 4 << 20) this.spill();
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.path = join(tmpdir(), `.yibao-${process.pid}-${Date.now()}.lines`);
      this.fd = openSync(this.path, "wx", 0o600);
      temps.add(this.path);
    }
    const b = Buffer.from(this.lines.join("\n") + "\n", "utf8");
    for (let i = 0; i < b.length; ) i += writeSync(this.fd, b, i, b.length - i);
    this.lines = [];
    this.size = 0;
  }

  /** Every line in order, then the spool is gone. */
  *drain(): Generator<string> {
    if (this.fd !== undefined) {
      this.spill();
      closeSync(this.fd);
      this.fd = undefined;
      // read back in pieces
      const fd = openSync(this.path!, "r");
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      let rest = "";
      const dec = new TextDecoder();
      try {
        for (;;) {
          const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
          if (n === 0) break;
          rest += dec.decode(buf.subarray(0, n), { stream: true });
          const k = rest.lastIndexOf("\n");
          if (k < 0) continue;
          for (const l of rest.slice(0, k).split("\n")) yield l;
          rest = rest.slice(k + 1);
        }
      } finally {
        closeSync(fd);
        unlinkSync(this.path!);
        temps.delete(this.path!);
      }
    } else yield* this.lines;
    this.lines = [];
  }
}

/**
 * One updating line on stderr while a long run goes on: rows done, rows per second and, when the
 * input's size is known, the time left. Shown only on a terminal, only after the first second, never
 * with --quiet; cleared when the run ends.
 */
export class Progress {
  private readonly t0: number;
  private last = 0;
  private shown = false;
  rows = 0;
  bytes = 0;

  constructor(
    private readonly write: ((s: string) => void) | null,
    private readonly size: number | undefined,
    private readonly words: (rows: number, perSec: number, left: number | null) => string,
    private readonly now: () => number = Date.now,
  ) {
    this.t0 = now();
  }

  tick(): void {
    if (!this.write) return;
    const now = this.now();
    if (now - this.t0 < 1000 || now - this.last < 200) return;
    this.last = now;
    const s = (now - this.t0) / 1000;
    const perSec = this.rows / s;
    const left = this.size && this.bytes > 0 ? (s * (this.size - this.bytes)) / this.bytes : null;
    this.write(`\r${this.words(this.rows, perSec, left)}\u001b[K`);
    this.shown = true;
  }

  done(): void {
    if (this.shown && this.write) this.write("\r\u001b[K");
    this.shown = false;
  }
}

/** Whole input bytes (for explain, and the --params table): a file, or stdin. */
export function readAll(file: string): Buffer {
  return file === "-" ? readFileSync(0) : readFileSync(file);
}
