/**
 * The columnar validator's direct reads (src/claim/columnar.ts: the row-by-row read of each kind of
 * column, amounts read from text and numbers, dates from text through the table of months' first
 * days and from serials, the words and memo of coded columns, the text column's plain form) against
 * the row validator, cell by cell: the sample's valid rows with one column's cells replaced by many
 * generated cells of that column's kind, valid and invalid alike (spaces and full-width digits,
 * separators, numbers and serials, 0 and blank, impossible dates around the table's ends, error
 * text). Every row must answer as rowValidator (text cells) and readRow + rowValidator (Excel
 * cells) answer it, and both the direct path and the row validator must have been taken.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { ColumnarValidator, type ColumnarChunk } from "../src/claim/columnar";
import { blankRow, rowValidator, type Validation } from "../src/claim/validate";
import { claimColumns, readRow } from "../src/claim/excelCells";
import { fromClaims } from "../src/engine/columns";
import { excelSerialOf } from "../src/dates";
import { Rng, caseSeed, DEFAULT_SEED, amountCell, dateCell, enumCell, randomAmountText, randomDay } from "./fuzz/gen";
import type { Claim } from "../src/claim/claim";

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const sample = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));
const header = sample[0]!;
const valid = (() => {
  const v = rowValidator(header);
  return sample.slice(1).filter((row) => v(row).ok);
})();

type Expected = Validation | { unreadable: true; problems: unknown[]; code?: string } | null;

function expected(rows: readonly (readonly unknown[])[], labels: string[], excel: boolean): Expected[] {
  const v = rowValidator(header);
  const cols = claimColumns(header);
  return rows.map((r, i) => {
    if (!excel) return blankRow(r) ? null : v(r, labels[i]);
    const read = readRow(r, cols);
    if (!read.ok) return { unreadable: true, problems: [read.problem], code: read.code };
    if (read.blank) return null;
    return v(read.values, labels[i]);
  });
}

function got(chunk: ColumnarChunk, i: number): Expected {
  const f = chunk.failures[i];
  if (f?.read) return { unreadable: true, problems: f.problems, code: f.code };
  return chunk.validation(i);
}

function same(chunk: ColumnarChunk, want: Expected[], cells: unknown[], context: string) {
  const claims: Claim[] = [];
  want.forEach((e, i) => {
    expect(got(chunk, i), `${context}, row ${i}, cell ${JSON.stringify(cells[i])}`).toStrictEqual(e);
    if (e && "ok" in e && e.ok) claims.push(e.claim);
  });
  expect(chunk.claims, context).toStrictEqual(fromClaims(claims));
}

const FULL = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const pad = (x: number, w: number) => String(x).padStart(w, "0");

/** Date cells: every spelling the generator knows, and y-m-d of any year 1960–2300, month 0–13, day 0–32, as text and serials. */
function dateish(r: Rng): unknown {
  const k = r.int(0, 9);
  if (k <= 2) return dateCell(r, randomDay(r, "1971-01-01", "2199-12-31"));
  const y = r.pick([r.int(1960, 2300), r.int(1968, 1972), r.int(2198, 2201), 2000, 2100, 2196, 2200]);
  const m = r.chance(0.8) ? r.int(1, 12) : r.pick([0, 13, 2]);
  const d = r.chance(0.7) ? r.int(1, 28) : r.pick([0, 29, 30, 31, 32]);
  const sep = r.pick(["-", "/", ".", "", "-"]);
  const text = sep === "" ? `${y}${pad(m, 2)}${pad(d, 2)}` : `${y}${sep}${r.chance(0.5) ? pad(m, 2) : m}${sep}${r.chance(0.5) ? pad(d, 2) : d}`;
  if (k === 3) return text;
  if (k === 4) return r.pick([FULL(text), ` ${text}`, `${text} `, `${text}\u3000`, text + "x", "x" + text]);
  if (k === 5) return r.pick([r.int(25_569, 2_958_465), r.int(1, 30_000) + r.float(), r.pick([0, -1, 60, 25_568, 25_569, 2_958_465, 2_958_466, 1e12, NaN, Infinity])]);
  if (k === 6) return String(r.int(20_000, 80_000));
  if (k === 7) return r.pick(["", " ", "\u3000", "0", "#N/A", " #VALUE!", "2020-5-1", "2020-05-1", "2020-5-01", "2020--05-01", "2020-05-01-", "2020-005-01"]);
  if (k === 8) return r.pick([true, false, null, 0]);
  return String(excelSerialOf(randomDay(r, "1971-01-01", "2199-12-31")));
}

/** Amount cells: the spellings the validator accepts, plausible and hostile texts, numbers with fractions of a fen, 0 and blank. */
function amountish(r: Rng, maxFen: number): unknown {
  const k = r.int(0, 7);
  if (k <= 2) return amountCell(r, r.int(0, maxFen));
  if (k === 3) return randomAmountText(r, r.chance(0.5));
  if (k === 4) return r.pick([r.int(0, maxFen) / 100, r.int(0, maxFen * 10) / 1000, r.float() * 1e4, -r.int(1, 100), 0, -0, 1e308, NaN, Infinity, 0.1 + 0.2]);
  if (k === 5) return r.pick(["", " ", "0", "0.00", "-0", "00012.30", "12.", ".5", "+12", "12.500", "12.505", "1e3", "#DIV/0!", "１２.３", "12,345.60", "1,2345"]);
  if (k === 6) return String(r.int(0, maxFen) / 100);
  return r.pick([true, false, null, 0]);
}

function coded(field: string, codes: readonly string[]) {
  return (r: Rng): unknown => {
    const k = r.int(0, 5);
    if (k <= 2) return enumCell(r, field, r.pick(codes));
    if (k === 3) return r.pick(["", " ", "\u3000", "#N/A", "?", "三级", "一级甲等", "lanzhou ", "兰州市", "职工医保", "320", "310", "390", 310, 0, 1, 3]);
    if (k === 4) return r.pick([true, false, null, 0]);
    return enumCell(r, field, r.pick(codes)) + r.pick(["", " ", "x", "\u3000"]);
  };
}

function textish(r: Rng): unknown {
  const k = r.int(0, 5);
  if (k <= 1) return `LZ${r.int(0, 99_999)}`;
  if (k === 2) return r.pick([` LZ${r.int(0, 99)}`, `LZ${r.int(0, 99)} `, `\u3000LZ`, "#REF!", " #N/A", "#x", "a".repeat(r.int(50, 300))]);
  if (k === 3) return r.pick([r.int(1, 1e6), r.float() * 1e6, 0, NaN, -1]);
  if (k === 4) return r.pick(["", " ", "\u3000", null, true, 0]);
  return FULL(String(r.int(0, 999)));
}

const COLUMNS: { label: string; cell: (r: Rng) => unknown }[] = [
  { label: "入院日期", cell: dateish },
  { label: "结算日期", cell: dateish },
  { label: "总费用", cell: (r) => amountish(r, 5_000_000) },
  { label: "中医药费用", cell: (r) => amountish(r, 50_000) },
  { label: "医院等级", cell: coded("hospitalLevel", ["1", "2", "3B", "3A", "3S"]) },
  { label: "险种", cell: coded("scheme", ["employee", "resident"]) },
  { label: "本年住院次数", cell: (r) => r.pick([r.int(1, 5), String(r.int(0, 1200)), ` ${r.int(1, 9)}`, FULL(String(r.int(1, 9))), `第${r.int(1, 3)}次`, "2.0", 2.5, "", 0, null]) },
  { label: "编号", cell: textish },
];

describe("columnar validator: generated cells of each kind against the row validator", () => {
  for (const { label, cell } of COLUMNS) {
    const j = header.indexOf(label);
    it(`${label}: 3 000 generated cells, as text and as Excel cells`, () => {
      expect(j, label).toBeGreaterThanOrEqual(0);
      const r = new Rng(caseSeed(SEED, "columnar-cells-" + label, 0));
      const cells = Array.from({ length: 3000 }, () => cell(r));
      const base = cells.map((_, i) => valid[i % valid.length]!);
      const labels = cells.map((_, i) => `row ${i + 1}`);
      // text: as a reader gives them (a non-string cell as the validator takes it; a blank "")
      const text = base.map((row, i) => row.map((v, q) => (q === j ? cells[i] ?? "" : v)));
      const tChunk = new ColumnarValidator(header).validate(text, labels);
      same(tChunk, expected(text, labels, false), cells, `${label} text`);
      // Excel: numbers and serials as they are, a blank cell as desktop Excel's 0 or the web's null
      const excel = text.map((row, i) => row.map((v, q) => (q === j ? cells[i] : v === "" ? (i % 2 ? 0 : null) : v)));
      const eChunk = new ColumnarValidator(header, { cells: "excel" }).validate(excel, labels);
      same(eChunk, expected(excel, labels, true), cells, `${label} excel`);
      // both paths taken: the direct read decided many rows, the row validator others
      for (const c of [tChunk, eChunk]) {
        expect(c.fastRows, label).toBeGreaterThan(300);
        expect(c.slowRows, label).toBeGreaterThan(30);
      }
    });
  }
});
