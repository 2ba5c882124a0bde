/** Fuzz (seeded): every custom function on random matrices returns a spill of number | string | boolean | Error. */
import { describe, expect, it } from "vitest";
import { fuzz } from "./harness";

describe("fuzz: custom functions", () => {
  it("15 000 calls over the 13 functions", () => {
    const s = fuzz("functions", 15_000);
    expect(s.cells["number"]).toBeGreaterThan(1_000);
    expect(s.cells["error"]).toBeGreaterThan(1_000);
  });
});
