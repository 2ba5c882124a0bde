/**
 * The accepted and refused cell forms (issue 7, the lead's decision), one row per case: the same rows
 * are the table of docs/lenient-input.md (test/fuzz/lenient.test.ts checks both).
 */
export type CaseKind = "amount" | "count" | "date";

export interface LenientCase {
  /** The cell as written in the doc: a JSON string ("12,345.60"), a JSON object, a number, true/false, NaN, Infinity, -0. */
  cell: string;
  kind: CaseKind;
  /** accepted: what it is read as (yuan with two decimals, a count, an ISO date); refused: the problem code. */
  accepted: boolean;
  result: string;
}

const a = (cell: string, result: string): LenientCase => ({ cell, kind: "amount", accepted: true, result });
const ar = (cell: string, code: string): LenientCase => ({ cell, kind: "amount", accepted: false, result: code });
const c = (cell: string, result: string): LenientCase => ({ cell, kind: "count", accepted: true, result });
const cr = (cell: string, code = "count_invalid"): LenientCase => ({ cell, kind: "count", accepted: false, result: code });
const d = (cell: string, result: string): LenientCase => ({ cell, kind: "date", accepted: true, result });
const dr = (cell: string, code = "date_invalid"): LenientCase => ({ cell, kind: "date", accepted: false, result: code });

export const LENIENT_CASES: readonly LenientCase[] = [
  // amounts (total, outOfCatalog, classB, … every money field)
  a('"12345.60"', "12345.60"),
  a("12345.6", "12345.60"),
  a('"１２３４５．６０"', "12345.60"),
  a('"２３４"', "234.00"),
  a('"１２，３４５．６０"', "12345.60"),
  a('"12,345.60"', "12345.60"),
  a('"1,234,567"', "1234567.00"),
  a('"¥12.50"', "12.50"),
  a('"￥12.50"', "12.50"),
  a('"¥ 12.50"', "12.50"),
  a('" 12.5 "', "12.50"),
  a('"\u300012.5\u3000"', "12.50"),
  a('"12.50元"', "12.50"),
  a('"￥12,345.60元"', "12345.60"),
  a('"+12"', "12.00"),
  a('".5"', "0.50"),
  a('"12.500"', "12.50"),
  a('"0"', "0.00"),
  a('"-0"', "0.00"),
  a("-0", "0.00"),
  a("0.30000000000000004", "0.30"),
  a('"1000000000.00"', "1000000000.00"),
  ar('"1e5"', "amount_invalid"),
  ar('"1E5"', "amount_invalid"),
  ar('"Infinity"', "amount_invalid"),
  ar('"NaN"', "amount_invalid"),
  ar("Infinity", "amount_invalid"),
  ar("NaN", "amount_invalid"),
  ar('"0x1F"', "amount_invalid"),
  ar('"12.505"', "amount_decimals"),
  ar("12.505", "amount_decimals"),
  ar('"1,2,3"', "amount_invalid"),
  ar('"12,34"', "amount_invalid"),
  ar('"1,2345"', "amount_invalid"),
  ar('"0,123"', "amount_invalid"),
  ar('"012,345"', "amount_invalid"),
  ar('"1,234."', "amount_invalid"),
  ar('"12."', "amount_invalid"),
  ar('"1 234"', "amount_invalid"),
  ar('"-5"', "amount_negative"),
  ar("-5", "amount_negative"),
  ar('"(5.00)"', "amount_invalid"),
  ar('"¥¥5"', "amount_invalid"),
  ar('"١٢٣"', "amount_invalid"),
  ar("1e308", "amount_range"),
  ar('"1000000000.01"', "amount_range"),
  ar('"#VALUE!"', "excel_error"),
  ar('{"error":"#N/A"}', "excel_error"),
  ar('{"type":"#VALUE!"}', "excel_error"),
  ar("true", "amount_invalid"),
  ar('""', "field_missing"),
  // counts (admissionIndex)
  c("2", "2"),
  c('"２"', "2"),
  c('" 2 "', "2"),
  c('"第2次"', "2"),
  c('"999"', "999"),
  cr('"2.0"'),
  cr("2.5"),
  cr('"0"'),
  cr('"1,000"'),
  cr('"1e1"'),
  cr('"-1"'),
  cr('"1000"'),
  // dates (every date field)
  d('"2020-05-01"', "2020-05-01"),
  d('"2020/5/1"', "2020-05-01"),
  d('"2020.5.1"', "2020-05-01"),
  d('"2020年5月1日"', "2020-05-01"),
  d('"20200501"', "2020-05-01"),
  d("43952", "2020-05-01"),
  d('"43952"', "2020-05-01"),
  d("43952.75", "2020-05-01"),
  d('"２０２０-０５-０１"', "2020-05-01"),
  d('"2020-05-01T08:30:00"', "2020-05-01"),
  dr('"2020-02-30"'),
  dr('"2021-13-01"'),
  dr('"2020-00-10"'),
  dr("0"),
  dr("60"),
  dr("-1"),
  dr("2958466"),
  dr('"1969-12-31"'),
  dr('"May 1, 2020"'),
  dr('"01/05/2020"'),
];

/** The cell value a case's text stands for. */
export function cellValue(text: string): unknown {
  const special: Record<string, unknown> = { NaN, Infinity, "-Infinity": -Infinity, "-0": -0, true: true, false: false };
  if (text in special) return special[text];
  return JSON.parse(text);
}
