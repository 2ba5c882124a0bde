/**
 * The command line's .xlsx reports deflated by Node's zlib (native code) instead of fflate's
 * JavaScript (a fifth of a 100 000-row audit's time), and off the main thread: each zip part is one
 * zlib deflate stream, whose work runs on libuv's threads while the main thread goes on making the
 * report's XML. The part's bytes come in pieces (the writer's 64 KiB batches); the pieces that come
 * while zlib works on a write are handed over together as its next write (PooledDeflate.next), so
 * that zlib always has the rows made since it last heard from the main thread; what it gives back goes to the zip in order (a stream keeps its order), and the
 * zip (fflate's Zip) puts the parts in the order they were added, whichever finishes first.
 *
 * Per piece the main thread only counts the crc and size and hands the bytes on (a zlib call per
 * piece, each with its own stream, cost the main thread most of what deflating there did). Memory is
 * bounded by the producer: `caughtUp()` resolves once at most BACKLOG bytes wait to be deflated
 * (awaited between batches of rows). A zlib error, or a write of the results that failed, is the
 * writer's error (XlsxStreamWriter's next call throws it, `finished` rejects with it). `stop` drops
 * whatever is still being deflated.
 */
import { Readable, pipeline } from "node:stream";
import { crc32, createDeflateRaw, createInflateRaw, type DeflateRaw } from "node:zlib";
import type { ZipInputFile } from "fflate";
import { CorruptEntry } from "../io/container";

type Bytes = Parameters<NonNullable<ZipInputFile["ondata"]>>[1];
type FlateError = NonNullable<Parameters<NonNullable<ZipInputFile["ondata"]>>[0]>;
const EMPTY = new Uint8Array(0);

export class DeflatePool {
  private pendingBytes = 0;
  private waiters: { max: number; resolve: () => void }[] = [];
  private stopped = false;
  private readonly parts = new Set<PooledDeflate>();

  /** The report's XML that may still wait to be deflated when the producer goes on (caughtUp). */
  static readonly BACKLOG = 4 << 20;

  /** The PartDeflater of an XlsxStreamWriter whose parts this pool deflates. */
  readonly deflater = (filename: string, level: number): ZipInputFile & { push(chunk: Uint8Array, final: boolean): void } => {
    const part = new PooledDeflate(filename, level, this);
    this.parts.add(part);
    return part;
  };

  /** Resolves when at most BACKLOG bytes wait to be deflated: awaited between batches of rows. */
  caughtUp(): Promise<void> {
    // a turn of the event loop first: zlib's finished writes are heard and what waits goes to it
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.idle(DeflatePool.BACKLOG));
  }

  /** The bytes pushed and not yet deflated. */
  get backlog(): number {
    return this.pendingBytes;
  }

  /** Resolves when at most `maxBytes` of pushed bytes wait to be deflated (0: all done). */
  idle(maxBytes = 0): Promise<void> {
    if (this.stopped || this.pendingBytes <= maxBytes) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ max: maxBytes, resolve }));
  }

  /** Nothing more goes out (a run stopped or failed): what is still being deflated is dropped. */
  stop(): void {
    this.stopped = true;
    for (const p of this.parts) p.terminate();
    this.parts.clear();
    this.wake();
  }

  /** @internal */
  queued(n: number): void {
    this.pendingBytes += n;
  }

  /** @internal a piece of n bytes taken by zlib */
  deflated(n: number): void {
    this.pendingBytes -= n;
    this.wake();
  }

  /** @internal a part finished (or failed): nothing of it is left to stop */
  ended(part: PooledDeflate): void {
    this.parts.delete(part);
  }

  private wake(): void {
    if (!this.waiters.length) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) (this.stopped || this.pendingBytes <= w.max ? w.resolve() : still.push(w));
    this.waiters = still;
  }
}

/** One part of a DeflatePool: a zlib deflate stream, its output handed on as it comes (in order). */
class PooledDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata?: ZipInputFile["ondata"];
  private z: DeflateRaw | null = null;
  private dead = false;
  /** The pieces pushed while zlib works on the last write, handed over together (next). */
  private waiting: Uint8Array[] = [];
  private inFlight = false;
  private ending = false;

  constructor(
    readonly filename: string,
    private readonly level: number,
    private readonly pool: DeflatePool,
  ) {}

  private stream(): DeflateRaw {
    if (this.z) return this.z;
    const z = (this.z = createDeflateRaw({ level: this.level, chunkSize: 1 << 20 }));
    z.on("data", (out: Bytes) => {
      if (!this.dead) this.ondata!(null, out, false);
    });
    z.on("end", () => {
      if (!this.dead) this.ondata!(null, EMPTY, true);
      this.pool.ended(this);
    });
    z.on("error", (e) => {
      if (this.dead) return;
      this.dead = true;
      this.ondata!(e as unknown as FlateError, EMPTY, true);
      this.pool.ended(this);
    });
    return z;
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.dead) return;
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    this.stream();
    if (chunk.length) {
      this.pool.queued(chunk.length);
      this.waiting.push(chunk);
    }
    if (final) this.ending = true;
    if (!this.inFlight) this.next();
  }

  /**
   * Hand zlib everything that came since its last write, as one write. A stream deflates one write
   * at a time, and the next is handed over only when the main thread turns the event loop; written
   * piece by piece, zlib deflated one 64 KiB piece while the main thread made a whole batch of rows
   * and the rest waited for the batch's end (the main thread idle a fifth of a 1e5-row audit).
   */
  private next(): void {
    if (this.dead) return;
    const z = this.z!;
    if (this.waiting.length) {
      const piece = this.waiting.length === 1 ? this.waiting[0]! : Buffer.concat(this.waiting);
      this.waiting = [];
      const n = piece.length;
      this.inFlight = true;
      // the callback comes once zlib has taken the piece (its output is on its way)
      z.write(piece, () => {
        this.inFlight = false;
        this.pool.deflated(n);
        this.next();
      });
    } else if (this.ending) {
      this.ending = false;
      z.end();
    }
  }

  /** The zip was stopped (XlsxStreamWriter.abort, an error in another part, or the pool's stop). */
  terminate(): void {
    this.dead = true;
    this.z?.destroy();
  }
}

/**
 * An .xlsx sheet inflated by Node's zlib as a stream (io/zip.ts PartInflater): native code on libuv's
 * threads instead of fflate's JavaScript, so the main thread parses one piece of the sheet's XML while
 * the next is inflated. The compressed steps are pulled as the stream asks for them and the output
 * waits in the stream's buffer (INFLATE_CHUNK each, a few at most) until the reader takes it: memory
 * stays bounded whatever the sheet's size.
 */
export const INFLATE_CHUNK = 1 << 18;

export async function* nodeInflater(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const z = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  // the steps are read one at a time (highWaterMark 1 byte: no read-ahead); errors reach the loop below
  pipeline(Readable.from(compressed, { objectMode: false, highWaterMark: 1 }), z, () => {});
  try {
    for await (const c of z) yield c as Uint8Array;
  } catch (e) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR: "unexpected end of file") say the entry is corrupt;
    // any other (a read that failed, Ctrl-C) is passed on as it is
    if (typeof (e as { code?: unknown }).code === "string" && /^Z_/.test((e as { code: string }).code)) throw new CorruptEntry((e as Error).message);
    throw e;
  } finally {
    z.destroy();
  }
}
