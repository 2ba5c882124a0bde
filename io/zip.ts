/**
 * The zip container of an .xlsx, read from its central directory. Each entry's uncompressed size is
 * checked against a limit *before* anything is inflated, and inflation stops as soon as the output
 * passes the declared size or the limit (a zip bomb declares a small size and inflates to gigabytes):
 * memory never holds more than the limit of one entry, and a sheet is handed on in chunks.
 * fflate does the inflating (small, fast, the same code in Node, the browser and a Worker).
 */
import { Inflate } from "fflate";
import { refuse } from "./errors";

/** Default largest uncompressed size of one zip entry (a sheet's XML): 1 GiB. */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

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

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

/** The entries of a zip file, from its central directory. */
export function zipEntries(b: Uint8Array, file: string): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  if (eocd < 0) refuse("zip_broken", "reader.zipBroken", { file });
  let count = u16(b, eocd + 10);
  let dir = u32(b, eocd + 16);
  if (dir === 0xffffffff || count === 0xffff) {
    // zip64: the end-of-central-directory locator sits just before the record
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === 0x07064b50) {
      const rec = u64(b, loc + 8);
      if (u32(b, rec) === 0x06064b50) {
        count = u64(b, rec + 32);
        dir = u64(b, rec + 48);
      }
    }
  }
  const out = new Map<string, ZipEntry>();
  let p = dir;
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

/**
 * Inflate one entry, handing its bytes on in chunks. Refused before inflating when its declared size
 * is above `limit`, and while inflating as soon as the output passes the declared size.
 */
export function inflateEntry(b: Uint8Array, e: ZipEntry, file: string, limit: number, onChunk: (chunk: Uint8Array) => void): void {
  if (e.size > limit) refuse("zip_entry_too_large", "reader.zipEntryTooLarge", { file, entry: e.name, size: mib(e.size), limit: mib(limit) });
  if (e.flags & 1) refuse("zip_encrypted", "reader.zipEncrypted", { file });
  const p = e.offset;
  if (p + 30 > b.length || u32(b, p) !== 0x04034b50) refuse("zip_broken", "reader.zipBroken", { file });
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const data = b.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) refuse("zip_broken", "reader.zipBroken", { file });
  if (e.method === 0) {
    if (e.compressedSize !== e.size) refuse("zip_broken", "reader.zipBroken", { file });
    onChunk(data);
    return;
  }
  if (e.method !== 8) refuse("zip_method", "reader.zipBroken", { file });
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > e.size || total > limit) refuse("zip_entry_too_large", "reader.zipEntryTooLarge", { file, entry: e.name, size: `> ${mib(Math.min(total, limit))}`, limit: mib(limit) });
    onChunk(chunk);
  });
  const STEP = 1 << 20;
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, Math.min(data.length, i + STEP)), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if ((err as Error).name === "ReaderError") throw err;
    refuse("zip_broken", "reader.zipBroken", { file });
  }
  if (total !== e.size) refuse("zip_broken", "reader.zipBroken", { file });
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} B`;
}
