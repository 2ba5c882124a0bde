/**
 * Settling a person's claims of one year in order, carrying the year-to-date fields forward: the
 * pooled fund already paid out of each cap (the inpatient cap, each chronic disease's cap or the
 * shared cap of two approved diseases, the two-disease and general-outpatient limits), and the
 * personal in-policy burden that 大病保险 counts. The first claim's ytd values are the year's opening
 * figures. Also the per-disease settlement of one chronic claim (NA 二、(四); LN 第二十七条).
 */
import type { Claim } from "../claim/claim";
import { yearOf, type Day } from "../dates";
import { findChronic } from "../catalogs/chronic";
import type { Fen } from "../money";
import { Engine, type SettlementResult } from "./settle";
import { LAYERS } from "./columns";

function versionDay(c: Claim): number | undefined {
  return c.settlement === "direct" ? (c.settlementDate ?? c.serviceDate) : (c.admissionDate ?? c.serviceDate);
}

/** Which cap a claim's pooled payment counts against. */
export function fundPool(c: Claim): string {
  const d = versionDay(c);
  const year = d === undefined ? "?" : String(yearOf(d));
  let group = "";
  if (c.careType === "chronic") {
    const da = c.chronicDisease ? findChronic(c.scheme, c.chronicDisease) : undefined;
    const db = c.secondChronicDisease ? findChronic(c.scheme, c.secondChronicDisease) : undefined;
    const a = da?.id ?? c.chronicDisease ?? "";
    const b = db?.id ?? c.secondChronicDisease ?? "";
    // employees with two approved diseases that both have a cap share one cap (L 三、(三) 5.);
    // otherwise each disease has its own (POLICY §12: a disease without a cap shares nothing)
    group = c.scheme === "employee" && b && da?.cap !== null && db?.cap !== null ? [a, b].sort().join("+") : a;
  }
  return `${c.insuredPlace}|${c.scheme}|${c.careType}|${year}|${group}`;
}

/** The 大病保险 year of a claim, or null when the claim does not count (POLICY §6: resident inpatient and chronic). */
export function personalPool(c: Claim): string | null {
  if (c.scheme !== "resident" || (c.careType !== "inpatient" && c.careType !== "chronic")) return null;
  const d = versionDay(c);
  return `${c.insuredPlace}|${d === undefined ? "?" : yearOf(d)}`;
}

/**
 * Settle claims of one person in the order given. Each claim's ytdFundPaid and ytdPersonalInPolicy
 * are the opening figure of its pool (taken from the first claim of that pool) plus what the earlier
 * claims of the pool paid; the returned claims carry the figures used.
 */
export function settleInOrder(engine: Engine, claims: readonly Claim[]): { claim: Claim; result: SettlementResult }[] {
  const fund = new Map<string, Fen>();
  const personal = new Map<string, Fen>();
  const out: { claim: Claim; result: SettlementResult }[] = [];
  for (const c0 of claims) {
    const fk = fundPool(c0);
    const pk = personalPool(c0);
    if (!fund.has(fk)) fund.set(fk, c0.ytdFundPaid);
    if (pk !== null && !personal.has(pk)) personal.set(pk, c0.ytdPersonalInPolicy);
    const c: Claim = { ...c0, ytdFundPaid: fund.get(fk)!, ytdPersonalInPolicy: pk === null ? c0.ytdPersonalInPolicy : personal.get(pk)! };
    const r = engine.settle(c);
    if (r.ok) {
      fund.set(fk, fund.get(fk)! + r.layers.pooled);
      if (pk !== null) personal.set(pk, personal.get(pk)! + r.policyScope - r.layers.pooled);
    }
    out.push({ claim: c, result: r });
  }
  return out;
}

/** Settling chronic care disease by disease, and who decides how several diseases combine. */
export const BY_DISEASE_REFS = [
  { doc: "NA", section: "三、(四)", excerpt: "将门诊慢特病相关治疗费用分病种单独结算" },
  { doc: "LN", section: "第二十七条", excerpt: "门诊慢特病相关治疗费用应分病种单独结算，同时发生的与门诊慢特病治疗无关的其他门诊费用应按普通门诊费用分开结算。" },
  { doc: "LN", section: "第二十五条", excerpt: "异地就医人员同时享受多个门诊慢特病待遇的，由参保地根据本地规定确定待遇计算规则。" },
  { doc: "NA", section: "二、(二)", excerpt: "参保人员同时享受多个门诊慢特病待遇的，由参保地根据本地规定确定待遇计算规则。" },
] as const;

export interface DiseasePart {
  chronicDisease: string;
  /** This disease's approval date; default: the claim's chronicApproved for the first part, secondChronicApproved for the second. */
  chronicApproved?: Day;
  total: Fen;
  outOfCatalog?: Fen;
  classB?: Fen;
  /** Residents: what this disease's cap already paid this year (each disease has its own cap). */
  ytdFundPaid?: Fen;
}

/**
 * A chronic claim covering several diseases, settled disease by disease: one settlement per part
 * (its own amounts, ratio and cap), in order, the shared cap of an employee's two approved diseases
 * carried from one part to the next, then the layers summed.
 */
export function settleByDisease(engine: Engine, claim: Claim, parts: readonly DiseasePart[]): { parts: { claim: Claim; result: SettlementResult }[]; layers: Record<(typeof LAYERS)[number], Fen>; personal: Fen; ok: boolean } {
  const approvedOf = (j: number): Day | undefined => parts[j]?.chronicApproved ?? (j === 0 ? claim.chronicApproved : j === 1 ? claim.secondChronicApproved : undefined);
  const capped = (name: string | undefined) => name !== undefined && findChronic(claim.scheme, name)?.cap !== null;
  const claims = parts.map((p, j): Claim => {
    const other = parts.length === 2 ? parts[1 - j]!.chronicDisease : claim.secondChronicDisease;
    const otherApproved = parts.length === 2 ? approvedOf(1 - j) : claim.secondChronicApproved;
    const c: Claim = { ...claim, chronicDisease: p.chronicDisease, total: p.total, outOfCatalog: p.outOfCatalog ?? 0, classB: p.classB ?? 0, tcm: 0, claimed: {} };
    const approved = approvedOf(j);
    if (approved !== undefined) c.chronicApproved = approved;
    delete c.secondChronicApproved;
    // The shared cap needs both diseases capped (POLICY §12): with dialysis or transplant each part
    // is settled under its own disease's terms alone.
    if (claim.scheme === "employee" && other && other !== p.chronicDisease && capped(other) && capped(p.chronicDisease)) {
      c.secondChronicDisease = other;
      if (otherApproved !== undefined) c.secondChronicApproved = otherApproved;
    } else delete c.secondChronicDisease;
    if (claim.scheme === "resident") c.ytdFundPaid = p.ytdFundPaid ?? 0;
    return c;
  });
  const settled = settleInOrder(engine, claims);
  const layers = Object.fromEntries(LAYERS.map((l) => [l, settled.reduce((a, s) => a + (s.result.ok ? s.result.layers[l] : 0), 0)])) as Record<(typeof LAYERS)[number], Fen>;
  return { parts: settled, layers, personal: settled.reduce((a, s) => a + (s.result.ok ? s.result.personal : 0), 0), ok: settled.every((s) => s.result.ok) };
}
