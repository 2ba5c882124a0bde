/**
 * The command line's .xlsx parts deflated by Node's zlib off the main thread (cli/nodeZip.ts
 * DeflatePool: a zlib stream per part) hold the same bytes as fflate's deflate of the same writer, the
 * zip's directory says the right CRC-32 and sizes (APPNOTE 4.4.7–4.4.9), checked against a CRC written
 * here from its definition, and the producer waits while the pool is behind; a write that fails and a
 * stopped pool end the report with nothing more written.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { unzipSync } from "fflate";
import { XlsxStreamWriter } from "../io/xlsxStream";
import { DeflatePool } from "../cli/nodeZip";
import { XlsxBook } from "../io/xlsxRead";
import { DeflateRaw, inflateRawSync } from "node:zlib";

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

/** A workbook of these rows, deflated by fflate (on the thread) or by a pool (natively, off it). */
async function workbook(rows: unknown[][], pool: DeflatePool | null): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => chunks.push(c), 1, pool ? pool.deflater : undefined);
  w.startSheet({ name: "核查结果", freezeRows: 1, boldRows: [0], widths: [10, 20, 30] });
  for (let i = 0; i < rows.length; i++) {
    w.row(rows[i]);
    // as the audit does between batches: the producer waits while the backlog is large
    if (pool && i % 5000 === 4999) await pool.caughtUp();
  }
  w.endSheet();
  w.sheet({ name: "汇总" }, [["笔数", rows.length]]);
  w.end();
  await w.finished();
  return Buffer.concat(chunks);
}

/** A pool that records the most bytes ever waiting to be deflated. */
class WatchedPool extends DeflatePool {
  maxBacklog = 0;
  override queued(n: number): void {
    super.queued(n);
    this.maxBacklog = Math.max(this.maxBacklog, this.backlog);
  }
}

describe("native deflate of the .xlsx report (Node's zlib, a stream per part, off the main thread)", () => {
  let seed = 11;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  // many pieces: ~6 MB of sheet XML, CJK, long cells, characters XML escapes, repeats and noise
  const big = "张".repeat(30_000);
  const rows = Array.from({ length: 30_000 }, (_, i) => [
    `M${i}`,
    r() < 0.5 ? "张某" + "某".repeat(Math.floor(r() * 4)) : "a<b>&\"c\u0001",
    Math.round(r() * 1e8) / 100,
    Array.from({ length: Math.floor(r() * 60) }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 500))).join(""),
    i % 1000 === 0 ? "x".repeat(30_000) : null,
  ]);
  // a row longer than a piece's buffer (270 000 bytes of UTF-8)
  rows[2001] = ["M2001", big, 1, big, big];
  let plain: Uint8Array;
  let native: Uint8Array;
  const pool = new WatchedPool();
  beforeAll(async () => {
    plain = await workbook(rows, null);
    native = await workbook(rows, pool);
  });
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
    // the row longer than a piece's buffer, and the rows after it
    expect(back[2001]!.cells).toEqual(rows[2001]);
    expect(back[2002]!.cells[0]).toBe("M2002");
  });
});

describe("the pool that deflates off the main thread (cli/nodeZip.ts DeflatePool)", () => {
  let seed = 23;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const rows = Array.from({ length: 40_000 }, (_, i) => [`M${i}`, "张某".repeat(1 + Math.floor(r() * 3)), Math.round(r() * 1e8) / 100, Array.from({ length: Math.floor(r() * 80) }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 900))).join("")]);
  afterEach(() => vi.useRealTimers());

  it("writes the same bytes for the same rows, and the producer waits while it is behind", async () => {
    // the same second in core.xml's dates: the whole zip can be compared
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T06:00:00Z"));
    const a = new WatchedPool();
    const one = await workbook(rows, a);
    const two = await workbook(rows, new DeflatePool());
    expect(one.length).toBeGreaterThan(1 << 20);
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
    // no more than the backlog and one batch of rows' XML (5 000 rows, ~1.7 MB) ever waited, of 13 MB
    const xml = unzipSync(one)["xl/worksheets/sheet1.xml"]!.length;
    expect(xml).toBeGreaterThan(1.8 * (DeflatePool.BACKLOG + (5 << 19)));
    expect(a.maxBacklog).toBeGreaterThan(0);
    expect(a.maxBacklog).toBeLessThan(DeflatePool.BACKLOG + (5 << 19));
    expect(a.backlog).toBe(0);
  });

  it("hands zlib what came while it worked as one write, so that it deflates while the main thread makes rows", async () => {
    // a stream takes one write at a time and the next only when the main thread turns the event loop:
    // pieces written one by one left zlib one 64 KiB piece per batch of rows, the rest waiting for the
    // batch's end (the main thread idle 0.6 s of a 2.2 s audit of 1e5 rows to .xlsx)
    const write = vi.spyOn(DeflateRaw.prototype, "write");
    try {
      const out: Uint8Array[] = [];
      const pool = new DeflatePool();
      const part = pool.deflater("p.xml", 1);
      part.ondata = (_e, d) => void out.push(d);
      const pieces = Array.from({ length: 40 }, (_, k) => new TextEncoder().encode(`<row r="${k}">${"张某".repeat(20_000)}</row>`));
      // a batch of rows made without a turn of the event loop, then the wait between batches
      for (const p of pieces) part.push(p, false);
      await pool.caughtUp();
      part.push(new Uint8Array(0), true);
      await pool.idle(0);
      await new Promise((r) => setTimeout(r, 50));
      expect(write.mock.calls.length).toBeLessThanOrEqual(3);
      expect(Buffer.from(inflateRawSync(Buffer.concat(out))).equals(Buffer.concat(pieces))).toBe(true);
      expect(pool.backlog).toBe(0);
    } finally {
      write.mockRestore();
    }
  });

  it("a write that fails is the writer's error: finished rejects with it, nothing more is handed on", async () => {
    const pool = new DeflatePool();
    let calls = 0;
    const full = new Error("ENOSPC: no space left on device");
    const w = new XlsxStreamWriter((_c) => {
      if (calls++ === 3) throw full;
    }, 1, pool.deflater);
    const done = w.finished();
    w.startSheet({ name: "核查结果" });
    let thrown: unknown = null;
    try {
      for (let i = 0; i < rows.length; i++) {
        w.row(rows[i]);
        if (i % 2000 === 1999) await pool.caughtUp();
      }
      w.endSheet();
      w.end();
    } catch (e) {
      thrown = e;
    }
    // either a later call threw it or end did; finished says it in every case
    await expect(done).rejects.toBe(full);
    if (thrown) expect(thrown).toBe(full);
    await pool.idle(0);
    expect(calls).toBe(4);
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
