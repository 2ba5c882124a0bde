/**
 * The emergency / critical disease reference list as data (急危重病 参考病种及关键标准; SY 附件, LN 附件,
 * CY; POLICY §10): 56 conditions in 12 systems, each key criterion an all/any tree of comparisons over
 * findings, with the documents' exact signs (≥ vs >) and units, checked when loaded. The findings
 * language (findings.ts) and the evaluation (emergency.ts) both read it from here.
 */
import raw from "./data/emergency.json";
import type { Ref } from "../docs";
import type { Text } from "../text";

export type Op = "<" | "<=" | ">" | ">=" | "is" | "in";
export type Node = { all: Node[] } | { any: Node[] } | Leaf;
export interface Leaf {
  finding: string;
  op: Op;
  value: number | boolean | string[];
}
export type Expr = { op: "add" | "mul" | "div"; args: (Expr | string | number)[] };

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

/** Every leaf of a criterion, in order. */
export function leavesOf(n: Node): Leaf[] {
  return "all" in n ? n.all.flatMap(leavesOf) : "any" in n ? n.any.flatMap(leavesOf) : [n];
}

export const CONDITION_BY_ID: ReadonlyMap<string, Condition> = new Map(CONDITIONS.map((c) => [c.id, c]));
