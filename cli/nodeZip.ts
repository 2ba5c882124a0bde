/**
 * A zip part deflated by Node's zlib (native code) instead of fflate's JavaScript: for the command
 * line's .xlsx reports, where deflating was a fifth of a 100 000-row audit's time.
 *
 * The part's bytes come in pieces (the writer's 64 KiB batches). Each piece is deflated on its own and
 * ends with a full flush (byte-aligned, no final block); the last with a finish. Raw deflate streams
 * joined this way are one valid deflate stream (blocks follow blocks; none refers back past its own
 * piece), which is how parallel compressors such as pigz join theirs; a piece only loses the previous
 * piece's 32 KiB window, a few percent of size. Synchronous, so the report still goes out in order.
 */
import { Readable, pipeline } from "node:stream";
import { constants, crc32, createInflateRaw, deflateRaw, deflateRawSync } from "node:zlib";
import type { ZipInputFile } from "fflate";
import { CorruptEntry } from "../io/zip";

export class NodeZipDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata?: ZipInputFile["ondata"];

  constructor(
    readonly filename: string,
    private readonly level: number,
  ) {}

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    const out = deflateRawSync(chunk, { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
    this.ondata!(null, out, final);
  }
}

/** The parts of an XlsxStreamWriter deflated natively, on this thread (tests, small reports). */
export const nodeDeflater = (filename: string, level: number) => new NodeZipDeflate(filename, level);

/**
 * Parts deflated on libuv's threads (zlib's asynchronous deflateRaw), so the main thread goes on making
 * the report's XML while the pieces already made are compressed on the other core: the command line's
 * .xlsx reports, where deflating on the main thread was a tenth of a 100 000-row audit's time.
 *
 * Each piece is deflated exactly as NodeZipDeflate deflates it (same options: the same bytes); the
 * results come back in any order and go out in the order the pieces came. The crc and size are the
 * part's bytes', counted as they are pushed. Memory is bounded by the producer: `caughtUp()`
 * resolves once at most BACKLOG bytes wait to be deflated (awaited between batches of rows).
 * A zlib error, or a write of the results that failed, is the writer's error (XlsxStreamWriter's next
 * call throws it, `finished` rejects with it). `stop` drops whatever is still being deflated.
 */
export class DeflatePool {
  private pendingBytes = 0;
  private waiters: { max: number; resolve: () => void }[] = [];
  private stopped = false;

  /** The PartDeflater of an XlsxStreamWriter whose parts this pool deflates. */
  readonly deflater = (filename: string, level: number): ZipInputFile & { push(chunk: Uint8Array, final: boolean): void } => new PooledDeflate(filename, level, this);

  /** The report's XML that may still wait to be deflated when the producer goes on (caughtUp). */
  static readonly BACKLOG = 4 << 20;

  /** Resolves when at most BACKLOG bytes wait to be deflated: awaited between batches of rows. */
  caughtUp(): Promise<void> {
    return this.idle(DeflatePool.BACKLOG);
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

  /** Nothing more goes out (a run stopped or failed): results still on their way are dropped. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** @internal a piece of `bytes` sent to be deflated; `cb` gets its result (or error) unless stopped. */
  run(chunk: Uint8Array, level: number, final: boolean, cb: (e: Error | null, out: Uint8Array | null) => void): void {
    this.pendingBytes += chunk.length;
    deflateRaw(chunk, { level, finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH }, (e, out) => {
      this.pendingBytes -= chunk.length;
      if (!this.stopped) cb(e, e ? null : out);
      this.wake();
    });
  }

  private wake(): void {
    if (!this.waiters.length) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) (this.stopped || this.pendingBytes <= w.max ? w.resolve() : still.push(w));
    this.waiters = still;
  }
}

type Bytes = Parameters<NonNullable<ZipInputFile["ondata"]>>[1];
type FlateError = NonNullable<Parameters<NonNullable<ZipInputFile["ondata"]>>[0]>;
interface Slot {
  out: Bytes | null;
  final: boolean;
}
const EMPTY = new Uint8Array(0);

/** One part of a DeflatePool: its pieces' results handed on in the order the pieces were pushed. */
class PooledDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata?: ZipInputFile["ondata"];
  /** The pieces pushed and not yet handed on, in order (out: null while being deflated). */
  private queue: Slot[] = [];
  private dead = false;

  constructor(
    readonly filename: string,
    private readonly level: number,
    private readonly pool: DeflatePool,
  ) {}

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    const slot: Slot = { out: null, final };
    this.queue.push(slot);
    this.pool.run(chunk, this.level, final, (e, out) => {
      if (this.dead) return;
      if (e) {
        this.dead = true;
        this.ondata!(e as FlateError, EMPTY, true);
        return;
      }
      slot.out = out as Bytes;
      // the pieces done at the head of the queue go out, in order
      let k = 0;
      while (k < this.queue.length && this.queue[k]!.out) k++;
      if (!k) return;
      const ready = this.queue.splice(0, k);
      for (const r of ready) this.ondata!(null, r.out!, r.final);
    });
  }

  /** The zip was stopped (XlsxStreamWriter.abort, or an error in another part). */
  terminate(): void {
    this.dead = true;
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
