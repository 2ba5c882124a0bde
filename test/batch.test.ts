/**
 * The batch engine is the one-claim path: on a seeded mixed batch (every scheme, level and cross-
 * region kind) every claim's layers, threshold, policy scope and personal share — or its problem —
 * are the same whether it is settled alone or in the batch, and result columns reused from an earlier
 * run give the same answers as fresh ones.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { claimsOf, columnsOf, mixedClaim } from "../bench/generate";
import { Engine, routeOf } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { LAYERS, allocResults, fromClaims } from "../src/engine/columns";
import { CROSS_REGIONS } from "../src/claim/enums";

const base = builtinRegistry();
const registry = base.withOverrides("example", readParamTable(base, parseCsv(readFileSync(join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv"), "utf8"))).overrides);
const engine = new Engine(registry);
const N = 5000;

describe("batch = one claim", () => {
  const claims = claimsOf(N, 42, mixedClaim);
  const batch = engine.settleColumns(fromClaims(claims));
  it("every claim, every layer", () => {
    let errors = 0;
    claims.forEach((c, i) => {
      const one = engine.settle(c);
      expect(one.ok).toBe(!batch.problems[i]);
      if (!one.ok) {
        errors++;
        expect(batch.problems[i]!.message).toEqual(one.problem!.message);
        return;
      }
      for (const l of LAYERS) expect(batch[l][i]).toBe(one.layers[l]);
      expect([batch.personal[i], batch.threshold[i], batch.policyScope[i], batch.classBSelfShare[i], batch.firstPay[i]]).toEqual([one.personal, one.threshold, one.policyScope, one.classBSelfShare, one.firstPay]);
    });
    expect(errors).toBeGreaterThan(0); // the batch has claims no rule covers, answered as such
    expect(errors).toBeLessThan(N / 10);
  });
  it("reused result columns give the same answers as fresh ones", () => {
    const cols = columnsOf(N, 7, mixedClaim);
    const out = allocResults(N);
    engine.settleInto(fromClaims(claims), out); // fill with another batch first
    engine.settleInto(cols, out);
    const fresh = engine.settleColumns(cols);
    for (const k of [...LAYERS, "personal", "threshold", "policyScope", "firstPay", "classBSelfShare", "versionDay", "route"] as const) expect(Array.from(out[k])).toEqual(Array.from(fresh[k]));
    expect(Array.from(out.problems, (p) => p?.code ?? null)).toEqual(Array.from(fresh.problems, (p) => p?.code ?? null));
    expect(Array.from(out.incomplete, (x) => x?.map((y) => y.layer).join() ?? null)).toEqual(Array.from(fresh.incomplete, (x) => x?.map((y) => y.layer).join() ?? null));
  });
  it("the routing pass routes every claim to routeOf's cell (emergency claims aside: LN 第九条 may move a Liaoning one's category)", () => {
    const cols = fromClaims(claims);
    const emergency = CROSS_REGIONS.indexOf("emergency");
    let routed = 0;
    for (let i = 0; i < N; i++) {
      if (batch.route[i]! < 0 || cols.crossRegion[i] === emergency) continue;
      expect([i, batch.route[i]]).toEqual([i, routeOf(cols, i)]);
      routed++;
    }
    expect(routed).toBeGreaterThan(N / 2);
  });
  it("a scenario registry changes only what it should", () => {
    const cols = columnsOf(N, 9, mixedClaim);
    const base1 = engine.settleColumns(cols);
    const s = new Engine(registry.withOverrides("in-service 10 000–20 000 at 95%", [{ id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 1_000_000, value: 9500 }])).settleColumns(cols);
    let changed = 0;
    for (let i = 0; i < N; i++) if (s.pooled[i] !== base1.pooled[i]) changed++;
    expect(changed).toBeGreaterThan(0);
    for (let i = 0; i < N; i++) if (cols.careType[i] !== 0 || cols.scheme[i] !== 0 || cols.insuredPlace[i] !== 0) expect(s.pooled[i]).toBe(base1.pooled[i]);
  });
});
