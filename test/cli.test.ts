/** The yibao command line on small files in every format, with bad records mixed in. */
import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { run } from "../cli/main";
import { toCsv } from "../src/io/csv";
import { readXlsx, writeXlsx } from "../src/io/xlsx";

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
    expect((await cli("settle", "--in", join(dir, "nope.csv"))).err.join()).toMatch(/Cannot read/);
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
