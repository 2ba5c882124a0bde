/** What a reform costs: baseline and scenario totals by group add up to the per-claim results. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { comparisonTable, compareBy, DIMENSIONS, prepareBatch, settleBatch } from "../src/scenario/compare";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { LAYERS } from "../src/engine/columns";
import { engine } from "./helpers/claims";

const rows = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));
const b = prepareBatch(rows[0]!, rows.slice(1));
const base = settleBatch(engine, b);
// L 一、(二)2: in-service employees' band above 10 000 at 92 %; the scenario pays 95 %
const scenario = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 1_000_000, value: 9500 }]));
const scen = settleBatch(scenario, b);

describe("compareBy", () => {
  it.each(DIMENSIONS)("by %s: the groups add up to the total, and the total to the claims", (d) => {
    const c = compareBy(b, base, scen, d);
    const fund = (r: typeof base) => {
      let s = 0;
      for (let i = 0; i < b.cols.n; i++) if (!r.problems[i]) for (const l of LAYERS) s += r[l][i]!;
      return s;
    };
    expect(c.total.baseline.fund).toBe(fund(base));
    expect(c.total.scenario.fund).toBe(fund(scen));
    expect(c.groups.reduce((a, g) => a + g.baseline.fund, 0)).toBe(c.total.baseline.fund);
    expect(c.groups.reduce((a, g) => a + g.scenario.n + g.scenario.failed, 0)).toBe(b.cols.n);
  });
  it("a higher in-service band ratio costs the employee fund more and residents nothing", () => {
    const c = compareBy(b, base, scen, "scheme");
    const emp = c.groups.find((g) => g.key === "employee")!;
    const res = c.groups.find((g) => g.key === "resident")!;
    expect(emp.scenario.fund).toBeGreaterThan(emp.baseline.fund);
    expect(emp.scenario.personal).toBeLessThan(emp.baseline.personal);
    expect(res.scenario.fund).toBe(res.baseline.fund);
  });
  it("rows the validator rejects are counted apart, never guessed", () => {
    expect(b.invalid).toBe(3); // LZ2020-030 (2020-02-30), -031 (parts above the total), -032 (three decimals)
  });
  it("a row of blank cells is not a claim (as in the audit): neither settled nor counted as invalid", () => {
    const withBlank = prepareBatch(rows[0]!, [...rows.slice(1), rows[0]!.map(() => "  ")]);
    expect(withBlank.cols.n).toBe(b.cols.n);
    expect(withBlank.invalid).toBe(3);
  });
  it("as a table: a header, one row per group, the total last, amounts in yuan", () => {
    const t = comparisonTable(compareBy(b, base, scen, "scheme"), "zh");
    expect(t[0]![0]).toBe("险种");
    expect(t.at(-1)![0]).toBe("合计");
    expect(t.at(-1)![4]).toBe((compareBy(b, base, scen, "scheme").total.scenario.fund - compareBy(b, base, scen, "scheme").total.baseline.fund) / 100);
  });
  it("re-running into reused columns gives what fresh columns give", () => {
    const out = settleBatch(engine, b);
    settleBatch(scenario, b, out);
    expect(compareBy(b, base, out, "scheme")).toEqual(compareBy(b, base, scen, "scheme"));
  });
});
