/**
 * The Model screen's computation (taskpane/jobs/modelRun.ts ModelSession): its first run validates
 * every row of the table, the longest step (a second or more on 100 000 rows), and gives the event
 * loop back every 5 000 rows, so a cancel pressed during it is heard within a chunk, not after the
 * whole table; a run that is not cancelled answers as the scenario core does on the same rows.
 */
import { describe, expect, it } from "vitest";
import { bigBatch } from "./bigBatch";
import { ModelSession } from "../../taskpane/jobs/modelRun";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";
import { compareBy, prepareBatch, settleBatch } from "../../src/scenario/compare";

const N = 12_000;
const batch = bigBatch(N, 7);
const base = new Engine(builtinRegistry());

/** The table's rows behind a proxy that counts the rows read (by index). */
function counted(rows: unknown[][]): { rows: unknown[][]; reads: () => number } {
  let n = 0;
  const p = new Proxy(rows, {
    get(t, k, r) {
      if (typeof k === "string" && /^\d+$/.test(k)) n++;
      return Reflect.get(t, k, r);
    },
  });
  return { rows: p, reads: () => n };
}

describe("the Model screen's first run", () => {
  it("hears a cancel during the rows' validation, within a chunk of rows", async () => {
    const s = new ModelSession();
    const c = counted(batch.rows);
    await s.use("k", () => ({ label: "t", header: batch.header, rows: c.rows }), {});
    const ctl = new AbortController();
    const run = s.run({ base, scen: null, compute: true, dimension: "scheme", weightColumn: "", lang: "zh", signal: ctl.signal });
    // the user's click: a task of its own, after the run has started
    setTimeout(() => ctl.abort(), 0);
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    // heard after the first chunk of 5 000 rows, not after all 12 000 (the validation was one step before)
    expect(c.reads()).toBeGreaterThan(0);
    expect(c.reads()).toBeLessThanOrEqual(10_000);
  });

  it("not cancelled, answers as the scenario core does on the same rows; cancelled first, asked again, too", async () => {
    const p = prepareBatch(batch.header, batch.rows);
    const want = compareBy(p, settleBatch(base, p), settleBatch(base, p), "scheme", null);
    const s = new ModelSession();
    await s.use("k", () => ({ label: "t", header: batch.header, rows: batch.rows }), {});
    const ctl = new AbortController();
    const first = s.run({ base, scen: null, compute: true, dimension: "scheme", weightColumn: "", lang: "zh", signal: ctl.signal });
    setTimeout(() => ctl.abort(), 0);
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    const progress: number[] = [];
    const out = await s.run({ base, scen: null, compute: true, dimension: "scheme", weightColumn: "", lang: "zh", onProgress: (d) => progress.push(d) });
    expect(out.info.invalid).toBe(p.invalid);
    expect(out.result!.c).toEqual(want);
    // the first step says how far its validation is (12 000 rows: at 5 000 and 10 000), then each step
    expect(progress.slice(0, 3)).toEqual([0, 5_000 / N, 10_000 / N]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});
