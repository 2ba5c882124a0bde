/**
 * The columnar validator: rows of raw cells → the engine's ClaimColumns directly, plus each row's
 * problems, with exactly the claims and problems of the row-at-a-time paths: `rowValidator(header)`
 * as the CLI uses it (cells "text": strings as read from CSV or .xlsx), and excelCells.readRow then
 * rowValidator as the custom functions use them (cells "excel": numbers, date serials, booleans,
 * blank 0, error values, data types).
 *
 * How it stays the same as validate.ts (there is one definition of what a cell means, the validator):
 *
 * - A cell of an enum, yes/no or count column, and any cell that is not in a plain form, is read by
 *   asking the validator itself: a probe claim that is valid except for that one cell (once per
 *   distinct value and column, remembered in a Map per column: a batch has a handful of distinct
 *   参保地, 险种, 人员类别, 医院等级 … strings). What a text field's length limit is, and which claimed
 *   amounts a blank cell makes 0, is learnt from the validator the same way.
 * - Amounts, dates and short text in their plain forms (12345.60, a number of yuan, 2020-05-01,
 *   20200501, a date serial, text without surrounding spaces) are read directly, with no allocation,
 *   by the arithmetic of money.ts and dates.ts; test/columnar.test.ts pins these to the validator on
 *   generated cells. A serial is one of the workbook's date system (ColumnarOptions.dateSystem, 1900
 *   unless said): its range read directly is the system's (serialRange), the rest the validator's.
 * - A row in which anything could be a problem (a value the probe refused, a required field blank,
 *   two columns for one field, a cross-field check that might fail, an Excel error or data type) is
 *   not decided here: it goes through the row validator, which gives its problems (same messages,
 *   same order, same row label) or its claim. Only rows that certainly validate are written here.
 *
 * - A CSV line may be given not cut into cells (TextSpan, the CLI's settle and audit): each cell is then
 *   read where it lies in the line by the same functions (a string cell is the span of its whole self),
 *   and only what the row validator must decide is cut into the cells the reader would have made.
 *
 * Usage (the CLI, in chunks): `const v = new ColumnarValidator(header, { mapping })`, then for each
 * chunk of rows `const c = v.validate(rows, labels)`: `c.claims` (ClaimColumns of the rows that
 * validated, in row order) for Engine.settleInto, `c.claimOf[row]` / `c.rowOf[claim]`, and per row
 * `c.blank[row]` or `c.failures[row]` (the validator's problems). The memo carries over chunks.
 */
import type { Claim, Claimed } from "./claim";
import { claimColumns, isWs, readRow, type CellColumn } from "./excelCells";
import { CARE_TYPES, CIVIL_SERVANT_RANKS, CROSS_REGIONS, EMPLOYEE_PERSON_TYPES, HOSPITAL_LEVELS, INSURED_PLACES, PERSON_TYPES, POVERTY_STATUSES, RESIDENT_PERSON_TYPES, SCHEMES, SETTLEMENTS } from "./enums";
import { FIELDS, FIELD_BY_NAME, fieldForHeader, headerInfo, type FieldDef } from "./fields";
import { blankRow, headerText, rowValidator, type Validation } from "./validate";
import { allocColumns, setClaim, twoDiseaseKind, wellFormed, NONE, type ClaimColumns } from "../engine/columns";
import { dayFromYmd, SERIALS, type DateSystem } from "../dates";
import { MAX_FEN } from "../money";
import { msg } from "../messages";
import type { Problem } from "../problem";

/** How cells arrive: as the CLI reads a file ("text"), or as Excel passes them to a custom function ("excel"). */
export type CellMode = "text" | "excel";

export interface ColumnarOptions {
  /** The user's corrections (--map): header → canonical field, or null to ignore the column. */
  mapping?: Readonly<Record<string, string | null>>;
  cells?: CellMode;
  /**
   * The date system of the workbook the cells come from: a number in a date column is a serial of
   * it (validate.ts ValidateOptions). Default "1900": the command line, text files, the tests.
   */
  dateSystem?: DateSystem;
}

/** A row that did not give a claim. */
export interface RowFailure {
  /** The validator's problems; for a row Excel handed over unreadable (read), its one problem. */
  problems: Problem[];
  /** The claim's id as the validator gives it with its problems. */
  id?: string;
  /** "excel" cells: the Excel error the row held (#N/A …), which the functions carry on as its answer. */
  code?: string;
  /** True when the row was refused before validation (an Excel error or data type in a field's column). */
  read: boolean;
}

/** Row labels: one per row, or a function of the row's index in the chunk. */
export type Labels = readonly (string | undefined)[] | ((i: number) => string | undefined);

export interface ColumnarChunk {
  /** Rows fed. */
  rows: number;
  /** The claims of the rows that validated, in row order. */
  claims: ClaimColumns;
  /** Claim k came from row rowOf[k]. */
  rowOf: Int32Array;
  /** Row i gave claim claimOf[i], or −1 (blank or failed). */
  claimOf: Int32Array;
  /** 1 for a blank row (no value in any cell): not a claim, skipped as blankRow / isBlankRow skip it. */
  blank: Uint8Array;
  /** Set for the rows that failed, indexed by row (shorter than rows, or empty, when the last rows did not fail). */
  failures: (RowFailure | undefined)[];
  /** The claim of claims index k, as the validator gives it (every field, the same object shape). */
  claimAt(k: number): Claim;
  /** Row i as the row validator answers it; null for a blank row. */
  validation(i: number): Validation | null;
  /** How many rows the row validator decided. */
  slowRows: number;
  /** How many claims were read column-wise (the others the row validator gave). */
  fastRows: number;
  /**
   * What the claim columns do not hold, indexed like them (for readers that need a field of many
   * claims without a Claim each: the audit). An array is empty when the header has no such column.
   */
  extras: ChunkExtras;
}

/** See ColumnarChunk.extras. */
export interface ChunkExtras {
  /** Per claimed amount (CLAIMED_KEYS order): fen, NaN where the claim does not state it. */
  readonly claimed: readonly Float64Array[];
  readonly filingDate: Float64Array;
  readonly submissionDate: Float64Array;
  readonly materials: readonly (string | undefined)[];
  readonly name: readonly (string | undefined)[];
  readonly idNumber: readonly (string | undefined)[];
  /** Set for the claims the row validator gave (their extras are not filled: read the claim). */
  readonly whole: readonly (Claim | undefined)[];
}

const FAST = 0;
const BLANK_ROW = 1;
const SLOW_ROW = 2;

/** Cell states. */
const B = 0; // blank
const V = 1; // a value
const S = 2; // only the row validator can say

const SLOW: unique symbol = Symbol("slow");
type Memo = Map<unknown, number | string | typeof SLOW>;
/** Distinct values remembered per column (a column of unique odd values is probed each time past this). */
const MEMO_MAX = 1 << 16;
/** Words of a coded column compared before its memo is asked (ColumnReader.words). */
const WORDS_MAX = 8;
/** How a column's cells are read (ColumnReader.kind). */
const K_MONEY = 0;
const K_DATE = 1;
const K_TEXT = 2;
const K_CODED = 3;

/** Only white space in s[a, b). */
function wsOnly(s: string, a = 0, b = s.length): boolean {
  for (let i = a; i < b; i++) if (!isWs(s.charCodeAt(i))) return false;
  return true;
}

/**
 * A line of delimited text not cut into cells (io/delimited.ts LineSpan): cell q (q < n) is
 * text[cuts[at + q], cuts[at + q + 1] − 1), and `cells` cuts them into strings as the reader would
 * (for the rows only the row validator can decide). A span is read cell by cell in place: a plain
 * amount, date or known word makes no string.
 */
export interface TextSpan {
  readonly text: string;
  readonly cuts: Int32Array;
  readonly at: number;
  readonly n: number;
  readonly cells: readonly string[];
}

/**
 * A cell of a span as a string of its own: V8 makes a substring of 13 characters or more a view into
 * the text it was cut from, which would keep the whole decoded chunk alive for as long as the value is
 * kept (the reader's cells are such copies too). A whole string is itself.
 */
function cellText(t: string, a: number, b: number): string {
  if (a === 0 && b === t.length) return t;
  const v = t.slice(a, b);
  return v.length >= 13 ? (" " + v).slice(1) : v;
}

/** t[a, b) is the string w. */
function sameText(w: string, t: string, a: number, b: number): boolean {
  // a whole cell: as strings (Excel's cells are often the very same string: no character compared)
  if (a === 0 && b === t.length) return w === t;
  const n = w.length;
  if (n !== b - a) return false;
  for (let k = 0; k < n; k++) if (w.charCodeAt(k) !== t.charCodeAt(a + k)) return false;
  return true;
}

/** A string whose first non-space character is # may be an Excel error: never read directly. */
function hashLead(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isWs(c)) return c === 35;
  }
  return false;
}

/** s[a, n) "12345.60" (digits, then at most two decimals, nothing else) → fen; −1 for any other form. */
function fenOfText(s: string, a: number, n: number): number {
  let i = a;
  let v = 0;
  while (i < n) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  if (i === a || i - a > 12) return -1;
  v *= 100;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i + 1 === n || i + 3 < n) return -1;
    const d1 = s.charCodeAt(i + 1) - 48;
    if (d1 < 0 || d1 > 9) return -1;
    v += d1 * 10;
    if (i + 2 < n) {
      const d2 = s.charCodeAt(i + 2) - 48;
      if (d2 < 0 || d2 > 9) return -1;
      v += d2;
    }
  }
  return v <= MAX_FEN ? v : -1;
}

/**
 * A number of yuan → fen when it is a whole number of fen as Excel shows it: f / 100 === x means x is
 * the double nearest the decimal f/100 (at most 13 significant digits), which is what parseYuan reads
 * at 15 digits. −1 otherwise (then the validator decides).
 */
function fenOfNumber(x: number): number {
  if (!(x >= 0) || x > MAX_FEN / 100) return -1;
  const f = Math.round(x * 100);
  return f / 100 === x ? f + 0 : -1;
}

/**
 * The serials a date column reads directly, per date system: from 1970-01-01 (its serial is also the
 * day's offset: day = ⌊serial⌋ − lo) to 9999-12-31; any other number asks the validator. An unknown
 * system reads none (lo > hi): every serial goes to the validator, which refuses it and says why.
 */
function serialRange(system: DateSystem): { lo: number; hi: number } {
  if (system === "unknown") return { lo: Infinity, hi: -Infinity };
  const s = SERIALS[system];
  return { lo: s.epoch, hi: s.last };
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

const isSep = (c: number) => c === 45 || c === 47 || c === 46;

/** s[a0, n) 2020-05-01, 2020/5/1, 2020.5.1 or 20200501 (8 characters or more) → day from 1970; −1 for any other form or an impossible date. */
function dayOfText(s: string, a0: number, n: number): number {
  let y = 0;
  for (let i = a0; i < a0 + 4; i++) {
    const d = digit(s, i);
    if (d < 0) return -1;
    y = y * 10 + d;
  }
  let m: number;
  let d: number;
  if (n - a0 === 8) {
    const a = digit(s, a0 + 4), b = digit(s, a0 + 5), e = digit(s, a0 + 6), f = digit(s, a0 + 7);
    if (a < 0 || b < 0 || e < 0 || f < 0) return -1;
    m = a * 10 + b;
    d = e * 10 + f;
  } else {
    let i = a0 + 4;
    if (!isSep(s.charCodeAt(i))) return -1;
    i++;
    m = 0;
    let k = 0;
    for (; k < 2 && i < n && digit(s, i) >= 0; k++, i++) m = m * 10 + digit(s, i);
    if (k === 0 || i >= n || !isSep(s.charCodeAt(i))) return -1;
    i++;
    d = 0;
    k = 0;
    for (; k < 2 && i < n && digit(s, i) >= 0; k++, i++) d = d * 10 + digit(s, i);
    if (k === 0 || i !== n) return -1;
  }
  return dayOfYmd(y, m, d);
}

/** Years from 1970 whose months' first days are tabled (MONTH_START). */
const TABLE_YEARS = 230;
/** MONTH_START[(y − 1970) × 12 + m − 1]: the day (from 1970) of y-m-01, for 1970-01 to 2199-12 and the month after. */
const MONTH_START: Float64Array = (() => {
  const t = new Float64Array(TABLE_YEARS * 12 + 1);
  for (let k = 0; k < t.length; k++) t[k] = dayFromYmd(1970 + Math.floor(k / 12), (k % 12) + 1, 1)!;
  return t;
})();

/**
 * dayFromYmd(y, m, d) for whole y, m, d, or −1 where it is null or before 1970: a table of months'
 * first days instead of the civil-calendar arithmetic (a date column is read once per cell).
 */
function dayOfYmd(y: number, m: number, d: number): number {
  if (y < 1970 || m < 1 || m > 12 || d < 1) return -1;
  if (y >= 1970 + TABLE_YEARS) {
    const day = dayFromYmd(y, m, d);
    return day === null || day < 0 ? -1 : day;
  }
  const k = (y - 1970) * 12 + m - 1;
  const start = MONTH_START[k]!;
  return d > MONTH_START[k + 1]! - start ? -1 : start + d - 1;
}

// ---------------------------------------------------------------------------------------------
// Probes: the validator asked about one cell.

/** Valid claims but for the field probed: an employee and a resident (the person type must be the scheme's). */
const BASES: readonly Readonly<Record<string, string>>[] = [
  { insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "direct", hospitalLevel: "1", admissionIndex: "1", chronicDisease: "probe", total: String(MAX_FEN / 100) },
  { insuredPlace: "lanzhou", scheme: "resident", personType: "adult", careType: "inpatient", crossRegion: "local", settlement: "direct", hospitalLevel: "1", admissionIndex: "1", chronicDisease: "probe", total: String(MAX_FEN / 100) },
];

type Probe = (v: unknown) => Claim | null;

/** Probes for a column (its header key, read as `field`), or null when its header would collide with the probe's own. */
function probesFor(field: string, key: string, dateSystem: DateSystem): Probe[] | null {
  const out: Probe[] = [];
  for (const base of BASES) {
    const names = Object.keys(base).filter((n) => n !== field);
    if (names.includes(key)) return null;
    const validate = rowValidator([...names, key], { [key]: field }, { dateSystem });
    const row: unknown[] = [...names.map((n) => base[n]), undefined];
    out.push((v) => {
      row[names.length] = v;
      const r = validate(row, "probe");
      return r.ok ? r.claim : null;
    });
  }
  return out;
}

const ENUM_LISTS: Record<string, readonly string[]> = {
  insuredPlace: INSURED_PLACES,
  scheme: SCHEMES,
  personType: PERSON_TYPES,
  careType: CARE_TYPES,
  crossRegion: CROSS_REGIONS,
  settlement: SETTLEMENTS,
  hospitalLevel: HOSPITAL_LEVELS,
  povertyStatus: POVERTY_STATUSES,
  civilServantRank: CIVIL_SERVANT_RANKS,
};

const claimedKey = (name: string): keyof Claimed => (name.charAt(7).toLowerCase() + name.slice(8)) as keyof Claimed;
const isClaimed = (name: string) => name.startsWith("claimed");

/** The field's value in a validated claim, as this module stores it (enum index, 0/1, day, fen, text). */
function valueOf(def: FieldDef, claim: Claim): number | string | undefined {
  const raw = isClaimed(def.name) ? claim.claimed[claimedKey(def.name)] : (claim as unknown as Record<string, unknown>)[def.name];
  if (raw === undefined) return undefined;
  switch (def.kind) {
    case "enum": {
      const k = ENUM_LISTS[def.name]!.indexOf(raw as string);
      return k < 0 ? undefined : k;
    }
    case "bool":
      return raw === true ? 1 : raw === false ? 0 : undefined;
    case "text":
      return typeof raw === "string" ? raw : undefined;
    default:
      return typeof raw === "number" ? raw : undefined;
  }
}

/** The longest text the validator takes in a text field (learnt: the longest "a…a" it keeps as it is). */
function maxTextLength(def: FieldDef, probes: Probe[]): number {
  const ok = (n: number) => {
    const s = "a".repeat(n);
    const c = probes[0]!(s);
    return c !== null && valueOf(def, c) === s;
  };
  if (!ok(1)) return 0;
  let lo = 1;
  let hi = 8192;
  if (ok(hi)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const CLAIMED_FIELDS = FIELDS.filter((d) => isClaimed(d.name)).map((d) => d.name);
/** The claimed amounts' keys in the order of ChunkExtras.claimed. */
export const CLAIMED_KEYS: readonly (keyof Claimed)[] = CLAIMED_FIELDS.map(claimedKey);

let zeroDefaults: ReadonlySet<string> | null = null;
/**
 * The claimed amounts a blank cell makes 0 when the claim states some claimed amount (learnt from the
 * validator: a claim stating one amount, the others blank in columns the sheet has).
 */
function claimedZeroDefaults(): ReadonlySet<string> {
  if (zeroDefaults) return zeroDefaults;
  const base = BASES[0]!;
  const names = [...Object.keys(base), ...CLAIMED_FIELDS];
  const validate = rowValidator(names);
  const out = new Set<string>();
  for (const trigger of CLAIMED_FIELDS.slice(0, 2)) {
    const row = names.map((n) => (n === trigger ? "1" : Object.hasOwn(base, n) ? base[n] : ""));
    const v = validate(row, "probe");
    if (!v.ok) throw new Error(`columnar: the claimed-amounts probe does not validate: ${v.problems.map((p) => p.message.en).join("; ")}`);
    for (const name of CLAIMED_FIELDS) if (name !== trigger && v.claim.claimed[claimedKey(name)] === 0) out.add(name);
  }
  return (zeroDefaults = out);
}

// ---------------------------------------------------------------------------------------------
// Columns

/** One column of the header that names a field: how its cells are read, and what was learnt of them. */
/**
 * What the validator said of a column's values (a header key read as a field): its probes, the text
 * length it takes, and its answer per distinct value. The validator's answer depends on nothing else,
 * so this is shared by every ColumnarValidator (a sheet recalculated, the calls of a fill-down).
 */
class Knowledge {
  readonly memo: Memo = new Map();
  private probes: Probe[] | null | undefined;
  private maxLen = -1;

  constructor(
    readonly def: FieldDef,
    readonly key: string,
    /** How the validator reads a serial in this column (only a date column's answers depend on it). */
    readonly dateSystem: DateSystem,
  ) {}

  private probe(v: unknown): number | string | typeof SLOW {
    if (this.probes === undefined) this.probes = probesFor(this.def.name, this.key, this.dateSystem);
    if (this.probes === null) return SLOW;
    if (typeof v === "string" && hashLead(v)) return SLOW;
    for (const p of this.probes) {
      const c = p(v);
      if (c) return valueOf(this.def, c) ?? SLOW;
    }
    return SLOW;
  }

  /** What the validator makes of v (a non-blank primitive), remembered. */
  lookup(v: unknown): number | string | typeof SLOW {
    const m = this.memo.get(v);
    if (m !== undefined) return m;
    const r = this.probe(v);
    if (this.memo.size < MEMO_MAX) this.memo.set(v, r);
    return r;
  }

  textLimit(): number {
    if (this.maxLen < 0) {
      if (this.probes === undefined) this.probes = probesFor(this.def.name, this.key, this.dateSystem);
      this.maxLen = this.probes === null ? 0 : maxTextLength(this.def, this.probes);
    }
    return this.maxLen;
  }
}

const KNOWN = new Map<string, Knowledge>();
/** Columns remembered (a workbook has a few headers; a fuzzer many). */
const KNOWN_MAX = 512;

function knowledge(def: FieldDef, key: string, dateSystem: DateSystem): Knowledge {
  // a date column's answers are the date system's (a serial, digits as text); no other column's are
  const system = def.kind === "date" ? dateSystem : "1900";
  const id = def.name + "\u0000" + key + "\u0000" + system;
  let k = KNOWN.get(id);
  if (!k) {
    if (KNOWN.size >= KNOWN_MAX) KNOWN.delete(KNOWN.keys().next().value!);
    KNOWN.set(id, (k = new Knowledge(def, key, system)));
  }
  return k;
}

/** One column of the header that names a field: how its cells are read. */
class ColumnReader {
  private readonly known: Knowledge;
  /** Money columns whose header states no unit other than 元: plain amounts read directly. */
  readonly plainMoney: boolean;
  /**
   * The first few distinct words of a coded column and their codes, compared before the memo is
   * asked: an enum column has a handful of words, and comparing a short string with a few others
   * costs less than hashing it for the Map (strings read from a file are new strings, never hashed).
   */
  private readonly words: string[] = [];
  private readonly codes: number[] = [];
  /** What ClaimColumns hold for the field when its cell is blank (written into num for a blank cell). */
  readonly blankValue: number;
  /** Date columns: the serials read directly (serialRange of the workbook's date system). */
  private readonly serialLo: number;
  private readonly serialHi: number;

  constructor(
    readonly j: number,
    readonly key: string,
    readonly def: FieldDef,
    private readonly excel: boolean,
    dateSystem: DateSystem,
  ) {
    this.known = knowledge(def, key, dateSystem);
    const serials = serialRange(dateSystem);
    this.serialLo = serials.lo;
    this.serialHi = serials.hi;
    // as validate.ts reads a money header: no unit, or 元
    const info = FIELD_BY_NAME.has(key) ? undefined : headerInfo(key);
    this.plainMoney = def.kind === "money" && (!info || (info.scale === 1 && info.badUnit === undefined));
    this.blankValue = blankValueOf(def);
    this.kind = def.kind === "money" && this.plainMoney ? K_MONEY : def.kind === "date" ? K_DATE : def.kind === "text" ? K_TEXT : K_CODED;
  }

  lookup(v: unknown): number | string | typeof SLOW {
    return this.known.lookup(v);
  }

  textLimit(): number {
    return this.known.textLimit();
  }

  /**
   * One cell of a row still FAST → its state (B, V or S), its value written into num[i] or str[i]
   * for V; a cell only the validator can decide is S (its row goes to the row validator). The
   * validator calls the method of the column's kind (`kind`) for each cell of a row in turn: rows
   * are read row by row, each row's cells once (a row's cells lie together in memory, and a column
   * read down 1e5 rows of arrays misses the cache on each row), each kind's method short and seeing
   * one shape of value.
   */
  readonly kind: number;

  /** Amounts in yuan with no unit other than 元: 12345.60 or a number of whole fen read directly; any other form asks the memo. */
  money(v: unknown, i: number, num: Float64Array): number {
    if (typeof v === "string") return this.moneyText(v, 0, v.length, i, num);
    if (typeof v === "number") {
      if (this.excel && (v === 0 || !Number.isFinite(v))) return v === 0 ? B : S;
      const f = fenOfNumber(v);
      if (f >= 0) {
        num[i] = f;
        return V;
      }
      return this.memoNum(v, i, num);
    }
    if (v === undefined || v === null) return B;
    return typeof v === "boolean" ? this.memoNum(v, i, num) : S;
  }

  /** The text cell t[a, b) of a money column (the whole of a string cell, or a cell of a span). */
  moneyText(t: string, a: number, b: number, i: number, num: Float64Array): number {
    const f = fenOfText(t, a, b);
    if (f >= 0) {
      num[i] = f;
      return V;
    }
    if (a === b || (isWs(t.charCodeAt(a)) && wsOnly(t, a, b))) return B;
    return this.memoNum(cellText(t, a, b), i, num);
  }

  /** Dates: 2020-05-01, 20200501 or a date serial read directly; any other form asks the memo. */
  date(v: unknown, i: number, num: Float64Array): number {
    if (typeof v === "number") {
      if (this.excel && (v === 0 || !Number.isFinite(v))) return v === 0 ? B : S;
      if (v >= this.serialLo && v <= this.serialHi) {
        num[i] = Math.floor(v) - this.serialLo;
        return V;
      }
      return this.memoNum(v, i, num);
    }
    if (typeof v === "string") return this.dateText(v, 0, v.length, i, num);
    if (v === undefined || v === null) return B;
    if (!this.excel && v instanceof Date) {
      // a date cell of an .xlsx file: its UTC day, as the row validator reads it (an invalid or pre-1970 one is its to
      // refuse); Excel's own cells never hold a Date (an object there is a data type, which the row validator refuses)
      const day = Math.floor(v.getTime() / 86_400_000);
      if (day >= 0) {
        num[i] = day;
        return V;
      }
      return S;
    }
    return typeof v === "boolean" ? this.memoNum(v, i, num) : S;
  }

  /** The text cell t[a, b) of a date column. */
  dateText(t: string, a: number, b: number, i: number, num: Float64Array): number {
    const day = b - a >= 8 ? dayOfText(t, a, b) : -1;
    if (day >= 0) {
      num[i] = day;
      return V;
    }
    if (a === b || (isWs(t.charCodeAt(a)) && wsOnly(t, a, b))) return B;
    return this.memoNum(cellText(t, a, b), i, num);
  }

  /** Text: kept as it is when it has no surrounding spaces, no # first and is within the validator's length (`limit`); otherwise the memo. */
  text(v: unknown, i: number, str: (string | undefined)[], limit: number): number {
    if (typeof v === "string") return this.textText(v, 0, v.length, i, str, limit);
    if (v === undefined || v === null) return B;
    if (typeof v === "number") {
      if (this.excel && (v === 0 || !Number.isFinite(v))) return v === 0 ? B : S;
      const s = String(v);
      if (s.length > limit) return S;
      str[i] = s;
      return V;
    }
    return typeof v === "boolean" ? this.memoStr(v, i, str) : S;
  }

  /** The text cell t[a, b) of a text column. */
  textText(t: string, a: number, b: number, i: number, str: (string | undefined)[], limit: number): number {
    const n = b - a;
    if (n === 0) return B;
    const c0 = t.charCodeAt(a);
    if (n <= limit && !isWs(c0) && c0 !== 35 && !isWs(t.charCodeAt(b - 1))) {
      str[i] = cellText(t, a, b);
      return V;
    }
    if (isWs(c0) && wsOnly(t, a, b)) return B;
    return this.memoStr(cellText(t, a, b), i, str);
  }

  /**
   * Enum, yes/no and count columns (and amounts in another unit): every value through the column's
   * memo, the validator's answer for each distinct value (a Map per column: one look-up per cell, the
   * probe once per distinct value), its first few words compared before the Map is asked.
   */
  coded(v: unknown, i: number, num: Float64Array): number {
    if (typeof v === "string") return this.codedText(v, 0, v.length, i, num);
    if (v === undefined || v === null) return B;
    if (typeof v === "number") {
      if (this.excel && (v === 0 || !Number.isFinite(v))) return v === 0 ? B : S;
      return this.memoNum(v, i, num);
    }
    return typeof v === "boolean" ? this.memoNum(v, i, num) : S;
  }

  /** The text cell t[a, b) of a coded column. */
  codedText(t: string, a: number, b: number, i: number, num: Float64Array): number {
    // blank text is never a word nor in the memo (a blank cell is never probed)
    if (a === b) return B;
    const words = this.words;
    let q = 0;
    while (q < words.length && !sameText(words[q]!, t, a, b)) q++;
    if (q < words.length) {
      num[i] = this.codes[q]!;
      return V;
    }
    const v = cellText(t, a, b);
    const m = this.known.memo.get(v);
    if (typeof m === "number") {
      num[i] = m;
      if (words.length < WORDS_MAX) {
        words.push(v);
        this.codes.push(m);
      }
      return V;
    }
    if (isWs(t.charCodeAt(a)) && wsOnly(t, a, b)) return B;
    return this.memoNum(v, i, num);
  }

  private memoNum(v: unknown, i: number, num: Float64Array): number {
    const r = this.lookup(v);
    if (r === SLOW || typeof r !== "number") return S;
    num[i] = r;
    return V;
  }

  private memoStr(v: unknown, i: number, str: (string | undefined)[]): number {
    const r = this.lookup(v);
    if (r === SLOW || typeof r !== "string") return S;
    str[i] = r;
    return V;
  }
}


/** A field's cells for one chunk: one column's arrays, or several columns' resolved into one. */
interface FieldCells {
  state: Uint8Array;
  num: Float64Array;
  str: (string | undefined)[];
}

type Writable = Uint8Array | Uint16Array | Int8Array | Int16Array | Float64Array;

/**
 * dst[k] = the field's value in row rowOf[k] (num holds the field's blank value for a blank cell), or
 * d when the header has no column for it. `identity`: rowOf[k] === k for every k (no row of the chunk
 * was blank or failed), so the column is copied in one typed-array set.
 */
function copy(dst: Writable, f: FieldCells | null, rowOf: Int32Array, d: number, identity: boolean): void {
  if (!f) {
    dst.fill(d);
    return;
  }
  const num = f.num;
  const m = rowOf.length;
  if (identity) {
    dst.set(num.length === m ? num : num.subarray(0, m));
    return;
  }
  for (let k = 0; k < m; k++) dst[k] = num[rowOf[k]!]!;
}

function copyText(dst: (string | undefined)[], f: FieldCells | null, rowOf: Int32Array): void {
  if (!f) return;
  const st = f.state;
  const str = f.str;
  for (let k = 0; k < rowOf.length; k++) {
    const i = rowOf[k]!;
    if (st[i] === V) dst[k] = str[i];
  }
}

const IDX = Object.fromEntries(FIELDS.map((d, i) => [d.name, i])) as Record<string, number>;

/** The value ClaimColumns (and Extras) hold for a field with no value: as setClaim writes an absent one. */
function blankValueOf(def: FieldDef): number {
  if (def.kind === "date") return NaN;
  switch (def.name) {
    case "crossProvince":
      return 2;
    case "hospitalLevel":
      return NONE;
    case "referralThresholdPaid":
      return NaN;
    case "povertyStatus":
      return POVERTY_NONE;
    case "civilServantRank":
      return RANK_NONE;
    default:
      return 0;
  }
}
const EMPLOYEE = SCHEMES.indexOf("employee");
const RESIDENT = SCHEMES.indexOf("resident");
const INPATIENT = CARE_TYPES.indexOf("inpatient");
const CHRONIC = CARE_TYPES.indexOf("chronic");
const TWO_DISEASE = CARE_TYPES.indexOf("two_disease");
const PERSON_OK: readonly (readonly boolean[])[] = SCHEMES.map((s) => PERSON_TYPES.map((p) => ((s === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES) as readonly string[]).includes(p)));
const RANK_NONE = CIVIL_SERVANT_RANKS.indexOf("none");
const POVERTY_NONE = POVERTY_STATUSES.indexOf("none");
/** Per field (FIELDS order): blankValueOf. */
const BLANK_VALUE: readonly number[] = FIELDS.map(blankValueOf);

/**
 * The cells of a chunk's columns, read into buffers reused by every validator from call to call: only
 * the validate call that reads them looks at them (the chunk it returns holds its own columns), so one
 * set serves a fill-down's validators, an audit's headers and a CLI's chunks alike, and a 1e5-row call
 * allocates none of them again. Text columns need no numbers, the others no strings.
 */
const NUM_SCRATCH: FieldCells[] = [];
const TEXT_SCRATCH: FieldCells[] = [];
/** A validate call is running (validate never calls itself; were it to, the inner call gets its own buffers). */
let scratchBusy = false;

function scratchFor(readers: readonly ColumnReader[], n: number, fresh: boolean): FieldCells[] {
  const none = new Float64Array(0);
  let t = 0;
  let u = 0;
  return readers.map((r) => {
    const text = r.def.kind === "text";
    if (fresh) return text ? { state: new Uint8Array(n), num: none, str: new Array(n) } : { state: new Uint8Array(n), num: new Float64Array(n), str: [] };
    const pool = text ? TEXT_SCRATCH : NUM_SCRATCH;
    const q = text ? t++ : u++;
    let s = pool[q];
    if (!s || s.state.length < n) s = pool[q] = text ? { state: new Uint8Array(n), num: none, str: new Array(n) } : { state: new Uint8Array(n), num: new Float64Array(n), str: [] };
    return s;
  });
}

/** Derived columns (catalog lookups) through setClaim itself, on a one-row scratch, remembered per name. */
class Derived {
  private readonly scratch = allocColumns(1);
  private readonly disease = [new Map<string, number>(), new Map<string, number>()];
  private readonly emergency = new Map<string, number>();
  private readonly two = new Map<string, number>();

  private claim(scheme: number, extra: Partial<Claim>): Claim {
    return {
      id: "",
      insuredPlace: "lanzhou",
      scheme: SCHEMES[scheme]!,
      personType: scheme === EMPLOYEE ? "in_service" : "adult",
      careType: "chronic",
      crossRegion: "local",
      treatedInInsuredPlace: false,
      inFiledPlace: false,
      settlement: "direct",
      total: 0,
      outOfCatalog: 0,
      classB: 0,
      tcm: 0,
      ytdFundPaid: 0,
      ytdPersonalInPolicy: 0,
      povertyStatus: "none",
      civilServantRank: "none",
      claimed: {},
      ...extra,
    };
  }

  /** (disease index + 8) × 2 + qualifier-dropped bit, for a name under a scheme. */
  diseaseOf(scheme: number, name: string): number {
    const m = this.disease[scheme]!;
    let r = m.get(name);
    if (r === undefined) {
      setClaim(this.scratch, 0, this.claim(scheme, { chronicDisease: name }));
      r = (this.scratch.disease[0]! + 8) * 2 + (this.scratch.qualifierDropped[0]! & 1);
      if (m.size < MEMO_MAX) m.set(name, r);
    }
    return r;
  }

  /** twoDiseaseKind of a name, remembered. */
  twoDiseaseOf(name: string | undefined): number {
    if (name === undefined) return twoDiseaseKind(undefined);
    let r = this.two.get(name);
    if (r === undefined) {
      r = twoDiseaseKind(name);
      if (this.two.size < MEMO_MAX) this.two.set(name, r);
    }
    return r;
  }

  emergencyOf(name: string): number {
    let r = this.emergency.get(name);
    if (r === undefined) {
      setClaim(this.scratch, 0, this.claim(EMPLOYEE, { emergencyCondition: name }));
      r = this.scratch.emergency[0]!;
      if (this.emergency.size < MEMO_MAX) this.emergency.set(name, r);
    }
    return r;
  }
}

/** What ClaimColumns do not hold of a claim, kept to give the claim back whole (claimAt). */
interface Extras {
  claimed: Float64Array[];
  filingDate: Float64Array;
  submissionDate: Float64Array;
  emergencyFindings: (string | undefined)[];
  materials: (string | undefined)[];
  name: (string | undefined)[];
  idNumber: (string | undefined)[];
  /** Claims the row validator gave (slow rows), returned as they are. */
  whole: (Claim | undefined)[];
}

/** A blank row (BLANK_ROW), a row whose first non-blank cell is an object (an error value or data type: readRow says whether the row is blank; SLOW_ROW), or FAST. */
function rowClass(row: readonly unknown[] | undefined, excel: boolean): number {
  if (!row) return BLANK_ROW;
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (v === undefined || v === null) continue;
    // a row with a value is not blank; an object in a field's column is then its reader's to refuse
    // (readRow passes one in any other column over), so the scan stops at the first value
    if (typeof v === "string") {
      if (v.length === 0 || (isWs(v.charCodeAt(0)) && wsOnly(v))) continue;
      return FAST;
    }
    if (typeof v === "number") {
      if (excel && v === 0) continue;
      return FAST;
    }
    // a Date, an error value, a data type before any value: whether the row is blank is readRow's to say
    return typeof v === "boolean" ? FAST : SLOW_ROW;
  }
  return BLANK_ROW;
}

// ---------------------------------------------------------------------------------------------

export class ColumnarValidator {
  private readonly excel: boolean;
  private readonly readers: ColumnReader[] = [];
  /** Per field (FIELDS order): its readers, in header order. */
  private readonly byField: ColumnReader[][] = FIELDS.map(() => []);
  private readonly slow: (row: readonly unknown[], rowLabel?: string) => Validation;
  private readonly cellColumns: CellColumn[] | null;
  private readonly derived = new Derived();
  private readonly zero: ReadonlySet<string>;

  constructor(header: readonly unknown[], opts: ColumnarOptions = {}) {
    const mapping = opts.mapping ?? {};
    this.excel = opts.cells === "excel";
    const dateSystem = opts.dateSystem ?? "1900";
    this.slow = rowValidator(header, mapping, { dateSystem });
    this.cellColumns = this.excel ? claimColumns(header, mapping) : null;
    // the header resolved as rowValidator resolves it
    header.forEach((h, j) => {
      const key = headerText(h);
      if (key === "") return;
      const def = Object.hasOwn(mapping, key) ? (mapping[key] === null ? undefined : FIELD_BY_NAME.get(mapping[key]!)) : (FIELD_BY_NAME.get(key) ?? fieldForHeader(key));
      if (!def) return;
      const r = new ColumnReader(j, key, def, this.excel, dateSystem);
      this.readers.push(r);
      this.byField[IDX[def.name]!]!.push(r);
    });
    this.zero = claimedZeroDefaults();
  }

  /**
   * Validate a chunk of rows. `labels` name the rows as the row validator would be told (`row 12`,
   * `line 13`). `spans` (text cells only): row i given as a line not cut into cells where spans[i] is
   * set (rows[i] is then not read), answered as its cells would be.
   */
  validate(rows: readonly (readonly unknown[] | undefined)[], labels?: Labels, spans?: readonly (TextSpan | undefined)[]): ColumnarChunk {
    const n = rows.length;
    const label = (i: number): string | undefined => (labels === undefined ? undefined : typeof labels === "function" ? labels(i) : labels[i]);
    const status = new Uint8Array(n);

    const fresh = scratchBusy;
    scratchBusy = true;
    try {
      if (spans && this.excel) throw new Error("columnar: spans are text cells");
      return this.validateWith(rows, n, label, status, scratchFor(this.readers, n, fresh), spans);
    } finally {
      scratchBusy = fresh;
    }
  }

  private validateWith(rows: readonly (readonly unknown[] | undefined)[], n: number, label: (i: number) => string | undefined, status: Uint8Array, own: FieldCells[], spans: readonly (TextSpan | undefined)[] | undefined): ColumnarChunk {
    this.readRows(rows, n, status, own, spans);
    const cells: (FieldCells | null)[] = FIELDS.map(() => null);
    for (let f = 0; f < FIELDS.length; f++) {
      const rs = this.byField[f]!;
      if (!rs.length) continue;
      const mine = rs.map((r) => own[this.readers.indexOf(r)]!);
      cells[f] = mine.length === 1 ? mine[0]! : this.resolve(mine, status, n, BLANK_VALUE[f]!);
    }
    this.crossChecks(cells, status, n);

    // the rows only the row validator can decide (the arrays for them made only when there are some:
    // a 1e5-row array is a large object, and its allocation brings the next full GC nearer)
    let failures: (RowFailure | undefined)[] = [];
    const blank = new Uint8Array(n);
    let slowClaims: (Claim | undefined)[] = [];
    let slowRows = 0;
    let slowClaimCount = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const st = status[i]!;
      if (st === FAST) count++;
      else if (st === BLANK_ROW) blank[i] = 1;
      else {
        slowRows++;
        const sp = spans?.[i];
        const r = this.slowRow(sp ? sp.cells : rows[i], label(i));
        if (r === null) blank[i] = 1;
        else if ("claim" in r) {
          if (!slowClaimCount) slowClaims = new Array(n);
          slowClaims[i] = r.claim;
          slowClaimCount++;
          count++;
        } else {
          if (!failures.length) failures = new Array(n);
          failures[i] = r;
        }
      }
    }

    const c = allocColumns(count);
    // only for the fields the header has (claims the row validator gave are kept whole)
    const col = (name: string) => this.byField[IDX[name]!]!.length > 0;
    const none = new Float64Array(0);
    const x: Extras = {
      claimed: CLAIMED_FIELDS.map((name) => (col(name) ? new Float64Array(count).fill(NaN) : none)),
      filingDate: col("filingDate") ? new Float64Array(count) : none,
      submissionDate: col("submissionDate") ? new Float64Array(count) : none,
      emergencyFindings: new Array(col("emergencyFindings") ? count : 0),
      materials: new Array(col("materials") ? count : 0),
      name: new Array(col("name") ? count : 0),
      idNumber: new Array(col("idNumber") ? count : 0),
      whole: slowClaimCount ? new Array(count) : [],
    };
    const rowOf = new Int32Array(count);
    const claimOf = new Int32Array(n).fill(-1);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (status[i] !== FAST && !slowClaims[i]) continue;
      rowOf[k] = i;
      claimOf[i] = k;
      k++;
    }
    if (count > slowClaimCount) this.writeFast(c, x, cells, rowOf, status, label);
    // the rows the row validator gave a claim for: written by setClaim itself
    for (let j = 0; slowClaimCount && j < count; j++) {
      const claim = slowClaims[rowOf[j]!];
      if (!claim) continue;
      c.emergency[j] = -1;
      c.emergencyNames[j] = undefined;
      c.emergencyFindings[j] = undefined;
      setClaim(c, j, claim);
      x.whole[j] = claim;
    }
    const claimAt = (j: number): Claim => x.whole[j] ?? this.rebuild(c, x, j);
    return {
      rows: n,
      claims: c,
      rowOf,
      claimOf,
      blank,
      failures,
      slowRows,
      fastRows: count - slowClaimCount,
      extras: x,
      claimAt,
      validation: (i) => {
        if (blank[i]) return null;
        const f = failures[i];
        if (f) return f.id === undefined ? { ok: false, problems: f.problems } : { ok: false, problems: f.problems, id: f.id };
        return { ok: true, claim: claimAt(claimOf[i]!) };
      },
    };
  }



  /**
   * Every row's cells, row by row: a blank row (rowClass) is BLANK_ROW, and each cell of a field's
   * column of the others is read by its column's reader until one only the row validator can decide
   * makes the row SLOW (the rest of that row is the row validator's to read).
   */
  private readRows(rows: readonly (readonly unknown[] | undefined)[], n: number, status: Uint8Array, own: FieldCells[], spans: readonly (TextSpan | undefined)[] | undefined): void {
    const readers = this.readers;
    const excel = this.excel;
    const nr = readers.length;
    const limits = readers.map((r) => (r.kind === K_TEXT ? r.textLimit() : 0));
    for (let i = 0; i < n; i++) {
      const sp = spans?.[i];
      if (sp) {
        this.readSpan(sp, i, status, own, limits);
        continue;
      }
      const row = rows[i];
      const c = rowClass(row, excel);
      if (c !== FAST) {
        status[i] = c;
        continue;
      }
      for (let q = 0; q < nr; q++) {
        const r = readers[q]!;
        const cells = own[q]!;
        const v = row![r.j];
        let st: number;
        switch (r.kind) {
          case K_MONEY:
            st = r.money(v, i, cells.num);
            break;
          case K_DATE:
            st = r.date(v, i, cells.num);
            break;
          case K_TEXT:
            st = r.text(v, i, cells.str, limits[q]!);
            break;
          default:
            st = r.coded(v, i, cells.num);
        }
        // a blank cell's num is the field's default (what ClaimColumns hold for it), so the columns are copied without looking at the states
        if (st === B && r.kind !== K_TEXT) cells.num[i] = r.blankValue;
        cells.state[i] = st;
        if (st === S) {
          status[i] = SLOW_ROW;
          break;
        }
      }
    }
  }

  /**
   * One row given as a line (TextSpan), read as readRows reads its cells: each field's cell read in
   * place by its column's reader; a cell past the line's last is blank, as an absent cell is.
   */
  private readSpan(sp: TextSpan, i: number, status: Uint8Array, own: FieldCells[], limits: readonly number[]): void {
    const t = sp.text;
    const cut = sp.cuts;
    const at = sp.at;
    const k = sp.n;
    // blank: no cell with a value (rowClass on text cells)
    let blank = true;
    for (let q = 0; q < k; q++) {
      const a = cut[at + q]!;
      const b = cut[at + q + 1]! - 1;
      if (a === b || (isWs(t.charCodeAt(a)) && wsOnly(t, a, b))) continue;
      blank = false;
      break;
    }
    if (blank) {
      status[i] = BLANK_ROW;
      return;
    }
    const readers = this.readers;
    for (let q = 0; q < readers.length; q++) {
      const r = readers[q]!;
      const cells = own[q]!;
      const j = r.j;
      const a = j < k ? cut[at + j]! : 0;
      const b = j < k ? cut[at + j + 1]! - 1 : 0;
      let st: number;
      switch (r.kind) {
        case K_MONEY:
          st = r.moneyText(t, a, b, i, cells.num);
          break;
        case K_DATE:
          st = r.dateText(t, a, b, i, cells.num);
          break;
        case K_TEXT:
          st = r.textText(t, a, b, i, cells.str, limits[q]!);
          break;
        default:
          st = r.codedText(t, a, b, i, cells.num);
      }
      if (st === B && r.kind !== K_TEXT) cells.num[i] = r.blankValue;
      cells.state[i] = st;
      if (st === S) {
        status[i] = SLOW_ROW;
        break;
      }
    }
  }

  /** Several columns for one field: the one with a value; two with values are the validator's duplicate problem. */
  private resolve(own: FieldCells[], status: Uint8Array, n: number, blankValue: number): FieldCells {
    const out: FieldCells = { state: new Uint8Array(n), num: new Float64Array(n), str: new Array(n) };
    for (let i = 0; i < n; i++) {
      if (status[i] !== FAST) continue;
      let pick = -1;
      for (let q = 0; q < own.length; q++) {
        if (own[q]!.state[i] === B) continue;
        if (pick >= 0) {
          pick = -2;
          break;
        }
        pick = q;
      }
      if (pick === -2) status[i] = SLOW_ROW;
      else if (pick >= 0) {
        out.state[i] = V;
        out.num[i] = own[pick]!.num[i]!;
        out.str[i] = own[pick]!.str[i];
      } else out.num[i] = blankValue;
    }
    return out;
  }

  /** Rows a required field, a field its care type requires, or a cross-field check could refuse: the validator decides them. */
  private crossChecks(cells: (FieldCells | null)[], status: Uint8Array, n: number): void {
    const st = (name: string) => cells[IDX[name]!]?.state ?? null;
    const nm = (name: string) => cells[IDX[name]!]?.num ?? null;
    const required = ["insuredPlace", "scheme", "personType", "careType", "crossRegion", "settlement", "total"].map(st);
    if (required.some((s) => s === null)) {
      for (let i = 0; i < n; i++) if (status[i] === FAST) status[i] = SLOW_ROW;
      return;
    }
    const scheme = nm("scheme")!;
    const person = nm("personType")!;
    const care = nm("careType")!;
    const level = st("hospitalLevel");
    const adm = st("admissionIndex");
    const disease = st("chronicDisease");
    const total = nm("total")!;
    const amount = (name: string) => {
      const c = cells[IDX[name]!];
      return c ? { s: c.state, v: c.num } : null;
    };
    const ooc = amount("outOfCatalog");
    const classB = amount("classB");
    const tcm = amount("tcm");
    const admission = amount("admissionDate");
    const discharge = amount("dischargeDate");
    const rank = amount("civilServantRank");
    const valueOr0 = (a: { s: Uint8Array; v: Float64Array } | null, i: number) => (a && a.s[i] === V ? a.v[i]! : 0);
    for (let i = 0; i < n; i++) {
      if (status[i] !== FAST) continue;
      let ok = true;
      for (let q = 0; q < required.length; q++) if (required[q]![i] !== V) ok = false;
      if (ok) {
        const ct = care[i]!;
        if (ct === INPATIENT && (!level || level[i] !== V || !adm || adm[i] !== V)) ok = false;
        else if ((ct === CHRONIC || ct === TWO_DISEASE) && (!disease || disease[i] !== V)) ok = false;
        else if (!PERSON_OK[scheme[i]!]![person[i]!]) ok = false;
        else {
          const o = valueOr0(ooc, i);
          const t = total[i]!;
          if (valueOr0(classB, i) + o > t || valueOr0(tcm, i) + o > t) ok = false;
          else if (admission && discharge && admission.s[i] === V && discharge.s[i] === V && discharge.v[i]! < admission.v[i]!) ok = false;
          else if (rank && rank.s[i] === V && rank.v[i] !== RANK_NONE && scheme[i] === RESIDENT) ok = false;
        }
      }
      if (!ok) status[i] = SLOW_ROW;
    }
  }

  /** A row the row validator decides: null for a blank row, its claim, or its failure. */
  private slowRow(row: readonly unknown[] | undefined, rowLabel: string | undefined): null | { claim: Claim } | RowFailure {
    if (this.excel) {
      const read = readRow(row ?? [], this.cellColumns!);
      if (!read.ok) return read.code === undefined ? { problems: [read.problem], read: true } : { problems: [read.problem], code: read.code, read: true };
      if (read.blank) return null;
      return outcome(this.slow(read.values, rowLabel));
    }
    const r = row ?? [];
    if (blankRow(r)) return null;
    let v: Validation;
    try {
      v = this.slow(r, rowLabel);
    } catch {
      // as the CLI's validateInput: a record that makes the validator fail gets its own error, the batch goes on
      v = { ok: false, id: rowLabel, problems: [{ code: "internal", kind: "input", message: msg("claim.internal") }] };
    }
    return outcome(v);
  }

  /** The claims of the FAST rows, column by column (rows the validator decided are written after, by setClaim). */
  private writeFast(c: ClaimColumns, x: Extras, cells: (FieldCells | null)[], rowOf: Int32Array, status: Uint8Array, label: (i: number) => string | undefined): void {
    const m = rowOf.length;
    const at = (name: string) => cells[IDX[name]!] ?? null;
    const fast = new Uint8Array(m);
    for (let k = 0; k < m; k++) fast[k] = status[rowOf[k]!] === FAST ? 1 : 0;
    // every row of the chunk gave a claim: claim k is row k
    const identity = m === status.length;
    const put = (dst: Writable, name: string) => copy(dst, at(name), rowOf, BLANK_VALUE[IDX[name]!]!, identity);

    const id = at("id");
    for (let k = 0; k < m; k++) {
      if (!fast[k]) continue;
      const i = rowOf[k]!;
      c.ids[k] = id && id.state[i] === V ? id.str[i]! : (label(i) ?? "");
    }
    put(c.insuredPlace, "insuredPlace");
    put(c.scheme, "scheme");
    put(c.personType, "personType");
    put(c.careType, "careType");
    put(c.crossRegion, "crossRegion");
    put(c.crossProvince, "crossProvince");
    put(c.treatedInInsuredPlace, "treatedInInsuredPlace");
    put(c.inFiledPlace, "inFiledPlace");
    put(c.settlement, "settlement");
    put(c.hospitalLevel, "hospitalLevel");
    put(c.admissionIndex, "admissionIndex");
    put(c.admissionDate, "admissionDate");
    put(c.dischargeDate, "dischargeDate");
    put(c.settlementDate, "settlementDate");
    put(c.serviceDate, "serviceDate");
    put(c.chronicApproved, "chronicApproved");
    put(c.secondChronicApproved, "secondChronicApproved");
    put(c.birthDate, "birthDate");
    put(c.total, "total");
    put(c.outOfCatalog, "outOfCatalog");
    put(c.classB, "classB");
    put(c.tcm, "tcm");
    put(c.ytdFundPaid, "ytdFundPaid");
    put(c.ytdPersonalInPolicy, "ytdPersonalInPolicy");
    put(c.referralThresholdPaid, "referralThresholdPaid");
    put(c.povertyStatus, "povertyStatus");
    put(c.civilServantRank, "civilServantRank");
    if (x.filingDate.length) put(x.filingDate, "filingDate");
    if (x.submissionDate.length) put(x.submissionDate, "submissionDate");
    copyText(x.emergencyFindings, at("emergencyFindings"), rowOf);
    copyText(x.materials, at("materials"), rowOf);
    copyText(x.name, at("name"), rowOf);
    copyText(x.idNumber, at("idNumber"), rowOf);
    copyText(c.diseaseNames, at("chronicDisease"), rowOf);
    copyText(c.secondDiseaseNames, at("secondChronicDisease"), rowOf);

    // catalog lookups, once per distinct name (setClaim's own functions on a scratch row)
    const d1 = at("chronicDisease");
    const d2 = at("secondChronicDisease");
    const cond = at("emergencyCondition");
    for (let k = 0; k < m; k++) {
      if (!fast[k]) continue;
      const i = rowOf[k]!;
      const scheme = c.scheme[k]!;
      let dropped = 0;
      const n1 = d1 && d1.state[i] === V ? d1.str[i]! : undefined;
      if (n1 !== undefined) {
        const p = this.derived.diseaseOf(scheme, n1);
        c.disease[k] = (p >> 1) - 8;
        dropped |= p & 1;
      }
      if (d2 && d2.state[i] === V) {
        const p = this.derived.diseaseOf(scheme, d2.str[i]!);
        c.secondDisease[k] = (p >> 1) - 8;
        dropped |= (p & 1) << 1;
      }
      c.qualifierDropped[k] = dropped;
      if (c.careType[k] === TWO_DISEASE) c.twoDisease[k] = this.derived.twoDiseaseOf(n1);
      if (cond && cond.state[i] === V) {
        const name = cond.str[i]!;
        c.emergency[k] = this.derived.emergencyOf(name);
        c.emergencyNames[k] = name;
        c.emergencyFindings[k] = x.emergencyFindings[k];
      }
      c.malformed[k] = wellFormed(c, k) ? 0 : 1;
    }

    // claimed amounts: a blank one is 0 when the claim states any (and the validator says so for that field)
    const claimed = CLAIMED_FIELDS.flatMap((name, slot) => {
      const fc = at(name);
      return fc ? [{ slot, fc, zero: this.zero.has(name) }] : [];
    });
    if (claimed.length) {
      for (let k = 0; k < m; k++) {
        if (!fast[k]) continue;
        const i = rowOf[k]!;
        let statesAny = false;
        for (let q = 0; q < claimed.length; q++) if (claimed[q]!.fc.state[i] === V) statesAny = true;
        for (let q = 0; q < claimed.length; q++) {
          const cc = claimed[q]!;
          if (cc.fc.state[i] === V) x.claimed[cc.slot]![k] = cc.fc.num[i]!;
          else if (statesAny && cc.zero) x.claimed[cc.slot]![k] = 0;
        }
      }
    }
  }

  /** The claim of a row read column-wise, with the validator's fields in the validator's order. */
  private rebuild(c: ClaimColumns, x: Extras, k: number): Claim {
    const opt = (v: number) => (v === v ? v : undefined);
    const claimed: Claimed = {};
    CLAIMED_FIELDS.forEach((name, q) => {
      const a = x.claimed[q]!;
      if (a.length && a[k] === a[k]) claimed[claimedKey(name)] = a[k]!;
    });
    const claim: Claim = {
      id: c.ids[k]!,
      insuredPlace: INSURED_PLACES[c.insuredPlace[k]!]!,
      scheme: SCHEMES[c.scheme[k]!]!,
      personType: PERSON_TYPES[c.personType[k]!]!,
      careType: CARE_TYPES[c.careType[k]!]!,
      crossRegion: CROSS_REGIONS[c.crossRegion[k]!]!,
      treatedInInsuredPlace: c.treatedInInsuredPlace[k] === 1,
      inFiledPlace: c.inFiledPlace[k] === 1,
      settlement: SETTLEMENTS[c.settlement[k]!]!,
      total: c.total[k]!,
      outOfCatalog: c.outOfCatalog[k]!,
      classB: c.classB[k]!,
      tcm: c.tcm[k]!,
      ytdFundPaid: c.ytdFundPaid[k]!,
      ytdPersonalInPolicy: c.ytdPersonalInPolicy[k]!,
      povertyStatus: POVERTY_STATUSES[c.povertyStatus[k]!]!,
      civilServantRank: CIVIL_SERVANT_RANKS[c.civilServantRank[k]!]!,
      claimed,
    };
    const set = <K extends keyof Claim>(key: K, v: Claim[K] | undefined) => {
      if (v !== undefined) claim[key] = v;
    };
    const cp = c.crossProvince[k]!;
    set("crossProvince", cp === 2 ? undefined : cp === 1);
    const lv = c.hospitalLevel[k]!;
    set("hospitalLevel", lv === NONE ? undefined : HOSPITAL_LEVELS[lv]);
    set("admissionIndex", c.admissionIndex[k] === 0 ? undefined : c.admissionIndex[k]);
    set("admissionDate", opt(c.admissionDate[k]!));
    set("dischargeDate", opt(c.dischargeDate[k]!));
    set("settlementDate", opt(c.settlementDate[k]!));
    set("serviceDate", opt(c.serviceDate[k]!));
    set("chronicDisease", c.diseaseNames[k]);
    set("secondChronicDisease", c.secondDiseaseNames[k]);
    set("chronicApproved", opt(c.chronicApproved[k]!));
    set("secondChronicApproved", opt(c.secondChronicApproved[k]!));
    set("birthDate", opt(c.birthDate[k]!));
    set("referralThresholdPaid", opt(c.referralThresholdPaid[k]!));
    set("emergencyCondition", c.emergencyNames[k]);
    set("emergencyFindings", x.emergencyFindings[k]);
    set("filingDate", x.filingDate.length ? opt(x.filingDate[k]!) : undefined);
    set("submissionDate", x.submissionDate.length ? opt(x.submissionDate[k]!) : undefined);
    set("materials", x.materials[k]);
    set("name", x.name[k]);
    set("idNumber", x.idNumber[k]);
    return claim;
  }
}

function outcome(v: Validation): { claim: Claim } | RowFailure {
  if (v.ok) return { claim: v.claim };
  return v.id === undefined ? { problems: v.problems, read: false } : { problems: v.problems, id: v.id, read: false };
}
