/** Build claims the way the policy examples read, and settle them. */
import { validateClaim, type RawRecord } from "../../src/claim/validate";
import type { Claim } from "../../src/claim/claim";
import { Engine, amountsOf, type SettlementResult } from "../../src/engine/settle";
import type { Problem } from "../../src/problem";

export const engine = new Engine();

/**
 * A validated-shape claim built directly (amounts in fen, dates as day numbers), for tests and the
 * bench that go straight into the engine: a local Lanzhou in-service employee, inpatient, direct
 * settlement, no amounts, no dates; the caller adds what its case needs.
 */
export const typedClaim = (o: Partial<Claim> = {}): Claim => ({
  id: "T",
  insuredPlace: "lanzhou",
  scheme: "employee",
  personType: "in_service",
  careType: "inpatient",
  crossRegion: "local",
  treatedInInsuredPlace: false,
  inFiledPlace: false,
  settlement: "direct",
  total: 0,
  outOfCatalog: 0,
  classB: 0,
  tcm: 0,
  ytdFundPaid: 0,
  ytdPersonalInPolicy: 0,
  povertyStatus: "none",
  civilServantRank: "none",
  claimed: {},
  ...o,
});

export const employeeInpatient = (o: RawRecord = {}): RawRecord => ({
  id: "T",
  insuredPlace: "lanzhou",
  scheme: "employee",
  personType: "in_service",
  careType: "inpatient",
  crossRegion: "local",
  settlement: "direct",
  settlementDate: "2020-06-30",
  hospitalLevel: "3A",
  admissionIndex: 1,
  total: "0",
  ...o,
});

export const residentInpatient = (o: RawRecord = {}): RawRecord => employeeInpatient({ scheme: "resident", personType: "adult", ...o });

export const outpatient = (o: RawRecord = {}): RawRecord => ({
  id: "T",
  insuredPlace: "lanzhou",
  scheme: "employee",
  personType: "in_service",
  crossRegion: "local",
  settlement: "manual",
  serviceDate: "2020-06-30",
  total: "0",
  ...o,
});

export function settle(raw: RawRecord, e: Engine = engine): SettlementResult {
  const v = validateClaim(raw);
  if (!v.ok) throw new Error(`invalid test claim: ${v.problems.map((p) => p.message.en).join("; ")}`);
  return e.settle(v.claim);
}

/** Amounts as two-decimal strings, or the problem. */
export function amounts(raw: RawRecord, e: Engine = engine): Record<string, string | null> {
  const r = settle(raw, e);
  if (!r.ok) throw new Error(`settlement failed: ${r.problem!.message.en}`);
  return amountsOf(r);
}

export function problem(raw: RawRecord, e: Engine = engine): Problem {
  const v = validateClaim(raw);
  if (!v.ok) return v.problems[0]!;
  const r = e.settle(v.claim);
  if (r.ok) throw new Error("expected a problem, got a settlement");
  return r.problem!;
}
