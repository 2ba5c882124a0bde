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

export function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  const m = new Map<string, number>();
  for (const g of x) m.set(g, (m.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of y) {
    const c = m.get(g) ?? 0;
    if (c > 0) {
      common++;
      m.set(g, c - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Rank candidates for a typed name, best first; scores are in [0, 1]. */
export function rank<T>(query: string, candidates: readonly Candidate<T>[], limit = 5, minScore = 0.3): Match<T>[] {
  const q = nameKey(query);
  if (q === "") return [];
  const best = new Map<T, Match<T>>();
  for (const c of candidates)
    for (const name of c.names) {
      const k = nameKey(name);
      if (k === "") continue;
      let m: Match<T>;
      if (k === q) m = { item: c.item, name, score: 1, how: "exact" };
      else if (k.includes(q) || q.includes(k)) m = { item: c.item, name, score: 0.6 + 0.35 * (Math.min(k.length, q.length) / Math.max(k.length, q.length)), how: "contains" };
      else m = { item: c.item, name, score: dice(q, k) * 0.9, how: "similar" };
      const prev = best.get(c.item);
      if (!prev || m.score > prev.score) best.set(c.item, m);
    }
  return [...best.values()]
    .filter((m) => m.score >= minScore)
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length)
    .slice(0, limit);
}
