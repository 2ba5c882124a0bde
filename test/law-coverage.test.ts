/**
 * The law coverage table (npm run coverage:law) has no gap: every section of every seed is encoded
 * (cited by a parameter, rule or catalog row) or has a written reason, and every citation in the
 * project is found in its seed.
 */
import { describe, expect, it } from "vitest";
import { coverage, sections } from "../scripts/lawCoverage";

describe("law coverage", () => {
  const { rows, unlocated, unusedReasons } = coverage();
  it("splits every seed into sections", () => {
    for (const d of ["L", "SY", "LN", "NA", "CY"] as const) expect(sections(d).length).toBeGreaterThan(10);
  });
  it("every citation in the code, data and catalogs is found in its seed", () => {
    expect(unlocated.map((c) => `${c.by}: ${c.ref.doc} ${c.ref.excerpt}`)).toEqual([]);
  });
  it("every section is encoded or has a reason", () => {
    const gaps = rows.filter((r) => r.by.parameter.length + r.by.rule.length + r.by.catalog.length === 0 && !r.reason);
    expect(gaps.map((g) => g.section.key)).toEqual([]);
  });
  it("every reason still matches a section (no stale reasons)", () => {
    expect(unusedReasons.map((r) => `${r.doc} ${r.prefix}`)).toEqual([]);
  });
  it("the rule-bearing sections are encoded, not excused", () => {
    const encoded = (frag: string) => rows.some((r) => r.section.key.includes(frag) && r.by.parameter.length + r.by.rule.length + r.by.catalog.length > 0);
    for (const frag of ["1. 起付标准", "3. 城镇职工住院的报销比例", "第二十三条", "第十八条", "（四）分病种单独结算", "四、调整部分异地就医人员类别待遇标准 / (一)", "(六) 休克"]) expect(encoded(frag), frag).toBe(true);
  });
});
