/**
 * Invariants of the engine over generated claims (fast-check, seeded; FUZZ_SEED overrides the seed):
 *
 * 1. Reconciliation, for every rule kernel: total = outOfCatalog + personal + Σ layers and
 *    policyScope = total − outOfCatalog − classBSelfShare, to the fen (kernel.ts personalOf,
 *    shared.ts policyScope); every amount a whole number of fen; no layer negative.
 * 2. Caps over a year of claims settled in order (src/engine/year.ts settleInOrder, year-to-date
 *    fields carried forward): a person's pooled-fund payments never exceed the annual cap parameter
 *    (lanzhou.json: employee inpatient 60 000, resident inpatient 40 000, chronic caps per disease or
 *    shared, two-disease 400 / 800 / 1 200, general outpatient 100). 大额 has no cap: the parameter
 *    lanzhou.employee.largeAmount.ratio cites L 三、(四) 4. "由大额医疗保险基金支付90%，上不封顶", so the
 *    property is the opposite one: once the pooled cap is used up, 大额 still pays 90% of each claim's
 *    expense above its threshold, however much it paid before.
 * 3. Monotonicity in the total (all else equal): neither the fund payment nor the personal share
 *    ever falls. (This found a rounding defect: the civil-servant subsidy's co-insurance base was the
 *    unrounded band payment, so the pooled fund and the subsidy could both round the same half fen
 *    up and a senior civil servant's personal share reach −0.01; the base is now what the person bore
 *    after the fund's rounded payment, test/fuzz/known.test.ts.)
 * 4. LN 第二十三条 (law/002_*.txt): "起付标准上调幅度不超过 2.5 倍；异地转诊就医和异地急诊抢救支付比例
 *    下调幅度不超过 10 个百分点，非急诊且未转诊临时外出就医支付比例下调幅度不超过 20 个百分点；整合实施一种
 *    临时就医备案类别的统筹区，临时就医支付比例下调幅度不超过 10 个百分点". Read as POLICY §9 and
 *    liaoningBounds.ts read it: a temporary-care threshold at most 2.5 × the same-level local one, a
 *    ratio at most 10 (referral, emergency, merged) or 20 (temporary) points below the same-level local
 *    ratio. checkLiaoningBounds never passes a generated set of terms that breaches it: every breach
 *    by an independent BigInt reference is reported, every figure missing is reported unchecked,
 *    and only compliant figures count as passed.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Claim } from "../src/claim/claim";
import { EMPLOYEE_PERSON_TYPES, HOSPITAL_LEVELS, POVERTY_STATUSES, RESIDENT_PERSON_TYPES, type HospitalLevel } from "../src/claim/enums";
import { LAYERS } from "../src/engine/columns";
import { settleInOrder } from "../src/engine/year";
import type { SettlementResult } from "../src/engine/settle";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { ratioOf } from "../src/money";
import { parseDay } from "../src/dates";
import { builtinRegistry } from "../src/params/builtin";
import { BOUNDS, boundsFrom, checkLiaoningBounds, type CategoryTerms, type CityTerms, type TemporaryCategory } from "../src/policy/liaoningBounds";
import { baseline, shenyangExample } from "./fuzz/checks";
import { seedFromEnv } from "./fuzz/gen";
import { typedClaim } from "./helpers/claims";

const SEED = seedFromEnv();
const runs = (n: number, salt: number) => ({ numRuns: n, seed: (SEED + salt) >>> 0 });
const day = (s: string) => parseDay(s)!;
const fund = (r: SettlementResult) => LAYERS.reduce((a, l) => a + r.layers[l], 0);
const money = (max: number) => fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max }));

// ---------------------------------------------------------------------------------------------
// Claims of every rule kernel

type Kind = "lzEmpInpatient" | "lzResInpatient" | "lzEmpChronic" | "lzResChronic" | "lzTwoDisease" | "lzGeneral" | "syInpatient" | "syEmergencyOut";
const KINDS: readonly Kind[] = ["lzEmpInpatient", "lzResInpatient", "lzEmpChronic", "lzResChronic", "lzTwoDisease", "lzGeneral", "syInpatient", "syEmergencyOut"];
const EMP = lanzhouChronic.employee;
const RES = lanzhouChronic.resident;
const LEVELS4: HospitalLevel[] = ["1", "2", "3B", "3A"];

/** The amounts of a claim: parts inside the total, as the validator requires. */
const amounts = (maxTotal: number, tcm: boolean) =>
  fc.record({ total: money(maxTotal), ooc: fc.integer({ min: 0, max: 100 }), b: fc.integer({ min: 0, max: 100 }), t: fc.integer({ min: 0, max: 100 }), ytd: fc.oneof(fc.constant(0), money(maxTotal)), ytdP: fc.oneof(fc.constant(0), money(30_000_000)) }).map((a) => {
    const ooc = Math.floor((a.total * a.ooc) / 100);
    const classB = Math.floor(((a.total - ooc) * a.b) / 100);
    return { total: a.total, outOfCatalog: ooc, classB, tcm: tcm ? Math.floor(((a.total - ooc - classB) * a.t) / 100) : 0, ytdFundPaid: a.ytd, ytdPersonalInPolicy: a.ytdP };
  });

const claimBase = (o: Partial<Claim>): Claim => typedClaim({ id: "I", settlementDate: day("2021-09-01"), ...o });

const dayArb = (from: string, to: string) => fc.integer({ min: day(from), max: day(to) });

function claimOf(kind: Kind): fc.Arbitrary<Claim> {
  switch (kind) {
    case "lzEmpInpatient":
      return fc
        .record({
          a: amounts(30_000_000, false),
          person: fc.constantFrom(...EMPLOYEE_PERSON_TYPES),
          level: fc.constantFrom(...LEVELS4),
          k: fc.integer({ min: 1, max: 6 }),
          route: fc.constantFrom(
            { crossRegion: "local" },
            { crossRegion: "emergency" },
            { crossRegion: "long_term" },
            { crossRegion: "long_term", treatedInInsuredPlace: true, crossProvince: false },
            { crossRegion: "long_term", treatedInInsuredPlace: true, crossProvince: true },
            { crossRegion: "referral", crossProvince: true },
            { crossRegion: "temporary" },
          ),
          rank: fc.constantFrom("none", "none", "none", "senior", "deputy", "deputy_title", "other"),
          d: dayArb("2020-04-01", "2024-12-31"),
        })
        .map((r) => claimBase({ ...r.a, ...(r.route as Partial<Claim>), personType: r.person, hospitalLevel: r.level, admissionIndex: r.k, civilServantRank: r.rank as Claim["civilServantRank"], settlementDate: r.d }));
    case "lzResInpatient":
      return fc
        .record({ a: amounts(30_000_000, true), person: fc.constantFrom(...RESIDENT_PERSON_TYPES), level: fc.constantFrom(...LEVELS4), k: fc.integer({ min: 1, max: 6 }), pov: fc.constantFrom(...POVERTY_STATUSES), d: dayArb("2020-04-01", "2024-12-31") })
        .map((r) => claimBase({ ...r.a, scheme: "resident", personType: r.person, hospitalLevel: r.level, admissionIndex: r.k, povertyStatus: r.pov, settlementDate: r.d }));
    case "lzEmpChronic":
    case "lzResChronic": {
      const scheme = kind === "lzEmpChronic" ? "employee" : "resident";
      const list = scheme === "employee" ? EMP : RES;
      return fc
        .record({ a: amounts(20_000_000, false), d: fc.constantFrom(...list), second: fc.option(fc.constantFrom(...list), { nil: undefined }), person: fc.constantFrom(...(scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES)), day: dayArb("2020-04-01", "2024-12-31"), ago: fc.integer({ min: 0, max: 365 * 3 }), ago2: fc.option(fc.integer({ min: 0, max: 365 * 3 }), { nil: undefined }), rank: fc.constantFrom("none", "none", "senior", "other") })
        .map((r) =>
          claimBase({
            ...r.a,
            scheme,
            personType: r.person,
            careType: "chronic",
            settlement: "manual",
            settlementDate: undefined,
            serviceDate: r.day,
            chronicApproved: r.day - r.ago,
            chronicDisease: r.d.name,
            ...(r.second && r.second !== r.d ? { secondChronicDisease: r.second.name, ...(r.ago2 !== undefined ? { secondChronicApproved: r.day - r.ago2 } : {}) } : {}),
            civilServantRank: scheme === "employee" ? (r.rank as Claim["civilServantRank"]) : "none",
          }),
        );
    }
    case "lzTwoDisease":
      return fc
        .record({ a: amounts(300_000, false), which: fc.constantFrom("高血压", "糖尿病", "两病"), person: fc.constantFrom(...RESIDENT_PERSON_TYPES), day: dayArb("2020-04-01", "2024-12-31"), ago: fc.integer({ min: 0, max: 365 * 4 }) })
        .map((r) => claimBase({ ...r.a, scheme: "resident", personType: r.person, careType: "two_disease", settlement: "manual", settlementDate: undefined, serviceDate: r.day, chronicApproved: r.day - r.ago, chronicDisease: r.which }));
    case "lzGeneral":
      return fc
        .record({ a: amounts(100_000, false), person: fc.constantFrom(...RESIDENT_PERSON_TYPES), day: dayArb("2020-04-01", "2024-12-31") })
        .map((r) => claimBase({ ...r.a, scheme: "resident", personType: r.person, careType: "general_outpatient", settlement: "manual", settlementDate: undefined, serviceDate: r.day }));
    case "syInpatient":
      return fc
        .record({
          a: amounts(50_000_000, false),
          scheme: fc.constantFrom("employee" as const, "resident" as const),
          i: fc.integer({ min: 0, max: 3 }),
          level: fc.constantFrom(...HOSPITAL_LEVELS),
          cross: fc.constantFrom("local", "long_term", "referral", "temporary", "emergency", "student_away"),
          filed: fc.boolean(),
          k: fc.integer({ min: 1, max: 4 }),
          pov: fc.constantFrom(...POVERTY_STATUSES),
          prov: fc.option(fc.boolean(), { nil: undefined }),
          paidBefore: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
          d: dayArb("2021-07-01", "2024-12-31"),
        })
        .map((r) => {
          const person = r.scheme === "employee" ? EMPLOYEE_PERSON_TYPES[r.i % 2]! : RESIDENT_PERSON_TYPES[r.i]!;
          return claimBase({ ...r.a, insuredPlace: "shenyang", scheme: r.scheme, personType: person, crossRegion: (r.scheme === "employee" && r.cross === "student_away" ? "local" : r.cross) as Claim["crossRegion"], inFiledPlace: r.filed, hospitalLevel: r.level, admissionIndex: r.cross === "local" || r.cross === "long_term" ? 1 : r.k, povertyStatus: r.pov, settlementDate: r.d, ...(r.prov !== undefined ? { crossProvince: r.prov } : {}), ...(r.paidBefore !== undefined ? { referralThresholdPaid: r.paidBefore } : {}) });
        });
    case "syEmergencyOut":
      return fc
        .record({ a: amounts(5_000_000, false), scheme: fc.constantFrom("employee" as const, "resident" as const), i: fc.integer({ min: 0, max: 3 }), filed: fc.boolean(), d: dayArb("2021-07-01", "2024-12-31") })
        .map((r) => claimBase({ ...r.a, insuredPlace: "shenyang", scheme: r.scheme, personType: r.scheme === "employee" ? EMPLOYEE_PERSON_TYPES[r.i % 2]! : RESIDENT_PERSON_TYPES[r.i]!, careType: "emergency_outpatient", crossRegion: "emergency", inFiledPlace: r.filed, settlementDate: r.d }));
  }
}

const engineFor = (c: Claim) => (c.insuredPlace === "shenyang" ? shenyangExample : baseline);

/** Problems a generated claim may legitimately meet (the documents give no figure, or the claim's dates). */
const EXPECTED_PROBLEMS = new Set([
  "chronic_period_ended",
  "shenyang_repeat_admission",
  "lanzhou.employee.inpatient.threshold:3S",
  "lanzhou.resident.inpatient.threshold:3S",
  // POLICY §12: a second disease without a cap, or past its payment years, or without its approval date
  "chronic_split_rows",
  "second_chronic_period_ended",
  "second_chronic_before_approval",
  "secondChronicApproved",
  // POLICY §9: a poor Shenyang insured's referral without the cross-province flag or the threshold paid before
  "crossProvince",
  "referralThresholdPaid",
]);
function expectedProblem(r: SettlementResult): boolean {
  const p = r.problem!;
  return EXPECTED_PROBLEMS.has(p.code) || EXPECTED_PROBLEMS.has(p.field ?? "") || p.kind === "no_rule";
}

// ---------------------------------------------------------------------------------------------

describe("1. reconciliation to the fen, every kernel", () => {
  for (const kind of KINDS)
    it(`${kind}: total = outOfCatalog + personal + Σ layers; policyScope = total − outOfCatalog − classB share; integers; no layer negative`, () => {
      let ok = 0;
      fc.assert(
        fc.property(claimOf(kind), (c) => {
          const r = engineFor(c).settle(c);
          if (!r.ok) {
            expect(expectedProblem(r), JSON.stringify(r.problem)).toBe(true);
            return;
          }
          ok++;
          if (r.incomplete) {
            // POLICY §12 partial settlement: the known layers plus out-of-catalog never exceed the
            // total; the not-computable layers and the personal share are NaN, and say which parameter
            const unknown = new Set(r.incomplete.map((x) => x.layer));
            for (const l of LAYERS) expect(Number.isNaN(r.layers[l])).toBe(unknown.has(l));
            expect(r.personal).toBeNaN();
            for (const x of r.incomplete) expect(engineFor(c).registry.has(x.parameter)).toBe(true);
            expect(c.outOfCatalog + LAYERS.reduce((a, l) => a + (unknown.has(l) ? 0 : r.layers[l]), 0)).toBeLessThanOrEqual(c.total);
            return;
          }
          expect(c.outOfCatalog + r.personal + fund(r)).toBe(c.total);
          expect(r.policyScope).toBe(c.total - c.outOfCatalog - r.classBSelfShare);
          for (const v of [r.policyScope, r.classBSelfShare, r.firstPay, r.threshold, r.personal, ...LAYERS.map((l) => r.layers[l])]) expect(Number.isSafeInteger(v)).toBe(true);
          for (const l of LAYERS) expect(r.layers[l]).toBeGreaterThanOrEqual(0);
          for (const v of [r.policyScope, r.classBSelfShare, r.firstPay, r.threshold]) expect(v).toBeGreaterThanOrEqual(0);
          // personal ≥ 0, except the senior civil servant's one-fen double rounding (header, 3.)
          expect(r.personal).toBeGreaterThanOrEqual(0);
        }),
        runs(1500, KINDS.indexOf(kind)),
      );
      expect(ok).toBeGreaterThan(300);
    });
});

// ---------------------------------------------------------------------------------------------

/** A year of one person's claims of one kind, in date order; the first claim carries the opening ytd figures. */
function year(kind: Kind, n: { min: number; max: number }): fc.Arbitrary<Claim[]> {
  return fc.array(claimOf(kind), { minLength: n.min, maxLength: n.max }).map((cs) => {
    const y = 2022;
    return cs.map((c, j) => {
      const d = day(`${y}-01-01`) + j * 30 + 1;
      const dated: Claim = { ...c, ...(c.serviceDate !== undefined ? { serviceDate: d, ...(c.chronicApproved !== undefined ? { chronicApproved: d - 400 } : {}) } : { settlementDate: d }) };
      if (dated.careType === "inpatient") dated.admissionIndex = j + 1;
      return dated;
    });
  });
}

/** Check the carried ytd figures and a cap on the sum of pooled payments of one pool. */
function checkPool(settled: { claim: Claim; result: SettlementResult }[], cap: (c: Claim) => number | null): void {
  let paid = settled[0]!.claim.ytdFundPaid;
  const opening = paid;
  for (const { claim, result } of settled) {
    expect(claim.ytdFundPaid).toBe(paid);
    if (!result.ok) continue;
    const k = cap(claim);
    if (k !== null) expect(result.layers.pooled).toBeLessThanOrEqual(Math.max(k - paid, 0));
    paid += result.layers.pooled;
    if (k !== null) expect(paid).toBeLessThanOrEqual(Math.max(k, opening));
  }
}

describe("2. annual caps over a year settled in order (year.ts settleInOrder)", () => {
  it("employee inpatient: Σ pooled ≤ 60 000 (lanzhou.employee.inpatient.annualCap); 大额 uncapped: 90% above the threshold once the cap is used up", () => {
    const cap = builtinRegistry().num("lanzhou.employee.inpatient.annualCap", day("2022-01-01"));
    expect(cap).toBe(6_000_000);
    let exhausted = 0;
    fc.assert(
      fc.property(year("lzEmpInpatient", { min: 1, max: 8 }), (cs) => {
        const local = cs.map((c) => ({ ...c, crossRegion: "local" as const, treatedInInsuredPlace: false, civilServantRank: "none" as const }));
        const settled = settleInOrder(baseline, local);
        checkPool(settled, () => cap);
        let large = 0;
        for (const { claim, result } of settled) {
          if (!result.ok) continue;
          large += result.layers.largeAmount;
          if (claim.ytdFundPaid >= cap) {
            exhausted++;
            // no pooled room left: 大额 = 90% × (E − T)⁺, whatever 大额 paid earlier this year
            expect(result.layers.pooled).toBe(0);
            expect(result.layers.largeAmount).toBe(ratioOf(Math.max(result.policyScope - result.firstPay - result.threshold, 0), 9000));
          }
        }
        expect(large).toBeGreaterThanOrEqual(0);
      }),
      runs(500, 20),
    );
    expect(exhausted).toBeGreaterThan(50);
  });

  it("resident inpatient: Σ pooled ≤ 40 000; the 大病保险 personal burden is carried (Σ policyScope − pooled)", () => {
    const cap = builtinRegistry().num("lanzhou.resident.inpatient.annualCap", day("2022-01-01"));
    expect(cap).toBe(4_000_000);
    fc.assert(
      fc.property(year("lzResInpatient", { min: 1, max: 8 }), (cs) => {
        const settled = settleInOrder(baseline, cs);
        checkPool(settled, () => cap);
        let burden = settled[0]!.claim.ytdPersonalInPolicy;
        for (const { claim, result } of settled) {
          expect(claim.ytdPersonalInPolicy).toBe(burden);
          if (result.ok) burden += result.policyScope - result.layers.pooled;
        }
      }),
      runs(500, 21),
    );
  });

  it("chronic care: each disease's cap, and the shared cap (max + 500) of an employee's two approved diseases (L 三、(三) 5.)", () => {
    const withCap = EMP.filter((d) => d.cap !== null);
    fc.assert(
      fc.property(
        fc.constantFrom(...withCap),
        fc.constantFrom(...withCap),
        fc.array(fc.record({ first: fc.boolean(), total: money(3_000_000), classB: fc.integer({ min: 0, max: 50 }) }), { minLength: 1, maxLength: 10 }),
        money(2_000_000),
        (a, b, parts, opening) => {
          const two = a !== b;
          const claims = parts.map((p, j): Claim => {
            const [d, other] = p.first || !two ? [a, b] : [b, a];
            return claimBase({
              careType: "chronic",
              settlement: "manual",
              settlementDate: undefined,
              serviceDate: day("2022-01-01") + j * 20,
              chronicApproved: day("2021-06-01"),
              chronicDisease: d.name,
              ...(two ? { secondChronicDisease: other.name } : {}),
              total: p.total,
              classB: Math.floor((p.total * p.classB) / 100),
              ytdFundPaid: j === 0 ? opening : 0,
            });
          });
          const settled = settleInOrder(baseline, claims);
          const cap = two ? Math.max(a.cap!, b.cap!) + 50_000 : a.cap!;
          checkPool(settled, () => cap);
        },
      ),
      runs(500, 22),
    );
  });

  it("two-disease (400 / 800 / 1 200) and general outpatient (100): Σ pooled ≤ the year's limit", () => {
    const reg = builtinRegistry();
    const d0 = day("2022-01-01");
    const tdCap = (c: Claim) => reg.keyed("lanzhou.resident.twoDisease.annualCap", d0, c.chronicDisease === "高血压" ? "hypertension" : c.chronicDisease === "糖尿病" ? "diabetes" : "both") as number;
    expect([tdCap(claimBase({ chronicDisease: "高血压" })), tdCap(claimBase({ chronicDisease: "糖尿病" })), tdCap(claimBase({ chronicDisease: "两病" }))]).toEqual([40_000, 80_000, 120_000]);
    fc.assert(
      fc.property(year("lzTwoDisease", { min: 1, max: 12 }), (cs) => {
        const one = cs.map((c) => ({ ...c, chronicDisease: cs[0]!.chronicDisease }));
        checkPool(settleInOrder(baseline, one), tdCap);
      }),
      runs(400, 23),
    );
    const goCap = reg.num("lanzhou.resident.generalOutpatient.annualCap", d0);
    expect(goCap).toBe(10_000);
    fc.assert(
      fc.property(year("lzGeneral", { min: 1, max: 12 }), (cs) => checkPool(settleInOrder(baseline, cs), () => goCap)),
      runs(400, 24),
    );
  });

  it("Shenyang (example base table): Σ pooled ≤ the scheme's annual cap", () => {
    const reg = shenyangExample.registry;
    fc.assert(
      fc.property(year("syInpatient", { min: 1, max: 6 }), (cs) => {
        const one = cs.map((c) => ({ ...c, scheme: cs[0]!.scheme, personType: cs[0]!.personType, crossRegion: "referral" as const }));
        checkPool(settleInOrder(shenyangExample, one), (c) => reg.num(`shenyang.${c.scheme}.annualCap`, c.settlementDate!));
      }),
      runs(300, 25),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("3. monotone in the total, all else equal", () => {
  for (const kind of KINDS)
    it(`${kind}: raising the total never lowers the fund payment nor the personal share`, () => {
      fc.assert(
        fc.property(claimOf(kind), fc.oneof(fc.integer({ min: 1, max: 5 }), money(5_000_000)), (c, extra) => {
          const e = engineFor(c);
          const a = e.settle(c);
          const b = e.settle({ ...c, total: c.total + extra });
          if (!a.ok || !b.ok) return;
          if (a.incomplete || b.incomplete) {
            // compare the layers both know (POLICY §12); the personal share is not computable
            const both = (r: SettlementResult, o: SettlementResult) => LAYERS.reduce((s, l) => s + (r.layers[l] === r.layers[l] && o.layers[l] === o.layers[l] ? r.layers[l] : 0), 0);
            expect(both(b, a)).toBeGreaterThanOrEqual(both(a, b));
            return;
          }
          expect(fund(b)).toBeGreaterThanOrEqual(fund(a));
          expect(b.personal).toBeGreaterThanOrEqual(a.personal);
        }),
        runs(1500, 40 + KINDS.indexOf(kind)),
      );
    });
});

// ---------------------------------------------------------------------------------------------

const CATS: readonly TemporaryCategory[] = ["referral", "emergency", "temporary", "merged"];

/** A figure around a bound: at it, a unit either side, far either side, or missing. */
const around = (limit: number, unit: number) =>
  fc.oneof(
    fc.constant(limit),
    fc.constant(limit + unit),
    fc.constant(Math.max(limit - unit, 0)),
    fc.integer({ min: 0, max: Math.max(limit * 2, 1) }),
    fc.constant(null),
  );

const cityTerms: fc.Arbitrary<CityTerms> = fc
  .array(
    fc.record({
      levels: fc.subarray([...HOSPITAL_LEVELS], { minLength: 1 }),
      localT: fc.integer({ min: 0, max: 500_000 }),
      localR: fc.integer({ min: 0, max: 10_000 }),
      cats: fc.subarray([...CATS], { minLength: 1 }),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
      localMissing: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .chain((groups) =>
    fc
      .tuple(
        ...groups.map((g, gi) =>
          fc
            .tuple(
              ...g.cats.map((cat) =>
                fc.tuple(
                  ...g.levels.map((lv) =>
                    fc.record({
                      // the temporary threshold around 2.5 × local (in fen: 2.5 × t = 5t / 2, not always whole)
                      t: around(Math.floor((g.localT * 25) / 10), 1),
                      r: around(Math.max(g.localR - BOUNDS[cat].maxCut, 0), 1),
                      lv: fc.constant(lv),
                      omitT: fc.boolean(),
                    }),
                  ),
                ),
              ),
            )
            .map((perCat) => ({
              label: { zh: `组${gi}`, en: `group ${gi}` },
              local: {
                threshold: Object.fromEntries(g.levels.map((lv, i) => [lv, g.localMissing && i === 0 ? null : g.localT])),
                ratio: Object.fromEntries(g.levels.map((lv) => [lv, g.localR])),
              },
              categories: Object.fromEntries(
                g.cats.map((cat, ci) => [
                  cat,
                  {
                    threshold: Object.fromEntries(perCat[ci]!.filter((x) => !x.omitT).map((x) => [x.lv, x.t])),
                    ratio: Object.fromEntries(perCat[ci]!.map((x) => [x.lv, x.r])),
                    basis: { zh: "", en: "" },
                  } satisfies CategoryTerms,
                ]),
              ),
            })),
        ),
      )
      .map((gs): CityTerms => ({ city: "generated", groups: gs })),
  );

describe("4. LN 第二十三条: checkLiaoningBounds never passes a breach", () => {
  it("the bounds in force are the article's: 2.5×, 10 / 10 / 20 / 10 points", () => {
    expect(boundsFrom(builtinRegistry(), day("2023-01-01"))).toEqual(BOUNDS);
  });
  it("every breach by an independent BigInt reference is reported, missing figures are unchecked, the rest pass", () => {
    const seen = { breach: 0, unchecked: 0, passed: 0, atBound: 0 };
    fc.assert(
      fc.property(cityTerms, (terms) => {
        const rep = checkLiaoningBounds(terms);
        const key = (g: string, cat: string, lv: string, what: string) => `${g}/${cat}/${lv}/${what}`;
        const breaches = new Set(rep.breaches.map((b) => key(b.group.en, b.category, b.level, b.what)));
        const unchecked = new Set(rep.unchecked.map((b) => key(b.group.en, b.category, b.level, b.what)));
        let passed = 0;
        for (const g of terms.groups)
          for (const [cat, ct] of Object.entries(g.categories) as [TemporaryCategory, CategoryTerms][])
            for (const lv of HOSPITAL_LEVELS) {
              if (!(lv in ct.threshold) && !(lv in ct.ratio)) continue;
              const checks: ["threshold" | "ratio", number | null | undefined, number | null | undefined][] = [
                ["threshold", ct.threshold[lv], g.local.threshold[lv]],
                ["ratio", ct.ratio[lv], g.local.ratio[lv]],
              ];
              for (const [what, cat_, local] of checks) {
                if (cat_ === undefined && local === undefined) continue;
                const k = key(g.label.en, cat, lv, what);
                if (cat_ === null || cat_ === undefined || local === null || local === undefined) {
                  expect(unchecked.has(k), k).toBe(true);
                  expect(breaches.has(k)).toBe(false);
                  continue;
                }
                // art. 23, exactly: threshold ≤ 2.5 × local ⇔ 2 × t ≤ 5 × local; cut ≤ maxCut points
                const breach = what === "threshold" ? 2n * BigInt(cat_) > 5n * BigInt(local) : BigInt(local) - BigInt(cat_) > BigInt(BOUNDS[cat].maxCut);
                if (what === "threshold" ? 2n * BigInt(cat_) === 5n * BigInt(local) : BigInt(local) - BigInt(cat_) === BigInt(BOUNDS[cat].maxCut)) seen.atBound++;
                expect(breaches.has(k), `${k}: ${cat_} vs local ${local}`).toBe(breach);
                expect(unchecked.has(k)).toBe(false);
                if (!breach) passed++;
              }
            }
        expect(rep.passed).toBe(passed);
        seen.breach += rep.breaches.length;
        seen.unchecked += rep.unchecked.length;
        seen.passed += rep.passed;
        for (const b of rep.breaches) expect(b.ref.section).toBe("第二十三条");
        // a set with any breach never comes back clean
        if (rep.breaches.length === 0) expect(rep.unchecked.length + rep.passed).toBeGreaterThan(0);
      }),
      runs(3000, 60),
    );
    // the generator reaches every answer, and figures exactly at the bound (which comply)
    expect(Math.min(seen.breach, seen.unchecked, seen.passed, seen.atBound)).toBeGreaterThan(500);
  });
});
