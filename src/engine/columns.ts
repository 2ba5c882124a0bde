/**
 * Claims column-wise: one typed array per field, so a batch of 100 000 claims is settled in one pass
 * with no per-claim objects. `fromClaims` turns validated claims into columns; the one-claim path is
 * a batch of one.
 */
import type { Claim } from "../claim/claim";
import {
  CARE_TYPES,
  CIVIL_SERVANT_RANKS,
  CROSS_REGIONS,
  EMPLOYEE_PERSON_TYPES,
  HOSPITAL_LEVELS,
  INSURED_PLACES,
  PERSON_TYPES,
  POVERTY_STATUSES,
  RESIDENT_PERSON_TYPES,
  SCHEMES,
  SETTLEMENTS,
} from "../claim/enums";
import { findChronic, lanzhouChronic, partialCandidates } from "../catalogs/chronic";
import { nameKey } from "../catalogs/chronic";
import { CONDITIONS, findCondition } from "../catalogs/emergency";
import type { Problem } from "../problem";
import { MAX_FEN } from "../money";
import type { Text } from "../text";
import { keepsQualifier } from "../policy/chronicRules";

export const NONE = 255;
/** A hospital level that is not one of the codes (a hand-built claim); the engine refuses the claim. */
export const BAD_LEVEL = 254;
/** Chronic disease column values besides a catalog index. */
export const DISEASE_NONE = -1;
export const DISEASE_UNKNOWN = -2;
/** One row naming two or more diseases: each disease is settled on its own (NA 二、(四); LN 第二十七条). */
export const DISEASE_SEVERAL = -3;

/** Two-disease (两病) kinds. */
export const TWO_DISEASE_KINDS = ["hypertension", "diabetes", "both"] as const;

export interface ClaimColumns {
  n: number;
  ids: string[];
  insuredPlace: Uint8Array;
  scheme: Uint8Array;
  personType: Uint8Array;
  careType: Uint8Array;
  crossRegion: Uint8Array;
  /** 0 no, 1 yes, 2 not said */
  crossProvince: Uint8Array;
  treatedInInsuredPlace: Uint8Array;
  inFiledPlace: Uint8Array;
  settlement: Uint8Array;
  hospitalLevel: Uint8Array;
  /** 0 when not given */
  admissionIndex: Uint16Array;
  admissionDate: Float64Array;
  dischargeDate: Float64Array;
  settlementDate: Float64Array;
  serviceDate: Float64Array;
  chronicApproved: Float64Array;
  /** The second disease's approval date (its payment years; POLICY §12). */
  secondChronicApproved: Float64Array;
  /** For rows limited to a group by age (苯丙酮尿症（18岁及以下儿童）). */
  birthDate: Float64Array;
  total: Float64Array;
  outOfCatalog: Float64Array;
  classB: Float64Array;
  tcm: Float64Array;
  ytdFundPaid: Float64Array;
  ytdPersonalInPolicy: Float64Array;
  /** The threshold already paid at the referring stay of this episode (LN 第二十三条 连续计算); NaN when not given. */
  referralThresholdPaid: Float64Array;
  /** Index into the scheme's chronic catalog, DISEASE_NONE or DISEASE_UNKNOWN. */
  disease: Int16Array;
  secondDisease: Int16Array;
  /**
   * Bit 1: the first disease's name found its row only by dropping the row's qualifier (原发性高血压
   * for 原发性高血压（有合并症者）); bit 2: the second's. Such a name did not choose the row (POLICY §12).
   */
  qualifierDropped: Uint8Array;
  /** Two-disease kind index into TWO_DISEASE_KINDS, or −1 / −2. */
  twoDisease: Int8Array;
  /** The disease names as written, for messages. */
  diseaseNames: (string | undefined)[];
  secondDiseaseNames: (string | undefined)[];
  povertyStatus: Uint8Array;
  civilServantRank: Uint8Array;
  /** Claimed emergency condition (index into CONDITIONS), −1 none, −2 unknown name; findings parsed once. */
  emergency: Int16Array;
  emergencyNames: (string | undefined)[];
  emergencyFindings: (string | undefined)[];
  /**
   * 0, or 1 when the claim is malformed (see wellFormed): the engine then answers with a problem
   * instead of settling it. Written by setClaim, where the values pass anyway, so the batch pays one
   * byte per claim for the check.
   */
  malformed: Uint8Array;
}

export function allocColumns(n: number): ClaimColumns {
  return {
    n,
    ids: new Array<string>(n).fill(""),
    insuredPlace: new Uint8Array(n),
    scheme: new Uint8Array(n),
    personType: new Uint8Array(n),
    careType: new Uint8Array(n),
    crossRegion: new Uint8Array(n),
    crossProvince: new Uint8Array(n).fill(2),
    treatedInInsuredPlace: new Uint8Array(n),
    inFiledPlace: new Uint8Array(n),
    settlement: new Uint8Array(n),
    hospitalLevel: new Uint8Array(n).fill(NONE),
    admissionIndex: new Uint16Array(n),
    admissionDate: new Float64Array(n).fill(NaN),
    dischargeDate: new Float64Array(n).fill(NaN),
    settlementDate: new Float64Array(n).fill(NaN),
    serviceDate: new Float64Array(n).fill(NaN),
    chronicApproved: new Float64Array(n).fill(NaN),
    secondChronicApproved: new Float64Array(n).fill(NaN),
    birthDate: new Float64Array(n).fill(NaN),
    total: new Float64Array(n),
    outOfCatalog: new Float64Array(n),
    classB: new Float64Array(n),
    tcm: new Float64Array(n),
    ytdFundPaid: new Float64Array(n),
    ytdPersonalInPolicy: new Float64Array(n),
    referralThresholdPaid: new Float64Array(n).fill(NaN),
    disease: new Int16Array(n).fill(DISEASE_NONE),
    secondDisease: new Int16Array(n).fill(DISEASE_NONE),
    qualifierDropped: new Uint8Array(n),
    twoDisease: new Int8Array(n).fill(-1),
    diseaseNames: new Array(n).fill(undefined),
    secondDiseaseNames: new Array(n).fill(undefined),
    povertyStatus: new Uint8Array(n),
    civilServantRank: new Uint8Array(n),
    emergency: new Int16Array(n).fill(-1),
    emergencyNames: new Array(n).fill(undefined),
    emergencyFindings: new Array(n).fill(undefined),
    malformed: new Uint8Array(n),
  };
}

const idx = <T extends string>(list: readonly T[], v: T) => list.indexOf(v);

function diseaseIndex(scheme: "employee" | "resident", name: string | undefined): number {
  if (name === undefined) return DISEASE_NONE;
  // remembered per name: the audit's known mistakes put the same claims through here again and again
  const memo = DISEASE_MEMO[scheme];
  let d = memo.get(name);
  if (d === undefined) {
    d = findDiseaseIndex(scheme, name);
    if (memo.size >= 4096) memo.clear();
    memo.set(name, d);
  }
  return d;
}
const DISEASE_MEMO = { employee: new Map<string, number>(), resident: new Map<string, number>() };

function findDiseaseIndex(scheme: "employee" | "resident", name: string): number {
  const d = findChronic(scheme, name);
  if (!d) {
    // a name that drops the qualifier of one row only: that row, flagged (see dropped)
    const partial = partialCandidates(scheme, name);
    if (partial.length === 1) return (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident).indexOf(partial[0]!);
    const parts = name.split(/[、;；,，+＋\/]|和|及(?!附件)/).map((x) => x.trim()).filter(Boolean);
    if (parts.length > 1 && parts.filter((x) => findChronic(scheme, x)).length > 1) return DISEASE_SEVERAL;
    return DISEASE_UNKNOWN;
  }
  return (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident).indexOf(d);
}

/**
 * 1 when the name reaches its row only by dropping the row's qualifier (POLICY §12): either the
 * catalog found the row under a name that omits the qualifier's words, or the catalog found no row
 * and the name is one that drops the qualifier of exactly one row (原发性高血压 → E09). The kernel
 * then refuses it with the candidates, or, under the other reading, pays that row and says so.
 */
function dropped(scheme: "employee" | "resident", name: string | undefined, d: number): number {
  if (name === undefined || d < 0) return 0;
  const row = (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident)[d]!;
  return findChronic(scheme, name) !== row || !keepsQualifier(row, name) ? 1 : 0;
}

/** The names people write for both diseases of 两病 at once (data: words read from the input). */
const TWO_DISEASE_BOTH_NAMES: readonly string[] = ["两病", "both"];

/** 两病: 高血压, 糖尿病, or both (高血压+糖尿病, 两病 …). */
export function twoDiseaseKind(name: string | undefined): number {
  if (name === undefined) return -1;
  const k = nameKey(name);
  const h = /高血压|hypertension/.test(k);
  const d = /糖尿病|diabetes/.test(k);
  if ((h && d) || TWO_DISEASE_BOTH_NAMES.includes(k)) return 2;
  if (h) return 0;
  if (d) return 1;
  return -2;
}

export function setClaim(c: ClaimColumns, i: number, claim: Claim): void {
  c.ids[i] = claim.id;
  c.insuredPlace[i] = idx(INSURED_PLACES, claim.insuredPlace);
  c.scheme[i] = idx(SCHEMES, claim.scheme);
  c.personType[i] = idx(PERSON_TYPES, claim.personType);
  c.careType[i] = idx(CARE_TYPES, claim.careType);
  c.crossRegion[i] = idx(CROSS_REGIONS, claim.crossRegion);
  c.crossProvince[i] = claim.crossProvince === undefined ? 2 : claim.crossProvince ? 1 : 0;
  c.treatedInInsuredPlace[i] = claim.treatedInInsuredPlace ? 1 : 0;
  c.inFiledPlace[i] = claim.inFiledPlace ? 1 : 0;
  c.settlement[i] = idx(SETTLEMENTS, claim.settlement);
  const level = claim.hospitalLevel === undefined ? NONE : idx(HOSPITAL_LEVELS, claim.hospitalLevel);
  c.hospitalLevel[i] = level < 0 ? BAD_LEVEL : level;
  c.admissionIndex[i] = claim.admissionIndex ?? 0;
  c.admissionDate[i] = claim.admissionDate ?? NaN;
  c.dischargeDate[i] = claim.dischargeDate ?? NaN;
  c.settlementDate[i] = claim.settlementDate ?? NaN;
  c.serviceDate[i] = claim.serviceDate ?? NaN;
  c.chronicApproved[i] = claim.chronicApproved ?? NaN;
  c.secondChronicApproved[i] = claim.secondChronicApproved ?? NaN;
  c.birthDate[i] = claim.birthDate ?? NaN;
  c.total[i] = claim.total;
  c.outOfCatalog[i] = claim.outOfCatalog;
  c.classB[i] = claim.classB;
  c.tcm[i] = claim.tcm;
  c.ytdFundPaid[i] = claim.ytdFundPaid;
  c.ytdPersonalInPolicy[i] = claim.ytdPersonalInPolicy;
  c.referralThresholdPaid[i] = claim.referralThresholdPaid ?? NaN;
  c.disease[i] = diseaseIndex(claim.scheme, claim.chronicDisease);
  c.secondDisease[i] = diseaseIndex(claim.scheme, claim.secondChronicDisease);
  c.qualifierDropped[i] = dropped(claim.scheme, claim.chronicDisease, c.disease[i]!) | (dropped(claim.scheme, claim.secondChronicDisease, c.secondDisease[i]!) << 1);
  c.twoDisease[i] = claim.careType === "two_disease" ? twoDiseaseKind(claim.chronicDisease) : -1;
  c.diseaseNames[i] = claim.chronicDisease;
  c.secondDiseaseNames[i] = claim.secondChronicDisease;
  c.povertyStatus[i] = idx(POVERTY_STATUSES, claim.povertyStatus);
  c.civilServantRank[i] = idx(CIVIL_SERVANT_RANKS, claim.civilServantRank);
  if (claim.emergencyCondition !== undefined) {
    const found = findCondition(claim.emergencyCondition).condition;
    c.emergency[i] = found ? CONDITIONS.indexOf(found) : -2;
    c.emergencyNames[i] = claim.emergencyCondition;
    c.emergencyFindings[i] = claim.emergencyFindings;
  }
  c.malformed[i] = wellFormed(c, i) ? 0 : 1;
}

/** PERSON_OF_SCHEME[scheme][personType]: employees in_service / retired, residents the others (POLICY §3). */
const PERSON_OF_SCHEME = SCHEMES.map((s) => PERSON_TYPES.map((p) => ((s === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES) as readonly string[]).includes(p)));

/** The coded columns of row i are codes (setClaim writes 255, or BAD_LEVEL, for a value outside the enum) and the person type is the scheme's. */
export function codesKnown(c: ClaimColumns, i: number): boolean {
  const lv = c.hospitalLevel[i]!;
  return (
    PERSON_OF_SCHEME[c.scheme[i]!]?.[c.personType[i]!] === true &&
    c.insuredPlace[i]! < INSURED_PLACES.length &&
    c.careType[i]! < CARE_TYPES.length &&
    c.crossRegion[i]! < CROSS_REGIONS.length &&
    c.settlement[i]! < SETTLEMENTS.length &&
    c.povertyStatus[i]! < POVERTY_STATUSES.length &&
    c.civilServantRank[i]! < CIVIL_SERVANT_RANKS.length &&
    (lv < HOSPITAL_LEVELS.length || lv === NONE)
  );
}

/** A whole number of fen in [0, MAX_FEN] (NaN, fractions and negatives are not). */
export const isFen = (x: number): boolean => x >= 0 && x <= MAX_FEN && Math.floor(x) === x;

/**
 * What the validator guarantees of a claim, checked again for claims built by hand: codes, the
 * person type of the scheme, amounts in whole fen, class B + out-of-catalog and TCM + out-of-catalog
 * within the total (a class-B amount above the total made the policy scope negative and the
 * civil-servant subsidy threw; a resident person type for an employee read a missing band and threw).
 */
export function wellFormed(c: ClaimColumns, i: number): boolean {
  const t = c.total[i]!;
  const o = c.outOfCatalog[i]!;
  const rtp = c.referralThresholdPaid[i]!;
  return codesKnown(c, i) && isFen(t) && isFen(o) && isFen(c.classB[i]!) && isFen(c.tcm[i]!) && isFen(c.ytdFundPaid[i]!) && isFen(c.ytdPersonalInPolicy[i]!) && (rtp !== rtp || isFen(rtp)) && c.classB[i]! + o <= t && c.tcm[i]! + o <= t;
}

export function fromClaims(claims: readonly Claim[]): ClaimColumns {
  const c = allocColumns(claims.length);
  claims.forEach((claim, i) => setClaim(c, i, claim));
  return c;
}

/** What the batch writes: every amount in fen, NaN where a claim failed. */
export interface ResultColumns {
  n: number;
  policyScope: Float64Array;
  classBSelfShare: Float64Array;
  firstPay: Float64Array;
  threshold: Float64Array;
  pooled: Float64Array;
  largeAmount: Float64Array;
  supplementary: Float64Array;
  seriousIllness: Float64Array;
  assistance: Float64Array;
  subsidy: Float64Array;
  personal: Float64Array;
  /** Route index (see routes.ts), −1 when the claim failed before routing. */
  route: Int16Array;
  versionDay: Float64Array;
  /** Sparse: set only for claims that failed. */
  problems: (Problem | null | undefined)[];
  /**
   * Sparse: set only for claims settled in part (POLICY §12): the layers the documents name but give
   * no figure for. Their columns and the personal share are NaN; the other layers stand.
   */
  incomplete: (Incomplete[] | undefined)[];
}

/** A layer that cannot be computed, with the parameter it needs (the JSON results' `incomplete`). */
export interface Incomplete {
  layer: Layer;
  code: string;
  parameter: string;
  message: Text;
}

export const LAYERS = ["pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy"] as const;
export type Layer = (typeof LAYERS)[number];

export function allocResults(n: number): ResultColumns {
  // One buffer for the eleven amount columns: one allocation, one zero-fill.
  const buf = new ArrayBuffer(n * 8 * 12);
  let k = 0;
  const f = () => new Float64Array(buf, n * 8 * k++, n);
  return {
    n,
    policyScope: f(),
    classBSelfShare: f(),
    firstPay: f(),
    threshold: f(),
    pooled: f(),
    largeAmount: f(),
    supplementary: f(),
    seriousIllness: f(),
    assistance: f(),
    subsidy: f(),
    personal: f(),
    versionDay: f().fill(NaN),
    route: new Int16Array(n).fill(-1),
    problems: new Array(n),
    incomplete: new Array(n),
  };
}
