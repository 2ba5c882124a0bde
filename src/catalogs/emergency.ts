/**
 * The emergency / critical disease reference list (急危重病 参考病种及关键标准; SY 附件, LN 附件, CY;
 * POLICY §10): condition names as people type them, and the evaluation of a key criterion over
 * findings in three values — met, not met, or unknown with the findings that are missing. A missing
 * finding is never false. The list itself is emergencyList.ts; how findings are read is findings.ts.
 *
 * Finding values are exact rationals, so 3 is never "a little above 3". A finding the record gives
 * as a bound (TSH <0.005) decides a comparison only when every value inside the bound does.
 */
import namesRaw from "./data/conditionNames.json";
import { CONDITIONS, CONDITION_BY_ID, FINDINGS, leavesOf, type Condition, type Expr, type FindingDef, type Leaf, type Node, type Op } from "./emergencyList";
import { decimal, fold, opOf, parseFindings, ratText, type Bound, type FindingsOptions, type Findings, type ParsedFindings } from "./findings";
import { joinList, joinTexts, msg, say } from "../messages";
import { Rat } from "../rational";
import type { Text } from "../text";
import { nameKey } from "./chronic";
import { rank, type Candidate } from "./fuzzy";

export { CONDITIONS, EMERGENCY_LIST_REFS, FINDINGS, leavesOf, type Condition, type FindingDef, type Leaf, type Node, type Op } from "./emergencyList";
export {
  findingByName,
  parseFindings,
  YISHANG_READING,
  type FindingValue,
  type Findings,
  type FindingsOptions,
  type FindingsProblem,
  type FindingsProblemCode,
  type IgnoredItem,
  type FindingReading,
  type ParsedFindings,
  type YishangReading,
} from "./findings";

// ---------------------------------------------------------------------------------------------
// Condition names

interface NamesData {
  names: Record<string, { names: string[]; why: string }>;
  ambiguous: { names: string[]; candidates: string[]; why: Text }[];
}
const N = namesRaw as unknown as NamesData;

/** A condition name reduced for lookup: case, spaces, brackets, accents and British spellings do not count. */
export function conditionKey(s: string): string {
  return nameKey(
    fold(s)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/ae/g, "e")
      .replace(/oe/g, "e"),
  );
}

// The name index is built at its first use, not at load: the engine imports this module for the claims
// that name a condition, and a batch without one (a settle of employee inpatient claims) never asks.
let NAMES: { exact: Map<string, Condition>; ambiguous: Map<string, { candidates: Condition[]; why: Text }>; candidates: Candidate<Condition>[] } | null = null;
function nameIndex(): NonNullable<typeof NAMES> {
  if (NAMES) return NAMES;
  const EXACT = new Map<string, Condition>();
  const AMBIGUOUS = new Map<string, { candidates: Condition[]; why: Text }>();
  const add = (name: string, c: Condition) => {
    const k = conditionKey(name);
    if (!k) return;
    const prev = EXACT.get(k);
    if (prev && prev !== c) throw new Error(`conditionNames: ${name} names both ${prev.id} and ${c.id}; list it under ambiguous`);
    EXACT.set(k, c);
  };
  for (const c of CONDITIONS) for (const n of [c.name.zh, c.id, c.name.en, ...c.aliases]) add(n, c);
  for (const [id, g] of Object.entries(N.names)) {
    const c = CONDITION_BY_ID.get(id);
    if (!c || !g.why) throw new Error(`conditionNames.json: ${id} is not a condition, or its names have no reason`);
    for (const n of g.names) add(n, c);
  }
  for (const a of N.ambiguous) {
    const cands = a.candidates.map((id) => CONDITION_BY_ID.get(id));
    if (cands.some((c) => !c) || !a.why?.zh || !a.why?.en) throw new Error(`conditionNames.json: ambiguous ${a.names[0]}: unknown candidate or no reason`);
    for (const n of a.names) {
      const k = conditionKey(n);
      if (EXACT.has(k)) throw new Error(`conditionNames.json: ambiguous ${n} is also the name of ${EXACT.get(k)!.id}`);
      AMBIGUOUS.set(k, { candidates: cands as Condition[], why: a.why });
    }
  }
  const candidates: Candidate<Condition>[] = CONDITIONS.map((c) => ({ item: c, names: [c.name.zh, c.id, c.name.en, ...c.aliases, ...(N.names[c.id]?.names ?? [])] }));
  return (NAMES = { exact: EXACT, ambiguous: AMBIGUOUS, candidates });
}

export interface ConditionLookup {
  /** Set only when the name names one condition exactly (never by similarity). */
  condition?: Condition;
  /** Closest conditions otherwise, best first (for an ambiguous name, its candidates first). */
  alternatives: Condition[];
  /** When the name can mean several conditions (or one the list may not mean): the candidates and why. */
  ambiguous?: { candidates: Condition[]; why: Text };
}

/** A condition by its name (Chinese or English), id or an alias; candidates when not exact. */
export function findCondition(name: string): ConditionLookup {
  const text = typeof name === "string" ? name : name === null || name === undefined ? "" : String(name);
  const k = conditionKey(text);
  const { exact: EXACT, ambiguous: AMBIGUOUS, candidates } = nameIndex();
  const exact = EXACT.get(k);
  if (exact) return { condition: exact, alternatives: [] };
  const amb = AMBIGUOUS.get(k);
  const m = rank(text, candidates, 5);
  // A finding or choice name (室颤, 肺栓塞 …) points to the conditions whose criterion uses it.
  const f = findingUse(text);
  const alternatives = [...new Set([...(amb?.candidates ?? []), ...f, ...m.map((x) => x.item)])].slice(0, Math.max(5, amb?.candidates.length ?? 0));
  return amb ? { alternatives, ambiguous: amb } : { alternatives };
}

/** Finding and choice names (室颤, 乳酸 …) → the conditions whose criterion uses them. */
let FINDING_USE: Map<string, Condition[]> | null = null;
function findingUses(): Map<string, Condition[]> {
  if (FINDING_USE) return FINDING_USE;
  const byName = new Map<string, Condition[]>();
  for (const f of Object.values(FINDINGS)) {
    const uses = (choice?: string) => CONDITIONS.filter((c) => leavesOf(c.criterion).some((l) => l.finding === f.id && (!choice || (Array.isArray(l.value) && l.value.includes(choice)))));
    const all = uses();
    for (const n of [f.zh, f.en, ...f.aliases]) if (!byName.has(conditionKey(n))) byName.set(conditionKey(n), all);
    if (f.choices) for (const [cid, ch] of Object.entries(f.choices)) for (const n of [ch.zh, ch.en, ...ch.aliases]) if (!byName.has(conditionKey(n))) byName.set(conditionKey(n), uses(cid));
  }
  return (FINDING_USE = byName);
}
function findingUse(text: string): Condition[] {
  const k = conditionKey(text);
  return k ? (findingUses().get(k) ?? []) : [];
}

/** Every name a condition is found by (for the pane and the CLI). */
export function conditionNames(c: Condition): string[] {
  return [...new Set([c.name.zh, c.name.en, ...c.aliases, ...(N.names[c.id]?.names ?? [])])];
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export type Answer = "met" | "not_met" | "unknown";

export interface LeafResult {
  finding: string;
  /** The comparison made (under the reading of 以上 in force). */
  op: Op;
  value: Leaf["value"];
  observed?: string;
  result: Answer;
}

export interface Evaluation {
  condition: Condition;
  result: Answer;
  /** Findings whose absence (or imprecision: a bound that does not decide) leaves the answer unknown. */
  missing: string[];
  leaves: LeafResult[];
}

type Num = { value: Rat; bound?: Bound };

function numberOf(f: FindingDef, findings: Findings): Num | null {
  const v = findings.get(f.id);
  if (v?.type === "number") return v;
  if (!f.derived) return null;
  // a derived finding from measured values only: a bound inside the formula leaves it unknown
  const ev = (e: Expr | string | number): Rat | null => {
    if (typeof e === "number") return decimal(String(e));
    if (typeof e === "string") {
      const n = numberOf(FINDINGS[e]!, findings);
      return n && !n.bound ? n.value : null;
    }
    const args = e.args.map(ev);
    if (args.some((a) => a === null)) return null;
    if (e.op === "div" && (args as Rat[]).slice(1).some((b) => b.n === 0n)) return null;
    return (args as Rat[]).slice(1).reduce((a, b) => (e.op === "add" ? a.add(b) : e.op === "mul" ? a.mul(b) : a.div(b)), args[0]!);
  };
  const r = ev(f.derived);
  return r ? { value: r } : null;
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

const LEAF_VALUES = new Map<number, Rat>();
function leafValue(v: number): Rat {
  let r = LEAF_VALUES.get(v);
  if (!r) LEAF_VALUES.set(v, (r = decimal(String(v))!));
  return r;
}

/**
 * Does an observed value (or bound) meet `x op t`? A point compares exactly. A bound {x : x b a}
 * meets the criterion when all of it lies inside, fails when none of it does, else is unknown.
 */
export function compareNumber(obs: Num, op: "<" | "<=" | ">" | ">=", t: Rat): Answer {
  const c = obs.value.cmp(t);
  if (!obs.bound) return (op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0) ? "met" : "not_met";
  const obsUp = obs.bound === ">" || obs.bound === ">=";
  const critUp = op === ">" || op === ">=";
  const obsIncl = obs.bound === ">=" || obs.bound === "<=";
  const critIncl = op === ">=" || op === "<=";
  if (obsUp === critUp) {
    // same direction: inside when the observed bound is at or beyond the criterion's
    const beyond = obsUp ? c > 0 : c < 0;
    if (beyond || (c === 0 && (!obsIncl || critIncl))) return "met";
    return "unknown";
  }
  // opposite directions: not met when the bound and the criterion do not overlap at all
  const apart = obsUp ? c > 0 : c < 0;
  return apart || (c === 0 && !(obsIncl && critIncl)) ? "not_met" : "unknown";
}

function evalNode(n: Node, findings: Findings, leaves: LeafResult[], opts: FindingsOptions): { r: Answer; missing: string[] } {
  if ("all" in n || "any" in n) {
    const kids = ("all" in n ? n.all : n.any).map((k) => evalNode(k, findings, leaves, opts));
    const all = "all" in n;
    if (all ? kids.some((k) => k.r === "not_met") : kids.some((k) => k.r === "met")) return { r: all ? "not_met" : "met", missing: [] };
    if (kids.some((k) => k.r === "unknown")) return { r: "unknown", missing: [...new Set(kids.filter((k) => k.r === "unknown").flatMap((k) => k.missing))] };
    return { r: all ? "met" : "not_met", missing: [] };
  }
  const f = FINDINGS[n.finding]!;
  const op = opOf(n, opts);
  let r: Answer;
  let observed: string | undefined;
  if (f.type === "number") {
    const v = numberOf(f, findings);
    if (!v) r = "unknown";
    else {
      r = compareNumber(v, op as "<" | "<=" | ">" | ">=", leafValue(n.value as number));
      const given = findings.get(f.id);
      observed = given?.type === "number" ? given.text : ratText(v.value);
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
  leaves.push({ finding: f.id, op, value: n.value, observed, result: r });
  return { r, missing: r === "unknown" ? (f.derived && !findings.has(f.id) ? derivedInputs(f).filter((x) => !findings.has(x) || (findings.get(x) as { bound?: Bound }).bound) : [f.id]) : [] };
}

export function evaluate(condition: Condition, findings: Findings, opts: FindingsOptions = {}): Evaluation {
  const leaves: LeafResult[] = [];
  const { r, missing } = evalNode(condition.criterion, findings, leaves, opts);
  return { condition, result: r, missing: missing.length || r !== "unknown" ? missing : leaves.filter((l) => l.result === "unknown").map((l) => l.finding), leaves };
}

/** Every condition the findings meet (the search a clerk runs when the diagnosis is not yet named). */
export function conditionsMet(findings: Findings, opts: FindingsOptions = {}): Evaluation[] {
  return CONDITIONS.map((c) => evaluate(c, findings, opts)).filter((e) => e.result === "met");
}

const OP_TEXT: Record<Op, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", is: "=", in: "∈" };
function leafValueText(l: Leaf | LeafResult): string {
  return Array.isArray(l.value) ? l.value.join("/") : String(l.value);
}
export function leafText(l: Leaf | LeafResult, lang: "zh" | "en"): string {
  const f = FINDINGS[l.finding]!;
  const name = lang === "zh" ? f.zh : f.en;
  if (f.type === "boolean") return l.value ? name : say(lang, "catalogs.notFinding", { name });
  if (f.type === "choice") return `${name} ${OP_TEXT[l.op]} {${(l.value as string[]).map((c) => (lang === "zh" ? f.choices![c]!.zh : f.choices![c]!.en)).join(", ")}}`;
  return `${name} ${OP_TEXT[l.op]} ${leafValueText(l)}${f.unit ? " " + f.unit : ""}`;
}

export function findingName(id: string, lang: "zh" | "en"): string {
  const f = FINDINGS[id];
  return f ? (lang === "zh" ? f.zh : f.en) : id;
}

// ---------------------------------------------------------------------------------------------
// Words for the engine, the functions and the command line

/** Why a name does not pick one condition: its candidates (and why), or the closest names. */
export function conditionProblem(name: string): Text {
  const l = findCondition(name);
  const names = (cs: readonly Condition[]) => ({ zh: joinList("zh", cs.map((c) => c.name.zh)), en: joinList("en", cs.map((c) => c.name.en)) });
  if (l.ambiguous) return msg("findings.conditionAmbiguous", { name, candidates: names(l.ambiguous.candidates), why: l.ambiguous.why });
  return msg("findings.conditionUnknown", { name, closest: l.alternatives.length ? msg("findings.closest", { names: names(l.alternatives) }) : { zh: "", en: "" } });
}

/** The refused items of a findings text, as one message (each names its item). */
export function findingsRefusal(p: ParsedFindings): Text {
  return msg("findings.refusedCondition", { problems: joinTexts(p.problems.map((x) => x.message)) });
}

/** Trace lines for a findings text: how each item was read, and what was ignored. */
export function findingsNotes(p: ParsedFindings): Text[] {
  const out: Text[] = [];
  if (p.readings.length) out.push(msg("findings.readNote", { items: joinTexts(p.readings.map((r) => r.text)) }));
  if (p.ignored.length) out.push(msg("findings.ignoredNote", { items: joinTexts(p.ignored.map((x) => x.message)) }));
  return out;
}

/** One line for the audit when findings items were ignored (null when none were). */
export function ignoredFindingsNote(text: string | undefined): Text | null {
  if (!text) return null;
  const p = parseFindings(text);
  return p.ignored.length ? msg("findings.ignoredNote", { items: joinTexts(p.ignored.map((x) => x.message)) }) : null;
}
