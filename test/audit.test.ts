/**
 * The audit of the bundled sample batch: each deliberate mistake is flagged with its reason in
 * words, right claims pass, and records no document rules on are errors that say so.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, rowsToRecords } from "../io/csv";
import { AuditRun, auditRecords } from "../src/audit/audit";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
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
  it("LZ2020-024 is flagged: the chronic approval is outside its payment years (POLICY §7; L 特殊疾病 支付年限)", () => {
    const r = row("LZ2020-024");
    expect(r.status).toBe("flagged");
    expect(r.reasons.map((t) => t.zh).join()).toMatch(/慢特病认定超出待遇支付年限.*待遇支付年限为/);
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

describe("the audit in chunks (the task pane's progress bar and cancel button)", () => {
  const rows = parseCsv(readFileSync(join(__dirname, "..", "samples", "lanzhou-claims.csv"), "utf8"));
  const summaryOf = (r: ReturnType<AuditRun["report"]>) => JSON.stringify({ s: r.summary, rows: r.rows.map((x) => [x.index, x.status, x.reasons.map((t) => t.zh), x.duplicateOf]) });
  it("gives the same report whatever the chunk size, duplicates across chunks included", () => {
    const whole = new AuditRun(rows[0]!, rows.slice(1), { engine }).finish();
    for (const size of [1, 3, 7, 1000]) {
      const run = new AuditRun(rows[0]!, rows.slice(1), { engine });
      while (!run.finished) run.step(size);
      expect(summaryOf(run.report())).toBe(summaryOf(whole));
    }
    expect(summaryOf(whole)).toBe(summaryOf(report));
  });
  it("a stopped run reports only the rows it processed", () => {
    const run = new AuditRun(rows[0]!, rows.slice(1), { engine });
    run.step(10);
    expect(run.done).toBe(10);
    expect(run.report().summary.claims).toBe(10);
    expect(run.finished).toBe(false);
  });
  it("a corrected column mapping is used: a header the validator does not know, mapped by the user", () => {
    const header = rows[0]!.map((h) => (h === "总费用" ? "费用合计（元）x" : h));
    const unmapped = new AuditRun(header, rows.slice(1, 3), { engine }).finish();
    expect(unmapped.rows[0]!.status).toBe("error");
    const mapped = new AuditRun(header, rows.slice(1, 3), { engine, mapping: { "费用合计（元）x": "total" } }).finish();
    expect(mapped.rows[0]!.status).toBe("ok");
  });
});

describe("submitted too late (申报超期)", () => {
  // NA 附件2 三、(五) 报销时限 is a blank for each place to fill in: no deadline unless the user supplies one.
  const header = ["编号", "参保地", "险种", "人员类别", "就医类型", "异地类别", "结算方式", "医院等级", "本年住院次数", "入院日期", "出院日期", "申报日期", "总费用"];
  const claim = (id: string, submitted: string) => [id, "兰州", "职工", "在职", "住院", "本地", "手工报销", "三级甲等", 1, "2020-05-06", "2020-05-19", submitted, 5000];
  it("without a deadline the audit says once that it could not check, and flags nothing", () => {
    const r = new AuditRun(header, [claim("A", "2020-06-01"), claim("B", "2022-06-01")], { engine }).finish();
    expect(r.rows.map((x) => x.status)).toEqual(["unchecked", "unchecked"]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]!.zh).toMatch(/2 笔.*未给出申报时限/);
  });
  it("with a deadline from a parameter table, a late claim is flagged with the dates", () => {
    const withDeadline = new Engine(builtinRegistry().withOverrides("local rule", [{ id: "lanzhou.manual.submissionDeadlineMonths", value: 6 }]));
    const r = new AuditRun(header, [claim("A", "2020-11-19"), claim("B", "2020-11-20")], { engine: withDeadline }).finish();
    expect(r.rows[0]!.status).toBe("unchecked");
    expect(r.rows[1]!.status).toBe("flagged");
    expect(r.rows[1]!.reasons[0]!.zh).toBe("申报超期：2020-05-19 出院（就诊），2020-11-20 申报，超过 6 个月的报销时限（截至 2020-11-19）");
    expect(r.notes).toEqual([]);
  });
});
