/** Exact money (POLICY §1): integer fen, half-up rounding in one place, strict parsing. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { closeLayer, digitsAt, divFloor, formatPercent, formatRatio, formatYuan, yuanAt, MAX_FEN, mulDivFloor, mulDivFloorRem, numberToDecimalString, parseRatio, parseYuan, ratioOf, roundHalfUpDiv } from "../src/money";

describe("rounding", () => {
  it("half-up to the fen: 0.5 fen rounds up, 0.4999 down", () => {
    expect(ratioOf(5, 1000)).toBe(1); // 0.5 fen → 1
    expect(ratioOf(4, 1000)).toBe(0); // 0.4 fen → 0
    expect(closeLayer(14_999)).toBe(1);
    expect(closeLayer(15_000)).toBe(2);
  });
  it("matches decimal.js ROUND_HALF_UP on random fen·bp values up to the proven bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN * 2 }), fc.integer({ min: 0, max: 10_000 }), (f, bp) => {
        const exact = new Decimal(f).times(bp).div(10_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(ratioOf(f, bp)).toBe(exact);
      }),
      { numRuns: 20_000, seed: 1 },
    );
  });
  it("divFloor and roundHalfUpDiv are exact near 2^53", () => {
    const n = 2 ** 53 - 3;
    expect(divFloor(n, 10_000)).toBe(Number(BigInt(n) / 10_000n));
    expect(roundHalfUpDiv(n, 10_000)).toBe(Number((2n * BigInt(n) + 10_000n) / 20_000n));
  });
  it("mulDivFloor switches to BigInt past 2^53 and stays exact", () => {
    const a = 9_999_999_999;
    const b = 123_456_789;
    expect(mulDivFloor(a, b, 7)).toBe(Number((BigInt(a) * BigInt(b)) / 7n));
    expect(mulDivFloorRem(a, b, 3)).toEqual([Number((BigInt(a) * BigInt(b)) / 3n), (BigInt(a) * BigInt(b)) % 3n !== 0n]);
    expect(mulDivFloorRem(10, 10, 4)).toEqual([25, false]);
  });
});

describe("parsing amounts (POLICY §1: more decimals are refused, not rounded)", () => {
  it.each([
    ["12345.60", 1_234_560],
    ["0.01", 1],
    ["100", 10_000],
    [" 7.5 ", 750],
  ])("%s → %i fen", (s, fen) => expect(parseYuan(s)).toEqual({ ok: true, value: fen }));
  it.each([
    ["1.234", "decimals"],
    ["-1", "negative"],
    ["abc", "format"],
    ["1e5", "format"],
    ["1000000000.01", "range"],
  ])("%s is refused (%s)", (s, reason) => expect(parseYuan(s)).toEqual({ ok: false, reason }));
  it("a cell's double is read at Excel's 15 digits: 0.1 + 0.2 is 0.30", () => {
    expect(parseYuan(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
    expect(numberToDecimalString(1e21)).toBe("1000000000000000000000");
    expect(numberToDecimalString(1.5e-7)).toBe("0.00000015");
  });
  it("ratios: four decimals at most, never above 1", () => {
    expect(parseRatio("0.88")).toEqual({ ok: true, value: 8800 });
    expect(parseRatio("0.8765")).toEqual({ ok: true, value: 8765 });
    expect(parseRatio("0.87654").ok).toBe(false);
    expect(parseRatio("88").ok).toBe(false);
  });
  it("printing", () => {
    expect(formatYuan(1_234_560)).toBe("12345.60");
    expect(formatYuan(5)).toBe("0.05");
    expect(formatYuan(-5)).toBe("-0.05");
    expect(formatPercent(8850)).toBe("88.5%");
    expect(formatRatio(8800)).toBe("0.88");
  });
  it("printing as bytes (yuanAt) writes what formatYuan writes, for every fen", () => {
    const bytes = (f: number) => {
      const b = new Uint8Array(3 + 32 + 1).fill(0xaa);
      const end = yuanAt(b, 3, f);
      expect(end - 3).toBeLessThanOrEqual(32);
      expect(b[end]).toBe(0xaa);
      return String.fromCharCode(...b.subarray(3, end));
    };
    for (const f of [0, -0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, -1, -99, -100, -12_345_678, 1_234_560, MAX_FEN, -MAX_FEN, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 10 ** 15, 10 ** 15 - 1, 1.5, 2 ** 60, 1e300, -Number.MAX_VALUE, 214_748_364_700, 214_748_364_799, 214_748_364_800, -214_748_364_899, 99_999_999_999, 100_000_000_000])
      expect([f, bytes(f)]).toEqual([f, formatYuan(f)]);
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.maxSafeInteger(), fc.maxSafeNat().map((x) => -x)), (f) => {
      expect(bytes(f)).toBe(formatYuan(f));
    }), { numRuns: 5000 });
  });
  it("a number's digits as bytes (digitsAt) are String's, on both sides of 2^31 (where it changes arithmetic)", () => {
    const digits = (n: number) => {
      const b = new Uint8Array(2 + 16 + 1).fill(0xaa);
      const end = digitsAt(b, 2, n);
      expect(b[end]).toBe(0xaa);
      return String.fromCharCode(...b.subarray(2, end));
    };
    for (let n = 2 ** 31 - 1005; n <= 2 ** 31 + 1005; n++) if (digits(n) !== String(n)) expect([n, digits(n)]).toEqual([n, String(n)]);
    for (const n of [0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 2 ** 32, 10 ** 15, Number.MAX_SAFE_INTEGER]) expect(digits(n)).toBe(String(n));
    fc.assert(fc.property(fc.oneof(fc.nat(), fc.maxSafeNat()), (n) => {
      expect(digits(n)).toBe(String(n));
    }), { numRuns: 5000 });
  });
});

describe("dates (integer civil-calendar arithmetic, no Date in the hot path)", async () => {
  const { dayFromYmd, ymdOf, addYears, addMonths, formatDay, parseDay } = await import("../src/dates");
  it("round-trips every day from 1900 to 2100 against Date.UTC", () => {
    for (let day = Math.round(Date.UTC(1900, 0, 1) / 86_400_000); day <= Math.round(Date.UTC(2100, 11, 31) / 86_400_000); day += 1) {
      const dt = new Date(day * 86_400_000);
      const { y, m, d } = ymdOf(day);
      if (y !== dt.getUTCFullYear() || m !== dt.getUTCMonth() + 1 || d !== dt.getUTCDate() || dayFromYmd(y, m, d) !== day) throw new Error(`day ${day}`);
    }
  });
  it("refuses impossible dates", () => {
    expect(dayFromYmd(2021, 2, 29)).toBeNull();
    expect(dayFromYmd(2020, 2, 29)).not.toBeNull();
    expect(dayFromYmd(1900, 2, 29)).toBeNull();
    expect(dayFromYmd(2000, 2, 29)).not.toBeNull();
  });
  it("payment years and filing months: 29 February falls back to 28 February", () => {
    expect(formatDay(addYears(parseDay("2020-02-29")!, 1))).toBe("2021-02-28");
    expect(formatDay(addYears(parseDay("2020-02-29")!, 4))).toBe("2024-02-29");
    expect(formatDay(addMonths(parseDay("2023-08-31")!, 6))).toBe("2024-02-29");
    expect(formatDay(addMonths(parseDay("2023-01-31")!, 1))).toBe("2023-02-28");
  });
});
