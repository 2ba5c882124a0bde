/** Bugs the fuzz suite found and that were fixed (src/engine, src/catalogs, src/money): one test each. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Claim } from "../../src/claim/claim";
import { Engine, resultAt } from "../../src/engine/settle";
import { allocResults, fromClaims, LAYERS } from "../../src/engine/columns";
import { dice, rank } from "../../src/catalogs/fuzzy";
import { nameKey } from "../../src/catalogs/chronic";
import { findReferral } from "../../src/catalogs/referral";
import { parseFindings } from "../../src/catalogs/emergency";
import { MATERIAL_KINDS, missingMaterials } from "../../src/catalogs/materials";
import { parseDay } from "../../src/dates";
import { SEED } from "./harness";
import { typedClaim } from "../helpers/claims";

const engine = new Engine();
const claim = (o: Partial<Claim>): Claim => typedClaim({ id: "R", scheme: "resident", personType: "adult", careType: "general_outpatient", settlement: "manual", serviceDate: parseDay("2019-07-08")!, total: 10_000, ...o });

function batch(c: Claim) {
  const cols = fromClaims([c]);
  const out = allocResults(1);
  engine.settleInto(cols, out, 0, 1, undefined, true);
  return resultAt(engine, cols, out, 0, []);
}

describe("outpatient kernels dated before their parameters (2019-04-04 … 2020-03-31)", () => {
  // The fatal problem was looked up before the parameters were read, so it was always null: the batch
  // path gave NaN amounts and the one-claim path threw the registry's PolicyError from resultAt.
  it.each([
    ["general outpatient", claim({})],
    ["two-disease", claim({ careType: "two_disease", chronicDisease: "高血压", chronicApproved: parseDay("2019-05-01")! })],
  ])("%s: a no-rule answer naming the parameter, never NaN, on both paths", (_, c) => {
    const one = engine.settle(c);
    const many = batch(c);
    for (const r of [one, many]) {
      expect(r.ok).toBe(false);
      expect(r.problem!.kind).toBe("no_rule");
      expect(r.problem!.field).toMatch(/^lanzhou\.resident\.(generalOutpatient|twoDisease)\./);
    }
    expect(many.problem).toEqual(one.problem);
  });
  it("from 2020-04-01 they compute", () => {
    const r = engine.settle(claim({ serviceDate: parseDay("2020-07-08")! }));
    expect(r.ok).toBe(true);
    expect(r.layers.pooled).toBe(7_000);
  });
});

describe("the engine answers claims the validator would have refused, instead of throwing or computing NaN", () => {
  const inpatient = (o: Partial<Claim>) => claim({ scheme: "employee", personType: "in_service", careType: "inpatient", settlement: "direct", settlementDate: parseDay("2021-07-01")!, hospitalLevel: "3A", admissionIndex: 1, total: 500_000, ...o });
  it.each([
    ["a person type of the other scheme", inpatient({ personType: "elderly" }), "person_type_scheme", "personType"],
    ["a resident's person type for Shenyang employees", inpatient({ insuredPlace: "shenyang", personType: "adult" }), "person_type_scheme", "personType"],
    ["an enum value outside its codes", inpatient({ careType: "dental" as never }), "invalid_enum", "careType"],
    ["a hospital level outside its codes", inpatient({ hospitalLevel: "4A" as never }), "invalid_enum", "hospitalLevel"],
    ["class B above the total", inpatient({ classB: 600_000 }), "parts_exceed_total", "classB"],
    ["TCM plus out-of-catalog above the total", inpatient({ tcm: 400_000, outOfCatalog: 200_000 }), "parts_exceed_total", "tcm"],
    ["a NaN amount", inpatient({ ytdFundPaid: NaN }), "amount_invalid", "ytdFundPaid"],
    ["a fractional fen", inpatient({ total: 100.5 }), "amount_invalid", "total"],
    ["a negative amount", inpatient({ outOfCatalog: -1 }), "amount_invalid", "outOfCatalog"],
  ] as const)("%s → refused", (_, c, code, field) => {
    for (const r of [engine.settle(c), batch(c)]) {
      expect(r.ok).toBe(false);
      expect(r.problem).toMatchObject({ code, kind: "input", field });
      for (const l of LAYERS) expect(Number.isNaN(r.layers[l])).toBe(true);
    }
  });
});

describe("fuzzy matching (catalogs/fuzzy.ts): the same scores, without a bigram pass per candidate", () => {
  /** The previous implementation, kept as the reference. */
  function diceRef(a: string, b: string): number {
    const grams = (s: string) => (s.length < 2 ? [s] : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
    const x = grams(a);
    const y = grams(b);
    const m = new Map<string, number>();
    for (const g of x) m.set(g, (m.get(g) ?? 0) + 1);
    let common = 0;
    for (const g of y) {
      const c = m.get(g) ?? 0;
      if (c > 0) {
        common++;
        m.set(g, c - 1);
      }
    }
    return (2 * common) / (x.length + y.length);
  }
  it("dice equals the reference on random strings", () => {
    const s = fc.string({ unit: fc.constantFrom(..."高血压病糖尿abcab12"), maxLength: 12 });
    fc.assert(
      fc.property(s, s, (a, b) => {
        expect(dice(a, b)).toBe(diceRef(a, b));
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
  it("rank orders candidates as before", () => {
    const cands = ["高血压", "高血压病", "糖尿病", "冠心病", "慢性心力衰竭", "恶性肿瘤放疗"].map((n) => ({ item: n, names: [n] }));
    expect(rank("高血压病Ⅲ期", cands).map((m) => [m.item, m.how])).toEqual([
      ["高血压病", "contains"],
      ["高血压", "contains"],
    ]);
    expect(rank("慢性心衰", cands).map((m) => m.item)).toEqual(["慢性心力衰竭"]);
    expect(nameKey(" 高血压（Ⅲ期） ")).toBe("高血压ⅲ期");
  });
  it("a 100 000-character query is answered in well under a second", () => {
    const t = performance.now();
    findReferral("高".repeat(100_000));
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe("catalog entry points take what a cell holds", () => {
  it("findReferral with an empty or numeric condition / department does not throw", () => {
    expect(() => findReferral(undefined as unknown as string, 12 as unknown as string)).not.toThrow();
    expect(findReferral(null as unknown as string)).toEqual([]);
  });
  it("parseFindings: 'did you mean' for the first 50 distinct unknown names, then plain notes (unknown items are ignored, not refused: issue 12)", () => {
    const text = Array.from({ length: 60 }, (_, i) => `收缩压力${String.fromCharCode(0x4e00 + i)}=70`).join(";");
    const { problems, ignored } = parseFindings(text);
    expect(problems).toEqual([]);
    expect(ignored).toHaveLength(60);
    expect(ignored[0]!.message.zh).toMatch(/是否指/);
    expect(ignored[59]!.message.zh).not.toMatch(/是否指/);
  });
  it("missingMaterials on a long pasted list stays fast and gives the same answer", () => {
    const kind = MATERIAL_KINDS[0]!;
    const one = missingMaterials(kind, kind.items[0]!.zh);
    const many = missingMaterials(kind, Array.from({ length: 20_000 }, () => kind.items[0]!.zh).join("、"));
    expect(many.missing).toEqual(one.missing);
  });
});
