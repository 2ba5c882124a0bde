/**
 * 核查 Audit: choose the claims table and run. Every claim is validated and recomputed; where the
 * submitted amounts differ from the recomputation by more than 0.01 the claim is flagged with the
 * reason in words. The results go to new sheets (never over the user's data) in chunks, with a
 * progress bar and a cancel button. The screen says how the run ended in one banner (green only when
 * every claim was audited), shows the core's summary, lists every claim (claimed → recomputed per
 * layer, the reason) and keeps the runs of the session. The run lives in the App, so it goes on and
 * stays shown when the user switches screens.
 */
import { Button, Card, Checkbox, makeStyles, mergeClasses, ProgressBar, Switch, Text, tokens } from "@fluentui/react-components";
import type { AuditRow, AuditSummary } from "../../src/audit/audit";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import { batchProblem, type Batch } from "../batch";
import { DataSource } from "../components/DataSource";
import { ParamSource, type LoadedParams } from "../components/ParamSource";
import { Banner, type BannerIntent } from "../components/Banner";
import { ResultsList } from "../components/ResultsList";
import type { AuditJob, AuditRecord } from "../jobs/useAudit";
import { rowLabel } from "../jobs/audit";
import { clock, count, yuan } from "../format";
import { joinList, joinListTexts, msg, type MessageKey, type MessageParams } from "../../src/messages";
import { useState } from "react";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  reason: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  card: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  stats: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(128px, 1fr))", gap: "8px 12px" },
  stat: { display: "flex", flexDirection: "column", gap: "0", minWidth: 0, borderLeft: `3px solid ${tokens.colorNeutralStroke2}`, paddingLeft: "6px" },
  statLabel: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  statValue: { fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" },
  good: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  bad: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warn: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  download: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  runs: { display: "flex", flexDirection: "column", gap: "4px" },
  run: { display: "flex", flexWrap: "wrap", gap: "2px 10px", alignItems: "baseline", minWidth: 0, overflowWrap: "anywhere", textAlign: "left", justifyContent: "flex-start", height: "auto", paddingTop: "4px", paddingBottom: "4px" },
});

export interface AuditScreenProps {
  wb: Workbook | null;
  batch: Batch | null;
  setBatch: (b: Batch | null) => void;
  mask: boolean;
  setMask: (m: boolean) => void;
  params: LoadedParams | null;
  setParams: (p: LoadedParams | null) => void;
  audit: AuditJob;
  /** Start a run on the batch with the current settings. */
  onRun: () => void;
  onExplain: (run: AuditRecord, row: AuditRow) => void;
  /** Standalone mode: download this run's sheets, or every result sheet of the session. */
  onDownload?: (run: AuditRecord, all: boolean) => void;
  /** Result sheets made so far this session (standalone), for the "all" choice. */
  sheetsMade?: number;
  /** A download being written: rows done of all (its own progress bar and cancel). */
  saving?: { done: number; total: number } | null;
  onCancelDownload?: () => void;
  /** How the last download ended when it did not hand a file over (cancelled, failed). */
  saveNote?: { intent: BannerIntent; title: string; lines: string[] } | null;
}

/** How a run ended, for the banner: green only when every claim was audited. */
export function outcome(run: AuditRecord): { intent: BannerIntent; title: MessageKey; lines: { key: MessageKey; params?: MessageParams }[] } {
  const s = run.report.summary;
  const sheets = { sheets: joinListTexts(run.sheets.map((sheet) => msg("pane.audit.sheetName", { sheet }))) };
  if (run.cancelled) return { intent: "warning", title: "pane.audit.cancelled", lines: [{ key: "pane.audit.cancelledWhat", params: { n: count(s.claims), ...sheets } }] };
  if (s.claims === 0) return { intent: "error", title: "pane.audit.nothing", lines: [{ key: "pane.audit.nothingWhat" }] };
  if (s.errors === s.claims) return { intent: "error", title: "pane.audit.allErrors", lines: [{ key: "pane.audit.allErrorsWhat", params: { n: count(s.errors) } }] };
  if (s.errors > 0) return { intent: "warning", title: "pane.audit.someErrors", lines: [{ key: "pane.audit.someErrorsWhat", params: { n: count(s.errors), claims: count(s.claims), ...sheets } }] };
  return { intent: "success", title: "pane.audit.done", lines: [{ key: "pane.audit.doneWhat", params: { n: count(s.claims), ...sheets } }] };
}

export function AuditScreen(props: AuditScreenProps) {
  const { s: say, lang } = useT();
  const s = useStyles();
  const [all, setAll] = useState(false);
  const { wb, batch, audit } = props;
  const problem = batch ? batchProblem(batch) : null;
  const busy = !!audit.progress;
  const why = !wb ? say("pane.audit.needSource") : !batch ? say("pane.audit.needSource") : problem ? say("pane.audit.needFix") : busy ? say("pane.audit.running") : "";
  const run = audit.shown;
  const sum = run?.report.summary;
  const end = run ? outcome(run) : null;

  return (
    <div className={s.root}>
      <DataSource wb={wb} batch={batch} setBatch={props.setBatch} />
      <ParamSource wb={wb} value={props.params} onChange={props.setParams} />
      <div className={s.actions}>
        <Button appearance="primary" disabled={!!why} onClick={props.onRun} data-testid="run-audit">
          {say("pane.audit.run")}
        </Button>
        {busy && (
          <Button onClick={audit.cancel} data-testid="cancel">
            {say("pane.audit.cancel")}
          </Button>
        )}
        <Switch checked={props.mask} onChange={(_, d) => props.setMask(d.checked)} label={say("pane.audit.mask")} />
      </div>
      {why && !busy && (
        <Text size={200} className={s.reason} data-testid="run-disabled-reason">
          {why}
        </Text>
      )}
      {audit.progress && (
        <div>
          <ProgressBar value={audit.progress.total ? audit.progress.done / audit.progress.total : 0} aria-label={say("pane.audit.progress")} />
          <Text size={200}>{say("pane.audit.progressText", { done: count(audit.progress.done), total: count(audit.progress.total) })}</Text>
        </div>
      )}
      {audit.error && <Banner intent="error" title={audit.error[lang]} lines={[say("pane.audit.failedWhat")]} testId="audit-error" />}
      {run && sum && end && (
        <Card data-testid="audit-summary" className={s.card}>
          <Banner intent={end.intent} title={say(end.title)} lines={end.lines.map((l) => say(l.key, l.params))} testId="audit-outcome" />
          <Text size={200} className={s.reason}>
            {say("pane.audit.runOf", { time: clock(run.at), source: run.source })}
          </Text>
          <Stats sum={sum} />
          {run.report.notes.map((n, i) => (
            <Text key={i} size={200} block>
              {n[lang]}
            </Text>
          ))}
          {props.onDownload && (
            <div className={s.download}>
              <Button appearance="primary" onClick={() => props.onDownload!(run, all)} data-testid="download" disabled={!!props.saving}>
                {say("pane.audit.download")}
              </Button>
              {props.saving && (
                <Button onClick={props.onCancelDownload} data-testid="cancel-download">
                  {say("worker.download.cancel")}
                </Button>
              )}
              {(props.sheetsMade ?? 0) > run.sheets.length && (
                <Checkbox checked={all} onChange={(_, d) => setAll(!!d.checked)} label={say("pane.audit.downloadAll", { n: props.sheetsMade ?? 0 })} data-testid="download-all" />
              )}
            </div>
          )}
          {props.saving && (
            <div>
              <ProgressBar value={props.saving.total ? props.saving.done / props.saving.total : undefined} aria-label={say("worker.download.progress")} data-testid="download-progress" />
              <Text size={200}>{say("worker.download.progressText", { done: count(props.saving.done), total: count(props.saving.total) })}</Text>
            </div>
          )}
          {props.saveNote && <Banner intent={props.saveNote.intent} title={props.saveNote.title} lines={props.saveNote.lines} testId="download-note" />}
          {!props.onDownload && (
            <Text size={200} className={s.reason}>
              {say("pane.audit.inSheets", { sheets: joinList(lang, run.sheets) })}
            </Text>
          )}
          <ResultsList rows={run.report.rows} onOpen={(r) => props.onExplain(run, r)} rowLabel={rowLabel(lang, run.data.rowLines)} />
        </Card>
      )}
      {audit.runs.length > 0 && (
        <section aria-label={say("pane.audit.runs")} className={s.runs}>
          <Text weight="semibold">{say("pane.audit.runs")}</Text>
          {[...audit.runs].reverse().map((r) => (
            <Button key={r.id} appearance={r.id === run?.id ? "secondary" : "subtle"} className={s.run} onClick={() => audit.show(r.id)} data-testid="run-item" aria-pressed={r.id === run?.id}>
              <Text size={200}>{clock(r.at)}</Text>
              <Text size={200}>{r.source}</Text>
              <Text size={200}>{say("pane.audit.runCounts", { claims: count(r.report.summary.claims), ok: count(r.report.summary.ok), flagged: count(r.report.summary.flagged), errors: count(r.report.summary.errors) })}</Text>
              {r.cancelled && <Text size={200}>{say("pane.audit.runCancelled")}</Text>}
            </Button>
          ))}
        </section>
      )}
    </div>
  );
}

function Stats(props: { sum: AuditSummary }) {
  const { s: say } = useT();
  const s = useStyles();
  const sum = props.sum;
  const items: { label: MessageKey; value: string; tone?: "good" | "bad" | "warn"; id: string }[] = [
    { label: "pane.stat.claims", value: count(sum.claims), id: "stat-claims" },
    { label: "pane.stat.ok", value: count(sum.ok), tone: "good", id: "stat-ok" },
    { label: "pane.stat.flagged", value: count(sum.flagged), tone: sum.flagged ? "bad" : undefined, id: "stat-flagged" },
    { label: "pane.stat.errors", value: count(sum.errors), tone: sum.errors ? "warn" : undefined, id: "stat-errors" },
    { label: "pane.stat.unchecked", value: count(sum.unchecked), id: "stat-unchecked" },
    { label: "pane.stat.claimed", value: yuan(sum.claimedFund), id: "stat-claimed" },
    { label: "pane.stat.recomputed", value: yuan(sum.recomputedFund), id: "stat-recomputed" },
    { label: "pane.stat.difference", value: yuan(sum.totalDifference), tone: sum.totalDifference ? "bad" : undefined, id: "stat-difference" },
  ];
  return (
    <div className={s.stats}>
      {items.map((x) => (
        <div key={x.id} className={mergeClasses(s.stat, x.tone && s[x.tone])}>
          <Text size={200} className={s.statLabel}>
            {say(x.label)}
          </Text>
          <Text weight="semibold" className={s.statValue} data-testid={x.id}>
            {x.value}
          </Text>
        </div>
      ))}
    </div>
  );
}
