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

/**
 * The flushes to disk behind the writer, as the test wants them: "fail" answers EIO, "quick" answers at
 * once (on the next turn of the loop, before the test's next write), "held" answers only when released,
 * a disk slower than the writer. None of them depends on how fast this machine's disk is.
 */
type Held = () => void;
const failSync = { mode: "quick" as "quick" | "fail" | "held", calls: 0, held: [] as Held[] };
vi.mock("node:fs", async (orig) => {
  const fs = await orig<typeof import("node:fs")>();
  return {
    ...fs,
    fdatasync: (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      failSync.calls++;
      if (failSync.mode === "fail") setImmediate(() => cb(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })));
      else if (failSync.mode === "held") failSync.held.push(() => fs.fdatasync(fd, cb));
      else setImmediate(() => cb(null));
    },
  };
});
const { FileOut } = await import("../cli/stream");

const MiB = 1 << 20;
function piece(k: number): Uint8Array {
  return new Uint8Array(MiB).fill(0x30 + (k % 10));
}

afterEach(() => {
  failSync.mode = "quick";
  failSync.calls = 0;
  failSync.held = [];
});

async function writeReport(out: InstanceType<typeof FileOut>, pieces: number): Promise<void> {
  for (let k = 0; k < pieces; k++) {
    out.write(piece(k));
    out.write("line\n");
    await new Promise((r) => setImmediate(r));
  }
}

describe("FileOut", () => {
  it("writes the report whole, with flushes to disk behind the writer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fileout-"));
    const file = join(dir, "report.jsonl");
    const out = new FileOut(file, (e) => e);
    await writeReport(out, 12);
    await out.commit();
    // one flush per 4 MiB written (cli/stream.ts SYNC_EVERY): after the 4th, 8th and 12th MiB
    expect(failSync.calls).toBe(3);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(12 * (MiB + 5));
    expect(bytes[11 * (MiB + 5)]).toBe(0x30 + 1);
    expect(readdirSync(dir)).toEqual(["report.jsonl"]);
  });

  it("a disk slower than the writer: no second flush while one is on its way; the commit waits for it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fileout-"));
    const file = join(dir, "report.jsonl");
    failSync.mode = "held";
    const out = new FileOut(file, (e) => e);
    await writeReport(out, 12);
    expect(failSync.calls).toBe(1);
    let committed = false;
    const commit = out.commit().then(() => (committed = true));
    for (let k = 0; k < 3; k++) await new Promise((r) => setImmediate(r));
    expect(committed).toBe(false);
    expect(existsSync(file)).toBe(false);
    failSync.held.splice(0).forEach((go) => go());
    await commit;
    expect(readFileSync(file).length).toBe(12 * (MiB + 5));
    expect(readdirSync(dir)).toEqual(["report.jsonl"]);
  });

  it("a flush to disk that failed on the way fails the commit: nothing under the name, no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fileout-"));
    const file = join(dir, "report.jsonl");
    failSync.mode = "fail";
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
