/**
 * Seeded inpatient claims of a Liaoning city (Shenyang or one of the liaoning-city set) for the fused
 * loop's equivalence test (issue 16): every category the city's rule reads (local, long-term, referral
 * in and out of the province, temporary, emergency in and away from the filed place, students away),
 * 困难群体 referred with and without the threshold paid before, repeat admissions, years' fund and
 * personal burdens that bring the cap and 大病 in, and the fields whose absence fails a claim.
 */
import type { Claim } from "../../src/claim/claim";
import type { InsuredPlace } from "../../src/claim/enums";
import { rng } from "../../bench/generate";
import { typedClaim } from "./claims";

const DAY_2022 = 19_113; // 2022-05-01: before a Liaoning city's example table (2023-01-01) and LN 2022's 困难群体 switch
const LEVELS = ["1", "2", "3B", "3A", "3S"] as const;
const CROSS = ["local", "local", "long_term", "referral", "referral", "temporary", "temporary", "emergency", "emergency", "student_away"] as const;

export function cityClaims(place: InsuredPlace, n: number, seed: number): Claim[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const emp = r() < 0.5;
    const total = Math.floor(r() * (r() < 0.15 ? 60_000_000 : 8_000_000)) + 100;
    const ooc = Math.floor(total * r() * 0.2);
    const day = DAY_2022 + Math.floor(r() * 900);
    const c = typedClaim({
      id: `${place}${i}`,
      insuredPlace: place,
      scheme: emp ? "employee" : "resident",
      personType: emp ? (r() < 0.4 ? "retired" : "in_service") : pick(["adult", "elderly", "student", "minor"] as const),
      crossRegion: pick(CROSS),
      settlement: "manual",
      hospitalLevel: pick(LEVELS),
      admissionIndex: r() < 0.8 ? 1 : 2 + Math.floor(r() * 2),
      admissionDate: day,
      settlementDate: day + 10,
      total,
      outOfCatalog: ooc,
      classB: Math.floor((total - ooc) * r() * 0.4),
      ytdFundPaid: r() < 0.25 ? Math.floor(r() * 80_000_000) : 0,
      ytdPersonalInPolicy: r() < 0.4 ? Math.floor(r() * 5_000_000) : 0,
    });
    if (c.crossRegion === "referral") {
      const x = r();
      if (x < 0.8) c.crossProvince = x < 0.4;
      if (r() < 0.4) c.povertyStatus = pick(["registered_poor", "low_income", "extreme_poor"] as const);
      if (r() < 0.7) c.referralThresholdPaid = Math.floor(r() * 150_000);
    }
    if (c.crossRegion === "emergency" && r() < 0.3) c.inFiledPlace = true;
    if (r() < 0.02) delete c.hospitalLevel; // the threshold step fails the claim
    if (r() < 0.02) delete c.admissionIndex;
    return c;
  });
}
