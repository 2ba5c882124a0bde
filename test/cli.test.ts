/** The yibao command line on small files in every format, with bad records mixed in. */
import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { run } from "../cli/main";
import { toCsv } from "../io/csv";
import { readXlsx, writeXlsx } from "../io/xlsx";

const dir = mkdtempSync(join(tmpdir(), "yibao-cli-"));
const good = { id: "G1", insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "direct", settlementDate: "2020-06-30", hospitalLevel: "3A", admissionIndex: 1, total: "5000" };
const bad = { ...good, id: "B1", total: "5000.001" };
const noRule = { ...good, id: "N1", scheme: "resident", personType: "adult", crossRegion: "temporary" };
const heads = Object.keys(good);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

beforeAll(async () => {
  writeFileSync(join(dir, "in.jsonl"), [good, bad, noRule].map((r) => JSON.stringify(r)).join("\n") + "\n{not json\n");
  writeFileSync(join(dir, "in.csv"), toCsv([heads, ...[good, bad, noRule].map((r) => heads.map((h) => (r as Record<string, unknown>)[h]))]));
  writeFileSync(join(dir, "in.xlsx"), await writeXlsx([{ name: "claims", rows: [heads, ...[good, bad, noRule].map((r) => heads.map((h) => (r as Record<string, unknown>)[h]))] }]));
});

describe("yibao settle", () => {
  it.each(["in.jsonl", "in.csv", "in.xlsx"])("%s: one result a line, bad records do not stop the batch", async (f) => {
    const { code, out } = await cli("settle", "--in", join(dir, f));
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: "G1", policyScope: "5000.00", threshold: "1400.00", pooled: "3168.00", largeAmount: "0.00", supplementary: "0.00", seriousIllness: "0.00", assistance: "0.00", subsidy: "0.00", personal: "1832.00" });
    expect(lines[1]).toMatchObject({ id: "B1", error: { code: "amount_decimals", field: "total" } });
    expect(lines[2]).toMatchObject({ id: "N1", error: { code: "no_rule", field: null } });
    if (f === "in.jsonl") expect(lines[3]).toMatchObject({ error: { code: "bad_json" } });
  });
  it("--out by extension: csv and xlsx", async () => {
    await cli("settle", "--in", join(dir, "in.jsonl"), "--out", join(dir, "out.csv"));
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toMatch(/G1,5000.00,1400.00,3168.00/);
    await cli("settle", "--in", join(dir, "in.csv"), "--out", join(dir, "out.xlsx"), "--lang", "en");
    const rows = await readXlsx(readFileSync(join(dir, "out.xlsx")));
    expect(rows[0]).toContain("pooled");
    expect(rows[1]![0]).toBe("G1");
    expect(String(rows[2]![rows[2]!.length - 1])).toMatch(/at most two decimals/);
  });
  it("usage errors exit 2 with a message", async () => {
    expect((await cli("settle")).code).toBe(2);
    // in the user's language, without the raw system message
    expect((await cli("settle", "--in", join(dir, "nope.csv"), "--lang", "en")).err.join()).toMatch(/^Cannot read .*nope\.csv \(ENOENT\)$/);
    expect((await cli("settle", "--in", join(dir, "nope.csv"))).err.join()).toMatch(/无法读取/);
    expect((await cli("frobnicate")).code).toBe(2);
  });
});

describe("yibao explain", () => {
  it("prints the trace with citations, in Chinese and English", async () => {
    const zh = await cli("explain", "--in", join(dir, "in.jsonl"), "--id", "G1");
    expect(zh.out.join("\n")).toMatch(/起付标准：1400.00/);
    expect(zh.out.join("\n")).toMatch(/依据：兰州市基本医疗保险政策指南/);
    const en = await cli("explain", "--in", join(dir, "in.jsonl"), "--id", "G1", "--lang", "en");
    expect(en.out.join("\n")).toMatch(/Threshold: 1400.00/);
    expect(en.out.join("\n")).toMatch(/lanzhou.employee.inpatient.bands/);
  });
  it("a claim that cannot be settled says why", async () => {
    expect((await cli("explain", "--in", join(dir, "in.jsonl"), "--id", "N1", "--lang", "en")).out.join()).toMatch(/cannot be settled/);
  });
});

describe("yibao audit", () => {
  it("audits the bundled sample and writes an xlsx report with a summary", async () => {
    const { code, out } = await cli("audit", "--in", join(__dirname, "..", "samples", "lanzhou-claims.csv"), "--out", join(dir, "report.xlsx"));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/共 34 笔/);
    const summary = await readXlsx(readFileSync(join(dir, "report.xlsx")), "汇总");
    expect(summary.flat().join()).toMatch(/差额合计/);
  });
  it("the installed bin runs (built by npm ci's prepare step)", () => {
    const text = execFileSync("node", [join(__dirname, "..", "bin", "yibao.cjs"), "audit", "--in", join(__dirname, "..", "samples", "lanzhou-claims.csv"), "--lang", "en"], { encoding: "utf8" });
    expect(text).toMatch(/Audit of lanzhou-claims.csv: 34 claims/);
  });
});

describe("yibao emergency", () => {
  it("--condition --findings --json: one answer with the criterion and citation", async () => {
    const { out } = await cli("emergency", "--condition", "休克", "--findings", "收缩压=75;乳酸=3.5", "--json");
    expect(JSON.parse(out[0]!)).toMatchObject({ condition: "休克", result: "met", missing: [], criterion: "收缩压 ≤80mmHg伴乳酸 >3mmol/L。" });
    expect(JSON.parse(out[0]!).citation).toMatch(/沈医保发〔2021〕22号 附件 一、\(六\)/);
  });
  it("unknown, with the missing findings", async () => {
    const { out } = await cli("emergency", "--condition", "休克", "--findings", "收缩压=75", "--json");
    expect(JSON.parse(out[0]!)).toMatchObject({ result: "unknown", missing: ["乳酸"] });
  });
  it("not met at the boundary (> is strict)", async () => {
    const { out } = await cli("emergency", "--condition", "休克", "--findings", "收缩压=80;乳酸=3", "--json");
    expect(JSON.parse(out[0]!).result).toBe("not_met");
  });
  it("--findings alone: every condition met", async () => {
    const { out } = await cli("emergency", "--findings", "PaO2 55", "--json");
    expect(JSON.parse(out[0]!).map((x: { condition: string }) => x.condition)).toEqual(expect.arrayContaining(["呼吸衰竭", "重症支气管哮喘急性发作"]));
  });
  it("an unknown condition is a usage error with the closest names", async () => {
    const r = await cli("emergency", "--condition", "休克了吗", "--findings", "收缩压=75");
    expect(r.code).toBe(2);
    expect(r.err.join()).toMatch(/休克/);
  });
});

describe("yibao chronic-code", () => {
  it.each([
    ["高血压病", "M03900"],
    ["尿毒症透析", "M07801"],
    ["肾移植术后", "M08301"],
  ])("%s → %s", async (name, code) => {
    const { out } = await cli("chronic-code", name, "--json");
    const j = JSON.parse(out[0]!);
    expect(j).toMatchObject({ name, code });
    expect(Object.keys(j).sort()).toEqual(["alternatives", "category", "code", "matchedBy", "name"]);
  });
  it("not found: the closest matches", async () => {
    const j = JSON.parse((await cli("chronic-code", "高血庄", "--json")).out[0]!);
    expect(j.code).toBeNull();
    expect(j.alternatives[0].code).toBe("M03900");
  });
});

describe("Shenyang claims through --params", () => {
  it("settles with the user's parameter table and says it is an example", async () => {
    const f = join(dir, "sy.jsonl");
    writeFileSync(f, JSON.stringify({ id: "S1", insuredPlace: "shenyang", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "referral", settlement: "manual", admissionDate: "2022-03-01", hospitalLevel: "3A", admissionIndex: 2, total: "30000", outOfCatalog: "2000", classB: "4000" }) + "\n");
    const without = await cli("settle", "--in", f);
    expect(JSON.parse(without.out[0]!).error.field).toBe("shenyang.classBSelfShare");
    const withParams = await cli("settle", "--in", f, "--params", join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"));
    expect(JSON.parse(withParams.out[0]!)).toMatchObject({ pooled: "20025.00", supplementary: "2291.25" });
    expect(withParams.err.join()).toMatch(/示例文件（EXAMPLE），不是官方数值/);
  });

  it("reads the same table saved as .xlsx (the whole-file reader) as from CSV (io/textGrid.ts), and refuses a kind that is no table", async () => {
    const f = join(dir, "sy2.jsonl");
    writeFileSync(f, JSON.stringify({ id: "S1", insuredPlace: "shenyang", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "referral", settlement: "manual", admissionDate: "2022-03-01", hospitalLevel: "3A", admissionIndex: 2, total: "30000", outOfCatalog: "2000", classB: "4000" }) + "\n");
    const csvFile = join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv");
    const { parseCsv } = await import("../io/csv");
    const { writeXlsx } = await import("../io/xlsx");
    const book = join(dir, "shenyang-base.EXAMPLE.xlsx");
    writeFileSync(book, await writeXlsx([{ name: "参数", rows: parseCsv(readFileSync(csvFile, "utf8")) }]));
    const fromCsv = await cli("settle", "--in", f, "--params", csvFile);
    const fromXlsx = await cli("settle", "--in", f, "--params", book);
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.out).toEqual(fromCsv.out);
    expect(JSON.parse(fromXlsx.out[0]!)).toMatchObject({ pooled: "20025.00", supplementary: "2291.25" });
    const xls = join(dir, "params.xls");
    writeFileSync(xls, readFileSync(csvFile));
    const refused = await cli("settle", "--in", f, "--params", xls);
    expect(refused.code).toBe(2);
    expect(refused.err.join("\n")).toContain(".xls");
  });
});

describe("a city's parameter table through --params", () => {
  // LN 第二十条: 起付标准、支付比例、最高支付限额 … 执行参保地规定 — a figure the city's table leaves out is
  // never filled in; the command says which, before any claim meets it
  it("lists the city figures the table leaves out (Chaoyang's example gives no 3S level) and settles the rest", async () => {
    const samples = join(__dirname, "..", "samples");
    const r = await cli("settle", "--in", join(samples, "chaoyang-claims.EXAMPLE.csv"), "--params", join(samples, "chaoyang-base.EXAMPLE.csv"));
    const err = r.err.join("\n");
    expect(err).toContain("chaoyang-base.EXAMPLE.csv 未给出 4 项城市数值：");
    for (const id of ["chaoyang.employee.threshold:3S", "chaoyang.employee.ratio:3S", "chaoyang.resident.threshold:3S", "chaoyang.resident.ratio:3S"]) expect(err).toContain(id);
    expect(r.out.length).toBe(6);
    const en = await cli("settle", "--lang", "en", "--in", join(samples, "chaoyang-claims.EXAMPLE.csv"), "--params", join(samples, "chaoyang-base.EXAMPLE.csv"));
    expect(en.err.join("\n")).toContain("chaoyang-base.EXAMPLE.csv does not give 4 city figures:");
  });
});

describe("reports are safe to open in a spreadsheet", () => {
  it("text that would run as a formula is written with a leading apostrophe; numbers are untouched", async () => {
    const { guardFormula } = await import("../io/csv");
    expect(toCsv([["=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "-12.50", -3, "张三"]])).toBe("\uFEFF\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,'@SUM(A1),-12.50,-3,张三\r\n");
    expect(guardFormula("-cmd")).toBe("'-cmd");
  });
});
