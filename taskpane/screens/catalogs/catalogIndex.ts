/**
 * The entries of every catalog, built once per catalog and language and kept: the catalogs are small
 * (hundreds of rows) and fixed, so a search is a ranking over names reduced once.
 */
import type { Candidate } from "../../../src/catalogs/fuzzy";
import type { Lang } from "../../../src/text";
import { chronicEntries, nationalEntries } from "./chronicEntries";
import { emergencyEntries } from "./emergencyEntries";
import { materialsEntries } from "./materialsEntries";
import { referralEntries } from "./referralEntries";
import { uniq, type CatalogId, type Entry, type Named } from "./entry";

export interface CatalogIndex {
  entries: Entry[];
  /** Each entry with the names it is found by, for the ranking. */
  candidates: Candidate<Entry>[];
  byKey: ReadonlyMap<string, Entry>;
}

const BUILDERS: Record<CatalogId, (lang: Lang) => Named[]> = {
  emergency: emergencyEntries,
  chronic: chronicEntries,
  national: nationalEntries,
  referral: referralEntries,
  materials: materialsEntries,
};

const built = new Map<string, CatalogIndex>();

/** The entries of a catalog in a language, built once. */
export function catalogIndex(id: CatalogId, lang: Lang): CatalogIndex {
  const key = `${id}:${lang}`;
  let b = built.get(key);
  if (!b) {
    const named = BUILDERS[id](lang);
    const entries = named.map((x) => x.entry);
    b = {
      entries,
      candidates: named.map((x) => ({ item: x.entry, names: uniq(x.names.filter((n): n is string => !!n && n.trim() !== "")) })),
      byKey: new Map(entries.map((e) => [e.key, e])),
    };
    built.set(key, b);
  }
  return b;
}
