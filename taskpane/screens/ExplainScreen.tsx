/**
 * 说明 Explain: one claim's settlement step by step, each step with its numbers and citations, in
 * the pane's language and copyable. The claim is the active row (in Excel), a row of the loaded
 * batch, or typed into a short form for the common inpatient case.
 */
import { useState } from "react";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Tab, TabList, Text, tokens } from "@fluentui/react-components";
import { rowValidator } from "../../src/claim/validate";
import { citeText } from "../../src/docs";
import { formatYuan } from "../../src/money";
import { NOT_COMPUTABLE, type SettlementResult } from "../../src/engine/settle";
import { LAYERS } from "../../src/engine/columns";
import { COMPARED_LABELS } from "../../src/audit/audit";
import { renderTrace } from "../../src/trace";
import type { Problem } from "../../src/problem";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import type { Batch } from "../batch";
import { baselineEngine } from "../engines";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "flex-end" },
  form: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))", gap: "6px 10px" },
  cell: { minWidth: 0 },
  control: { width: "100%", minWidth: 0 },
  amounts: { display: "grid", gridTemplateColumns: "1fr auto", gap: "2px 12px", maxWidth: "360px" },
  step: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px", display: "flex", flexDirection: "column", gap: "2px", overflowWrap: "anywhere" },
  cite: { color: tokens.colorNeutralForeground3 },
});

type Source = "row" | "form";


/** The form's fields: the common inpatient claim, with the values users type. */
const FORM: { field: string; label: { zh: string; en: string }; options?: [string, string, string][]; initial: string; type?: "number" | "date" }[] = [
  { field: "insuredPlace", label: { zh: "参保地", en: "Insured place" }, options: [["lanzhou", "兰州", "Lanzhou"], ["shenyang", "沈阳", "Shenyang"]], initial: "lanzhou" },
  { field: "scheme", label: { zh: "险种", en: "Scheme" }, options: [["employee", "职工", "Employee"], ["resident", "居民", "Resident"]], initial: "employee" },
  {
    field: "personType",
    label: { zh: "人员类别", en: "Person type" },
    options: [["in_service", "在职", "In service"], ["retired", "退休", "Retired"], ["adult", "成年居民", "Adult"], ["elderly", "老年居民", "Elderly"], ["student", "大学生", "Student"], ["minor", "未成年", "Minor"]],
    initial: "in_service",
  },
  {
    field: "crossRegion",
    label: { zh: "异地类别", en: "Cross-region" },
    options: [["local", "本地", "Local"], ["long_term", "异地长期居住", "Long-term"], ["referral", "异地转诊", "Referral"], ["emergency", "异地急诊抢救", "Emergency"], ["temporary", "临时外出", "Temporary"]],
    initial: "local",
  },
  { field: "hospitalLevel", label: { zh: "医院等级", en: "Hospital level" }, options: [["1", "一级", "1"], ["2", "二级", "2"], ["3B", "三级乙等", "3B"], ["3A", "三级甲等", "3A"], ["3S", "特三级", "3S"]], initial: "3A" },
  { field: "settlement", label: { zh: "结算方式", en: "Settlement" }, options: [["manual", "手工报销", "Manual"], ["direct", "直接结算", "Direct"]], initial: "manual" },
  { field: "admissionIndex", label: { zh: "本年住院次数", en: "Admission of the year" }, initial: "1", type: "number" },
  { field: "admissionDate", label: { zh: "入院日期", en: "Admission date" }, initial: "2020-06-01", type: "date" },
  { field: "settlementDate", label: { zh: "结算日期", en: "Settlement date" }, initial: "2020-06-10", type: "date" },
  { field: "total", label: { zh: "总费用（元）", en: "Total (yuan)" }, initial: "" },
  { field: "outOfCatalog", label: { zh: "目录外费用", en: "Out of catalog" }, initial: "" },
  { field: "classB", label: { zh: "乙类费用", en: "Class B" }, initial: "" },
  { field: "ytdFundPaid", label: { zh: "本年已统筹支付", en: "Paid by the fund this year" }, initial: "" },
];

export function ExplainScreen(props: { wb: Workbook | null; batch: Batch | null }) {
  const { t, lang } = useT();
  const s = useStyles();
  const { wb, batch } = props;
  const [source, setSource] = useState<Source>(batch || wb?.mode === "excel" ? "row" : "form");
  const [rowNo, setRowNo] = useState("1");
  const [form, setForm] = useState<Record<string, string>>(() => Object.fromEntries(FORM.map((f) => [f.field, f.initial])));
  const [shown, setShown] = useState<{ label: string; result?: SettlementResult; problems?: Problem[] } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const explain = (label: string, header: unknown[], row: unknown[], mapping: Record<string, string | null> = {}) => {
    const v = rowValidator(header, mapping)(row, label);
    if (!v.ok) return setShown({ label, problems: v.problems });
    const r = baselineEngine().settle(v.claim);
    setShown(r.ok ? { label, result: r } : { label, problems: [r.problem!] });
  };

  const fromActive = async () => {
    const rec = await wb?.activeRecord();
    if (!rec) return setShown({ label: "", problems: [{ code: "no_row", kind: "input", message: { zh: "请先在理赔表中选中一行（表头以下）", en: "Select a claim row (below the header) first" } }] });
    explain(rec.label, rec.header, rec.row, batch?.mapping);
  };
  const fromBatch = () => {
    if (!batch) return;
    const i = Number(rowNo) - 1;
    const row = batch.data.rows[i];
    if (!Number.isInteger(i) || !row) return setShown({ label: "", problems: [{ code: "no_row", kind: "input", message: { zh: `没有第 ${rowNo} 行（共 ${batch.data.rows.length} 行）`, en: `There is no row ${rowNo} (${batch.data.rows.length} rows)` } }] });
    explain(lang === "zh" ? `第 ${i + 1} 行` : `row ${i + 1}`, batch.data.header, row, batch.mapping);
  };
  const fromForm = () => {
    const fields = FORM.map((f) => f.field);
    explain(t({ zh: "表单", en: "form" }), [...fields, "careType"], [...fields.map((f) => form[f] ?? ""), "inpatient"]);
  };

  const text = shown?.result ? renderTrace(shown.result.trace, lang).join("\n") : (shown?.problems ?? []).map((p) => p.message[lang]).join("\n");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${shown?.label ?? ""}\n${text}`);
      setCopied(t({ zh: "已复制", en: "Copied" }));
    } catch {
      setCopied(t({ zh: "无法访问剪贴板：请选中下方文字复制", en: "The clipboard is not available: select the text below and copy it" }));
    }
  };

  const r = shown?.result;
  const fund = r ? LAYERS.reduce((a, l) => a + r.layers[l], 0) : 0;
  return (
    <div className={s.root}>
      <TabList size="small" selectedValue={source} onTabSelect={(_, d) => setSource(d.value as Source)}>
        <Tab value="row">{t({ zh: wb?.mode === "excel" ? "当前行" : "批次中的一行", en: wb?.mode === "excel" ? "Active row" : "A row of the batch" })}</Tab>
        <Tab value="form">{t({ zh: "手工填写", en: "Type a claim" })}</Tab>
      </TabList>
      {source === "row" && (
        <div className={s.row}>
          {wb?.mode === "excel" && (
            <Button appearance="primary" onClick={() => void fromActive()}>
              {t({ zh: "说明选中的行", en: "Explain the selected row" })}
            </Button>
          )}
          {batch && (
            <>
              <Field label={t({ zh: "行号（表头以下）", en: "Row (below the header)" })}>
                <Input type="number" min={1} value={rowNo} onChange={(_, d) => setRowNo(d.value)} style={{ width: 90 }} />
              </Field>
              <Button appearance={wb?.mode === "excel" ? "secondary" : "primary"} onClick={fromBatch}>
                {t({ zh: "说明", en: "Explain" })}
              </Button>
            </>
          )}
          {!batch && wb?.mode !== "excel" && <Text size={200}>{t({ zh: "先在“核查”中读取理赔数据，或改用手工填写。", en: "Read a claims table under Audit first, or type a claim." })}</Text>}
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
              <Field key={f.field} label={t(f.label)} className={s.cell}>
                {f.options ? (
                  <Select className={s.control} value={form[f.field]} onChange={(_, d) => setForm({ ...form, [f.field]: d.value })}>
                    {f.options.map(([v, zh, en]) => (
                      <option key={v} value={v}>
                        {lang === "zh" ? zh : en}
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
            {t({ zh: "计算并说明", en: "Settle and explain" })}
          </Button>
        </form>
      )}
      {shown?.problems && (
        <MessageBar intent="error">
          <MessageBarBody>
            {shown.problems.map((p, i) => (
              <div key={i}>{p.message[lang]}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {r && (
        <section aria-label={t({ zh: "结算说明", en: "Settlement explained" })} data-testid="explanation">
          <Text weight="semibold" block>
            {shown!.label} · {r.rule?.[lang]} · {t({ zh: "版本日期", en: "version date" })} {r.versionDate}
          </Text>
          <div className={s.amounts}>
            <Text>{t({ zh: "政策范围内费用", en: "Policy-scope expense" })}</Text>
            <Text align="end">{formatYuan(r.policyScope)}</Text>
            <Text>{t({ zh: "起付线", en: "Threshold" })}</Text>
            <Text align="end">{formatYuan(r.threshold)}</Text>
            {LAYERS.filter((l) => r.layers[l] !== 0 || l === "pooled").map((l) => (
              <Frag key={l} a={t(COMPARED_LABELS[l])} b={r.layers[l] === r.layers[l] ? formatYuan(r.layers[l]) : t(NOT_COMPUTABLE)} />
            ))}
            <Text weight="semibold">{t({ zh: "基金支付合计", en: "Funds pay" })}</Text>
            <Text weight="semibold" align="end" data-testid="explain-fund">
              {fund === fund ? formatYuan(fund) : t(NOT_COMPUTABLE)}
            </Text>
            <Text>{t({ zh: "个人负担（目录内）", en: "Personal (in catalog)" })}</Text>
            <Text align="end">{r.personal === r.personal ? formatYuan(r.personal) : t(NOT_COMPUTABLE)}</Text>
          </div>
          <div className={s.row}>
            <Button size="small" onClick={() => void copy()}>
              {t({ zh: "复制说明", en: "Copy the explanation" })}
            </Button>
            {copied && <Text size={200}>{copied}</Text>}
          </div>
          <ol style={{ paddingLeft: 18, margin: 0, display: "flex", flexDirection: "column", gap: 6 }}>
            {r.trace.map((st, i) => (
              <li key={i} className={s.step} data-testid="trace-step">
                <Text weight="semibold">
                  {st.title[lang]}
                  {st.amount !== undefined ? `${lang === "zh" ? "：" : ": "}${formatYuan(st.amount)}` : ""}
                </Text>
                {st.detail[lang] && <Text size={200}>{st.detail[lang]}</Text>}
                {st.refs.map((ref, j) => (
                  <Text key={j} size={100} className={s.cite}>
                    {citeText(ref)}「{ref.excerpt.length > 120 ? ref.excerpt.slice(0, 118) + "…" : ref.excerpt}」
                  </Text>
                ))}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function Frag(props: { a: string; b: string }) {
  return (
    <>
      <Text>{props.a}</Text>
      <Text align="end">{props.b}</Text>
    </>
  );
}
