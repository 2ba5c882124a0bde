/**
 * Properties over random claims (fast-check, seeded): every settlement reconciles to the fen, no layer
 * is negative, the pooled fund never exceeds what is left of its annual cap, fund payments never fall
 * when the total rises, and the integer engine agrees to the fen with an independent decimal.js
 * reference of POLICY §4–§6.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Claim } from "../src/claim/claim";
import { LAYERS } from "../src/engine/columns";
import { engine } from "./helpers/claims";
import { referenceEmployeeInpatient, referenceResidentInpatient } from "./reference/lanzhouDecimal";

const day = (s: string) => Math.round(Date.parse(s + "T00:00:00Z") / 86_400_000);
const money = (max: number) => fc.integer({ min: 0, max });

/** A random Lanzhou inpatient claim in fen, internally consistent (parts within the total). */
const inpatientClaim = (scheme: "employee" | "resident") =>
  fc
    .record({
      total: money(30_000_000),
      oocShare: fc.integer({ min: 0, max: 100 }),
      bShare: fc.integer({ min: 0, max: 100 }),
      tcmShare: fc.integer({ min: 0, max: 100 }),
      level: fc.constantFrom("1", "2", "3B", "3A"),
      k: fc.integer({ min: 1, max: 6 }),
      person: scheme === "employee" ? fc.constantFrom("in_service", "retired") : fc.constantFrom("adult", "elderly", "student", "minor"),
      ytd: fc.oneof(fc.constant(0), money(7_000_000)),
      ytdP: fc.oneof(fc.constant(0), money(20_000_000)),
      poverty: fc.constantFrom("none", "none", "registered_poor", "low_income", "extreme_poor"),
      rank: fc.constantFrom("none", "none", "senior", "deputy", "deputy_title", "other"),
    })
    .map((r): Claim => {
      const ooc = Math.floor((r.total * r.oocShare) / 100);
      const classB = Math.floor(((r.total - ooc) * r.bShare) / 100);
      const tcm = scheme === "resident" ? Math.floor(((r.total - ooc - classB) * r.tcmShare) / 100) : 0;
      return {
        id: "P",
        insuredPlace: "lanzhou",
        scheme,
        personType: r.person as Claim["personType"],
        careType: "inpatient",
        crossRegion: "local",
        treatedInInsuredPlace: false,
        inFiledPlace: false,
        settlement: "direct",
        settlementDate: day("2020-07-01"),
        hospitalLevel: r.level as Claim["hospitalLevel"],
        admissionIndex: r.k,
        total: r.total,
        outOfCatalog: ooc,
        classB,
        tcm,
        ytdFundPaid: r.ytd,
        ytdPersonalInPolicy: scheme === "resident" ? r.ytdP : 0,
        povertyStatus: scheme === "resident" ? (r.poverty as Claim["povertyStatus"]) : "none",
        civilServantRank: scheme === "employee" ? (r.rank as Claim["civilServantRank"]) : "none",
        claimed: {},
      };
    });

const fund = (r: ReturnType<typeof engine.settle>) => LAYERS.reduce((a, l) => a + r.layers[l], 0);
const RUNS = { numRuns: 2000, seed: 20201 };

describe("invariants", () => {
  for (const scheme of ["employee", "resident"] as const) {
    it(`${scheme}: reconciles to the fen, no negative layer, cap respected`, () => {
      fc.assert(
        fc.property(inpatientClaim(scheme), (c) => {
          const r = engine.settle(c);
          if (!r.ok) return false;
          if (r.incomplete) {
            // POLICY §12: only the subsidy above the pooled cap lacks its figure; the known layers and
            // out-of-catalog never exceed the total, the personal share is not computable
            expect(r.incomplete.map((x) => [x.layer, x.parameter])).toEqual([["subsidy", "lanzhou.civilServant.aboveCapCeiling"]]);
            expect(r.personal).toBeNaN();
            expect(c.outOfCatalog + r.layers.pooled + r.layers.largeAmount).toBeLessThanOrEqual(c.total);
            return true;
          }
          expect(c.outOfCatalog + r.personal + fund(r)).toBe(c.total);
          for (const l of LAYERS) expect(r.layers[l]).toBeGreaterThanOrEqual(0);
          expect(r.personal).toBeGreaterThanOrEqual(0);
          const cap = scheme === "employee" ? 6_000_000 : 4_000_000;
          expect(r.layers.pooled).toBeLessThanOrEqual(Math.max(cap - c.ytdFundPaid, 0));
          for (const v of [r.policyScope, r.threshold, ...Object.values(r.layers), r.personal]) expect(Number.isInteger(v)).toBe(true);
          return true;
        }),
        RUNS,
      );
    });
    it(`${scheme}: fund payments never fall when the total rises`, () => {
      fc.assert(
        fc.property(inpatientClaim(scheme), money(2_000_000), (c, extra) => {
          const a = engine.settle(c);
          const b = engine.settle({ ...c, total: c.total + extra });
          if (!a.ok || !b.ok) return true;
          // the layers both settlements know (a not-computable subsidy is left out of both sums)
          const both = (r: typeof a, o: typeof a) => LAYERS.reduce((s, l) => s + (r.layers[l] === r.layers[l] && o.layers[l] === o.layers[l] ? r.layers[l] : 0), 0);
          expect(both(b, a)).toBeGreaterThanOrEqual(both(a, b));
          return true;
        }),
        RUNS,
      );
    });
  }
});

describe("engine = decimal.js reference, claim by claim", () => {
  it("employee inpatient (bands, cap, 大额, civil-servant subsidy)", () => {
    fc.assert(
      fc.property(inpatientClaim("employee"), (c) => {
        const r = engine.settle(c);
        if (!r.ok) return true;
        const ref = referenceEmployeeInpatient(c);
        expect({ ...r.layers, policyScope: r.policyScope, threshold: r.threshold, personal: r.personal }).toEqual({
          pooled: ref.pooled,
          largeAmount: ref.largeAmount,
          supplementary: 0,
          seriousIllness: 0,
          assistance: 0,
          subsidy: ref.subsidy,
          policyScope: ref.policyScope,
          threshold: ref.threshold,
          personal: ref.personal,
        });
        return true;
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
  it("employee referral and temporary care (first payment)", () => {
    fc.assert(
      fc.property(inpatientClaim("employee"), fc.constantFrom(["referral", "0.10"], ["temporary", "0.30"]), (c0, [kind, fp]) => {
        const c: Claim = { ...c0, crossRegion: kind as Claim["crossRegion"], crossProvince: true, civilServantRank: "none" };
        const r = engine.settle(c);
        const ref = referenceEmployeeInpatient(c, { firstPay: fp });
        expect([r.layers.pooled, r.layers.largeAmount, r.personal]).toEqual([ref.pooled, ref.largeAmount, ref.personal]);
        return true;
      }),
      { numRuns: 1000, seed: 8 },
    );
  });
  it("resident inpatient (ratio, TCM, poverty, cap, 大病保险, 医疗救助)", () => {
    fc.assert(
      fc.property(inpatientClaim("resident"), (c) => {
        const r = engine.settle(c);
        if (!r.ok) throw new Error(r.problem!.message.en);
        const ref = referenceResidentInpatient(c);
        expect({ pooled: r.layers.pooled, seriousIllness: r.layers.seriousIllness, assistance: r.layers.assistance, personal: r.personal, threshold: r.threshold }).toEqual({
          pooled: ref.pooled,
          seriousIllness: ref.seriousIllness,
          assistance: ref.assistance,
          personal: ref.personal,
          threshold: ref.threshold,
        });
        return true;
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});
