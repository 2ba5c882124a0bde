/** Fuzz (seeded): the findings parser and evaluation, and the fuzzy catalog lookups. */
import { describe, expect, it } from "vitest";
import { fuzz } from "./harness";

describe("fuzz: catalogs", () => {
  it("15 000 findings texts and ranges: parsed or refused with a message, three-valued evaluation monotone", () => {
    const s = fuzz("findings", 15_000);
    expect(s.findings["parsed"]).toBeGreaterThan(1_000);
    expect(s.findings["with problems"]).toBeGreaterThan(1_000);
  });
  it("15 000 lookups: chronicCode, chronicName, findCondition, findReferral, closestLanzhou, materials", () => {
    fuzz("lookups", 15_000);
  });
});
