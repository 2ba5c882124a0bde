/**
 * The Chaoyang referral catalog (朝阳市基本医疗保险转诊转院病种及诊疗项目目录, CY 附件2): 177 rows of
 * department and condition or treatment. OCR slips corrected in `item` are recorded in `slip`
 * ("seed → correction"); the excerpt keeps the seed's words.
 *
 * Searching applies the names people use (referralNames.json): department groups (心内科 = 循环内科,
 * 肾内科 = 肾内科 + 泌尿内科 …) and term synonyms (冠状动脉旁路移植术 = 冠脉搭桥术, Crohn病 = 克罗恩病,
 * English names), to the query and the rows alike; then exact, contained and similar names are ranked.
 */
import raw from "./data/chaoyangReferral.json";
import namesRaw from "./data/referralNames.json";
import type { Ref } from "../docs";

import { nameKey } from "./chronic";
import { rank } from "./fuzzy";

export interface ReferralRow {
  no: number;
  department: string;
  item: string;
  en: string;
  keywords: string[];
  excerpt: string;
  slip?: string;
}

const data = raw as unknown as { departments: Record<string, { en: string }>; rows: ReferralRow[]; ref: Ref };
export const REFERRAL_ROWS: readonly ReferralRow[] = data.rows;
export const REFERRAL_DEPARTMENTS: Readonly<Record<string, { en: string }>> = data.departments;
export const REFERRAL_REF: Ref = data.ref;

(function check() {
  if (REFERRAL_ROWS.length !== 177 || REFERRAL_ROWS.some((r, i) => r.no !== i + 1)) throw new Error("chaoyangReferral.json: rows must be numbered 1..177");
  for (const r of REFERRAL_ROWS) if (!(r.department in REFERRAL_DEPARTMENTS)) throw new Error(`chaoyangReferral.json: row ${r.no} has an unknown department`);
})();

export function rowRef(r: ReferralRow): Ref {
  return { doc: "CY", section: `附件2 序号${r.no}`, excerpt: r.excerpt };
}

// ---------------------------------------------------------------------------------------------
// Names

interface NamesData {
  departments: { rows: string[]; names: string[]; why: string }[];
  terms: { as: string; variants: string[]; why: string }[];
}
const N = namesRaw as unknown as NamesData;

const key = (s: string) => nameKey(String(s).normalize("NFKC"));

/** Department name → the catalog's departments it means. */
const DEPARTMENT_INDEX = new Map<string, string[]>();
(function buildDepartments() {
  const add = (name: string, rows: string[]) => {
    const k = key(name);
    const prev = DEPARTMENT_INDEX.get(k);
    if (prev && prev.join() !== rows.join()) throw new Error(`referralNames.json: department name ${name} means both ${prev.join("+")} and ${rows.join("+")}`);
    DEPARTMENT_INDEX.set(k, rows);
  };
  for (const g of N.departments) {
    if (!g.why || g.rows.some((d) => !(d in REFERRAL_DEPARTMENTS))) throw new Error(`referralNames.json: department group ${g.names[0]}: unknown department or no reason`);
    for (const n of g.names) add(n, g.rows);
  }
  // the catalog's own names: a group that lists one (肾内科 for both nephrology departments) says what it means
  for (const d of Object.keys(REFERRAL_DEPARTMENTS)) if (!DEPARTMENT_INDEX.has(key(d))) add(d, [d]);
  // the catalog's own English names, where a group does not already say what they mean
  for (const [d, v] of Object.entries(REFERRAL_DEPARTMENTS)) {
    const k = key(v.en.replace(/\s*\(.*\)$/, ""));
    if (!DEPARTMENT_INDEX.has(k)) DEPARTMENT_INDEX.set(k, [d]);
  }
})();

/** The catalog departments a department name means (心内科 → 循环内科), or null when it names none. */
export function departmentsOf(name: string): string[] | null {
  const k = key(name);
  if (!k) return null;
  return DEPARTMENT_INDEX.get(k) ?? null;
}

// Term synonyms: every variant and every canonical form, longest first, replaced in one pass (so a
// canonical form is never rewritten inside itself). Latin abbreviations match only as whole words.
const TERM_TO = new Map<string, string>();
for (const t of N.terms) {
  if (!t.why) throw new Error(`referralNames.json: term ${t.as} has no reason`);
  const canon = key(t.as);
  for (const v of [t.as, ...t.variants]) {
    const k = key(v);
    const prev = TERM_TO.get(k);
    if (prev && prev !== canon) throw new Error(`referralNames.json: ${v} is a variant of both ${prev} and ${canon}`);
    TERM_TO.set(k, canon);
  }
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TERM_RE = new RegExp(
  [...TERM_TO.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => (/^[a-z0-9'-]+$/.test(k) ? `(?<![a-z])${escape(k)}(?![a-z])` : escape(k)))
    .join("|"),
  "g",
);

/** A name with the catalog's term synonyms applied (冠状动脉旁路移植术 → 冠脉搭桥术). */
export function referralKey(s: string): string {
  const k = key(s);
  return k ? k.replace(TERM_RE, (m) => TERM_TO.get(m) ?? m) : k;
}

const ROW_NAMES = new Map<ReferralRow, string[]>(REFERRAL_ROWS.map((r) => [r, [...new Set([r.item, ...r.keywords, r.en].map(referralKey).filter((x) => x))]]));

// ---------------------------------------------------------------------------------------------
// Search

export interface ReferralMatch {
  row: ReferralRow;
  score: number;
  how: string;
}

export interface ReferralSearch {
  rows: ReferralMatch[];
  /** The department asked for and the catalog departments it was read as; `matched` empty when it names none. */
  department?: { asked: string; matched: string[] };
  /** Set when the condition text is itself a department name: its rows are listed. */
  departmentQuery?: string[];
  /** How many rows matched before the limit. */
  total: number;
  /** How many rows outside the department would match (so an empty answer can say where to look). */
  outside: number;
}

const text = (v: unknown): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

/**
 * Rows matching a condition or treatment, within a department when one is given, best first. A
 * department name (心内科, nephrology …) as the condition lists that department's rows; a department
 * that names none of the catalog's is reported (`department.matched` empty) and the search runs over
 * every row, rather than emptying the answer.
 */
export function searchReferral(condition: unknown, department?: unknown, limit = 5): ReferralSearch {
  const cond = text(condition).trim();
  const dept = text(department).trim();
  let rows: readonly ReferralRow[] = REFERRAL_ROWS;
  let deptInfo: ReferralSearch["department"];
  if (dept) {
    const ds = departmentsOf(dept);
    deptInfo = { asked: dept, matched: ds ?? [] };
    if (ds) rows = REFERRAL_ROWS.filter((r) => ds.includes(r.department));
  }
  if (!cond) {
    if (!deptInfo?.matched.length) return { rows: [], department: deptInfo, total: 0, outside: 0 };
    const all = rows.map((row) => ({ row, score: 1, how: "department" }));
    return { rows: all.slice(0, limit), department: deptInfo, total: all.length, outside: 0 };
  }
  const asDept = cond.length <= 40 ? departmentsOf(cond) : null;
  if (asDept) {
    const all = rows.filter((r) => asDept.includes(r.department)).map((row) => ({ row, score: 1, how: "department" }));
    return { rows: all.slice(0, limit), department: deptInfo, departmentQuery: asDept, total: all.length, outside: 0 };
  }
  const q = referralKey(cond);
  const search = (rs: readonly ReferralRow[]) => rank(q, rs.map((r) => ({ item: r, names: ROW_NAMES.get(r)! })), rs.length, 0.25).map((m) => ({ row: m.item, score: Math.round(m.score * 100) / 100, how: m.how }));
  const all = search(rows);
  const outside = rows === REFERRAL_ROWS ? 0 : search(REFERRAL_ROWS.filter((r) => !rows.includes(r))).length;
  return { rows: all.slice(0, limit), department: deptInfo, total: all.length, outside };
}

/** Rows matching a condition (and, if given, a department), best first (REFERRAL). */
export function findReferral(condition: string, department?: string, limit = 5): ReferralMatch[] {
  return searchReferral(condition, department, limit).rows;
}

/** The department's name in a language (the catalog's own Chinese name, or its English name). */
export function departmentName(d: string, lang: "zh" | "en"): string {
  return lang === "zh" ? d : (REFERRAL_DEPARTMENTS[d]?.en ?? d);
}


