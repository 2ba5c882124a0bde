/**
 * 说明 Explain: one claim, found by its claim id or its row (or the active row in Excel, a row the
 * audit list opened, or typed into a short form): what the claim says against what the rules give,
 * side by side per layer with the difference and the reason, then the settlement step by step with
 * its citations. Everything shown can be copied as text. A claim of an audit run is shown as that
 * run found it (the same comparison, the same reasons, duplicates included).
 */
import { useEffect, useState } from "react";
import { Button, Field, Input, makeStyles, mergeClasses, Select, Tab, TabList, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { rowValidator } from "../../src/claim/validate";
import type { DateSystem } from "../../src/dates";
import { FIELD_BY_NAME } from "../../src/claim/fields";
import { citeText } from "../../src/docs";
import { NOT_COMPUTABLE, type Engine, type SettlementResult } from "../../src/engine/settle";
import { LAYERS } from "../../src/engine/columns";
import { compare, COMPARED_LABELS, explainDifference, hasClaimedAmounts, TOLERANCE, type AuditRow, type Comparison } from "../../src/audit/audit";
import { STATUS_TEXT } from "../../src/audit/report";
import { renderTrace } from "../../src/trace";
import { msg, say as sayIn } from "../../src/messages";
import type { Lang, Text as Words } from "../../src/text";
import type { Problem } from "../../src/problem";
import { useT } from "../i18n";
import type { TableData, Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { effectiveMapping } from "../components/ColumnMapping";
import { Banner } from "../components/Banner";
import { rowLabel } from "../jobs/audit";
import { yuan } from "../format";
import { codeWords, LEVEL_OPTIONS } from "../words";
import type { AuditRecord } from "../jobs/useAudit";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  grow: { flex: "1 1 180px", minWidth: 0, maxWidth: "100%" },
  form: { display: "flex", flexWrap: "wrap", gap: "6px 10px" },
  cell: { flex: "1 1 180px", minWidth: 0, maxWidth: "100%" },
  // a dropdown's field starts as wide as its longest option (in whatever font the pane gets), and no narrower
  // than a typed field's; where that does not fit beside the others it takes a row of its own
  pickCell: { flex: "1 1 auto", minWidth: "min(180px, 100%)", maxWidth: "100%" },
  control: { width: "100%", minWidth: 0 },
  table: { tableLayout: "fixed", width: "100%", maxWidth: "640px" },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" },
  numHead: { "& > *": { justifyContent: "flex-end" }, textAlign: "right" },
  caption: { marginTop: "8px" },
  off: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  step: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px", display: "flex", flexDirection: "column", gap: "2px", overflowWrap: "anywhere" },
  cite: { color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  steps: { paddingLeft: "18px", margin: 0, display: "flex", flexDirection: "column", gap: "6px" },
});

type Source = "row" | "form";

/** A claim to explain: where it came from, and what the audit (or this screen) made of it. */
export interface Explained {
  label: string;
  id?: string;
  row?: AuditRow;
  result?: SettlementResult;
  comparisons: Comparison[];
  reasons: Words[];
  problems: Problem[];
  /** The claim states no amounts to compare (recomputed only). */
  noClaimed: boolean;
}

/** What the user asks Explain for from another screen (a row of an audit run). */
export interface ExplainTarget {
  data: TableData;
  mapping: Record<string, string | null>;
  row: AuditRow;
  engine: Engine;
  key: number;
}

/** The row of a table that a typed claim id or row number names, or a message saying why none does. */
export function findRow(data: TableData, mapping: Readonly<Record<string, string | null>>, typed: string): { index: number } | { problem: Words } {
  const q = typed.trim();
  if (!q) return { problem: msg("pane.explain.typeIdOrRow") };
  const idCol = effectiveMapping(data.header, mapping).indexOf("id");
  if (idCol >= 0) {
    const hit = data.rows.findIndex((r) => r[idCol] !== null && r[idCol] !== undefined && String(r[idCol]).trim() === q);
    if (hit >= 0) return { index: hit };
  }
  const m = /^(?:第\s*)?(\d+)(?:\s*行)?$|^row\s*(\d+)$/i.exec(q.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  // rows are numbered as the user sees them in the file (title rows and blank lines counted) when the reader knows it
  const lines = data.rowLines;
  const first = lines?.[0] ?? 2;
  const last = lines ? (lines[lines.length - 1] ?? first) : data.rows.length + 1;
  if (m) {
    const n = Number(m[1] ?? m[2]);
    const index = lines ? lines.indexOf(n) : n >= 2 && n <= last ? n - 2 : -1;
    if (index >= 0) return { index };
    return { problem: msg("pane.explain.noRow", { row: n, first, last }) };
  }
  return { problem: msg("pane.explain.noId", { id: q, first, last }) };
}

/**
 * Explain one row of a table with an engine, as the audit would (without the batch's duplicate check).
 * `dateSystem`: the workbook's, for a row read from a sheet (TableData.dateSystem).
 */
export function explainRow(engine: Engine, header: readonly unknown[], row: readonly unknown[], label: string, mapping: Readonly<Record<string, string | null>> = {}, dateSystem?: DateSystem): Explained {
  const v = rowValidator(header, mapping, { dateSystem })(row, label);
  if (!v.ok) return { label, id: v.id, comparisons: [], reasons: [], problems: v.problems, noClaimed: false };
  const r = engine.settle(v.claim);
  if (!r.ok) return { label, id: v.claim.id, result: r, comparisons: [], reasons: [], problems: [r.problem!], noClaimed: false };
  const comparisons = hasClaimedAmounts(v.claim.claimed) ? compare(v.claim.claimed, r) : [];
  const flagged = comparisons.filter((c) => Math.abs(c.diff) > TOLERANCE);
  return { label, id: v.claim.id, result: r, comparisons, reasons: flagged.length ? explainDifference(engine, v.claim, r, flagged) : [], problems: [], noClaimed: comparisons.length === 0 };
}

/** Explain an audit run's row: the run's own comparison and reasons, and the trace from the one-claim path. */
export function explainAuditRow(t: ExplainTarget, lang: Lang): Explained {
  const label = rowLabel(lang, t.data.rowLines)(t.row.index);
  const r = t.row;
  // a row audited in the worker comes without its claim: the source row, validated as the audit did, is the same claim
  let claim = r.claim;
  if (!claim) {
    const row = t.data.rows[r.index];
    const v = row ? rowValidator(t.data.header, t.mapping, { dateSystem: t.data.dateSystem })(row, label) : null;
    if (v?.ok) claim = v.claim;
  }
  const result = claim ? t.engine.settle(claim) : undefined;
  return { label, id: r.id, row: r, result, comparisons: r.comparisons, reasons: r.reasons, problems: r.problems, noClaimed: r.status === "unchecked" };
}

/** Everything the screen shows, as text for the clipboard. */
export function explanationText(e: Explained, lang: Lang): string {
  const say = (k: Parameters<typeof sayIn>[1], p?: Parameters<typeof sayIn>[2]) => sayIn(lang, k, p);
  const lines = [[e.id, e.label, e.row ? STATUS_TEXT[e.row.status][lang] : ""].filter(Boolean).join(" · ")];
  const r = e.result;
  if (r?.ok) lines.push(`${r.rule?.[lang] ?? ""} · ${say("pane.explain.versionDate")} ${r.versionDate}`);
  if (e.comparisons.length) {
    lines.push([say("pane.explain.item"), say("pane.explain.claimed"), say("pane.explain.recomputed"), say("pane.explain.diff")].join("\t"));
    for (const c of e.comparisons) lines.push([COMPARED_LABELS[c.field][lang], yuan(c.claimed), yuan(c.recomputed), yuan(c.diff)].join("\t"));
  } else if (r?.ok) {
    lines.push(say("pane.explain.noClaimed"));
    for (const l of LAYERS) if (r.layers[l] !== 0 || l === "pooled") lines.push(`${COMPARED_LABELS[l][lang]}\t${r.layers[l] === r.layers[l] ? yuan(r.layers[l]) : NOT_COMPUTABLE[lang]}`);
    lines.push(`${COMPARED_LABELS.personal[lang]}\t${r.personal === r.personal ? yuan(r.personal) : NOT_COMPUTABLE[lang]}`);
    for (const x of r.incomplete ?? []) lines.push(x.message[lang]);
  }
  for (const x of e.reasons) lines.push(`${say("pane.explain.reason")}${x[lang]}`);
  for (const p of e.problems) lines.push(`${say("pane.explain.problem")}${p.message[lang]}`);
  if (r?.ok) lines.push("", ...renderTrace(r.trace, lang));
  return lines.join("\n");
}

/** The typed-claim form: the common inpatient claim, with the values users type. */
const FORM: { field: string; options?: readonly string[]; initial: string; type?: "date" }[] = [
  { field: "insuredPlace", options: ["lanzhou", "shenyang"], initial: "lanzhou" },
  { field: "scheme", options: ["employee", "resident"], initial: "employee" },
  { field: "personType", options: ["in_service", "retired", "adult", "elderly", "student", "minor"], initial: "in_service" },
  { field: "crossRegion", options: ["local", "long_term", "referral", "emergency", "temporary"], initial: "local" },
  { field: "hospitalLevel", options: LEVEL_OPTIONS, initial: "3A" },
  { field: "settlement", options: ["manual", "direct"], initial: "manual" },
  { field: "admissionIndex", initial: "1" },
  { field: "admissionDate", initial: "2020-06-01", type: "date" },
  { field: "settlementDate", initial: "2020-06-10", type: "date" },
  { field: "total", initial: "" },
  { field: "outOfCatalog", initial: "" },
  { field: "classB", initial: "" },
  { field: "ytdFundPaid", initial: "" },
];

export function ExplainScreen(props: { wb: Workbook | null; batch: Batch | null; target?: ExplainTarget | null; engine: Engine; audited?: AuditRecord | null }) {
  const { s: say, t, lang } = useT();
  const s = useStyles();
  const { wb, batch } = props;
  // a layer the documents give no figure for is not computable (POLICY §12): said in words, never "NaN"
  const amount = (fen: number) => (fen === fen ? yuan(fen) : t(NOT_COMPUTABLE));
  const [source, setSource] = useState<Source>(batch || wb?.mode === "excel" || props.target ? "row" : "form");
  const [typed, setTyped] = useState("");
  const [form, setForm] = useState<Record<string, string>>(() => Object.fromEntries(FORM.map((f) => [f.field, f.initial])));
  const [shown, setShown] = useState<Explained | null>(null);
  const [problem, setProblem] = useState<Words | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  // a row the audit list opened
  useEffect(() => {
    if (!props.target) return;
    setSource("row");
    setTyped(props.target.row.id);
    setProblem(null);
    setCopied(null);
    setShown(explainAuditRow(props.target, lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.target?.key]);

  const show = (e: Explained) => {
    setProblem(null);
    setCopied(null);
    setShown(e);
  };
  const fromActive = async () => {
    const rec = await wb?.activeRecord();
    if (!rec) return setProblem(msg("pane.explain.selectRow"));
    show(explainRow(props.engine, rec.header, rec.row, rec.label, batch?.mapping, rec.dateSystem));
  };
  const fromBatch = () => {
    if (!batch) return;
    const hit = findRow(batch.data, batch.mapping, typed);
    if ("problem" in hit) {
      setShown(null);
      return setProblem(hit.problem);
    }
    // the audit's own findings when this very table was audited (duplicates and all)
    const run = props.audited;
    const row = run && run.data === batch.data ? run.report.rows.find((x) => x.index === hit.index) : undefined;
    if (run && row) return show(explainAuditRow({ data: run.data, mapping: run.mapping, row, engine: run.engine, key: 0 }, lang));
    show(explainRow(props.engine, batch.data.header, batch.data.rows[hit.index]!, rowLabel(lang, batch.data.rowLines)(hit.index), batch.mapping, batch.data.dateSystem));
  };
  const fromForm = () => {
    const fields = FORM.map((f) => f.field);
    show(explainRow(props.engine, [...fields, "careType"], [...fields.map((f) => form[f] ?? ""), "inpatient"], say("pane.explain.formLabel")));
  };

  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(explanationText(shown, lang));
      setCopied(say("pane.explain.copied"));
    } catch {
      setCopied(say("pane.explain.noClipboard"));
    }
  };

  const r = shown?.result;
  return (
    <div className={s.root}>
      <TabList size="small" selectedValue={source} onTabSelect={(_, d) => setSource(d.value as Source)}>
        <Tab value="row">{say(wb?.mode === "excel" ? "pane.explain.tabActive" : "pane.explain.tabBatch")}</Tab>
        <Tab value="form">{say("pane.explain.tabForm")}</Tab>
      </TabList>
      {source === "row" && (
        <div className={s.row}>
          {wb?.mode === "excel" && (
            <Button appearance="primary" onClick={() => void fromActive()}>
              {say("pane.explain.active")}
            </Button>
          )}
          {batch && (
            <form
              className={s.row}
              style={{ flex: "1 1 220px", minWidth: 0 }}
              onSubmit={(e) => {
                e.preventDefault();
                fromBatch();
              }}
            >
              <Field className={s.grow} label={say("pane.explain.idOrRow")} hint={say("pane.explain.idOrRowHint")}>
                <Input className={s.control} value={typed} onChange={(_, d) => setTyped(d.value)} data-testid="explain-query" />
              </Field>
              <Button appearance={wb?.mode === "excel" ? "secondary" : "primary"} type="submit">
                {say("pane.explain.go")}
              </Button>
            </form>
          )}
          {!batch && wb?.mode !== "excel" && <Text size={200}>{say("pane.explain.needBatch")}</Text>}
        </div>
      )}
      {source === "form" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            fromForm();
          }}
        >
          <div className={s.form}>
            {FORM.map((f) => (
              <Field key={f.field} label={FIELD_BY_NAME.get(f.field)!.label[lang]} className={f.options ? s.pickCell : s.cell}>
                {f.options ? (
                  <Select className={s.control} value={form[f.field]} onChange={(_, d) => setForm({ ...form, [f.field]: d.value })}>
                    {f.options.map((v) => (
                      <option key={v} value={v}>
                        {t(codeWords(v))}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input className={s.control} type={f.type ?? "text"} inputMode={f.type ? undefined : "decimal"} value={form[f.field]} onChange={(_, d) => setForm({ ...form, [f.field]: d.value })} name={f.field} />
                )}
              </Field>
            ))}
          </div>
          <Button appearance="primary" type="submit" style={{ marginTop: 8 }}>
            {say("pane.explain.settle")}
          </Button>
        </form>
      )}
      {problem && <Banner intent="error" title={t(problem)} testId="explain-problem" />}
      {shown && (shown.problems.length > 0 || !r?.ok) && !r?.ok && (
        <Banner intent="error" title={say("pane.explain.cannot", { label: shown.id ?? shown.label })} lines={shown.problems.map((p) => p.message[lang])} testId="explain-error" />
      )}
      {shown && (
        <section aria-label={say("pane.explain.region")} data-testid="explanation">
          <Text weight="semibold" block>
            {[shown.id, shown.label, shown.row ? STATUS_TEXT[shown.row.status][lang] : ""].filter(Boolean).join(" · ")}
          </Text>
          {r?.ok && (
            <Text size={200} block className={s.muted}>
              {r.rule?.[lang]} · {say("pane.explain.versionDate")} {r.versionDate}
            </Text>
          )}
          {shown.comparisons.length > 0 && (
            <Text weight="semibold" size={200} block className={s.caption}>
              {say("pane.explain.sideBySide")}
            </Text>
          )}
          {shown.comparisons.length > 0 && (
            <Table size="extra-small" className={s.table} aria-label={say("pane.explain.sideBySide")} data-testid="explain-compare">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{say("pane.explain.item")}</TableHeaderCell>
                  <TableHeaderCell className={s.numHead}>{say("pane.explain.claimed")}</TableHeaderCell>
                  <TableHeaderCell className={s.numHead}>{say("pane.explain.recomputed")}</TableHeaderCell>
                  <TableHeaderCell className={s.numHead}>{say("pane.explain.diff")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.comparisons.map((c) => (
                  <TableRow key={c.field} data-testid={`cmp-${c.field}`}>
                    <TableCell>{COMPARED_LABELS[c.field][lang]}</TableCell>
                    <TableCell className={s.num}>{yuan(c.claimed)}</TableCell>
                    <TableCell className={s.num}>{yuan(c.recomputed)}</TableCell>
                    <TableCell className={mergeClasses(s.num, Math.abs(c.diff) > TOLERANCE && s.off)}>{yuan(c.diff)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {r?.ok && (
            <Text weight="semibold" size={200} block className={s.caption}>
              {say("pane.explain.recomputedOnly")}
            </Text>
          )}
          {r?.ok && (
            <Table size="extra-small" className={s.table} aria-label={say("pane.explain.recomputedOnly")}>
              <TableBody>
                {shown.noClaimed && (
                  <TableRow>
                    <TableCell colSpan={2}>
                      <Text size={200} className={s.muted}>
                        {say("pane.explain.noClaimed")}
                      </Text>
                    </TableCell>
                  </TableRow>
                )}
                <TableRow>
                  <TableCell>{say("pane.explain.policyScope")}</TableCell>
                  <TableCell className={s.num}>{yuan(r.policyScope)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>{say("pane.explain.threshold")}</TableCell>
                  <TableCell className={s.num}>{yuan(r.threshold)}</TableCell>
                </TableRow>
                {LAYERS.filter((l) => r.layers[l] !== 0 || l === "pooled").map((l) => (
                  <TableRow key={l}>
                    <TableCell>{COMPARED_LABELS[l][lang]}</TableCell>
                    <TableCell className={s.num}>{amount(r.layers[l])}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell>
                    <Text weight="semibold">{say("pane.explain.fund")}</Text>
                  </TableCell>
                  <TableCell className={s.num}>
                    <Text weight="semibold" data-testid="explain-fund">
                      {amount(LAYERS.reduce((a, l) => a + r.layers[l], 0))}
                    </Text>
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>{say("pane.explain.personal")}</TableCell>
                  <TableCell className={s.num}>{amount(r.personal)}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          )}
          {r?.incomplete && r.incomplete.length > 0 && <Banner intent="warning" title={t(NOT_COMPUTABLE)} lines={r.incomplete.map((x) => x.message[lang])} testId="explain-incomplete" />}
          {shown.reasons.length > 0 && (
            <div data-testid="explain-reasons">
              {shown.reasons.map((x, i) => (
                <Text key={i} block>
                  {say("pane.explain.reason")}
                  {x[lang]}
                </Text>
              ))}
            </div>
          )}
          <div className={s.row} style={{ marginTop: 6 }}>
            <Button size="small" onClick={() => void copy()} data-testid="copy">
              {say("pane.explain.copy")}
            </Button>
            {copied && <Text size={200}>{copied}</Text>}
          </div>
          {r?.ok && (
            <ol className={s.steps}>
              {r.trace.map((st, i) => (
                <li key={i} className={s.step} data-testid="trace-step">
                  <Text weight="semibold">
                    {st.title[lang]}
                    {st.amount !== undefined ? `${say("pane.explain.colon")}${yuan(st.amount)}` : ""}
                  </Text>
                  {st.detail[lang] && <Text size={200}>{st.detail[lang]}</Text>}
                  {st.refs.map((ref, j) => (
                    <Text key={j} size={100} className={s.cite}>
                      {say("pane.explain.cite", { cite: citeText(ref), quote: ref.excerpt.length > 120 ? ref.excerpt.slice(0, 118) + "…" : ref.excerpt })}
                    </Text>
                  ))}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
