/**
 * Pick the claims table (the selection, a named table, or a sheet's used range), read it, and check
 * the column mapping: columns are mapped from their Chinese or English headers automatically; the
 * user corrects any column (or ignores it) and the correction applies to every screen.
 */
import { useEffect, useState } from "react";
import { Button, Field, makeStyles, ProgressBar, Select, Text, tokens, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useT } from "../i18n";
import type { SourceInfo, Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { ColumnMapping } from "./ColumnMapping";

const useStyles = makeStyles({
  row: { display: "flex", gap: "6px", alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flex: "1 1 180px", minWidth: 0, maxWidth: "100%" },
  select: { width: "100%", minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3 },
});

export function DataSource(props: { wb: Workbook | null; batch: Batch | null; setBatch: (b: Batch | null) => void }) {
  const { t } = useT();
  const s = useStyles();
  const { wb, batch, setBatch } = props;
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [chosen, setChosen] = useState<string>("");
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = async () => {
    if (!wb) return;
    setError(null);
    try {
      const list = await wb.listSources();
      setSources(list);
      setChosen((c) => (list.some((x) => x.id === c) ? c : (list.find((x) => x.kind === "table") ?? list[0])?.id ?? ""));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wb]);

  const read = async () => {
    if (!wb || !chosen) return;
    setError(null);
    setReading({ done: 0, total: 1 });
    try {
      const data = await wb.read(chosen, (done, total) => setReading({ done, total }));
      setBatch({ sourceId: chosen, data, mapping: {} });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setReading(null);
    }
  };

  if (!wb) return <Text className={s.note}>{t({ zh: "请先打开一个理赔文件。", en: "Open a claims file first." })}</Text>;
  return (
    <section aria-label={t({ zh: "理赔数据", en: "Claims data" })}>
      <div className={s.row}>
        <Field className={s.grow} label={t({ zh: "理赔数据来源", en: "Claims table" })}>
          <Select className={s.select} value={chosen} onChange={(_, d) => setChosen(d.value)} data-testid="source-select">
            {sources.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
                {x.rows !== undefined ? t({ zh: `（${x.rows} 行）`, en: ` (${x.rows} rows)` }) : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void refresh()} aria-label={t({ zh: "刷新来源列表", en: "Refresh the list" })}>
          {t({ zh: "刷新", en: "Refresh" })}
        </Button>
        <Button appearance={batch ? "secondary" : "primary"} disabled={!chosen || !!reading} onClick={() => void read()}>
          {t({ zh: "读取", en: "Read" })}
        </Button>
      </div>
      {reading && <ProgressBar value={reading.total ? reading.done / reading.total : undefined} aria-label={t({ zh: "读取进度", en: "Reading" })} />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {batch && (
        <>
          <Text size={200} className={s.note} data-testid="batch-info">
            {t({ zh: `已读取 ${batch.data.rows.length} 行：${batch.data.label}`, en: `${batch.data.rows.length} rows read: ${batch.data.label}` })}
          </Text>
          <ColumnMapping header={batch.data.header} mapping={batch.mapping} onChange={(mapping) => setBatch({ ...batch, mapping })} />
        </>
      )}
    </section>
  );
}
