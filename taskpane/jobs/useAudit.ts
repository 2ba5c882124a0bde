/**
 * The audit's state, held by the App (not the screen): a run goes on while the user looks at another
 * screen, its summary and results are still there when they come back, and every run of the session
 * is listed (time, source, counts, the sheets it wrote). The table is read again when a run starts,
 * so a run in Excel audits the sheet as it is now.
 */
import { useCallback, useRef, useState } from "react";
import type { AuditReport } from "../../src/audit/audit";
import type { Engine } from "../../src/engine/settle";
import type { Lang, Text } from "../../src/text";
import { msg } from "../../src/messages";
import type { Batch } from "../batch";
import { batchProblem } from "../batch";
import type { TableData, Workbook } from "../workbook/types";
import { errorText } from "../components/Banner";
import { runAudit } from "./audit";

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
  start(wb: Workbook, batch: Batch, engine: Engine, o: { lang: Lang; mask: boolean; reread?: (b: Batch) => void }): Promise<void>;
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

  const start = useCallback(async (wb: Workbook, batch: Batch, engine: Engine, o: { lang: Lang; mask: boolean; reread?: (b: Batch) => void }) => {
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
      const r = await runAudit(wb, b.data, { engine, lang: o.lang, mask: o.mask, mapping: b.mapping, signal: ctl.signal, onProgress: (done, total) => setProgress({ done, total }) });
      const rec: AuditRecord = { id: next.current++, at: new Date(), source: b.data.label, data: b.data, mapping: b.mapping, engine, report: r.report, sheets: r.sheets, cancelled: r.cancelled, lang: o.lang };
      setRuns((old) => [...old, rec]);
      setShownId(rec.id);
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
