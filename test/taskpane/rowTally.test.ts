/**
 * The results list's counts (taskpane/rowTally.ts): kept per run's row list and brought up to date
 * as rows arrive, they must be what counting the whole list at once gives, whatever the chunks the
 * rows came in, in both languages; and a list that is a different array is counted afresh.
 */
import { describe, expect, it } from "vitest";
import { AuditRun, type AuditRow, type AuditStatus } from "../../src/audit/audit";
import type { Lang } from "../../src/text";
import { reasonKinds, tallyRows } from "../../taskpane/rowTally";
import { engine } from "../helpers/claims";
import { bigBatch } from "./bigBatch";

const STATUSES: AuditStatus[] = ["ok", "flagged", "error", "unchecked"];

/** Counted from scratch: rows per status, and per status the rows having each kind of reason. */
function counted(rows: readonly AuditRow[], lang: Lang) {
  const status = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const kinds = Object.fromEntries(
    STATUSES.map((s) => {
      const m: Record<string, number> = {};
      for (const r of rows) if (r.status === s) for (const k of reasonKinds(r, lang)) m[k] = (m[k] ?? 0) + 1;
      return [s, m];
    }),
  );
  return { status, kinds };
}

const asPlain = (t: ReturnType<typeof tallyRows>) => ({ status: { ...t.status }, kinds: Object.fromEntries(STATUSES.map((s) => [s, Object.fromEntries(t.kinds[s])])) });

describe("the results list's tally", () => {
  const { header, rows } = bigBatch(3000); // the pane's big test batch: amounts claimed, some of them wrong
  const audited = new AuditRun(header, rows, { engine }).finish().rows;

  it("has rows of every status and reasons to count (else the comparison below says nothing)", () => {
    const c = counted(audited, "zh");
    expect(c.status.error).toBeGreaterThan(10);
    expect(c.status.ok).toBeGreaterThan(10);
    expect(c.status.flagged).toBeGreaterThan(10);
    expect(Object.keys(c.kinds.error!).length).toBeGreaterThan(1);
  });

  for (const chunk of [1, 7, 1024, 5000])
    it(`counted as rows arrive ${chunk} at a time equals counting them all at once, in both languages`, () => {
      const list: AuditRow[] = [];
      for (let i = 0; i < audited.length; i += chunk) {
        list.push(...audited.slice(i, i + chunk));
        tallyRows(list, "zh");
      }
      expect(tallyRows(list, "zh").n).toBe(audited.length);
      expect(asPlain(tallyRows(list, "zh"))).toEqual(counted(audited, "zh"));
      expect(asPlain(tallyRows(list, "en"))).toEqual(counted(audited, "en"));
    });

  it("another list is its own tally, even with the same rows", () => {
    const half = audited.slice(0, 1500);
    tallyRows(half, "zh");
    const other = audited.slice(0, 1500);
    other.pop();
    expect(tallyRows(other, "zh").n).toBe(1499);
    expect(asPlain(tallyRows(other, "zh"))).toEqual(counted(other, "zh"));
  });
});
