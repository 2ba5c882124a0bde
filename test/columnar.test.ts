/**
 * The columnar validator (src/claim/columnar.ts) gives exactly what the row-at-a-time paths give:
 * the same claims (every field, and the same engine columns as fromClaims) and the same problems (the
 * same messages in both languages, row labels and order), for cells as the CLI reads them (text) and
 * as Excel passes them to a custom function (excel: readRow first). Checked on the bundled sample and
 * on generated tables with invalid, blank, shifted, duplicated, short and odd rows.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { DelimitedStream, LineSpan } from "../io/delimited";
import { ColumnarValidator, type ColumnarChunk } from "../src/claim/columnar";
import { blankRow, rowValidator, type Validation } from "../src/claim/validate";
import { claimColumns, readRow } from "../src/claim/excelCells";
import { fromClaims, allocResults } from "../src/engine/columns";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { Rng, caseSeed, DEFAULT_SEED, genRecord, hostile, EXCEL_ERROR_VALUES } from "./fuzz/gen";
import type { Claim } from "../src/claim/claim";

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const sample = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));

type Expected = Validation | { unreadable: true; problems: unknown[]; code?: string } | null;

/** What the CLI's path answers for a row (validateInput: blank rows skipped, then rowValidator). */
function textPath(header: readonly unknown[], rows: readonly (readonly unknown[])[], labels: string[], mapping = {}): Expected[] {
  const v = rowValidator(header, mapping);
  return rows.map((r, i) => (blankRow(r) ? null : v(r, labels[i])));
}

/** What the functions' path answers (settleRows: readRow, then rowValidator). */
function excelPath(header: readonly unknown[], rows: readonly (readonly unknown[])[], labels: string[]): Expected[] {
  const v = rowValidator(header);
  const cols = claimColumns(header);
  return rows.map((r, i) => {
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

/** Same answers row by row, and the same engine columns as the validated claims give through fromClaims. */
function same(chunk: ColumnarChunk, expected: Expected[], context: string) {
  expect(chunk.rows).toBe(expected.length);
  const claims: Claim[] = [];
  expected.forEach((e, i) => {
    expect(got(chunk, i), `${context}, row ${i}`).toStrictEqual(e);
    if (e && "ok" in e && e.ok) {
      claims.push(e.claim);
      // the claim given back has the validator's keys in the validator's order
      expect(Object.keys(chunk.claimAt(chunk.claimOf[i]!)), `${context}, row ${i} keys`).toEqual(Object.keys(e.claim));
      expect(Object.keys(chunk.claimAt(chunk.claimOf[i]!).claimed), `${context}, row ${i} claimed keys`).toEqual(Object.keys(e.claim.claimed));
    } else expect(chunk.claimOf[i], `${context}, row ${i}`).toBe(-1);
  });
  expect(chunk.claims, context).toStrictEqual(fromClaims(claims));
}

/** A table of generated records: the union of their headers, one row each (as claimsMatrix builds it). */
function table(r: Rng, n: number): { header: string[]; rows: unknown[][] } {
  const recs = Array.from({ length: n }, () => genRecord(r));
  const keys: string[] = [];
  for (const g of recs) for (const k of g.headers) if (!keys.includes(k)) keys.push(k);
  const rows = recs.map((g) => keys.map((k) => (Object.hasOwn(g.record, k) ? g.record[k] : r.chance(0.8) ? "" : null)));
  // rows as people get them wrong: shifted one column, a copied id, blank, short, too long, all zeros
  for (const row of rows) {
    const k = r.int(0, 19);
    if (k === 0) row.splice(r.int(0, row.length), 0, "");
    else if (k === 1 && rows.length > 1) row[0] = r.pick(rows)[0];
    else if (k === 2) row.fill(r.pick(["", null, " ", 0]));
    else if (k === 3) row.length = r.int(0, row.length);
    else if (k === 4) row.push(hostile(r), hostile(r));
    else if (k === 5) row[r.int(0, Math.max(0, row.length - 1))] = r.pick(EXCEL_ERROR_VALUES)();
  }
  return { header: keys, rows };
}

/** Cells as a CSV or .xlsx reader gives them: text, blank as "". */
const asText = (rows: unknown[][]) => rows.map((row) => row.map((v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) ?? "" : String(v))));

describe("columnar validator: the bundled sample", () => {
  const header = sample[0]!;
  const rows = sample.slice(1);
  const labels = rows.map((_, i) => `row ${i + 1}`);

  it("gives the CLI path's claims and problems, and reads the valid rows column-wise", () => {
    const chunk = new ColumnarValidator(header).validate(rows, labels);
    same(chunk, textPath(header, rows, labels), "sample");
    const failed = rows.filter((_, i) => chunk.failures[i]).length;
    expect(failed).toBeGreaterThan(0); // the sample has deliberate mistakes
    // only the rows that fail go through the row validator: the valid ones are read column by column
    expect(chunk.slowRows).toBe(failed);
  });

  it("gives the functions' path's claims and problems on Excel cells (numbers for amounts, serials for dates)", () => {
    const excelRows = rows.map((row) =>
      row.map((v, j) => {
        const h = header[j]!;
        if (/日期/.test(h) && /^\d{4}-\d\d-\d\d$/.test(v)) return Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10)) / 86_400_000 + 25_569;
        if (/费用|支付|负担|累计|次数/.test(h) && /^\d+(\.\d+)?$/.test(v)) return Number(v);
        return v === "" ? (j % 2 ? null : 0) : v;
      }),
    );
    const chunk = new ColumnarValidator(header, { cells: "excel" }).validate(excelRows, labels);
    same(chunk, excelPath(header, excelRows, labels), "sample as Excel cells");
    expect(chunk.slowRows).toBe(excelRows.filter((_, i) => chunk.failures[i]).length);
  });

  it("carries what it learnt over chunks, and a chunk answers as the whole would", () => {
    const v = new ColumnarValidator(header);
    const a = v.validate(rows.slice(0, 10), labels.slice(0, 10));
    const b = v.validate(rows.slice(10), labels.slice(10));
    same(a, textPath(header, rows.slice(0, 10), labels.slice(0, 10)), "first chunk");
    same(b, textPath(header, rows.slice(10), labels.slice(10)), "second chunk");
  });

  it("settles to the same results as the one-claim path (Engine.settle)", () => {
    const engine = new Engine(builtinRegistry());
    const chunk = new ColumnarValidator(header).validate(rows, labels);
    const res = allocResults(chunk.claims.n);
    engine.settleInto(chunk.claims, res, 0, chunk.claims.n, undefined, true);
    for (let k = 0; k < chunk.claims.n; k++) {
      const one = engine.settle(chunk.claimAt(k));
      expect(res.pooled[k], `claim ${k}`).toBe(one.ok ? one.layers.pooled : NaN);
      expect(res.personal[k], `claim ${k}`).toBe(one.ok ? one.personal : NaN);
      expect(res.problems[k]?.message ?? null, `claim ${k}`).toEqual(one.problem?.message ?? null);
    }
  });

  it("honours the column mapping (--map) as the row validator does", () => {
    const h = header.map((x) => (x === "总费用" ? "金额" : x === "备注" ? "乙类费用X" : x));
    const mapping = { 金额: "total", 乙类费用: null };
    const chunk = new ColumnarValidator(h, { mapping }).validate(rows, labels);
    same(chunk, textPath(h, rows, labels, mapping), "mapped");
  });
});

describe("columnar validator: generated tables (property)", () => {
  it("150 tables of text cells (as CSV gives them) answer as rowValidator", () => {
    let fast = 0;
    let claims = 0;
    for (let c = 0; c < 150; c++) {
      const r = new Rng(caseSeed(SEED, "columnar-text", c));
      const { header, rows } = table(r, r.int(1, 40));
      const text = asText(rows);
      const labels = text.map((_, i) => `line ${i + 2}`);
      const chunk = new ColumnarValidator(header).validate(text, labels);
      same(chunk, textPath(header, text, labels), `text case ${c}`);
      fast += chunk.fastRows;
      claims += chunk.claims.n;
    }
    // the generated claims mostly take the column-wise path, so that it is what was compared
    expect(fast).toBeGreaterThan(claims / 2);
  });

  it("150 tables of raw values (numbers, booleans, objects) answer as rowValidator", () => {
    for (let c = 0; c < 150; c++) {
      const r = new Rng(caseSeed(SEED, "columnar-raw", c));
      const { header, rows } = table(r, r.int(1, 40));
      const labels = rows.map((_, i) => `row ${i + 1}`);
      same(new ColumnarValidator(header).validate(rows, labels), textPath(header, rows, labels), `raw case ${c}`);
    }
  });

  it("150 tables with date cells as an .xlsx file gives them (Date objects) answer as rowValidator, and read column-wise", () => {
    const dateFields = ["入院日期", "出院日期", "结算日期", "就诊日期", "认定日期", "admissionDate", "dischargeDate", "settlementDate", "serviceDate"];
    let dates = 0;
    let slow = 0;
    for (let c = 0; c < 150; c++) {
      const r = new Rng(caseSeed(SEED, "columnar-date-cells", c));
      const { header, rows } = table(r, r.int(1, 40));
      const at = header.map((h, j) => (dateFields.includes(h) ? j : -1)).filter((j) => j >= 0);
      for (const row of rows)
        for (const j of at) {
          if (j >= row.length || !r.chance(0.7)) continue;
          // a day (UTC midnight, as the reader makes them), a time of day on it, an invalid Date, one before 1970
          const day = r.int(17_000, 20_500);
          row[j] = r.pick([new Date(day * 86_400_000), new Date(day * 86_400_000 + r.int(1, 86_399_999)), new Date(NaN), new Date(-r.int(1, 9_999) * 86_400_000)]);
          dates++;
        }
      const labels = rows.map((_, i) => `row ${i + 1}`);
      const chunk = new ColumnarValidator(header).validate(rows, labels);
      same(chunk, textPath(header, rows, labels), `date-cells case ${c}`);
      slow += chunk.slowRows;
    }
    expect(dates).toBeGreaterThan(500);
    expect(slow).toBeGreaterThan(0);
    // the sample with its dates as date cells: every valid row read column-wise, none by the row validator
    const [h, ...body] = sample;
    const dj = h!.map((x, j) => (dateFields.includes(x) ? j : -1)).filter((j) => j >= 0);
    const cells = body.map((row) => row.map((v, j) => (dj.includes(j) && /^\d{4}-\d\d-\d\d$/.test(v) ? new Date(Date.parse(v + "T00:00:00Z")) : v)));
    expect(cells.flat().filter((v) => v instanceof Date).length).toBeGreaterThan(20);
    const labels = body.map((_, i) => `row ${i + 2}`);
    const asDates = new ColumnarValidator(h!).validate(cells, labels);
    same(asDates, textPath(h!, cells, labels), "sample with date cells");
    expect(asDates.slowRows).toBeLessThanOrEqual(new ColumnarValidator(h!).validate(body, labels).slowRows);
  });

  it("150 tables of Excel cells (blank 0, error values, data types) answer as readRow + rowValidator", () => {
    let fast = 0;
    let claims = 0;
    for (let c = 0; c < 150; c++) {
      const r = new Rng(caseSeed(SEED, "columnar-excel", c));
      const { header, rows } = table(r, r.int(1, 40));
      const excel = rows.map((row) => row.map((v) => (v === "" && r.chance(0.5) ? 0 : v)));
      const labels = excel.map((_, i) => `row ${i + 1}`);
      const chunk = new ColumnarValidator(header, { cells: "excel" }).validate(excel, labels);
      same(chunk, excelPath(header, excel, labels), `excel case ${c}`);
      fast += chunk.fastRows;
      claims += chunk.claims.n;
    }
    expect(fast).toBeGreaterThan(claims / 2);
  });

  it("a long table of repeated valid rows is read without the row validator", () => {
    const header = sample[0]!;
    const v = rowValidator(header);
    const ok = sample.slice(1).filter((row) => v(row).ok);
    const rows = Array.from({ length: 2000 }, (_, i) => ok[i % ok.length]!);
    const chunk = new ColumnarValidator(header).validate(rows, (i) => `row ${i + 1}`);
    expect(chunk.slowRows).toBe(0);
    expect(chunk.fastRows).toBe(2000);
    same(chunk, textPath(header, rows, rows.map((_, i) => `row ${i + 1}`)), "repeated");
  });
});

describe("columnar validator: rows given as lines not cut into cells (settle's CSV rows, io/delimited.ts LineSpan)", () => {
  /** The table as the lines of a CSV without quotes (cells that would need quoting lose the characters that would), parsed as settle parses them. */
  function lines(header: readonly string[], rows: readonly string[][], d: "," | ";" | "\t", r: Rng): { spans: LineSpan[]; cells: string[][] } {
    const clean = (v: string) => v.replace(/[,;\t"\r\n]/g, "");
    const body = rows.map((row) => (row.length ? row.map(clean) : [" "]));
    const text = [header.map(clean), ...body].map((row) => row.join(d) + (r.chance(0.3) ? "\r\n" : "\n")).join("");
    const s = new DelimitedStream(d, "t.csv", 1 << 22, Infinity, true);
    const records = [...s.push(text), ...s.end()];
    // the pieces a stream is given are not where the lines end: push the whole, cut anywhere
    const s2 = new DelimitedStream(d, "t.csv", 1 << 22, Infinity, true);
    const cut = r.int(0, text.length);
    const again = [...s2.push(text.slice(0, cut)), ...s2.push(text.slice(cut)), ...s2.end()];
    expect(again.map((x) => x.cells)).toEqual(records.map((x) => x.cells));
    const data = again.slice(1);
    for (const x of data) expect(x).toBeInstanceOf(LineSpan);
    return { spans: data as LineSpan[], cells: body };
  }

  /** The rows given to a new validator as spans only (no row's cells). */
  const validateSpans = (header: readonly unknown[], spans: readonly LineSpan[], labels: readonly string[]) =>
    new ColumnarValidator(header).validate(
      spans.map(() => undefined),
      labels,
      spans,
    );

  it("150 generated tables: every row, claim, extra and failure as the same rows' cells give them", () => {
    let spanRows = 0;
    for (let c = 0; c < 150; c++) {
      const r = new Rng(caseSeed(SEED, "columnar-spans", c));
      const { header, rows } = table(r, r.int(1, 40));
      const d = r.pick([",", ",", ";", "\t"] as const);
      const { spans, cells } = lines(header, asText(rows), d, r);
      expect(spans.map((x) => x.cells), `case ${c}`).toEqual(cells);
      const h = header.map((x) => x.replace(/[,;\t"\r\n]/g, ""));
      const labels = cells.map((_, i) => `row ${i + 2}`);
      const byCells = new ColumnarValidator(h).validate(cells, labels);
      const bySpans = validateSpans(h, spans, labels);
      same(bySpans, textPath(h, cells, labels), `spans case ${c}`);
      for (const k of ["claims", "blank", "claimOf", "rowOf", "failures", "extras", "slowRows", "fastRows"] as const) expect(bySpans[k], `case ${c}: ${k}`).toStrictEqual(byCells[k]);
      spanRows += bySpans.fastRows;
    }
    // most rows were read in place, so that is what was compared
    expect(spanRows).toBeGreaterThan(1000);
  });

  it("the bundled sample's rows as lines: its claims and its deliberate mistakes as its cells give them", () => {
    const header = sample[0]!;
    const r = new Rng(caseSeed(SEED, "columnar-spans-sample", 0));
    const { spans, cells } = lines(header, sample.slice(1), ",", r);
    const labels = cells.map((_, i) => `row ${i + 2}`);
    const bySpans = validateSpans(header, spans, labels);
    same(bySpans, textPath(header, cells, labels), "sample as spans");
    expect(bySpans.failures.filter(Boolean).length).toBeGreaterThan(0);
  });

  it("a cell that a known word begins, or that begins a known word, is not read as that word", () => {
    const header = sample[0]!;
    const v = rowValidator(header);
    const ok = sample.slice(1).filter((row) => v(row).ok);
    const coded = ["参保地", "险种", "人员类别", "就医类型", "医院等级"].map((h) => header.indexOf(h)).filter((j) => j >= 0);
    expect(coded.length).toBeGreaterThan(3);
    // the words are learnt from the first rows, then met with a character more or less
    const rows = [...ok, ...ok.flatMap((row) => coded.flatMap((j) => [row.map((x, k) => (k === j ? x + "x" : x)), row.map((x, k) => (k === j ? x.slice(0, -1) : x)), row.map((x, k) => (k === j ? "x" + x : x))]))];
    const r = new Rng(caseSeed(SEED, "columnar-spans-words", 0));
    const { spans, cells } = lines(header, rows, ",", r);
    const labels = cells.map((_, i) => `row ${i + 2}`);
    const bySpans = validateSpans(header, spans, labels);
    same(bySpans, textPath(header, cells, labels), "words");
  });
});
