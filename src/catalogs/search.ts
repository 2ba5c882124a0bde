/**
 * One search over every catalog, with the names people use applied (for the pane's later unified
 * search): emergency conditions, national chronic codes, the two Lanzhou chronic lists and the
 * Chaoyang referral catalog. Each group says how it matched; an ambiguous name gives candidates,
 * never a silent pick.
 */
import { findCondition, type Condition } from "./emergency";
import { chronicCode, lookupChronic, nationalByCode, type ChronicLookup, type CodeAnswer, type NationalCode } from "./national";
import type { ChronicDisease } from "./chronic";
import { searchReferral, type ReferralMatch } from "./referral";
import type { Text } from "../text";

export interface CatalogSearch {
  query: string;
  emergency: { exact?: Condition; candidates: Condition[]; why?: Text };
  national: { exact?: NationalCode; candidates: NationalCode[]; why?: Text; matchedBy: CodeAnswer["matchedBy"] };
  lanzhouEmployee: { exact?: ChronicDisease; candidates: ChronicDisease[]; how: ChronicLookup["how"] };
  lanzhouResident: { exact?: ChronicDisease; candidates: ChronicDisease[]; how: ChronicLookup["how"] };
  referral: ReferralMatch[];
  /** Set when the query is a department name (心内科): the catalog departments whose rows are listed. */
  referralDepartments?: string[];
}

export function searchCatalogs(query: string, limit = 5): CatalogSearch {
  const q = typeof query === "string" ? query : String(query ?? "");
  const e = findCondition(q);
  const n = chronicCode(q);
  const lz = (scheme: "employee" | "resident") => {
    const l = lookupChronic(scheme, q);
    return l.disease ? { exact: l.disease, candidates: [], how: l.how } : { candidates: l.candidates.slice(0, limit), how: l.how };
  };
  const referral = searchReferral(q, undefined, limit);
  return {
    query: q,
    emergency: e.condition ? { exact: e.condition, candidates: [] } : { candidates: e.alternatives.slice(0, Math.max(limit, e.ambiguous?.candidates.length ?? 0)), why: e.ambiguous?.why },
    national: n.code ? { exact: nationalByCode(n.code), candidates: [], why: n.reason, matchedBy: n.matchedBy } : { candidates: n.alternatives.slice(0, limit).map((a) => nationalByCode(a.code)!), why: n.reason, matchedBy: n.matchedBy },
    lanzhouEmployee: lz("employee"),
    lanzhouResident: lz("resident"),
    referral: referral.rows,
    referralDepartments: referral.departmentQuery,
  };
}
