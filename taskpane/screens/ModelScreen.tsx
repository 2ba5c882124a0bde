/**
 * 测算 Model: choose a policy set and a date, edit parameters (or load an edited parameter table from
 * the sheet), and see the fund outlay and personal burden of the batch under the baseline and the
 * scenario, by scheme, person type, cross-region category or hospital level, as a table and a chart,
 * with the scenario checked against the Liaoning bounds. The batch is validated and laid out once;
 * each edit re-runs only the scenario into reused columns.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { formatDay, parseDay } from "../../src/dates";
import { formatYuan } from "../../src/money";
import { paramTable, readParamTable, TABLE_HEADERS, type TableRow as ParamRow } from "../../src/params/table";
import { compareBy, DIMENSIONS, DIMENSION_LABELS, prepareBatch, settleBatch, type Comparison, type Dimension } from "../../src/scenario/compare";
import type { ResultColumns } from "../../src/engine/columns";
import { boundsFrom, checkLiaoningBounds, shenyangTerms, type BoundsReport } from "../../src/policy/liaoningBounds";
import type { Override } from "../../src/params/registry";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { DataSource } from "../components/DataSource";
import { ParamSource, type LoadedParams } from "../components/ParamSource";
import { BarChart } from "../components/BarChart";
import { baselineEngine, engineWith } from "../engines";
import { writeComparison, type Change } from "../jobs/model";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  params: { maxHeight: "300px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  paramRow: { display: "grid", gridTemplateColumns: "1fr 96px", gap: "2px 6px", padding: "4px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, alignItems: "center" },
  paramLabel: { overflowWrap: "anywhere" },
  edited: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  numbers: { overflowX: "auto" },
  breach: { color: tokens.colorPaletteRedForeground1 },
});

const SETS = ["lanzhou", "shenyang"] as const;
const SET_LABEL = { lanzhou: { zh: "兰州（甘肃）", en: "Lanzhou (Gansu)" }, shenyang: { zh: "沈阳（辽宁）", en: "Shenyang (Liaoning)" } };
const today = () => formatDay(Math.floor(Date.now() / 86_400_000));
const rowKey = (r: { id: string; key: string }) => `${r.id}|${r.key}`;

export function ModelScreen(props: { wb: Workbook | null; batch: Batch | null; setBatch: (b: Batch | null) => void; onWritten: () => void }) {
  const { t, lang } = useT();
  const s = useStyles();
  const { wb, batch } = props;
  const [set, setSet] = useState<(typeof SETS)[number]>("lanzhou");
  const [date, setDate] = useState(today());
  const [dimension, setDimension] = useState<Dimension>("scheme");
  const [filter, setFilter] = useState("");
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [supplied, setSupplied] = useState<LoadedParams | null>(null);
  const [scenarioTable, setScenarioTable] = useState<LoadedParams | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const day = parseDay(date);

  // The baseline: the documented values plus figures the user supplies (e.g. Shenyang's base).
  const baseEngine = useMemo(() => engineWith(supplied?.label ?? "", supplied?.overrides ?? []), [supplied]);
  // The table the analyst edits: the baseline plus a loaded scenario table, as in force on the date.
  const editBase = useMemo(() => (scenarioTable ? engineWith((supplied?.label ?? "") + "+" + scenarioTable.label, [...(supplied?.overrides ?? []), ...scenarioTable.overrides]) : baseEngine), [baseEngine, scenarioTable, supplied]);
  const rows: ParamRow[] = useMemo(() => (day === null ? [] : paramTable(editBase.registry, set, day, lang)), [editBase, set, day, lang]);
  const baseRows = useMemo(() => new Map((day === null ? [] : paramTable(baseEngine.registry, set, day, lang)).map((r) => [rowKey(r), r])), [baseEngine, set, day, lang]);

  // The analyst's edits, read back through the same validator as a sheet's parameter table.
  const { overrides, problems } = useMemo(() => {
    const edited = rows.filter((r) => edits[rowKey(r)] !== undefined && edits[rowKey(r)] !== r.value);
    if (!edited.length) return { overrides: [] as Override[], problems: new Map<string, string>() };
    const cells = [[...TABLE_HEADERS.en], ...edited.map((r) => [r.id, r.key, r.from, edits[rowKey(r)]!, r.unit, r.label, r.source])];
    const res = readParamTable(editBase.registry, cells);
    const byRow = new Map<string, string>();
    for (const p of res.problems) {
      const r = edited[p.row - 2];
      if (r) byRow.set(rowKey(r), p.message[lang]);
    }
    return { overrides: byRow.size ? [] : res.overrides, problems: byRow };
  }, [rows, edits, editBase, lang]);
  const scenEngine = useMemo(
    () => (overrides.length || scenarioTable ? engineWith(`${lang === "zh" ? "测算方案" : "scenario"}`, [...(supplied?.overrides ?? []), ...(scenarioTable?.overrides ?? []), ...overrides]) : baseEngine),
    [overrides, scenarioTable, supplied, baseEngine, lang],
  );

  // The batch, validated and in columns once; the baseline settled once per batch and baseline.
  const prepared = useMemo(() => (batch ? prepareBatch(batch.data.header, batch.data.rows, batch.mapping) : null), [batch]);
  const baseRes = useMemo(() => (prepared ? settleBatch(baseEngine, prepared) : null), [prepared, baseEngine]);
  const scenOut = useRef<ResultColumns | undefined>(undefined);
  const [comparison, setComparison] = useState<{ c: Comparison; ms: number } | null>(null);
  useEffect(() => {
    if (!prepared || !baseRes) return setComparison(null);
    const timer = setTimeout(() => {
      const t0 = performance.now();
      const scen = scenEngine === baseEngine ? baseRes : (scenOut.current = settleBatch(scenEngine, prepared, scenOut.current));
      const c = compareBy(prepared, baseRes, scen, dimension);
      setComparison({ c, ms: performance.now() - t0 });
    }, 60);
    return () => clearTimeout(timer);
  }, [prepared, baseRes, scenEngine, baseEngine, dimension]);

  const bounds: BoundsReport | null = useMemo(() => (set === "shenyang" && day !== null ? checkLiaoningBounds(shenyangTerms(scenEngine.registry, day), boundsFrom(baselineEngine().registry, day)) : null), [set, day, scenEngine]);

  const changes: Change[] = rows
    .filter((r) => edits[rowKey(r)] !== undefined && edits[rowKey(r)] !== r.value)
    .map((r) => ({ id: r.id, key: r.key, label: r.label, from: r.from, baseline: baseRows.get(rowKey(r))?.value ?? "", scenario: edits[rowKey(r)]! }));

  const write = async () => {
    if (!wb || !comparison) return;
    setError(null);
    try {
      const name = await writeComparison(wb, { lang, set, date, source: batch?.data.label ?? "", changes, comparison: comparison.c, bounds });
      setWritten(name);
      props.onWritten();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const shown = rows.filter((r) => !filter || `${r.id} ${r.label} ${r.key}`.toLowerCase().includes(filter.toLowerCase()));
  const c = comparison?.c;
  return (
    <div className={s.root}>
      <DataSource wb={wb} batch={batch} setBatch={props.setBatch} />
      <div className={s.row}>
        <Field label={t({ zh: "参数集", en: "Policy set" })}>
          <Select value={set} onChange={(_, d) => setSet(d.value as (typeof SETS)[number])} data-testid="set-select">
            {SETS.map((x) => (
              <option key={x} value={x}>
                {SET_LABEL[x][lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t({ zh: "参数日期", en: "As of" })} validationMessage={day === null ? t({ zh: "日期无效", en: "Not a date" }) : undefined}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
      </div>
      <ParamSource wb={wb} value={supplied} onChange={setSupplied} title={{ zh: "补充参数表（基准和方案都用）", en: "Supplied figures (baseline and scenario)" }} />
      <ParamSource
        wb={wb}
        value={scenarioTable}
        onChange={setScenarioTable}
        title={{ zh: "方案参数表（可选）", en: "Scenario parameter table (optional)" }}
        hint={{ zh: "把 =YIBAO.POLICY_PARAMS 的结果复制后修改，在这里载入", en: "Copy what =YIBAO.POLICY_PARAMS spills, edit it, load it here" }}
      />
      <Field label={t({ zh: `调整参数（${changes.length} 项已改）`, en: `Edit parameters (${changes.length} changed)` })}>
        <Input value={filter} onChange={(_, d) => setFilter(d.value)} placeholder={t({ zh: "筛选：比例、起付、ratio …", en: "Filter: ratio, threshold …" })} aria-label={t({ zh: "筛选参数", en: "Filter parameters" })} />
      </Field>
      <div className={s.params} role="list" aria-label={t({ zh: "参数", en: "Parameters" })}>
        {shown.map((r) => {
          const k = rowKey(r);
          const v = edits[k] ?? r.value;
          const problem = problems.get(k);
          return (
            <div key={k} className={`${s.paramRow} ${edits[k] !== undefined && edits[k] !== r.value ? s.edited : ""}`} role="listitem">
              <div className={s.paramLabel}>
                <Text size={200} block>
                  {r.label}
                  {r.key ? ` · ${r.key}` : ""}
                </Text>
                <Text size={100} block title={r.source}>
                  {r.unit} · {r.from}
                </Text>
                {problem && (
                  <Text size={100} className={s.bad} block role="alert">
                    {problem}
                  </Text>
                )}
              </div>
              <Input size="small" value={v} aria-label={`${r.label} ${r.key}`} data-param={k} onChange={(_, d) => setEdits({ ...edits, [k]: d.value })} placeholder={r.value === "" ? t({ zh: "未规定", en: "not given" }) : undefined} />
            </div>
          );
        })}
      </div>
      <div className={s.row}>
        <Button disabled={!changes.length} onClick={() => setEdits({})}>
          {t({ zh: "恢复文件规定", en: "Reset to the documents" })}
        </Button>
        <Field label={t({ zh: "分组", en: "Group by" })}>
          <Select value={dimension} onChange={(_, d) => setDimension(d.value as Dimension)} data-testid="dimension-select">
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d][lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" disabled={!c || !wb} onClick={() => void write()}>
          {t({ zh: "写入新工作表", en: "Write to a new sheet" })}
        </Button>
      </div>
      {!batch && <Text size={200}>{t({ zh: "读取理赔数据后显示测算结果。", en: "Read a claims table to see the comparison." })}</Text>}
      {prepared && prepared.invalid > 0 && (
        <Text size={200}>{t({ zh: `${prepared.invalid} 行未通过校验，未计入（见“核查”）。`, en: `${prepared.invalid} rows failed validation and are left out (see Audit).` })}</Text>
      )}
      {c && (
        <section aria-label={t({ zh: "测算结果", en: "Comparison" })} data-testid="comparison">
          <Text size={200} block>
            {t({ zh: `${c.total.baseline.n + c.total.baseline.failed} 笔，重算用时 ${comparison!.ms.toFixed(0)} 毫秒`, en: `${c.total.baseline.n + c.total.baseline.failed} claims, recomputed in ${comparison!.ms.toFixed(0)} ms` })}
          </Text>
          <div className={s.numbers}>
            <Table size="extra-small" aria-label={t({ zh: "基准与方案对比", en: "Baseline and scenario" })}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{DIMENSION_LABELS[c.dimension][lang]}</TableHeaderCell>
                  <TableHeaderCell>{t({ zh: "基金支出（基准→方案）", en: "Fund (baseline → scenario)" })}</TableHeaderCell>
                  <TableHeaderCell>{t({ zh: "个人负担变化", en: "Personal change" })}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...c.groups, c.total].map((g) => (
                  <TableRow key={g.key} data-testid={`group-${g.key}`}>
                    <TableCell>{g.label[lang]}</TableCell>
                    <TableCell>
                      <Text size={200} block>
                        {formatYuan(g.baseline.fund)} → {formatYuan(g.scenario.fund)}
                      </Text>
                      <Text size={200} weight="semibold" data-testid={`fund-change-${g.key}`}>
                        {signed(g.scenario.fund - g.baseline.fund)}
                      </Text>
                    </TableCell>
                    <TableCell data-testid={`personal-change-${g.key}`}>{signed(g.scenario.personal - g.baseline.personal)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <BarChart
            title={t({ zh: "基金支出：基准与方案", en: "Fund outlay: baseline and scenario" })}
            legend={[t({ zh: "基准", en: "Baseline" }), t({ zh: "方案", en: "Scenario" })]}
            groups={c.groups.map((g) => ({ label: g.label[lang], baseline: g.baseline.fund, scenario: g.scenario.fund }))}
          />
        </section>
      )}
      <section aria-label={t({ zh: "辽宁省第二十三条核对", en: "Liaoning art. 23 check" })}>
        {bounds ? (
          <>
            <Text weight="semibold" block>
              {t({ zh: `辽宁省办法第二十三条：通过 ${bounds.passed} 项，违反 ${bounds.breaches.length} 项，缺数据 ${bounds.unchecked.length} 项`, en: `Liaoning art. 23: ${bounds.passed} passed, ${bounds.breaches.length} breached, ${bounds.unchecked.length} not checkable` })}
            </Text>
            {bounds.breaches.map((b, i) => (
              <Text key={i} size={200} block className={s.breach} data-testid="breach">
                {b.message[lang]}
              </Text>
            ))}
          </>
        ) : (
          <Text size={200}>{t({ zh: "辽宁省办法（辽医保发〔2022〕19号）只约束辽宁省内城市，兰州不适用。", en: "The Liaoning rules (LN 2022 No. 19) bind Liaoning cities only; they do not apply to Lanzhou." })}</Text>
        )}
      </section>
      {written && (
        <MessageBar intent="success">
          <MessageBarBody>{t({ zh: `已写入新工作表“${written}”。`, en: `Written to the new sheet "${written}".` })}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function signed(fen: number): string {
  return (fen > 0 ? "+" : "") + formatYuan(fen);
}
