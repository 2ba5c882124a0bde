/**
 * The emergency / critical disease reference list (急危重病 参考病种及关键标准; SY 附件, LN 附件, CY;
 * POLICY §10): 56 conditions in 12 systems, each key criterion an all/any tree of comparisons over
 * findings, with the documents' exact signs (≥ vs >) and units. Evaluation answers in three values:
 * met, not met, or unknown with the findings that are missing — a missing finding is never false.
 *
 * Finding values are exact decimals (rationals on BigInt), so 3 is never "a little above 3".
 */
import raw from "./data/emergency.json";
import type { Ref } from "../docs";
import { Rat } from "../rational";
import type { Text } from "../text";
import { normaliseToken } from "../claim/enums";
import { rank, type Candidate } from "./fuzzy";

type Op = "<" | "<=" | ">" | ">=" | "is" | "in";
export type Node = { all: Node[] } | { any: Node[] } | Leaf;
export interface Leaf {
  finding: string;
  op: Op;
  value: number | boolean | string[];
}
type Expr = { op: "add" | "mul" | "div"; args: (Expr | string | number)[] };

export interface FindingDef {
  id: string;
  zh: string;
  en: string;
  type: "number" | "boolean" | "choice";
  unit?: string;
  aliases: string[];
  choices?: Record<string, { zh: string; en: string; aliases: string[] }>;
  derived?: Expr;
}

export interface Condition {
  id: string;
  system: Text;
  no: string;
  name: Text;
  aliases: string[];
  criterionText: string;
  criterion: Node;
  refs: Ref[];
  note?: string;
}

/** What meeting the list gives: emergency filing and direct settlement (SY 附件; LN 附件 and 第九条). */
export const EMERGENCY_LIST_REFS = [
  { doc: "SY", section: "附件", excerpt: "符合以下疾病诊断且满足关键标准的,可申请办理备案并直接结算。" },
  { doc: "LN", section: "附件", excerpt: "符合以下疾病诊断且满足关键标准的，异地联网定点医疗机构可上传“门诊急诊转诊标志”或“住院类型”为“急诊”。" },
  { doc: "CY", section: "急危重病参考病种及关键标准", excerpt: "符合以下疾病诊断且满足关键标准的,可申请办理备案并直接结算。" },
] as const;

const data = raw as unknown as { findings: Record<string, Omit<FindingDef, "id">>; conditions: Condition[] };
export const FINDINGS: Readonly<Record<string, FindingDef>> = Object.fromEntries(Object.entries(data.findings).map(([id, f]) => [id, { id, ...f }]));
export const CONDITIONS: readonly Condition[] = data.conditions;

// Load-time checks: every leaf names a finding of the right type, every choice exists, ids are unique.
(function check() {
  const ids = new Set<string>();
  const walk = (n: Node, where: string) => {
    if ("all" in n) n.all.forEach((x) => walk(x, where));
    else if ("any" in n) n.any.forEach((x) => walk(x, where));
    else {
      const f = FINDINGS[n.finding];
      if (!f) throw new Error(`emergency.json ${where}: unknown finding ${n.finding}`);
      const ok =
        (f.type === "number" && ["<", "<=", ">", ">="].includes(n.op) && typeof n.value === "number") ||
        (f.type === "boolean" && n.op === "is" && typeof n.value === "boolean") ||
        (f.type === "choice" && n.op === "in" && Array.isArray(n.value) && n.value.every((v) => f.choices && v in f.choices));
      if (!ok) throw new Error(`emergency.json ${where}: ${n.finding} ${n.op} ${JSON.stringify(n.value)} does not fit a ${f.type} finding`);
    }
  };
  for (const c of CONDITIONS) {
    if (ids.has(c.id)) throw new Error(`emergency.json: duplicate condition ${c.id}`);
    ids.add(c.id);
    if (!c.refs.length) throw new Error(`emergency.json ${c.id}: no citation`);
    walk(c.criterion, c.id);
  }
})();

// ---------------------------------------------------------------------------------------------
// Names

const findingIndex = new Map<string, string>();
const choiceIndex = new Map<string, { finding: string; choice: string }>();
for (const f of Object.values(FINDINGS)) {
  for (const n of [f.id, f.zh, f.en, ...f.aliases]) findingIndex.set(normaliseToken(n), f.id);
  if (f.choices) for (const [cid, c] of Object.entries(f.choices)) for (const n of [cid, c.zh, c.en, ...c.aliases]) choiceIndex.set(normaliseToken(n), { finding: f.id, choice: cid });
}

export function findingByName(name: string): FindingDef | undefined {
  const id = findingIndex.get(normaliseToken(name));
  return id ? FINDINGS[id] : undefined;
}

const conditionCandidates: Candidate<Condition>[] = CONDITIONS.map((c) => ({ item: c, names: [c.name.zh, c.id, c.name.en, ...c.aliases] }));

/** A condition by its name (Chinese or English), id or an alias; closest matches when not exact. */
export function findCondition(name: string): { condition?: Condition; alternatives: Condition[] } {
  const m = rank(name, conditionCandidates, 5);
  if (m[0] && m[0].how === "exact") return { condition: m[0].item, alternatives: [] };
  // A finding or choice name (室颤, 肺栓塞 …) points to the conditions whose criterion uses it.
  const ch = choiceIndex.get(normaliseToken(name));
  const fid = ch?.finding ?? findingIndex.get(normaliseToken(name));
  const using = fid ? CONDITIONS.filter((c) => JSON.stringify(c.criterion).includes(`"finding":"${fid}"`) && (!ch || JSON.stringify(c.criterion).includes(`"${ch.choice}"`))) : [];
  return { alternatives: [...new Set([...using, ...m.map((x) => x.item)])].slice(0, 5) };
}

// ---------------------------------------------------------------------------------------------
// Findings text

export type FindingValue = { type: "number"; value: Rat; text: string } | { type: "boolean"; value: boolean } | { type: "choice"; value: Set<string> };
export type Findings = Map<string, FindingValue>;

export interface FindingsProblem {
  item: string;
  message: Text;
}

const YES = new Set(["是", "有", "阳性", "+", "y", "yes", "true", "1", "√", "已行", "行"]);
const NO = new Set(["否", "无", "阴性", "-", "n", "no", "false", "0", "×", "未行"]);

/** Units as written, folded: μ/µ → u, ⁹ → ^9, ×10^9/L → 10^9/L, case-insensitive. */
export function unitKey(u: string): string {
  return normaliseToken(u)
    .replace(/[μµ]/g, "u")
    .replace(/⁹/g, "^9")
    .replace(/^[x×*]/, "")
    .replace(/℃|°c/g, "℃")
    .replace(/bpm|次\/min|\/min/g, "次/分")
    .replace(/^g\/l$/, "g/l");
}

const NUM_RE = /^([+-]?\d+(?:\.\d+)?)\s*(.*)$/;

/** Names a mistyped finding is compared with, and how many distinct unknown names get a "did you mean". */
const FINDING_CANDIDATES: Candidate<FindingDef>[] = Object.values(FINDINGS).map((x) => ({ item: x, names: [x.zh, ...x.aliases] }));
const MAX_SUGGESTED = 50;

function parseNumber(s: string): Rat | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? "";
  const n = BigInt((m[1] === "-" ? "-" : "") + m[2] + frac);
  return Rat.of(n, 10n ** BigInt(frac.length));
}

/**
 * Parse findings text: items separated by ; ； , ， 、 or new lines, each `name=value`, `name value`,
 * `name：value` or a bare name (a yes finding, or a choice such as 室颤). Numbers may carry their unit,
 * which must be the one the list uses (收缩压 in mmHg, 乳酸 in mmol/L …); a different unit is refused,
 * never converted silently. A two-column range (name, value) can be given as pairs.
 */
export function parseFindings(input: string | readonly (readonly unknown[])[]): { findings: Findings; problems: FindingsProblem[] } {
  const findings: Findings = new Map();
  const problems: FindingsProblem[] = [];
  const suggestions = new Map<string, string[]>();
  const pairs: [string, string][] = [];
  if (typeof input === "string") {
    for (const item of input.split(/[;；,，、\n]+/)) {
      const t = item.replace(/\u3000/g, " ").trim();
      if (!t) continue;
      const eq = /^(.+?)\s*(?:=|：|:|＝)\s*(.+)$/.exec(t);
      if (eq) pairs.push([eq[1]!.trim(), eq[2]!.trim()]);
      else {
        // "PaO2 55", "收缩压 75 mmHg": the value starts after the last space before a number;
        // "体温39.5℃": the value is the trailing number and its unit.
        const sp = /^(.+?)\s+([+-]?\d+(?:\.\d+)?\s*[^\d\s]*)$/.exec(t) ?? /^(.*?[^\d.+-])([+-]?\d+(?:\.\d+)?[^\d]*)$/.exec(t);
        pairs.push(sp && findingByName(sp[1]!.trim()) ? [sp[1]!.trim(), sp[2]!.trim()] : [t, ""]);
      }
    }
  } else for (const r of input) if (r[0] !== null && r[0] !== undefined && String(r[0]).trim() !== "") pairs.push([String(r[0]).trim(), r[1] === null || r[1] === undefined ? "" : String(r[1]).trim()]);

  for (const [nameRaw, valueRaw] of pairs) {
    const item = valueRaw ? `${nameRaw}=${valueRaw}` : nameRaw;
    const name = nameRaw.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
    const value = valueRaw.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
    let f = findingByName(name);
    if (!f && value === "") {
      const ch = choiceIndex.get(normaliseToken(name));
      if (ch) {
        const prev = findings.get(ch.finding);
        const set = prev?.type === "choice" ? prev.value : new Set<string>();
        set.add(ch.choice);
        findings.set(ch.finding, { type: "choice", value: set });
        continue;
      }
    }
    if (!f) {
      // "did you mean": ranked for the first unknown names only (a pasted column of thousands of
      // unknown items must not take seconds), once per distinct name
      let close = suggestions.get(name);
      if (close === undefined) {
        close = suggestions.size < MAX_SUGGESTED ? rank(name, FINDING_CANDIDATES, 3).map((m) => m.item.zh) : [];
        suggestions.set(name, close);
      }
      problems.push({ item, message: { zh: `未知指标“${name}”${close.length ? `，是否指：${close.join("、")}` : ""}`, en: `Unknown finding "${name}"${close.length ? `; did you mean ${close.join(", ")}` : ""}` } });
      continue;
    }
    if (f.type === "boolean") {
      const v = normaliseToken(value);
      if (value === "" || YES.has(v)) findings.set(f.id, { type: "boolean", value: true });
      else if (NO.has(v)) findings.set(f.id, { type: "boolean", value: false });
      else problems.push({ item, message: { zh: `“${f.zh}”应为 是/否，而不是“${value}”`, en: `"${f.en}" is yes or no, not "${value}"` } });
    } else if (f.type === "choice") {
      const set = new Set<string>();
      for (const part of value.split(/[\/／+＋和及]/)) {
        const ch = choiceIndex.get(normaliseToken(part));
        if (ch && ch.finding === f.id) set.add(ch.choice);
        else problems.push({ item, message: { zh: `“${f.zh}”没有“${part}”这一选项（可选：${Object.values(f.choices!).map((c) => c.zh).join("、")}）`, en: `"${f.en}" has no option "${part}" (options: ${Object.values(f.choices!).map((c) => c.en).join(", ")})` } });
      }
      if (set.size) findings.set(f.id, { type: "choice", value: set });
    } else {
      const m = NUM_RE.exec(value);
      const num = m ? parseNumber(m[1]!) : null;
      if (!m || !num) {
        problems.push({ item, message: { zh: `“${f.zh}”应为数值（${f.unit || "无单位"}），而不是“${value}”`, en: `"${f.en}" needs a number (${f.unit || "no unit"}), not "${value}"` } });
        continue;
      }
      const unit = m[2]!.trim();
      if (unit !== "" && unitKey(unit) !== unitKey(f.unit ?? "")) {
        problems.push({ item, message: { zh: `“${f.zh}”的单位应为 ${f.unit || "（无单位）"}，而不是 ${unit}：请换算后填写`, en: `"${f.en}" is in ${f.unit || "(no unit)"}, not ${unit}: convert it first` } });
        continue;
      }
      findings.set(f.id, { type: "number", value: num, text: m[1]! });
    }
  }
  return { findings, problems };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export type Answer = "met" | "not_met" | "unknown";

export interface LeafResult {
  finding: string;
  op: Op;
  value: Leaf["value"];
  observed?: string;
  result: Answer;
}

export interface Evaluation {
  condition: Condition;
  result: Answer;
  /** Findings whose absence leaves the answer unknown (empty unless unknown). */
  missing: string[];
  leaves: LeafResult[];
}

function numberOf(f: FindingDef, findings: Findings): Rat | null {
  const v = findings.get(f.id);
  if (v?.type === "number") return v.value;
  if (!f.derived) return null;
  const ev = (e: Expr | string | number): Rat | null => {
    if (typeof e === "number") return Rat.of(Math.round(e * 1000), 1000);
    if (typeof e === "string") return numberOf(FINDINGS[e]!, findings);
    const args = e.args.map(ev);
    if (args.some((a) => a === null)) return null;
    return (args as Rat[]).slice(1).reduce((a, b) => (e.op === "add" ? a.add(b) : e.op === "mul" ? a.mul(b) : b.n === 0n ? a : a.div(b)), args[0]!);
  };
  return ev(f.derived);
}

function derivedInputs(f: FindingDef): string[] {
  const out: string[] = [];
  const walk = (e: Expr | string | number) => {
    if (typeof e === "string") out.push(...(FINDINGS[e]!.derived ? derivedInputs(FINDINGS[e]!) : [e]));
    else if (typeof e === "object") e.args.forEach(walk);
  };
  if (f.derived) walk(f.derived);
  return out;
}

function leafValueText(l: Leaf): string {
  return Array.isArray(l.value) ? l.value.join("/") : String(l.value);
}

function evalNode(n: Node, findings: Findings, leaves: LeafResult[]): { r: Answer; missing: string[] } {
  if ("all" in n || "any" in n) {
    const kids = ("all" in n ? n.all : n.any).map((k) => evalNode(k, findings, leaves));
    const all = "all" in n;
    if (all ? kids.some((k) => k.r === "not_met") : kids.some((k) => k.r === "met")) return { r: all ? "not_met" : "met", missing: [] };
    if (kids.some((k) => k.r === "unknown")) return { r: "unknown", missing: [...new Set(kids.filter((k) => k.r === "unknown").flatMap((k) => k.missing))] };
    return { r: all ? "met" : "not_met", missing: [] };
  }
  const f = FINDINGS[n.finding]!;
  let r: Answer;
  let observed: string | undefined;
  if (f.type === "number") {
    const v = numberOf(f, findings);
    if (!v) r = "unknown";
    else {
      const c = v.cmp(Rat.of(Math.round((n.value as number) * 1000), 1000));
      r = (n.op === "<" ? c < 0 : n.op === "<=" ? c <= 0 : n.op === ">" ? c > 0 : c >= 0) ? "met" : "not_met";
      const given = findings.get(f.id);
      observed = given?.type === "number" ? given.text : (Number(v.n) / Number(v.d)).toFixed(2);
    }
  } else {
    const v = findings.get(f.id);
    if (!v) r = "unknown";
    else if (f.type === "boolean") {
      r = (v.value as boolean) === n.value ? "met" : "not_met";
      observed = String(v.value);
    } else {
      const set = v.value as Set<string>;
      r = (n.value as string[]).some((x) => set.has(x)) ? "met" : "not_met";
      observed = [...set].join("/");
    }
  }
  leaves.push({ finding: f.id, op: n.op, value: n.value, observed, result: r });
  return { r, missing: r === "unknown" ? (f.derived && !findings.has(f.id) ? derivedInputs(f).filter((x) => !findings.has(x)) : [f.id]) : [] };
}

export function evaluate(condition: Condition, findings: Findings): Evaluation {
  const leaves: LeafResult[] = [];
  const { r, missing } = evalNode(condition.criterion, findings, leaves);
  return { condition, result: r, missing, leaves };
}

/** Every condition the findings meet (the search a clerk runs when the diagnosis is not yet named). */
export function conditionsMet(findings: Findings): Evaluation[] {
  return CONDITIONS.map((c) => evaluate(c, findings)).filter((e) => e.result === "met");
}

const OP_TEXT: Record<Op, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", is: "=", in: "∈" };
export function leafText(l: Leaf | LeafResult, lang: "zh" | "en"): string {
  const f = FINDINGS[l.finding]!;
  const name = lang === "zh" ? f.zh : f.en;
  if (f.type === "boolean") return l.value ? name : `${lang === "zh" ? "非" : "not "}${name}`;
  if (f.type === "choice") return `${name} ${OP_TEXT[l.op]} {${(l.value as string[]).map((c) => (lang === "zh" ? f.choices![c]!.zh : f.choices![c]!.en)).join(", ")}}`;
  return `${name} ${OP_TEXT[l.op]} ${leafValueText(l as Leaf)}${f.unit ? " " + f.unit : ""}`;
}

export function findingName(id: string, lang: "zh" | "en"): string {
  const f = FINDINGS[id];
  return f ? (lang === "zh" ? f.zh : f.en) : id;
}
