/**
 * The .xlsx writer's rows are written as bytes (io/xlsxStream.ts `row`, `utf8At`): no string per row,
 * no join and no TextEncoder over the part (the 1e5-row audit report: 2.53 → 2.18 s, its bytes
 * unchanged). What it writes must be exactly what the string-building writer before it wrote; that
 * writer's row is kept here as the reference (`referenceRow`), and each sheet's XML is compared with
 * it byte for byte, for inline strings (the CLI) and shared strings (the pane), on rows that hold
 * every kind of value: numbers (negative, fractions, 1e21, -0, NaN and ±Infinity left empty),
 * booleans, dates, empty cells, text with the five XML characters, control characters, _xHHHH_,
 * spaces at either end, Chinese, emoji (surrogate pairs), lone surrogates, and a cell longer than a
 * part's piece (so that a row is split between two pieces handed to the deflater).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { fewDecimals, numberAt, XlsxStreamWriter, xmlText } from "../io/xlsxStream";
import { utf8At } from "../io/utf8";
import { DeflatePool } from "../cli/nodeZip";
import { columnLetter } from "../io/errors";

/** The row as the writer wrote it before 2026-12-03 (string concatenation), styles given per cell. */
function referenceRow(r: number, cells: readonly unknown[], style: (j: number) => number, sst: Map<string, number> | null): string {
  const rs = String(r);
  let x = '<row r="' + rs + '">';
  for (let j = 0; j < cells.length; j++) {
    const v = cells[j];
    if (v === null || v === undefined || v === "") continue;
    const s = style(j);
    const open = '<c r="' + columnLetter(j) + rs + (s ? '" s="' + s + '"' : '"');
    if (typeof v === "number") {
      if (Number.isFinite(v)) x += open + "><v>" + v + "</v></c>";
    } else if (typeof v === "boolean") x += open + (v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
    else {
      const t = typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      if (sst) {
        let id = sst.get(t);
        if (id === undefined) sst.set(t, (id = sst.size));
        x += open + ' t="s"><v>' + id + "</v></c>";
      } else x += open + (/^\s|\s$/.test(t) ? ' t="inlineStr"><is><t xml:space="preserve">' : ' t="inlineStr"><is><t>') + xmlText(t) + "</t></is></c>";
    }
  }
  return x + "</row>";
}

let seed = 11;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const TEXTS = ["正确", "有差异", " 前后空格 ", "a<b>&\"c\"'", "_x0041_ 与 _X004a_", "\u0001\u0008\u000b\u001f\ufffe\uffff", "😀 医保 🏥", "\ud800 lone", "end \udc00", "tab\tand\nline", "\u3000全角空格\u3000", "", "x"];
function value(): unknown {
  const k = Math.floor(rnd() * 12);
  if (k === 0) return null;
  if (k === 1) return undefined;
  if (k === 2) return [NaN, Infinity, -Infinity, -0, 1e21, -1234.56, 0.1 + 0.2, 18650.4][Math.floor(rnd() * 8)];
  if (k === 3) return Math.round((rnd() - 0.3) * 1e9) / 100;
  if (k === 4) return rnd() < 0.5;
  if (k === 5) return new Date(Date.UTC(2026, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  return TEXTS[Math.floor(rnd() * TEXTS.length)]! + (rnd() < 0.3 ? String(Math.floor(rnd() * 1000)) : "");
}
const rows: unknown[][] = [["编号", "金额", "状态", "备注", "日期", "说明"]];
for (let i = 1; i < 4000; i++) rows.push(Array.from({ length: 1 + Math.floor(rnd() * 30) }, value));
// a cell longer than the 64 KiB piece, in the middle of the sheet
rows[1777]![3] = "长".repeat(40_000) + "<&>" + "a".repeat(70_000);

async function sheetXml(shared: boolean, native: boolean): Promise<string> {
  const out: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => out.push(c), 1, native ? new DeflatePool().deflater : undefined, { sharedStrings: shared });
  w.sheet({ name: "核查结果", boldRows: [0], freezeRows: 1, columnFormats: [undefined, "#,##0.00", "@"] }, rows);
  w.end();
  await w.finished();
  const all = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) all.set(c, (at += c.length) - c.length);
  return strFromU8(unzipSync(all)["xl/worksheets/sheet1.xml"]!);
}

/** What the reference wrote for the same rows, decoded as the part is: cellXfs 1 and 2 the two column formats, 3 the bold header. */
function referenceSheetData(shared: boolean): string {
  const sst = shared ? new Map<string, number>() : null;
  let x = "";
  rows.forEach((cells, i) => (x += referenceRow(i + 1, cells, (j) => (i === 0 ? 3 : j === 1 ? 1 : j === 2 ? 2 : 0), sst)));
  // as that writer handed it on: TextEncoder's bytes (a lone surrogate became U+FFFD), read back as the part is
  return strFromU8(new TextEncoder().encode(x));
}

const dataOf = (xml: string) => xml.slice(xml.indexOf("<sheetData>") + "<sheetData>".length, xml.indexOf("</sheetData>"));

describe("the .xlsx writer's rows as bytes", () => {
  it("writes every row exactly as the string-building writer did, inline strings (the command line), fflate and zlib", async () => {
    const want = referenceSheetData(false);
    expect(dataOf(await sheetXml(false, false))).toBe(want);
    expect(dataOf(await sheetXml(false, true))).toBe(want);
  });

  it("writes every row exactly as the string-building writer did, shared strings (the pane's downloads)", async () => {
    expect(dataOf(await sheetXml(true, false))).toBe(referenceSheetData(true));
  });

  it("writes a number of two decimals at most digit by digit as String writes it, any other as String", () => {
    const text = (v: number) => {
      const b = new Uint8Array(40);
      return String.fromCharCode(...b.subarray(0, numberAt(b, 0, v)));
    };
    const check = (v: number) => {
      if (fewDecimals(v)) expect([v, text(v)]).toEqual([v, String(v)]);
    };
    for (const v of [0, -0, 1, -1, 0.1, 0.29, 0.01, -0.05, 1.1, 18650.4, 9999999999999.99, -9999999999999.99, 99999999999999.9, 1e14, 123456789012345, 2 ** 53, 1e15, 1e21, 0.125, 1e-7, 5e-3])
      check(v);
    expect(fewDecimals(0.125) || fewDecimals(1e-7) || fewDecimals(2 ** 53) || fewDecimals(1e15)).toBe(false);
    expect(fewDecimals(18650.4) && fewDecimals(-0.05) && fewDecimals(1234567890123.45) && fewDecimals(-9999999999999.99)).toBe(true);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e15, max: 1e15 }).map((r) => r / 100), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (v) => check(v)),
      { numRuns: 20_000 },
    );
  });

  it("encodes text as TextEncoder does: surrogate pairs as four bytes, a lone surrogate as U+FFFD", () => {
    const enc = new TextEncoder();
    const check = (s: string) => {
      const b = new Uint8Array(s.length * 3 + 8).fill(0xaa);
      const end = utf8At(b, 4, s);
      expect(Array.from(b.subarray(4, end))).toEqual(Array.from(enc.encode(s)));
      expect(b[end]).toBe(0xaa); // nothing written past the end
    };
    for (const s of ["", "abc", "é", "医保", "😀", "\ud800", "\udc00", "a\ud800b", "\udbff\udfff", "\ud800\ud800\udc00", "\udc00\ud800"]) check(s);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => check(s)),
      { numRuns: 2000 },
    );
  });
});
