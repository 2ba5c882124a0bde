/**
 * The audit as the pane runs it: the core's AuditRun a chunk at a time, each chunk's result rows
 * written to a new sheet with one values assignment and one sync, the event loop given back between
 * chunks (the pane stays responsive, the cancel button works). Two new sheets, never the user's:
 * the summary on its own sheet, and the results with only their header row frozen, an autofilter,
 * amounts with thousands separators and two decimals, and columns fitted to their contents.
 * Cancelled, both sheets are renamed "… (未完成)" and the summary says how far it got.
 */
import { AuditRun, type AuditReport, type AuditRow } from "../../src/audit/audit";
import { fitWidths, RESULT_FORMATS, RESULT_HEADERS, resultTable, rowCells, STATUS_TEXT, summaryBlocks, TEXT_FORMAT } from "../../src/audit/report";
import type { Engine } from "../../src/engine/settle";
import { say } from "../../src/messages";
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
  /** Each chunk's audit rows as they are made (the worker hands them to the page). */
  onRows?: (rows: AuditRow[]) => void;
}

export interface AuditJobResult {
  report: AuditReport;
  /** The results sheet. */
  sheet: string;
  /** Every sheet this run made (summary, results), in order. */
  sheets: string[];
  cancelled: boolean;
}

const nextTick = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * How the pane names a row in messages: the line or sheet row the user sees in the file when the reader
 * knows it (title rows and blank lines counted), else its row in the table, the header being row 1.
 */
export const rowLabel =
  (lang: Lang, lines?: readonly number[]) =>
  (i: number): string =>
    say(lang, "pane.rowLabel", { n: lines?.[i] ?? i + 2 });

export async function runAudit(wb: Workbook, data: TableData, o: AuditJobOptions): Promise<AuditJobResult> {
  // a sheet's date cells are serials of the workbook's date system, as it was when they were read
  const run = new AuditRun(data.header, data.rows, { engine: o.engine, mapping: o.mapping, rowLabel: rowLabel(o.lang, data.rowLines), dateSystem: data.dateSystem });
  const summarySheet = await wb.newSheet(say(o.lang, "audit.sheet.summary"));
  const sheet = await wb.newSheet(say(o.lang, "audit.sheet.results"));
  const ro = { lang: o.lang, mask: o.mask, numbers: true };
  const header = resultTable({ rows: [], summary: run.report().summary, notes: [] }, ro)[0]!;
  await sheet.write(0, 0, [header], header.map(() => TEXT_FORMAT));
  const widths = fitWidths([header], 8, 60);
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
      const cells = rows.map((r) => rowCells(r, ro));
      fitWidths(cells, 8, 60, widths);
      await sheet.write(1 + written, 0, cells, [...RESULT_FORMATS]);
      written += rows.length;
      o.onRows?.(rows);
    }
    o.onProgress?.(run.done, run.total);
    await nextTick();
  }
  const report = run.report();
  const statusCol = RESULT_HEADERS.indexOf("status");
  await sheet.format(0, 0, written + 1, header.length, {
    headerRow: true,
    autoFilter: true,
    highlights: [
      { column: statusCol, text: STATUS_TEXT.flagged[o.lang], fill: "#FDE7E9", font: "#A4262C" },
      { column: statusCol, text: STATUS_TEXT.error[o.lang], fill: "#FFF4CE" },
      { column: statusCol, text: STATUS_TEXT.ok[o.lang], fill: "#DFF6DD" },
    ],
    nonZeroRed: [RESULT_HEADERS.indexOf("difference")],
    widths,
  });

  // the summary sheet: blocks of text, counts and amounts, each with its number format
  let at = 0;
  const blocks = summaryBlocks(report, ro, data.label);
  if (cancelled) blocks.splice(1, 0, { rows: [[say(o.lang, "audit.summary.state"), say(o.lang, "audit.summary.cancelled", { done: run.done, total: run.total })]], formats: [TEXT_FORMAT, TEXT_FORMAT] });
  const final = cancelled ? await sheet.rename(say(o.lang, "audit.sheet.partial", { name: sheet.name })) : sheet.name;
  blocks.splice(cancelled ? 2 : 1, 0, { rows: [[say(o.lang, "audit.summary.results"), say(o.lang, "audit.summary.resultsSheet", { sheet: final })]], formats: [TEXT_FORMAT, TEXT_FORMAT] });
  const all: unknown[][] = [];
  for (const b of blocks) {
    if (b.rows.length) await summarySheet.write(at, 0, b.rows, b.formats);
    at += b.rows.length;
    all.push(...b.rows);
  }
  await summarySheet.format(0, 0, at, 4, { widths: fitWidths(all, 12, 70) });
  if (cancelled) await summarySheet.rename(say(o.lang, "audit.sheet.partial", { name: summarySheet.name }));
  await sheet.activate();
  return { report, sheet: sheet.name, sheets: [summarySheet.name, sheet.name], cancelled };
}
