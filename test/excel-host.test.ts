/**
 * The Excel host as it behaves: the pane writing our formulas into a Chinese and an English Excel
 * (test/helpers/excelMock.ts models what the docs and office-js#891/#6614 say a localized Excel does
 * with Range.formulas and Range.formulasLocal), a workbook moving between the two, and the cell
 * reader of src/claim/excelCells.ts on the shapes Excel passes to custom functions.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as F from "../functions/functions";
import { setLanguage } from "../functions/excel";
import { formulaForms, formulaIn, namesForDisplayLanguage, parseOurFormula } from "../functions/formula";
import { ExcelWorkbook, isOurFormula } from "../taskpane/workbook/excel";
import { formulaOf } from "../taskpane/screens/CatalogScreen";
import { claimColumns, isBlankCell, isBlankRow, readCell, readParamCells, readRow, trimmedLength } from "../src/claim/excelCells";
import { FakeExcel } from "./helpers/excelMock";
import zhTable from "../functions/zh-cn.json";

const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
let x: FakeExcel;

/** What the function named in a formula computes for its (text) arguments, as Excel would call it: matrices for matrix parameters. */
function compute(id: string, args: unknown[]): unknown {
  const cell = (v: unknown) => [[v]];
  switch (id) {
    case "CHRONIC_CODE":
      return F.chronicCodeFn(cell(args[0]))[0]![0];
    case "CHRONIC_NAME":
      return F.chronicNameFn(cell(args[0]))[0]![0];
    case "IS_EMERGENCY":
      return F.isEmergency(cell(args[0]), cell(args[1]))[0]![0];
    case "REFERRAL":
      return F.referral(String(args[0]), args[1] === undefined ? undefined : String(args[1]))[0]![0];
    default:
      return "#BUSY!";
  }
}

function excel(displayLanguage: string, decimalSeparator = "."): FakeExcel {
  const fx = new FakeExcel({ 工作: [] });
  fx.displayLanguage = displayLanguage;
  fx.decimalSeparator = decimalSeparator;
  fx.evaluate = compute;
  fx.selection = { sheet: "工作", row: 0, col: 0, rows: 1, cols: 1 };
  return fx;
}

function use(fx: FakeExcel) {
  x = fx;
  g.Excel = fx.api();
  g.Office = fx.office();
}

afterEach(() => {
  delete g.Excel;
  delete g.Office;
  setLanguage("zh");
});

/** Read back what a user of that Excel sees in the cell: its formula bar and its value. */
async function shown(fx: FakeExcel): Promise<{ local: unknown; invariant: unknown; value: unknown }> {
  use(fx);
  return (Excel as unknown as { run: (f: (ctx: Excel.RequestContext) => Promise<unknown>) => Promise<{ local: unknown; invariant: unknown; value: unknown }> }).run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("工作").getRangeByIndexes(0, 0, 1, 1);
    r.load("formulas,formulasLocal,values");
    await ctx.sync();
    return { local: r.formulasLocal[0]![0], invariant: r.formulas[0]![0], value: r.values[0]![0] };
  });
}

const HYPERTENSION = formulaOf("CHRONIC_CODE", ["高血压病"]);
const SHOCK = formulaOf("IS_EMERGENCY", ["休克", "收缩压=75;乳酸=3.5"]);

describe("our formulas in the form the running Excel reads", () => {
  it("the catalog builds formulas with ids, and parses back to them", () => {
    expect(HYPERTENSION).toBe('=YIBAO.CHRONIC_CODE("高血压病")');
    expect(parseOurFormula(HYPERTENSION)).toEqual({ id: "CHRONIC_CODE", args: '"高血压病"' });
    expect(parseOurFormula('=YIBAO.慢特病编码("高血压病")')?.id).toBe("CHRONIC_CODE");
    for (const bad of ['=YIBAO.NO_SUCH("x")', '=WEBSERVICE("http://x")', '=YIBAO.CHRONIC_CODE("x")+WEBSERVICE("y")', '=医保.慢特病编码("x")', '=YIBAO.CHRONIC_CODE("x"))&("'])
      expect(isOurFormula(bad), bad).toBe(false);
  });
  it("Chinese Excel (zh-CN) registered the Chinese names; every other display language the ids", () => {
    expect(namesForDisplayLanguage("zh-CN")).toBe("zh");
    expect(namesForDisplayLanguage("ZH-cn")).toBe("zh");
    for (const l of ["en-US", "zh-TW", "de-DE", "", undefined]) expect(namesForDisplayLanguage(l)).toBe("id");
  });
  it("the local form: the local name, and outside quotes the locale's separators; text in quotes untouched", () => {
    const [zh] = formulaForms("zh-CN", ".");
    expect(zh).toMatchObject({ property: "formulasLocal", names: "zh", listSeparator: "," });
    expect(formulaIn(SHOCK, zh!)).toBe('=YIBAO.是否急危重病("休克","收缩压=75;乳酸=3.5")');
    const [de] = formulaForms("de-DE", ",");
    expect(de).toMatchObject({ property: "formulasLocal", names: "id", listSeparator: ";", decimalSeparator: "," });
    expect(formulaIn('=YIBAO.POLICY_PARAM("a,b",1.5)', de!)).toBe('=YIBAO.POLICY_PARAM("a,b";1,5)');
    expect(formulaForms("en-US", ".")[0]).toMatchObject({ property: "formulas", names: "id" });
  });
});

describe("inserting a catalog formula through the pane (Excel mock)", () => {
  it("Chinese Excel: written through formulasLocal with the Chinese name; it computes; no #NAME?", async () => {
    use(excel("zh-CN"));
    expect(await new ExcelWorkbook(() => true).insertAtSelection([[HYPERTENSION]], false)).toEqual({ written: "工作!A1" });
    expect(x.log.map((w) => w.what)).toEqual(["formulasLocal"]);
    expect(await shown(x)).toEqual({ local: '=YIBAO.慢特病编码("高血压病")', invariant: HYPERTENSION, value: "M03900" });
  });
  it("English Excel: written through formulas with the id; it computes", async () => {
    use(excel("en-US"));
    expect(await new ExcelWorkbook(() => false).insertAtSelection([[SHOCK]], false)).toEqual({ written: "工作!A1" });
    expect(x.log.map((w) => w.what)).toEqual(["formulas"]);
    expect(await shown(x)).toEqual({ local: SHOCK, invariant: SHOCK, value: true });
  });
  it("the English form written through formulas into Chinese Excel is #NAME? (office-js#891): the form the pane writes is not that", async () => {
    use(excel("zh-CN"));
    await (Excel as unknown as { run: (f: (ctx: Excel.RequestContext) => Promise<void>) => Promise<void> }).run(async (ctx) => {
      ctx.workbook.worksheets.getItem("工作").getRangeByIndexes(0, 0, 1, 1).formulas = [[HYPERTENSION]];
      await ctx.sync();
    });
    expect((await shown(x)).value).toBe("#NAME?");
  });
  it("a locale whose decimal mark is a comma takes ';' between arguments", async () => {
    use(excel("de-DE", ","));
    await new ExcelWorkbook(() => false).insertAtSelection([[SHOCK]], false);
    expect(x.log.map((w) => w.what)).toEqual(["formulasLocal"]);
    expect(await shown(x)).toEqual({ local: '=YIBAO.IS_EMERGENCY("休克";"收缩压=75;乳酸=3.5")', invariant: SHOCK, value: true });
  });
  it("when Excel does not know the first form (#NAME?) or refuses it, the next one is tried", async () => {
    // a zh-CN Excel that, unlike the docs' account, registered the ids: the Chinese name is #NAME?
    const fx = excel("zh-CN");
    use(fx);
    fx.displayLanguage = "en-US"; // registrations of an English Excel …
    const office = { context: { displayLanguage: "zh-CN", requirements: { isSetSupported: () => true } } }; // … reporting zh-CN
    g.Office = office;
    expect(await new ExcelWorkbook(() => true).insertAtSelection([[HYPERTENSION]], false)).toEqual({ written: "工作!A1" });
    expect(x.log.map((w) => w.what)).toEqual(["formulasLocal", "formulas", "formulas"]);
    expect((await shown(x)).value).toBe("M03900");
  });
  it("when no form is known (the functions are not registered) the formula stays in the documented form and the pane says why", async () => {
    const fx = excel("zh-CN");
    fx.evaluate = compute;
    use(fx);
    (fx as unknown as { names: () => Record<string, string> }).names = () => ({});
    await expect(new ExcelWorkbook(() => true).insertAtSelection([[HYPERTENSION]], false)).rejects.toThrow(/工作!A1.*#NAME\?.*尚未注册/);
    expect((await shown(x)).local).toBe('=YIBAO.慢特病编码("高血压病")');
  });
  it("still asks before writing over a cell; text that looks like a formula stays text", async () => {
    use(excel("zh-CN"));
    x.sheets.set("工作", [["已有内容"]]);
    expect(await new ExcelWorkbook(() => true).insertAtSelection([[HYPERTENSION]], false)).toEqual({ occupied: "工作!A1" });
    expect(x.log).toEqual([]);
    x.selection = { sheet: "工作", row: 2, col: 0, rows: 1, cols: 2 };
    await new ExcelWorkbook(() => true).insertAtSelection([['=WEBSERVICE("http://x")', "高血压病"]], false);
    expect(x.snapshot("工作")[2]).toEqual(["'=WEBSERVICE(\"http://x\")", "高血压病"]);
  });
});

describe("a workbook moves between a Chinese and an English Excel: the same cell computes the same", () => {
  it.each([
    ["CHRONIC_CODE", ["高血压病"]],
    ["CHRONIC_NAME", ["M08304"]],
    ["IS_EMERGENCY", ["休克", "收缩压=75;乳酸=3.5"]],
    ["REFERRAL", ["新生儿溶血病需要换血治疗", "儿科"]],
  ] as const)("%s written in Chinese Excel, opened in English Excel (and back)", async (id, args) => {
    const zh = excel("zh-CN");
    use(zh);
    await new ExcelWorkbook(() => true).insertAtSelection([[formulaOf(id, args)]], false);
    const inZh = await shown(zh);
    expect(inZh.local).toBe(`=YIBAO.${(zhTable as Record<string, { name: string }>)[id]!.name}(${args.map((a) => `"${a}"`).join(",")})`);
    // the file: the same stored formula, opened by an English Excel
    const en = excel("en-US");
    en.sheets.set("工作", zh.snapshot("工作"));
    en.putFormulas({ sheet: "工作", row: 0, col: 0, rows: 1, cols: 1 }, [[String(zh.snapshot("工作")[0]![0])]], false);
    const inEn = await shown(en);
    expect(inEn.local).toBe(formulaOf(id, args));
    expect(inEn.value).toEqual(inZh.value);
    expect(inEn.value).not.toBe("#NAME?");
  });
});

describe("cells as custom functions receive them (src/claim/excelCells.ts)", () => {
  it("reads plain values, errors in every shape, and data types", () => {
    expect(readCell(5000)).toEqual({ kind: "value", value: 5000 });
    expect(readCell(-0)).toEqual({ kind: "value", value: 0 });
    expect(readCell(null)).toEqual({ kind: "value", value: null });
    expect(readCell({ code: "#N/A", message: "x" })).toEqual({ kind: "error", code: "#N/A" });
    expect(readCell({ type: "Error", errorType: "Div0" })).toEqual({ kind: "error", code: "#DIV/0!" });
    expect(readCell({ type: "Error", basicValue: "#REF!" })).toEqual({ kind: "error", code: "#REF!" });
    expect(readCell(" #value! ")).toEqual({ kind: "error", code: "#VALUE!" });
    expect(readCell(Number.NaN)).toEqual({ kind: "error", code: "#NUM!" });
    expect(readCell({ type: "FormattedNumber", basicValue: 12.5, numberFormat: "0.00" })).toEqual({ kind: "value", value: 12.5 });
    expect(readCell({ type: "Boolean", basicValue: true })).toEqual({ kind: "value", value: true });
    expect(readCell({ type: "Empty" })).toEqual({ kind: "value", value: null });
    expect(readCell({ type: "Entity", text: "兰州", properties: {}, basicValue: "#VALUE!" })).toEqual({ kind: "dataType", type: "Entity", text: "兰州" });
    expect(readCell({ type: "LinkedEntity", text: "MSFT", id: {} })).toMatchObject({ kind: "dataType", type: "LinkedEntity" });
    expect(readCell(new Error("boom"))).toEqual({ kind: "error", code: "#VALUE!" });
  });
  it("blank: nothing, white space or 0; a row of them is blank; trailing blank rows are trimmed", () => {
    for (const v of [null, undefined, "", "  ", 0, { type: "Empty" }]) expect(isBlankCell(v), String(v)).toBe(true);
    for (const v of ["0 ", "x", false, 0.01]) expect(isBlankCell(v), String(v)).toBe(false);
    expect(isBlankRow([0, "", null])).toBe(true);
    expect(trimmedLength([[1], [0], [2], [0], [""], [null]])).toBe(3);
    expect(trimmedLength([[0], [0]])).toBe(0);
  });
  it("a row: 0 is a blank cell in every column (missing where a value is required, the default where not)", () => {
    const cols = claimColumns(["医院等级", "姓名", "入院日期", "本年住院次数", "跨省", "总费用", "乙类费用", "备注"]);
    expect(cols.map((c) => c.kind)).toEqual(["enum", "text", "date", "count", "bool", "money", "money", null]);
    const r = readRow([0, 0, 0, 0, 0, 0, 0, 5], cols);
    expect(r).toEqual({ ok: true, blank: false, values: [null, null, null, null, null, null, null, 5] });
  });
  it("a row with errors or entities in used columns names every one of them", () => {
    const cols = claimColumns(["医院等级", "总费用", "备注"]);
    const r = readRow([{ code: "#N/A" }, { type: "Entity", text: "费用" }, { code: "#REF!" }], cols);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("#N/A");
    expect(r.problem.message.zh).toBe("第 1 列（医院等级）是 Excel 错误值 #N/A；第 2 列（总费用）是 Excel 数据类型（Entity：费用），不是一个值：请改用它的值（复制后“选择性粘贴 → 值”，或引用它的某个字段）");
    expect(r.problem.message.en).toMatch(/^column 1 \(医院等级\) holds the Excel error #N\/A; column 2/);
  });
  it("a parameter table: blanks are empty text; a value of 0 is refused (it may be a cleared cell)", () => {
    expect(readParamCells([["参数", "键", "取值"], ["a", 0, "0.9"]])).toEqual({ ok: true, cells: [["参数", "键", "取值"], ["a", "", "0.9"]] });
    const z = readParamCells([["参数", "键", "取值"], ["a", "", 0]]);
    expect(z.ok).toBe(false);
    if (!z.ok) expect(z.problem.message.zh).toMatch(/^参数表第 2 行：取值为 0/);
  });
});

describe("the functions keep to Excel's display language (set once at start-up), not the pane's", () => {
  beforeEach(() => setLanguage("en"));
  it("an English Excel's SETTLEMENT labels are English even when the pane is Chinese (the pane no longer sets the functions' language)", async () => {
    const { readFileSync } = await import("node:fs");
    const app = readFileSync(`${__dirname}/../taskpane/App.tsx`, "utf8");
    expect(app).not.toMatch(/setLanguage\(/);
    expect(F.settlement([["参保地"], ["兰州"]])[0]![0]).toBe("rule");
  });
});
