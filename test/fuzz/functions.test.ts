/**
 * Fuzz (seeded): every custom function on random matrices returns a spill of number | string |
 * boolean | Error; and a range answers the same whether Excel passes its blank cells as null (the
 * web) or as 0 (desktop Excel, office-js#4702): the same workbook must compute the same everywhere.
 */
import { describe, expect, it } from "vitest";
import { fuzz } from "./harness";
import { Rng, caseSeed, claimsMatrix, DEFAULT_SEED } from "./gen";
import * as F from "../../functions/functions";
import { CellError } from "../../functions/excel";

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const zeros = (m: unknown[][] | undefined) => m?.map((r) => r.map((v) => (v === "" || v === null ? 0 : v)));
const shown = (m: unknown): unknown => (Array.isArray(m) ? m.map(shown) : m instanceof CellError ? `${m.code} ${m.message}` : m instanceof Error ? `error ${m.message}` : m);

describe("fuzz: custom functions", () => {
  it("15 000 calls over the 13 functions", () => {
    const s = fuzz("functions", 15_000);
    expect(s.cells["number"]).toBeGreaterThan(1_000);
    expect(s.cells["error"]).toBeGreaterThan(1_000);
  });

  it("3 000 random claims ranges: blanks as 0 (desktop) answer exactly as blanks as null (the web)", () => {
    let numbers = 0;
    for (let i = 0; i < 3_000; i++) {
      const r = new Rng(caseSeed(SEED, "functions-blank-zero", i));
      const { claims, headers } = claimsMatrix(r);
      const web = shown(F.reimburse(claims as never, headers as never, "all"));
      const desktop = shown(F.reimburse(zeros(claims) as never, zeros(headers) as never, "all"));
      expect(desktop, `case ${i}: ${JSON.stringify(claims).slice(0, 400)}`).toEqual(web);
      expect(shown(F.settlement(zeros(claims) as never, zeros(headers) as never)), `case ${i}`).toEqual(shown(F.settlement(claims as never, headers as never)));
      numbers += (web as unknown[][]).flat().filter((c) => typeof c === "number").length;
    }
    expect(numbers).toBeGreaterThan(1_000); // the claims computed, not only refused
  });
});
