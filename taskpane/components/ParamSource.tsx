/**
 * A parameter table read from the workbook (as POLICY_PARAMS spills it, edited; or a set the user
 * supplies, such as Shenyang's base figures): every row is validated and a problem names its row.
 */
import { useEffect, useState } from "react";
import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { readParamTable } from "../../src/params/table";
import type { Override } from "../../src/params/registry";
import { baselineEngine } from "../engines";
import { useT } from "../i18n";
import type { SourceInfo, Workbook } from "../workbook/types";

const useStyles = makeStyles({
  row: { display: "flex", gap: "6px", alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flex: "1 1 180px", minWidth: 0, maxWidth: "100%" },
  select: { width: "100%", minWidth: 0 },
  problems: { color: tokens.colorPaletteRedForeground1, maxHeight: "8em", overflowY: "auto" },
});

export interface LoadedParams {
  label: string;
  overrides: Override[];
}

export function ParamSource(props: { wb: Workbook | null; value: LoadedParams | null; onChange: (p: LoadedParams | null) => void; title?: { zh: string; en: string }; hint?: { zh: string; en: string } }) {
  const { t, lang } = useT();
  const s = useStyles();
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [chosen, setChosen] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (props.wb) void props.wb.listSources().then(setSources, () => setSources([]));
  }, [props.wb]);
  if (!props.wb) return null;
  const load = async () => {
    if (!chosen) return props.onChange(null);
    const data = await props.wb!.read(chosen);
    const r = readParamTable(baselineEngine().registry, [data.header, ...data.rows]);
    setProblems(r.problems.map((p) => (lang === "zh" ? `第 ${p.row} 行：${p.message.zh}` : `row ${p.row}: ${p.message.en}`)));
    props.onChange(r.problems.length ? null : { label: data.label, overrides: r.overrides });
  };
  return (
    <div>
      <div className={s.row}>
        <Field className={s.grow} label={t(props.title ?? { zh: "参数表（可选）", en: "Parameter table (optional)" })} hint={t(props.hint ?? { zh: "政策参数表格式：参数 / 键 / 取值 …（如沈阳本地起付线和比例）", en: "As POLICY_PARAMS spills it: parameter / key / value … (e.g. Shenyang's local thresholds and ratios)" })}>
          <Select className={s.select} value={chosen} onChange={(_, d) => setChosen(d.value)} aria-label={t({ zh: "参数表来源", en: "Parameter table source" })}>
            <option value="">{t({ zh: "（不使用，按文件规定）", en: "(none: the documented values)" })}</option>
            {sources.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void load()}>{t({ zh: "载入", en: "Load" })}</Button>
      </div>
      {props.value && (
        <Text size={200}>
          {t({ zh: `已载入 ${props.value.overrides.length} 项参数：${props.value.label}`, en: `${props.value.overrides.length} values loaded: ${props.value.label}` })}
        </Text>
      )}
      {problems.length > 0 && (
        <div className={s.problems} role="alert">
          {problems.map((p, i) => (
            <Text key={i} block size={200}>
              {p}
            </Text>
          ))}
        </div>
      )}
    </div>
  );
}
