/**
 * A parameter table read from the workbook (as POLICY_PARAMS spills it, edited; or a set the user
 * supplies, such as Shenyang's base figures): every row is validated and a problem names its row.
 * Choosing the table loads it (no separate step); a table with a problem is not used at all.
 */
import { memo, useEffect, useRef, useState } from "react";
import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { readParamTable } from "../../src/params/table";
import type { DateSystem } from "../../src/dates";
import type { Override } from "../../src/params/registry";
import type { Text as Words } from "../../src/text";
import { msg } from "../../src/messages";
import { baselineEngine } from "../engines";
import { useT } from "../i18n";
import type { SourceInfo, Workbook } from "../workbook/types";
import { errorText } from "./Banner";
import { readGrid } from "../../io/reader";

const useStyles = makeStyles({
  // as wide as the longest source's name (in whatever font the pane gets): where that does not fit beside
  // the button it takes a row of its own
  grow: { minWidth: 0, maxWidth: "100%", flex: "1 1 auto" },
  // the hint wraps to the field's width rather than setting it (a sentence on one line would always take a row)
  hint: { contain: "inline-size" },
  row: { display: "flex", gap: "6px", alignItems: "flex-end", flexWrap: "wrap" },
  select: { width: "100%", minWidth: 0 },
  problems: { color: tokens.colorPaletteRedForeground1, maxHeight: "8em", overflowY: "auto", overflowWrap: "anywhere" },
  note: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  notes: { color: tokens.colorPaletteMarigoldForeground2, maxHeight: "8em", overflowY: "auto", overflowWrap: "anywhere" },
});

export interface LoadedParams {
  /** The source id it was read from. */
  id: string;
  label: string;
  overrides: Override[];
}

// memo: a run's progress re-renders the screen many times; this part does not change with it
export const ParamSource = memo(function ParamSource(props: { wb: Workbook | null; value: LoadedParams | null; onChange: (p: LoadedParams | null) => void; title?: Words; hint?: Words; exclude?: string }) {
  const { s: say, t, lang } = useT();
  const s = useStyles();
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [chosen, setChosen] = useState(props.value?.id ?? "");
  const [problems, setProblems] = useState<string[]>([]);
  // city figures the table leaves out: the table is used, and the pane says what its claims will lack
  const [notes, setNotes] = useState<Words[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.wb) void props.wb.listSources().then(setSources, () => setSources([]));
  }, [props.wb]);
  if (!props.wb) return null;
  const use = (id: string, data: { label: string; header: unknown[]; rows: unknown[][]; dateSystem?: DateSystem }) => {
    // a start date typed into a sheet's cell is a serial of the workbook's date system
    const r = readParamTable(baselineEngine().registry, [data.header, ...data.rows], { dateSystem: data.dateSystem });
    setProblems(r.problems.map((p) => say("pane.params.problem", { row: p.row, message: p.message })));
    setNotes(r.problems.length ? [] : r.notes.map((n) => n.message));
    props.onChange(r.problems.length ? null : { id, label: data.label, overrides: r.overrides });
  };
  const load = async (id: string) => {
    setChosen(id);
    setProblems([]);
    setNotes([]);
    if (!id) return props.onChange(null);
    try {
      use(id, await props.wb!.read(id));
    } catch (e) {
      setProblems([errorText(e)[lang]]);
      props.onChange(null);
    }
  };
  // standalone: a parameter table may come from a file of its own (it need not live in the claims file)
  const fromFile = async (f: File | undefined) => {
    if (!f) return;
    setProblems([]);
    setNotes([]);
    try {
      // the shared reader's decoding, quoting and limits; a parameter table has its own headers, not a claims header
      const { rows } = readGrid(new Uint8Array(await f.arrayBuffer()), { file: f.name });
      const filled = rows.filter((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ""));
      if (!filled.length) throw msg("pane.source.emptyFile");
      setChosen("");
      use(`file:${f.name}`, { label: f.name, header: filled[0]!, rows: filled.slice(1) });
    } catch (e) {
      setProblems([errorText(e, msg("pane.file.unreadable"))[lang]]);
      props.onChange(null);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };
  return (
    <div>
      <div className={s.row}>
      <Field className={s.grow} label={props.title ? t(props.title) : say("pane.params.title")} hint={{ className: s.hint, children: props.hint ? t(props.hint) : say("pane.params.hint") }}>
        <Select className={s.select} value={chosen} onChange={(_, d) => void load(d.value)} aria-label={say("pane.params.source")}>
          <option value="">{say("pane.params.none")}</option>
          {sources
            .filter((x) => x.id !== props.exclude)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
        </Select>
      </Field>
      {props.wb.mode === "file" && (
        <>
          <input ref={fileInput} type="file" accept=".xlsx,.csv,.tsv,.txt" hidden onChange={(e) => void fromFile(e.target.files?.[0])} data-testid="param-file" />
          <Button onClick={() => fileInput.current?.click()}>{say("pane.params.fromFile")}</Button>
        </>
      )}
      </div>
      {props.value && (
        <Text size={200} className={s.note}>
          {say("pane.params.loaded", { n: props.value.overrides.length, source: props.value.label })}
        </Text>
      )}
      {props.value && notes.length > 0 && (
        <div className={s.notes} role="status" data-testid="param-notes">
          <Text block size={200} weight="semibold">
            {say("pane.params.notes", { count: notes.length })}
          </Text>
          {notes.map((n, i) => (
            <Text key={i} block size={200}>
              {t(n)}
            </Text>
          ))}
        </div>
      )}
      {problems.length > 0 && (
        <div className={s.problems} role="alert">
          <Text block size={200} weight="semibold">
            {say("pane.params.notUsed")}
          </Text>
          {problems.map((p, i) => (
            <Text key={i} block size={200}>
              {p}
            </Text>
          ))}
        </div>
      )}
    </div>
  );
});
