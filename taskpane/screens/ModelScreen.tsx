/**
 * 测算 Model, an analyst's tool: choose a policy set and a date, edit parameters (or load an edited
 * parameter table), and see what the batch costs under the baseline and the scenario, by group, as
 * tables and charts, who gains and who loses, and the scenario checked against the Liaoning bounds.
 *
 * Every field is read as it is typed (src/scenario/input.ts) and refused in place, in the user's
 * language; while any field is refused (or a bare 83 waits for its question), the scenario does not
 * run and cannot be written: no figure is shown that the analyst did not ask for. Each person's later
 * claims of a year are re-settled in order under the scenario (src/scenario/year.ts); an optional
 * weight column grosses a sample up. The state lives in the App, so switching screens keeps it.
 */
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button, Dropdown, Field, Input, makeStyles, mergeClasses, Option, ProgressBar, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { formatDay, parseDay } from "../../src/dates";
import { paramTable, readParamTable, TABLE_HEADERS, type TableRow as ParamRow } from "../../src/params/table";
import { DIMENSIONS, DIMENSION_LABELS, type Dimension } from "../../src/scenario/compare";
import { BINS, type Impact } from "../../src/scenario/impact";
import { readTyped, type Typed } from "../../src/scenario/input";
import { boundsFrom, checkLiaoningBounds, shenyangTerms, type BoundsReport } from "../../src/policy/liaoningBounds";
import type { Override } from "../../src/params/registry";
import type { Unit } from "../../src/params/types";
import type { Text as Words } from "../../src/text";
import { msg, say as sayIn, type MessageKey, type MessageParams } from "../../src/messages";
import type { Lang } from "../../src/text";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { DataSource } from "../components/DataSource";
import { ParamSource, type LoadedParams } from "../components/ParamSource";
import { Banner } from "../components/Banner";
import { ChangeChart, DistributionChart, FundChart } from "../components/Charts";
import { baselineEngine, engineWith } from "../engines";
import { BIN_WORDS, writeComparison, type Change, type ModelFindings } from "../jobs/model";
import { useModelJob } from "../jobs/useModel";
import type { ModelInfo } from "../jobs/modelRun";
import { count, signedYuan, yuan } from "../format";
import { choiceWords, paramKeyWords, unitWords } from "../words";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  grow: { flex: "1 1 160px", minWidth: 0, maxWidth: "100%" },
  // a dropdown starts as wide as its longest option (in whatever font the pane gets): where that does not
  // fit beside the rest of its row it takes a row of its own
  pick: { flex: "1 1 auto", minWidth: 0, maxWidth: "100%" },
  control: { width: "100%", minWidth: 0 },
  params: { maxHeight: "340px", overflowY: "auto", overflowX: "hidden", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  // no content-visibility: auto here: Chromium settles each such row's "in view or not" in passes of
  // layout of their own, and as the list opened (or a slice of it came, see useRowsInSlices) that was
  // 25-150 layouts of the whole screen in one task, 60-100 ms of it; the rows come in slices instead
  paramRow: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(92px, 120px)", gap: "2px 8px", padding: "6px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, alignItems: "start" },
  paramLabel: { overflowWrap: "anywhere", minWidth: 0, display: "flex", flexDirection: "column" },
  paramInput: { minWidth: 0 },
  wide: { gridColumn: "1 / -1" },
  switchRow: { gridTemplateColumns: "minmax(0, 1fr)" },
  edited: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  invalid: { backgroundColor: tokens.colorPaletteRedBackground1 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  ask: { gridColumn: "1 / -1", display: "flex", gap: "6px", flexWrap: "wrap", alignItems: "center" },
  numbers: { overflowX: "auto", maxWidth: "100%" },
  // words are not broken inside a table: a narrow pane scrolls the table sideways in its own box instead
  table: { minWidth: "280px", maxWidth: "760px", overflowWrap: "normal", wordBreak: "normal", "& td, & th": { overflowWrap: "normal", wordBreak: "normal" } },
  wideTable: { minWidth: "360px" },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", overflowWrap: "normal", wordBreak: "normal" },
  numHead: { textAlign: "right", justifyContent: "flex-end" },
  breach: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  section: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
});

const SETS = ["lanzhou", "shenyang"] as const;
type SetId = (typeof SETS)[number];
const SET_LABEL: Record<SetId, MessageKey> = { lanzhou: "pane.model.setLanzhou", shenyang: "pane.model.setShenyang" };
const rowKey = (r: { id: string; key: string }) => `${r.id}|${r.key}`;

/** The model's settings and edits, held by the App so they outlive a switch of screens. */
export interface ModelState {
  set: SetId;
  date: string;
  dimension: Dimension;
  filter: string;
  edits: Record<string, string>;
  /** The answer to "is a bare 83 a percentage?" (asked once), undefined until asked. */
  bareAsPercent?: boolean;
  supplied: LoadedParams | null;
  scenarioTable: LoadedParams | null;
  weightColumn: string;
}

export function initialModelState(): ModelState {
  return { set: "lanzhou", date: formatDay(Math.floor(Date.now() / 86_400_000)), dimension: "scheme", filter: "", edits: {}, supplied: null, scenarioTable: null, weightColumn: "" };
}

/** A field as read: its canonical value, a question, or the reason it is refused (a catalog message). */
type FieldState = { row: ParamRow; typed: string; read: Typed };

function unitOf(r: ParamRow): Unit {
  return r.key.includes("@") ? "ratio" : (r.unit as Unit);
}


export function ModelScreen(props: { wb: Workbook | null; batch: Batch | null; setBatch: (b: Batch | null) => void; state: ModelState; setState: (f: (s: ModelState) => ModelState) => void; onWritten: (sheet: string) => void }) {
  const { s: say, t, lang } = useT();
  const s = useStyles();
  const { wb, batch, state } = props;
  const patch = (p: Partial<ModelState>) => props.setState((old) => ({ ...old, ...p }));
  // stable, so a row re-renders only when its own value, reading or message changes
  const { setState } = props;
  const edit = useCallback((k: string, value: string) => setState((old) => ({ ...old, edits: { ...old.edits, [k]: value } })), [setState]);
  const answer = useCallback((bareAsPercent: boolean) => setState((old) => ({ ...old, bareAsPercent })), [setState]);
  const [written, setWritten] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const day = parseDay(state.date);

  // the baseline: the documented values plus figures the user supplies (e.g. Shenyang's base)
  const baseEngine = useMemo(() => engineWith(state.supplied?.label ?? "", state.supplied?.overrides ?? []), [state.supplied]);
  // the table the analyst edits: the baseline plus a loaded scenario table, as in force on the date
  const editBase = useMemo(
    () => (state.scenarioTable ? engineWith((state.supplied?.label ?? "") + "+" + state.scenarioTable.label, [...(state.supplied?.overrides ?? []), ...state.scenarioTable.overrides]) : baseEngine),
    [baseEngine, state.scenarioTable, state.supplied],
  );
  const rows: ParamRow[] = useMemo(() => (day === null ? [] : paramTable(editBase.registry, state.set, day, lang)), [editBase, state.set, day, lang]);
  const baseRows = useMemo(() => new Map((day === null ? [] : paramTable(baseEngine.registry, state.set, day, lang)).map((r) => [rowKey(r), r])), [baseEngine, state.set, day, lang]);

  // every edited field, read as typed
  const fields: FieldState[] = useMemo(
    () => rows.filter((r) => state.edits[rowKey(r)] !== undefined && state.edits[rowKey(r)] !== r.value).map((r) => {
      const typed = state.edits[rowKey(r)]!;
      const read: Typed = r.unit === "switch" ? { kind: "ok", value: typed } : readTyped(unitOf(r), typed, { bareAsPercent: state.bareAsPercent });
      return { row: r, typed, read };
    }),
    [rows, state.edits, state.bareAsPercent],
  );
  // the readable ones through the parameter table's own validator (ids, keys, bands, dates)
  const { overrides, problems } = useMemo(() => {
    const ok = fields.filter((f) => f.read.kind === "ok");
    const byRow = new Map<string, string>();
    if (!ok.length) return { overrides: [] as Override[], problems: byRow };
    const cells = [[...TABLE_HEADERS.en], ...ok.map((f) => [f.row.id, f.row.key, f.row.from, (f.read as { value: string }).value, f.row.unit, f.row.label, f.row.source])];
    // A band is edited as part of its scale: the table reader takes band rows that do not give every
    // edge of the scale as a new scale with only those edges, so the untouched bands go along as they are.
    const scaleOf = (r: ParamRow) => `${r.id}|${r.key.slice(0, r.key.indexOf("@"))}`;
    const touched = new Set(ok.filter((f) => f.row.key.includes("@")).map((f) => scaleOf(f.row)));
    const edited = new Set(ok.map((f) => rowKey(f.row)));
    for (const r of rows) if (r.key.includes("@") && touched.has(scaleOf(r)) && !edited.has(rowKey(r)) && r.value !== "") cells.push([r.id, r.key, r.from, r.value, r.unit, r.label, r.source]);
    const res = readParamTable(editBase.registry, cells);
    for (const p of res.problems) {
      const f = ok[p.row - 2];
      // a value the reader refuses after input.ts accepted it: its words may be a library's, so say it plainly
      if (f) byRow.set(rowKey(f.row), p.column === "value" ? say("pane.input.rejected") : p.message[lang]);
    }
    return { overrides: res.overrides, problems: byRow };
  }, [fields, rows, editBase, lang, say]);
  const fieldOf = new Map(fields.map((f) => [rowKey(f.row), f]));
  const messageOf = (f: FieldState): string | null => (f.read.kind === "error" ? sayIn(lang, f.read.key, f.read.params) : (problems.get(rowKey(f.row)) ?? null));
  const invalid = fields.filter((f) => messageOf(f) !== null);
  const asking = state.bareAsPercent === undefined ? fields.filter((f) => f.read.kind === "ask") : [];
  const blocked = invalid.length > 0 || asking.length > 0 || day === null;

  const scenEngine = useMemo(
    () => (overrides.length || state.scenarioTable ? engineWith(say("pane.model.scenarioName"), [...(state.supplied?.overrides ?? []), ...(state.scenarioTable?.overrides ?? []), ...overrides]) : baseEngine),
    [overrides, state.scenarioTable, state.supplied, baseEngine, say],
  );

  // the batch settled under the baseline and the scenario: in the pane's worker (taskpane/jobs/useModel.ts)
  const model = useModelJob();
  const baseParams = useMemo(() => ({ label: state.supplied?.label ?? "", overrides: state.supplied?.overrides ?? [], engine: baseEngine }), [state.supplied, baseEngine]);
  const scenParams = useMemo(
    () => (scenEngine === baseEngine ? null : { label: say("pane.model.scenarioName"), overrides: [...(state.supplied?.overrides ?? []), ...(state.scenarioTable?.overrides ?? []), ...overrides], engine: scenEngine }),
    // keyed by the engine alone: engineWith caches an engine by this very label and these overrides, while
    // `overrides` (and `say`) are new objects at each render
    [scenEngine, baseEngine], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const [rerun, setRerun] = useState(0);
  // the run these settings ask for: figures are shown only from the run of exactly this request
  const request = useMemo(
    () => (batch ? { batch, lang, base: baseParams, scen: scenParams, compute: !blocked, dimension: state.dimension, weightColumn: state.weightColumn, rerun } : null),
    [batch, lang, baseParams, scenParams, blocked, state.dimension, state.weightColumn, rerun],
  );
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => model.run(wb, request), 60);
    return () => clearTimeout(timer);
  }, [wb, request]); // eslint-disable-line react-hooks/exhaustive-deps
  const info = model.outcome?.info ?? null;
  const result = model.request === request ? (model.outcome?.result ?? null) : null;
  const weightRead = info?.weight ?? null;
  const weightBlocked = !!weightRead && !weightRead.ok;
  const gaps = info?.gaps ?? null;

  const bounds: BoundsReport | null = useMemo(() => (state.set === "shenyang" && day !== null && !blocked ? checkLiaoningBounds(shenyangTerms(scenEngine.registry, day), boundsFrom(baselineEngine().registry, day)) : null), [state.set, day, scenEngine, blocked]);

  const q = state.filter.trim().toLowerCase();
  const shown = rows.filter((r) => !q || `${r.id} ${r.label} ${r.key} ${t(paramKeyWords(r.key))} ${t(unitWords(unitOf(r)))}`.toLowerCase().includes(q));
  const { mounted, mountUpTo } = useRowsInSlices(shown.length, shown.map(rowKey).join("\n"));
  const allRows = rows.map(rowKey).join("\n");
  // a refused field comes into view (the list may have scrolled it away, or not have mounted it yet)
  const firstBad = invalid[0] ?? asking[0];
  const goTo = (k: string | undefined) => {
    if (!k) return;
    if (state.filter) patch({ filter: "" });
    // the list as the cleared filter shows it, mounted down to the field (the rest comes in slices)
    mountUpTo(allRows, rows.findIndex((r) => rowKey(r) === k) + 1);
    setTimeout(() => {
      const el = listRef.current?.querySelector<HTMLInputElement>(`[data-param="${cssEscape(k)}"]`);
      el?.scrollIntoView?.({ block: "nearest" });
      el?.focus();
    }, 0);
  };
  const badCount = invalid.length;
  const lastBad = useRef(0);
  const toScroll = useRef<string | null>(null);
  useEffect(() => {
    if (badCount > lastBad.current && firstBad) toScroll.current = rowKey(firstBad.row);
    lastBad.current = badCount;
    const k = toScroll.current;
    if (!k) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-param="${cssEscape(k)}"]`);
    // a row not mounted yet is scrolled to when its slice comes
    if (el || mounted >= shown.length) toScroll.current = null;
    el?.scrollIntoView?.({ block: "nearest" });
  }, [badCount, firstBad, mounted, shown.length]);

  const changes: Change[] = fields
    .filter((f) => f.read.kind === "ok")
    .map((f) => ({ id: f.row.id, key: f.row.key, label: f.row.label, keyWords: t(paramKeyWords(f.row.key)), from: f.row.from, baseline: baseRows.get(rowKey(f.row))?.value ?? "", scenario: (f.read as { value: string }).value, unit: t(unitWords(unitOf(f.row))) }));

  const whyNotWrite = !wb ? say("pane.model.needWorkbook") : day === null ? say("pane.model.badDate") : invalid.length ? say("pane.model.blockedInvalid", { n: invalid.length }) : asking.length ? say("pane.model.blockedAsk") : weightBlocked ? say("pane.model.blockedWeight") : !batch ? say("pane.model.needBatch") : !result ? say("pane.model.computing") : "";
  const findings: ModelFindings | null =
    result && info
      ? { impact: result.impact, identity: info.links.identity, people: info.links.people, later: info.links.later, carried: result.carried, unlinked: info.links.unlinked, gaps: gaps?.claims ?? 0, weightColumn: info.weight?.ok ? info.weight.column : "", invalid: info.invalid }
      : null;
  const write = async () => {
    if (!wb || !result || whyNotWrite || !findings) return;
    setError(null);
    try {
      const name = await writeComparison(wb, { lang, set: say(SET_LABEL[state.set]), date: state.date, source: batch?.data.label ?? "", changes, comparison: result.c, bounds, findings });
      setWritten(name);
      props.onWritten(name);
    } catch (e) {
      setError((e as Error).name === "AbortError" ? say("pane.error.cancelled") : say("pane.model.writeFailed"));
    }
  };

  const c = result?.c;
  const im = result?.impact;
  const headers = batch ? batch.data.header.map((h) => (h === null || h === undefined ? "" : String(h).trim())).filter(Boolean) : [];
  const linkNote = info ? linkingLines(info.links, gaps, lang) : [];

  return (
    <div className={s.root}>
      <DataSource wb={wb} batch={batch} setBatch={props.setBatch} />
      <div className={s.row}>
        <Field className={s.pick} label={say("pane.model.set")}>
          <Select className={s.control} value={state.set} onChange={(_, d) => patch({ set: d.value as SetId, edits: {} })} data-testid="set-select">
            {SETS.map((x) => (
              <option key={x} value={x}>
                {say(SET_LABEL[x])}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={s.grow} label={say("pane.model.date")} validationMessage={day === null ? say("pane.model.badDate") : undefined}>
          <Input className={s.control} type="date" value={state.date} onChange={(_, d) => patch({ date: d.value })} />
        </Field>
      </div>
      <ParamSource wb={wb} value={state.supplied} onChange={(supplied) => patch({ supplied })} title={msg("pane.model.supplied")} exclude={batch?.sourceId} />
      <ParamSource wb={wb} value={state.scenarioTable} onChange={(scenarioTable) => patch({ scenarioTable })} title={msg("pane.model.scenarioTable")} hint={msg("pane.model.scenarioTableHint")} exclude={batch?.sourceId} />
      {batch && (
        <Field label={say("pane.model.weight")} hint={say("pane.model.weightHint")} validationState={weightBlocked ? "error" : "none"} validationMessage={weightRead && !weightRead.ok ? weightProblem(weightRead, lang) : undefined}>
          <Select className={s.control} value={state.weightColumn} onChange={(_, d) => patch({ weightColumn: d.value })} data-testid="weight-select">
            <option value="">{say("pane.model.noWeight")}</option>
            {headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={say("pane.model.edit", { n: changes.length })}>
        <Input value={state.filter} onChange={(_, d) => patch({ filter: d.value })} placeholder={say("pane.model.filter")} aria-label={say("pane.model.filterLabel")} />
      </Field>
      <div className={s.params} role="list" aria-label={say("pane.model.params")} aria-busy={mounted < shown.length || undefined} ref={listRef}>
        {shown.slice(0, mounted).map((r) => {
          const k = rowKey(r);
          const f = fieldOf.get(k);
          const param = editBase.registry.param(r.id);
          return (
            <ParamEditor
              key={k}
              row={r}
              value={state.edits[k] ?? r.value}
              field={f}
              bad={f ? messageOf(f) : null}
              ask={f && f.read.kind === "ask" && state.bareAsPercent === undefined ? f.read : null}
              choices={param.choices}
              // a scale the documents leave blank has no bands to edit here: it comes in a parameter table
              editable={!(param.kind === "scale" && !r.key.includes("@"))}
              onEdit={edit}
              onAnswer={answer}
            />
          );
        })}
      </div>
      {invalid.length > 0 && (
        <Banner
          intent="error"
          title={say("pane.model.invalidTitle", { n: invalid.length })}
          lines={invalid.slice(0, 4).map((f) => say("pane.model.invalidLine", { label: `${f.row.label}${paramKeyWords(f.row.key)[lang] ? " · " + paramKeyWords(f.row.key)[lang] : ""}`, typed: f.typed, why: messageOf(f)! }))}
          actions={
            <Button size="small" onClick={() => goTo(rowKey(invalid[0]!.row))} data-testid="go-to-field">
              {say("pane.model.goTo")}
            </Button>
          }
          testId="model-invalid"
        />
      )}
      {asking.length > 0 && invalid.length === 0 && <Banner intent="warning" title={say("pane.model.askTitle")} lines={[say("pane.model.askWhat")]} actions={<Button size="small" onClick={() => goTo(rowKey(asking[0]!.row))}>{say("pane.model.goTo")}</Button>} testId="model-ask" />}
      <div className={s.row}>
        <Button disabled={!Object.keys(state.edits).length && state.bareAsPercent === undefined} onClick={() => patch({ edits: {}, bareAsPercent: undefined })}>
          {say("pane.model.reset")}
        </Button>
        <Field className={s.pick} label={say("pane.model.groupBy")}>
          <Select className={s.control} value={state.dimension} onChange={(_, d) => patch({ dimension: d.value as Dimension })} data-testid="dimension-select">
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d][lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" disabled={!!whyNotWrite} onClick={() => void write()} data-testid="write-model">
          {say("pane.model.write")}
        </Button>
      </div>
      {whyNotWrite && batch && (
        <Text size={200} className={s.muted} data-testid="write-disabled-reason">
          {whyNotWrite}
        </Text>
      )}
      {!batch && wb && <Text size={200}>{say("pane.model.needBatch")}</Text>}
      {info && info.invalid > 0 && <Text size={200}>{say("pane.model.invalidRows", { n: info.invalid })}</Text>}
      {model.progress && (
        <div className={s.row} data-testid="model-progress">
          <ProgressBar className={s.grow} value={model.progress.total ? model.progress.done / model.progress.total : undefined} aria-label={say("pane.model.progress")} />
          <Button size="small" onClick={model.cancel} data-testid="cancel-model">
            {say("pane.model.cancel")}
          </Button>
        </div>
      )}
      {model.cancelled && (
        <Banner intent="warning" title={say("pane.model.cancelled")} actions={<Button size="small" onClick={() => setRerun((n) => n + 1)} data-testid="rerun-model">{say("pane.model.rerun")}</Button>} testId="model-cancelled" />
      )}
      {model.error && <Banner intent="error" title={t(model.error)} testId="model-failed" />}
      {blocked && batch && <Text size={200} className={s.muted} data-testid="not-computed">{say("pane.model.notComputed")}</Text>}
      {c && im && result && (
        <section aria-label={say("pane.model.results")} data-testid="comparison" className={s.section}>
          <Text size={200} block>
            {say(c.weighted ? "pane.model.claimsWeighted" : "pane.model.claims", { n: count(c.total.baseline.n + c.total.baseline.failed), weight: count(c.total.baseline.weight), ms: result.ms.toFixed(0) })}
          </Text>
          {linkNote.map((l, i) => (
            <Text key={i} size={200} block className={s.muted}>
              {l}
            </Text>
          ))}
          {result.carried > 0 && <Text size={200} block>{say("pane.model.carried", { n: count(result.carried) })}</Text>}
          <div className={s.numbers}>
            <Table size="extra-small" className={s.table} aria-label={say("pane.model.tableLabel")}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{DIMENSION_LABELS[c.dimension][lang]}</TableHeaderCell>
                  <TableHeaderCell className={s.numHead}>{say("pane.model.fundCol")}</TableHeaderCell>
                  <TableHeaderCell className={s.numHead}>{say("pane.model.personalCol")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...c.groups, c.total].map((g) => (
                  <TableRow key={g.key} data-testid={`group-${g.key}`}>
                    <TableCell>{t(g.label)}</TableCell>
                    <TableCell className={s.num}>
                      <Text size={200} block>
                        {yuan(g.baseline.fund)}
                      </Text>
                      <Text size={200} block>
                        → {yuan(g.scenario.fund)}
                      </Text>
                      <Text size={200} weight="semibold" block data-testid={`fund-change-${g.key}`}>
                        {signedYuan(g.scenario.fund - g.baseline.fund)}
                      </Text>
                    </TableCell>
                    <TableCell className={s.num} data-testid={`personal-change-${g.key}`}>
                      {signedYuan(g.scenario.personal - g.baseline.personal)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Text size={100} className={s.muted}>
            {say("pane.model.changeSense")}
          </Text>
          <FundChart title={say("pane.model.chartFund")} legend={[say("pane.model.baseline"), say("pane.model.scenario")]} lang={lang} groups={c.groups.map((g) => ({ label: t(g.label), baseline: g.baseline.fund, scenario: g.scenario.fund }))} />
          <ChangeChart title={say("pane.model.chartChange")} legend={say("pane.model.fundChange")} lang={lang} groups={c.groups.map((g) => ({ label: t(g.label), change: g.scenario.fund - g.baseline.fund }))} />
          <WhoGains impact={im} dimension={c.dimension} lang={lang} />
        </section>
      )}
      <section aria-label={say("pane.model.boundsRegion")} className={s.section}>
        {bounds ? (
          <>
            <Text weight="semibold" block>
              {say("pane.model.bounds", { passed: bounds.passed, breaches: bounds.breaches.length, unchecked: bounds.unchecked.length })}
            </Text>
            {bounds.breaches.map((b, i) => (
              <Text key={i} size={200} block className={s.breach} data-testid="breach">
                {b.message[lang]}
              </Text>
            ))}
          </>
        ) : state.set === "lanzhou" ? (
          <Text size={200}>{say("pane.model.boundsLanzhou")}</Text>
        ) : null}
      </section>
      {written && <Banner intent="success" title={say("pane.model.written", { sheet: written })} testId="model-written" />}
      {error && <Banner intent="error" title={error} testId="model-error" />}
    </div>
  );
}

/**
 * Rows of the parameter list mounted in slices: the first screenful (and some) at once, the rest a
 * slice a frame, each in a transition of its own. Mounted at once, the 99 rows of Lanzhou's list were
 * one main-thread task of 100-180 ms as the screen opened (their React render, and above all their
 * first layout: a row with content-visibility: auto is still laid out once to learn whether it is in
 * view). Rows are only ever appended, so an input already mounted keeps its focus and what was typed
 * in it; a new list (another set, date or filter) starts again from its first slice. `mountUpTo(list, n)`
 * mounts that list's first n rows at once (going to a refused field that may not be mounted yet).
 */
const FIRST_ROWS = 16;
const ROWS_PER_FRAME = 12;
function useRowsInSlices(total: number, list: string): { mounted: number; mountUpTo: (list: string, n: number) => void } {
  const [state, setState] = useState({ list, n: FIRST_ROWS });
  // another list: from its first slice again (set while rendering, so no frame shows it all)
  if (state.list !== list) setState({ list, n: FIRST_ROWS });
  const n = state.list === list ? state.n : FIRST_ROWS;
  useEffect(() => {
    if (n >= total) return;
    // after the next frame is drawn: the slice before this one is laid out in that frame, not with this one
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      timer = setTimeout(() => startTransition(() => setState((old) => ({ list, n: (old.list === list ? old.n : FIRST_ROWS) + ROWS_PER_FRAME }))), 0);
    };
    const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(next) : undefined;
    if (frame === undefined) timer = setTimeout(next, 16);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [n, total, list]);
  const mountUpTo = useCallback((to: string, upTo: number) => setState((old) => ({ list: to, n: Math.max(upTo, old.list === to ? old.n : FIRST_ROWS) })), []);
  return { mounted: Math.min(n, total), mountUpTo };
}

/** One parameter's row: its words, its field (or dropdown for a reading), its message or question. */
const ParamEditor = memo(function ParamEditor(props: {
  row: ParamRow;
  value: string;
  field: FieldState | undefined;
  bad: string | null;
  ask: { percent: string } | null;
  choices: Readonly<Record<string, Words>> | undefined;
  editable: boolean;
  onEdit: (key: string, value: string) => void;
  onAnswer: (bareAsPercent: boolean) => void;
}) {
  const { s: say, t, lang } = useT();
  const s = useStyles();
  const { row: r, value: v, field: f, bad, ask, choices, editable } = props;
  const k = rowKey(r);
  const keyText = t(paramKeyWords(r.key));
  const unit = t(unitWords(unitOf(r)));
  return (
    <div className={mergeClasses(s.paramRow, r.unit === "switch" && s.switchRow, bad ? s.invalid : f ? s.edited : undefined)} role="listitem" title={r.id}>
      <div className={s.paramLabel}>
        <Text size={200}>
          {r.label}
          {keyText ? ` · ${keyText}` : ""}
        </Text>
        <Text size={100} className={s.muted} title={r.source}>
          {say("pane.model.paramMeta", { unit, from: r.from })}
          {f && f.read.kind === "ok" && unitOf(r) !== "CNY" && r.unit !== "switch" ? say("pane.model.readAs", { value: (f.read as { value: string }).value }) : ""}
        </Text>
      </div>
      <div className={s.paramInput}>
        {r.unit === "switch" ? (
          // not a <select>: a reading's words are the documents', as long as they are, and a <select> cuts off
          // what does not fit on its one line; this dropdown's button wraps them, in whatever font
          <Dropdown
            size="small"
            className={s.control}
            value={shortChoice(choiceWords(choices, v, lang))}
            selectedOptions={[v]}
            aria-label={`${r.label} ${keyText}`}
            data-param={k}
            title={choiceWords(choices, v, lang)}
            onOptionSelect={(_, d) => d.optionValue !== undefined && props.onEdit(k, d.optionValue)}
          >
            {Object.keys(choices ?? {}).map((code) => {
              const words = shortChoice(choiceWords(choices, code, lang));
              return (
                <Option key={code} value={code} text={words}>
                  {words}
                </Option>
              );
            })}
          </Dropdown>
        ) : (
          <Field validationState={bad ? "error" : ask ? "warning" : "none"} validationMessage={bad ?? (ask ? say("pane.model.askShort") : undefined)}>
            <Input
              size="small"
              className={s.control}
              value={v}
              disabled={!editable}
              aria-label={`${r.label} ${keyText}`}
              aria-invalid={!!bad}
              data-param={k}
              onChange={(_, d) => props.onEdit(k, d.value)}
              placeholder={r.value === "" ? say("pane.model.notGiven") : undefined}
            />
          </Field>
        )}
      </div>
      {r.unit === "switch" && (
        <Text size={100} className={mergeClasses(s.muted, s.wide)}>
          {choiceWords(choices, v, lang)}
        </Text>
      )}
      {ask && (
        <div className={s.ask} data-testid="ask-percent">
          <Text size={200}>{say("pane.model.ask", { typed: f!.typed, percent: ask.percent })}</Text>
          <Button size="small" appearance="primary" onClick={() => props.onAnswer(true)}>
            {say("pane.model.askYes", { percent: ask.percent })}
          </Button>
          <Button size="small" onClick={() => props.onAnswer(false)}>
            {say("pane.model.askNo")}
          </Button>
        </div>
      )}
    </div>
  );
});

/** A reading's words up to its first colon: the rest is shown below the list (a dropdown is narrow). */
function shortChoice(words: string): string {
  return words.split(/[：:]/)[0]!.trim();
}

/** CSS.escape where there is one (browsers), else the quotes the selector needs escaped. */
function cssEscape(s: string): string {
  return typeof CSS !== "undefined" && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&");
}

function weightProblem(r: { problems: { row: string; value: string }[]; count: number }, lang: Lang): string {
  const first = r.problems[0];
  if (first && first.row === "") return sayIn(lang, "pane.model.weightMissing", { column: first.value });
  const list = r.problems.slice(0, 3).map((p) => sayIn(lang, "pane.model.weightRow", { row: p.row, value: p.value === "" ? sayIn(lang, "pane.model.blank") : p.value }));
  return sayIn(lang, "pane.model.weightBad", { n: r.count, rows: list.join(sayIn(lang, "common.sentenceSeparator")) });
}

/** What identifies a person in this batch, and what was not linked, in words. */
function linkingLines(links: ModelInfo["links"], gaps: { claims: number; example: string } | null, lang: Lang): string[] {
  const say = (k: MessageKey, p?: MessageParams) => sayIn(lang, k, p);
  const out: string[] = [];
  if (links.identity === "none") out.push(say("pane.link.none"));
  else out.push(say(links.identity === "idNumber" ? "pane.link.byId" : "pane.link.byName", { people: count(links.people), later: count(links.later) }));
  const why: Record<string, MessageKey> = { noIdentity: "pane.link.noIdentity", sameName: "pane.link.sameName", ytdOrder: "pane.link.ytdOrder" };
  for (const u of links.unlinked) out.push(say(why[u.reason]!, { n: count(u.claims), example: u.example }));
  if (gaps && gaps.claims) out.push(say("pane.link.gaps", { n: count(gaps.claims), example: gaps.example }));
  return out;
}

function WhoGains(props: { impact: Impact; dimension: Dimension; lang: Lang }) {
  const { s: say, t } = useT();
  const s = useStyles();
  const im = props.impact;
  const rows = [...im.groups, im.total];
  return (
    <section aria-label={say("pane.gain.region")} className={s.section} data-testid="who-gains">
      <Text weight="semibold">{say("pane.gain.title")}</Text>
      <Text size={200} data-testid="gain-summary">
        {say("pane.gain.summary", { gain: count(im.total.gain), lose: count(im.total.lose), same: count(im.total.same), failed: count(im.total.failed) })}
      </Text>
      <div className={s.numbers}>
        <Table size="extra-small" className={mergeClasses(s.table, s.wideTable)} aria-label={say("pane.gain.tableLabel")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{DIMENSION_LABELS[props.dimension][props.lang]}</TableHeaderCell>
              <TableHeaderCell className={s.numHead}>{say("pane.gain.gain")}</TableHeaderCell>
              <TableHeaderCell className={s.numHead}>{say("pane.gain.lose")}</TableHeaderCell>
              <TableHeaderCell className={s.numHead}>{say("pane.gain.cap")}</TableHeaderCell>
              <TableHeaderCell className={s.numHead}>{say("pane.gain.threshold")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((g) => (
              <TableRow key={g.key} data-testid={`gain-${g.key}`}>
                <TableCell>{t(g.label)}</TableCell>
                <TableCell className={s.num}>{count(g.gain)}</TableCell>
                <TableCell className={s.num}>{count(g.lose)}</TableCell>
                <TableCell className={s.num}>{say("pane.gain.inOut", { into: count(g.capIn), out: count(g.capOut) })}</TableCell>
                <TableCell className={s.num}>{say("pane.gain.inOut", { into: count(g.thresholdIn), out: count(g.thresholdOut) })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Text size={100} className={s.muted}>
        {say("pane.gain.legend")}
      </Text>
      <Text size={100} className={s.muted}>
        {say("pane.gain.binsShown")}
      </Text>
      <DistributionChart title={say("pane.gain.chart")} legend={say("pane.gain.claimsWord")} bins={BINS.filter((b) => b === "same" || im.bins[b] > 0).map((b) => ({ label: say(BIN_WORDS[b]), n: im.bins[b], tone: b === "same" ? "same" : b.startsWith("down") ? "gain" : "lose" }))} />
      {im.largest.length > 0 && (
        <Text size={200} className={s.muted}>
          {say("pane.gain.largest", { list: im.largest.map((x) => `${x.id} ${signedYuan(x.change)}`).join(say("common.listSeparator")) })}
        </Text>
      )}
    </section>
  );
}
