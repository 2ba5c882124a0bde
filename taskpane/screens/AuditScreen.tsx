/**
 * 核查 Audit: every claim of the chosen table is validated and recomputed; where the submitted amounts
 * differ from the recomputation by more than 0.01 the claim is flagged with the reason in words. The
 * results go to a new sheet (never over the user's data) in chunks, with a progress bar and a cancel
 * button; the summary is shown here too.
 */
import { useRef, useState } from "react";
import { Badge, Button, Card, makeStyles, MessageBar, MessageBarBody, ProgressBar, Switch, Text, tokens } from "@fluentui/react-components";
import { formatYuan } from "../../src/money";
import type { AuditReport } from "../../src/audit/audit";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { DataSource } from "../components/DataSource";
import { ParamSource, type LoadedParams } from "../components/ParamSource";
import { runAudit } from "../jobs/audit";
import { engineWith } from "../engines";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  stats: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(140px, 1fr))", gap: "6px 12px" },
  stat: { display: "flex", justifyContent: "space-between", gap: "8px" },
  flag: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: "8px", overflowWrap: "anywhere" },
  err: { borderLeft: `3px solid ${tokens.colorPaletteYellowBorder2}`, paddingLeft: "8px", overflowWrap: "anywhere" },
  list: { display: "flex", flexDirection: "column", gap: "6px", maxHeight: "340px", overflowY: "auto" },
});

export function AuditScreen(props: { wb: Workbook | null; batch: Batch | null; setBatch: (b: Batch | null) => void; mask: boolean; setMask: (m: boolean) => void; onWritten: () => void }) {
  const { t, lang } = useT();
  const s = useStyles();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ report: AuditReport; sheet: string; cancelled: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [params, setParams] = useState<LoadedParams | null>(null);
  const abort = useRef<AbortController | null>(null);
  const { wb, batch } = props;

  const start = async () => {
    if (!wb || !batch) return;
    setError(null);
    setResult(null);
    abort.current = new AbortController();
    setProgress({ done: 0, total: batch.data.rows.length });
    try {
      const engine = engineWith(params?.label ?? "", params?.overrides ?? []);
      const r = await runAudit(wb, batch.data, { engine, lang, mask: props.mask, mapping: batch.mapping, signal: abort.current.signal, onProgress: (done, total) => setProgress({ done, total }) });
      setResult(r);
      props.onWritten();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const sum = result?.report.summary;
  const flagged = result?.report.rows.filter((r) => r.status === "flagged" || r.status === "error") ?? [];
  return (
    <div className={s.root}>
      <DataSource wb={wb} batch={batch} setBatch={props.setBatch} />
      <ParamSource wb={wb} value={params} onChange={setParams} />
      <div className={s.actions}>
        <Button appearance="primary" disabled={!batch || !!progress} onClick={() => void start()}>
          {t({ zh: "开始核查", en: "Run the audit" })}
        </Button>
        {progress && (
          <Button onClick={() => abort.current?.abort()} data-testid="cancel">
            {t({ zh: "取消", en: "Cancel" })}
          </Button>
        )}
        <Switch checked={props.mask} onChange={(_, d) => props.setMask(d.checked)} label={t({ zh: "结果中隐去姓名和身份证号", en: "Mask names and ID numbers in results" })} />
      </div>
      {progress && (
        <div>
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} aria-label={t({ zh: "核查进度", en: "Audit progress" })} />
          <Text size={200}>{t({ zh: `已核查 ${progress.done} / ${progress.total} 行`, en: `${progress.done} of ${progress.total} rows` })}</Text>
        </div>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result && sum && (
        <Card data-testid="audit-summary">
          <MessageBar intent={result.cancelled ? "warning" : "success"}>
            <MessageBarBody>
              {result.cancelled
                ? t({ zh: `已取消。已核查部分写入新工作表“${result.sheet}”，原数据未改动。`, en: `Cancelled. The part audited is in the new sheet "${result.sheet}"; your data is unchanged.` })
                : t({ zh: `结果已写入新工作表“${result.sheet}”。`, en: `Results are in the new sheet "${result.sheet}".` })}
            </MessageBarBody>
          </MessageBar>
          <div className={s.stats}>
            <Stat label={t({ zh: "报销单数", en: "Claims" })} value={String(sum.claims)} testId="stat-claims" />
            <Stat label={t({ zh: "一致", en: "OK" })} value={String(sum.ok)} badge="success" testId="stat-ok" />
            <Stat label={t({ zh: "有差异", en: "Flagged" })} value={String(sum.flagged)} badge="danger" testId="stat-flagged" />
            <Stat label={t({ zh: "错误", en: "Errors" })} value={String(sum.errors)} badge="warning" testId="stat-errors" />
            <Stat label={t({ zh: "未申报金额", en: "No claimed amounts" })} value={String(sum.unchecked)} testId="stat-unchecked" />
            <Stat label={t({ zh: "申报基金支付", en: "Claimed fund" })} value={formatYuan(sum.claimedFund)} testId="stat-claimed" />
            <Stat label={t({ zh: "核算基金支付", en: "Recomputed fund" })} value={formatYuan(sum.recomputedFund)} testId="stat-recomputed" />
            <Stat label={t({ zh: "差额（申报−核算）", en: "Difference" })} value={formatYuan(sum.totalDifference)} testId="stat-difference" />
          </div>
          {result.report.notes.map((n, i) => (
            <Text key={i} size={200} block>
              {n[lang]}
            </Text>
          ))}
          {flagged.length > 0 && (
            <section aria-label={t({ zh: "有差异和错误的报销单", en: "Flagged and failed claims" })}>
              <Text weight="semibold" block>
                {t({ zh: `有差异和错误（前 ${Math.min(flagged.length, 200)} 笔）`, en: `Flagged and errors (first ${Math.min(flagged.length, 200)})` })}
              </Text>
              <div className={s.list}>
                {flagged.slice(0, 200).map((r) => (
                  <div key={r.index} className={r.status === "flagged" ? s.flag : s.err} data-testid="flag-row">
                    <Text weight="semibold">{r.id}</Text>{" "}
                    <Text size={200}>{[...r.reasons.map((x) => x[lang]), ...r.problems.map((p) => p.message[lang])].join(lang === "zh" ? "；" : "; ")}</Text>
                  </div>
                ))}
              </div>
            </section>
          )}
        </Card>
      )}
    </div>
  );
}

function Stat(props: { label: string; value: string; badge?: "success" | "danger" | "warning"; testId: string }) {
  const s = useStyles();
  return (
    <div className={s.stat}>
      <Text size={200}>{props.label}</Text>
      {props.badge ? (
        <Badge appearance="tint" color={props.badge} data-testid={props.testId}>
          {props.value}
        </Badge>
      ) : (
        <Text weight="semibold" data-testid={props.testId}>
          {props.value}
        </Text>
      )}
    </div>
  );
}
