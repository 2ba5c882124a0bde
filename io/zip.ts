/**
 * The zip container of an .xlsx, read from its central directory. Each entry's uncompressed size is
 * checked against a limit *before* anything is inflated, and inflation stops as soon as the output
 * passes the declared size or the limit (a zip bomb declares a small size and inflates to gigabytes):
 * memory never holds more than the limit of one entry, and a sheet is handed on in chunks.
 * fflate does the inflating (small, fast, the same code in Node, the browser and a Worker); a host with a
 * native inflater passes its own for a sheet read as a stream (PartInflater).
 */
import { Inflate } from "fflate";
import { refuse } from "./errors";
import { CorruptEntry, type ByteSource, type PartInflater } from "./container";

export { bytesSource, CorruptEntry, DEFAULT_MAX_ENTRY_BYTES, isZip, type ByteSource, type PartInflater } from "./container";


export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;


/** The entries of a zip file, from its central directory. */
export function zipEntries(src: ByteSource, file: string): Map<string, ZipEntry> {
  // the end record is in the last 64 KiB + 22 bytes (its comment is at most 65 535 bytes)
  const tailAt = Math.max(0, src.size - 22 - 65_535 - 20);
  const t = src.read(tailAt, src.size - tailAt);
  let eocd = -1;
  for (let i = t.length - 22; i >= Math.max(0, t.length - 22 - 65_535); i--)
    if (t[i] === 0x50 && t[i + 1] === 0x4b && t[i + 2] === 0x05 && t[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  if (eocd < 0) refuse("zip_broken", "reader.zipBroken", { file });
  let count = u16(t, eocd + 10);
  let dir = u32(t, eocd + 16);
  if (dir === 0xffffffff || count === 0xffff) {
    // zip64: the end-of-central-directory locator sits just before the record
    const loc = eocd - 20;
    if (loc >= 0 && u32(t, loc) === 0x07064b50) {
      const recAt = u64(t, loc + 8);
      const rec = src.read(recAt, 56);
      if (rec.length === 56 && u32(rec, 0) === 0x06064b50) {
        count = u64(rec, 32);
        dir = u64(rec, 48);
      }
    }
  }
  // the directory and what follows it (the end records): small beside the parts it lists
  const b = dir < src.size ? src.read(dir, src.size - dir) : new Uint8Array(0);
  const out = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) refuse("zip_broken", "reader.zipBroken", { file });
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let offset = u32(b, p + 42);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    // zip64 sizes live in the extra field (id 1) when the 32-bit fields are all ones
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(b, q)), (q += 8);
        if (offset === 0xffffffff) offset = u64(b, q);
      }
      e += 4 + len;
    }
    out.set(name.replace(/^\/+/, ""), { name, method, flags, compressedSize, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Compressed bytes read from the file at a time. */
const STEP = 1 << 20;


/**
 * Inflate one entry, handing its bytes on in chunks. Refused before inflating when its declared size
 * is above `limit`, and while inflating as soon as the output passes the declared size. `onChunk`
 * returning `false` stops the inflating there (a probe that has read what it needs).
 */
export function inflateEntry(src: ByteSource, e: ZipEntry, file: string, limit: number, onChunk: (chunk: Uint8Array) => boolean | void): void {
  for (const c of inflateChunks(src, e, file, limit)) if (onChunk(c) === false) return;
}

/** Stops fflate at once when the output passes the limit (what it has inflated is handed on first). */
const OVER = new Error("over");

/** The checks made before an entry is inflated; where its compressed bytes start. */
function entryStart(src: ByteSource, e: ZipEntry, file: string, limit: number): number {
  if (e.size > limit) refuse("zip_entry_too_large", "reader.zipEntryTooLarge", { file, entry: e.name, size: mib(e.size), limit: mib(limit) });
  if (e.flags & 1) refuse("zip_encrypted", "reader.zipEncrypted", { file });
  const p = e.offset;
  const local = src.read(p, 30);
  if (local.length < 30 || u32(local, 0) !== 0x04034b50) refuse("zip_broken", "reader.zipBroken", { file });
  const start = p + 30 + u16(local, 26) + u16(local, 28);
  if (e.compressedSize > 0 && start + e.compressedSize > src.size) refuse("zip_broken", "reader.zipBroken", { file });
  if (e.method === 0 && e.compressedSize !== e.size) refuse("zip_broken", "reader.zipBroken", { file });
  if (e.method !== 0 && e.method !== 8) refuse("zip_method", "reader.zipBroken", { file });
  return start;
}

/**
 * The refusal of an entry whose output passed its declared size (at most the limit, or it was refused
 * before inflating). The size named is that bound, not how far the inflater had got, which depends on
 * how it cuts its output: every inflater refuses a file in the same words.
 */
function tooLarge(e: ZipEntry, file: string, limit: number): never {
  refuse("zip_entry_too_large", "reader.zipEntryTooLarge", { file, entry: e.name, size: `> ${mib(e.size)}`, limit: mib(limit) });
}

/** A stored (not deflated) entry's bytes, a step at a time. */
function* storedChunks(src: ByteSource, e: ZipEntry, start: number): Generator<Uint8Array, void, undefined> {
  for (let i = 0; i < e.size; i += STEP) yield src.read(start + i, Math.min(STEP, e.size - i));
  if (e.size === 0) yield new Uint8Array(0);
}

/**
 * An entry's bytes as a sequence of chunks, inflated as they are asked for: the compressed bytes are
 * read from the source a step at a time, so memory holds one step's output. Refusals come in the
 * order of the bytes: every chunk inflated before a fault is handed on before the fault is refused.
 */
export function* inflateChunks(src: ByteSource, e: ZipEntry, file: string, limit: number): Generator<Uint8Array, void, undefined> {
  const start = entryStart(src, e, file, limit);
  if (e.method === 0) return yield* storedChunks(src, e, start);
  let total = 0;
  let over = false;
  const queue: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > e.size || total > limit) {
      over = true;
      throw OVER;
    }
    queue.push(chunk);
  });
  const n = e.compressedSize;
  for (let i = 0; i === 0 || i < n; i += STEP) {
    let broken = false;
    const data = n === 0 ? new Uint8Array(0) : src.read(start + i, Math.min(STEP, n - i));
    try {
      inflater.push(data, i + STEP >= n);
    } catch (err) {
      if ((err as Error).name === "ReaderError") throw err;
      if (err !== OVER) broken = true;
    }
    while (queue.length) yield queue.shift()!;
    if (over) tooLarge(e, file, limit);
    if (broken) refuse("zip_broken", "reader.zipBroken", { file });
  }
  if (total !== e.size) refuse("zip_broken", "reader.zipBroken", { file });
}

/**
 * inflateChunks with a host's inflater (fflate's when there is none): the same checks, the same
 * refusals in the same order, the same bytes; only where the chunks are cut differs.
 */
export async function* inflateChunksAsync(src: ByteSource, e: ZipEntry, file: string, limit: number, inflater?: PartInflater): AsyncGenerator<Uint8Array, void, undefined> {
  if (!inflater) return yield* inflateChunks(src, e, file, limit);
  const start = entryStart(src, e, file, limit);
  if (e.method === 0) return yield* storedChunks(src, e, start);
  const n = e.compressedSize;
  async function* steps(): AsyncGenerator<Uint8Array, void, undefined> {
    if (n === 0) yield new Uint8Array(0);
    for (let i = 0; i < n; i += STEP) yield src.read(start + i, Math.min(STEP, n - i));
  }
  let total = 0;
  const out = inflater(steps())[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await out.next();
      } catch (err) {
        if (!(err instanceof CorruptEntry)) throw err;
        refuse("zip_broken", "reader.zipBroken", { file });
      }
      if (r.done) break;
      total += r.value.length;
      if (total > e.size || total > limit) tooLarge(e, file, limit);
      if (r.value.length) yield r.value;
    }
  } finally {
    // stopped early (a refusal, a reader done): the stream and its buffers let go
    await out.return?.();
  }
  if (total !== e.size) refuse("zip_broken", "reader.zipBroken", { file });
  if (total === 0) yield new Uint8Array(0);
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} B`;
}
