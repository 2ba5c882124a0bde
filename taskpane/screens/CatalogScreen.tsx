/**
 * 目录 Catalogs: search the catalogs the core ships (emergency criteria, Lanzhou chronic diseases and
 * their national codes, the national code table, the Chaoyang referral catalog, the materials lists),
 * read an entry with its citation, and put it into the sheet: as one row of cells, or as a ready
 * formula of our own custom functions (=YIBAO.…). Inside Excel both go to the selection (asking before
 * anything is overwritten); outside Excel they go to the clipboard.
 *
 * The catalogs are small (hundreds of rows): entries and their search names are built once per
 * catalog and language and kept; a search is one fuzzy ranking over them.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { Badge, Button, Field, makeStyles, MessageBar, MessageBarActions, MessageBarBody, SearchBox, Select, Text, Textarea, tokens } from "@fluentui/react-components";
import { CONDITIONS, EMERGENCY_LIST_REFS, findingByName, FINDINGS, leafText, type Condition, type Leaf, type Node } from "../../src/catalogs/emergency";
import { lanzhouChronic, type ChronicDisease, type EmployeeRatioKind } from "../../src/catalogs/chronic";
import { LANZHOU_TO_NATIONAL, MAPPING_REFS, NATIONAL_CODES, NATIONAL_NOTE, nationalByCode, type LanzhouMapping, type NationalCode } from "../../src/catalogs/national";
import { REFERRAL_DEPARTMENTS, REFERRAL_REF, REFERRAL_ROWS, rowRef, type ReferralRow } from "../../src/catalogs/referral";
import { MATERIAL_KINDS, materialKinds, type MaterialKind } from "../../src/catalogs/materials";
import { rank, type Candidate } from "../../src/catalogs/fuzzy";
import { citeText, type Ref } from "../../src/docs";
import { fenToNumber, formatPercent, formatYuan, type Bp } from "../../src/money";
import { builtinRegistry } from "../../src/params/builtin";
import type { Lang, Text as T2 } from "../../src/text";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import { isOurFormula } from "../workbook/excel";

// ---------------------------------------------------------------------------------------------
// Entries: one per catalog row, whatever the catalog

export type CatalogId = "emergency" | "chronic" | "national" | "referral" | "materials";
export const CATALOG_IDS: readonly CatalogId[] = ["emergency", "chronic", "national", "referral", "materials"];

const CATALOG_LABELS: Record<CatalogId, T2> = {
  emergency: { zh: "急危重病", en: "Emergency criteria" },
  chronic: { zh: "慢特病", en: "Chronic diseases (Lanzhou)" },
  national: { zh: "国家病种代码", en: "National chronic codes" },
  referral: { zh: "转诊目录", en: "Referral catalog (Chaoyang)" },
  materials: { zh: "报销材料", en: "Materials lists" },
};

type Item =
  | { kind: "emergency"; c: Condition }
  | { kind: "chronic"; d: ChronicDisease; m: LanzhouMapping }
  | { kind: "national"; n: NationalCode }
  | { kind: "referral"; r: ReferralRow }
  | { kind: "materials"; k: MaterialKind };

export type Cell = string | number;

export interface Entry {
  key: string;
  item: Item;
  title: string;
  /** A short tag shown beside the title (a code, the scheme, the department). */
  badge?: string;
  /** One line under the title: the key criterion, the cap and ratio, the code … */
  summary: string;
  /** Document and section, readable. */
  cites: string[];
  /** The entry as one row of cells. */
  row: Cell[];
  /** A ready formula of ours (isOurFormula holds). */
  formula: string;
}

const SCHEME: Record<"employee" | "resident", T2> = { employee: { zh: "职工", en: "employee" }, resident: { zh: "居民", en: "resident" } };

/** A string argument of a formula: quotes doubled. */
function arg(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function formulaOf(name: string, args: readonly string[]): string {
  const f = `=YIBAO.${name}(${args.map(arg).join(",")})`;
  if (!isOurFormula(f)) throw new Error(`not an add-in formula: ${f}`);
  return f;
}

/** The key criterion on one line: 收缩压 ≤ 80 mmHg 且 乳酸 > 3 mmol/L. */
export function criterionInline(n: Node, lang: Lang, top = true): string {
  if ("all" in n || "any" in n) {
    const kids = "all" in n ? n.all : n.any;
    if (kids.length === 1) return criterionInline(kids[0]!, lang, top);
    const sep = "all" in n ? (lang === "zh" ? " 且 " : " and ") : lang === "zh" ? " 或 " : " or ";
    const s = kids.map((k) => criterionInline(k, lang, false)).join(sep);
    return top ? s : `(${s})`;
  }
  return leafText(n, lang);
}

/** A value clearly inside a bound: 80 → 75 for ≤ 80, 3 → 3.5 for > 3 (a placeholder the user replaces). */
function inside(v: number, op: Leaf["op"]): number {
  const decimals = (String(v).split(".")[1] ?? "").length;
  const magnitude = v === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(v)));
  const step = Math.min(magnitude / 2, 5 * 10 ** -decimals);
  const x = op === "<" || op === "<=" ? v - step : v + step;
  return Number(x.toPrecision(12));
}

const FINDINGS_SEPARATORS = /[;；,，、\n=＝:：]/;

/**
 * Example findings that meet a condition's key criterion (the first alternative of each "any"),
 * as IS_EMERGENCY reads them: 收缩压=75;乳酸=3.5. Names in the pane's language where the parser takes
 * them whole, the finding's id otherwise.
 */
export function exampleFindings(n: Node, lang: Lang): string {
  const items: string[] = [];
  const walk = (x: Node) => {
    if ("all" in x) return x.all.forEach(walk);
    if ("any" in x) return walk(x.any[0]!);
    const f = FINDINGS[x.finding]!;
    const name = lang === "zh" && !FINDINGS_SEPARATORS.test(f.zh) && findingByName(f.zh)?.id === f.id ? f.zh : f.id;
    if (f.type === "boolean") items.push(`${name}=${x.value ? (lang === "zh" ? "是" : "yes") : lang === "zh" ? "否" : "no"}`);
    else if (f.type === "choice") {
      const id = (x.value as string[])[0]!;
      const zh = f.choices![id]!.zh;
      items.push(`${name}=${lang === "zh" && !/[/／+＋和及;；,，、]/.test(zh) ? zh : id}`);
    } else items.push(`${name}=${inside(x.value as number, x.op)}`);
  };
  walk(n);
  return items.join(";");
}

let employeeRatios: { value: Record<string, number | null>; ref: Ref } | null | undefined;
/** The employee chronic ratios (standard 70%, dialysis 90%, transplant 80%) from the parameters. */
export function employeeRatio(kind: EmployeeRatioKind): { bp: Bp; ref: Ref } | null {
  if (employeeRatios === undefined) {
    try {
      const p = builtinRegistry().param("lanzhou.employee.chronic.ratio");
      const v = [...p.versions].reverse().find((x) => x.value !== null);
      employeeRatios = v ? { value: v.value as unknown as Record<string, number | null>, ref: v.ref } : null;
    } catch {
      employeeRatios = null;
    }
  }
  const bp = employeeRatios?.value[kind];
  return typeof bp === "number" && employeeRatios ? { bp, ref: employeeRatios.ref } : null;
}

function ratioOf(d: ChronicDisease): Bp | null {
  return d.scheme === "resident" ? (d.ratio ?? null) : d.ratioKind ? (employeeRatio(d.ratioKind)?.bp ?? null) : null;
}

const CARE: Record<string, T2> = {
  inpatient: { zh: "住院", en: "inpatient" },
  chronic: { zh: "门诊慢特病", en: "chronic outpatient" },
  two_disease: { zh: "两病门诊", en: "two diseases" },
  general_outpatient: { zh: "普通门诊", en: "general outpatient" },
  maternity: { zh: "生育", en: "maternity" },
};
const SETTLE: Record<string, T2> = { manual: { zh: "手工报销", en: "manual" }, direct: { zh: "直接结算", en: "direct settlement" } };
const PLACE: Record<string, T2> = { lanzhou: { zh: "兰州", en: "Lanzhou" }, shenyang: { zh: "沈阳", en: "Shenyang" } };
const PURPOSE: Record<string, T2> = { reimbursement: { zh: "报销", en: "reimbursement" }, approval: { zh: "待遇认定", en: "approval" }, filing: { zh: "备案", en: "filing" } };

/** MATERIALS arguments whose answer includes this kind: careType, settlement, place, scheme. */
export function materialsArgs(k: MaterialKind): string[] {
  const a = k.appliesTo;
  const care = a.careType?.[0] ?? "inpatient";
  const settlements = a.settlement ? [a.settlement] : ["manual", "direct"];
  let chosen = settlements[0]!;
  for (const s of settlements) {
    const got = materialKinds({ careType: care, settlement: s, insuredPlace: a.insuredPlace, scheme: a.scheme, purpose: s === "manual" ? "reimbursement" : undefined });
    if (got.includes(k)) {
      chosen = s;
      break;
    }
  }
  const args = [care, chosen, a.insuredPlace ?? "", a.scheme ?? ""];
  while (args.length > 2 && args[args.length - 1] === "") args.pop();
  return args;
}

function appliesText(k: MaterialKind, lang: Lang): string {
  const a = k.appliesTo;
  const parts = [a.insuredPlace && (PLACE[a.insuredPlace]?.[lang] ?? a.insuredPlace), a.scheme && (SCHEME[a.scheme as "employee"]?.[lang] ?? a.scheme), a.careType?.map((c) => CARE[c]?.[lang] ?? c).join("/"), a.settlement && (SETTLE[a.settlement]?.[lang] ?? a.settlement), a.purpose && (PURPOSE[a.purpose]?.[lang] ?? a.purpose)];
  return parts.filter(Boolean).join(" · ");
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

function build(id: CatalogId, lang: Lang): { entries: Entry[]; candidates: Candidate<Entry>[] } {
  const zh = lang === "zh";
  const entries: Entry[] = [];
  const names = new Map<Entry, string[]>();
  const add = (e: Entry, n: (string | undefined | null)[]) => {
    entries.push(e);
    names.set(e, uniq(n.filter((x): x is string => !!x && x.trim() !== "")));
  };
  switch (id) {
    case "emergency":
      for (const c of CONDITIONS) {
        const words = criterionInline(c.criterion, lang);
        const cites = c.refs.map(citeText);
        add(
          {
            key: c.id,
            item: { kind: "emergency", c },
            title: zh ? c.name.zh : `${c.name.en} ${c.name.zh}`,
            badge: `${c.system[lang]} ${c.no}`,
            summary: words,
            cites,
            row: [c.no, c.system[lang], c.name[lang], words, c.criterionText, cites.join("；")],
            formula: formulaOf("IS_EMERGENCY", [c.name[lang], exampleFindings(c.criterion, lang)]),
          },
          [c.name.zh, c.name.en, ...c.aliases, c.system.zh, c.system.en],
        );
      }
      break;
    case "chronic":
      for (const d of [...lanzhouChronic.employee, ...lanzhouChronic.resident]) {
        const m = LANZHOU_TO_NATIONAL.find((x) => x.lanzhouId === d.id)!;
        const n = m.code ? nationalByCode(m.code) : undefined;
        const ratio = ratioOf(d);
        const cap = d.cap === null ? (zh ? "无限额" : "no cap") : `${formatYuan(d.cap)} ${zh ? "元/年" : "yuan/yr"}`;
        const years = d.years === null ? "—" : `${d.years} ${zh ? "年" : d.years === 1 ? "year" : "years"}`;
        const code = m.code ? `${m.code} ${n?.name ?? ""}`.trim() : zh ? "无国家代码" : "no national code";
        add(
          {
            key: d.id,
            item: { kind: "chronic", d, m },
            title: d.name,
            badge: `${SCHEME[d.scheme][lang]} ${d.no}${d.class ? ` · ${d.class}${zh ? "类" : ""}` : ""}`,
            summary: `${zh ? "限额" : "cap"} ${cap} · ${zh ? "比例" : "ratio"} ${ratio === null ? "—" : formatPercent(ratio)} · ${zh ? "支付年限" : "payment"} ${years} · ${code}`,
            cites: [citeText(d.ref)],
            row: [SCHEME[d.scheme][lang], d.no, d.name, d.cap === null ? cap : fenToNumber(d.cap), ratio === null ? "" : formatPercent(ratio), d.years ?? "", m.code ?? "", n?.name ?? "", m.reason[lang], citeText(d.ref)],
            formula: formulaOf("CHRONIC_CODE", [d.name]),
          },
          [d.name, ...d.aliases, m.code, n?.name, n?.en, ...(n?.aliases ?? [])],
        );
      }
      break;
    case "national":
      for (const n of NATIONAL_CODES) {
        const lz = LANZHOU_TO_NATIONAL.filter((m) => m.code === n.code).map((m) => m.lanzhouName);
        add(
          {
            key: n.code,
            item: { kind: "national", n },
            title: zh ? n.name : `${n.en} ${n.name}`,
            badge: n.code,
            summary: `${zh ? "类别" : "category"} ${n.category}${n.parent ? ` · ${zh ? "大类码" : "class code"} ${n.parent}` : ""}${lz.length ? ` · ${zh ? "兰州" : "Lanzhou"}: ${uniq(lz).join(zh ? "、" : ", ")}` : ""}`,
            cites: [citeText(n.ref)],
            row: [n.code, n.category, n.name, n.en, n.parent ?? "", citeText(n.ref)],
            formula: formulaOf("CHRONIC_NAME", [n.code]),
          },
          [n.code, n.name, n.en, n.category, ...n.aliases],
        );
      }
      break;
    case "referral":
      for (const r of REFERRAL_ROWS) {
        const dEn = REFERRAL_DEPARTMENTS[r.department]?.en ?? "";
        const cite = citeText(rowRef(r));
        add(
          {
            key: String(r.no),
            item: { kind: "referral", r },
            title: zh ? r.item : r.en,
            badge: `${r.no} · ${zh ? r.department : `${dEn} ${r.department}`}`,
            summary: zh ? r.keywords.join("、") : r.item,
            cites: [cite],
            row: zh ? [r.no, r.department, r.item, cite] : [r.no, r.department, dEn, r.item, r.en, cite],
            formula: formulaOf("REFERRAL", [r.item, r.department]),
          },
          [r.item, r.en, ...r.keywords, r.department, dEn],
        );
      }
      break;
    case "materials":
      for (const k of MATERIAL_KINDS) {
        const cites = uniq(k.items.map((it) => citeText(it.ref)));
        const title = `${k.name[lang]}${k.openEnded ? (zh ? "（最低要求）" : " (a minimum)") : ""}`;
        add(
          {
            key: k.id,
            item: { kind: "materials", k },
            title,
            badge: appliesText(k, lang),
            summary: k.items.map((it) => it[lang]).join(zh ? "；" : "; "),
            cites,
            row: [title, ...k.items.map((it) => it[lang])],
            formula: formulaOf("MATERIALS", materialsArgs(k)),
          },
          [k.name.zh, k.name.en, ...k.items.flatMap((it) => [it.zh, it.en, ...it.aliases])],
        );
      }
      break;
  }
  return { entries, candidates: entries.map((e) => ({ item: e, names: names.get(e)! })) };
}

const built = new Map<string, { entries: Entry[]; candidates: Candidate<Entry>[] }>();
/** The entries of a catalog in a language, built once. */
export function catalogIndex(id: CatalogId, lang: Lang): { entries: Entry[]; candidates: Candidate<Entry>[] } {
  const key = `${id}:${lang}`;
  let b = built.get(key);
  if (!b) {
    b = build(id, lang);
    built.set(key, b);
  }
  return b;
}

/**
 * Entries matching what the user typed, best first: the core's fuzzy ranking over names, aliases,
 * English names and codes; a number finds a referral row by its 序号; a finding (收缩压, 乳酸 …)
 * finds the emergency conditions whose criterion uses it.
 */
export function searchCatalog(id: CatalogId, lang: Lang, query: string): Entry[] {
  const { entries, candidates } = catalogIndex(id, lang);
  const q = query.trim();
  if (!q) return entries;
  if ((id === "chronic" || id === "national") && /^m\d{1,5}$/i.test(q)) {
    // a code, or its beginning: M039 → M03900
    const code = q.toUpperCase();
    return entries.filter((e) => (e.item.kind === "national" ? e.item.n.code : e.item.kind === "chronic" ? (e.item.m.code ?? "") : "").startsWith(code));
  }
  // exact and contained names always; a merely similar name only when it is close (a typo)
  const out = rank(q, candidates, candidates.length, 0.3)
    .filter((m) => m.how !== "similar" || m.score >= 0.44)
    .map((m) => m.item);
  if (id === "referral" && /^\d+$/.test(q)) {
    const e = entries.find((x) => x.key === String(Number(q)));
    if (e) return [e, ...out.filter((x) => x !== e)];
  }
  if (id === "emergency") {
    const f = findingByName(q);
    if (f) {
      const uses = entries.filter((e) => e.item.kind === "emergency" && JSON.stringify(e.item.c.criterion).includes(`"finding":"${f.id}"`));
      return uniqEntries([...out, ...uses]);
    }
  }
  return out;
}

function uniqEntries(xs: Entry[]): Entry[] {
  return [...new Set(xs)];
}

/** A row as text for the clipboard: tab-separated, no tabs or line breaks inside a cell. */
export function rowText(row: readonly Cell[]): string {
  return row.map((v) => String(v).replace(/[\t\r\n]+/g, " ")).join("\t");
}

// ---------------------------------------------------------------------------------------------
// The screen

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  controls: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-end" },
  grow: { flexGrow: 1, flexBasis: "180px", minWidth: 0 },
  search: { width: "100%", maxWidth: "none", boxSizing: "border-box" },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "anywhere" },
  body: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: "8px",
    "@media (min-width: 720px)": { gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.2fr)", alignItems: "start" },
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    maxHeight: "48vh",
    overflowY: "auto",
    overflowX: "hidden",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  entry: {
    display: "block",
    width: "100%",
    textAlign: "start",
    padding: "6px 8px",
    border: "none",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    overflowWrap: "anywhere",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  entryHead: { display: "flex", flexWrap: "wrap", gap: "4px 6px", alignItems: "baseline" },
  entryTitle: { fontWeight: tokens.fontWeightSemibold },
  summary: { display: "block", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  cite: { display: "block", fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, color: tokens.colorNeutralForeground3 },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  dl: { display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "2px 8px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  tree: { margin: 0, paddingInlineStart: "18px" },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground3, padding: "4px 6px", borderRadius: tokens.borderRadiusSmall, wordBreak: "break-all" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px" },
  excerpt: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

type Status = { intent: "success" | "info" | "warning" | "error"; text: string; manual?: string } | null;

export function CatalogScreen(props: { wb: Workbook | null }) {
  const s = useStyles();
  const { lang, t } = useT();
  const zh = lang === "zh";
  const inExcel = props.wb?.mode === "excel";
  const [catalog, setCatalog] = useState<CatalogId>("emergency");
  const [query, setQuery] = useState("");
  const [scheme, setScheme] = useState<"all" | "employee" | "resident">("all");
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState<{ values: Cell[][]; address: string; what: "row" | "formula" } | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  const results = useMemo(() => {
    const r = searchCatalog(catalog, lang, query);
    return catalog === "chronic" && scheme !== "all" ? r.filter((e) => e.item.kind === "chronic" && e.item.d.scheme === scheme) : r;
  }, [catalog, lang, query, scheme]);
  const total = useMemo(() => catalogIndex(catalog, lang).entries.length, [catalog, lang]);
  const selected = useMemo(() => (selectedKey === null ? null : (catalogIndex(catalog, lang).entries.find((e) => e.key === selectedKey) ?? null)), [catalog, lang, selectedKey]);

  // A different entry or catalog: the last answer no longer applies.
  useEffect(() => {
    setStatus(null);
    setPending(null);
  }, [catalog, selectedKey]);

  const insert = async (what: "row" | "formula", overwrite = false, given?: Cell[][]) => {
    if (!selected && !given) return;
    const values = given ?? (what === "row" ? [selected!.row] : [[selected!.formula]]);
    if (inExcel && props.wb) {
      setBusy(true);
      setStatus(null);
      try {
        const r = await props.wb.insertAtSelection(values, overwrite);
        if ("occupied" in r) {
          setPending({ values, address: r.occupied, what });
        } else {
          setPending(null);
          setStatus({ intent: "success", text: what === "row" ? t({ zh: `已写入一行：${r.written}`, en: `Row written to ${r.written}` }) : t({ zh: `已写入公式：${r.written}`, en: `Formula written to ${r.written}` }) });
        }
      } catch (e) {
        setPending(null);
        setStatus({ intent: "error", text: t({ zh: `写入失败：${(e as Error).message}`, en: `Could not write: ${(e as Error).message}` }) });
      } finally {
        setBusy(false);
      }
      return;
    }
    const text = what === "row" ? rowText(values[0]!) : String(values[0]![0]);
    const done = what === "row" ? t({ zh: "已复制这一行（制表符分隔），可粘贴到表格中。", en: "Row copied (tab-separated): paste it into a sheet." }) : t({ zh: "已复制公式，可粘贴到 Excel 单元格中。", en: "Formula copied: paste it into an Excel cell." });
    const manual = t({ zh: "无法访问剪贴板，请手动复制：", en: "The clipboard is not available here; copy it by hand:" });
    const clip = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
    if (!clip || typeof clip.writeText !== "function") {
      setStatus({ intent: "warning", text: manual, manual: text });
      return;
    }
    try {
      await clip.writeText(text);
      setStatus({ intent: "success", text: done });
    } catch {
      setStatus({ intent: "warning", text: manual, manual: text });
    }
  };

  const overwrite = () => {
    if (pending) void insert(pending.what, true, pending.values);
  };
  const cancel = () => {
    setPending(null);
    setStatus({ intent: "info", text: t({ zh: "已取消，没有写入任何内容。", en: "Cancelled: nothing was written." }) });
  };

  return (
    <section className={s.root} aria-label={t({ zh: "目录", en: "Catalogs" })}>
      <div className={s.controls}>
        <Field label={t({ zh: "目录", en: "Catalog" })} className={s.grow}>
          <Select
            value={catalog}
            onChange={(_, d) => {
              setCatalog(d.value as CatalogId);
              setSelectedKey(null);
            }}
            aria-label={t({ zh: "选择目录", en: "Choose a catalog" })}
          >
            {CATALOG_IDS.map((id) => (
              <option key={id} value={id}>
                {CATALOG_LABELS[id][lang]}
              </option>
            ))}
          </Select>
        </Field>
        {catalog === "chronic" && (
          <Field label={t({ zh: "险种", en: "Scheme" })}>
            <Select value={scheme} onChange={(_, d) => setScheme(d.value as typeof scheme)} aria-label={t({ zh: "按险种筛选", en: "Filter by scheme" })}>
              <option value="all">{t({ zh: "全部", en: "all" })}</option>
              <option value="employee">{t({ zh: "职工", en: "employee" })}</option>
              <option value="resident">{t({ zh: "居民", en: "resident" })}</option>
            </Select>
          </Field>
        )}
      </div>
      <SearchBox
        className={s.search}
        value={query}
        onChange={(_, d) => setQuery(d.value)}
        placeholder={t(PLACEHOLDER[catalog])}
        aria-label={t({ zh: "搜索目录", en: "Search the catalog" })}
      />
      <CatalogNote id={catalog} />
      <Text className={s.note} role="status" aria-live="polite">
        {query.trim() ? t({ zh: `找到 ${results.length} 条（共 ${total} 条）`, en: `${results.length} of ${total} found` }) : t({ zh: `共 ${results.length} 条，点选一条查看详情`, en: `${results.length} entries; select one for details` })}
      </Text>
      <div className={s.body}>
        <ul className={s.list} aria-label={t({ zh: "目录条目", en: "Catalog entries" })}>
          {results.map((e) => (
            <li key={e.key}>
              <button type="button" className={e.key === selectedKey ? `${s.entry} ${s.selected}` : s.entry} aria-pressed={e.key === selectedKey} onClick={() => setSelectedKey(e.key === selectedKey ? null : e.key)}>
                <span className={s.entryHead}>
                  <span className={s.entryTitle}>{e.title}</span>
                  {e.badge && (
                    <Badge appearance="tint" color="informative" size="small">
                      {e.badge}
                    </Badge>
                  )}
                </span>
                <span className={s.summary}>{e.summary}</span>
                <span className={s.cite}>{e.cites.length > 1 ? `${e.cites[0]} ${zh ? `等 ${e.cites.length} 处` : `and ${e.cites.length - 1} more`}` : e.cites[0]}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected ? (
          <section className={s.details} aria-label={t({ zh: "条目详情", en: "Entry details" })}>
            <h2 className={s.h2}>{selected.title}</h2>
            <Details entry={selected} />
            <Text className={s.note}>{t({ zh: "公式", en: "Formula" })}</Text>
            <code className={s.formula} data-testid="catalog-formula">
              {selected.formula}
            </code>
            {selected.item.kind === "emergency" && <Text className={s.note}>{t({ zh: "公式中的检查数值是满足关键标准的示例，请换成患者的实际结果。", en: "The findings in the formula are example values that meet the criterion: replace them with the patient's results." })}</Text>}
            <div className={s.actions}>
              <Button appearance="primary" disabled={busy} onClick={() => void insert("row")} aria-describedby={hintId}>
                {inExcel ? t({ zh: "插入行", en: "Insert row" }) : t({ zh: "复制行", en: "Copy row" })}
              </Button>
              <Button disabled={busy} onClick={() => void insert("formula")} aria-describedby={hintId}>
                {inExcel ? t({ zh: "插入公式", en: "Insert formula" }) : t({ zh: "复制公式", en: "Copy formula" })}
              </Button>
            </div>
            <Text id={hintId} className={s.note}>
              {inExcel
                ? t({ zh: "写到当前选中的单元格起始处；目标单元格已有内容时会先询问。", en: "Goes to the selected cell and to its right; if the cells are not empty you are asked first." })
                : t({ zh: "不在 Excel 中：复制到剪贴板。", en: "Not in Excel: copies to the clipboard." })}
            </Text>
            {pending && (
              <MessageBar intent="warning">
                <MessageBarBody>{t({ zh: `${pending.address} 已有内容，覆盖吗？`, en: `${pending.address} is not empty. Overwrite it?` })}</MessageBarBody>
                <MessageBarActions>
                  <Button size="small" appearance="primary" disabled={busy} onClick={overwrite}>
                    {t({ zh: "覆盖", en: "Overwrite" })}
                  </Button>
                  <Button size="small" disabled={busy} onClick={cancel}>
                    {t({ zh: "取消", en: "Cancel" })}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            )}
            {status && (
              <MessageBar intent={status.intent}>
                <MessageBarBody>
                  {status.text}
                  {status.manual !== undefined && (
                    <Textarea readOnly value={status.manual} aria-label={t({ zh: "要复制的内容", en: "Text to copy" })} onFocus={(ev) => ev.currentTarget.select()} style={{ width: "100%", marginTop: 4 }} />
                  )}
                </MessageBarBody>
              </MessageBar>
            )}
          </section>
        ) : (
          <Text className={s.note}>{t({ zh: "选择一条查看详情，并插入到表格中。", en: "Select an entry to see its details and insert it into the sheet." })}</Text>
        )}
      </div>
    </section>
  );
}

const PLACEHOLDER: Record<CatalogId, T2> = {
  emergency: { zh: "病种、别名或指标，如 休克、心梗、乳酸", en: "Condition, alias or finding: shock, ACS, lactate" },
  chronic: { zh: "病种、别名或国家代码，如 高血压、透析、M03900", en: "Disease, alias or national code: 高血压, dialysis, M03900" },
  national: { zh: "代码或名称，如 M03900、糖尿病", en: "Code or name: M03900, diabetes" },
  referral: { zh: "病种、诊疗项目、科室或序号", en: "Condition, treatment, department or number" },
  materials: { zh: "报销类别或材料名称，如 生育、发票", en: "Kind of claim or document: maternity, invoice" },
};

/** What the catalog is and where it comes from, in one small line. */
function CatalogNote(props: { id: CatalogId }) {
  const s = useStyles();
  const { lang, t } = useT();
  let text: string;
  let refs: readonly Ref[];
  switch (props.id) {
    case "emergency":
      text = t({ zh: `急危重病参考病种及关键标准（${CONDITIONS.length} 种）：符合病种诊断且满足关键标准的，可办理备案并直接结算。`, en: `Emergency/critical conditions and key criteria (${CONDITIONS.length}): a diagnosis that meets its key criterion can be filed and settled directly.` });
      refs = EMERGENCY_LIST_REFS;
      break;
    case "chronic":
      text = `${lanzhouChronic.title[lang]}${t({ zh: "；每种病对应的门诊慢特病跨省直接结算病种代码，或没有代码的原因。", en: "; each with its national cross-province code (门诊慢特病跨省直接结算病种代码), or why there is none." })}`;
      refs = [lanzhouChronic.employeeRef, lanzhouChronic.residentRef, ...MAPPING_REFS];
      break;
    case "national":
      text = t({ zh: `门诊慢特病跨省直接结算病种代码（${NATIONAL_CODES.length} 条）。`, en: `National outpatient chronic/special disease codes for cross-province direct settlement (${NATIONAL_CODES.length}).` });
      refs = [NATIONAL_CODES[0]!.ref];
      break;
    case "referral":
      text = t({ zh: `朝阳市基本医疗保险转诊转院病种及诊疗项目目录（${REFERRAL_ROWS.length} 条）。`, en: `Chaoyang referral catalog of conditions and treatments (${REFERRAL_ROWS.length} rows).` });
      refs = [REFERRAL_REF];
      break;
    case "materials":
      text = t({ zh: "手工报销、待遇认定和备案所需材料（“最低要求”表示文件以“等”结尾，清单不完整）。", en: "Materials for manual reimbursement, approval and filing (“a minimum”: the document's list ends with “etc.”)." });
      refs = [];
      break;
  }
  const cites = uniq(refs.map(citeText));
  return (
    <Text className={s.note}>
      {text}
      {cites.length > 0 && <span className={s.cite}>{cites.join("；")}</span>}
    </Text>
  );
}

function Row(props: { label: string; children: ReactNode }) {
  const s = useStyles();
  return (
    <>
      <dt className={s.dt}>{props.label}</dt>
      <dd className={s.dd}>{props.children}</dd>
    </>
  );
}

function Refs(props: { refs: readonly Ref[] }) {
  const s = useStyles();
  const { t } = useT();
  return (
    <div>
      <Text className={s.note}>{t({ zh: "出处", en: "Source" })}</Text>
      {props.refs.map((r, i) => (
        <div key={i}>
          <span className={s.cite}>{citeText(r)}</span>
          <p className={s.excerpt}>“{r.excerpt}”</p>
        </div>
      ))}
    </div>
  );
}

function CriterionTree(props: { node: Node }) {
  const s = useStyles();
  const { lang, t } = useT();
  const n = props.node;
  if ("all" in n || "any" in n) {
    const kids = "all" in n ? n.all : n.any;
    if (kids.length === 1) return <CriterionTree node={kids[0]!} />;
    return (
      <div>
        <span>{"all" in n ? t({ zh: "同时满足：", en: "All of:" }) : t({ zh: "满足其一：", en: "Any of:" })}</span>
        <ul className={s.tree}>
          {kids.map((k, i) => (
            <li key={i}>
              <CriterionTree node={k} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return <span>{leafText(n, lang)}</span>;
}

function Details(props: { entry: Entry }) {
  const s = useStyles();
  const { lang, t } = useT();
  const zh = lang === "zh";
  const it = props.entry.item;
  switch (it.kind) {
    case "emergency": {
      const c = it.c;
      return (
        <>
          <dl className={s.dl}>
            <Row label={t({ zh: "名称", en: "Name" })}>
              {c.name.zh} / {c.name.en}
            </Row>
            <Row label={t({ zh: "系统", en: "System" })}>
              {c.system[lang]} {c.no}
            </Row>
            {c.aliases.length > 0 && <Row label={t({ zh: "别名", en: "Aliases" })}>{c.aliases.join(zh ? "、" : ", ")}</Row>}
          </dl>
          <Text className={s.note}>{t({ zh: "关键标准", en: "Key criterion" })}</Text>
          <div data-testid="criterion">
            <CriterionTree node={c.criterion} />
          </div>
          <Text className={s.note}>{t({ zh: `原文：${c.criterionText}`, en: `Document text: ${c.criterionText}` })}</Text>
          <Refs refs={c.refs} />
        </>
      );
    }
    case "chronic": {
      const { d, m } = it;
      const n = m.code ? nationalByCode(m.code) : undefined;
      const ratio = ratioOf(d);
      const empRatio = d.scheme === "employee" && d.ratioKind ? employeeRatio(d.ratioKind) : null;
      const kindText: Record<EmployeeRatioKind, T2> = {
        standard: { zh: "一般病种", en: "standard" },
        dialysis: { zh: "透析", en: "dialysis" },
        transplant: { zh: "器官移植抗排异", en: "transplant" },
      };
      return (
        <>
          <dl className={s.dl}>
            <Row label={t({ zh: "险种", en: "Scheme" })}>
              {SCHEME[d.scheme][lang]} {t({ zh: `序号 ${d.no}`, en: `no. ${d.no}` })}
              {d.class ? ` · ${d.class}${zh ? "类" : ""}` : ""}
            </Row>
            <Row label={t({ zh: "年度限额", en: "Annual cap" })}>{d.cap === null ? t({ zh: "无限额", en: "no cap" }) : `${formatYuan(d.cap)} ${t({ zh: "元", en: "yuan" })}`}</Row>
            <Row label={t({ zh: "统筹支付比例", en: "Fund ratio" })}>
              {ratio === null ? "—" : formatPercent(ratio)}
              {d.ratioKind ? `（${kindText[d.ratioKind][lang]}）` : ""}
            </Row>
            <Row label={t({ zh: "支付年限", en: "Payment years" })}>{d.years === null ? "—" : t({ zh: `${d.years} 年（自审批之日起）`, en: `${d.years} (from approval)` })}</Row>
            {d.aliases.length > 0 && <Row label={t({ zh: "别名", en: "Aliases" })}>{d.aliases.join(zh ? "、" : ", ")}</Row>}
            <Row label={t({ zh: "国家代码", en: "National code" })}>
              <strong>{m.code ?? t({ zh: "无", en: "none" })}</strong>
              {n ? ` ${n.name}${zh ? "" : ` (${n.en})`}` : ""}
            </Row>
            <Row label={t({ zh: "对应说明", en: "Mapping" })}>{m.reason[lang]}</Row>
          </dl>
          {m.code === "M08300" && <Text className={s.note}>{NATIONAL_NOTE.text[lang]}</Text>}
          {d.note && <Text className={s.note}>{d.note}</Text>}
          <Refs refs={[d.ref, ...(empRatio ? [empRatio.ref] : []), ...(n ? [n.ref] : [])]} />
        </>
      );
    }
    case "national": {
      const n = it.n;
      const lz = LANZHOU_TO_NATIONAL.filter((x) => x.code === n.code);
      return (
        <>
          <dl className={s.dl}>
            <Row label={t({ zh: "代码", en: "Code" })}>
              <strong>{n.code}</strong>
            </Row>
            <Row label={t({ zh: "类别", en: "Category" })}>{n.category}</Row>
            <Row label={t({ zh: "名称", en: "Name" })}>
              {n.name} / {n.en}
            </Row>
            {n.parent && <Row label={t({ zh: "大类码", en: "Class code" })}>{n.parent}</Row>}
            {n.aliases.length > 0 && <Row label={t({ zh: "别名", en: "Aliases" })}>{n.aliases.join(zh ? "、" : ", ")}</Row>}
            {lz.length > 0 && (
              <Row label={t({ zh: "兰州病种", en: "Lanzhou diseases" })}>
                {lz.map((x) => `${x.lanzhouName}（${x.lanzhouId.startsWith("E") ? SCHEME.employee[lang] : SCHEME.resident[lang]}）`).join(zh ? "、" : ", ")}
              </Row>
            )}
          </dl>
          {(n.code === "M08300" || n.parent === "M08300") && <Text className={s.note}>{NATIONAL_NOTE.text[lang]}</Text>}
          <Refs refs={[n.ref]} />
        </>
      );
    }
    case "referral": {
      const r = it.r;
      return (
        <>
          <dl className={s.dl}>
            <Row label={t({ zh: "序号", en: "No." })}>{r.no}</Row>
            <Row label={t({ zh: "科室", en: "Department" })}>
              {r.department}
              {zh ? "" : ` (${REFERRAL_DEPARTMENTS[r.department]?.en ?? ""})`}
            </Row>
            <Row label={t({ zh: "病种或诊疗项目", en: "Condition or treatment" })}>
              {r.item}
              {zh ? "" : ` — ${r.en}`}
            </Row>
            {r.keywords.length > 0 && <Row label={t({ zh: "关键词", en: "Keywords" })}>{r.keywords.join(zh ? "、" : ", ")}</Row>}
            {r.slip && <Row label={t({ zh: "识别更正", en: "OCR fix" })}>{r.slip}</Row>}
          </dl>
          <Refs refs={[rowRef(r)]} />
        </>
      );
    }
    case "materials": {
      const k = it.k;
      const args = materialsArgs(k);
      const kinds = materialKinds({ careType: args[0], settlement: args[1], insuredPlace: args[2] || undefined, scheme: args[3] || undefined, purpose: args[1] === "manual" ? "reimbursement" : undefined });
      return (
        <>
          <dl className={s.dl}>
            <Row label={t({ zh: "适用", en: "Applies to" })}>{appliesText(k, lang)}</Row>
          </dl>
          <ol className={s.tree}>
            {k.items.map((m) => (
              <li key={m.id}>
                {m[lang]}
                <span className={s.cite}>{citeText(m.ref)}</span>
              </li>
            ))}
          </ol>
          {k.openEnded && <Text className={s.note}>{t({ zh: "文件的清单以“等”或“相关资料”结尾：以上是最低要求。", en: "The document's list is open-ended: these are the minimum." })}</Text>}
          {kinds.length > 1 && <Text className={s.note}>{t({ zh: `公式列出这类报销的全部 ${kinds.length} 个清单（含本清单）。`, en: `The formula lists all ${kinds.length} lists for this kind of claim (this one included).` })}</Text>}
        </>
      );
    }
  }
}
