/**
 * Pick the claims table (the selection, a named table, or a sheet's used range): choosing it reads
 * it, so the next step is running (no separate "read"). Columns are mapped from their Chinese or
 * English headers automatically; the user corrects any column (or ignores it) and the correction
 * applies to every screen. A table that cannot be run says why here, through the one banner.
 */
import { memo, useEffect, useRef, useState } from "react";
import { Button, Field, makeStyles, ProgressBar, Select, Text, tokens } from "@fluentui/react-components";
import { useT } from "../i18n";
import type { Text as TextPair } from "../../src/text";
import type { SourceInfo, Workbook } from "../workbook/types";
import { batchProblem, claimRows, type Batch } from "../batch";
import { ColumnMapping } from "./ColumnMapping";
import { Banner, errorText } from "./Banner";
import { count } from "../format";
import { msg } from "../../src/messages";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  row: { display: "flex", gap: "6px", alignItems: "flex-end", flexWrap: "wrap" },
  // as wide as the longest source's name (in whatever font the pane gets): where that does not fit beside
  // the button it takes a row of its own
  grow: { flex: "1 1 auto", minWidth: 0, maxWidth: "100%" },
  select: { width: "100%", minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

// memo: a run's progress re-renders the screen many times; this part does not change with it
export const DataSource = memo(function DataSource(props: { wb: Workbook | null; batch: Batch | null; setBatch: (b: Batch | null) => void }) {
  const { s: say, t } = useT();
  const s = useStyles();
  const { wb, batch, setBatch } = props;
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<TextPair | null>(null);
  const ticket = useRef(0);

  const read = async (id: string) => {
    if (!wb || !id) return;
    const mine = ++ticket.current;
    setError(null);
    setReading({ done: 0, total: 1 });
    try {
      const data = await wb.read(id, (done, total) => mine === ticket.current && setReading({ done, total }));
      // the header decides the mapping, so a re-read of the same table keeps the user's corrections
      if (mine === ticket.current) setBatch({ sourceId: id, data, mapping: batch?.sourceId === id ? batch.mapping : {} });
    } catch (e) {
      if (mine === ticket.current) {
        setError(errorText(e));
        setBatch(null);
      }
    } finally {
      if (mine === ticket.current) setReading(null);
    }
  };

  const refresh = async (readDefault: boolean) => {
    if (!wb) return;
    setError(null);
    try {
      let list = await wb.listSources();
      // A selection read before stays listed as it was (its cells, its address) while it is the one
      // chosen: the new selection is another entry with its own address, picked only by the user.
      const pinned = batch && !list.some((x) => x.id === batch.sourceId) ? sources.find((x) => x.id === batch.sourceId && x.kind === "selection") : undefined;
      if (pinned) list = [pinned, ...list];
      setSources(list);
      const keep = batch && list.some((x) => x.id === batch.sourceId) ? batch.sourceId : null;
      const pick = keep ?? (list.find((x) => x.kind === "table") ?? list.find((x) => x.kind === "sheet") ?? list[0])?.id ?? "";
      if (!pick) {
        setBatch(null);
        setError(msg(wb.mode === "file" ? "pane.source.emptyFile" : "pane.source.none"));
        return;
      }
      if (readDefault && !keep) await read(pick);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    void refresh(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wb]);

  if (!wb) return <Text className={s.note}>{say("pane.source.openFirst")}</Text>;
  // in a file the sheet's name says it all: the file's name is shown above the tabs
  const fileName = (wb as { fileName?: string }).fileName;
  const shortLabel = (label: string) => (fileName && label.startsWith(`${fileName} · `) ? label.slice(fileName.length + 3) : label);
  const problem = batch ? batchProblem(batch) : null;
  const chosen = batch?.sourceId ?? "";
  return (
    <section aria-label={say("pane.source.region")} className={s.root}>
      <div className={s.row}>
        <Field className={s.grow} label={say("pane.source.label")}>
          <Select className={s.select} value={chosen} onChange={(_, d) => void read(d.value)} data-testid="source-select" disabled={!!reading}>
            {!chosen && <option value="">{say("pane.source.choose")}</option>}
            {sources.map((x) => (
              <option key={x.id} value={x.id}>
                {shortLabel(x.label)}
                {x.rows !== undefined ? say("pane.source.rows", { n: count(x.rows) }) : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void refresh(false).then(() => (chosen ? read(chosen) : undefined))} aria-label={say("pane.source.refreshLabel")} disabled={!!reading}>
          {say("pane.source.refresh")}
        </Button>
      </div>
      {reading && <ProgressBar value={reading.total ? reading.done / reading.total : undefined} aria-label={say("pane.source.reading")} />}
      {error && <Banner intent="error" title={t(error)} lines={[say("pane.source.readWhat"), say("pane.batch.nothingAudited")]} testId="read-error" />}
      {batch && (
        <>
          <Text size={200} className={s.note} data-testid="batch-info">
            {say("pane.source.read", { n: count(claimRows(batch.data)), source: batch.data.label })}
          </Text>
          {problem && <Banner intent="error" title={t(problem.title)} lines={problem.lines.map(t)} testId="batch-problem" />}
          {problem?.kind !== "empty" && problem?.kind !== "ownResults" && <ColumnMapping header={batch.data.header} mapping={batch.mapping} onChange={(mapping) => setBatch({ ...batch, mapping })} />}
        </>
      )}
    </section>
  );
});
