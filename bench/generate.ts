/**
 * Seeded random claim batches, column-wise, for the benchmark and the batch-equivalence tests:
 * - the employee-band batch: Lanzhou employees, local inpatient care, every level, admissions 1–5;
 * - the mixed batch: every scheme, level and cross-region kind the documents rule on (Lanzhou and
 *   Shenyang, inpatient and outpatient), with poverty, TCM, civil servants and a few claims no rule
 *   covers, as an auditor's month would have them.
 */
import type { Claim } from "../src/claim/claim";
import { allocColumns, setClaim, type ClaimColumns } from "../src/engine/columns";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { FIELDS } from "../src/claim/fields";
import { formatDay } from "../src/dates";
import { formatYuan } from "../src/money";
import { typedClaim } from "../test/helpers/claims";

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_2022 = 19_113; // 2022-05-01
const LEVELS = ["1", "2", "3B", "3A"] as const;

function amounts(r: () => number, max: number) {
  const total = Math.floor(r() * max) + 100;
  const ooc = Math.floor(total * r() * 0.2);
  const classB = Math.floor((total - ooc) * r() * 0.4);
  return { total, ooc, classB };
}

const base = (): Claim => typedClaim({ id: "", settlementDate: DAY_2022 });

export function employeeBandClaim(r: () => number, i: number): Claim {
  const a = amounts(r, 12_000_000);
  return {
    ...base(),
    id: `E${i}`,
    personType: r() < 0.4 ? "retired" : "in_service",
    hospitalLevel: LEVELS[Math.floor(r() * 4)]!,
    admissionIndex: 1 + Math.floor(r() * 5),
    total: a.total,
    outOfCatalog: a.ooc,
    classB: a.classB,
  };
}

export function mixedClaim(r: () => number, i: number): Claim {
  const c = base();
  c.id = `M${i}`;
  const a = amounts(r, 10_000_000);
  Object.assign(c, { total: a.total, outOfCatalog: a.ooc, classB: a.classB });
  c.hospitalLevel = LEVELS[Math.floor(r() * 4)]!;
  c.admissionIndex = 1 + Math.floor(r() * 4);
  c.ytdFundPaid = r() < 0.2 ? Math.floor(r() * 5_000_000) : 0;
  const k = r();
  if (k < 0.35) {
    // Lanzhou employee inpatient, every cross-region kind the guide rules on
    c.personType = r() < 0.4 ? "retired" : "in_service";
    const x = r();
    if (x < 0.55) c.crossRegion = "local";
    else if (x < 0.65) c.crossRegion = "emergency";
    else if (x < 0.75) Object.assign(c, { crossRegion: "referral", crossProvince: true });
    else if (x < 0.85) c.crossRegion = "temporary";
    else Object.assign(c, { crossRegion: "long_term", crossProvince: r() < 0.5, treatedInInsuredPlace: r() < 0.5 });
    if (r() < 0.05) c.civilServantRank = r() < 0.5 ? "senior" : "deputy";
  } else if (k < 0.6) {
    // Lanzhou resident inpatient
    c.scheme = "resident";
    c.personType = (["adult", "elderly", "student", "minor"] as const)[Math.floor(r() * 4)]!;
    c.povertyStatus = r() < 0.15 ? (["registered_poor", "low_income", "extreme_poor"] as const)[Math.floor(r() * 3)]! : "none";
    c.tcm = r() < 0.3 ? Math.floor((c.total - c.outOfCatalog - c.classB) * r()) : 0;
    c.ytdPersonalInPolicy = r() < 0.3 ? Math.floor(r() * 3_000_000) : 0;
  } else if (k < 0.8) {
    // chronic outpatient, employee or resident
    const emp = r() < 0.5;
    c.scheme = emp ? "employee" : "resident";
    c.personType = emp ? "retired" : "elderly";
    c.careType = "chronic";
    c.crossRegion = emp && r() < 0.2 ? "long_term" : "local";
    const list = emp ? lanzhouChronic.employee : lanzhouChronic.resident;
    c.chronicDisease = list[Math.floor(r() * list.length)]!.name;
    c.chronicApproved = DAY_2022 - 200;
    c.total = Math.floor(c.total / 20);
    c.outOfCatalog = 0;
    c.classB = Math.floor(c.total * r() * 0.3);
    delete c.hospitalLevel;
    delete c.admissionIndex;
  } else if (k < 0.88) {
    // resident general outpatient and two diseases
    c.scheme = "resident";
    c.personType = "adult";
    c.total = Math.floor(r() * 200_000);
    Object.assign(c, { outOfCatalog: 0, classB: 0, ytdFundPaid: 0 });
    if (r() < 0.5) c.careType = "general_outpatient";
    else Object.assign(c, { careType: "two_disease", chronicDisease: (["高血压", "糖尿病", "高血压、糖尿病"] as const)[Math.floor(r() * 3)]!, chronicApproved: DAY_2022 - 400 });
  } else if (k < 0.99) {
    // Shenyang referral and temporary care (needs the user's base parameters)
    c.insuredPlace = "shenyang";
    const emp = r() < 0.5;
    c.scheme = emp ? "employee" : "resident";
    c.personType = emp ? "in_service" : (["adult", "elderly", "student", "minor"] as const)[Math.floor(r() * 4)]!;
    c.crossRegion = r() < 0.5 ? "referral" : "temporary";
    c.ytdFundPaid = 0;
  } else {
    // a claim no document rules on
    Object.assign(c, { scheme: "resident", personType: "adult", crossRegion: "temporary" });
  }
  return c;
}

export function claimsOf(n: number, seed: number, make: (r: () => number, i: number) => Claim): Claim[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => make(r, i));
}

export function columnsOf(n: number, seed: number, make: (r: () => number, i: number) => Claim): ClaimColumns {
  const r = rng(seed);
  const cols = allocColumns(n);
  for (let i = 0; i < n; i++) setClaim(cols, i, make(r, i));
  return cols;
}

/**
 * Claims as a worksheet holds them: a header row of canonical field names and rows of text and
 * numbers (dates as ISO text, amounts in yuan), for timing what the task pane does with a sheet.
 */
export function rowsOf(n: number, seed: number, gen: (r: () => number, i: number) => Claim): { header: string[]; rows: unknown[][] } {
  const claims = claimsOf(n, seed, gen);
  const header = FIELDS.map((f) => f.name);
  const rows = claims.map((c) =>
    FIELDS.map((f) => {
      const k = f.name.startsWith("claimed") ? f.name[7]!.toLowerCase() + f.name.slice(8) : f.name;
      const v = f.name.startsWith("claimed") ? (c.claimed as Record<string, unknown>)[k] : (c as unknown as Record<string, unknown>)[k];
      if (v === undefined || v === null) return null;
      if (f.kind === "date") return formatDay(v as number);
      if (f.kind === "money") return formatYuan(v as number);
      if (f.kind === "enum" && (v === "none" || v === false)) return null;
      return v;
    }),
  );
  return { header, rows };
}
