/**
 * The Chaoyang referral catalog (朝阳市基本医疗保险转诊转院病种及诊疗项目目录, CY 附件2): 177 rows of
 * department and condition or treatment. OCR slips corrected in `item` are recorded in `slip`
 * ("seed → correction"); the excerpt keeps the seed's words.
 */
import raw from "./data/chaoyangReferral.json";
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

export interface ReferralMatch {
  row: ReferralRow;
  score: number;
  how: string;
}

/**
 * Rows matching a condition (and, if given, a department), best first. The department narrows the
 * search (fuzzily: 心内科 finds 循环内科 only through the condition, so a department that matches
 * nothing is ignored rather than emptying the answer).
 */
export function findReferral(condition: string, department?: string, limit = 5): ReferralMatch[] {
  // Cells reach here as Excel hands them over: an empty or numeric cell is not a string.
  const cond = typeof condition === "string" ? condition : condition === null || condition === undefined ? "" : String(condition);
  const dept = typeof department === "string" ? department : department === null || department === undefined ? "" : String(department);
  let rows = REFERRAL_ROWS;
  if (dept.trim()) {
    const dk = nameKey(dept);
    const inDept = rows.filter((r) => nameKey(r.department).includes(dk) || dk.includes(nameKey(r.department)));
    if (inDept.length) rows = inDept;
  }
  return rank(cond, rows.map((r) => ({ item: r, names: [r.item, ...r.keywords] })), limit, 0.25).map((m) => ({ row: m.item, score: Math.round(m.score * 100) / 100, how: m.how }));
}
