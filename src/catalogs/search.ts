/**
 * One search over every catalog, with the names people use applied (for the pane's later unified
 * search): emergency conditions, national chronic codes, the two Lanzhou chronic lists and the
 * Chaoyang referral catalog. Each group says how it matched; an ambiguous name gives candidates,
 * never a silent pick.
 */
import { findCondition, type Condition } from "./emergency";
import { chronicCode, lookupChronic, nationalByCode, type NationalCode } from "./national";
import type { ChronicDisease } from "./chronic";
import { searchReferral, type ReferralMatch } from "./referral";
import type { Text } from "../text";

export interface CatalogSearch {
  query: string;
  emergency: { exact?: Condition; candidates: Condition[]; why?: Text };
  national: { exact?: NationalCode; candidates: NationalCode[]; why?: Text };
  lanzhouEmployee: { exact?: ChronicDisease; candidates: ChronicDisease[] };
  lanzhouResident: { exact?: ChronicDisease; candidates: ChronicDisease[] };
  referral: ReferralMatch[];
}

export function searchCatalogs(query: string, limit = 5): CatalogSearch {
  const q = typeof query === "string" ? query : String(query ?? "");
  const e = findCondition(q);
  const n = chronicCode(q);
  const lz = (scheme: "employee" | "resident") => {
    const l = lookupChronic(scheme, q);
    return l.disease ? { exact: l.disease, candidates: [] } : { candidates: l.candidates.slice(0, limit) };
  };
  return {
    query: q,
    emergency: e.condition ? { exact: e.condition, candidates: [] } : { candidates: e.alternatives.slice(0, Math.max(limit, e.ambiguous?.candidates.length ?? 0)), why: e.ambiguous?.why },
    national: n.code ? { exact: nationalByCode(n.code), candidates: [], why: n.reason } : { candidates: n.alternatives.slice(0, limit).map((a) => nationalByCode(a.code)!), why: n.reason },
    lanzhouEmployee: lz("employee"),
    lanzhouResident: lz("resident"),
    referral: searchReferral(q, undefined, limit).rows,
  };
}
