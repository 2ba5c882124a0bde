/**
 * io/csv.ts quotes a report's cells by a character scan: the same cells as the regular expressions it
 * replaces (/[",\r\n]/ anywhere, /\s/ first or last, the formula guard's /^[=+\-@\t\r]/), on strings
 * made of the characters where they could differ (Unicode spaces, controls, a surrogate pair).
 */
import { describe, expect, it } from "vitest";
import { csvRow, guardFormula } from "../io/csv";

const byPatterns = (v: unknown): string => {
  const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s);
  const s = v === null || v === undefined ? "" : typeof v === "string" ? guard(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const ALPHABET = ["a", "1", "-", "+", "=", "@", "\t", "\r", "\n", '"', ",", " ", "\u3000", "\u00a0", "\ufeff", "\u2028", "\x01", "\x0b", ".", "中", "\ud83d\ude00", "\u200b", "\u180e"];

describe("CSV cells", () => {
  it("are quoted and guarded as the patterns say, on 100 000 strings of awkward characters", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    let quoted = 0;
    for (let t = 0; t < 100_000; t++) {
      let s = "";
      for (let i = rand(6); i > 0; i--) s += ALPHABET[rand(ALPHABET.length)];
      const want = byPatterns(s);
      if (want !== s) quoted++;
      expect(csvRow([s]), JSON.stringify(s)).toBe(want);
    }
    expect(quoted).toBeGreaterThan(10_000);
    for (const v of [null, undefined, 0, -1.5, 12, true, NaN, "-12.50", "=SUM(A1)", " x", "x\u3000"]) expect(csvRow([v])).toBe(byPatterns(v));
    expect(guardFormula("@x")).toBe("'@x");
  });
});
