/**
 * The audit as tables a person reads: one row per claim (recomputed layers, differences, reasons) and
 * a summary block. Shared by the command line (xlsx/csv/jsonl) and the task pane (new sheets).
 */
import { formatDay } from "../dates";
import { LAYERS } from "../engine/columns";
import { fenToNumber, formatYuan } from "../money";
import type { Lang, Text } from "../text";
import { COMPARED_LABELS, type AuditReport, type AuditRow, type AuditStatus } from "./audit";

export const STATUS_TEXT: Record<AuditStatus, Text> = {
  ok: { zh: "一致", en: "ok" },
  flagged: { zh: "有差异", en: "flagged" },
  error: { zh: "错误", en: "error" },
  unchecked: { zh: "未申报金额", en: "no claimed amounts" },
};

const H = {
  id: { zh: "编号", en: "Claim id" },
  name: { zh: "姓名", en: "Name" },
  status: { zh: "核查结果", en: "Status" },
  rule: { zh: "适用规则", en: "Rule" },
  versionDate: { zh: "政策版本日期", en: "Rule version date" },
  total: { zh: "总费用", en: "Total" },
  policyScope: { zh: "政策范围内费用", en: "Policy scope" },
  threshold: { zh: "起付线", en: "Threshold" },
  pooled: { zh: "统筹基金", en: "Pooled fund" },
  largeAmount: { zh: "大额医疗", en: "Large-amount" },
  supplementary: { zh: "补充险", en: "Supplementary" },
  seriousIllness: { zh: "大病保险", en: "Serious illness" },
  assistance: { zh: "医疗救助", en: "Assistance" },
  subsidy: { zh: "公务员补助", en: "Subsidy" },
  personal: { zh: "个人负担（目录内）", en: "Personal (in catalog)" },
  claimedFund: { zh: "申报基金支付合计", en: "Claimed fund total" },
  recomputedFund: { zh: "核算基金支付合计", en: "Recomputed fund total" },
  difference: { zh: "差额（申报−核算）", en: "Difference (claimed − recomputed)" },
  differences: { zh: "差异明细", en: "Differences" },
  reasons: { zh: "原因 / 错误", en: "Reasons / errors" },
} satisfies Record<string, Text>;

export const RESULT_HEADERS = Object.keys(H) as (keyof typeof H)[];

/** Mask an ID number as 110***********1234 (first 3, last 4); names as 张*. */
export function maskId(s: string | undefined): string {
  if (!s) return "";
  if (s.length <= 7) return s[0] + "*".repeat(Math.max(s.length - 1, 0));
  return s.slice(0, 3) + "*".repeat(s.length - 7) + s.slice(-4);
}
export function maskName(s: string | undefined): string {
  if (!s) return "";
  return [...s][0] + "*".repeat(Math.max([...s].length - 1, 1));
}

export interface ReportOptions {
  lang: Lang;
  /** Mask names and ID numbers (on by default in exports). */
  mask: boolean;
  /** Amounts as numbers (for sheets) or as "0.00" strings (for text files). */
  numbers: boolean;
}

export function rowCells(r: AuditRow, o: ReportOptions): unknown[] {
  const money = (f: number | undefined) => (f === undefined || Number.isNaN(f) ? null : o.numbers ? fenToNumber(f) : formatYuan(f));
  const res = r.result;
  const ok = res?.ok;
  const fundCmp = r.comparisons.filter((c) => (LAYERS as readonly string[]).includes(c.field));
  const claimedFund = fundCmp.length ? fundCmp.reduce((a, c) => a + c.claimed, 0) : undefined;
  const recomputedFund = ok && fundCmp.length ? fundCmp.reduce((a, c) => a + c.recomputed, 0) : undefined;
  const name = r.claim?.name ?? "";
  return [
    r.id,
    o.mask ? maskName(name) : name,
    STATUS_TEXT[r.status][o.lang],
    res?.rule?.[o.lang] ?? "",
    res?.versionDate ?? "",
    money(r.claim?.total),
    ok ? money(res!.policyScope) : null,
    ok ? money(res!.threshold) : null,
    ...LAYERS.map((l) => (ok ? money(res!.layers[l]) : null)),
    ok ? money(res!.personal) : null,
    money(claimedFund),
    money(recomputedFund),
    claimedFund !== undefined && recomputedFund !== undefined ? money(claimedFund - recomputedFund) : null,
    r.flagged.map((c) => `${COMPARED_LABELS[c.field][o.lang]} ${formatYuan(c.claimed)} → ${formatYuan(c.recomputed)}`).join(o.lang === "zh" ? "；" : "; "),
    [...r.reasons.map((t) => t[o.lang]), ...r.problems.map((p) => p.message[o.lang]), ...r.notCompared.map((x) => x.message[o.lang])].join(o.lang === "zh" ? "；" : "; "),
  ];
}

export function resultTable(report: AuditReport, o: ReportOptions): unknown[][] {
  return [RESULT_HEADERS.map((h) => H[h][o.lang]), ...report.rows.map((r) => rowCells(r, o))];
}

export function summaryTable(report: AuditReport, o: ReportOptions, source?: string): unknown[][] {
  const s = report.summary;
  const money = (f: number) => (o.numbers ? fenToNumber(f) : formatYuan(f));
  const zh = o.lang === "zh";
  const rows: unknown[][] = [
    [zh ? "医保核算：手工报销核查汇总" : "Claims audit summary", ""],
    [zh ? "来源" : "Source", source ?? ""],
    [zh ? "核查日期" : "Audited on", formatDay(Math.floor(Date.now() / 86_400_000))],
    [zh ? "报销单数" : "Claims", s.claims],
    [zh ? "一致" : "OK", s.ok],
    [zh ? "有差异" : "Flagged", s.flagged],
    [zh ? "错误（无法核算）" : "Errors (not computable)", s.errors],
    [zh ? "未申报金额（仅核算）" : "No claimed amounts (recomputed only)", s.unchecked],
    [zh ? "申报基金支付合计" : "Claimed fund payments", money(s.claimedFund)],
    [zh ? "核算基金支付合计" : "Recomputed fund payments", money(s.recomputedFund)],
    [zh ? "差额合计（申报−核算）" : "Total difference (claimed − recomputed)", money(s.totalDifference)],
    [],
    [zh ? "基金" : "Fund", zh ? "申报" : "Claimed", zh ? "核算" : "Recomputed", zh ? "差额" : "Difference"],
  ];
  for (const l of LAYERS) {
    const b = s.byLayer[l];
    if (b.claimed === 0 && b.recomputed === 0) continue;
    rows.push([COMPARED_LABELS[l][o.lang], money(b.claimed), money(b.recomputed), money(b.claimed - b.recomputed)]);
  }
  if (report.notes.length) rows.push([], [zh ? "未核查事项" : "Not checked"], ...report.notes.map((n) => [n[o.lang]]));
  return rows;
}
