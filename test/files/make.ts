/**
 * Real-shaped claim files made from samples/lanzhou-claims.csv, the ways Chinese offices really save
 * it, each with what the reader must do with it: read exactly as the UTF-8 sample is ("same"), or
 * refuse it with a given code. Used by test/reader.test.ts (CLI and pane); `npx tsx
 * test/files/make.ts DIR` writes them to a folder to try by hand. The zip bombs are made here, at
 * test time, never stored.
 */
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { zipSync, strToU8 } from "fflate";
import { parseCsv, toCsv } from "../../io/csv";

export const SAMPLE = join(__dirname, "..", "..", "samples", "lanzhou-claims.csv");

export interface Case {
  name: string;
  bytes: Uint8Array;
  /** "same": read as the sample is; otherwise the ReaderError code (or "rows" for row-level errors). */
  expect: "same" | string;
  /** Extra CLI options. */
  args?: string[];
  note: string;
}

const rows = (): string[][] => parseCsv(readFileSync(SAMPLE, "utf8"));
const utf8 = (s: string) => new TextEncoder().encode(s);
const csvOf = (rs: readonly (readonly unknown[])[], bom = true) => toCsv(rs, bom);

/** GB18030 bytes of a text: the encoder built from TextDecoder's own table (no encoder in the platform). */
let gbTable: Map<string, number[]> | null = null;
export function gb18030(s: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder("gb18030");
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\uFFFD" && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = gbTable.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

function utf16(s: string, be: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = be ? 0xfe : 0xff;
  out[1] = be ? 0xff : 0xfe;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + 2 * i] = be ? c >> 8 : c & 0xff;
    out[3 + 2 * i] = be ? c & 0xff : c >> 8;
  }
  return out;
}

const tsv = (rs: readonly (readonly string[])[]) => rs.map((r) => r.join("\t")).join("\r\n") + "\r\n";

async function xlsx(sheets: { name: string; rows: unknown[][]; state?: "hidden" | "veryHidden"; merges?: string[] }[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {});
    for (const r of s.rows) ws.addRow(r);
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A minimal .xlsx written by hand: for cells without r=, formulas without values, and bombs. */
export function rawXlsx(sheetXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    "_rels/.rels": strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报销单" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
    ...extra,
  });
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A workbook in the 1904 date system (<workbookPr date1904="1"/>, Mac Excel's old default): the date
 * columns (headers ending 日期) hold each date as its 1904 serial (days from 1904-01-01), with a date
 * format (style 1, numFmtId 14) or as plain numbers; every other cell is text.
 */
function xlsx1904(rs: readonly (readonly string[])[], formatted: boolean): Uint8Array {
  const dateCol = rs[0]!.map((h) => /日期$/.test(h));
  const serial1904 = (iso: string) => (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1904, 0, 1)) / 86_400_000;
  const cell = (v: string, i: number, j: number) => {
    if (v === "") return "<c/>";
    // a date that does not exist (2020-02-30) stays text, as a workbook holds what it cannot read as a date
    if (i > 0 && dateCol[j] && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(v).toISOString().slice(0, 10) === v) return `<c${formatted ? ' s="1"' : ""}><v>${serial1904(v)}</v></c>`;
    return `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  };
  const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rs.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(v, i, j)).join("")}</row>`).join("")}</sheetData></worksheet>`;
  const styles = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>';
  return rawXlsx(xml, {
    "xl/workbook.xml": strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="报销单" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": strToU8(styles),
  });
}
const sheetXml = (rs: readonly (readonly string[])[], withR: boolean) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rs
    .map((r, i) => `<row${withR ? ` r="${i + 1}"` : ""}>${r.map((v) => (v === "" ? "<c/>" : `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join("")}</row>`)
    .join("")}</sheetData></worksheet>`;

/** Which columns are amounts in the sample (for the 万元 / 千元 variants). */
const MONEY = ["总费用", "自费/目录外", "乙类费用", "中医药费用", "年度累计统筹支付", "年度累计政策内自付", "申报统筹支付", "申报大额支付", "申报大病保险", "申报医疗救助", "申报公务员补助", "申报个人负担"];

/** An amount in yuan written in a larger unit, exactly (12345.60 yuan = 1.23456 万元). */
function inUnit(v: string, digits: number): string {
  if (v.trim() === "" || !/^\d+(\.\d+)?$/.test(v.trim())) return v;
  const [i, f = ""] = v.trim().split(".") as [string, string?];
  const all = (i.padStart(digits + 1, "0") + f).replace(/^0+(?=\d)/, "");
  const intLen = all.length - f.length - digits;
  const s = intLen > 0 ? `${all.slice(0, intLen)}.${all.slice(intLen)}` : `0.${"0".repeat(-intLen)}${all}`;
  return s.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

export async function makeCases(): Promise<Case[]> {
  const rs = rows();
  const head = rs[0]!;
  const text = csvOf(rs, false);
  const cases: Case[] = [];
  const add = (name: string, bytes: Uint8Array, expect: string, note: string, args?: string[]) => cases.push({ name, bytes, expect, note, args });
  const col = (h: string) => head.indexOf(h);

  add("utf8-bom.csv", utf8(csvOf(rs)), "same", "the sample as it is");
  add("utf8-nobom.csv", utf8(text), "same", "UTF-8 without a BOM");
  add("gbk.csv", gb18030(text), "same", "CSV saved by Chinese Excel on Windows (GBK/GB18030)");
  add("unicode-text.txt", utf16(tsv(rs), false), "same", 'Excel "Unicode text": UTF-16LE with BOM, tab-separated');
  add("utf16be.txt", utf16(tsv(rs), true), "same", "UTF-16BE with BOM, tab-separated");
  add("semicolon.csv", utf8(rs.map((r) => r.join(";")).join("\r\n")), "same", "semicolon-separated");
  add("tabs.tsv", utf8(tsv(rs)), "same", ".tsv");
  add("lf.csv", utf8(text.replace(/\r\n/g, "\n")), "same", "LF line ends");
  // a text whose first character is its first LF, with no CR in it, was once read as one record
  add("lf-blank-first.csv", utf8("\n\n" + text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n")), "same", "LF line ends, blank lines before the header");
  add("blank-lines.csv", utf8(text.replace(/\r\n(?=LZ2020-01)/g, "\r\n\r\n")), "same", "blank lines between rows (labels are the physical lines)");
  add("title-rows.csv", utf8(csvOf([["兰州市2020年手工报销台账"], ["填报单位：兰州市医疗保障事业管理局", "", "", "单位：元"], ...rs])), "same", "title rows above the header (单位：元 is fine)");
  {
    // two header rows: a group row, the first columns merged down (blank in the second row)
    const group = head.map((h, j) => (j < 3 ? h : j === 17 ? "费用信息" : j === 28 ? "申报金额" : ""));
    const second = head.map((h, j) => (j < 3 ? "" : h));
    add("two-header-rows.csv", utf8(csvOf([group, second, ...rs.slice(1)])), "same", "two header rows, group cells, first columns merged down");
    add("two-header-rows.xlsx", await xlsx([{ name: "报销台账", rows: [group, second, ...rs.slice(1)], merges: ["A1:A2", "B1:B2", "C1:C2", "R1:AB1", "AC1:AH1"] }]), "same", "the same as a workbook with merged cells");
  }
  {
    const withNote = rs.map((r, i) => (i === 3 ? r.map((v, j) => (j === col("备注") ? `${v}\n（附：复印件两页）` : v)) : r));
    add("multiline-cell.csv", utf8(csvOf(withNote)), "same", "a quoted line break inside a cell");
  }
  for (const [unit, digits] of [["万元", 4], ["千元", 3]] as const) {
    const scaled = rs.map((r, i) => r.map((v, j) => (MONEY.includes(head[j]!) ? (i === 0 ? `${v}（${unit}）` : inUnit(v, digits)) : v)));
    add(`${unit === "万元" ? "wan" : "qian"}-yuan.csv`, utf8(csvOf(scaled)), "same", `amount headers in ${unit}, values in ${unit}`);
  }
  add("claims.xlsx", await xlsx([{ name: "报销单", rows: rs }]), "same", "a workbook");
  add("date1904.xlsx", xlsx1904(rs, true), "same", "a workbook in the 1904 date system, dates formatted as dates");
  add("date1904-numbers.xlsx", xlsx1904(rs, false), "same", "a workbook in the 1904 date system, dates as plain numbers (1904 serials)");
  add("hidden-first.xlsx", await xlsx([{ name: "旧数据", rows: rs.slice(0, 5).map((r) => r.map((v) => (v === "兰州" ? "沈阳" : v))), state: "hidden" }, { name: "报销单", rows: rs }]), "same", "a hidden claims-like sheet first");
  add("very-hidden-first.xlsx", await xlsx([{ name: "模板", rows: [head], state: "veryHidden" }, { name: "报销单", rows: rs }]), "same", "a very hidden sheet first");
  add("empty-first.xlsx", await xlsx([{ name: "Sheet1", rows: [] }, { name: "报销单", rows: rs }]), "same", "an empty sheet first");
  add("instructions-first.xlsx", await xlsx([{ name: "填表说明", rows: [["填表说明"], ["1. 每行一笔报销单"], ["2. 金额单位为元"]] }, { name: "汇总", rows: [["合计", "34 笔"]] }, { name: "报销单", rows: rs }]), "same", "instructions and summary sheets first");
  add("no-r-attributes.xlsx", rawXlsx(sheetXml(rs, false)), "same", "cells and rows without r= attributes");
  add("claims.jsonl", utf8(rs.slice(1).map((r) => JSON.stringify(Object.fromEntries(head.map((h, j) => [h, r[j]]).filter(([, v]) => v !== "")))).join("\n") + "\n"), "same", "JSON lines");

  // refused, with a code
  {
    const r = rs.map((x) => [...x]);
    r[5]![col("姓名")] = '"' + r[5]![col("姓名")];
    add("stray-quote.csv", utf8(r.map((x) => x.join(",")).join("\r\n") + "\r\n"), "quote_unclosed", "one stray quote at the start of a name");
    const r2 = rs.map((x) => [...x]);
    r2[5]![col("姓名")] = '"' + r2[5]![col("姓名")];
    r2[9]![col("姓名")] = r2[9]![col("姓名")] + '"';
    add("two-stray-quotes.csv", utf8(r2.map((x) => x.join(",")).join("\r\n") + "\r\n"), "quote_spans_rows", "two stray quotes join five lines into one record");
  }
  add("blank-header.csv", utf8(csvOf(rs.map((r, i) => (i === 0 ? r.map((v) => (v === "乙类费用" ? "" : v)) : r)))), "data_without_header", "a blank header over the 乙类费用 column");
  add("duplicate-header.csv", utf8(csvOf(rs.map((r, i) => [...r, i === 0 ? "总费用" : ""]))), "duplicate_columns", "总费用 twice, the second column empty");
  add("dollar-header.csv", utf8(csvOf(rs.map((r, i) => (i === 0 ? r.map((v) => (v === "总费用" ? "总费用（美元）" : v)) : r)))), "bad_unit", "a unit that is not 元/千元/万元");
  add("unit-above.csv", utf8(csvOf([["兰州市手工报销台账", "", "单位：万元"], ...rs])), "unit_above", "单位：万元 in a title row, headers without units");
  add("csv-renamed.xlsx", utf8(csvOf(rs)), "not_zip", "a CSV renamed .xlsx");
  add("xls-renamed.xlsx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), "xls", "an .xls (OLE2) renamed .xlsx");
  add("xlsx-renamed.csv", await xlsx([{ name: "报销单", rows: rs }]), "not_text", "an .xlsx renamed .csv");
  {
    const x = sheetXml(rs.slice(0, 3), true).replace(/<\/row><row r="3">/, '</row><row r="3"><c r="AJ3"><f>SUM(R3:T3)</f></c>').replace(/<c t="inlineStr"><is><t>18650.40<\/t><\/is><\/c>/, '<c><f>T2+S2+13300</f></c>');
    add("formula-no-value.xlsx", rawXlsx(x), "formula_uncalculated", "formulas saved without calculated values");
    // a header cell that is an uncalculated formula (="参保地"): Excel shows the header, the file holds none
    const h = sheetXml(rs.slice(0, 3), true).replace(/<c t="inlineStr"><is><t>参保地<\/t><\/is><\/c>/, '<c><f>"参保地"</f></c>');
    add("formula-header.xlsx", rawXlsx(h), "formula_uncalculated", "a header cell saved as a formula without its value");
  }
  add("empty.csv", new Uint8Array(0), "empty", "an empty file");
  add("blank.csv", utf8("\r\n  \r\n"), "empty", "only blank lines");
  add("header-only.csv", utf8(csvOf([head])), "only_header", "a header and no claims");
  add("no-header.csv", utf8("序号,内容\r\n1,会议纪要\r\n"), "no_header", "no claims header anywhere");
  add("not-text.csv", new Uint8Array([0x80, 0xff, 0x81, 0x20, 0xfe, 0xff, 0x00, 0x9f]), "encoding_unknown", "neither UTF-8 nor GB18030");
  add("empty-sheets.xlsx", await xlsx([{ name: "Sheet1", rows: [] }, { name: "说明", rows: [["没有数据"]] }]), "no_claims_sheet", "no sheet with claims");
  add("two-claim-sheets.xlsx", await xlsx([{ name: "上半年", rows: rs.slice(0, 10) }, { name: "下半年", rows: [head, ...rs.slice(10)] }]), "many_claim_sheets", "two claims sheets, none chosen");
  add("two-claim-sheets-chosen.xlsx", await xlsx([{ name: "上半年", rows: rs.slice(0, 10) }, { name: "全年", rows: rs }]), "same", "two claims sheets, --sheet chooses", ["--sheet", "全年"]);
  add("wrong-sheet.xlsx", await xlsx([{ name: "报销单", rows: rs }]), "sheet_not_found", "--sheet names no sheet", ["--sheet", "Sheet9"]);
  {
    const r = rs.map((x) => [...x]);
    r[4] = r[4]!.slice(0, -2);
    add("short-row.csv", utf8(r.map((x) => x.join(",")).join("\r\n") + "\r\n"), "rows", "one row with a delimiter missing: that row is an error, the rest is read");
  }
  return cases;
}

/** A zip bomb: one sheet part of `mib` MiB of spaces, deflated to a few KiB; `lie` declares 1 KiB. */
export function zipBomb(mib: number, lie: boolean): Uint8Array {
  const big = new Uint8Array(mib * 1024 * 1024).fill(0x20);
  const head = strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  big.set(head, 0);
  const bomb = zipSync(
    {
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8('<workbook xmlns:r="r"><sheets><sheet name="报销单" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      "xl/_rels/workbook.xml.rels": strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      "xl/worksheets/sheet1.xml": big,
    },
    { level: 9 },
  );
  if (!lie) return bomb;
  // patch the central directory's uncompressed size of the sheet entry to 1 KiB
  const out = bomb.slice();
  const name = strToU8("xl/worksheets/sheet1.xml");
  for (let p = 0; p + 46 < out.length; p++) {
    if (out[p] !== 0x50 || out[p + 1] !== 0x4b || out[p + 2] !== 0x01 || out[p + 3] !== 0x02) continue;
    const n = out[p + 28]! | (out[p + 29]! << 8);
    if (n === name.length && name.every((c, i) => out[p + 46 + i] === c)) {
      out[p + 24] = 0x00;
      out[p + 25] = 0x04;
      out[p + 26] = 0;
      out[p + 27] = 0;
    }
  }
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? "claim-files";
  mkdirSync(dir, { recursive: true });
  void makeCases().then((cs) => {
    for (const c of cs) writeFileSync(join(dir, c.name), c.bytes);
    writeFileSync(join(dir, "bomb.xlsx"), zipBomb(64, false));
    writeFileSync(join(dir, "bomb-lying.xlsx"), zipBomb(64, true));
    process.stdout.write(`${cs.length + 2} files in ${dir}\n${cs.map((c) => `  ${c.name}: ${c.expect} — ${c.note}`).join("\n")}\n`);
  });
}
