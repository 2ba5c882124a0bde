/**
 * Every citation quotes its seed: each excerpt of every parameter value, catalog row and decision-
 * table row must occur in the seed document (whitespace aside, recorded OCR slips undone), so a
 * figure can never carry a citation the law does not contain.
 */
import { describe, expect, it } from "vitest";
import { builtinParams } from "../src/params/builtin";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { ROUTES } from "../src/engine/routes";
import { HYPOTHESES } from "../src/audit/hypotheses";
import { refFound, asInSeed } from "./helpers/seeds";
import type { Ref } from "../src/docs";

function all(): { where: string; ref: Ref }[] {
  const out: { where: string; ref: Ref }[] = [];
  for (const p of builtinParams()) p.versions.forEach((v, i) => out.push({ where: `${p.id} values[${i}]`, ref: v.ref }));
  for (const d of [...lanzhouChronic.employee, ...lanzhouChronic.resident]) out.push({ where: `chronic ${d.id}`, ref: d.ref });
  ROUTES.rows.forEach((r, i) => {
    if (r.then.kind !== "needs") out.push({ where: `route ${i}`, ref: r.then.ref });
  });
  return out;
}

describe("citations", () => {
  const refs = all();
  it("cover every parameter, catalog row and route", () => {
    expect(refs.length).toBeGreaterThan(100);
    expect(HYPOTHESES.length).toBeGreaterThan(5);
  });
  it.each(refs.map((r) => [r.where, r.ref] as const))("%s quotes its seed", (_where, ref) => {
    expect(refFound(ref), `not found in ${ref.doc}: ${asInSeed(ref.excerpt, ref.slip)}`).toBe(true);
  });
  it("detects a made-up excerpt", () => {
    expect(refFound({ doc: "L", section: "x", excerpt: "三级甲等医院为1500元" })).toBe(false);
  });
});
