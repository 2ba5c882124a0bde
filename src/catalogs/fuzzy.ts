/**
 * Matching names typed by hand (高血压病, 尿毒症透析, 肾移植术后) against catalog names and aliases:
 * exact after normalisation first, then containment, then character-bigram similarity (Dice). Small
 * and deterministic; good enough for short Chinese medical names, and it always says how it matched.
 */
import { nameKey } from "./chronic";

export interface Candidate<T> {
  item: T;
  /** The names it can be found by (the first is its own name). */
  names: readonly string[];
}

export interface Match<T> {
  item: T;
  /** The name that matched. */
  name: string;
  score: number;
  how: "exact" | "contains" | "similar";
}

function bigrams(s: string): string[] {
  if (s.length < 2) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Bigram multiset of a string: bigram → count, and the number of bigrams. */
interface Grams {
  counts: Map<string, number>;
  size: number;
}

function gramsOf(s: string): Grams {
  const counts = new Map<string, number>();
  const list = bigrams(s);
  for (const g of list) counts.set(g, (counts.get(g) ?? 0) + 1);
  return { counts, size: list.length };
}

/** Dice over bigram multisets: 2 × |A ∩ B| / (|A| + |B|), the intersection counting multiplicities. */
function diceOf(a: Grams, b: Grams): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [g, c] of small.counts) {
    const d = large.counts.get(g);
    if (d !== undefined) common += c < d ? c : d;
  }
  return (2 * common) / (a.size + b.size);
}

export function dice(a: string, b: string): number {
  return diceOf(gramsOf(a), gramsOf(b));
}

/**
 * Candidate names reduced once: catalog names are a fixed, small set, so their keys and bigrams are
 * kept (a query is reduced once per call). Without this a long query cost one bigram pass per
 * candidate name (a 100 000-character cell took seconds in REFERRAL).
 */
const nameCache = new Map<string, { key: string; grams: Grams | null }>();
function reduced(name: string): { key: string; grams: Grams | null } {
  let r = nameCache.get(name);
  if (!r) {
    r = { key: nameKey(name), grams: null };
    if (nameCache.size < 50_000) nameCache.set(name, r);
  }
  return r;
}

/** Rank candidates for a typed name, best first; scores are in [0, 1]. */
export function rank<T>(query: string, candidates: readonly Candidate<T>[], limit = 5, minScore = 0.3): Match<T>[] {
  const q = nameKey(query);
  if (q === "") return [];
  let qg: Grams | null = null;
  const best = new Map<T, Match<T>>();
  for (const c of candidates)
    for (const name of c.names) {
      const r = reduced(name);
      const k = r.key;
      if (k === "") continue;
      let m: Match<T>;
      if (k === q) m = { item: c.item, name, score: 1, how: "exact" };
      else if (k.includes(q) || q.includes(k)) m = { item: c.item, name, score: 0.6 + 0.35 * (Math.min(k.length, q.length) / Math.max(k.length, q.length)), how: "contains" };
      else m = { item: c.item, name, score: diceOf((qg ??= gramsOf(q)), (r.grams ??= gramsOf(k))) * 0.9, how: "similar" };
      const prev = best.get(c.item);
      if (!prev || m.score > prev.score) best.set(c.item, m);
    }
  return [...best.values()]
    .filter((m) => m.score >= minScore)
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length)
    .slice(0, limit);
}
