/**
 * The audit of the bundled sample batch: each deliberate mistake is flagged with its reason in
 * words, right claims pass, and records no document rules on are errors that say so.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, rowsToRecords } from "../src/io/csv";
import { auditRecords } from "../src/audit/audit";
import { resultTable, summaryTable, maskId } from "../src/audit/report";
import { engine } from "./helpers/claims";

const { records } = rowsToRecords(parseCsv(readFileSync(join(__dirname, "..", "samples", "lanzhou-claims.csv"), "utf8")));
const report = auditRecords(records, engine);
const row = (id: string) => report.rows.find((r) => r.id === id)!;

describe("sample batch", () => {
  it("has a few dozen claims", () => expect(records.length).toBeGreaterThanOrEqual(30));
  it.each([
    ["LZ2020-003", /起付标准应递减/],
    ["LZ2020-004", /按在职人员比例计算，实为退休/],
    ["LZ2020-006", /超出年度限额/],
    ["LZ2020-007", /异地先自付漏扣/],
    ["LZ2020-008", /临时外出按转诊/],
    ["LZ2020-010", /降低10个百分点/],
    ["LZ2020-011", /乙类先自付漏扣/],
    ["LZ2020-014", /医院等级错误/],
    ["LZ2020-018", /困难人员待遇漏算/],
    ["LZ2020-019", /中医药/],
    ["LZ2020-028", /超出年度限额/],
    ["LZ2020-034", /重复报销/],
  ])("%s is flagged: %s", (id, reason) => {
    const r = row(id);
    expect(r.status).toBe("flagged");
    expect(r.reasons.map((t) => t.zh).join()).toMatch(reason);
    expect(r.reasons.every((t) => t.en.length > 0)).toBe(true);
  });
  it.each(["LZ2020-001", "LZ2020-002", "LZ2020-005", "LZ2020-012", "LZ2020-015", "LZ2020-017", "LZ2020-021", "LZ2020-023"])("%s is right", (id) => {
    expect(row(id).status).toBe("ok");
  });
  it.each([
    ["LZ2020-024", /待遇支付年限/],
    ["LZ2020-029", /没有给出城乡居民异地住院/],
    ["LZ2020-030", /2020-02-30/],
    ["LZ2020-031", /大于总费用/],
    ["LZ2020-032", /两位小数/],
    ["LZ2020-033", /2020-04-01/],
  ])("%s is an error: %s", (id, msg) => {
    const r = row(id);
    expect(r.status).toBe("error");
    expect(r.problems.map((p) => p.message.zh).join()).toMatch(msg);
  });
  it("summary: counts and the total difference add up", () => {
    const s = report.summary;
    expect(s.ok + s.flagged + s.errors + s.unchecked).toBe(s.claims);
    const diff = report.rows.flatMap((r) => r.comparisons).filter((c) => ["pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy"].includes(c.field)).reduce((a, c) => a + c.diff, 0);
    expect(s.totalDifference).toBe(diff);
    expect(s.totalDifference).toBeGreaterThan(0);
  });
  it("report tables mask names by default", () => {
    const t = resultTable(report, { lang: "zh", mask: true, numbers: true });
    expect(t[0]![0]).toBe("编号");
    expect(String(t[1]![1])).toMatch(/^.\*+$/);
    expect(summaryTable(report, { lang: "en", mask: true, numbers: false }).flat().join()).toMatch(/Total difference/);
    expect(maskId("110101199001011234")).toBe("110***********1234");
  });
});
