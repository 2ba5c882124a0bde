/**
 * The command line's .xlsx parts deflated by Node's zlib in pieces (cli/nodeZip.ts) hold the same
 * bytes as fflate's deflate of the same writer, and the zip's directory says the right CRC-32 and sizes
 * (APPNOTE 4.4.7–4.4.9), checked against a CRC written here from its definition.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { unzipSync } from "fflate";
import { XlsxStreamWriter } from "../io/xlsxStream";
import { DeflatePool, nodeDeflater } from "../cli/nodeZip";
import { XlsxBook } from "../io/xlsxRead";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = crcTable[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The central directory's entries: name, CRC-32, uncompressed size. */
function directory(zip: Uint8Array): { name: string; crc: number; size: number }[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (v.getUint32(end, true) !== 0x06054b50) end--;
  let p = v.getUint32(end + 16, true);
  const out = [];
  for (let k = v.getUint16(end + 10, true); k > 0; k--) {
    expect(v.getUint32(p, true)).toBe(0x02014b50);
    const n = v.getUint16(p + 28, true);
    out.push({ name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + n)), crc: v.getUint32(p + 16, true), size: v.getUint32(p + 24, true) });
    p += 46 + n + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

function workbook(rows: unknown[][], native: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => chunks.push(c), 1, native ? nodeDeflater : undefined);
  w.startSheet({ name: "核查结果", freezeRows: 1, boldRows: [0], widths: [10, 20, 30] });
  for (const r of rows) w.row(r);
  w.endSheet();
  w.sheet({ name: "汇总" }, [["笔数", rows.length]]);
  w.end();
  const all = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  return all;
}

describe("native deflate of the .xlsx report (Node's zlib, in pieces)", () => {
  let seed = 11;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  // many pieces: ~6 MB of sheet XML, CJK, long cells, characters XML escapes, repeats and noise
  const rows = Array.from({ length: 30_000 }, (_, i) => [
    `M${i}`,
    r() < 0.5 ? "张某" + "某".repeat(Math.floor(r() * 4)) : "a<b>&\"c\u0001",
    Math.round(r() * 1e8) / 100,
    Array.from({ length: Math.floor(r() * 60) }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 500))).join(""),
    i % 1000 === 0 ? "x".repeat(30_000) : null,
  ]);
  const plain = workbook(rows, false);
  const native = workbook(rows, true);
  it("holds every part with the bytes fflate's deflate holds", () => {
    const a = unzipSync(plain);
    const b = unzipSync(native);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) if (name !== "docProps/core.xml") expect([name, Buffer.from(b[name]!).equals(Buffer.from(a[name]!))]).toEqual([name, true]);
    expect(a["xl/worksheets/sheet1.xml"]!.length).toBeGreaterThan(5_000_000);
  });
  it("says each part's CRC-32 and size in the zip's directory", () => {
    const parts = unzipSync(native);
    const dir = directory(native);
    expect(dir.map((d) => d.name).sort()).toEqual(Object.keys(parts).sort());
    for (const d of dir) expect([d.name, d.crc, d.size]).toEqual([d.name, crc32(parts[d.name]!), parts[d.name]!.length]);
  });
  it("reads back as the rows written", () => {
    const book = new XlsxBook(native, "native.xlsx");
    const { rows: back } = book.readSheet(book.sheets[0]!);
    expect(back.length).toBe(rows.length);
    const cell = (v: unknown) => (v === null || v === "" ? null : v);
    for (let i = 0; i < rows.length; i += 997) expect(rows[i]!.map((_, j) => cell(back[i]!.cells[j] ?? null))).toEqual(rows[i]!.map(cell));
    expect(back[1000]!.cells[4]).toBe("x".repeat(30_000));
  });
});

/** The same workbook with its parts deflated by a pool (on libuv's threads), bytes in the order they came. */
async function pooledWorkbook(rows: unknown[][], pool: DeflatePool, onChunk?: (c: Uint8Array, n: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => {
    onChunk?.(c, chunks.length);
    chunks.push(c);
  }, 1, pool.deflater);
  w.startSheet({ name: "核查结果", freezeRows: 1, boldRows: [0], widths: [10, 20, 30] });
  for (let i = 0; i < rows.length; i++) {
    w.row(rows[i]);
    // as the audit does between batches: the producer waits while the backlog is large
    if (i % 5000 === 4999) await pool.caughtUp();
  }
  w.endSheet();
  w.sheet({ name: "汇总" }, [["笔数", rows.length]]);
  w.end();
  await w.finished();
  return Buffer.concat(chunks);
}

/** A pool whose pieces come back in a shuffled order (each result held a random while). */
class ShuffledPool extends DeflatePool {
  private seed = 5;
  maxBacklog = 0;
  override run(chunk: Uint8Array, level: number, final: boolean, cb: (e: Error | null, out: Uint8Array | null) => void): void {
    this.maxBacklog = Math.max(this.maxBacklog, this.backlog + chunk.length);
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    const wait = this.seed % 7;
    super.run(chunk, level, final, (e, out) => setTimeout(() => cb(e, out), wait));
  }
}

describe("the .xlsx parts deflated off the main thread (cli/nodeZip.ts DeflatePool)", () => {
  let seed = 23;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const rows = Array.from({ length: 20_000 }, (_, i) => [`M${i}`, "张某".repeat(1 + Math.floor(r() * 3)), Math.round(r() * 1e8) / 100, Array.from({ length: Math.floor(r() * 80) }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 900))).join("")]);
  afterEach(() => vi.useRealTimers());

  it("writes the same bytes as deflating on the thread, even when the pieces come back out of order", async () => {
    // the same second in core.xml's dates: the whole zip can be compared
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T06:00:00Z"));
    const onThread = workbook(rows, true);
    const pooled = await pooledWorkbook(rows, new DeflatePool());
    const shuffledPool = new ShuffledPool();
    const shuffled = await pooledWorkbook(rows, shuffledPool);
    expect(onThread.length).toBeGreaterThan(1 << 20);
    expect(Buffer.from(pooled).equals(Buffer.from(onThread))).toBe(true);
    expect(Buffer.from(shuffled).equals(Buffer.from(onThread))).toBe(true);
    // the producer waited: no more than the backlog and one batch of rows' XML was ever waiting
    expect(shuffledPool.maxBacklog).toBeLessThan(DeflatePool.BACKLOG + (3 << 20));
    expect(shuffledPool.backlog).toBe(0);
  });

  it("a write that fails is the writer's error: finished rejects with it, nothing more is handed on", async () => {
    const pool = new DeflatePool();
    let after = 0;
    const full = new Error("ENOSPC: no space left on device");
    const w = new XlsxStreamWriter((_c) => {
      if (after++ === 3) throw full;
    }, 1, pool.deflater);
    const done = w.finished();
    w.startSheet({ name: "核查结果" });
    let thrown: unknown = null;
    try {
      for (const row of rows) w.row(row);
      await pool.idle(0);
      w.endSheet();
      w.end();
    } catch (e) {
      thrown = e;
    }
    await pool.idle(0);
    // either the next call threw it or end did; finished says it in every case
    await expect(done).rejects.toBe(full);
    if (thrown) expect(thrown).toBe(full);
    expect(after).toBe(4);
  });

  it("stopped, the pool hands nothing more on and its waits end", async () => {
    const pool = new DeflatePool();
    const seen: number[] = [];
    const w = new XlsxStreamWriter((c) => seen.push(c.length), 1, pool.deflater);
    w.startSheet({ name: "核查结果" });
    for (const row of rows) w.row(row);
    const before = seen.length;
    pool.stop();
    w.abort();
    await pool.caughtUp();
    await new Promise((res) => setTimeout(res, 50));
    expect(seen.length).toBe(before);
    await expect(w.finished()).rejects.toThrow(/stopped/);
  });
});
