/**
 * The fuzz targets and what each must guarantee, shared by the vitest suite (test/fuzz/*.test.ts)
 * and the long run (scripts/fuzz.ts).
 *
 * - claims: a generated record through validateClaim and rowValidator (they must agree); a refusal
 *   names a field of FIELDS (or the record's own keys) in Chinese and English; an accepted claim
 *   holds exactly what was written in the well-formed cells; it is settled one by one (Engine.settle)
 *   and in batches (settleInto + resultAt on reused result columns), which must agree to the fen.
 * - engine: well-typed claims with extreme amounts, dates and every enum combination, straight into
 *   the engine (one by one and in batches).
 * - findings: parseFindings on text and two-column ranges, evaluate / conditionsMet on the result;
 *   three-valued logic never turns a missing finding into an answer.
 * - lookups: chronicCode, chronicName, findCondition, findReferral, closestLanzhou, materialKinds,
 *   missingMaterials on exact, mutated and hostile names.
 * - functions: every custom function of functions/functions.ts on random matrices.
 *
 * Every settled result: amounts finite integers (fen), no layer negative, personal ≥ 0, and the
 * engine's reconciliation identities (kernel.ts personalOf, shared.ts policyScope):
 *   total = outOfCatalog + personal + Σ layers,   policyScope = total − outOfCatalog − classBSelfShare,
 * the pooled fund within what is left of its annual cap; a failed result has every amount NaN and a
 * problem with a code and a message in both languages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rowValidator, validateClaim, type Validation } from "../../src/claim/validate";
import { FIELDS, FIELD_BY_NAME } from "../../src/claim/fields";
import { CARE_TYPES, CIVIL_SERVANT_RANKS, CROSS_REGIONS, HOSPITAL_LEVELS, INSURED_PLACES, PERSON_TYPES, POVERTY_STATUSES, SCHEMES, SETTLEMENTS } from "../../src/claim/enums";
import type { Claim } from "../../src/claim/claim";
import { Engine, resultAt, type SettlementResult } from "../../src/engine/settle";
import { allocResults, fromClaims, LAYERS, twoDiseaseKind, type ResultColumns } from "../../src/engine/columns";
import { ROUTES, type KernelId } from "../../src/engine/routes";
import { builtinRegistry } from "../../src/params/builtin";
import { readParamTable } from "../../src/params/table";
import { parseCsv } from "../../io/csv";
import { parseDay } from "../../src/dates";
import { MAX_FEN } from "../../src/money";
import type { Problem } from "../../src/problem";
import { findChronic } from "../../src/catalogs/chronic";
import { CONDITIONS, FINDINGS, conditionsMet, evaluate, findCondition, parseFindings, type Findings } from "../../src/catalogs/emergency";
import { NATIONAL_CODES, chronicCode, chronicName, closestLanzhou } from "../../src/catalogs/national";
import { REFERRAL_ROWS, findReferral } from "../../src/catalogs/referral";
import { MATERIAL_KINDS, materialKinds, missingMaterials } from "../../src/catalogs/materials";
import { writtenFinding } from "./findingsForms";
import * as F from "../../functions/functions";
import { setLanguage } from "../../functions/excel";
import {
  DEPARTMENTS,
  MATERIAL_CARE_TYPES,
  Rng,
  caseSeed,
  cell,
  claimsMatrix,
  column,
  findingsPairs,
  findingsText,
  genClaim,
  genRecord,
  hostile,
  lookupName,
  randomText,
  type GenRecord,
} from "./gen";

// ---------------------------------------------------------------------------------------------
// Bookkeeping

export const TARGETS = ["claims", "engine", "findings", "lookups", "functions"] as const;
export type Target = (typeof TARGETS)[number];

export interface Failure {
  target: Target;
  index: number;
  caseSeed: number;
  message: string;
  input: string;
}

export interface Stats {
  inputs: Record<string, number>;
  accepted: number;
  rejected: number;
  /** Refusals by the field they name (or the code, for problems without one). */
  rejectedByField: Record<string, number>;
  settledOk: number;
  /** Settlements refused because the claim lacks something the rule needs (kind input), by field. */
  settleInput: Record<string, number>;
  /** Cases the documents do not rule on, or parameters they do not give (kind no_rule). */
  noRule: number;
  batches: number;
  cells: Record<string, number>;
  findings: Record<string, number>;
  lookups: number;
  knownBugs: Record<string, number>;
}

export function newStats(): Stats {
  return { inputs: {}, accepted: 0, rejected: 0, rejectedByField: {}, settledOk: 0, settleInput: {}, noRule: 0, batches: 0, cells: {}, findings: {}, lookups: 0, knownBugs: {} };
}

const bump = (o: Record<string, number>, k: string, n = 1) => (o[k] = (o[k] ?? 0) + n);

/** A value for a failure report: huge strings abbreviated, errors and objects readable. */
export function show(v: unknown, depth = 0): string {
  if (typeof v === "string") return v.length > 80 ? `${JSON.stringify(v.slice(0, 40))}…(${v.length} chars)` : JSON.stringify(v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (typeof v !== "object") return String(v);
  if (v instanceof Error) return `${v.name}(${JSON.stringify(v.message)})`;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "NaN" : v.toISOString()})`;
  if (depth > 3) return "…";
  if (Array.isArray(v)) return `[${v.slice(0, 12).map((x) => show(x, depth + 1)).join(", ")}${v.length > 12 ? `, …(${v.length})` : ""}]`;
  return `{${Object.keys(v).slice(0, 60).map((k) => `${JSON.stringify(k)}: ${show((v as Record<string, unknown>)[k], depth + 1)}`).join(", ")}}`;
}

class CaseFail extends Error {}
function must(cond: unknown, msg: string | (() => string)): asserts cond {
  if (!cond) throw new CaseFail(typeof msg === "string" ? msg : msg());
}

// ---------------------------------------------------------------------------------------------
// Engines: the documented parameters, and Shenyang with the example base table (so its kernels compute)

export const baseline = new Engine(builtinRegistry());
const shenyangCells = parseCsv(readFileSync(join(__dirname, "..", "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8"));
export const shenyangExample = new Engine(builtinRegistry().withOverrides("shenyang-base.EXAMPLE.csv", readParamTable(builtinRegistry(), shenyangCells).overrides));
export const SHENYANG_TABLE: readonly (readonly string[])[] = shenyangCells;

// ---------------------------------------------------------------------------------------------
// Problems and validations

const FIELD_NAMES = new Set(FIELDS.map((f) => f.name));
const ENUMS: [keyof Claim, readonly string[]][] = [
  ["insuredPlace", INSURED_PLACES],
  ["scheme", SCHEMES],
  ["personType", PERSON_TYPES],
  ["careType", CARE_TYPES],
  ["crossRegion", CROSS_REGIONS],
  ["settlement", SETTLEMENTS],
  ["povertyStatus", POVERTY_STATUSES],
  ["civilServantRank", CIVIL_SERVANT_RANKS],
];

/** A message without the values it quotes (“…”, "…", 值 X 无效, X is not valid): what is left is the core's own words. */
function stripQuoted(t: string): string {
  return t
    .replace(/“[^”]*(”|…$)|"[^"]*("|…$)|「[^」]*」/g, "")
    .replace(/值 \S{1,300} 无效/g, "")
    .replace(/(^|\s)\S{1,300} is not valid/g, "$1");
}

/**
 * The words that must not leak into a message (a value the code failed to compute or format) unless
 * the input itself holds them (the message then quotes the person's own cell): found by walking the
 * whole input, not its abbreviated form.
 */
let allowed = new Set<string>();
function allowedWords(v: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6) return out;
  if (v === undefined) out.add("undefined");
  else if (typeof v === "number") {
    if (Number.isNaN(v)) out.add("NaN");
  } else if (typeof v === "string") {
    for (const w of ["undefined", "NaN", "[object Object]"]) if (v.includes(w)) out.add(w);
  } else if (Array.isArray(v)) for (const x of v) allowedWords(x, out, depth + 1);
  else if (v !== null && typeof v === "object") {
    out.add("[object Object]");
    if (!(v instanceof Date)) for (const x of Object.values(v)) allowedWords(x, out, depth + 1);
  }
  return out;
}
function leaks(text: string): string | null {
  for (const w of ["undefined", "NaN", "[object Object]"]) if (text.includes(w) && !allowed.has(w)) return w;
  return null;
}

/** Both languages present; nothing leaking into the text beyond what it quotes of the input. */
function checkText(t: unknown, what: string, quoted: readonly (string | undefined)[] = []): void {
  must(t && typeof t === "object", `${what}: no message`);
  const m = t as { zh?: unknown; en?: unknown };
  must(typeof m.zh === "string" && m.zh.trim() !== "", `${what}: no Chinese message`);
  must(typeof m.en === "string" && m.en.trim() !== "", `${what}: no English message`);
  let text = m.zh + " " + m.en;
  for (const q of quoted) if (q) text = text.split(q).join("");
  const w = leaks(stripQuoted(text));
  must(w === null, () => `${what}: message shows ${w}: ${m.zh} | ${m.en}`);
}

/** A validation refusal: names a FIELDS field (or a+b of them), or, for two columns of one field, the record's keys. */
function checkRefusal(p: Problem, keys: readonly string[]): void {
  must(typeof p.code === "string" && p.code !== "", "problem without a code");
  // a national code the documents give no rule for (险种 320, 参保地 500102) is a no-rule answer, not bad input
  must(p.kind === "input" || (p.kind === "no_rule" && p.code === "code_no_rule"), () => `validation problem of kind ${p.kind}`);
  checkText(p.message, `problem ${p.code}`, [p.value, ...keys]);
  if (p.field === undefined) {
    must(p.code === "duplicate_field", () => `problem ${p.code} names no field`);
    const named = keys.filter((k) => k.trim() !== "" && p.message.zh.includes(k.trim()) && p.message.en.includes(k.trim()));
    must(named.length >= 2, () => `duplicate_field does not name the two columns: ${p.message.en}`);
    return;
  }
  const parts = p.field.split("+");
  must(parts.every((x) => FIELD_NAMES.has(x)), () => `problem ${p.code} names ${p.field}, not a field of FIELDS`);
  for (const part of parts) {
    const d = FIELD_BY_NAME.get(part)!;
    const zhOk = [d.label.zh, d.name, ...d.aliases, ...keys].some((k) => k.trim() !== "" && p.message.zh.includes(k.trim()));
    const enOk = [d.label.en, d.name, ...keys].some((k) => k.trim() !== "" && p.message.en.toLowerCase().includes(k.trim().toLowerCase())) || p.message.en.toLowerCase().includes(d.label.en.split(" ")[0]!.toLowerCase());
    must(zhOk && enOk, () => `problem ${p.code} (${p.field}) does not name its field in both languages: ${p.message.zh} | ${p.message.en}`);
  }
}

function checkAcceptedClaim(c: Claim, g: GenRecord | null): void {
  for (const [k, dom] of ENUMS) must(dom.includes(c[k] as string), () => `accepted claim has ${String(k)} = ${show(c[k])}, not a code`);
  if (c.hospitalLevel !== undefined) must((HOSPITAL_LEVELS as readonly string[]).includes(c.hospitalLevel), () => `hospitalLevel ${show(c.hospitalLevel)}`);
  for (const k of ["total", "outOfCatalog", "classB", "tcm", "ytdFundPaid", "ytdPersonalInPolicy"] as const) {
    const v = c[k];
    must(Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN && !Object.is(v, -0), () => `accepted claim has ${k} = ${show(v)}`);
  }
  for (const [k, v] of Object.entries(c.claimed)) must(Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN, () => `claimed.${k} = ${show(v)}`);
  must(c.classB + c.outOfCatalog <= c.total && c.tcm + c.outOfCatalog <= c.total, "accepted claim whose parts exceed the total");
  for (const k of ["admissionDate", "dischargeDate", "settlementDate", "serviceDate", "chronicApproved", "filingDate"] as const) {
    const v = c[k];
    if (v !== undefined) must(Number.isSafeInteger(v) && v >= -25_567 && v <= 2_932_896, () => `accepted claim has ${k} = ${show(v)}`);
  }
  if (c.admissionIndex !== undefined) must(Number.isInteger(c.admissionIndex) && c.admissionIndex >= 1 && c.admissionIndex <= 999, "admissionIndex");
  for (const k of ["id", "chronicDisease", "secondChronicDisease", "emergencyCondition", "emergencyFindings", "materials", "name", "idNumber"] as const) {
    const v = c[k];
    if (v !== undefined) must(typeof v === "string", () => `accepted claim has ${k} = ${show(v)}`);
  }
  if (g)
    for (const [field, want] of g.expect) {
      const got = (c as unknown as Record<string, unknown>)[field];
      if (want === 0 && got === 0) continue;
      must(Object.is(got, want) || (want === 0 && got === undefined), () => `field ${field}: the cell was read as ${show(got)}, expected ${show(want)}`);
    }
}

/**
 * The two validator entry points agree. With two columns for one field both refuse the record with
 * duplicate_field, but validateClaim keeps the last non-blank column and rowValidator the first, so
 * the order and pairing of the duplicate_field problems and the other problems may differ (the
 * report describes it; not a failure here).
 */
function sameValidation(a: Validation, b: Validation): string | null {
  if (a.ok !== b.ok) return `validateClaim ok=${a.ok}, rowValidator ok=${b.ok}`;
  if (!a.ok && !b.ok) {
    const dup = (v: { problems: Problem[] }) => v.problems.some((p) => p.code === "duplicate_field");
    if (dup(a) || dup(b)) return dup(a) === dup(b) ? null : `only one of them reports duplicate_field`;
  }
  if (a.ok && b.ok) return JSON.stringify(a.claim) === JSON.stringify(b.claim) ? null : `claims differ: ${JSON.stringify(a.claim)} vs ${JSON.stringify(b.claim)}`;
  const pa = JSON.stringify((a as { problems: Problem[] }).problems);
  const pb = JSON.stringify((b as { problems: Problem[] }).problems);
  return pa === pb ? null : `problems differ: ${pa} vs ${pb}`;
}

// ---------------------------------------------------------------------------------------------
// Settlement results

const KERNEL_BY_LABEL = new Map<string, KernelId>();
for (const row of ROUTES.rows) if (row.then.kind === "kernel") KERNEL_BY_LABEL.set(row.then.label.zh, row.then.kernel);

/** What is left of the annual cap the claim's pooled payment counts against, or null (no cap). */
function capRoom(engine: Engine, c: Claim, r: SettlementResult): number | null {
  const kernel = r.rule ? KERNEL_BY_LABEL.get(r.rule.zh) : undefined;
  if (!kernel || !r.versionDate) return null;
  const day = parseDay(r.versionDate)!;
  const reg = engine.registry;
  let cap: number | null = null;
  const s = c.scheme;
  switch (kernel) {
    case "lanzhou.employee.inpatient":
      cap = reg.num("lanzhou.employee.inpatient.annualCap", day);
      break;
    case "lanzhou.resident.inpatient":
      cap = reg.num("lanzhou.resident.inpatient.annualCap", day);
      break;
    case "lanzhou.resident.generalOutpatient":
      cap = reg.num("lanzhou.resident.generalOutpatient.annualCap", day);
      break;
    case "lanzhou.resident.twoDisease":
      cap = reg.keyed("lanzhou.resident.twoDisease.annualCap", day, ["hypertension", "diabetes", "both"][twoDiseaseKind(c.chronicDisease)]!) as number;
      break;
    case "lanzhou.employee.chronic":
    case "lanzhou.resident.chronic": {
      const d = findChronic(s, c.chronicDisease ?? "");
      if (!d) return null;
      cap = d.cap;
      if (s === "employee" && c.secondChronicDisease) {
        const d2 = findChronic(s, c.secondChronicDisease);
        cap = d2 && cap !== null && d2.cap !== null ? Math.max(cap, d2.cap) + reg.num("lanzhou.employee.chronic.secondDiseaseExtra", day) : null;
      }
      break;
    }
    case "shenyang.inpatient":
      cap = reg.num(`shenyang.${s}.annualCap`, day);
      break;
    case "shenyang.emergencyOutpatient":
      cap = reg.num(`shenyang.${s}.emergencyOutpatient.annualCap`, day);
      break;
  }
  return cap === null ? null : Math.max(cap - c.ytdFundPaid, 0);
}

const AMOUNTS = ["policyScope", "classBSelfShare", "firstPay", "threshold", "personal"] as const;

function checkResult(engine: Engine, c: Claim, r: SettlementResult, stats: Stats | null): void {
  must(r && typeof r === "object", "settle returned nothing");
  must(r.total === c.total && r.outOfCatalog === c.outOfCatalog, "result total / outOfCatalog differ from the claim");
  if (!r.ok) {
    const p = r.problem;
    must(p !== undefined, "failed result without a problem");
    must(typeof p.code === "string" && p.code !== "", "problem without a code");
    must(p.kind === "input" || p.kind === "no_rule", () => `problem kind ${p.kind}`);
    checkText(p.message, `settlement problem ${p.code}`, [p.value]);
    if (p.kind === "input") must(p.field !== undefined && FIELD_NAMES.has(p.field), () => `settlement input problem ${p.code} names ${show(p.field)}, not a claim field`);
    else must(p.field === undefined || FIELD_NAMES.has(p.field) || engine.registry.has(p.field.split(":")[0]!), () => `no-rule problem ${p.code} names ${show(p.field)}`);
    for (const k of AMOUNTS) must(Number.isNaN(r[k]), () => `failed result has ${k} = ${r[k]}`);
    for (const l of LAYERS) must(Number.isNaN(r.layers[l]), () => `failed result has ${l} = ${r.layers[l]}`);
    if (stats) {
      if (p.kind === "no_rule") stats.noRule++;
      else bump(stats.settleInput, p.field ?? p.code);
    }
    return;
  }
  if (stats) stats.settledOk++;
  must(r.problem === undefined, "ok result with a problem");
  if (r.incomplete) {
    // POLICY §12 partial settlement: each not-computable layer names a parameter of the registry;
    // its amount and the personal share are NaN; the known layers plus out-of-catalog never exceed
    // the total; everything else as for a complete settlement.
    must(r.incomplete.length > 0, "empty incomplete list");
    const unknown = new Set<string>(r.incomplete.map((x) => x.layer));
    for (const x of r.incomplete) {
      must((LAYERS as readonly string[]).includes(x.layer), () => `incomplete names ${show(x.layer)}, not a layer`);
      must(engine.registry.has(x.parameter), () => `incomplete layer ${x.layer} names ${show(x.parameter)}, not a parameter`);
      checkText(x.message, `incomplete ${x.layer}`);
    }
    for (const l of LAYERS) must(Number.isNaN(r.layers[l]) === unknown.has(l), () => `layer ${l} = ${show(r.layers[l])} but incomplete says ${unknown.has(l) ? "unknown" : "known"}`);
    must(Number.isNaN(r.personal), "a partial settlement with a personal share");
    let known = 0;
    for (const l of LAYERS)
      if (!unknown.has(l)) {
        must(Number.isSafeInteger(r.layers[l]) && r.layers[l] >= 0 && !Object.is(r.layers[l], -0), () => `${l} = ${show(r.layers[l])} is not a non-negative fen amount`);
        known += r.layers[l];
      }
    must(c.outOfCatalog + known <= c.total, () => `known layers ${known} + outOfCatalog ${c.outOfCatalog} exceed the total ${c.total}`);
    must(r.policyScope === c.total - c.outOfCatalog - r.classBSelfShare, () => `policyScope ${r.policyScope} ≠ total − outOfCatalog − classBSelfShare`);
    const room = capRoom(engine, c, r);
    if (room !== null && !unknown.has("pooled")) must(r.layers.pooled <= room, () => `pooled ${r.layers.pooled} exceeds what is left of the cap (${room})`);
    return;
  }
  for (const k of AMOUNTS) must(Number.isSafeInteger(r[k]) && !Object.is(r[k], -0), () => `${k} = ${show(r[k])} is not an integer number of fen`);
  for (const l of LAYERS) must(Number.isSafeInteger(r.layers[l]) && !Object.is(r.layers[l], -0), () => `${l} = ${show(r.layers[l])} is not an integer number of fen`);
  for (const l of LAYERS) must(r.layers[l] >= 0, () => `layer ${l} is negative: ${r.layers[l]}`);
  for (const k of ["classBSelfShare", "firstPay", "threshold", "policyScope"] as const) must(r[k] >= 0, () => `${k} is negative: ${r[k]}`);
  must(r.personal >= 0, () => `personal is negative: ${r.personal}`);
  const fund = LAYERS.reduce((a, l) => a + r.layers[l], 0);
  must(c.outOfCatalog + r.personal + fund === c.total, () => `does not reconcile: outOfCatalog ${c.outOfCatalog} + personal ${r.personal} + layers ${fund} ≠ total ${c.total}`);
  must(r.policyScope === c.total - c.outOfCatalog - r.classBSelfShare, () => `policyScope ${r.policyScope} ≠ total − outOfCatalog − classBSelfShare`);
  must(r.firstPay <= r.policyScope, "first payment above the policy scope");
  const room = capRoom(engine, c, r);
  if (room !== null) must(r.layers.pooled <= room, () => `pooled ${r.layers.pooled} exceeds what is left of the cap (${room})`);
  must(typeof r.versionDate === "string" && parseDay(r.versionDate) !== null, "ok result without a version date");
  must(r.rule && typeof r.rule.zh === "string" && typeof r.rule.en === "string", "ok result without a rule");
}

function sameResult(a: SettlementResult, b: SettlementResult): string | null {
  const pick = (r: SettlementResult) => ({
    ok: r.ok,
    problem: r.problem ? { code: r.problem.code, kind: r.problem.kind, field: r.problem.field, value: r.problem.value, message: r.problem.message } : undefined,
    rule: r.rule,
    versionDate: r.versionDate,
    amounts: [r.total, r.outOfCatalog, r.policyScope, r.classBSelfShare, r.firstPay, r.threshold, r.personal, ...LAYERS.map((l) => r.layers[l])].map((x) => (Number.isNaN(x) ? "NaN" : x)),
  });
  const x = JSON.stringify(pick(a));
  const y = JSON.stringify(pick(b));
  return x === y ? null : `one-claim and batch results differ:\n  settle: ${x}\n  batch:  ${y}`;
}

/** Claims waiting to be settled as one batch, with what settle() said for each. */
interface Pending {
  engine: Engine;
  items: { claim: Claim; single: SettlementResult; index: number; caseSeed: number; input: string }[];
}

/** Settle the pending claims as one batch, on result columns reused from the previous batch (not fresh). */
function flushBatch(p: Pending, out: { cols: ResultColumns | null }, target: Target, fail: (f: Failure) => void, stats: Stats): void {
  if (!p.items.length) return;
  stats.batches++;
  const claims = p.items.map((x) => x.claim);
  let results: SettlementResult[];
  try {
    const cols = fromClaims(claims);
    if (!out.cols || out.cols.n < cols.n) out.cols = allocResults(Math.max(cols.n, 64));
    p.engine.settleInto(cols, out.cols, 0, cols.n);
    results = claims.map((_, i) => resultAt(p.engine, cols, out.cols!, i, []));
  } catch (e) {
    const first = p.items[0]!;
    fail({ target, index: first.index, caseSeed: first.caseSeed, message: `the batch path threw: ${errText(e)}`, input: `batch of ${claims.length}, first: ${first.input}` });
    p.items = [];
    return;
  }
  p.items.forEach((x, i) => {
    const d = sameResult(x.single, results[i]!);
    if (d) fail({ target, index: x.index, caseSeed: x.caseSeed, message: d, input: x.input });
  });
  p.items = [];
}

function errText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(e);
}

// ---------------------------------------------------------------------------------------------
// Known bugs outside this suite's files: counted, not failed (see test/fuzz/known.test.ts).

/**
 * KNOWN: lookupEnum (src/claim/enums.ts) indexes a plain object, so the enum text "constructor" or
 * "__proto__" (after normaliseToken) returns Object.prototype members and validateClaim accepts a
 * claim whose enum field is a function / object. Fixed in the engine's routing (it answers
 * "invalid_enum" instead of throwing); the validator fix (Object.hasOwn) is for src/claim/enums.ts.
 */
export function knownEnumProtoBug(c: Claim): boolean {
  return badCodes(c);
}

function badCodes(c: Claim): boolean {
  return ENUMS.some(([k, dom]) => !dom.includes(c[k] as string)) || (c.hospitalLevel !== undefined && !(HOSPITAL_LEVELS as readonly string[]).includes(c.hospitalLevel));
}

// ---------------------------------------------------------------------------------------------
// Targets

export interface RunOptions {
  /** Run seed (FUZZ_SEED). */
  seed: number;
  n: number;
  /** Start index (a vitest file may run a slice of a target). */
  from?: number;
  /** Stop after this many failures. */
  maxFailures?: number;
  /** Batch size for the batch path. */
  batch?: number;
}

type CaseFn = (r: Rng, ctx: Ctx) => string;
interface Ctx {
  stats: Stats;
  index: number;
  caseSeed: number;
  pending: Map<Engine, Pending>;
  cols: { cols: ResultColumns | null };
  fail: (f: Failure) => void;
  batch: number;
  target: Target;
  input: string;
}

/** Run one target for n inputs; failures are handed to onFailure. Returns the number of inputs run. */
export function runTarget(target: Target, opts: RunOptions, stats: Stats, onFailure: (f: Failure) => void): number {
  const from = opts.from ?? 0;
  const max = opts.maxFailures ?? 20;
  let failures = 0;
  const fail = (f: Failure) => {
    failures++;
    onFailure(f);
  };
  const ctx: Ctx = { stats, index: 0, caseSeed: 0, pending: new Map(), cols: { cols: null }, fail, batch: opts.batch ?? 40, target, input: "" };
  const fn = CASES[target];
  let i = from;
  for (; i < from + opts.n && failures < max; i++) {
    const cs = caseSeed(opts.seed, target, i);
    runCase(fn, cs, i, ctx);
  }
  for (const p of ctx.pending.values()) flushBatch(p, ctx.cols, target, fail, stats);
  bump(stats.inputs, target, i - from);
  return i - from;
}

/** Run one case by its case seed (the replay of a failure). */
export function replay(target: Target, cs: number, onFailure: (f: Failure) => void): Stats {
  const stats = newStats();
  const ctx: Ctx = { stats, index: -1, caseSeed: cs, pending: new Map(), cols: { cols: null }, fail: onFailure, batch: 1, target, input: "" };
  runCase(CASES[target], cs, -1, ctx);
  for (const p of ctx.pending.values()) flushBatch(p, ctx.cols, target, onFailure, stats);
  return stats;
}

function runCase(fn: CaseFn, cs: number, index: number, ctx: Ctx): void {
  ctx.index = index;
  ctx.caseSeed = cs;
  ctx.input = "";
  allowed = new Set();
  try {
    fn(new Rng(cs), ctx);
  } catch (e) {
    ctx.fail({ target: ctx.target, index, caseSeed: cs, message: e instanceof CaseFail ? e.message : `exception escaped: ${errText(e)}`, input: ctx.input });
  }
}

function settleAndQueue(engine: Engine, c: Claim, ctx: Ctx): void {
  const single = engine.settle(c);
  checkResult(engine, c, single, ctx.stats);
  let p = ctx.pending.get(engine);
  if (!p) ctx.pending.set(engine, (p = { engine, items: [] }));
  p.items.push({ claim: c, single, index: ctx.index, caseSeed: ctx.caseSeed, input: ctx.input });
  if (p.items.length >= ctx.batch) flushBatch(p, ctx.cols, ctx.target, ctx.fail, ctx.stats);
}

const CASES: Record<Target, CaseFn> = {
  claims(r, ctx) {
    const g = genRecord(r);
    ctx.input = `${g.kind} ${show(g.record)}`;
    allowed = allowedWords(g.record);
    const a = validateClaim(g.record, "row 1");
    const b = rowValidator(g.headers)(g.row, "row 1");
    const d = sameValidation(a, b);
    must(d === null, () => `validateClaim and rowValidator disagree: ${d}`);
    if (!a.ok) {
      must(Array.isArray(a.problems) && a.problems.length > 0, "refusal without problems");
      ctx.stats.rejected++;
      for (const p of a.problems) {
        bump(ctx.stats.rejectedByField, p.field ?? p.code);
        checkRefusal(p, g.headers);
      }
      return "rejected";
    }
    ctx.stats.accepted++;
    must(!knownEnumProtoBug(a.claim), () => `an enum field holds a non-code value: ${show(a.claim)}`);
    checkAcceptedClaim(a.claim, g);
    const engine = a.claim.insuredPlace === "shenyang" && r.chance(0.8) ? shenyangExample : baseline;
    settleAndQueue(engine, a.claim, ctx);
    return "accepted";
  },

  engine(r, ctx) {
    const c = genClaim(r);
    ctx.input = JSON.stringify(c);
    allowed = allowedWords(c);
    settleAndQueue(c.insuredPlace === "shenyang" && r.chance(0.8) ? shenyangExample : baseline, c, ctx);
    return "settled";
  },

  findings(r, ctx) {
    const text = r.chance(0.8);
    const input: string | unknown[][] = text ? (r.chance(0.95) ? findingsText(r) : (hostileText(r))) : findingsPairs(r);
    ctx.input = show(input);
    allowed = allowedWords(input);
    const { findings, problems, ignored, readings } = parseFindings(input as string | readonly (readonly unknown[])[]);
    must(findings instanceof Map && Array.isArray(problems) && Array.isArray(ignored) && Array.isArray(readings), "parseFindings returned the wrong shape");
    for (const p of problems) {
      must(typeof p.item === "string" && typeof p.code === "string", "problem without its item or code");
      checkText(p.message, "findings problem");
      if (p.finding) must(!findings.has(p.finding), () => `a refused item still gives ${p.finding}`);
    }
    for (const p of ignored) {
      must(typeof p.item === "string", "ignored without its item");
      checkText(p.message, "findings ignored");
    }
    for (const p of readings) {
      must(p.finding in FINDINGS, "reading of an unknown finding");
      checkText(p.text, "findings reading");
    }
    // a finding written as a record writes it is read exactly, or refused — never read as something else
    const w = writtenFinding(r);
    const wp = parseFindings(w.text);
    const got = (id: string) => wp.findings.get(id);
    const why = () => `${w.form}: ${show(w.text)} → ${show([...wp.findings].map(([k, v]) => `${k}=${v.type === "number" ? v.text : v.type === "boolean" ? v.value : [...v.value].join("/")}`))}; problems ${show(wp.problems.map((p) => p.code))}; ignored ${show(wp.ignored.map((p) => p.reason))}`;
    if (w.expect.kind === "refused") must(wp.problems.length > 0 && (!w.expect.id || !wp.findings.has(w.expect.id)), () => `should be refused: ${why()}`);
    else {
      must(wp.problems.length === 0 && wp.ignored.length === 0, () => `should be read: ${why()}`);
      if (w.expect.kind === "number") {
        const v = got(w.expect.id);
        must(v?.type === "number" && !v.bound && v.value.cmp(w.expect.value) === 0, () => `read differently: ${why()}`);
      } else if (w.expect.kind === "boolean") {
        const v = got(w.expect.id);
        must(v?.type === "boolean" && v.value === w.expect.value && wp.findings.size === 1, () => `read differently: ${why()}`);
      } else {
        const s = got("sbp");
        const d = got("dbp");
        must(s?.type === "number" && d?.type === "number" && s.value.cmp(w.expect.sbp) === 0 && d.value.cmp(w.expect.dbp) === 0, () => `pair read differently: ${why()}`);
      }
    }
    bump(ctx.stats.findings, `form ${w.form.split(" ")[0]} ${w.expect.kind}`);
    checkFindings(findings);
    bump(ctx.stats.findings, problems.length ? "with problems" : findings.size ? "parsed" : "empty");
    const met = conditionsMet(findings);
    must(met.every((e) => e.result === "met" && e.missing.length === 0), "conditionsMet returned a condition not met");
    // Three-valued logic is monotone: adding findings never changes a met / not-met answer.
    const extra = parseFindings(findingsText(r, r.int(1, 4))).findings;
    const more: Findings = new Map(findings);
    for (const [k, v] of extra) if (!more.has(k)) more.set(k, v);
    for (let j = 0; j < 4; j++) {
      const c = r.pick(CONDITIONS);
      const e = evaluate(c, findings);
      must(["met", "not_met", "unknown"].includes(e.result), `evaluate answered ${e.result}`);
      if (e.result === "unknown") must(e.missing.length > 0 && e.missing.every((m) => m in FINDINGS), () => `unknown without the missing findings (${c.id})`);
      else must(e.missing.length === 0, "an answer with missing findings");
      for (const l of e.leaves) must(["met", "not_met", "unknown"].includes(l.result), "leaf result");
      const e2 = evaluate(c, more);
      if (e.result !== "unknown") must(e2.result === e.result, () => `${c.id}: ${e.result} with ${show([...findings.keys()])}, ${e2.result} with more findings ${show([...more.keys()])}`);
      must((e.result === "met") === met.some((m) => m.condition === c), () => `${c.id}: evaluate and conditionsMet disagree`);
    }
    return "ok";
  },

  lookups(r, ctx) {
    const name = lookupName(r);
    ctx.input = show(name);
    allowed = allowedWords(name);
    ctx.stats.lookups++;
    const which = r.int(0, 6);
    if (which === 0) {
      const a = chronicCode(name);
      must(a && a.name === name.trim(), "chronicCode: name");
      must(a.code === null || NATIONAL_CODES.some((x) => x.code === a.code), () => `chronicCode: unknown code ${a.code}`);
      if (a.code) must(chronicName(a.code)?.code === a.code, "chronicCode / chronicName disagree");
      else if (a.reason) checkText(a.reason, "chronicCode reason");
      must(a.code !== null || a.reason !== undefined, "chronicCode: no code and no reason");
      must(a.alternatives.length <= 5 && a.alternatives.every((x) => NATIONAL_CODES.some((n) => n.code === x.code) && x.score >= 0 && x.score <= 1), "chronicCode alternatives");
      if (NATIONAL_CODES.some((c) => c.name === name)) must(a.code !== null, () => `chronicCode does not find the national name ${name}`);
    } else if (which === 1) {
      const c = chronicName(name);
      must(c === undefined || c.code === name.trim().toUpperCase(), "chronicName: a different code");
    } else if (which === 2) {
      const f = findCondition(name);
      must(Array.isArray(f.alternatives) && f.alternatives.length <= Math.max(5, f.ambiguous?.candidates.length ?? 0) && f.alternatives.every((x) => CONDITIONS.includes(x)), "findCondition alternatives");
      if (f.ambiguous) must(!f.condition && f.ambiguous.candidates.every((c) => f.alternatives.includes(c)), "findCondition: an ambiguous name picked a condition");
      if (f.condition) must(CONDITIONS.includes(f.condition) && f.alternatives.length === 0, "findCondition: a condition and alternatives");
      if (CONDITIONS.some((c) => c.name.zh === name)) must(f.condition?.name.zh === name, () => `findCondition does not find ${name}`);
    } else if (which === 3) {
      const dept = r.chance(0.5) ? undefined : r.chance(0.8) ? r.pick(DEPARTMENTS) : lookupName(r);
      ctx.input += ` department ${show(dept)}`;
      const limit = r.int(1, 8);
      const m = findReferral(name, dept, limit);
      must(m.length <= limit, "findReferral: more than the limit");
      for (let i = 0; i < m.length; i++) {
        must(REFERRAL_ROWS.includes(m[i]!.row), "findReferral: not a catalog row");
        must(m[i]!.score >= 0.25 && m[i]!.score <= 1, () => `findReferral: score ${m[i]!.score}`);
        if (i) must(m[i - 1]!.score >= m[i]!.score, "findReferral: not best first");
      }
    } else if (which === 4) {
      const scheme = r.pick(["employee", "resident"] as const);
      const m = closestLanzhou(scheme, name, r.int(1, 5));
      must(m.every((x) => typeof x === "string" && x !== ""), "closestLanzhou");
    } else {
      const q = {
        careType: r.chance(0.7) ? r.pick(MATERIAL_CARE_TYPES) : r.chance(0.5) ? undefined : name,
        settlement: r.chance(0.6) ? r.pick(["manual", "direct"]) : r.chance(0.5) ? undefined : randomText(r, 4),
        insuredPlace: r.chance(0.6) ? r.pick(["lanzhou", "shenyang"]) : undefined,
        scheme: r.chance(0.5) ? r.pick(["employee", "resident"]) : undefined,
        purpose: r.chance(0.5) ? r.pick(["reimbursement", "filing", "approval"]) : undefined,
      };
      ctx.input = show(q);
      allowed = allowedWords(q);
      const kinds = materialKinds(q);
      must(kinds.every((k) => MATERIAL_KINDS.includes(k)), "materialKinds: not a catalog kind");
      const kind = r.pick(MATERIAL_KINDS);
      const m = missingMaterials(kind, name);
      must(m.missing.every((x) => kind.items.includes(x)) && Array.isArray(m.unknown), "missingMaterials");
    }
    return "ok";
  },

  functions(r, ctx) {
    const lang = r.chance(0.7) ? "zh" : "en";
    setLanguage(lang);
    try {
      const which = r.int(0, 12);
      const { name, call, args } = functionCall(r, which);
      ctx.input = `${name}(${args.map((a) => show(a)).join(", ")}) lang=${lang}`;
      allowed = allowedWords(args);
      const out = call();
      checkCells(name, out, which === 9, ctx.stats);
    } finally {
      setLanguage("zh");
    }
    return "ok";
  },
};

function hostileText(r: Rng): string {
  const v = hostile(r);
  return typeof v === "string" ? v : randomText(r, 40);
}

function checkFindings(f: Findings): void {
  for (const [id, v] of f) {
    const def = FINDINGS[id];
    must(def !== undefined, () => `finding ${id} is not in the list`);
    must(v.type === def.type, () => `finding ${id} has type ${v.type}, expected ${def.type}`);
    if (v.type === "number") must(typeof v.text === "string" && /^(?:[<>≤≥])?≈?-?\d+(\.\d+)?$/.test(v.text) && typeof v.value.n === "bigint", () => `finding ${id}: ${v.text}`);
    if (v.type === "choice") must(v.value.size > 0 && [...v.value].every((x) => def.choices && x in def.choices), () => `finding ${id}: choices ${[...v.value]}`);
    if (v.type === "boolean") must(typeof v.value === "boolean", "boolean finding");
  }
}

// ---------------------------------------------------------------------------------------------
// Custom functions

const OUTPUT_SPECS = ["", "fund", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "threshold", "policyScope", "classBSelfShare", "firstPay", "all", "全部", "统筹基金", "个人负担", "ALL", "nope"];
const PARAM_IDS = [...builtinRegistry().all().map((p) => p.id)];

function paramsArg(r: Rng): unknown[][] | undefined | null {
  const k = r.int(0, 19);
  if (k < 10) return r.pick([undefined, null, [[""]], [[null]], []]);
  if (k < 15) return SHENYANG_TABLE.map((row) => [...row]);
  const t: unknown[][] = SHENYANG_TABLE.map((row) => [...row]);
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const row = t[r.int(0, t.length - 1)]!;
    row[r.int(0, row.length - 1)] = cell(r);
  }
  if (r.chance(0.2)) t.push([r.pick(PARAM_IDS), r.pick(["", "3A", "in_service", "@100"]), r.pick(["2021-07-01", "", 44378]), cell(r)]);
  return t;
}

function stringArg(r: Rng, good: readonly string[]): unknown {
  const k = r.int(0, 19);
  if (k < 14) return r.pick(good);
  if (k < 17) return r.pick([undefined, null, ""]);
  if (k < 19) return randomText(r, 10);
  return cell(r);
}

function dateArg(r: Rng): unknown {
  return r.chance(0.7) ? r.pick(["2020-06-30", "2021-07-01", "2023-05-01", 44012, "20200630", 43952]) : cell(r);
}

function functionCall(r: Rng, which: number): { name: string; args: unknown[]; call: () => unknown } {
  const A = <T extends unknown[]>(name: string, f: (...a: T) => unknown, ...args: T) => ({ name, args, call: () => f(...args) });
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const any = (v: unknown) => v as any;
  switch (which) {
    case 0: {
      const { claims, headers } = claimsMatrix(r);
      return A("REIMBURSE", F.reimburse, any(claims), any(headers), any(r.chance(0.8) ? r.pick(OUTPUT_SPECS) : stringArg(r, OUTPUT_SPECS)), any(paramsArg(r)));
    }
    case 1: {
      const n = r.int(1, 5);
      const col = (good: () => unknown) => column(r, n, () => (r.chance(0.85) ? good() : cell(r)));
      const args = [
        col(() => r.pick(["lanzhou", "兰州", "shenyang", "沈阳"])),
        col(() => r.pick(["employee", "职工", "resident", "居民"])),
        col(() => r.pick(["in_service", "在职", "retired", "adult", "elderly", "student", "minor"])),
        col(() => r.pick(["1", "2", "3B", "3A", "3S", "三级甲等"])),
        col(() => r.int(1, 6)),
        col(() => dateArg(r)),
        col(() => r.int(0, 500_000) + r.pick([0, 0.5, 0.01])),
      ];
      const opt = (good: () => unknown) => (r.chance(0.4) ? undefined : col(good));
      return A(
        "REIMBURSE_INPATIENT",
        F.reimburseInpatient,
        any(args[0]),
        any(args[1]),
        any(args[2]),
        any(args[3]),
        any(args[4]),
        any(args[5]),
        any(args[6]),
        any(opt(() => r.int(0, 1000))),
        any(opt(() => r.int(0, 1000))),
        any(opt(() => r.pick(["local", "referral", "temporary", "emergency", "long_term", "异地转诊"]))),
        any(opt(() => r.int(0, 80_000))),
        any(r.chance(0.8) ? r.pick(OUTPUT_SPECS) : stringArg(r, OUTPUT_SPECS)),
        any(paramsArg(r)),
      );
    }
    case 2: {
      const { claims, headers } = claimsMatrix(r);
      return A("SETTLEMENT", F.settlement, any(claims), any(headers), any(paramsArg(r)));
    }
    case 3: {
      const { claims, headers } = claimsMatrix(r);
      return A("EXPLAIN", F.explain, any(claims), any(headers), any(stringArg(r, ["zh", "en", "中文", "英文"])), any(paramsArg(r)));
    }
    case 4: {
      const n = r.int(1, 4);
      const cond = column(r, n, () => (r.chance(0.8) ? r.pick(CONDITIONS).name.zh : r.chance(0.5) ? lookupName(r) : cell(r)));
      const findings = r.chance(0.3) ? findingsPairs(r) : column(r, n, () => (r.chance(0.85) ? findingsText(r) : cell(r)));
      return A("IS_EMERGENCY", F.isEmergency, any(cond), any(findings));
    }
    case 5:
      return A("EMERGENCY_CONDITIONS", F.emergencyConditions, any(r.chance(0.4) ? findingsPairs(r) : column(r, 1, () => (r.chance(0.85) ? findingsText(r) : cell(r)))));
    case 6:
      return A("CHRONIC_CODE", F.chronicCodeFn, any(column(r, r.int(1, 5), () => (r.chance(0.8) ? lookupName(r) : cell(r)))));
    case 7:
      return A("CHRONIC_NAME", F.chronicNameFn, any(column(r, r.int(1, 5), () => (r.chance(0.6) ? r.pick(NATIONAL_CODES).code : r.chance(0.5) ? lookupName(r) : cell(r)))));
    case 8: {
      const n = r.int(1, 4);
      const col = (good: () => unknown) => column(r, n, () => (r.chance(0.85) ? good() : cell(r)));
      return A(
        "THRESHOLD",
        F.threshold,
        any(col(() => r.pick(["lanzhou", "shenyang", "兰州"]))),
        any(col(() => r.pick(["employee", "resident", "职工", "居民"]))),
        any(col(() => r.pick(["1", "2", "3B", "3A", "3S"]))),
        any(col(() => r.int(1, 6))),
        any(col(() => dateArg(r))),
        any(r.chance(0.5) ? undefined : col(() => r.pick(["local", "referral", "temporary", "emergency", "long_term"]))),
        any(paramsArg(r)),
      );
    }
    case 9:
      return A("POLICY_PARAM", F.policyParam, any(stringArg(r, PARAM_IDS)), any(dateArg(r)), any(stringArg(r, ["", "3A", "1", "in_service", "in_service@10000", "retired@20000", "none", "hypertension", "referral", "@600"])), any(paramsArg(r)));
    case 10:
      return A("POLICY_PARAMS", F.policyParams, any(stringArg(r, ["lanzhou", "shenyang", "liaoning"])), any(dateArg(r)), any(stringArg(r, ["zh", "en"])));
    case 11:
      return A("REFERRAL", F.referral, any(r.chance(0.9) ? lookupName(r) : stringArg(r, [])), any(r.chance(0.5) ? undefined : stringArg(r, DEPARTMENTS)));
    default:
      return A(
        "MATERIALS",
        F.materials,
        any(stringArg(r, MATERIAL_CARE_TYPES)),
        any(stringArg(r, ["manual", "direct"])),
        any(stringArg(r, ["lanzhou", "shenyang"])),
        any(stringArg(r, ["employee", "resident"])),
      );
  }
}

function cellKind(v: unknown): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? "number" : null;
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (v instanceof Error) return "error";
  return null;
}

/** A spill: a non-empty array of non-empty rows of one width; cells number | string | boolean | Error. */
function checkCells(name: string, out: unknown, scalar: boolean, stats: Stats): void {
  if (scalar && !Array.isArray(out)) {
    const k = cellKind(out);
    must(k !== null, () => `${name} returned ${show(out)}`);
    bump(stats.cells, k);
    return;
  }
  must(Array.isArray(out) && out.length > 0, () => `${name} returned ${show(out)}, not a non-empty array`);
  const width = Array.isArray(out[0]) ? out[0].length : -1;
  must(width > 0, () => `${name}: first row is ${show(out[0])}`);
  for (const row of out as unknown[]) {
    must(Array.isArray(row) && row.length === width, () => `${name}: rows of different widths (${show(out)})`);
    for (const v of row) {
      const k = cellKind(v);
      must(k !== null, () => `${name}: a cell is ${show(v)}`);
      if (k === "error") {
        const msg = (v as Error).message;
        must(msg.trim() !== "" && leaks(stripQuoted(msg)) === null, () => `${name}: error cell without a readable message: ${show(v)}`);
      }
      bump(stats.cells, k);
    }
  }
}
