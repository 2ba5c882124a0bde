/**
 * The generated fused loops (src/engine/fused/*.generated.ts, scripts/genFused.ts; issue 16): they are
 * what the generator writes from today's steps, and the batch answers with them exactly as it does
 * step by step (every result column to the fen, NaN where a layer is not computable, the same problem
 * objects for refused and failed claims, the same incomplete layers), on generated claims under the
 * built-in parameters and under registries that lack the figures the steps refuse or mark on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateAll } from "../scripts/genFused";
import { mixedClaim, rng } from "../bench/generate";
import { CIVIL_SERVANT_RANKS } from "../src/claim/enums";
import type { Claim } from "../src/claim/claim";
import { allocResults, fromClaims, type ResultColumns } from "../src/engine/columns";
import { Engine } from "../src/engine/settle";
import { FUSED, routeParams } from "../src/engine/steps/compose";
import { ROUTES } from "../src/engine/routes";
import { builtinRegistry } from "../src/params/builtin";
import type { Registry } from "../src/params/registry";
import { ID } from "../src/engine/kernels/lanzhouEmployeeInpatient";
import { ID as RID } from "../src/engine/kernels/lanzhouResidentInpatient";
import { shenyangInpatient } from "../src/engine/kernels/shenyangInpatient";
import { CITY_KERNELS } from "../src/policy/liaoningCity";
import { fusedShenyangInpatient } from "../src/engine/fused/shenyangInpatient.generated";
import { fusedLiaoningCityInpatient } from "../src/engine/fused/liaoningCityInpatient.generated";
import { readParamTable } from "../src/params/table";
import { parseCsv } from "../io/csv";
import { cityClaims } from "./helpers/cityClaims";

const ROOT = join(__dirname, "..");
const COLUMNS = ["policyScope", "classBSelfShare", "firstPay", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "versionDay"] as const;

describe("generated fused loops", () => {
  it("are what scripts/genFused.ts writes from today's steps (npm run gen:fused)", () => {
    const all = generateAll();
    expect([...all.keys()]).toEqual(expect.arrayContaining(["src/engine/fused/shenyangInpatient.generated.ts", "src/engine/fused/liaoningCityInpatient.generated.ts"]));
    for (const [path, text] of all) expect(readFileSync(join(ROOT, path), "utf8"), path).toBe(text);
  }, 60_000);
  it("a city's rule takes the loop of its shape: Shenyang's steps, and every liaoning-city kernel's", () => {
    expect(shenyangInpatient.fused).toBe(fusedShenyangInpatient);
    for (const k of Object.values(CITY_KERNELS)) expect((k as typeof shenyangInpatient).fused, k.id).toBe(fusedLiaoningCityInpatient);
  });
  it("a shape that leaves out a step the composition always has is refused, with the place and the reason", () => {
    const t = { kernel: "src/engine/kernels/shenyangInpatient.ts", name: "cityInpatient", shape: ["policyScope", "ratio", "annualCap"], out: "src/engine/fused/x.generated.ts", fn: "x" };
    expect(() => generateAll([t])).toThrow(/^src\/engine\/kernels\/shenyangInpatient\.ts:\d+: the shape .* leaves out a step the composition always has: categoryThreshold\(/);
  }, 60_000);
});

/** Employee inpatient claims of every route, with the cases that end a claim or a layer early. */
function employeeClaims(n: number, seed: number): Claim[] {
  const r = rng(seed);
  const out: Claim[] = [];
  for (let i = 0; out.length < n; i++) {
    const c = mixedClaim(r, i);
    if (c.insuredPlace !== "lanzhou" || c.scheme !== "employee" || c.careType !== "inpatient") continue;
    const x = r();
    if (x < 0.25) c.civilServantRank = CIVIL_SERVANT_RANKS[1 + Math.floor(r() * (CIVIL_SERVANT_RANKS.length - 1))]!;
    if (r() < 0.2) c.ytdFundPaid = Math.floor(r() * 7_000_000); // the annual cap (60 000 yuan) cuts the bands
    if (r() < 0.1) c.total *= 4; // above the bands' top
    if (r() < 0.03) delete c.hospitalLevel; // the threshold step fails the claim
    if (r() < 0.03) delete c.admissionIndex;
    if (r() < 0.02) c.ytdFundPaid = 6_000_000 + Math.floor(r() * 100_000);
    out.push(c);
  }
  return out;
}

/** Lanzhou resident inpatient claims: the poor, TCM shares (some above the policy scope), repeat admissions, the cap. */
function residentClaims(n: number, seed: number): Claim[] {
  const r = rng(seed);
  const out: Claim[] = [];
  for (let i = 0; out.length < n; i++) {
    const c = mixedClaim(r, i);
    if (c.insuredPlace !== "lanzhou" || c.scheme !== "resident" || c.careType !== "inpatient") continue;
    if (r() < 0.2) c.povertyStatus = (["registered_poor", "low_income", "extreme_poor"] as const)[Math.floor(r() * 3)]!;
    if (r() < 0.15) c.ytdFundPaid = Math.floor(r() * 25_000_000);
    if (r() < 0.03) c.tcm = c.total - c.outOfCatalog; // above the policy scope when class B is not 0
    if (r() < 0.03) delete c.hospitalLevel;
    if (r() < 0.03) delete c.admissionIndex;
    out.push(c);
  }
  return out;
}

function settle(engine: Engine, claims: Claim[], fused: boolean): ResultColumns {
  const c = fromClaims(claims);
  const out = allocResults(c.n);
  FUSED.on = fused;
  try {
    engine.settleInto(c, out);
  } finally {
    FUSED.on = true;
  }
  return out;
}

const missing = (reg: Registry, ids: { id: string; key?: string }[]) => reg.withOverrides("test: missing", ids.map((o) => ({ ...o, value: null })));
/** A registry with a sample base table (the example figures a city's rule needs). */
const withTable = (reg: Registry, file: string) => reg.withOverrides(file, readParamTable(reg, parseCsv(readFileSync(join(ROOT, "samples", file), "utf8"))).overrides);

describe("the fused batch path answers as the steps do", () => {
  const base = builtinRegistry();
  const E = "lanzhou.employee.inpatient";
  const R = "lanzhou.resident.inpatient";
  const SY = "shenyang.inpatient";
  const CY = "chaoyang.inpatient";
  const sy = withTable(base, "shenyang-base.EXAMPLE.csv");
  const cy = withTable(base, "chaoyang-base.EXAMPLE.csv");
  const syClaims = (n: number, seed: number) => cityClaims("shenyang", n, seed);
  const cyClaims = (n: number, seed: number) => cityClaims("chaoyang", n, seed);
  const cases: [string, string, Registry, (n: number, seed: number) => Claim[], boolean][] = [
    [E, "built-in", base, employeeClaims, false],
    [E, "no 大额 ratio", missing(base, [{ id: ID.large }]), employeeClaims, true],
    [E, "no civil-servant rates for senior, no deputy reading", missing(base, [{ id: ID.csThreshold, key: "senior" }, { id: ID.csReading }]), employeeClaims, true],
    [E, "no first-payment ratios, no ratio cuts", missing(base, [...routeParams(E, "firstPay"), ...routeParams(E, "ratioCut")].map((id) => ({ id }))), employeeClaims, false],
    [E, "no threshold at level 2, no retired bands", missing(base, [{ id: ID.threshold, key: "2" }, { id: ID.bands, key: "retired" }]), employeeClaims, false],
    [R, "built-in", base, residentClaims, false],
    [R, "no assistance ratio, no 大病 scale for the low-income", missing(base, [{ id: RID.assistance }, { id: RID.scale, key: "low_income" }]), residentClaims, true],
    [R, "no poverty reading, no TCM raise, no ratio at level 1", missing(base, [{ id: RID.poorReading }, { id: RID.tcm }, { id: RID.ratio, key: "1" }]), residentClaims, false],
    // Shenyang's shape (补充险, 特三级 terms for emergencies elsewhere) and the liaoning-city set's (the
    // refusal without a table, emergency ratios, threshold multiples, the word on reductions away)
    [SY, "example base", sy, syClaims, false],
    [SY, "补充险 on the burden with the class-B share", sy.withOverrides("test: base", [{ id: "shenyang.employee.supplementary.base", value: "with_class_b_share" }]), syClaims, false],
    [SY, "no 大额 ratio, no 大病 scale, no temporary 补充险 bands", missing(sy, [{ id: "shenyang.employee.largeAmount.ratio" }, { id: "shenyang.resident.seriousIllness.scale" }, { id: "shenyang.employee.supplementary.temporary" }]), syClaims, true],
    [SY, "no 大病 deductible, no emergency-bands reading, no 困难群体 reading", missing(sy, [{ id: "shenyang.resident.seriousIllness.deductible" }, { id: "shenyang.employee.supplementary.emergencyBands" }, { id: "shenyang.referral.poorInProvince" }]), syClaims, true],
    [SY, "no threshold at 3S, no ratio at level 2 for residents, no students' referral ratio, no resident cap", missing(sy, [{ id: "shenyang.employee.threshold", key: "3S" }, { id: "shenyang.resident.ratio", key: "2" }, { id: "shenyang.resident.referral.ratio", key: "student" }, { id: "shenyang.resident.annualCap" }]), syClaims, false],
    [SY, "built-in (no base table: the figures missing)", base, syClaims, false],
    [CY, "example base", cy, cyClaims, false],
    [CY, "no 大额 ratio, no 大病 deductible", missing(cy, [{ id: "chaoyang.employee.largeAmount.ratio" }, { id: "chaoyang.resident.seriousIllness.deductible" }]), cyClaims, true],
    [CY, "no temporary multiple, no employee emergency ratio, no word on reductions, no 困难群体 reading", missing(cy, [{ id: "chaoyang.crossRegion.thresholdMultiple", key: "temporary" }, { id: "chaoyang.employee.emergency.ratio" }, { id: "chaoyang.crossRegion.noThresholdReduction" }, { id: "chaoyang.referral.poorInProvince" }]), cyClaims, false],
    [CY, "built-in (no base table: every claim refused)", base, cyClaims, false],
  ];
  for (const [kernel, name, reg, make, partial] of cases)
    it(`${kernel}, on 6 000 claims, ${name}: every column, problem and incomplete layer`, () => {
      const claims = make(6_000, name.length * 7919);
      const a = settle(new Engine(reg), claims, true);
      const b = settle(new Engine(reg), claims, false);
      let routed = 0;
      let problems = 0;
      let incomplete = 0;
      for (let i = 0; i < claims.length; i++) {
        expect(a.route[i]).toBe(b.route[i]);
        const o = ROUTES.rows[a.route[i]!]?.then;
        if (o?.kind === "kernel" && o.kernel === kernel) routed++;
        for (const col of COLUMNS) if (!Object.is(a[col][i], b[col][i])) expect.fail(`claim ${i} (${claims[i]!.id}) ${col}: fused ${a[col][i]}, steps ${b[col][i]}`);
        expect(a.problems[i] ? JSON.stringify(a.problems[i]) : undefined, `claim ${i} problem`).toBe(b.problems[i] ? JSON.stringify(b.problems[i]) : undefined);
        expect(JSON.stringify(a.incomplete[i]), `claim ${i} incomplete`).toBe(JSON.stringify(b.incomplete[i]));
        if (a.problems[i]) problems++;
        if (a.incomplete[i]) incomplete++;
      }
      // the claims reach the composition, and the early ends are exercised
      expect(routed).toBeGreaterThan(claims.length * 0.6);
      expect(problems).toBeGreaterThan(0);
      if (partial) expect(incomplete).toBeGreaterThan(0);
    }, 60_000);
});
