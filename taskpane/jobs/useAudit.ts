/**
 * The audit's state, held by the App (not the screen): a run goes on while the user looks at another
 * screen, its summary and results are still there when they come back, and every run of the session
 * is listed (time, source, counts, the sheets it wrote). The table is read again when a run starts,
 * so a run in Excel audits the sheet as it is now.
 */
import { startTransition, useCallback, useRef, useState } from "react";
import type { AuditReport } from "../../src/audit/audit";
import type { Engine } from "../../src/engine/settle";
import type { Lang, Text } from "../../src/text";
import { msg } from "../../src/messages";
import type { Batch } from "../batch";
import { batchProblem } from "../batch";
import type { TableData, Workbook } from "../workbook/types";
import { errorText } from "../components/Banner";
import { runAudit } from "./audit";
import { paneWorker, type PaneWorker } from "../worker/client";
import { decodeRows, type RowChunk } from "../worker/rows";
import { tallyRows } from "../rowTally";
import type { AuditJobArgs, AuditJobDone, SheetCall } from "../worker/protocol";
import { WorkerFileWorkbook } from "../workbook/workerFile";
import type { AuditRow } from "../../src/audit/audit";
import type { Override } from "../../src/params/registry";
import type { OutputSheet } from "../workbook/types";

export interface AuditStartOptions {
  lang: Lang;
  mask: boolean;
  reread?: (b: Batch) => void;
  /** The engine's parameters, for the worker to build the same engine (taskpane/engines.ts). */
  params?: { label: string; overrides: readonly Override[] };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
/** Rows per message when the page posts a table it read from Excel to the worker. */
const POST_ROWS = 2000;

/**
 * The audit in the worker: the table is the open file's source (standalone) or the rows the page
 * read from Excel, posted a chunk at a time; the result rows come back a chunk at a time; inside
 * Excel the worker's sheet writes come back as requests the page carries out on the workbook.
 */
async function auditInWorker(w: PaneWorker, wb: Workbook, b: Batch, o: AuditStartOptions, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<{ report: AuditReport; sheets: string[]; cancelled: boolean }> {
  const job = w.job();
  const rows: AuditRow[] = [];
  w.ch.listen(job, (kind, d) => {
    if (kind === "rows") {
      for (const r of decodeRows(d as RowChunk)) rows.push(r);
      tallyRows(rows, o.lang); // counted now, a chunk at a time, not all at once in the results list's first render
    }
    else if (kind === "progress") onProgress((d as { done: number }).done, (d as { total: number }).total);
  });
  const stop = () => void w.ch.request("cancel", { job });
  signal.addEventListener("abort", stop);
  let source: AuditJobArgs["source"];
  if (wb instanceof WorkerFileWorkbook) source = { sourceId: b.sourceId };
  else {
    // inside Excel: the rows the page read, to the worker; its sheet writes come back here
    const sheets = new Map<number, OutputSheet>();
    let handle = 1;
    w.ch.on("sheet", async (c: SheetCall) => {
      if (c.op === "new") {
        const s = await wb.newSheet(c.base);
        sheets.set(handle, s);
        return { handle: handle++, name: s.name };
      }
      const s = sheets.get(c.handle)!;
      if (c.op === "write") return s.write(c.row, c.col, c.values, c.formats);
      if (c.op === "format") return s.format(c.top, c.col, c.rows, c.width, c.f);
      if (c.op === "rename") return s.rename(c.base);
      return s.activate();
    });
    const d = b.data;
    for (let i = 0; i < Math.max(1, d.rows.length); i += POST_ROWS) {
      const lines = d.rowLines ? Int32Array.from(d.rowLines.slice(i, i + POST_ROWS)) : null;
      await w.ch.request("table", { id: job, ...(i === 0 ? { label: d.label, header: d.header, dateSystem: d.dateSystem } : {}), rows: d.rows.slice(i, i + POST_ROWS), lines }, lines ? [lines.buffer] : []);
      if (signal.aborted) {
        await w.ch.request("dropTable", { id: job });
        throw new DOMException("cancelled", "AbortError");
      }
      await tick();
    }
    source = { tableId: job };
  }
  try {
    const args: AuditJobArgs = { job, source, mapping: b.mapping, lang: o.lang, mask: o.mask, params: { label: o.params?.label ?? "", overrides: [...(o.params?.overrides ?? [])] } };
    const r = await w.ch.request<AuditJobDone>("audit", args);
    if (wb instanceof WorkerFileWorkbook) wb.noteSheets(r.sheets);
    return { report: { rows, summary: r.summary, notes: r.notes }, sheets: r.sheets, cancelled: r.cancelled };
  } finally {
    signal.removeEventListener("abort", stop);
    w.ch.forget(job);
  }
}

export interface AuditRecord {
  id: number;
  at: Date;
  source: string;
  /** The table and mapping the run audited (Explain opens its rows). */
  data: TableData;
  mapping: Record<string, string | null>;
  engine: Engine;
  report: AuditReport;
  /** Sheets this run wrote: summary, results. */
  sheets: string[];
  cancelled: boolean;
  lang: Lang;
}

export interface AuditJob {
  runs: AuditRecord[];
  /** The run shown (the latest unless the user picked another). */
  shown: AuditRecord | null;
  progress: { done: number; total: number } | null;
  error: Text | null;
  start(wb: Workbook, batch: Batch, engine: Engine, o: AuditStartOptions): Promise<void>;
  cancel(): void;
  show(id: number): void;
}

export function useAuditJob(): AuditJob {
  const [runs, setRuns] = useState<AuditRecord[]>([]);
  const [shownId, setShownId] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const abort = useRef<AbortController | null>(null);
  const next = useRef(1);

  const start = useCallback(async (wb: Workbook, batch: Batch, engine: Engine, o: AuditStartOptions) => {
    if (abort.current) return;
    setError(null);
    const ctl = (abort.current = new AbortController());
    setProgress({ done: 0, total: batch.data.rows.length });
    try {
      // read the table again: in Excel the user may have changed it since it was chosen
      let b = batch;
      if (wb.mode === "excel") {
        const data = await wb.read(batch.sourceId, undefined, ctl.signal);
        b = { ...batch, data };
        o.reread?.(b);
      }
      const problem = batchProblem(b);
      if (problem) {
        setError(problem.title);
        return;
      }
      // transitions: React renders them in slices, so a render never holds the page's thread for long
      const onProgress = (done: number, total: number) => startTransition(() => setProgress({ done, total }));
      // the worker when it runs (a standalone file opened in it, or inside Excel), else here in chunks
      const w = wb instanceof WorkerFileWorkbook ? wb.worker : wb.mode === "excel" ? await paneWorker() : null;
      const r = w ? await auditInWorker(w, wb, b, o, ctl.signal, onProgress) : await runAudit(wb, b.data, { engine, lang: o.lang, mask: o.mask, mapping: b.mapping, signal: ctl.signal, onProgress });
      const rec: AuditRecord = { id: next.current++, at: new Date(), source: b.data.label, data: b.data, mapping: b.mapping, engine, report: r.report, sheets: r.sheets, cancelled: r.cancelled, lang: o.lang };
      startTransition(() => {
        setRuns((old) => [...old, rec]);
        setShownId(rec.id);
      });
    } catch (e) {
      setError(errorText(e, msg("pane.audit.failed")));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }, []);

  const cancel = useCallback(() => abort.current?.abort(), []);
  const shown = runs.find((r) => r.id === shownId) ?? runs.at(-1) ?? null;
  return { runs, shown, progress, error, start, cancel, show: setShownId };
}
