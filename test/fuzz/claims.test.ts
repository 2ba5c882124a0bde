/**
 * Fuzz (seeded; FUZZ_SEED overrides the seed): claim records through the validator and the engine,
 * one by one and in batches. See checks.ts for what is asserted.
 */
import { describe, expect, it } from "vitest";
import { fuzz } from "./harness";

describe("fuzz: validator → engine (settle and batch)", () => {
  it("40 000 generated records: no exception, refusals name their field in zh and en, accepted claims settle and reconcile", () => {
    const s = fuzz("claims", 40_000);
    // the generator must keep reaching every path: acceptance, refusal, settlement, no-rule
    expect(s.accepted).toBeGreaterThan(8_000);
    expect(s.rejected).toBeGreaterThan(8_000);
    expect(s.settledOk).toBeGreaterThan(4_000);
    expect(s.noRule).toBeGreaterThan(500);
  });
  it("15 000 well-typed claims with extreme amounts and dates straight into the engine", () => {
    const s = fuzz("engine", 15_000);
    expect(s.settledOk).toBeGreaterThan(1_500);
  });
});
