/** Fuzz (seeded): the findings parser and evaluation, and the fuzzy catalog lookups. */
import { describe, expect, it } from "vitest";
import { fuzz } from "./harness";

describe("fuzz: catalogs", () => {
  it("15 000 findings texts and ranges: parsed or refused with a message, three-valued evaluation monotone; findings written as records write them read exactly or refused (docs/findings.md)", () => {
    const s = fuzz("findings", 15_000);
    expect(s.findings["parsed"]).toBeGreaterThan(1_000);
    expect(s.findings["with problems"]).toBeGreaterThan(1_000);
    // every form of findingsForms.ts was tried, both read and refused
    for (const form of ["form unit number", "form unit refused", "form fraction number", "form fraction refused", "form decimal refused", "form thousands refused", "form pair pair", "form pair refused", "form value boolean", "form subject boolean", "form counterpart boolean", "form modality boolean", "form negation boolean", "form ambiguous refused"])
      expect(s.findings[form] ?? 0, form).toBeGreaterThan(20);
  });
  it("15 000 lookups: chronicCode, chronicName, findCondition, findReferral, closestLanzhou, materials", () => {
    fuzz("lookups", 15_000);
  });
});
