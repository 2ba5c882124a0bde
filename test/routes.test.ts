/** The decision table is a partition: every combination has exactly one row (checked at load). */
import { describe, expect, it } from "vitest";
import { RouteTable, LANZHOU_ROUTES, ROUTES } from "../src/engine/routes";

describe("decision table", () => {
  it("the shipped table loads (no gap, no overlap)", () => expect(ROUTES.cells.every((c) => c >= 0)).toBe(true));
  it("a gap is a load error that names the combination", () => {
    expect(() => new RouteTable(LANZHOU_ROUTES)).toThrow(/gaps \(no rule row\): shenyang/);
  });
  it("an overlap is a load error", () => {
    expect(() => new RouteTable([...LANZHOU_ROUTES, ...LANZHOU_ROUTES.slice(0, 1), { when: { insuredPlace: "shenyang" }, then: { kind: "needs", field: "x", message: { zh: "x", en: "x" } } }])).toThrow(/overlaps/);
  });
  it("every 'no rule' row says why and cites the text", () => {
    for (const r of ROUTES.rows) if (r.then.kind === "no_rule") expect(r.then.ref.excerpt.length).toBeGreaterThan(5);
  });
});
