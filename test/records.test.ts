/**
 * `yibao settle` on JSON lines validates the records column-wise, as the rows of one growing table
 * (cli/records.ts); what it writes must be what validating each record on its own gives
 * (settleRecords: validateClaim per record, the reference). Generated files mix the bench's claims
 * with records a system export or a hand edit gives: empty records, keys that are new in later lines
 * (also after the stream's first batch), Chinese and canonical keys, two keys of one field, keys with
 * spaces around them, numbers, booleans, nulls, arrays and objects as values, and bad values.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../cli/main";
import { settleJson, settleRecords } from "../cli/settle";
import { mixedClaim, rng, rowsOf } from "../bench/generate";
import type { RawRecord } from "../src/claim/validate";
import { RecordTable } from "../cli/records";
import { engine } from "./helpers/claims";

const dir = mkdtempSync(join(tmpdir(), "yibao-records-"));

function records(seed: number, n: number, odd: number, twoKeys: boolean): RawRecord[] {
  const r = rng(seed);
  const { header, rows } = rowsOf(n, seed, mixedClaim);
  return rows.map((row, i) => {
    const rec: Record<string, unknown> = {};
    header.forEach((h, j) => {
      // even seeds write the scheme under its Chinese header (a message names a key as the file writes it)
      if (row[j] !== null && row[j] !== undefined) rec[h === "scheme" && seed % 2 === 0 ? "险种" : h] = row[j];
    });
    if (r() >= odd) return rec;
    const kind = Math.floor(r() * 13);
    // a line with two keys of one field (or spaces around one) sends its whole batch record by record
    switch (!twoKeys && (kind === 2 || kind === 3) ? 12 : kind) {
      case 0:
        return {};
      case 1:
        return { id: `E${i}`, total: null };
      case 2:
        return { ...rec, " total": rec.total }; // a key with spaces
      case 3:
        return { ...rec, 总费用: "123.45" }; // two keys of one field
      case 4:
        return { ...rec, total: Number(rec.total) }; // an amount as a JSON number
      case 5:
        return { ...rec, hospitalLevel: ["3A"] };
      case 6:
        return { ...rec, total: { yuan: 5 } };
      case 7:
        return { ...rec, treatedInInsuredPlace: r() < 0.5 };
      case 8:
        return { ...rec, total: "12.345" };
      case 9:
        return { ...rec, [i > n * 0.9 ? "备注" : "remark"]: "新列" }; // a column no field names, new late
      case 10: {
        const { total: _t, ...rest } = rec;
        return { 总费用: rec.total, ...rest }; // the Chinese key, first in the line
      }
      case 11: {
        const { scheme: _s, 险种: _x, ...rest } = rec;
        return rest; // a required key missing: named as the key it lacks, not as an empty cell
      }
      default:
        return { ...rec, id: "" };
    }
  });
}

async function settleFile(recs: readonly RawRecord[], name: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, recs.map((x) => JSON.stringify(x)).join("\n") + "\n");
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["settle", "--in", file, "--no-mask"], { out: (s) => out.push(s), err: (s) => err.push(s) });
  expect([code, err.filter((e) => /internal/i.test(e))]).toEqual([0, []]);
  return out;
}

describe("settle of JSON lines, column-wise", () => {
  it.each([
    [1, 6000, 0.0, false],
    [2, 6000, 0.05, false],
    [3, 1500, 0.3, false],
    [4, 6000, 0.02, true],
  ])("seed %i, %i records, %f odd, two keys of a field %s: every line as validating the record alone gives", async (seed, n, odd, twoKeys) => {
    const recs = records(seed, n, odd, twoKeys);
    const got = await settleFile(recs, `r${seed}.jsonl`);
    const want = settleRecords(recs, engine).map((x) => settleJson(x, "zh"));
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) expect([i, JSON.stringify(recs[i]), got[i]]).toEqual([i, JSON.stringify(recs[i]), want[i]]);
  });

  it("reads a record as a row only when that says what the record says", () => {
    const t = new RecordTable();
    expect(t.readsAsRow({ id: "a", total: "1", 总费用: "2" })).toBe(false);
    expect(t.readsAsRow({ id: "a", " total": "1" })).toBe(false);
    expect(t.readsAsRow({ id: "a", total: "1", 备注: "x", remark: "y" })).toBe(true);
    t.add([{ b: 1, a: 2 }, { c: 3, a: 4 }]);
    expect(t.header).toEqual(["b", "a", "c"]);
    expect(t.cells({ c: 5 })).toEqual([null, null, 5]);
  });

  it("audit refuses a JSON line with no value, as settle does (it is not a blank row to skip)", async () => {
    const recs = records(5, 40, 0, false);
    const lines = [...recs.slice(0, 10), {}, { 备注: null, id: "" }, ...recs.slice(10)];
    const file = join(dir, "blank.jsonl");
    writeFileSync(file, lines.map((x) => JSON.stringify(x)).join("\n") + "\n");
    const out = join(dir, "blank-audit.jsonl");
    const code = await run(["audit", "--in", file, "--out", out, "--force", "--no-mask"], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; status: string; reasons: string });
    expect(rows.length).toBe(lines.length);
    const want = settleRecords(lines, engine);
    for (const k of [10, 11]) {
      expect(rows[k]!.status).toBe("error");
      expect(rows[k]!.reasons).toContain(want[k]!.problems![0]!.message.zh);
    }
  });
});
