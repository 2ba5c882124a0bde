import type { Day } from "../dates";
import type { Fen } from "../money";
import type {
  CareType,
  CivilServantRank,
  CrossRegion,
  HospitalLevel,
  InsuredPlace,
  PersonType,
  PovertyStatus,
  Scheme,
  Settlement,
} from "./enums";

/** What a submitted claim says was (or should be) paid: the audit compares these with the recomputation. */
export interface Claimed {
  pooled?: Fen;
  largeAmount?: Fen;
  supplementary?: Fen;
  seriousIllness?: Fen;
  assistance?: Fen;
  subsidy?: Fen;
  personal?: Fen;
  threshold?: Fen;
  policyScope?: Fen;
  preSelfPay?: Fen;
  personalCash?: Fen;
  accountPaid?: Fen;
}

/** A validated claim in canonical form (POLICY §3). Amounts in fen, dates as day numbers. */
export interface Claim {
  id: string;
  insuredPlace: InsuredPlace;
  scheme: Scheme;
  personType: PersonType;
  careType: CareType;
  crossRegion: CrossRegion;
  /** Undefined when the claim does not say; a rule that needs it then says so. */
  crossProvince?: boolean;
  /** A long-term filer treated back in the insured place (L 三、(五) 2.(5)). Blank = no. */
  treatedInInsuredPlace: boolean;
  /** Treated in the place the person filed: long-term residents, interns and students at home (SY 三). Blank = no. */
  inFiledPlace: boolean;
  settlement: Settlement;
  hospitalLevel?: HospitalLevel;
  admissionIndex?: number;
  admissionDate?: Day;
  dischargeDate?: Day;
  settlementDate?: Day;
  serviceDate?: Day;
  total: Fen;
  outOfCatalog: Fen;
  classB: Fen;
  tcm: Fen;
  ytdFundPaid: Fen;
  ytdPersonalInPolicy: Fen;
  chronicDisease?: string;
  secondChronicDisease?: string;
  chronicApproved?: Day;
  /** The second disease's approval date (POLICY §12: each disease within its own payment years). */
  secondChronicApproved?: Day;
  /** Birth date, for catalog rows limited to an age group (苯丙酮尿症（18岁及以下儿童）). */
  birthDate?: Day;
  /** The threshold already paid at the referring stay (LN 第二十三条: 困难群体 referred in the province, 起付标准连续计算). */
  referralThresholdPaid?: Fen;
  /** The emergency condition claimed (急危重病病种) and the findings that show it (关键指标, e.g. 收缩压=75;乳酸=3.5). */
  emergencyCondition?: string;
  emergencyFindings?: string;
  /** Filing date (备案日期) of a referral or long-term filing, and the materials handed in (已交材料). */
  filingDate?: Day;
  /** When a manual reimbursement was handed in (for the deadline a place may set). */
  submissionDate?: Day;
  materials?: string;
  povertyStatus: PovertyStatus;
  civilServantRank: CivilServantRank;
  claimed: Claimed;
  /** Personal data, kept only to identify the claim in reports (masked in exports by default). */
  name?: string;
  idNumber?: string;
}
