/**
 * The findings language: how the findings a doctor or an auditor copies from a record are read
 * (POLICY §10; the rules, each line a test, are docs/findings.md). Every accepted item is read
 * exactly; anything that could be read two ways is refused with a message naming the item; an item
 * that names no criterion is reported as ignored and does not stop the evaluation.
 *
 * - value words for booleans (阳性, +, (+++), 有, 是 / 阴性, -, 无, 否, 未) and for the judged findings
 *   (D-二聚体 升高 / 正常, 皮质醇 降低), refused when neither (±, 弱阳性, 可疑);
 * - negation (无X, X=无/否, 未行X, 否认X史) and the record's prefixes (既往, 入院, CT示 …);
 * - blood-pressure pairs (血压 75/40), systolic first;
 * - an exact unit table per finding (factors are rationals, never binary floats), FiO2 as a
 *   fraction or a per cent, a plausible range per finding (a value outside is refused, not compared);
 * - comparisons written in a finding (TSH <0.005, 乳酸 >3, 5倍以上) as bounds, so that an answer is
 *   given only when the bound decides it;
 * - ambiguity refused: a comma inside a number (3,5 or 1,500), a range, an approximate value, two
 *   values, a bare fraction that is also a plausible per cent, a value given twice differently.
 */
import raw from "./data/findingsLanguage.json";
import { FINDINGS, CONDITION_BY_ID, leavesOf, type FindingDef, type Leaf, type Op } from "./emergencyList";
import { Rat } from "../rational";
import { BOOL_WORDS } from "../claim/enums";
import { msg, joinList, type MessageKey, type MessageParams } from "../messages";
import type { Text } from "../text";
import type { Ref } from "../docs";
import { rank, type Candidate } from "./fuzzy";

// ---------------------------------------------------------------------------------------------
// Exact decimals

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

function reduce(r: Rat): Rat {
  const g = gcd(r.n, r.d);
  return Rat.of(r.n / g, r.d / g);
}

/** A decimal written with a point ("12.5", "-0.4", ".5") as an exact rational; null if it is not one. */
export function decimal(s: string): Rat | null {
  const m = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(s.trim());
  if (!m || (m[2] === "" && m[3] === undefined)) return null;
  const frac = m[3] ?? "";
  return Rat.of(BigInt((m[1] === "-" ? "-" : "") + (m[2] || "0") + frac), 10n ** BigInt(frac.length));
}

/** "10", "1/2", "1000/133.322387415": a factor of the unit table as an exact rational. */
function factorOf(s: string): Rat {
  const parts = s.split("/").map((p) => decimal(p));
  if (parts.some((p) => p === null) || parts.length > 2) throw new Error(`findingsLanguage.json: bad factor ${s}`);
  return parts.length === 1 ? parts[0]! : parts[0]!.div(parts[1]!);
}

/** A rational as a decimal: exact when it terminates within 6 places, else rounded to 4 with ≈. */
export function ratText(x: Rat): string {
  const r = reduce(x);
  let d = r.d;
  let k = 0;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  const exact = d === 1n && Math.max(twos, fives) <= 6;
  k = exact ? Math.max(twos, fives) : 4;
  const scale = 10n ** BigInt(k);
  const neg = r.n < 0n;
  const n = neg ? -r.n : r.n;
  let q = (n * scale) / r.d;
  if (!exact && ((n * scale) % r.d) * 2n >= r.d) q += 1n;
  let s = q.toString().padStart(k + 1, "0");
  if (k > 0) s = `${s.slice(0, -k)}.${s.slice(-k)}`;
  if (exact && k > 0) s = s.replace(/\.?0+$/, "");
  return `${exact ? "" : "≈"}${neg && q !== 0n ? "-" : ""}${s}`;
}

// ---------------------------------------------------------------------------------------------
// The language's data

type Sense = "positive" | "elevated" | "low";
interface NotTheSame {
  names: string[];
  near: string;
  refuse: boolean;
  why: Text;
}
interface LangData {
  findings: Record<string, { aliases?: string[]; units?: string | Record<string, string>; range?: [string, string]; fraction?: boolean; unitHint?: Text }>;
  unitSets: Record<string, Record<string, string>>;
  subjects: Record<string, { names: string[]; sense: Sense }>;
  counterparts: Record<string, { names: string[] }>;
  bloodPressure: { names: string[] };
  notTheSame: NotTheSame[];
  values: {
    true: string[];
    false: string[];
    ambiguous: string[];
    notGiven: string[];
  } & Record<Sense, { true: string[]; false: string[] }>;
  prefixes: { negation: string[]; affirmation: string[]; notMeasured: string[]; context: string[]; suffix: string[] };
  modalities: { names: string[]; as: string[]; findingsStartWith: string[] }[];
  modalityVerbs: { shows: string[]; doesNotShow: string[] };
  bodyParts: string[];
  yishang: { label: Text; choices: Record<YishangReading, Text>; default: YishangReading; refs: Ref[]; note: string; leaves: { condition: string; finding: string; value: number; excerpt: string }[] };
}
const L = raw as unknown as LangData;

/** How 以上 / 以下 without 及 are read (POLICY §10): a switch, default "more than". */
export type YishangReading = "more_than" | "at_least";
export const YISHANG_READING = { label: L.yishang.label, choices: L.yishang.choices, default: L.yishang.default, refs: L.yishang.refs, note: L.yishang.note } as const;

export interface FindingsOptions {
  /** The 以上 reading (POLICY §10); default YISHANG_READING.default. */
  yishang?: YishangReading;
}

/** Everything a person writes, folded to one spelling: full-width, superscripts, micro signs. */
export function fold(s: string): string {
  return s
    .replace(/10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, e: string) => "10^" + e.normalize("NFKC"))
    .normalize("NFKC")
    .replace(/[µ]/g, "μ")
    .replace(/[\u3000\u00a0]/g, " ")
    .replace(/[‐‑‒–—−]/g, "-");
}

/** A finding name reduced for lookup: case, spaces, brackets and inner hyphens do not count. */
export function findingKey(s: string): string {
  return fold(s)
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/[()[\]{}【】「」]/g, "")
    .replace(/(?<=[^+\-])[-_·.](?=[^+\-])/g, "");
}

export function unitKey(u: string): string {
  return fold(u)
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/μ/g, "u")
    .replace(/^[x×*]/, "")
    .replace(/℃/g, "°c")
    .replace(/℉/g, "°f");
}

interface UnitEntry {
  written: string;
  factor: Rat;
  fahrenheit?: boolean;
}
interface NumberSpec {
  units: Map<string, UnitEntry>;
  unitNames: string[];
  min: Rat;
  max: Rat;
  fraction: boolean;
  hint?: Text;
}

const NUMBER_SPECS = new Map<string, NumberSpec>();
for (const f of Object.values(FINDINGS)) {
  if (f.type !== "number") continue;
  const d = L.findings[f.id];
  if (!d || !d.units || !d.range) throw new Error(`findingsLanguage.json: number finding ${f.id} needs units and a range`);
  const table = typeof d.units === "string" ? L.unitSets[d.units] : d.units;
  if (!table) throw new Error(`findingsLanguage.json: ${f.id}: no unit set ${String(d.units)}`);
  const units = new Map<string, UnitEntry>();
  for (const [u, fac] of Object.entries(table)) units.set(unitKey(u), fac === "F" ? { written: u, factor: Rat.of(5, 9), fahrenheit: true } : { written: u, factor: factorOf(fac) });
  const own = units.get(unitKey(f.unit ?? ""));
  if (!own || own.factor.cmp(Rat.of(1)) !== 0) throw new Error(`findingsLanguage.json: ${f.id}: the list's unit ${f.unit} must be in its table with factor 1`);
  NUMBER_SPECS.set(f.id, { units, unitNames: Object.keys(table).filter((u) => u !== ""), min: decimal(d.range[0])!, max: decimal(d.range[1])!, fraction: d.fraction === true, hint: d.unitHint });
}

// ---------------------------------------------------------------------------------------------
// Names

type Target =
  | { kind: "finding"; id: string }
  | { kind: "choice"; id: string; choice: string }
  | { kind: "subject"; id: string; sense: Sense }
  | { kind: "counterpart"; id: string }
  | { kind: "bp" }
  | { kind: "other"; entry: NotTheSame };

interface Resolved {
  target: Target;
  negated: boolean;
  affirmed: boolean;
  notMeasured: boolean;
  /** A unit written with the name: 乳酸(mmol/L). */
  unit?: string;
}

const INDEX = new Map<string, Target>();
function index(name: string, t: Target, where: string): void {
  const k = findingKey(name);
  if (!k) return;
  const prev = INDEX.get(k);
  if (prev && JSON.stringify(prev) !== JSON.stringify(t)) throw new Error(`findingsLanguage: the name ${name} (${where}) is already ${JSON.stringify(prev)}`);
  INDEX.set(k, t);
}
for (const f of Object.values(FINDINGS)) {
  for (const n of [f.id, f.zh, f.en, ...f.aliases, ...(L.findings[f.id]?.aliases ?? [])]) index(n, { kind: "finding", id: f.id }, f.id);
  if (f.choices) for (const [cid, c] of Object.entries(f.choices)) for (const n of [cid, c.zh, c.en, ...c.aliases]) index(n, { kind: "choice", id: f.id, choice: cid }, `${f.id}.${cid}`);
}
for (const [id, s] of Object.entries(L.subjects)) {
  if (FINDINGS[id]?.type !== "boolean") throw new Error(`findingsLanguage.json: subject of ${id}, not a boolean finding`);
  for (const n of s.names) index(n, { kind: "subject", id, sense: s.sense }, `subject ${id}`);
}
for (const [id, s] of Object.entries(L.counterparts)) {
  if (FINDINGS[id]?.type !== "boolean") throw new Error(`findingsLanguage.json: counterpart of ${id}, not a boolean finding`);
  for (const n of s.names) index(n, { kind: "counterpart", id }, `counterpart ${id}`);
}
for (const n of L.bloodPressure.names) index(n, { kind: "bp" }, "blood pressure");
for (const e of L.notTheSame) {
  if (!FINDINGS[e.near]) throw new Error(`findingsLanguage.json: notTheSame near ${e.near}`);
  for (const n of e.names) if (!INDEX.has(findingKey(n))) INDEX.set(findingKey(n), { kind: "other", entry: e });
}
for (const id of Object.keys(L.findings)) if (!FINDINGS[id]) throw new Error(`findingsLanguage.json: unknown finding ${id}`);

const byLength = (xs: string[]) => [...new Set(xs.map(findingKey))].sort((a, b) => b.length - a.length);
const NEG = byLength(L.prefixes.negation);
const AFF = byLength(L.prefixes.affirmation);
const NOT_MEASURED = byLength(L.prefixes.notMeasured);
const CONTEXT = byLength(L.prefixes.context);
const SUFFIX = byLength(L.prefixes.suffix);
const BODY = byLength(L.bodyParts);
const SHOWS = byLength(L.modalityVerbs.shows);
const NOT_SHOWS = byLength(L.modalityVerbs.doesNotShow);
const MODALITIES = L.modalities.map((m) => ({ names: byLength(m.names), as: m.as.map(findingKey), starts: m.findingsStartWith }));

function targetFinding(t: Target): FindingDef | undefined {
  return t.kind === "bp" || t.kind === "other" ? undefined : FINDINGS[t.id];
}
function negatable(r: Resolved): boolean {
  const t = r.target;
  return t.kind === "choice" || t.kind === "subject" || t.kind === "counterpart" || (t.kind === "finding" && FINDINGS[t.id]!.type === "boolean");
}

const resolveCache = new Map<string, Resolved | null>();
function resolveKey(k: string, depth: number): Resolved | null {
  if (!k) return null;
  const t = INDEX.get(k);
  if (t) return { target: t, negated: false, affirmed: false, notMeasured: false };
  if (depth >= 4) return null;
  const memo = resolveCache.get(k);
  if (memo !== undefined) return memo;
  const r = resolveUncached(k, depth);
  if (resolveCache.size < 20_000) resolveCache.set(k, r);
  return r;
}

function resolveUncached(k: string, depth: number): Resolved | null {
  for (const p of NOT_MEASURED)
    if (k.startsWith(p)) {
      const r = resolveKey(k.slice(p.length), depth + 1);
      if (r && r.target.kind === "finding") return { ...r, notMeasured: true };
    }
  for (const p of NEG)
    if (k.startsWith(p)) {
      const r = resolveKey(k.slice(p.length), depth + 1);
      if (r && negatable(r)) return { ...r, negated: !r.negated };
    }
  for (const p of AFF)
    if (k.startsWith(p)) {
      const r = resolveKey(k.slice(p.length), depth + 1);
      if (r && negatable(r)) return { ...r, affirmed: true };
    }
  for (const p of CONTEXT)
    if (k.startsWith(p)) {
      const r = resolveKey(k.slice(p.length), depth + 1);
      if (r) return r;
    }
  for (const s of SUFFIX)
    if (k.endsWith(s) && k.length > s.length) {
      const r = resolveKey(k.slice(0, -s.length), depth + 1);
      if (r && r.target.kind !== "bp") return r;
    }
  // 影像显示X / CT示X / 胸部CT未见X / 心电图示室颤 / 脑电图示癫痫 …
  let rest = k;
  for (const b of BODY)
    if (rest.startsWith(b)) {
      rest = rest.slice(b.length);
      break;
    }
  for (const m of MODALITIES)
    for (const name of m.names) {
      if (!rest.startsWith(name)) continue;
      let body = rest.slice(name.length);
      let negated = false;
      const no = NOT_SHOWS.find((v) => body.startsWith(v));
      if (no) {
        body = body.slice(no.length);
        negated = true;
      } else {
        const yes = SHOWS.find((v) => body.startsWith(v));
        if (yes) body = body.slice(yes.length);
      }
      if (!body) continue;
      for (const as of m.as) {
        const r = resolveKey(as + body, depth + 1);
        const f = r && targetFinding(r.target);
        if (r && f && m.starts.some((s) => f.zh.startsWith(s)) && (!negated || negatable(r))) return negated ? { ...r, negated: !r.negated } : r;
      }
    }
  return null;
}

function sameTarget(a: Resolved, b: Resolved): boolean {
  return JSON.stringify(a.target) === JSON.stringify(b.target) && a.negated === b.negated;
}

/** Resolve a name as written: 收缩压, SBP, 未行气管插管, CT示肺栓塞, 心室颤动(室颤), 乳酸(mmol/L). */
function resolveName(name: string): Resolved | null {
  const s = fold(name).trim();
  if (!s || s.length > 120) return null;
  const direct = resolveKey(findingKey(s), 0);
  if (direct) return direct;
  // a trailing gloss: both parts must name the same thing, or the bracket is the finding's unit
  const m = /^(.+?)\s*\(([^()]+)\)$/.exec(s);
  if (m) {
    const outer = resolveName(m[1]!);
    if (outer) {
      const inner = resolveKey(findingKey(m[2]!), 0);
      if (inner && sameTarget(outer, inner)) return outer;
      const f = targetFinding(outer.target);
      if (!inner && f?.type === "number" && NUMBER_SPECS.get(f.id)!.units.has(unitKey(m[2]!))) return { ...outer, unit: m[2]! };
    }
  }
  return null;
}

/** A finding by one of its names (exactly, after the language's folding): 收缩压, SBP, Lac, 血钾 … */
export function findingByName(name: string): FindingDef | undefined {
  const r = resolveName(name);
  return r && r.target.kind === "finding" && !r.negated ? FINDINGS[r.target.id] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

export type Bound = "<" | "<=" | ">" | ">=";
/** A number finding: a measured value, or a bound (TSH <0.005) when the record gives one. */
export type NumberValue = { type: "number"; value: Rat; bound?: Bound; text: string };
export type FindingValue = NumberValue | { type: "boolean"; value: boolean } | { type: "choice"; value: Set<string> };
export type Findings = Map<string, FindingValue>;

export type FindingsProblemCode =
  | "no_name"
  | "run_together"
  | "needs_value"
  | "not_a_number"
  | "ambiguous_comma"
  | "malformed_number"
  | "range_value"
  | "approximate"
  | "two_values"
  | "two_bounds"
  | "unit"
  | "implausible"
  | "ambiguous_fraction"
  | "boolean"
  | "boolean_ambiguous"
  | "judged"
  | "choice"
  | "blood_pressure"
  | "blood_pressure_order"
  | "conflict"
  | "bare_history"
  | "not_measured_value"
  | "not_the_same";

/** A refused item: an error naming the item and why; the finding it would give is not used. */
export interface FindingsProblem {
  item: string;
  code: FindingsProblemCode;
  message: Text;
  finding?: string;
}

/** An item that is not used: it names no criterion, or says the finding was not measured. */
export interface IgnoredItem {
  item: string;
  name: string;
  reason: "unknown" | "not_the_same" | "not_measured" | "negated_choice";
  message: Text;
  suggestions: string[];
}

/** How an accepted item was read, for the trace and the JSON answer. */
export interface FindingReading {
  item: string;
  finding: string;
  text: Text;
}

export interface ParsedFindings {
  findings: Findings;
  problems: FindingsProblem[];
  ignored: IgnoredItem[];
  readings: FindingReading[];
}

const set = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const TRUE = set(L.values.true);
const FALSE = set(L.values.false);
const AMBIGUOUS = set(L.values.ambiguous);
const NOT_GIVEN = set(L.values.notGiven);
const SENSES: Record<Sense, { t: Set<string>; f: Set<string> }> = {
  positive: { t: set(L.values.positive.true), f: set(L.values.positive.false) },
  elevated: { t: set(L.values.elevated.true), f: set(L.values.elevated.false) },
  low: { t: set(L.values.low.true), f: set(L.values.low.false) },
};
const SENSE_WORDS: Record<Sense, Text> = { positive: msg("findings.wordsTrue"), elevated: msg("findings.wordsElevated"), low: msg("findings.wordsLow") };

type BoolRead = { ok: true; value: boolean } | { ok: false; why: "not_given" | "ambiguous" | "number" | "invalid" };

function stripBrackets(v: string): string {
  let s = v.trim();
  while (/^\(.*\)$/.test(s)) s = s.slice(1, -1).trim();
  return s.replace(/[。.]$/, "").trim();
}

function readBoolean(value: string, sense?: Sense): BoolRead {
  const v = stripBrackets(value).toLowerCase().replace(/\s+/g, "");
  if (NOT_GIVEN.has(v)) return { ok: false, why: "not_given" };
  if (AMBIGUOUS.has(v)) return { ok: false, why: "ambiguous" };
  const words = sense ? SENSES[sense] : { t: TRUE, f: FALSE };
  if (words.t.has(v)) return { ok: true, value: true };
  if (words.f.has(v)) return { ok: true, value: false };
  if (/^[1-4]\+$/.test(v) && sense !== "low") return { ok: true, value: true };
  if (/^[<>≤≥]?[+-]?[\d.,]+/.test(v)) return { ok: false, why: "number" };
  return { ok: false, why: "invalid" };
}

const OP_WORDS: [RegExp, Bound][] = [
  [/^(?:<=|≤|≦|小于等于|不高于|不超过|最多|至多)/, "<="],
  [/^(?:>=|≥|≧|大于等于|不低于|不少于|至少|最少)/, ">="],
  [/^(?:<|小于|低于|不足|不到|少于)/, "<"],
  [/^(?:>|大于|高于|超过|多于)/, ">"],
];

type Quantity = { ok: true; value: Rat; bound?: Bound; fraction: boolean; converted: boolean } | { ok: false; code: FindingsProblemCode; message: Text };

function numberProblem(code: FindingsProblemCode, key: MessageKey, params: MessageParams): Quantity {
  return { ok: false, code, message: msg(key, params) };
}

/**
 * A measured value with its unit, as written after a finding's name: "3.5", "3.5 mmol/L", "<0.005",
 * "5倍以上", "0.4" (FiO2). Converted exactly to the list's unit; refused when it can be read two ways.
 */
function readQuantity(f: FindingDef, written: string, opts: FindingsOptions, unitFromName?: string): Quantity {
  const spec = NUMBER_SPECS.get(f.id)!;
  const name: Text = { zh: f.zh, en: f.en };
  let v = written.replace(/\s+/g, " ").trim().replace(/[。]$/, "");
  const unitText: string | Text = f.unit || msg("findings.noUnit");
  if (/^(?:约|大约|≈|~|～)/.test(v) || /(?:左右|上下|许)$/.test(v)) return numberProblem("approximate", "findings.approximate", { name, value: written });
  let bound: Bound | undefined;
  for (const [re, b] of OP_WORDS) {
    const m = re.exec(v);
    if (m) {
      bound = b;
      v = v.slice(m[0].length).trim();
      break;
    }
  }
  const num = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)/.exec(v);
  if (!num) return numberProblem("not_a_number", "findings.notNumber", { name, unit: unitText, value: written });
  let rest = v.slice(num[0].length);
  if (/^[,，]\s?\d/.test(rest)) return numberProblem("ambiguous_comma", "findings.ambiguousComma", { name, value: written });
  if (/^\.\d?/.test(rest) || /^\d/.test(rest)) return numberProblem("malformed_number", "findings.malformedNumber", { name, value: written });
  if (/^[eE][+-]?\d/.test(rest)) return numberProblem("malformed_number", "findings.malformedNumber", { name, value: written });
  if (/^\s*(?:-|~|～|至|到|—)\s*\d/.test(rest)) return numberProblem("range_value", "findings.rangeValue", { name, value: written });
  if (/^\s*[/／]\s*\d/.test(rest)) return numberProblem("two_values", "findings.twoValues", { name, value: written });
  if (/^\s*[×xX*]\s*\d/.test(rest) && !/^\s*[×xX*]\s*10\s*(?:\^|\*|e|\d*\/)/.test(rest)) return numberProblem("two_values", "findings.twoValues", { name, value: written });
  rest = rest.trim();
  const suffix = /(?:及以上|或以上|以上|及以下|或以下|以下|以内)$/.exec(rest);
  if (suffix) {
    if (bound) return numberProblem("two_bounds", "findings.twoBounds", { name, value: written });
    const s = suffix[0];
    // 及以上, 或以上 and 以内 include the number; a bare 以上 is read by the 以上 switch (POLICY §10)
    const inclusive = /^[及或]/.test(s) || (opts.yishang ?? YISHANG_READING.default) === "at_least" || /^以内$/.test(s);
    bound = /以上$/.test(s) ? (inclusive ? ">=" : ">") : inclusive ? "<=" : "<";
    rest = rest.slice(0, -s.length).trim();
  }
  if (/^(?:[<>≤≥]|以上|以下)/.test(rest) || /[<>≤≥]/.test(rest)) return numberProblem("two_bounds", "findings.twoBounds", { name, value: written });
  const unit = rest === "" && unitFromName ? unitFromName : rest;
  const x = decimal(num[0])!;
  let entry: UnitEntry | undefined;
  let fraction = false;
  let value: Rat;
  if (unit === "") {
    if (spec.fraction) {
      // a bare number is a per cent or a fraction; both readings are tried against the plausible range
      const asPercent = x;
      const asFraction = x.mul(Rat.of(100));
      const inRange = (r: Rat) => r.cmp(spec.min) >= 0 && r.cmp(spec.max) <= 0;
      const p = inRange(asPercent);
      const q = inRange(asFraction) && x.cmp(Rat.of(1)) <= 0;
      if (p && q && asPercent.cmp(asFraction) !== 0) return numberProblem("ambiguous_fraction", "findings.fractionAmbiguous", { name, value: num[0], asFraction: ratText(asFraction) });
      if (!p && !q) return numberProblem("implausible", "findings.implausible", { name, value: written, min: ratText(spec.min), max: ratText(spec.max), unit: f.unit ? ` ${f.unit}` : "" });
      fraction = !p && q;
      value = fraction ? asFraction : asPercent;
    } else value = x;
  } else {
    entry = spec.units.get(unitKey(unit));
    if (!entry) {
      const hint = spec.hint ? msg("findings.unitHint", { hint: spec.hint }) : { zh: "", en: "" };
      return numberProblem("unit", "findings.unit", { name, units: spec.unitNames.join(" / ") || unitText, unit, hint });
    }
    value = entry.fahrenheit ? x.sub(Rat.of(32)).mul(entry.factor) : x.mul(entry.factor);
  }
  if (value.cmp(spec.min) < 0 || value.cmp(spec.max) > 0) return numberProblem("implausible", "findings.implausible", { name, value: written, min: ratText(spec.min), max: ratText(spec.max), unit: f.unit ? ` ${f.unit}` : "" });
  return { ok: true, value: reduce(value), bound, fraction, converted: entry !== undefined && (entry.fahrenheit === true || entry.factor.cmp(Rat.of(1)) !== 0) };
}

function valueText(q: { value: Rat; bound?: Bound }): string {
  return `${q.bound ? ({ "<": "<", "<=": "≤", ">": ">", ">=": "≥" } as const)[q.bound] : ""}${ratText(q.value)}`;
}

function choiceOptions(f: FindingDef): Text {
  const cs = Object.values(f.choices ?? {});
  return { zh: joinList("zh", cs.map((c) => c.zh)), en: joinList("en", cs.map((c) => c.en)) };
}

// ---------------------------------------------------------------------------------------------
// Items

/** A value starts here (after a name): a number, a comparison, a value word, a bracket. */
const VALUE_START = /^(?:[<>≤≥≦≧]|[+-]?\.?\d|[+\-±↑↓√✓✗×]|\(|（|阳|阴|是|否|有|无|未|已|见|可见|存在|正常|升|增|降|减|高|偏|低|明显|显著|异常|弱|可疑|待|不|小于|大于|低于|高于|超过|不足|不到|少于|多于|约|大约|至少|最多|测不出|yes\b|no\b|pos|neg|true|false|normal|high|low|elevated|trace|n\/a|\?)/i;

function splitItems(text: string): string[] {
  // a comma is a separator unless it stands between two digits (3,5 and 1,500 stay one value, refused)
  return fold(text)
    .split(/[;\n\r\t、|。]+|,(?!\d)|(?<!\d),/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

class Reader {
  readonly findings: Findings = new Map();
  readonly problems: FindingsProblem[] = [];
  readonly ignored: IgnoredItem[] = [];
  readonly readings: FindingReading[] = [];
  private readonly conflicted = new Set<string>();
  private readonly from = new Map<string, string>();
  private readonly suggestions = new Map<string, string[]>();

  constructor(private readonly opts: FindingsOptions) {}

  result(): ParsedFindings {
    for (const id of this.conflicted) this.findings.delete(id);
    return { findings: this.findings, problems: this.problems, ignored: this.ignored, readings: this.readings };
  }

  /** A refused item; the finding it names is then not used at all, even from another item. */
  problem(item: string, code: FindingsProblemCode, message: Text, finding?: string): void {
    this.problems.push(finding ? { item, code, message, finding } : { item, code, message });
    if (finding) this.conflicted.add(finding);
  }

  private put(item: string, f: FindingDef, v: FindingValue, reading: Text): void {
    const prev = this.findings.get(f.id);
    if (prev && !this.conflicted.has(f.id)) {
      if (prev.type === "choice" && v.type === "choice") {
        for (const c of v.value) prev.value.add(c);
        this.readings.push({ item, finding: f.id, text: reading });
        return;
      }
      const same = prev.type === "number" && v.type === "number" ? prev.value.cmp(v.value) === 0 && prev.bound === v.bound : prev.type === "boolean" && v.type === "boolean" && prev.value === v.value;
      if (!same) {
        this.conflicted.add(f.id);
        this.problem(item, "conflict", msg("findings.conflict", { name: { zh: f.zh, en: f.en }, first: `${this.from.get(f.id)}`, second: item }), f.id);
      } else this.readings.push({ item, finding: f.id, text: reading });
      return;
    }
    if (this.conflicted.has(f.id)) return;
    this.findings.set(f.id, v);
    this.from.set(f.id, item);
    this.readings.push({ item, finding: f.id, text: reading });
  }

  private ignore(item: string, name: string, reason: IgnoredItem["reason"], message: Text, suggestions: string[] = []): void {
    this.ignored.push({ item, name, reason, message, suggestions });
  }

  /** The number finding the previous item gave (乳酸 3 before a lone "5": 3,5 split at a comma). */
  lastNumber: string | null = null;

  /** A value with no name: refused, and so is the number just before it, which it may be the rest of. */
  valueWithoutName(item: string): void {
    if (this.lastNumber && this.findings.has(this.lastNumber)) {
      this.conflicted.add(this.lastNumber);
      this.problem(this.from.get(this.lastNumber)!, "no_name", msg("findings.splitNumber", { item: this.from.get(this.lastNumber)!, rest: item }), this.lastNumber);
    }
    this.problem(item, "no_name", msg("findings.noName", { item }));
  }

  unknown(item: string, nameRaw: string): void {
    const name = nameRaw.trim() || item;
    let close = this.suggestions.get(name);
    if (close === undefined) {
      // "did you mean": ranked for the first distinct unknown names only (a pasted column of
      // thousands of unknown items must not take seconds)
      close = this.suggestions.size < 50 ? rank(name, FINDING_CANDIDATES, 3).map((m) => m.item.zh) : [];
      this.suggestions.set(name, close);
    }
    const suggest = close.length ? msg("findings.didYouMean", { names: { zh: joinList("zh", close), en: joinList("en", close) } }) : { zh: "", en: "" };
    this.ignore(item, name, "unknown", msg("findings.unknownItem", { name, suggest }), close);
  }

  /** One item of text: name and value, or a bare name. */
  item(itemRaw: string): void {
    const item = itemRaw.trim();
    const whole = resolveName(item);
    if (whole) return this.apply(item, whole, "");
    const eq = /^(.+?)\s*[=:]\s*(.*)$/.exec(item);
    if (eq) {
      const r = resolveName(eq[1]!);
      if (r) return this.apply(item, r, eq[2]!);
      if (/^[+-]?[\d.,]+/.test(eq[1]!.trim())) return this.valueWithoutName(item);
      return this.unknown(item, eq[1]!);
    }
    // the name is the longest known start followed by a value; never a split inside a number
    let best: { r: Resolved; k: number } | null = null;
    let runTogether = false;
    const max = Math.min(item.length - 1, 120);
    for (let k = 1; k <= max; k++) {
      const a = item[k - 1]!;
      const b = item[k]!;
      if (/[\d.]/.test(a) && /[\d.]/.test(b)) {
        // PaO255: a name ending in a digit run into its value cannot be split without guessing
        if (!runTogether && /[^\d.]/.test(item.slice(0, k)) && resolveName(item.slice(0, k))) runTogether = true;
        continue;
      }
      const right = item.slice(k).trimStart();
      if (!VALUE_START.test(right)) continue;
      const left = item.slice(0, k);
      // never inside a bracket: 尿蛋白(+++) is 尿蛋白 and (+++), not 尿蛋白(+ and ++)
      if ((left.match(/\(/g)?.length ?? 0) !== (left.match(/\)/g)?.length ?? 0)) continue;
      const r = resolveName(left);
      if (r) best = { r, k };
    }
    if (best) return this.apply(item, best.r, item.slice(best.k).trim());
    if (runTogether) return this.problem(item, "run_together", msg("findings.runTogether", { item }));
    if (/^[<>≤≥]?[+-]?[\d.,]+/.test(item)) return this.valueWithoutName(item);
    const cut = /^(.*?[^\d.\s+-])\s*(?=[<>≤≥]?[+-]?\d)/.exec(item);
    this.unknown(item, cut ? cut[1]! : item);
  }

  /** A row of a two-column range: name, value (and an optional unit). */
  row(name: string, value: string, unit: string): void {
    const item = value ? `${name}=${value}${unit ? " " + unit : ""}` : name;
    const r = resolveName(name);
    if (!r) {
      if (/^[+-]?[\d.,]+$/.test(name.trim())) return this.problem(item, "no_name", msg("findings.noName", { item }));
      return this.unknown(item, name);
    }
    this.apply(item, r, unit ? `${value} ${unit}` : value);
  }

  apply(item: string, r: Resolved, valueRaw: string): void {
    const value = valueRaw.trim();
    const t = r.target;
    if (t.kind === "other") {
      if (t.entry.refuse) return this.problem(item, "not_the_same", msg("findings.notUsedRefused", { name: item, why: t.entry.why }), t.entry.near);
      return this.ignore(item, item, "not_the_same", msg("findings.notUsed", { name: item, why: t.entry.why }));
    }
    if (r.notMeasured) {
      const nb = value ? readBoolean(value) : null;
      if (nb && !(nb.ok === false && nb.why === "not_given")) return this.problem(item, "not_measured_value", msg("findings.notMeasuredValue", { item, value }));
      return this.ignore(item, item, "not_measured", msg("findings.notMeasured", { name: item }));
    }
    if (t.kind === "bp") return this.bloodPressure(item, value);
    const f = FINDINGS[t.id]!;
    const given = value ? readBoolean(value) : null;
    if (given && given.ok === false && given.why === "not_given")
      return this.ignore(item, item, "not_measured", msg("findings.notMeasured", { name: item }));
    if (t.kind === "choice") {
      if (value) {
        const b = readBoolean(value);
        if (!b.ok) return this.problem(item, "boolean", msg("findings.boolean", { name: { zh: f.choices![t.choice]!.zh, en: f.choices![t.choice]!.en }, value }), f.id);
        if (b.value === r.negated) return this.ignore(item, item, "negated_choice", msg("findings.negatedChoice", { item, name: { zh: f.zh, en: f.en } }));
      } else if (r.negated) return this.ignore(item, item, "negated_choice", msg("findings.negatedChoice", { item, name: { zh: f.zh, en: f.en } }));
      return this.put(item, f, { type: "choice", value: new Set([t.choice]) }, msg("findings.read", { name: { zh: f.zh, en: f.en }, value: { zh: f.choices![t.choice]!.zh, en: f.choices![t.choice]!.en } }));
    }
    if (t.kind === "subject" || t.kind === "counterpart" || f.type === "boolean") {
      const sense = t.kind === "subject" ? t.sense : undefined;
      let v: boolean;
      if (!value) {
        if (t.kind === "finding") v = !r.negated;
        else if (r.negated) v = t.kind === "counterpart" ? true : false;
        else if (r.affirmed && t.kind === "counterpart") v = false;
        else if (t.kind === "counterpart") return this.problem(item, "bare_history", msg("findings.bareHistory", { name: item }), f.id);
        else return this.problem(item, "judged", msg("findings.bareJudged", { name: item, words: SENSE_WORDS[sense!] }), f.id);
      } else {
        const b = readBoolean(value, sense);
        if (!b.ok) {
          if (b.why === "ambiguous") return this.problem(item, "boolean_ambiguous", msg("findings.booleanAmbiguous", { name: { zh: f.zh, en: f.en }, value }), f.id);
          if (sense) return this.problem(item, "judged", msg("findings.judged", { name: { zh: f.zh, en: f.en }, words: SENSE_WORDS[sense], value }), f.id);
          return this.problem(item, "boolean", msg("findings.boolean", { name: { zh: f.zh, en: f.en }, value }), f.id);
        }
        v = b.value !== r.negated;
        if (t.kind === "counterpart") v = !v;
      }
      return this.put(item, f, { type: "boolean", value: v }, msg("findings.read", { name: { zh: f.zh, en: f.en }, value: msg(v ? "findings.yes" : "findings.no") }));
    }
    if (f.type === "choice") {
      if (!value) return this.problem(item, "choice", msg("findings.choiceMissing", { name: { zh: f.zh, en: f.en }, options: choiceOptions(f) }), f.id);
      const picked = new Set<string>();
      for (const part of value.split(/[/+和及]/)) {
        if (!part.trim()) continue;
        const c = resolveName(part);
        if (c && c.target.kind === "choice" && c.target.id === f.id && !c.negated) picked.add(c.target.choice);
        else return this.problem(item, "choice", msg("findings.choice", { name: { zh: f.zh, en: f.en }, value: part.trim(), options: choiceOptions(f) }), f.id);
      }
      if (!picked.size) return this.problem(item, "choice", msg("findings.choiceMissing", { name: { zh: f.zh, en: f.en }, options: choiceOptions(f) }), f.id);
      return this.put(item, f, { type: "choice", value: picked }, msg("findings.read", { name: { zh: f.zh, en: f.en }, value: { zh: [...picked].map((c) => f.choices![c]!.zh).join("/"), en: [...picked].map((c) => f.choices![c]!.en).join("/") } }));
    }
    // a number finding
    if (!value) return this.problem(item, "needs_value", msg("findings.needsValue", { name: { zh: f.zh, en: f.en }, unit: f.unit || msg("findings.noUnit") }), f.id);
    this.number(item, f, value, r.unit);
  }

  private number(item: string, f: FindingDef, value: string, unitFromName?: string): void {
    const q = readQuantity(f, value, this.opts, unitFromName);
    if (!q.ok) return this.problem(item, q.code, q.message, f.id);
    const text = valueText(q);
    const shown = `${text}${f.unit ? " " + f.unit : ""}`;
    const reading = q.fraction ? msg("findings.readFraction", { name: { zh: f.zh, en: f.en }, value: shown, written: value }) : q.converted ? msg("findings.readAs", { name: { zh: f.zh, en: f.en }, value: shown, written: value }) : msg("findings.read", { name: { zh: f.zh, en: f.en }, value: shown });
    this.put(item, f, q.bound ? { type: "number", value: q.value, bound: q.bound, text } : { type: "number", value: q.value, text }, reading);
    this.lastNumber = f.id;
  }

  private bloodPressure(item: string, value: string): void {
    const m = /^([+-]?[\d.,]+)\s*[/／]\s*([+-]?[\d.,]+)\s*(.*)$/.exec(value);
    if (!m) return this.problem(item, "blood_pressure", msg("findings.bloodPressure", { value: value || item }));
    const sbp = FINDINGS.sbp!;
    const dbp = FINDINGS.dbp!;
    const unit = m[3]!.trim();
    const a = readQuantity(sbp, `${m[1]} ${unit}`, this.opts);
    const b = readQuantity(dbp, `${m[2]} ${unit}`, this.opts);
    if (!a.ok) return this.problem(item, a.code, a.message, "sbp");
    if (!b.ok) return this.problem(item, b.code, b.message, "dbp");
    if (a.bound || b.bound) return this.problem(item, "blood_pressure", msg("findings.bloodPressure", { value }));
    if (a.value.cmp(b.value) < 0) return this.problem(item, "blood_pressure_order", msg("findings.bloodPressureOrder", { value }));
    for (const [f, q] of [
      [sbp, a],
      [dbp, b],
    ] as const) {
      const text = valueText(q);
      const shown = `${text} ${f.unit}`;
      this.put(item, f, { type: "number", value: q.value, text }, q.converted ? msg("findings.readAs", { name: { zh: f.zh, en: f.en }, value: shown, written: value }) : msg("findings.read", { name: { zh: f.zh, en: f.en }, value: shown }));
    }
  }
}

/** Names a mistyped finding is compared with. */
const FINDING_CANDIDATES: Candidate<FindingDef>[] = Object.values(FINDINGS).map((x) => ({ item: x, names: [x.zh, ...x.aliases] }));

/** A cell of a two-column range as text: numbers as Excel shows them (15 significant digits). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    const s = Number(v.toPrecision(15)).toString();
    return /e/i.test(s) ? v.toPrecision(15).replace(/\.?0+$/, "") : s;
  }
  if (typeof v === "boolean") return v ? BOOL_WORDS.yes[0]! : BOOL_WORDS.no[0]!;
  return String(v).trim();
}

/**
 * Read findings: text (items separated by ; ； , ， 、 or new lines, each `name=value`, `name value`,
 * `namevalue` or a bare name) or a range of rows (name, value[, unit]).
 */
export function parseFindings(input: string | readonly (readonly unknown[])[], opts: FindingsOptions = {}): ParsedFindings {
  const reader = new Reader(opts);
  if (typeof input === "string")
    for (const item of splitItems(input)) {
      const before = reader.lastNumber;
      reader.item(item);
      if (reader.lastNumber === before) reader.lastNumber = null;
    }
  else if (Array.isArray(input))
    for (const r of input) {
      if (!Array.isArray(r)) continue;
      const name = cellText(r[0]);
      if (!name) continue;
      reader.row(fold(name), fold(cellText(r[1])), fold(cellText(r[2])));
    }
  return reader.result();
}

// ---------------------------------------------------------------------------------------------
// The 以上 leaves of the criteria (POLICY §10)

/** The leaves whose ">" is the reading of a bare 以上: they become ">=" under the "at least" reading. */
export const YISHANG_LEAVES: ReadonlySet<Leaf> = (() => {
  const out = new Set<Leaf>();
  for (const x of L.yishang.leaves) {
    const c = CONDITION_BY_ID.get(x.condition);
    if (!c) throw new Error(`findingsLanguage.json: yishang condition ${x.condition}`);
    if (!c.criterionText.replace(/\s+/g, "").includes(x.excerpt.replace(/\s+/g, ""))) throw new Error(`findingsLanguage.json: ${x.condition}: "${x.excerpt}" is not in the criterion`);
    const leaf = leavesOf(c.criterion).find((l) => l.finding === x.finding && l.value === x.value);
    if (!leaf || leaf.op !== ">") throw new Error(`findingsLanguage.json: ${x.condition}: no ${x.finding} > ${x.value}`);
    out.add(leaf);
  }
  return out;
})();

/** The comparison a leaf makes under a reading. */
export function opOf(l: Leaf, opts: FindingsOptions = {}): Op {
  return (opts.yishang ?? YISHANG_READING.default) === "at_least" && YISHANG_LEAVES.has(l) ? ">=" : l.op;
}
