/**
 * The Model screen's runs, off the page's thread: in the pane's worker (the standalone file opened
 * there, or inside Excel the table the page read, posted to it once per table), else on the page
 * in steps (a host without a worker). A run has a progress bar and a Cancel; a newer run (the
 * analyst moved another ratio) cancels the one before it, so only the latest figures are shown.
 */
import { startTransition, useCallback, useRef, useState } from "react";
import type { Engine } from "../../src/engine/settle";
import type { Dimension } from "../../src/scenario/compare";
import type { Override } from "../../src/params/registry";
import type { Lang, Text } from "../../src/text";
import { msg } from "../../src/messages";
import type { Batch } from "../batch";
import type { TableData, Workbook } from "../workbook/types";
import { WorkerFileWorkbook } from "../workbook/workerFile";
import { paneWorker, type PaneWorker } from "../worker/client";
import type { ModelJobArgs } from "../worker/protocol";
import { errorText } from "../components/Banner";
import { ModelSession, type ModelOutcome } from "./modelRun";

export interface ModelRequest {
  batch: Batch;
  lang: Lang;
  base: { label: string; overrides: readonly Override[]; engine: Engine };
  /** Null: the scenario is the baseline. */
  scen: { label: string; overrides: readonly Override[]; engine: Engine } | null;
  /** False: only the batch's facts (a field is refused, no figure is shown). */
  compute: boolean;
  dimension: Dimension;
  weightColumn: string;
}

export interface ModelJob {
  /** The latest run's answer, for the table it was run on (null while a run on a new table goes on). */
  outcome: ModelOutcome | null;
  /** The request whose run gave `outcome`. */
  request: ModelRequest | null;
  progress: { done: number; total: number } | null;
  error: Text | null;
  /** The user cancelled the last run (no figures until the next). */
  cancelled: boolean;
  run(wb: Workbook | null, r: ModelRequest): void;
  cancel(): void;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
/** Rows per message when the page posts a table it read from Excel to the worker. */
const POST_ROWS = 2000;
const isAbort = (e: unknown) => typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";

/** A number per table object, so a session knows the table it prepared. */
const tableIds = new WeakMap<TableData, number>();
let nextTable = 1;
const tableId = (d: TableData) => {
  let id = tableIds.get(d);
  if (id === undefined) tableIds.set(d, (id = nextTable++));
  return id;
};

export function useModelJob(): ModelJob {
  const [outcome, setOutcome] = useState<{ data: TableData; o: ModelOutcome; r: ModelRequest | null } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<AbortController | null>(null);
  const local = useRef<ModelSession | null>(null);
  const posted = useRef<{ w: PaneWorker; data: TableData; id: number } | null>(null);

  const run = useCallback((wb: Workbook | null, r: ModelRequest) => {
    current.current?.abort();
    const ctl = new AbortController();
    current.current = ctl;
    const data = r.batch.data;
    // the figures of an earlier run are never shown with new settings: only the batch's facts stay
    setOutcome((old) => (old && old.data === data ? { data, o: { info: old.o.info, result: null }, r: null } : null));
    setError(null);
    setCancelled(false);
    setProgress({ done: 0, total: 1 });
    const onProgress = (done: number, total: number) => {
      if (!ctl.signal.aborted) startTransition(() => setProgress({ done, total }));
    };
    void (async () => {
      try {
        const w = wb instanceof WorkerFileWorkbook ? wb.worker : wb?.mode === "excel" ? await paneWorker() : null;
        let o: ModelOutcome;
        if (w) o = await inWorker(w, wb!, r, ctl.signal, onProgress);
        else {
          const s = (local.current ??= new ModelSession());
          await s.use(`${tableId(data)}|${r.lang}|${JSON.stringify(r.batch.mapping)}`, () => data, r.batch.mapping);
          o = await s.run({ base: r.base.engine, scen: r.scen?.engine ?? null, compute: r.compute, dimension: r.dimension, weightColumn: r.weightColumn, lang: r.lang, signal: ctl.signal, onProgress });
        }
        if (ctl.signal.aborted) return;
        // a transition: React renders the tables and charts in slices, so no one task of the page holds them all
        startTransition(() => setOutcome({ data, o, r }));
      } catch (e) {
        if (ctl.signal.aborted || isAbort(e)) return;
        setError(errorText(e, msg("pane.model.failed")));
      } finally {
        if (current.current === ctl) {
          current.current = null;
          setProgress(null);
        }
      }
    })();
  }, []);

  /** The worker's run: inside Excel the table goes over first (once per table read). */
  async function inWorker(w: PaneWorker, wb: Workbook, r: ModelRequest, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<ModelOutcome> {
    let source: ModelJobArgs["source"];
    if (wb instanceof WorkerFileWorkbook) source = { sourceId: r.batch.sourceId };
    else {
      const d = r.batch.data;
      if (posted.current?.data !== d || posted.current.w !== w) {
        if (posted.current) void posted.current.w.ch.request("dropTable", { id: posted.current.id });
        posted.current = null;
        const id = w.job();
        for (let i = 0; i < Math.max(1, d.rows.length); i += POST_ROWS) {
          const lines = d.rowLines ? Int32Array.from(d.rowLines.slice(i, i + POST_ROWS)) : null;
          await w.ch.request("table", { id, ...(i === 0 ? { label: d.label, header: d.header, dateSystem: d.dateSystem } : {}), rows: d.rows.slice(i, i + POST_ROWS), lines }, lines ? [lines.buffer] : []);
          onProgress(0, 1);
          if (signal.aborted) {
            await w.ch.request("dropTable", { id });
            throw new DOMException("cancelled", "AbortError");
          }
          await tick();
        }
        posted.current = { w, data: d, id };
      }
      source = { tableId: posted.current.id };
    }
    const job = w.job();
    w.ch.listen(job, (kind, d) => kind === "progress" && onProgress((d as { done: number }).done, (d as { total: number }).total));
    const stop = () => void w.ch.request("cancel", { job });
    signal.addEventListener("abort", stop);
    try {
      const args: ModelJobArgs = {
        job,
        source,
        mapping: r.batch.mapping,
        lang: r.lang,
        base: { label: r.base.label, overrides: [...r.base.overrides] },
        scen: r.scen ? { label: r.scen.label, overrides: [...r.scen.overrides] } : null,
        compute: r.compute,
        dimension: r.dimension,
        weightColumn: r.weightColumn,
      };
      return await w.ch.request<ModelOutcome>("model", args);
    } finally {
      signal.removeEventListener("abort", stop);
      w.ch.forget(job);
    }
  }

  const cancel = useCallback(() => {
    const c = current.current;
    if (!c) return;
    c.abort();
    current.current = null;
    setProgress(null);
    setCancelled(true);
  }, []);

  return { outcome: outcome?.o ?? null, request: outcome?.r ?? null, progress, error, cancelled, run, cancel };
}
