/**
 * cli/stream.ts FileOut: a report file is written to a temporary name, flushed to disk behind the writer
 * as it grows, and renamed over its name only when complete. A failed flush to disk on the way is the
 * commit's failure (on Linux a failed fsync may not fail again for the same lost pages): no report
 * under the name, no temporary file left.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const failSync = { on: false, calls: 0 };
vi.mock("node:fs", async (orig) => {
  const fs = await orig<typeof import("node:fs")>();
  return {
    ...fs,
    fdatasync: (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      failSync.calls++;
      if (failSync.on) setImmediate(() => cb(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })));
      else fs.fdatasync(fd, cb);
    },
  };
});
const { FileOut } = await import("../cli/stream");

const MiB = 1 << 20;
function piece(k: number): Uint8Array {
  return new Uint8Array(MiB).fill(0x30 + (k % 10));
}

afterEach(() => {
  failSync.on = false;
  failSync.calls = 0;
});

describe("FileOut", () => {
  it("writes the report whole, with flushes to disk behind the writer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fileout-"));
    const file = join(dir, "report.jsonl");
    const out = new FileOut(file, (e) => e);
    for (let k = 0; k < 12; k++) {
      out.write(piece(k));
      out.write("line\n");
      await new Promise((r) => setImmediate(r));
    }
    await out.commit();
    expect(failSync.calls).toBeGreaterThanOrEqual(2);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(12 * (MiB + 5));
    expect(bytes[11 * (MiB + 5)]).toBe(0x30 + 1);
    expect(readdirSync(dir)).toEqual(["report.jsonl"]);
  });

  it("a flush to disk that failed on the way fails the commit: nothing under the name, no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fileout-"));
    const file = join(dir, "report.jsonl");
    failSync.on = true;
    const out = new FileOut(file, (e) => new Error(`cannot write: ${e.code}`));
    for (let k = 0; k < 6; k++) {
      out.write(piece(k));
      await new Promise((r) => setImmediate(r));
    }
    await expect(out.commit()).rejects.toThrow("cannot write: EIO");
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
