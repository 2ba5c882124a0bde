/**
 * The pane's .xlsx writer (taskpane/export/xlsxWriter.ts) read back by ExcelJS and by the project's
 * own reader: values and their types, number formats by block, bold, the frozen header, widths, the
 * autofilter, conditional formats, text that looks like XML or a formula, control characters (kept,
 * as _xHHHH_, since the pane and the command line share io/xlsxStream.ts); a
 * cancel between steps hands nothing back.
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { concat, writeXlsxChunked, type XlsxSheet } from "../../taskpane/export/xlsxWriter";
import { XlsxBook } from "../../io/xlsxRead";

const sheet: XlsxSheet = {
  name: "核查结果",
  rows: [
    ["编号", "金额", "状态", "备注"],
    ["A-1", 1234.5, "有差异", "<b>&\"x\"</b>"],
    ["=1+1", 0, "正确", " leading space"],
    ["A-3", -2, true, "bell\u0007 gone"],
    [],
    ["A-5", null, "", undefined],
  ],
  widths: [10, 12, 8, 30],
  boldRows: [0],
  freezeRows: 1,
  autoFilter: "A1:D6",
  cellFormats: [
    { row: 0, col: 0, rows: 6, cols: 1, numFmt: "@" },
    { row: 1, col: 1, rows: 5, cols: 1, numFmt: "#,##0.00" },
    { row: 3, col: 1, rows: 1, cols: 1, numFmt: "0.000" },
  ],
  highlights: [{ ref: "C2:C6", text: "有差异", argb: "FFFDE7E9" }],
  nonZeroRed: ["B2:B6"],
};

describe("the pane's .xlsx writer", () => {
  it("writes what ExcelJS and our reader read back as written", async () => {
    const bytes = concat((await writeXlsxChunked([sheet, { name: "Summary", rows: [["a", 1]] }], { step: 2 }))!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["核查结果", "Summary"]);
    const ws = wb.getWorksheet("核查结果")!;
    expect(ws.getCell("B2").value).toBe(1234.5);
    expect(ws.getCell("B2").numFmt).toBe("#,##0.00");
    expect(ws.getCell("B4").numFmt).toBe("0.000");
    expect(ws.getCell("A3").value).toBe("=1+1");
    expect(ws.getCell("A3").numFmt).toBe("@");
    expect(ws.getCell("D2").value).toBe('<b>&"x"</b>');
    expect(ws.getCell("D3").value).toBe(" leading space");
    // a control character is kept, written as Excel writes it (_x0007_), and read back as itself
    expect(ws.getCell("D4").value).toBe("bell\u0007 gone");
    expect(ws.getCell("C4").value).toBe(true);
    expect(ws.getCell("B6").value).toBe(null);
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:D6");
    expect(ws.getColumn(4).width).toBe(30);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; text?: string; operator?: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0]!.type])).toEqual([
      ["C2:C6", "containsText"],
      ["B2:B6", "cellIs"],
    ]);
    const own = new XlsxBook(bytes, "x.xlsx");
    const rows = own.readSheet(own.sheets[0]!).rows.map((r) => r.cells);
    expect(rows[1]).toEqual(["A-1", 1234.5, "有差异", '<b>&"x"</b>']);
    expect(rows[3]).toEqual(["A-3", -2, true, "bell\u0007 gone"]);
  });

  it("stops between steps when cancelled, and says so with null", async () => {
    let steps = 0;
    const big: XlsxSheet = { name: "S", rows: Array.from({ length: 50 }, (_, i) => [i, `r${i}`]) };
    const out = await writeXlsxChunked([big], { step: 10, cancelled: () => ++steps >= 2 });
    expect(out).toBeNull();
    expect(steps).toBe(2);
  });
});
