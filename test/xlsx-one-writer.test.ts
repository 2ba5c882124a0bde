/**
 * One .xlsx writer (io/xlsxStream.ts) for the command line's reports and the pane's downloads
 * (taskpane/export/xlsxWriter.ts): the same sheets written with text inline (the CLI) and as shared
 * strings (the pane), deflated by fflate or by Node's zlib, read back by our reader to the same cells;
 * each file has the parts and content types Excel needs, and the pane's has its shared-strings part
 * and cells that point into it, the CLI's none; overlapping number-format blocks (a later one wins)
 * and a sheet of many blocks (the pane's: one per column per write) are styled cell by cell as given.
 */
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { XlsxStreamWriter, type StreamSheetOptions } from "../io/xlsxStream";
import { DeflatePool } from "../cli/nodeZip";
import { concat, writeXlsxChunked, type XlsxSheet } from "../taskpane/export/xlsxWriter";
import { XlsxBook } from "../io/xlsxRead";

let seed = 3;
const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const rows: unknown[][] = [["编号", "金额", "状态", "备注", "日期"]];
for (let i = 1; i < 3000; i++)
  rows.push([
    `K${i}`,
    r() < 0.1 ? null : Math.round(r() * 1e8) / 100,
    ["正确", "有差异", "无法核算"][Math.floor(r() * 3)]!,
    r() < 0.3 ? "" : r() < 0.5 ? ` 前后空格 ${i} ` : `a<b>&"c"_x0041_\u0001${"某".repeat(Math.floor(r() * 30))}`,
    r() < 0.5 ? true : new Date(Date.UTC(2020, 0, 1 + (i % 300))),
  ]);

const pane: XlsxSheet = {
  name: "核查结果",
  rows,
  widths: [10, 12, , 30] as number[],
  boldRows: [0],
  freezeRows: 1,
  autoFilter: `A1:E${rows.length}`,
  cellFormats: [
    { row: 1, col: 1, rows: rows.length - 1, cols: 1, numFmt: "#,##0.00" },
    { row: 5, col: 1, rows: 3, cols: 1, numFmt: "0.000" },
  ],
  highlights: [{ ref: `C2:C${rows.length}`, text: "有差异", argb: "FFFDE7E9" }],
  nonZeroRed: [`B2:B${rows.length}`],
};

async function cliFile(native: boolean): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => out.push(c), 1, native ? new DeflatePool().deflater : undefined);
  const o: StreamSheetOptions = { name: pane.name, widths: pane.widths, boldRows: [0], freezeRows: 1, cellFormats: pane.cellFormats, autoFilterColumns: 5, highlights: [{ column: 2, text: "有差异", fill: "#FDE7E9" }], nonZeroRed: [1] };
  w.sheet(o, rows);
  w.sheet({ name: "汇总" }, [["笔数", rows.length]]);
  w.end();
  await w.finished();
  return concat(out);
}

const read = (b: Uint8Array) => {
  const book = new XlsxBook(b, "x.xlsx");
  return book.sheets.map((s) => ({ name: s.name, rows: book.readSheet(s).rows }));
};

const CORE_PARTS = ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"];

describe("one .xlsx writer for the command line and the pane", () => {
  it("inline and shared strings, fflate and zlib: the same cells read back", async () => {
    const shared = concat((await writeXlsxChunked([pane, { name: "汇总", rows: [["笔数", rows.length]] }], { step: 700 }))!);
    const files = [shared, await cliFile(false), await cliFile(true)];
    const want = read(files[0]!);
    expect(want[0]!.rows.length).toBe(rows.length);
    // the text as written (control characters and _x0041_ included), dates as their day
    expect(want[0]!.rows[0]!.cells).toEqual(rows[0]);
    const sample = rows.findIndex((x) => typeof x[3] === "string" && x[3].includes("_x0041_"));
    expect(want[0]!.rows[sample]!.cells[3]).toBe(rows[sample]![3]);
    const dated = rows.findIndex((x) => x[4] instanceof Date);
    expect(want[0]!.rows[dated]!.cells[4]).toBe((rows[dated]![4] as Date).toISOString().slice(0, 10));
    for (const f of files.slice(1)) expect(read(f)).toEqual(want);
  });

  it("the parts and content types Excel needs; shared strings in the pane's file only", async () => {
    const shared = unzipSync(concat((await writeXlsxChunked([pane, { name: "汇总", rows: [["a"]] }]))!));
    const inline = unzipSync(await cliFile(true));
    expect(Object.keys(inline).sort()).toEqual(CORE_PARTS);
    expect(Object.keys(shared).sort()).toEqual([...CORE_PARTS, "xl/sharedStrings.xml"].sort());
    const types = strFromU8(shared["[Content_Types].xml"]!);
    for (const p of ["/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml", "/xl/styles.xml", "/xl/sharedStrings.xml", "/docProps/core.xml", "/docProps/app.xml"]) expect(types).toContain(`PartName="${p}"`);
    expect(strFromU8(shared["xl/_rels/workbook.xml.rels"]!)).toContain('Target="sharedStrings.xml"');
    expect(strFromU8(inline["[Content_Types].xml"]!)).not.toContain("sharedStrings");
    const paneSheet = strFromU8(shared["xl/worksheets/sheet1.xml"]!);
    expect(paneSheet).toContain('t="s"');
    expect(paneSheet).not.toContain("inlineStr");
    expect(strFromU8(inline["xl/worksheets/sheet1.xml"]!)).not.toContain('t="s"');
    // each distinct text once in the table, every use counted
    const sst = strFromU8(shared["xl/sharedStrings.xml"]!);
    expect(sst.match(/<si>/g)!.length).toBe(Number(/uniqueCount="(\d+)"/.exec(sst)![1]));
    expect((sst.match(/<t[^>]*>有差异<\/t>/g) ?? []).length).toBe(1);
    // the pane's ranges as given, the CLI's from the rows written: the same here
    for (const x of [paneSheet, strFromU8(inline["xl/worksheets/sheet1.xml"]!)]) {
      expect(x).toContain(`<autoFilter ref="A1:E${rows.length}"/>`);
      expect(x).toContain(`<conditionalFormatting sqref="C2:C${rows.length}">`);
      expect(x).toContain(`<conditionalFormatting sqref="B2:B${rows.length}">`);
    }
  });

  it("number formats by block, a later block over an earlier, bold with its block's format", async () => {
    const b = concat((await writeXlsxChunked([pane]))!);
    const parts = unzipSync(b);
    const styles = strFromU8(parts["xl/styles.xml"]!);
    const xfs = [...styles.matchAll(/<xf numFmtId="(\d+)" fontId="(\d)"[^>]*xfId="0"[^>]*\/>/g)].map((m) => [Number(m[1]), m[2] === "1"] as const);
    const fmt = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [Number(m[1]), m[2]!]));
    const name = (id: number) => (id === 4 ? "#,##0.00" : id === 0 ? "General" : fmt.get(id));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    const style = (ref: string) => {
      const m = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheet)!;
      const [f, bold] = xfs[Number(m[1] ?? 0)]!;
      return [name(f), bold];
    };
    const filled = (j: number) => rows.findIndex((x, i) => i > 0 && x[j] !== null);
    expect(style("A1")).toEqual(["General", true]);
    expect(style(`B${filled(1) + 1}`)).toEqual(["#,##0.00", false]);
    const inner = [5, 6, 7].find((i) => rows[i]![1] !== null)!;
    expect(style(`B${inner + 1}`)).toEqual(["0.000", false]);
  });

  it("a sheet of many blocks (one per column per write, as the pane's sheets have) is styled as painted", async () => {
    const n = 20_000;
    const big: XlsxSheet = { name: "S", rows: Array.from({ length: n }, (_, i) => [i, i / 100, `t${i % 50}`]), cellFormats: [] };
    for (let at = 0; at < n; at += 500) for (let j = 0; j < 3; j++) big.cellFormats!.push({ row: at, col: j, rows: 500, cols: 1, numFmt: j === 1 ? "0.00" : j === 0 ? "0" : "@" });
    const parts = unzipSync(concat((await writeXlsxChunked([big]))!));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    // every non-empty cell of each column has its column's style
    for (const col of ["A", "B", "C"]) {
      const styles = new Set([...sheet.matchAll(new RegExp(`<c r="${col}\\d+" s="(\\d+)"`, "g"))].map((m) => m[1]));
      expect(styles.size, col).toBe(1);
    }
    const cells = sheet.match(/<c r=/g)!.length;
    expect(cells).toBe(3 * n);
  });
});
