/**
 * Large claim files as a user's office would send them, for the streaming tests and for measuring the
 * command line: the benchmark's seeded mixed claims (bench/generate.ts) written with the sample's
 * Chinese headers and Chinese values (兰州, 职工, 三级甲等 …), with bad records mixed in (an amount
 * with three decimals, an unknown place, a missing scheme, a row with a field too few), as CSV or
 * JSON lines.
 *
 *   npx tsx test/streamFiles.ts OUT.csv|OUT.jsonl ROWS [SEED]
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { mixedClaim, rowsOf } from "../bench/generate";
import { FIELDS } from "../src/claim/fields";
import { csvRow } from "../io/csv";

/** The Chinese header of each canonical field (its first alias, as in the sample). */
const HEADERS = FIELDS.map((f) => f.aliases[0]!);

/** Rows start..start+n of the generated batch, as text cells with Chinese headers' values. */
export function userRows(n: number, seed: number, bad = true): { header: string[]; rows: string[][] } {
  const { rows } = rowsOf(n, seed, mixedClaim);
  const out = rows.map((r, i) => {
    const cells = r.map((v, j): string => {
      const f = FIELDS[j]!;
      if (v === null || v === undefined) return "";
      if (f.kind === "bool") return v ? "是" : "否";
      if (f.enumDef && typeof v === "string") return (f.enumDef.zh as Record<string, string>)[v] ?? v;
      return String(v);
    });
    if (bad && i % 97 === 13) cells[FIELDS.findIndex((f) => f.name === "total")] += "1"; // 1234.561: three decimals
    if (bad && i % 211 === 7) cells[FIELDS.findIndex((f) => f.name === "insuredPlace")] = "北京";
    if (bad && i % 389 === 5) cells[FIELDS.findIndex((f) => f.name === "scheme")] = "";
    if (bad && i % 1009 === 3) cells.pop(); // a field too few: that row is an error
    return cells;
  });
  return { header: HEADERS, rows: out };
}

/** Write n rows to a file (CSV with a BOM and CRLF as Excel saves it, or JSON lines), in pieces. */
export function writeUserFile(path: string, n: number, seed = 20_260_101, bad = true): void {
  const fd = openSync(path, "w");
  const jsonl = /\.jsonl$/i.test(path);
  const STEP = 20_000;
  try {
    if (!jsonl) writeSync(fd, "\uFEFF" + csvRow(HEADERS) + "\r\n");
    for (let at = 0; at < n; at += STEP) {
      const { rows } = userRows(Math.min(STEP, n - at), seed + at, bad);
      rows.forEach((r, i) => (r[0] = `M${at + i}`));
      const text = jsonl
        ? rows.map((r) => JSON.stringify(Object.fromEntries(r.slice(0, HEADERS.length).flatMap((v, j) => (v === "" ? [] : [[HEADERS[j]!, v]]))))).join("\n") + "\n"
        : rows.map((r) => csvRow(r)).join("\r\n") + "\r\n";
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

if (require.main === module) {
  const [out, n, seed] = process.argv.slice(2);
  if (!out || !n) {
    process.stderr.write("npx tsx test/streamFiles.ts OUT.csv|OUT.jsonl ROWS [SEED]\n");
    process.exit(2);
  }
  writeUserFile(out, Number(n), seed === undefined ? undefined : Number(seed));
}
