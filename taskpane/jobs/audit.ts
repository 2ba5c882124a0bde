/**
 * The audit as the pane runs it: the core's AuditRun a chunk at a time, each chunk's result rows
 * written to a new sheet with one values assignment and one sync, the event loop given back between
 * chunks (the pane stays responsive, the cancel button works). Cancelled, the new sheet is renamed
 * "… (未完成)" and says how far it got; nothing else in the workbook changes.
 */
import { AuditRun, type AuditReport } from "../../src/audit/audit";
import { RESULT_HEADERS, resultTable, rowCells, STATUS_TEXT, summaryTable } from "../../src/audit/report";
import type { Engine } from "../../src/engine/settle";
import type { Lang } from "../../src/text";
import type { TableData, Workbook } from "../workbook/types";

export interface AuditJobOptions {
  engine: Engine;
  lang: Lang;
  /** Mask names and ID numbers in the result sheet (on by default). */
  mask: boolean;
  mapping?: Readonly<Record<string, string | null>>;
  /** Claims per chunk (one write and one sync each). */
  chunk?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditJobResult {
  report: AuditReport;
  sheet: string;
  cancelled: boolean;
}

/** Rows kept free above the results for the summary block. */
export const SUMMARY_ROWS = 26;

const MONEY = new Set(["total", "policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "claimedFund", "recomputedFund", "difference"]);
export const RESULT_FORMATS = RESULT_HEADERS.map((h) => (MONEY.has(h) ? "0.00" : "@"));

const nextTick = () => new Promise<void>((r) => setTimeout(r, 0));

export async function runAudit(wb: Workbook, data: TableData, o: AuditJobOptions): Promise<AuditJobResult> {
  const zh = o.lang === "zh";
  const labels = data.rowLabels;
  const run = new AuditRun(data.header, data.rows, { engine: o.engine, mapping: o.mapping, rowLabel: labels ? (i) => labels[i] ?? `row ${i + 2}` : undefined });
  const sheet = await wb.newSheet(zh ? "核查结果" : "Audit results");
  const ro = { lang: o.lang, mask: o.mask, numbers: true };
  const header = resultTable({ rows: [], summary: run.report().summary, notes: [] }, ro)[0]!;
  const top = SUMMARY_ROWS;
  await sheet.write(top, 0, [header], header.map(() => "@"));
  let written = 0;
  let cancelled = false;
  const chunk = o.chunk ?? 5000;
  while (!run.finished) {
    if (o.signal?.aborted) {
      cancelled = true;
      break;
    }
    const rows = run.step(chunk);
    if (rows.length) {
      await sheet.write(top + 1 + written, 0, rows.map((r) => rowCells(r, ro)), RESULT_FORMATS);
      written += rows.length;
    }
    o.onProgress?.(run.done, run.total);
    await nextTick();
  }
  const report = run.report();
  const summary = summaryTable(report, ro, data.label);
  if (cancelled) summary.splice(1, 0, [zh ? "状态" : "State", zh ? `已取消：已核查 ${run.done} / ${run.total} 行，以下为已核查部分` : `Cancelled: ${run.done} of ${run.total} rows audited; the figures cover those rows only`]);
  await sheet.write(0, 0, summary.slice(0, SUMMARY_ROWS - 1));
  const statusCol = RESULT_HEADERS.indexOf("status");
  await sheet.format(top, 0, written + 1, header.length, {
    headerRow: true,
    highlights: [
      { column: statusCol, text: STATUS_TEXT.flagged[o.lang], fill: "#FDE7E9", font: "#A4262C" },
      { column: statusCol, text: STATUS_TEXT.error[o.lang], fill: "#FFF4CE" },
      { column: statusCol, text: STATUS_TEXT.ok[o.lang], fill: "#DFF6DD" },
    ],
    nonZeroRed: [RESULT_HEADERS.indexOf("difference")],
    // the first column also holds the summary's labels
    widths: RESULT_HEADERS.map((h) => (h === "reasons" || h === "differences" ? 60 : h === "rule" ? 28 : h === "id" ? 26 : 14)),
  });
  if (cancelled) await sheet.rename(`${sheet.name}${zh ? "（未完成）" : " (partial)"}`);
  await sheet.activate();
  return { report, sheet: sheet.name, cancelled };
}
