/**
 * The command line's CSV reports are written as bytes (io/csv.ts CsvBytes): each record must be
 * exactly csvRow's record and its CRLF, as UTF-8 (what the reports held when they were strings
 * joined and encoded): RFC 4180 quoting (a field with a quote, comma, CR or LF, or white space at an
 * end, between quotes, quotes doubled), the formula guard (=, +, -, @, tab or CR first gets an
 * apostrophe, numeric text does not), numbers as String gives them, null and undefined empty; across
 * buffers handed on when full (a buffer of 64 bytes here, and a cell longer than one).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CsvBytes, csvRow } from "../io/csv";

function written(rows: unknown[][], size: number): Buffer {
  const out: Uint8Array[] = [];
  const w = new CsvBytes((b) => out.push(b), size);
  for (const r of rows) w.row(r);
  w.flush();
  return Buffer.concat(out);
}
const expected = (rows: unknown[][]) => Buffer.from(new TextEncoder().encode(rows.map((r) => csvRow(r) + "\r\n").join("")));

describe("CSV records as bytes", () => {
  it("writes what csvRow writes, on the cells that need quoting or a guard", () => {
    const rows: unknown[][] = [
      ["编号", "姓名", "金额"],
      ["K1", "张三", 18650.4],
      ['a"b', "a,b", "a\r\nb", " lead", "trail ", "\u3000全角", "=SUM(A1)", "+1", "-12.50", "-x", "@me", "\tt", "\rr", "", null, undefined, 0, -0, 1e21, NaN, true],
      ["😀", "\ud800", "x\udc00y", "长".repeat(100)],
      [],
      [""],
    ];
    for (const size of [64, 1 << 20]) expect(written(rows, size).equals(expected(rows))).toBe(true);
  });

  it("writes what csvRow writes on any cells, whatever the buffer's size", () => {
    const cell = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom('"', ",", "\r\n", " ", "=1", "-1", "@"), fc.double(), fc.integer(), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 20 }), fc.integer({ min: 8, max: 300 }), (rows, size) => {
        expect(written(rows, size).equals(expected(rows))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
