/**
 * Fill-down: Excel calls REIMBURSE once per cell when a one-row formula is filled down a column
 * (=YIBAO.REIMBURSE(A2:J2, $A$1:$J$1)). The calls of one calculation pass are batched (Microsoft's
 * custom-functions batching pattern, functions/batch.ts) and settled as one batch; each call must
 * answer exactly what the range call answers for its row, its own error value included.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as F from "../functions/functions";
import { CellError, setLanguage } from "../functions/excel";
import { Engine } from "../src/engine/settle";
import { parseCsv } from "../io/csv";
import { Rng, caseSeed, DEFAULT_SEED, genRecord, EXCEL_ERROR_VALUES } from "./fuzz/gen";

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const sample = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));
const shown = (m: unknown): unknown => (Array.isArray(m) ? m.map(shown) : m instanceof CellError ? `${m.code} ${m.message}` : m instanceof Error ? `error ${m.message}` : m);

afterEach(() => setLanguage("zh"));

/** Tables of generated claims as Excel passes them (blank as null or 0, numbers, error values). */
function tables(seed: string, count: number, rowsEach: number): { header: string[]; rows: unknown[][] }[] {
  return Array.from({ length: count }, (_, c) => {
    const r = new Rng(caseSeed(SEED, seed, c));
    const recs = Array.from({ length: rowsEach }, () => genRecord(r));
    const keys: string[] = [];
    for (const g of recs) for (const k of g.headers) if (!keys.includes(k) && k.trim() !== "") keys.push(k);
    const rows = recs.map((g) => keys.map((k) => (Object.hasOwn(g.record, k) ? g.record[k] : r.chance(0.5) ? 0 : null)));
    for (const row of rows) if (r.chance(0.03)) row[r.int(0, row.length - 1)] = r.pick(EXCEL_ERROR_VALUES)();
    // blank rows stay (a formula filled down past the claims, or over a gap): a one-row call on a blank
    // row answers blank, as that row of the range call does
    for (let k = 0; k < rows.length; k++) if (r.chance(0.02)) rows[k] = keys.map(() => (r.chance(0.5) ? 0 : null));
    return { header: keys, rows };
  });
}

describe("REIMBURSE filled down: one call per row, batched", () => {
  it("10 000 generated rows, each its own call, answer exactly as one range call (values and error values)", async () => {
    let numbers = 0;
    let errors = 0;
    let blanks = 0;
    let rowsCompared = 0;
    for (const [t, { header, rows }] of tables("fill-down", 50, 205).entries()) {
      const output = t % 2 ? "all" : undefined;
      const range = shown(F.reimburse(rows, [header], output)) as unknown[][];
      const calls = await Promise.all(rows.map((row) => F.reimburseCall([row], [header], output)));
      // the range call's spill stops at its last claim (trailing blank rows trimmed); the calls below answer blank
      const answers = shown(calls.map((m) => m[0])) as unknown[][];
      expect(answers.slice(0, range.length)).toEqual(range);
      for (const a of answers.slice(range.length)) expect(a.every((c) => c === "")).toBe(true);
      for (const c of calls.flat(2)) typeof c === "number" ? numbers++ : c === "" ? blanks++ : errors++;
      rowsCompared += rows.length;
    }
    expect(rowsCompared).toBeGreaterThan(10_000);
    // both kinds of answer were compared
    expect(numbers).toBeGreaterThan(2_000);
    expect(errors).toBeGreaterThan(2_000);
    expect(blanks).toBeGreaterThan(100);
  });

  it("the bundled sample filled down answers as the range, and the calls of the pass are settled in one engine batch", async () => {
    const header = sample[0]!;
    const rows = sample.slice(1);
    const spy = vi.spyOn(Engine.prototype, "settleInto");
    const calls = await Promise.all(rows.map((row) => F.reimburseCall([row], [header])));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(shown(calls.map((m) => m[0]))).toEqual(shown(F.reimburse(rows, [header])));
    expect(calls.filter((m) => typeof m[0]![0] === "number").length).toBeGreaterThan(20);
  });

  it("calls with different headers, outputs, parameter tables and languages in one pass each get their own answer", async () => {
    const header = sample[0]!;
    const rows = sample.slice(1, 9);
    const params = F.policyParams("lanzhou", "2020-06-30", "zh").map((r) => [...r]);
    const valueCol = params[0]!.findIndex((h) => h === "取值");
    const ratio = params.findIndex((r, i) => i > 0 && r[4] === "ratio" && /^0\.\d+$/.test(String(r[valueCol])));
    expect(ratio).toBeGreaterThan(0);
    params[ratio]![valueCol] = "0.5";
    const reordered = [...header].reverse();
    const flip = (row: string[]) => [...row].reverse();
    const pending = rows.flatMap((row) => [
      F.reimburseCall([row], [header]),
      F.reimburseCall([flip(row)], [reordered], "pooled"),
      F.reimburseCall([row], [header], undefined, params),
    ]);
    setLanguage("en");
    const english = rows.map((row) => F.reimburseCall([row], [header], "all"));
    const got = await Promise.all([...pending, ...english]);
    const expected = [
      ...(() => {
        setLanguage("zh");
        return rows.flatMap((row) => [F.reimburse([row], [header]), F.reimburse([flip(row)], [reordered], "pooled"), F.reimburse([row], [header], undefined, params)]);
      })(),
      ...(() => {
        setLanguage("en");
        return rows.map((row) => F.reimburse([row], [header], "all"));
      })(),
    ];
    expect(shown(got)).toEqual(shown(expected));
  });

  it("a call its own arguments refuse is answered at once, not batched; an empty range too", async () => {
    const header = sample[0]!;
    const bad = F.reimburseCall([sample[1]!], [header], "nonsense");
    const empty = F.reimburseCall([header]);
    expect(shown(await bad)).toEqual(shown(F.reimburse([sample[1]!], [header], "nonsense")));
    expect(shown(await empty)).toEqual(shown(F.reimburse([header])));
    expect((await bad)[0]![0]).toBeInstanceOf(CellError);
  });

  it("a call on a blank row (filled down past the last claim) answers blank, in every output, as the range's blank row", async () => {
    const header = sample[0]!;
    const blank = header.map(() => 0);
    for (const output of [undefined, "all", "personal"]) {
      const one = await F.reimburseCall([blank], [header], output);
      const range = F.reimburse([sample[1]!, blank, sample[2]!], [header], output);
      expect(shown(one)).toEqual(shown([range[1]]));
      expect(one[0]!.every((c) => c === "")).toBe(true);
    }
    // a range of nothing but its header row still says it has no claim rows
    expect((await F.reimburseCall([header]))[0]![0]).toBeInstanceOf(CellError);
  });

  it("a range call through Excel's entry answers as the range call", async () => {
    expect(shown(await F.reimburseCall(sample))).toEqual(shown(F.reimburse(sample)));
  });
});

describe("REIMBURSE_INPATIENT filled down", () => {
  it("one call per row answers as the same arguments given as columns", async () => {
    const r = new Rng(caseSeed(SEED, "fill-down-inpatient", 0));
    const n = 2_000;
    // mostly well-formed, sometimes not: each value of a column from its list, an odd one now and then
    const col = (good: unknown[], odd: unknown[]) => Array.from({ length: n }, () => [r.chance(0.93) ? r.pick(good) : r.pick(odd)]);
    const place = col(["lanzhou", "兰州", "兰州市"], ["shenyang", "beijing", 0]);
    const scheme = col(["employee", "职工", "resident", "居民"], ["", "x"]);
    const person = col(["in_service", "在职", "retired", "adult", "elderly", "student", "minor"], ["x", 0]);
    const level = col(["1", "2", "3B", "3A", "3S", 3, "三级甲等"], ["四级", 0]);
    const adm = col([1, 2, 3, "1"], [0, "第2次", 1.5]);
    const date = col([43_952, 44_012.5, "2020-06-30", "2020/7/1"], [0, "bad", "2019-01-01", 20_000]);
    const total = col([5000, 12345.67, "8000.5", 250_000, 980], [0, -1, "1e5", 0.1 + 0.2, 1.005]);
    const ooc = col([0, 100, 300.5, null], [-5, "x"]);
    const classB = col([0, 200, 450.25, null], [99_999_999]);
    const cross = col([null, "local", "referral", "异地转诊", "temporary", "long_term"], ["emergency", "x"]);
    const ytd = col([0, 1000, 50_000, null], [-1]);
    const cols = [place, scheme, person, level, adm, date, total, ooc, classB, cross, ytd] as const;
    const range = shown(F.reimburseInpatient(...cols, "all"));
    const calls = await Promise.all(Array.from({ length: n }, (_, i) => F.reimburseInpatientCall(...(cols.map((c) => [c[i]!]) as unknown as typeof cols), "all")));
    expect(shown(calls.map((m) => m[0]))).toEqual(range);
    expect(calls.filter((m) => typeof m[0]![0] === "number").length).toBeGreaterThan(100);
  });
});
