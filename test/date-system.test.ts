/**
 * The workbook's date system (1900 / 1904): a workbook set to "Use 1904 date system" holds each date
 * as its 1904 serial, 1462 less than the 1900 serial of the same date, and hands that number to the
 * custom functions and to Range.values. The core reads a serial in the system it is told (src/dates.ts,
 * validate.ts, columnar.ts, params/table.ts; 1900 by default); the functions read the system from
 * Excel before each calculation pass (functions/excel.ts passDateSystem, functions/dateSystem.ts).
 *
 * These are input-reading tests: the same claims written with 1904 serials and read in the 1904 system
 * answer exactly as with 1900 serials read in the 1900 system, field for field, to the fen and result
 * for result; each comparison also checks that the 1904 cells read as 1900 ones answer otherwise (so
 * the test fails if the conversion is taken out). Excel's serials here are computed from Date.UTC,
 * not by the code under test.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as F from "../functions/functions";
import { CellError, DATE_SYSTEM_WAIT_MS, currentDateSystem, setDateSystem, setLanguage } from "../functions/excel";
import { detectDateSystem } from "../functions/dateSystem";
import { setBatchDelay } from "../functions/batch";
import { parseCsv } from "../io/csv";
import { ColumnarValidator, type CellMode } from "../src/claim/columnar";
import { claimColumns, readRow } from "../src/claim/excelCells";
import { FIELDS } from "../src/claim/fields";
import { rowValidator, type Validation } from "../src/claim/validate";
import { dateSystemOf, dayFromExcelSerial, dayFromYmd, formatDay, isSerialText, parseDay, type DateSystem } from "../src/dates";
import { allocResults } from "../src/engine/columns";
import { Engine, resultAt } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { paramTable, readParamTable, tableToCells } from "../src/params/table";
import { FakeExcel } from "./helpers/excelMock";

type Known = "1900" | "1904";
const engine = new Engine(builtinRegistry());
const sample = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));

/** A date as Excel holds it: days from 1899-12-30 (1900 system), 1462 fewer in the 1904 system. */
const serial = (iso: string, system: Known): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569 - (system === "1904" ? 1462 : 0);
const ISO = /^\d{4}-\d{2}-\d{2}$/;

// The sample's claims with every date field filled somewhere: its own dates, the settlement date
// (a column it leaves empty) from the discharge or service date, and birth, filing and submission dates.
const EXTRA = ["出生日期", "备案日期", "申报日期"];
const header = [...sample[0]!, ...EXTRA];
const SETTLEMENT_COL = sample[0]!.indexOf("结算日期");
const DISCHARGE_COL = sample[0]!.indexOf("出院日期");
const SERVICE_COL = sample[0]!.indexOf("就诊日期");
const textRows: string[][] = sample.slice(1).map((r, i) => {
  const row = [...r];
  row[SETTLEMENT_COL] = row[DISCHARGE_COL] || row[SERVICE_COL] || "";
  const d = (y: number) => `${y}-0${1 + (i % 9)}-${10 + (i % 18)}`;
  return [...row, d(1970 + (i % 40)), i % 3 ? d(2020) : "", i % 2 ? d(2021) : ""];
});
const columns = claimColumns(header);
const isDate = columns.map((c) => c.kind === "date");
const labels = textRows.map((_, i) => `row ${i + 2}`);

/** The rows as Excel holds them in a workbook of `system`: dates as its serials, numbers as numbers (long digit strings stay text), blanks as `blank`. */
function cells(rows: readonly string[][], system: Known, blank: null | "" = null): unknown[][] {
  return rows.map((r) => r.map((v, j) => (v === "" ? blank : isDate[j] && ISO.test(v) ? serial(v, system) : /^\d{1,12}(\.\d+)?$/.test(v) ? Number(v) : v)));
}

/** Every claim's full result (layers, threshold, rule, versions …) or its problems, as JSON. */
function settled(header: readonly unknown[], rows: unknown[][], mode: CellMode, system?: DateSystem): string[] {
  const chunk = new ColumnarValidator(header, { cells: mode, dateSystem: system }).validate(rows, labels);
  const res = allocResults(chunk.claims.n);
  engine.settleInto(chunk.claims, res, 0, chunk.claims.n);
  return rows.map((_, i) => {
    const k = chunk.claimOf[i]!;
    if (k < 0) return JSON.stringify(chunk.validation(i));
    return JSON.stringify({ claim: chunk.claimAt(k), result: resultAt(engine, chunk.claims, res, k, []) });
  });
}

afterEach(() => {
  setDateSystem("1900");
  setLanguage("zh");
  vi.useRealTimers();
});

describe("src/dates.ts: serials of either system", () => {
  it("a 1904 serial s is the 1900 serial s + 1462: the same day, for every day from 1904-01-01 to 9999-12-31 (sampled)", () => {
    for (let s = 0; s <= 2_957_003; s += s < 70_000 ? 1 : 997) {
      expect(dayFromExcelSerial(s, "1904")).toBe(dayFromExcelSerial(s + 1462, "1900"));
      expect(parseDay(s + 0.75, "1904")).toBe(parseDay(s + 1462, "1900")); // a time of day: the date part
    }
    expect(formatDay(dayFromExcelSerial(0, "1904")!)).toBe("1904-01-01");
    expect(formatDay(dayFromExcelSerial(59, "1904")!)).toBe("1904-02-29"); // 1904 is a leap year: a real day, not Lotus's
    expect(formatDay(dayFromExcelSerial(42_490, "1904")!)).toBe("2020-05-01");
    expect(formatDay(dayFromExcelSerial(2_957_003, "1904")!)).toBe("9999-12-31");
  });
  it("the 1900 system's rules stay: serial 60 (the fictitious 1900-02-29) and below refused, 61 is 1900-03-01, nothing past 2 958 465", () => {
    for (const s of [-1, 0, 1, 59, 60, 60.5, 2_958_466, NaN, Infinity]) expect(dayFromExcelSerial(s), String(s)).toBeNull();
    expect(formatDay(dayFromExcelSerial(61)!)).toBe("1900-03-01");
    expect(formatDay(dayFromExcelSerial(43_952)!)).toBe("2020-05-01");
    expect(formatDay(dayFromExcelSerial(2_958_465)!)).toBe("9999-12-31");
    expect(dayFromExcelSerial(43_952, "1900")).toBe(dayFromExcelSerial(43_952));
  });
  it("the 1904 system: no serial below 0 (before 1904-01-01) nor past 2 957 003; none at all when the system is unknown", () => {
    for (const s of [-1, -0.5, -1462, 2_957_004, NaN, Infinity]) expect(dayFromExcelSerial(s, "1904"), String(s)).toBeNull();
    for (const s of [0, 61, 42_490, 43_952, 2_957_003]) expect(dayFromExcelSerial(s, "unknown"), String(s)).toBeNull();
  });
  it("dates as text are never shifted; 5-digit text is a serial in the 1900 system only", () => {
    for (const t of ["2020-05-01", "2020/5/1", "2020.5.1", "2020年5月1日", "20200501", "2020-05-01T08:30:00"])
      for (const system of ["1900", "1904", "unknown"] as const) expect(parseDay(t, system), `${t} ${system}`).toBe(dayFromYmd(2020, 5, 1));
    expect(parseDay("43952")).toBe(dayFromYmd(2020, 5, 1));
    expect(parseDay("43952", "1904")).toBeNull();
    expect(parseDay("42490", "1904")).toBeNull();
    expect(parseDay("43952", "unknown")).toBeNull();
    expect(isSerialText(" 43952.5 ")).toBe(true);
    expect(isSerialText("2020-05-01")).toBe(false);
  });
  it("DATE(1904, 1, 1) says the system: 1462 the 1900 one, 0 the 1904 one, anything else nothing", () => {
    expect(dateSystemOf(1462)).toBe("1900");
    expect(dateSystemOf(0)).toBe("1904");
    for (const v of [1461, 1463, -1462, "1462", "0", null, undefined, "#VALUE!", NaN, 1462.5]) expect(dateSystemOf(v), String(v)).toBe("unknown");
  });
});

describe("claims with 1904 serials read in the 1904 system equal those with 1900 serials read in the 1900 system", () => {
  it("the claims have every date field, and serials in each", () => {
    const dateFields = FIELDS.filter((f) => f.kind === "date").map((f) => f.name);
    expect(columns.filter((c) => c.kind === "date").map((c) => c.field).sort()).toEqual([...dateFields].sort());
    for (let j = 0; j < header.length; j++) if (isDate[j]) expect(cells(textRows, "1904").some((r) => typeof r[j] === "number"), String(header[j])).toBe(true);
  });

  // each table twice: as it is (nearly every claim read column-wise), and with an Excel error first in
  // every other row, in a column no field uses (such a row is the row validator's to read: its claim
  // comes from it), so that both paths read serials
  const ERROR_CELL = { type: "Error", basicValue: "#N/A" };
  const slowly = (rows: unknown[][], blank: null | ""): unknown[][] => rows.map((r, i) => [i % 2 ? ERROR_CELL : blank, ...r]);
  for (const mode of ["excel", "text"] as const)
    for (const slow of [false, true])
      it(`the columnar validator (${mode} cells${mode === "text" ? ": the pane's audit of Range.values" : ": the functions"}${slow ? ", half the rows the row validator's" : ""}): every row's claim or problems, and every result, the same`, () => {
        const blank = mode === "excel" ? null : "";
        const h = slow ? ["附注", ...header] : header;
        const c1900 = slow ? slowly(cells(textRows, "1900", blank), blank) : cells(textRows, "1900", blank);
        const c1904 = slow ? slowly(cells(textRows, "1904", blank), blank) : cells(textRows, "1904", blank);
        const want = settled(h, c1900, mode);
        expect(settled(h, c1904, mode, "1904")).toEqual(want);
        // the path taken: serials read directly, or (slow) rows the row validator decides, claims among them
        const chunk = new ColumnarValidator(h, { cells: mode, dateSystem: "1904" }).validate(c1904, labels);
        if (slow) expect(chunk.extras.whole.filter(Boolean).length).toBeGreaterThan(10);
        else expect(chunk.fastRows).toBeGreaterThan(20);
        expect(want.filter((s) => s.includes('"result"')).length).toBeGreaterThan(20);
        // without the conversion the same cells are other dates (4 years and a day early): other answers
        const wrong = settled(h, c1904, mode);
        expect(wrong.filter((s, i) => s !== want[i]).length).toBeGreaterThan(25);
        // and the 1904 reading of 1900 cells is wrong the other way: the option is what reads them
        expect(settled(h, c1900, mode, "1904")).not.toEqual(want);
      });

  it("the row validator (and readRow, as EXPLAIN reads a range): the same claims and problems", () => {
    const v1900 = rowValidator(header);
    const v1904 = rowValidator(header, {}, { dateSystem: "1904" });
    const plain = rowValidator(header);
    const c1900 = cells(textRows, "1900");
    const c1904 = cells(textRows, "1904");
    let differs = 0;
    c1904.forEach((row, i) => {
      const a = readRow(c1900[i]!, columns);
      const b = readRow(row, columns);
      if (!a.ok || !b.ok) throw new Error("a sample row unreadable");
      expect(v1904(b.values, labels[i])).toStrictEqual(v1900(a.values, labels[i]));
      if (JSON.stringify(plain(b.values, labels[i])) !== JSON.stringify(v1900(a.values, labels[i]))) differs++;
    });
    expect(differs).toBeGreaterThan(25);
  });

  it("dates as text are never shifted: text rows read in the 1904 system (or an unknown one) as in the 1900 system", () => {
    const want = settled(header, textRows, "text");
    expect(settled(header, textRows, "text", "1904")).toEqual(want);
    expect(settled(header, textRows, "text", "unknown")).toEqual(want);
    expect(settled(header, textRows, "excel", "1904")).toEqual(settled(header, textRows, "excel"));
    const v = rowValidator(header, {}, { dateSystem: "1904" });
    const w = rowValidator(header);
    textRows.forEach((r, i) => expect(v(r, labels[i])).toStrictEqual(w(r, labels[i])));
  });
});

describe("what is refused, in either system (the row validator and the columnar validator agree)", () => {
  const base = textRows.find((r) => rowValidator(header)(r).ok && r[header.indexOf("入院日期")] !== "")!;
  const ADM = header.indexOf("入院日期");
  const DIS = header.indexOf("出院日期");
  function problem(v: unknown, system?: DateSystem, mode: CellMode = "excel"): { code: string; zh: string; en: string } | "ok" {
    // the row's other dates as text (the same in every system), numbers as numbers
    const row: unknown[] = base.map((c, j) => (c === "" ? (mode === "excel" ? null : "") : !isDate[j] && /^\d{1,12}(\.\d+)?$/.test(c) ? Number(c) : c));
    row[ADM] = v;
    row[DIS] = mode === "excel" ? null : "";
    const chunk = new ColumnarValidator(header, { cells: mode, dateSystem: system }).validate([row], ["row 2"]);
    const read = mode === "excel" ? readRow(row, columns) : { ok: true as const, blank: false, values: row };
    if (!read.ok) throw new Error("unreadable");
    const slow: Validation = rowValidator(header, {}, { dateSystem: system })(read.values, "row 2");
    expect(JSON.stringify(chunk.validation(0)), `${JSON.stringify(v)} ${system}`).toBe(JSON.stringify(slow));
    if (slow.ok) return "ok";
    const p = slow.problems.find((x) => x.field === "admissionDate")!;
    return { code: p.code, zh: p.message.zh, en: p.message.en };
  }
  it("1900 system: 60 (the fictitious 1900-02-29), 59, 61 (1900-03-01, before 1970) and past 9999-12-31 refused as dates", () => {
    for (const mode of ["excel", "text"] as const)
      for (const v of [59, 60, 61, 25_568, 2_958_466]) {
        const p = problem(v, "1900", mode);
        expect(p, `${v} ${mode}`).not.toBe("ok");
        expect((p as { code: string }).code).toBe("date_invalid");
        expect((p as { zh: string }).zh).toContain("入院日期");
        expect((p as { en: string }).en).toContain(String(v));
      }
    expect(problem(43_952, "1900")).toBe("ok");
    expect(problem("43952", "1900")).toBe("ok");
  });
  it("1904 system: negative serials, 1904-01-01 to 1969-12-31 (before 1970) and past 9999-12-31 refused; 5-digit text refused, saying the workbook uses the 1904 system", () => {
    for (const mode of ["excel", "text"] as const) {
      for (const v of [-1, -0.5, 1, 60, 24_106, 2_957_004]) expect((problem(v, "1904", mode) as { code: string }).code, `${v} ${mode}`).toBe("date_invalid");
      expect(problem(24_107, "1904", mode), mode).toBe("ok"); // 1970-01-01
      expect(problem(42_490, "1904", mode), mode).toBe("ok");
      expect(problem(2_957_003, "1904", mode), mode).toBe("ok");
      const t = problem("42490", "1904", mode) as { code: string; zh: string; en: string };
      expect(t.code).toBe("date_invalid");
      expect(t.zh).toContain("1904 日期系统");
      expect(t.en).toContain("1904 date system");
      expect(problem("2020-05-01", "1904", mode)).toBe("ok");
    }
    // desktop Excel's blank (0) is a blank cell in either system, whatever 0 means in it
    expect(JSON.stringify(problem(0, "1904"))).toBe(JSON.stringify(problem(0, "1900")));
  });
  it("an unknown system: every serial refused (date_system_unknown, saying the system could not be read), dates as text read", () => {
    for (const mode of ["excel", "text"] as const) {
      for (const v of [43_952, 42_490, 43_952.5, "43952"]) {
        const p = problem(v, "unknown", mode) as { code: string; zh: string; en: string };
        expect(p.code, `${v} ${mode}`).toBe("date_system_unknown");
        expect(p.zh).toContain("无法读取本工作簿的日期系统");
        expect(p.en).toContain("date system (1900 or 1904) could not be read");
      }
      expect(problem("2020-05-01", "unknown", mode)).toBe("ok");
    }
  });
});

describe("a parameter table's start dates (POLICY_PARAMS spilled, a start date typed into a cell)", () => {
  const day = dayFromYmd(2020, 6, 30)!;
  const reg = builtinRegistry();
  const table = tableToCells(paramTable(reg, "lanzhou", day, "zh"), "zh");
  // the first amount with a start date, its value changed, its start date a date cell of the workbook
  const at = table.findIndex((r, i) => i > 0 && ISO.test(r[2] ?? "") && r[4] === "CNY" && r[3] !== "");
  const edited = (from: unknown) => table.map((r, i) => (i === at ? [r[0], r[1], from, String(Number(r[3]) - 100), r[4], r[5], r[6]] : r));
  it("a serial in the 1904 system reads as the same date as in the 1900 system; a date as text is not shifted", () => {
    const iso = table[at]![2]!;
    const want = readParamTable(reg, edited(serial(iso, "1900")));
    expect(want.problems).toEqual([]);
    expect(readParamTable(reg, edited(serial(iso, "1904")), { dateSystem: "1904" })).toEqual(want);
    expect(readParamTable(reg, edited(iso), { dateSystem: "1904" })).toEqual(want);
    expect(readParamTable(reg, edited(serial(iso, "1904")))).not.toEqual(want);
  });
  it("an unknown system: a serial start date is refused, saying why", () => {
    const r = readParamTable(reg, edited(serial(table[at]![2]!, "1900")), { dateSystem: "unknown" });
    expect(r.problems.map((p) => p.message.en)).toEqual([expect.stringContaining("date system (1900 or 1904) could not be read")]);
  });
});

// ---------------------------------------------------------------------------------------------
// The custom functions

const shown = (m: unknown): unknown => (Array.isArray(m) ? m.map(shown) : m instanceof CellError ? `${m.code} ${m.message}` : m instanceof Error ? `error ${m.message}` : m);
const inSystem = <T>(system: DateSystem, f: () => T): T => {
  setDateSystem(system);
  return f();
};
const DATES = ["2020-06-30", "2021-07-01", "2023-03-15", "2024-10-01"];

describe("the functions in a 1904 workbook answer as in a 1900 one for the same dates", () => {
  const range1900 = [header, ...cells(textRows, "1900")];
  const range1904 = [header, ...cells(textRows, "1904")];

  it("REIMBURSE over a range (every layer), SETTLEMENT and EXPLAIN", () => {
    const want = shown(inSystem("1900", () => F.reimburse(range1900, undefined, "all")));
    expect(shown(inSystem("1904", () => F.reimburse(range1904, undefined, "all")))).toEqual(want);
    expect(shown(inSystem("1900", () => F.reimburse(range1904, undefined, "all")))).not.toEqual(want);
    const settlement = shown(inSystem("1900", () => F.settlement(range1900)));
    expect(shown(inSystem("1904", () => F.settlement(range1904)))).toEqual(settlement);
    expect(shown(inSystem("1900", () => F.settlement(range1904)))).not.toEqual(settlement);
    const few = [header, ...cells(textRows.slice(0, 6), "1900")];
    const few1904 = [header, ...cells(textRows.slice(0, 6), "1904")];
    const explained = shown(inSystem("1900", () => F.explain(few)));
    expect(shown(inSystem("1904", () => F.explain(few1904)))).toEqual(explained);
    expect(shown(inSystem("1900", () => F.explain(few1904)))).not.toEqual(explained);
  });

  it("REIMBURSE filled down (one call per row, settled as one batch per pass) and as a range, through Excel's entry points", async () => {
    const rows1900 = range1900.slice(1);
    const rows1904 = range1904.slice(1);
    const want = shown(inSystem("1900", () => F.reimburse(range1900, undefined, "all")));
    let detections = 0;
    setDateSystem("1900", async () => (detections++, "1904"));
    const calls = await Promise.all(rows1904.map((row) => F.reimburseCall([row], [header], "all")));
    expect(shown(calls.map((m) => m[0]))).toEqual(want);
    expect(detections).toBe(1); // one detection for the pass's calls
    expect(shown(await F.reimburseCall(range1904, undefined, "all"))).toEqual(want);
    // the 1900 workbook's fill-down answers the same
    setDateSystem("1900", async () => "1900");
    expect(shown((await Promise.all(rows1900.map((row) => F.reimburseCall([row], [header], "all")))).map((m) => m[0]))).toEqual(want);
    // and the 1904 cells read as 1900 ones do not
    expect(shown((await Promise.all(rows1904.map((row) => F.reimburseCall([row], [header], "all")))).map((m) => m[0]))).not.toEqual(want);
  });

  it("scalar dates: THRESHOLD, POLICY_PARAM, POLICY_PARAMS and REIMBURSE_INPATIENT's date", async () => {
    const id = "lanzhou.employee.inpatient.threshold";
    // each function with its date argument given (a serial, or text)
    const fns: [string, (d: unknown) => unknown][] = [
      ["THRESHOLD", (d) => shown(F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1]], [[d]]))],
      ["POLICY_PARAM", (d) => shown(F.policyParam(id, d, "3A"))],
      ["POLICY_PARAMS", (d) => shown(F.policyParams("shenyang", d))],
      ["REIMBURSE_INPATIENT", (d) => shown(F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["三级甲等"]], [[1]], [[d]], [[18_650.4]], [[1230]], [[4120.5]]))],
    ];
    const differs = new Set<string>();
    for (const iso of DATES)
      for (const [name, f] of fns) {
        const want = inSystem("1900", () => f(serial(iso, "1900")));
        expect(inSystem("1904", () => f(serial(iso, "1904"))), `${iso} ${name}`).toEqual(want);
        // the same date as text, in either system
        expect(inSystem("1904", () => f(iso)), `${iso} ${name} as text`).toEqual(want);
        if (JSON.stringify(inSystem("1900", () => f(serial(iso, "1904")))) !== JSON.stringify(want)) differs.add(name);
      }
    // each function answers otherwise when the 1904 serial is read as a 1900 one
    expect([...differs].sort()).toEqual(fns.map(([n]) => n).sort());
    // through Excel's entry points, with the pass's system read
    setDateSystem("1900", async () => "1904");
    const s = serial("2021-07-01", "1904");
    const want = inSystem("1900", () => [shown(F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1]], [[s + 1462]])), shown(F.policyParam(id, s + 1462, "3A")), shown(F.policyParams("lanzhou", s + 1462))]);
    setDateSystem("1900", async () => "1904");
    expect([shown(await F.thresholdCall([["兰州"]], [["职工"]], [["3A"]], [[1]], [[s]])), shown(await F.policyParamCall(id, s, "3A")), shown(await F.policyParamsCall("lanzhou", s))]).toEqual(want);
    expect(shown(await F.settlementCall(range1904))).toEqual(inSystem("1900", () => shown(F.settlement(range1900))));
    setDateSystem("1900", async () => "1904");
    expect(shown(await F.explainCall([header, ...cells(textRows.slice(0, 3), "1904")]))).toEqual(inSystem("1900", () => shown(F.explain([header, ...cells(textRows.slice(0, 3), "1900")]))));
    setDateSystem("1900", async () => "1904");
    expect(shown(await F.reimburseInpatientCall([["兰州"]], [["职工"]], [["在职"]], [["三级甲等"]], [[1]], [[s]], [[5000]]))).toEqual(inSystem("1900", () => shown(F.reimburseInpatient([["兰州"]], [["职工"]], [["在职"]], [["三级甲等"]], [[1]], [[s + 1462]], [[5000]]))));
  });

  it("a parameter table passed back with a start date as a date cell of the workbook", () => {
    const day = dayFromYmd(2020, 6, 30)!;
    const table = tableToCells(paramTable(builtinRegistry(), "lanzhou", day, "zh"), "zh");
    const at = table.findIndex((r) => r[0] === "lanzhou.employee.inpatient.threshold" && r[1] === "3A" && ISO.test(r[2] ?? ""));
    const edited = (system: Known): unknown[][] => table.map((r, i) => (i === at ? [r[0], r[1], serial(r[2]!, system), String(Number(r[3]) - 100), r[4], r[5], r[6]] : r));
    const want = shown(inSystem("1900", () => F.reimburse(range1900, undefined, "all", edited("1900"))));
    expect(want).not.toEqual(shown(inSystem("1900", () => F.reimburse(range1900, undefined, "all")))); // the edit matters
    expect(shown(inSystem("1904", () => F.reimburse(range1904, undefined, "all", edited("1904"))))).toEqual(want);
  });
});

describe("the functions when the date system could not be read: no plausible number from a serial", () => {
  it("every claim row with a date serial answers #VALUE! saying the system could not be read; dates as text compute", () => {
    setLanguage("en");
    const out = inSystem("unknown", () => F.reimburse([header, ...cells(textRows, "1900")]));
    const dated = textRows.map((r) => r.some((v, j) => isDate[j] && v !== ""));
    out.forEach((r, i) => {
      if (!dated[i]) return;
      expect(r[0], `row ${i + 2}`).toBeInstanceOf(CellError);
      expect((r[0] as CellError).code).toBe("#VALUE!");
    });
    expect(out.filter((r) => r[0] instanceof CellError && r[0].message.includes("date system (1900 or 1904) could not be read")).length).toBeGreaterThan(25);
    expect(out.some((r) => typeof r[0] === "number")).toBe(false);
    expect(shown(inSystem("unknown", () => F.reimburse([header, ...textRows])))).toEqual(shown(inSystem("1900", () => F.reimburse([header, ...textRows]))));
  });
  it("scalar date arguments: a serial refused with the reason, text read", () => {
    setLanguage("en");
    const s = serial("2020-06-30", "1900");
    const p = inSystem("unknown", () => F.policyParam("lanzhou.employee.inpatient.threshold", s, "3A"));
    expect(p).toBeInstanceOf(CellError);
    expect((p as CellError).message).toBe(`"${s}" is a date serial, but the workbook's date system (1900 or 1904) could not be read: write the date as text, such as 2020-05-01`);
    expect(inSystem("unknown", () => F.policyParam("lanzhou.employee.inpatient.threshold", "2020-06-30", "3A"))).toBe(inSystem("1900", () => F.policyParam("lanzhou.employee.inpatient.threshold", s, "3A")));
    expect(shown(inSystem("unknown", () => F.policyParams("lanzhou", s)))).toEqual([[expect.stringContaining("could not be read")]]);
    expect(shown(inSystem("unknown", () => F.threshold([["兰州"]], [["职工"]], [["3A"]], [[1]], [[s]])))).toEqual([[expect.stringContaining("could not be read")]]);
  });
});

describe("detection through Excel (the mock): DATE(1904, 1, 1), nothing written", () => {
  const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
  afterEach(() => {
    delete g.Excel;
    delete g.Office;
  });
  const host = (system: Known) => {
    const x = new FakeExcel({ 理赔: [header, ...cells(textRows, system, "")] });
    x.dateSystem = system;
    g.Excel = x.api();
    g.Office = x.office();
    return x;
  };
  it("1904, 1900; an error value, a failed request, a failed Excel.run or no ExcelApi 1.2: unknown", async () => {
    const x = host("1904");
    expect(await detectDateSystem()).toBe("1904");
    x.dateSystem = "1900";
    expect(await detectDateSystem()).toBe("1900");
    x.dateFunction = "errorValue";
    expect(await detectDateSystem()).toBe("unknown");
    x.dateFunction = "fails";
    expect(await detectDateSystem()).toBe("unknown");
    expect(x.dateCalls).toBe(4);
    expect(x.log).toEqual([]); // no cell written, no sheet made
    x.dateFunction = "evaluate";
    g.Office = { context: { requirements: { isSetSupported: () => false } } };
    expect(await detectDateSystem()).toBe("unknown");
    g.Excel = { run: () => Promise.reject(new Error("RichApi.Error: the host is busy")) };
    expect(await detectDateSystem()).toBe("unknown");
  });

  it("the functions read it before each calculation pass: one Excel request for a pass's calls, and a switch between passes is heard", async () => {
    const x = host("1904");
    setDateSystem("1900", detectDateSystem);
    const want = shown(inSystem("1900", () => F.reimburse([header, ...cells(textRows, "1900")], undefined, "all")));
    setDateSystem("1900", detectDateSystem);
    const pass = async (system: Known) => {
      const rows = cells(textRows, system);
      const [fill, range, param] = await Promise.all([Promise.all(rows.map((row) => F.reimburseCall([row], [header], "all"))), F.reimburseCall([header, ...rows], undefined, "all"), F.policyParamCall("lanzhou.employee.inpatient.threshold", serial("2021-07-01", system), "3A")]);
      return { fill: shown(fill.map((m) => m[0])), range: shown(range), param };
    };
    const p1904 = await pass("1904");
    expect(p1904.fill).toEqual(want);
    expect(p1904.range).toEqual(want);
    expect(x.runs).toBe(1);
    expect(x.dateCalls).toBe(1);
    expect(currentDateSystem()).toBe("1904");
    // the user switches to the 1900 system (the cells now hold 1900 serials of these dates): the next pass reads it
    x.dateSystem = "1900";
    const p1900 = await pass("1900");
    expect(p1900).toEqual(p1904);
    expect(x.runs).toBe(2);
    expect(x.log).toEqual([]);
  });

  it("a failed detection: the pass's date serials refused with the reason; the next pass, answered, computes", async () => {
    setLanguage("en");
    const x = host("1904");
    x.dateFunction = "fails";
    setDateSystem("1904", detectDateSystem);
    const rows = cells(textRows, "1904");
    const failed = await Promise.all(rows.map((row) => F.reimburseCall([row], [header])));
    expect(failed.filter((m) => m[0]![0] instanceof CellError && (m[0]![0] as Error).message.includes("could not be read")).length).toBeGreaterThan(25);
    expect(failed.some((m) => typeof m[0]![0] === "number")).toBe(false);
    expect(shown(await F.policyParamCall("lanzhou.employee.inpatient.threshold", serial("2021-07-01", "1904"), "3A"))).toMatch(/^#VALUE! .*could not be read/);
    x.dateFunction = "evaluate";
    const ok = await Promise.all(rows.map((row) => F.reimburseCall([row], [header])));
    expect(shown(ok.map((m) => m[0]))).toEqual(shown(inSystem("1900", () => F.reimburse([header, ...cells(textRows, "1900")]))));
  });

  it("Excel not answering within DATE_SYSTEM_WAIT_MS: unknown", async () => {
    vi.useFakeTimers();
    setBatchDelay(0);
    setDateSystem("1900", () => new Promise<DateSystem>(() => {}));
    const s = serial("2021-07-01", "1904");
    const p = F.policyParamCall("lanzhou.employee.inpatient.threshold", s, "3A");
    await vi.advanceTimersByTimeAsync(DATE_SYSTEM_WAIT_MS - 1);
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown(await p)).toMatch(/^#VALUE! .*(could not be read|无法读取)/);
  });

  it("a call that comes before the pane has read the system (office.js loaded, Office.onReady not yet answered) waits for it", async () => {
    vi.resetModules();
    g.Office = { context: {} };
    const E = await import("../functions/excel");
    const Fn = await import("../functions/functions");
    const s = serial("2021-07-01", "1904");
    let answered = false;
    const p = Fn.policyParamCall("lanzhou.employee.inpatient.threshold", s, "3A").then((v) => ((answered = true), v));
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false);
    E.setDateSystem("1904");
    expect(await p).toBe(inSystem("1900", () => F.policyParam("lanzhou.employee.inpatient.threshold", s + 1462, "3A")));
    expect(typeof (await p)).toBe("number");
  });
});
