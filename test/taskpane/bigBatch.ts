/**
 * A large claims batch for the pane's browser tests, from the benchmark's seeded generator (the
 * mixed batch: every scheme, level and cross-region kind), as a sheet holds it: every claim that
 * settles states its fund payments per layer and the personal share, equal to the engine's on most claims and with the
 * pooled fund 12.34 yuan too high on one claim in a hundred (so the audit has ok and flagged claims to show,
 * besides the claims no rule covers), written as the UTF-8 CSV an office saves.
 */
import { claimsOf, mixedClaim, rowsOf } from "../../bench/generate";
import { toCsv } from "../../io/csv";
import { allocResults, fromClaims, LAYERS } from "../../src/engine/columns";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";

export function bigBatch(n: number, seed = 11): { header: string[]; rows: unknown[][]; csv: string } {
  const claims = claimsOf(n, seed, mixedClaim);
  const engine = new Engine(builtinRegistry());
  const cols = fromClaims(claims);
  const out = allocResults(n);
  engine.settleInto(cols, out);
  claims.forEach((c, i) => {
    if (out.pooled[i] !== out.pooled[i]) return;
    c.claimed = {};
    for (const l of LAYERS) if (out[l][i] === out[l][i]) c.claimed[l] = out[l][i]! + (l === "pooled" && i % 100 === 4 ? 1234 : 0);
    if (out.personal[i] === out.personal[i]) c.claimed.personal = out.personal[i]!;
  });
  const { header, rows } = rowsOf(n, seed, (_, i) => claims[i]!);
  return { header, rows, csv: toCsv([header, ...rows]) };
}
