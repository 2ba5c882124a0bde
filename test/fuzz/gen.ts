/**
 * Seeded generators for the fuzz suite (test/fuzz/*.test.ts) and the long run (scripts/fuzz.ts).
 *
 * Every generated input has its own 32-bit case seed, derived from the run seed, the target and the
 * input's index, so a failure is replayed from one number (`npx tsx scripts/fuzz.ts --replay
 * target:caseSeed`) without regenerating the inputs before it.
 *
 * Values are drawn from three pools: well-formed values in every accepted spelling (with the value the
 * validator must read them as, so an accepted claim is checked field by field), the hostile values of
 * issue 7 (empty cells, text in amount cells, 1e308, -0, NaN, Infinity, "1e5", full-width digits,
 * "12,345.60", "1,2,3", "¥12.50", "12.505", negatives, Excel serials 0 / 60 / negative / 2958466,
 * impossible dates, 100 000-character strings, Excel error values as objects and Error instances,
 * booleans, nested arrays, __proto__ / constructor), and random text.
 */
import { FIELDS, type FieldDef } from "../../src/claim/fields";
import {
  CARE_TYPES,
  CIVIL_SERVANT_RANKS,
  CROSS_REGIONS,
  EMPLOYEE_PERSON_TYPES,
  HOSPITAL_LEVELS,
  INSURED_PLACES,
  PERSON_TYPES,
  POVERTY_STATUSES,
  RESIDENT_PERSON_TYPES,
  SCHEMES,
  SETTLEMENTS,
  type EnumDef,
} from "../../src/claim/enums";
import type { Claim } from "../../src/claim/claim";
import { lanzhouChronic } from "../../src/catalogs/chronic";
import { CONDITIONS, FINDINGS } from "../../src/catalogs/emergency";
import { NATIONAL_CODES } from "../../src/catalogs/national";
import { REFERRAL_DEPARTMENTS, REFERRAL_ROWS } from "../../src/catalogs/referral";
import { MATERIAL_KINDS } from "../../src/catalogs/materials";
import { writtenFinding } from "./findingsForms";
import { dayFromYmd, excelSerialOf, formatDay, ymdOf, type Day } from "../../src/dates";
import { MAX_FEN } from "../../src/money";

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: small, fast, good enough for test data; state is one uint32. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** [0, 1) */
  float(): number {
    return this.u32() / 4_294_967_296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.float() * a.length)]!;
  }
  /** An integer in [0, max], log-uniform in magnitude (small and huge values both common). */
  logInt(max: number): number {
    const digits = this.float() * Math.log10(max + 1);
    return Math.min(max, Math.floor(10 ** digits) - 1 + (this.chance(0.5) ? 0 : this.int(0, 9)));
  }
}

/** FNV-1a over the target name, mixed with the run seed and the index: one seed per input. */
export function caseSeed(runSeed: number, target: string, index: number): number {
  let h = 0x811c9dc5 ^ (runSeed >>> 0);
  for (let i = 0; i < target.length; i++) h = Math.imul(h ^ target.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (index >>> 0), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export const DEFAULT_SEED = 20_240_907;

/** FUZZ_SEED from the environment (decimal or 0x hex), else the fixed default. */
export function seedFromEnv(env: Record<string, string | undefined> = process.env): number {
  const s = env.FUZZ_SEED;
  if (s === undefined || s.trim() === "") return DEFAULT_SEED;
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32): ${s}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const HUGE = 100_000;
export const HUGE_STRINGS: readonly string[] = [
  "1".repeat(HUGE),
  "高".repeat(HUGE),
  "1,".repeat(HUGE / 2),
  "收缩压=75;".repeat(HUGE / 8).slice(0, HUGE),
  "2020-05-01".repeat(HUGE / 10),
  " ".repeat(HUGE),
  "a1 ".repeat(HUGE / 3),
];

/** Excel error values as they can reach a custom function or a record: text, objects, Error instances. */
export const EXCEL_ERROR_VALUES: readonly (() => unknown)[] = [
  () => "#VALUE!",
  () => "#N/A",
  () => " #div/0! ",
  () => "#REF!",
  () => ({ type: "#VALUE!" }),
  () => ({ type: "#N/A" }),
  () => ({ error: "#REF!" }),
  () => ({ type: "Error", code: "#DIV/0!" }),
  () => ({ errorType: "#NUM!", message: "x" }),
  () => new Error("#VALUE!"),
  () => Object.assign(new Error("no rule"), { code: "#N/A" }),
];

const PROTO_WORDS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"];

/** Hostile scalars, by family; each entry is a thunk so objects are fresh per use. */
const HOSTILE: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => "",
  () => "   ",
  () => "\u3000",
  () => "abc",
  () => "无",
  () => "N/A",
  () => 1e308,
  () => -1e308,
  () => -0,
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => Number.MAX_SAFE_INTEGER,
  () => 2 ** 53 + 2,
  () => Number.MIN_VALUE,
  () => 0.1 + 0.2,
  () => 1e-7,
  () => 12.505,
  () => "NaN",
  () => "Infinity",
  () => "-Infinity",
  () => "1e5",
  () => "1E5",
  () => "0x1F",
  () => "0b101",
  () => "0o17",
  () => "２３４",
  () => "１２，３４５．６０",
  () => "12,345.60",
  () => "1,234,567",
  () => "1,2,3",
  () => "12,34",
  () => "0,123",
  () => ",123",
  () => "1,234.",
  () => " 12.5 ",
  () => "¥12.50",
  () => "￥ 12.50",
  () => "12.50元",
  () => "12.505",
  () => "-5",
  () => "-0",
  () => "-0.00",
  () => "+12",
  () => ".5",
  () => "12.",
  () => "1 234",
  () => "١٢٣",
  () => "12.5\u00a0",
  () => "\u200b12",
  () => "(5.00)",
  () => "5-",
  () => "--5",
  () => "¥¥5",
  () => 0,
  () => 60,
  () => 61,
  () => -1,
  () => -43_000,
  () => 2_958_465,
  () => 2_958_466,
  () => 43_952.75,
  () => "2020-02-30",
  () => "2021-13-01",
  () => "2020-00-10",
  () => "1900-02-29",
  () => "0000-01-01",
  () => "9999-12-31",
  () => "10000-01-01",
  () => "2020-05-01T25:61:00",
  () => "20201301",
  () => "43952",
  () => "99999",
  () => "2020/5/1",
  () => "May 1, 2020",
  () => new Date(NaN),
  () => new Date(Date.UTC(2020, 4, 1, 23, 59)),
  () => new Date(-1e15),
  () => true,
  () => false,
  () => "TRUE",
  () => "是",
  () => [[1]],
  () => [1, 2],
  () => [],
  () => [[["x"]]],
  () => ({}),
  () => ({ valueOf: () => 5 }),
  () => ({ toString: () => "5" }),
  () => "__proto__",
  () => "constructor",
  () => "prototype",
  () => "toString",
  () => "第2次",
  () => "２",
  () => "1000",
  ...EXCEL_ERROR_VALUES,
];

export function hostile(r: Rng): unknown {
  const k = r.int(0, 99);
  if (k < 80) return r.pick(HOSTILE)();
  if (k < 88) return randomAmountText(r, true);
  if (k < 95) return randomText(r);
  if (k < 97) return -r.logInt(MAX_FEN) / 100;
  return r.chance(0.02) ? r.pick(HUGE_STRINGS) : r.pick(HUGE_STRINGS).slice(0, r.int(1000, 5000));
}

const TEXT_CHARS = "0123456789０１２３４５６７８９.,，。;；:：=＝-+ ¥￥元年月日/\\()（）[]{}#!?%*&|\"'`~高血压糖尿病心肌梗死收缩压乳酸abcXYZ\u3000\u00a0\u200b\n\t";
export function randomText(r: Rng, max = 24): string {
  const n = r.int(0, max);
  let s = "";
  for (let i = 0; i < n; i++) s += TEXT_CHARS[r.int(0, TEXT_CHARS.length - 1)];
  if (r.chance(0.05)) s += r.pick(["\ud800", "\udfff", "😀", "\u202e", "\u0000"]);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Well-formed values in every accepted spelling

const FULL = (s: string) => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** fen as text or a number, in one of the spellings the validator accepts; `value` is what it must read. */
export function amountCell(r: Rng, fen: number): unknown {
  const yuan = Math.floor(fen / 100);
  const f = fen % 100;
  const k = r.int(0, 11);
  if (k <= 2) return fen / 100;
  const dec = f === 0 && r.chance(0.5) ? "" : "." + String(f).padStart(2, "0");
  const dec1 = f % 10 === 0 && f !== 0 && r.chance(0.5) ? "." + String(f / 10) : dec;
  const plain = String(yuan) + dec1;
  switch (k) {
    case 3:
      return plain;
    case 4:
      return groupThousands(String(yuan)) + dec;
    case 5:
      return FULL(plain);
    case 6:
      return FULL(groupThousands(String(yuan)) + dec);
    case 7:
      return r.pick(["¥", "￥", "¥ ", "￥"]) + plain;
    case 8:
      return " " + plain + "\u3000";
    case 9:
      return plain + r.pick(["元", " 元"]);
    case 10:
      return r.pick(["¥", "￥"]) + groupThousands(String(yuan)) + dec + r.pick(["", "元"]);
    default:
      return String(yuan) + "." + String(f).padStart(2, "0");
  }
}

/** A syntactically plausible amount text that may or may not be acceptable. */
export function randomAmountText(r: Rng, hostileish: boolean): string {
  const int = String(r.logInt(10 ** r.int(1, 16)));
  const dec = r.pick(["", ".", "." + r.int(0, 9), "." + String(r.int(0, 99)).padStart(2, "0"), "." + String(r.int(0, 999)).padStart(3, "0"), ".5000", ".10"]);
  let s = int + dec;
  if (hostileish) {
    const m = r.int(0, 9);
    if (m === 0) s = s.replace(/(\d)(\d)/, "$1,$2");
    if (m === 1) s = groupThousands(int) + dec;
    if (m === 2) s = "-" + s;
    if (m === 3) s = s + "e" + r.int(-5, 5);
    if (m === 4) s = FULL(s);
    if (m === 5) s = r.pick(["¥", "￥", "$", "RMB"]) + s;
    if (m === 6) s = " " + s + " ";
  }
  return s;
}

export function dateCell(r: Rng, day: Day): unknown {
  const { y, m, d } = ymdOf(day);
  const mm = String(m).padStart(2, "0");
  const dd = String(d).padStart(2, "0");
  switch (r.int(0, 10)) {
    case 0:
      return `${y}-${mm}-${dd}`;
    case 1:
      return `${y}/${m}/${d}`;
    case 2:
      return `${y}.${m}.${d}`;
    case 3:
      return `${y}年${m}月${d}日`;
    case 4:
      return `${y}${mm}${dd}`;
    case 5:
      return excelSerialOf(day);
    case 6:
      return String(excelSerialOf(day));
    case 7:
      return `${y}-${mm}-${dd}T${String(r.int(0, 23)).padStart(2, "0")}:00:00`;
    case 8:
      return new Date(Date.UTC(y, m - 1, d, r.int(0, 23)));
    case 9:
      return FULL(`${y}-${mm}-${dd}`).replace(/－/g, "-");
    default:
      return ` ${y}-${mm}-${dd} `;
  }
}

export function randomDay(r: Rng, from: string, to: string): Day {
  const a = Date.parse(from + "T00:00:00Z") / 86_400_000;
  const b = Date.parse(to + "T00:00:00Z") / 86_400_000;
  return r.int(a, b);
}

export function fieldDef(name: string): FieldDef {
  const d = FIELDS.find((f) => f.name === name);
  if (!d) throw new Error(`no field ${name}`);
  return d;
}

/** A spelling of an enum code the validator must read as that code. */
export function enumCell(r: Rng, field: string, code: string): string {
  const e = fieldDef(field).enumDef as EnumDef<string>;
  const spellings = [code, e.zh[code]!, ...Object.entries(e.aliases).filter(([, c]) => c === code).map(([k]) => k)];
  let s = r.pick(spellings);
  const v = r.int(0, 9);
  if (v === 0) s = s.toUpperCase();
  if (v === 1) s = FULL(s).replace(/[a-z_]/gi, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  if (v === 2) s = ` ${s}\u3000`;
  return s;
}

const YES = [true, "是", "Y", "yes", "TRUE", "1", 1];
const NO = [false, "否", "N", "no", "false", "0", 0];

// ---------------------------------------------------------------------------------------------
// Claim records

/** One field of a generated record: the value, and what the validator must read it as (if checked). */
export interface GenField {
  field: string;
  value: unknown;
  expect?: unknown;
}

export interface GenRecord {
  /** The record as given to validateClaim (own keys, possibly __proto__). */
  record: Record<string, unknown>;
  /** Keys in order (the header row for rowValidator) and the values (the row). */
  headers: string[];
  row: unknown[];
  /** Claim field → expected canonical value, for fields generated well-formed and left alone. */
  expect: Map<string, unknown>;
  kind: string;
}

const EMP_DISEASES = lanzhouChronic.employee;
const RES_DISEASES = lanzhouChronic.resident;

function diseaseName(r: Rng, scheme: "employee" | "resident"): string {
  const d = r.pick(scheme === "employee" ? EMP_DISEASES : RES_DISEASES);
  return r.chance(0.7) ? d.name : r.pick([d.id, ...d.aliases, d.name]);
}

const FINDING_LIST = Object.values(FINDINGS);

/** Findings text as a clerk types it: name, separator, value, unit; sometimes wrong. */
export function findingsText(r: Rng, items = r.int(0, 5)): string {
  const parts: string[] = [];
  for (let i = 0; i < items; i++) parts.push(findingItem(r));
  return parts.join(r.pick([";", "；", ",", "，", "、", "\n", "; "]));
}

function findingItem(r: Rng): string {
  // a third of the items as records write them (units, fractions, pairs, value words, prefixes: findingsForms.ts)
  if (r.chance(0.33)) return writtenFinding(r).text;
  const f = r.pick(FINDING_LIST);
  const name = r.pick([f.zh, f.en, f.id, ...f.aliases]);
  if (r.chance(0.05)) return randomText(r, 12);
  if (r.chance(0.03)) return r.pick(PROTO_WORDS) + r.pick(["", "=1", "=是"]);
  const sep = r.pick(["=", "：", ":", "＝", " ", " = ", ""]);
  let value: string;
  if (f.type === "number") {
    const n = r.chance(0.8) ? String(r.int(0, 300)) + (r.chance(0.4) ? "." + r.int(0, 99) : "") : r.pick(["-1", "1e5", "NaN", "Infinity", "３.５", "3.5.1", "", "abc", "0.000000000000000000001", "9".repeat(40)]);
    const unit = r.chance(0.5) ? "" : r.chance(0.7) ? (f.unit ?? "") : r.pick(["mmHg", "kPa", "mmol/L", "mg/dL", "次/分", "℃", "%", "×ULN", "g/L", "x10^9/L"]);
    value = n + (r.chance(0.3) ? " " : "") + unit;
  } else if (f.type === "boolean") value = r.pick(["", "是", "否", "有", "无", "阳性", "+", "-", "yes", "no", "√", "×", "maybe", "1", "0"]);
  else {
    const choices = Object.entries(f.choices ?? {});
    const pick = () => {
      const [id, c] = r.pick(choices);
      return r.pick([id, c.zh, c.en, ...c.aliases]);
    };
    value = r.chance(0.9) ? Array.from({ length: r.int(1, 3) }, pick).join(r.pick(["/", "和", "+", "及"])) : randomText(r, 6);
    if (r.chance(0.3) && sep === "") return pick();
  }
  return sep === "" && value !== "" && f.type === "number" ? name + value : name + sep + value;
}

/** Two-column findings ranges (name, value) with hostile cells now and then. */
export function findingsPairs(r: Rng): unknown[][] {
  const n = r.int(0, 5);
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const f = r.pick(FINDING_LIST);
    const name: unknown = r.chance(0.85) ? r.pick([f.zh, f.en, ...f.aliases]) : hostile(r);
    const value: unknown = r.chance(0.8) ? (f.type === "number" ? r.pick([r.int(0, 300), String(r.int(0, 300)), `${r.int(0, 300)} ${f.unit ?? ""}`]) : f.type === "boolean" ? r.pick([true, false, "是", "否", ""]) : r.pick(Object.values(f.choices ?? {}).map((c) => c.zh))) : hostile(r);
    out.push(r.chance(0.9) ? [name, value] : r.chance(0.5) ? [name] : [name, value, hostile(r)]);
  }
  return out;
}

/** A claim kind: the well-formed fields of one rule family (before mutation). */
type Kind = "lzEmpInpatient" | "lzResInpatient" | "lzEmpChronic" | "lzResChronic" | "lzTwoDisease" | "lzGeneral" | "syInpatient" | "syEmergencyOut" | "anything";
const KINDS: readonly Kind[] = ["lzEmpInpatient", "lzEmpInpatient", "lzResInpatient", "lzResInpatient", "lzEmpChronic", "lzResChronic", "lzTwoDisease", "lzGeneral", "syInpatient", "syInpatient", "syEmergencyOut", "anything"];

function amounts(r: Rng, fields: GenField[], opts: { tcm?: boolean; maxYuan?: number; ytdMax?: number; claimed?: boolean }): void {
  const total = r.chance(0.03) ? r.pick([0, 1, MAX_FEN, MAX_FEN - 1]) : r.logInt((opts.maxYuan ?? 2_000_000) * 100);
  const ooc = r.chance(0.4) ? 0 : Math.floor((total * r.int(0, 100)) / 100);
  const classB = r.chance(0.4) ? 0 : Math.floor(((total - ooc) * r.int(0, 100)) / 100);
  const tcm = opts.tcm && r.chance(0.4) ? Math.floor(((total - ooc - classB) * r.int(0, 100)) / 100) : 0;
  const add = (field: string, fen: number, always = false) => {
    if (!always && fen === 0 && r.chance(0.6)) return fields.push({ field, value: r.pick([undefined, "", null]), expect: 0 });
    fields.push({ field, value: amountCell(r, fen), expect: fen });
  };
  add("total", total, true);
  add("outOfCatalog", ooc);
  add("classB", classB);
  if (opts.tcm) add("tcm", tcm);
  const ytd = r.chance(0.5) ? 0 : r.logInt((opts.ytdMax ?? 8_000_000) * (r.chance(0.1) ? 1000 : 1));
  add("ytdFundPaid", Math.min(ytd, MAX_FEN));
  if (r.chance(0.4)) add("ytdPersonalInPolicy", r.logInt(30_000_000));
  if (opts.claimed && r.chance(0.3)) {
    for (const f of ["claimedPooled", "claimedLargeAmount", "claimedPersonal", "claimedThreshold", "claimedPolicyScope", "claimedPersonalCash"]) if (r.chance(0.5)) fields.push({ field: f, value: amountCell(r, r.logInt(total + 1)) });
  }
}

function versionDates(r: Rng, fields: GenField[], settlement: string, inpatient: boolean, from: string): Day {
  const day = randomDay(r, from, "2025-12-31");
  if (settlement === "direct") {
    fields.push({ field: "settlementDate", value: dateCell(r, day), expect: day });
    if (inpatient && r.chance(0.5)) {
      const adm = day - r.int(0, 60);
      fields.push({ field: "admissionDate", value: dateCell(r, adm), expect: adm });
      if (r.chance(0.5)) fields.push({ field: "dischargeDate", value: dateCell(r, day), expect: day });
    }
  } else if (inpatient) {
    fields.push({ field: "admissionDate", value: dateCell(r, day), expect: day });
    if (r.chance(0.4)) {
      const dis = day + r.int(0, 60);
      fields.push({ field: "dischargeDate", value: dateCell(r, dis), expect: dis });
    }
  } else fields.push({ field: "serviceDate", value: dateCell(r, day), expect: day });
  return day;
}

function enumField(r: Rng, fields: GenField[], field: string, code: string): void {
  fields.push({ field, value: enumCell(r, field, code), expect: code });
}

function kindFields(r: Rng, kind: Kind): GenField[] {
  const fs: GenField[] = [];
  if (r.chance(0.7)) fs.push({ field: "id", value: r.chance(0.9) ? `C${r.int(1, 999_999)}` : r.int(1, 99_999) });
  const settlement = r.pick(SETTLEMENTS);
  const common = (place: string, scheme: string, person: string, care: string, cross: string) => {
    enumField(r, fs, "insuredPlace", place);
    enumField(r, fs, "scheme", scheme);
    enumField(r, fs, "personType", person);
    enumField(r, fs, "careType", care);
    enumField(r, fs, "crossRegion", cross);
    enumField(r, fs, "settlement", settlement);
  };
  const inpatientBits = (levels: readonly string[]) => {
    enumField(r, fs, "hospitalLevel", r.pick(levels));
    const k = r.int(1, 7);
    fs.push({ field: "admissionIndex", value: r.pick([k, String(k), FULL(String(k)), `第${k}次`]), expect: k });
  };
  switch (kind) {
    case "lzEmpInpatient": {
      const cross = r.pick(["local", "local", "emergency", "long_term", "referral", "temporary", "student_away"]);
      common("lanzhou", "employee", r.pick(EMPLOYEE_PERSON_TYPES), "inpatient", cross);
      inpatientBits(["1", "2", "3B", "3A", "3A", "3S"]);
      if (cross === "long_term" || cross === "referral" || r.chance(0.2)) fs.push({ field: "crossProvince", value: r.pick(r.chance(0.5) ? YES : NO) });
      if (cross === "long_term" && r.chance(0.5)) fs.push({ field: "treatedInInsuredPlace", value: r.pick(YES) });
      if (r.chance(0.3)) enumField(r, fs, "civilServantRank", r.pick(CIVIL_SERVANT_RANKS));
      versionDates(r, fs, settlement, true, r.chance(0.05) ? "2019-01-01" : "2020-04-01");
      amounts(r, fs, { claimed: true });
      break;
    }
    case "lzResInpatient": {
      common("lanzhou", "resident", r.pick(RESIDENT_PERSON_TYPES), "inpatient", r.chance(0.9) ? "local" : r.pick(CROSS_REGIONS));
      inpatientBits(["1", "2", "3B", "3A", "3S"]);
      if (r.chance(0.5)) enumField(r, fs, "povertyStatus", r.pick(POVERTY_STATUSES));
      versionDates(r, fs, settlement, true, r.chance(0.1) ? "2019-04-04" : "2020-04-01");
      amounts(r, fs, { tcm: true, ytdMax: 6_000_000, claimed: true });
      break;
    }
    case "lzEmpChronic":
    case "lzResChronic": {
      const scheme = kind === "lzEmpChronic" ? "employee" : "resident";
      common("lanzhou", scheme, r.pick(scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES), "chronic", r.chance(0.85) ? "local" : r.pick(CROSS_REGIONS));
      fs.push({ field: "chronicDisease", value: r.chance(0.9) ? diseaseName(r, scheme) : r.pick([diseaseName(r, scheme) + "、" + diseaseName(r, scheme), randomText(r, 8)]) });
      const second = r.chance(0.2);
      if (second) fs.push({ field: "secondChronicDisease", value: diseaseName(r, scheme) });
      const day = versionDates(r, fs, settlement, false, "2020-04-01");
      if (r.chance(0.95)) {
        const appr = day - r.int(-30, 365 * 8);
        fs.push({ field: "chronicApproved", value: dateCell(r, appr), expect: appr });
      }
      // POLICY §12: the second disease's own approval date; a birth date for group-limited rows
      if (second && r.chance(0.8)) {
        const appr2 = day - r.int(-30, 365 * 8);
        fs.push({ field: "secondChronicApproved", value: dateCell(r, appr2), expect: appr2 });
      }
      if (r.chance(0.1)) {
        const born = day - r.int(0, 365 * 90);
        fs.push({ field: "birthDate", value: dateCell(r, born), expect: born });
      }
      if (r.chance(0.2)) enumField(r, fs, "civilServantRank", scheme === "employee" ? r.pick(CIVIL_SERVANT_RANKS) : "none");
      amounts(r, fs, { maxYuan: 200_000, ytdMax: 20_000_000 });
      break;
    }
    case "lzTwoDisease": {
      common("lanzhou", "resident", r.pick(RESIDENT_PERSON_TYPES), "two_disease", r.chance(0.9) ? r.pick(["local", "long_term"]) : r.pick(CROSS_REGIONS));
      fs.push({ field: "chronicDisease", value: r.pick(["高血压", "糖尿病", "两病", "高血压+糖尿病", "hypertension", "diabetes", "both", "冠心病"]) });
      if (r.chance(0.5)) enumField(r, fs, "hospitalLevel", r.pick(HOSPITAL_LEVELS));
      if (r.chance(0.2)) fs.push({ field: "secondChronicDisease", value: diseaseName(r, "resident") });
      const day = versionDates(r, fs, settlement, false, "2020-04-01");
      if (r.chance(0.95)) {
        const appr = day - r.int(-10, 365 * 7);
        fs.push({ field: "chronicApproved", value: dateCell(r, appr), expect: appr });
      }
      amounts(r, fs, { maxYuan: 5_000, ytdMax: 150_000 });
      break;
    }
    case "lzGeneral": {
      common("lanzhou", "resident", r.pick(RESIDENT_PERSON_TYPES), "general_outpatient", r.chance(0.9) ? "local" : r.pick(CROSS_REGIONS));
      versionDates(r, fs, settlement, false, "2020-04-01");
      amounts(r, fs, { maxYuan: 2_000, ytdMax: 15_000 });
      break;
    }
    case "syInpatient": {
      const scheme = r.pick(SCHEMES);
      const cross = r.pick(CROSS_REGIONS);
      common("shenyang", scheme, r.pick(scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES), "inpatient", cross);
      inpatientBits(HOSPITAL_LEVELS);
      if (cross === "emergency") {
        if (r.chance(0.5)) fs.push({ field: "inFiledPlace", value: r.pick(r.chance(0.5) ? YES : NO) });
        if (r.chance(0.7)) {
          const c = r.pick(CONDITIONS);
          fs.push({ field: "emergencyCondition", value: r.chance(0.9) ? r.pick([c.name.zh, c.name.en, c.id, ...c.aliases]) : randomText(r, 6) });
          if (r.chance(0.8)) fs.push({ field: "emergencyFindings", value: findingsText(r) });
        }
      }
      if (scheme === "resident" && r.chance(0.3)) enumField(r, fs, "povertyStatus", r.pick(POVERTY_STATUSES));
      // LN 第二十三条: the cross-province flag and the threshold paid at the referring stay
      if (cross === "referral" && r.chance(0.6)) fs.push({ field: "crossProvince", value: r.pick(r.chance(0.5) ? YES : NO) });
      if (cross === "referral" && r.chance(0.5)) {
        const paid = r.pick([0, r.int(0, 200_000)]);
        fs.push({ field: "referralThresholdPaid", value: amountCell(r, paid), expect: paid });
      }
      versionDates(r, fs, settlement, true, r.chance(0.05) ? "2020-01-01" : "2021-07-01");
      amounts(r, fs, { ytdMax: 50_000_000 });
      break;
    }
    case "syEmergencyOut": {
      const scheme = r.pick(SCHEMES);
      common("shenyang", scheme, r.pick(scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES), "emergency_outpatient", r.chance(0.85) ? "emergency" : r.pick(CROSS_REGIONS));
      if (r.chance(0.5)) fs.push({ field: "inFiledPlace", value: r.pick(r.chance(0.5) ? YES : NO) });
      versionDates(r, fs, settlement, false, "2021-07-01");
      amounts(r, fs, { maxYuan: 50_000, ytdMax: 1_000_000 });
      break;
    }
    default: {
      // every enum from its whole domain: invalid combinations, no-rule routes
      enumField(r, fs, "insuredPlace", r.pick(INSURED_PLACES));
      enumField(r, fs, "scheme", r.pick(SCHEMES));
      enumField(r, fs, "personType", r.pick(PERSON_TYPES));
      enumField(r, fs, "careType", r.pick(CARE_TYPES));
      enumField(r, fs, "crossRegion", r.pick(CROSS_REGIONS));
      enumField(r, fs, "settlement", settlement);
      if (r.chance(0.7)) inpatientBits(HOSPITAL_LEVELS);
      for (const f of ["crossProvince", "treatedInInsuredPlace", "inFiledPlace"]) if (r.chance(0.3)) fs.push({ field: f, value: r.pick([...YES, ...NO]) });
      if (r.chance(0.3)) enumField(r, fs, "povertyStatus", r.pick(POVERTY_STATUSES));
      if (r.chance(0.3)) enumField(r, fs, "civilServantRank", r.pick(CIVIL_SERVANT_RANKS));
      if (r.chance(0.3)) fs.push({ field: "chronicDisease", value: diseaseName(r, r.pick(SCHEMES)) });
      if (r.chance(0.2)) fs.push({ field: "emergencyCondition", value: r.pick(CONDITIONS).name.zh });
      if (r.chance(0.2)) fs.push({ field: "emergencyFindings", value: findingsText(r) });
      versionDates(r, fs, settlement, r.chance(0.5), r.pick(["2019-01-01", "2020-04-01", "2021-07-01"]));
      if (r.chance(0.3)) {
        const d = randomDay(r, "2015-01-01", "2025-12-31");
        fs.push({ field: "chronicApproved", value: dateCell(r, d), expect: d });
      }
      amounts(r, fs, { tcm: r.chance(0.5), claimed: true });
    }
  }
  if (r.chance(0.1)) fs.push({ field: "name", value: r.pick(["张三", "李四", randomText(r, 10)]) });
  if (r.chance(0.1)) fs.push({ field: "idNumber", value: r.pick(["620102199001011234", "21010219900101123X", String(r.int(0, 1e9))]) });
  if (r.chance(0.05)) fs.push({ field: "materials", value: randomText(r, 30) });
  if (r.chance(0.05)) fs.push({ field: "filingDate", value: dateCell(r, randomDay(r, "2019-01-01", "2025-12-31")) });
  return fs;
}

/** The key a record uses for a field: canonical, English label, Chinese label or any alias. */
function keyFor(r: Rng, field: string, style: number): string {
  const d = fieldDef(field);
  switch (style) {
    case 0:
      return d.name;
    case 1:
      return d.label.zh;
    case 2:
      return d.label.en;
    default:
      return r.pick([d.name, d.label.en, ...d.aliases]);
  }
}

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // an own property even for "__proto__" (as JSON.parse would make it), never the prototype
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * A claim record: a well-formed claim of a random kind, then (half the time) one to three fields
 * replaced by hostile values, sometimes a field dropped, a duplicate column, unknown columns or
 * prototype-pollution keys added.
 */
export function genRecord(r: Rng): GenRecord {
  const kind = r.pick(KINDS);
  const fields = kindFields(r, kind);
  const touched = new Set<string>();
  if (r.chance(0.5)) {
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      if (r.chance(0.8) && fields.length) {
        const g = r.pick(fields);
        g.value = hostile(r);
        touched.add(g.field);
      } else {
        const f = r.pick(FIELDS);
        fields.push({ field: f.name, value: hostile(r) });
        touched.add(f.name);
      }
    }
  }
  if (r.chance(0.05) && fields.length) touched.add(fields.splice(r.int(0, fields.length - 1), 1)[0]!.field);
  const style = r.int(0, 4);
  const record: Record<string, unknown> = {};
  const expect = new Map<string, unknown>();
  const used = new Map<string, string>();
  for (const g of fields) {
    let key = keyFor(r, g.field, style === 4 ? r.int(0, 3) : style);
    if (used.has(key) || Object.prototype.hasOwnProperty.call(record, key)) {
      // a second column for one field (duplicate), under another of its names when there is one
      const d = fieldDef(g.field);
      const alt = [d.name, d.label.en, ...d.aliases].find((k) => !Object.prototype.hasOwnProperty.call(record, k));
      if (!alt) continue;
      key = alt;
      touched.add(g.field);
    }
    used.set(key, g.field);
    setOwn(record, key, g.value);
  }
  for (const g of fields) if (!touched.has(g.field) && "expect" in g) expect.set(g.field, g.expect);
  if (r.chance(0.1)) {
    // a duplicate column for a field already present
    const g = r.pick(fields);
    const d = fieldDef(g.field);
    const alt = [d.name, d.label.en, ...d.aliases].find((k) => !Object.prototype.hasOwnProperty.call(record, k));
    if (alt) {
      setOwn(record, alt, r.chance(0.5) ? g.value : hostile(r));
      expect.delete(g.field);
    }
  }
  if (r.chance(0.1)) setOwn(record, r.pick(["备注", "remark", "科室", "", " ", "Unnamed: 3"]), hostile(r));
  if (r.chance(0.08)) setOwn(record, r.pick(PROTO_WORDS), r.chance(0.5) ? hostile(r) : { polluted: true });
  const headers = Object.keys(record);
  return { record, headers, row: headers.map((k) => record[k]), expect, kind };
}

// ---------------------------------------------------------------------------------------------
// Claims built directly (bypassing the validator): well-typed, extreme numbers

export function genClaim(r: Rng): Claim {
  const scheme = r.pick(SCHEMES);
  // The two places with a rule of their own most of the time; now and then a Liaoning city, which
  // without its base table is refused (liaoning-city) — the suite still needs enough settled claims.
  const place = r.chance(0.9) ? r.pick(["lanzhou", "shenyang"] as const) : r.pick(INSURED_PLACES);
  const care = r.chance(0.5) ? "inpatient" : r.pick(CARE_TYPES);
  const total = r.chance(0.05) ? r.pick([0, 1, MAX_FEN]) : r.logInt(MAX_FEN);
  const ooc = r.chance(0.4) ? 0 : Math.floor((total * r.int(0, 100)) / 100);
  const classB = r.chance(0.4) ? 0 : Math.floor(((total - ooc) * r.int(0, 100)) / 100);
  const tcm = r.chance(0.3) ? Math.floor(((total - ooc - classB) * r.int(0, 100)) / 100) : 0;
  const settlement = r.pick(SETTLEMENTS);
  const day = randomDay(r, r.pick(["1990-01-01", "2019-01-01", "2020-04-01", "2021-07-01"]), r.pick(["2025-12-31", "2099-12-31"]));
  const c: Claim = {
    id: `G${r.int(0, 1e6)}`,
    insuredPlace: place,
    scheme,
    personType: r.chance(0.9) ? r.pick(scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES) : r.pick(PERSON_TYPES),
    careType: care,
    crossRegion: r.pick(CROSS_REGIONS),
    treatedInInsuredPlace: r.chance(0.2),
    inFiledPlace: r.chance(0.2),
    settlement,
    total,
    outOfCatalog: ooc,
    classB,
    tcm,
    ytdFundPaid: r.chance(0.5) ? 0 : r.logInt(MAX_FEN),
    ytdPersonalInPolicy: r.chance(0.5) ? 0 : r.logInt(MAX_FEN),
    povertyStatus: r.pick(POVERTY_STATUSES),
    civilServantRank: scheme === "employee" && r.chance(0.4) ? r.pick(CIVIL_SERVANT_RANKS) : "none",
    claimed: {},
  };
  if (r.chance(0.7)) c.crossProvince = r.chance(0.5);
  if (care === "inpatient" || r.chance(0.2)) c.hospitalLevel = r.pick(HOSPITAL_LEVELS);
  if (care === "inpatient" || r.chance(0.2)) c.admissionIndex = r.chance(0.9) ? r.int(1, 8) : r.int(1, 999);
  if (settlement === "direct" || r.chance(0.1)) c.settlementDate = day;
  if (settlement === "manual" || r.chance(0.2)) c.admissionDate = day - r.int(0, 30);
  if (care !== "inpatient" || r.chance(0.2)) c.serviceDate = day;
  if (care === "chronic" || care === "two_disease" || r.chance(0.1)) {
    c.chronicDisease = care === "two_disease" ? r.pick(["高血压", "糖尿病", "两病", "哮喘"]) : r.chance(0.9) ? diseaseName(r, scheme) : randomText(r, 6);
    if (r.chance(0.2)) c.secondChronicDisease = diseaseName(r, scheme);
    if (r.chance(0.95)) c.chronicApproved = day - r.int(-30, 365 * 12);
    if (c.secondChronicDisease && r.chance(0.8)) c.secondChronicApproved = day - r.int(-30, 365 * 12);
    if (r.chance(0.1)) c.birthDate = day - r.int(0, 365 * 100);
  }
  if (c.crossRegion === "referral" && r.chance(0.4)) c.referralThresholdPaid = r.chance(0.3) ? 0 : r.logInt(MAX_FEN);
  if (c.crossRegion === "emergency" && r.chance(0.6)) {
    c.emergencyCondition = r.chance(0.9) ? r.pick(CONDITIONS).name.zh : randomText(r, 5);
    if (r.chance(0.8)) c.emergencyFindings = findingsText(r);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Names for the catalog lookups

const NAME_POOL: readonly string[] = [
  ...NATIONAL_CODES.flatMap((c) => [c.name, c.code, c.en, ...c.aliases]),
  ...EMP_DISEASES.flatMap((d) => [d.name, ...d.aliases]),
  ...RES_DISEASES.flatMap((d) => [d.name, ...d.aliases]),
  ...CONDITIONS.flatMap((c) => [c.name.zh, c.name.en, c.id, ...c.aliases]),
  ...REFERRAL_ROWS.flatMap((x) => [x.item, ...x.keywords]),
  ...FINDING_LIST.flatMap((f) => [f.zh, ...f.aliases]),
];
export const DEPARTMENTS: readonly string[] = Object.keys(REFERRAL_DEPARTMENTS);
const MUTATE_CHARS = "病症术后期型性急慢（）() 　-·、0123456789ABCMmX";

/** A catalog name, exact or mutated (deletions, insertions, width, case, brackets), or hostile text. */
export function lookupName(r: Rng): string {
  const k = r.int(0, 99);
  if (k < 30) return r.pick(NAME_POOL);
  if (k < 80) {
    let s = r.pick(NAME_POOL);
    const edits = r.int(1, 3);
    for (let i = 0; i < edits; i++) {
      const p = r.int(0, s.length);
      const op = r.int(0, 5);
      if (op === 0) s = s.slice(0, p) + s.slice(p + 1);
      else if (op === 1) s = s.slice(0, p) + MUTATE_CHARS[r.int(0, MUTATE_CHARS.length - 1)] + s.slice(p);
      else if (op === 2) s = FULL(s);
      else if (op === 3) s = r.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
      else if (op === 4) s = `（${s}）`;
      else s = ` ${s} `;
    }
    return s;
  }
  if (k < 88) return randomText(r, 12);
  if (k < 94) return r.pick(["", " ", "\u3000", ...PROTO_WORDS, "M", "M0", "m03900", " M03900 ", "M99999", "M039001", "病", "高", "a"]);
  if (k < 99) return r.pick(HUGE_STRINGS).slice(0, r.int(200, 3000));
  return r.pick(HUGE_STRINGS);
}

export const MATERIAL_CARE_TYPES: readonly string[] = [...new Set(MATERIAL_KINDS.flatMap((k) => k.appliesTo.careType ?? []))];

// ---------------------------------------------------------------------------------------------
// Matrices for the custom functions

/** A cell as Excel hands it over (or as a careless caller does): mostly values, sometimes hostile. */
export function cell(r: Rng): unknown {
  return hostile(r);
}

/** A claims range: a header row then rows, from generated records, with ragged rows and hostile cells. */
export function claimsMatrix(r: Rng): { claims: unknown[][]; headers?: unknown[][] } {
  const n = r.int(0, 6);
  const recs = Array.from({ length: n }, () => genRecord(r));
  const keys: string[] = [];
  for (const g of recs) for (const k of g.headers) if (!keys.includes(k)) keys.push(k);
  const rows = recs.map((g) => keys.map((k) => (Object.prototype.hasOwnProperty.call(g.record, k) ? g.record[k] : r.chance(0.9) ? "" : null)));
  if (r.chance(0.1) && rows.length) rows[r.int(0, rows.length - 1)] = keys.map(() => "");
  if (r.chance(0.05) && rows.length) rows[r.int(0, rows.length - 1)]!.length = r.int(0, keys.length);
  if (r.chance(0.05)) rows.push(Array.from({ length: keys.length + r.int(0, 3) }, () => cell(r)));
  const header: unknown[] = keys.map((k) => (r.chance(0.02) ? cell(r) : k));
  if (r.chance(0.2)) return { claims: rows, headers: [header] };
  if (r.chance(0.03)) return { claims: r.pick([[], [[]], [[null]], [[""]]]) as unknown[][], headers: r.chance(0.5) ? [header] : undefined };
  return { claims: [header, ...rows] };
}

/** A column argument: one cell [[v]], a column of n cells, or a hostile shape. */
export function column(r: Rng, n: number, value: () => unknown): unknown[][] {
  const k = r.int(0, 19);
  if (k <= 1) return [[]]; // Excel never passes [] for a range

  if (k === 2) return [[value(), value()]];
  if (k <= 9) return [[value()]];
  return Array.from({ length: n }, () => [value()]);
}

export { formatDay, dayFromYmd };
