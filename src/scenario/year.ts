/**
 * A person's year under a scenario. A claim's year-to-date fields (ytdFundPaid: what the pooled fund
 * already paid out of the cap this year; ytdPersonalInPolicy: the personal in-policy burden that
 * 大病保险 counts) say what happened before it. When the scenario changes what the person's earlier
 * claims of the year in this batch pay, the later claims start from a different point: someone near
 * a cap may reach it sooner or later, so who pays changes. The scenario therefore re-settles each
 * person's year in order, and each later claim's year-to-date figures become
 *
 *     as given in the file  +  Σ (scenario − baseline) over the person's earlier claims of that pool
 *
 * (the pools are the engine's: src/engine/year.ts fundPool and personalPool, so a chronic disease's
 * own cap and 大病保险's year are kept apart). The baseline stays exactly the file's figures, i.e. the
 * CLI's and the audit's per-claim results, and a scenario equal to the baseline changes nothing.
 *
 * Who is a person: the ID number (身份证号) when the batch has that column; otherwise the name together
 * with the insured place and the scheme. Where that cannot tell people apart, the claims are not
 * linked (each is settled with its year-to-date figures as given) and the report says how many and
 * why, rather than guessing:
 * - a claim without the identifying value (no ID number in a batch that has them, or no name);
 * - without ID numbers, one name with two person types in one year (two people of the same name);
 * - year-to-date figures that go down from one claim to the next in date order (the order, or who is
 *   who, is not what the dates say).
 * Claims are ordered by the date that picks their rule version (POLICY §2), then the admission index,
 * then the year-to-date figure, then their row.
 */
import type { Claim } from "../claim/claim";
import { yearOf, type Day } from "../dates";
import { fundPool, personalPool } from "../engine/year";
import { allocResults, fromClaims, type ClaimColumns, type ResultColumns } from "../engine/columns";
import type { Engine } from "../engine/settle";
import type { Fen } from "../money";

export type Identity = "idNumber" | "name" | "none";
export type Unlinked = "noIdentity" | "sameName" | "ytdOrder";

export interface YearLinks {
  /** What identifies a person in this batch. */
  identity: Identity;
  /** Person-years with two or more claims (whose later claims are re-settled in order). */
  people: number;
  /** Claims after the first of their person-year. */
  later: number;
  /** Claims not linked, by reason, with the first claim's id as an example. */
  unlinked: { reason: Unlinked; claims: number; example: string }[];
  /** Per claim: its fund pool and personal pool (−1 none), and its position in its person-year (0 = first or unlinked). */
  fundPool: Int32Array;
  personalPool: Int32Array;
  position: Int32Array;
  /** Later claims by round (round r = position r + 1), as indices into the batch. */
  rounds: Int32Array[];
  /** The later claims as columns, round after round (round r starts at roundStart[r]). */
  sub: ClaimColumns | null;
  roundStart: number[];
  pools: { fund: number; personal: number };
}

/** The date that picks a claim's rule version (POLICY §2; SY 六、), as the engine reads it. */
export function versionDay(c: Claim): Day | undefined {
  return c.settlement === "direct" ? (c.settlementDate ?? c.serviceDate) : (c.admissionDate ?? c.serviceDate);
}

export function linkYears(claims: readonly Claim[]): YearLinks {
  const n = claims.length;
  const identity: Identity = claims.some((c) => c.idNumber !== undefined && c.idNumber !== "") ? "idNumber" : claims.some((c) => c.name !== undefined && c.name !== "") ? "name" : "none";
  const fund = new Int32Array(n).fill(-1);
  const personal = new Int32Array(n).fill(-1);
  const position = new Int32Array(n);
  const unlinked = new Map<Unlinked, { claims: number; example: string }>();
  const drop = (reason: Unlinked, ids: readonly number[]) => {
    const u = unlinked.get(reason) ?? { claims: 0, example: claims[ids[0]!]!.id };
    u.claims += ids.length;
    unlinked.set(reason, u);
  };
  const empty = { identity, people: 0, later: 0, fundPool: fund, personalPool: personal, position, rounds: [], sub: null, roundStart: [], pools: { fund: 0, personal: 0 } };
  if (identity === "none") return { ...empty, unlinked: [] };

  // person-year → its claims
  const groups = new Map<string, number[]>();
  const noId: number[] = [];
  claims.forEach((c, i) => {
    const day = versionDay(c);
    if (day === undefined) return; // the engine refuses it (the date it needs is missing)
    const who = identity === "idNumber" ? c.idNumber : c.name;
    if (who === undefined || who === "") return noId.push(i);
    const key = identity === "idNumber" ? `${who}|${yearOf(day)}` : `${who}|${c.insuredPlace}|${c.scheme}|${yearOf(day)}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  if (noId.length) drop("noIdentity", noId);

  const fundIds = new Map<string, number>();
  const personalIds = new Map<string, number>();
  const rounds: number[][] = [];
  let people = 0;
  for (const [key, g] of groups) {
    if (g.length < 2) continue;
    if (identity === "name" && new Set(g.map((i) => claims[i]!.personType)).size > 1) {
      drop("sameName", g);
      continue;
    }
    g.sort((a, b) => {
      const ca = claims[a]!;
      const cb = claims[b]!;
      return versionDay(ca)! - versionDay(cb)! || (ca.admissionIndex ?? 0) - (cb.admissionIndex ?? 0) || ca.ytdFundPaid - cb.ytdFundPaid || a - b;
    });
    // year-to-date figures never go down within a pool
    const last = new Map<string, [Fen, Fen]>();
    let ordered = true;
    for (const i of g) {
      const c = claims[i]!;
      const fk = fundPool(c);
      const prev = last.get(fk);
      if (prev && (c.ytdFundPaid < prev[0] || c.ytdPersonalInPolicy < prev[1])) ordered = false;
      last.set(fk, [c.ytdFundPaid, c.ytdPersonalInPolicy]);
    }
    if (!ordered) {
      drop("ytdOrder", g);
      continue;
    }
    people++;
    g.forEach((i, p) => {
      const c = claims[i]!;
      const fk = `${key}|${fundPool(c)}`;
      if (!fundIds.has(fk)) fundIds.set(fk, fundIds.size);
      fund[i] = fundIds.get(fk)!;
      const pp = personalPool(c);
      if (pp !== null) {
        const pk = `${key}|${pp}`;
        if (!personalIds.has(pk)) personalIds.set(pk, personalIds.size);
        personal[i] = personalIds.get(pk)!;
      }
      position[i] = p;
      if (p > 0) (rounds[p - 1] ??= []).push(i);
    });
  }
  const order = rounds.flat();
  const roundStart: number[] = [];
  let at = 0;
  for (const r of rounds) {
    roundStart.push(at);
    at += r.length;
  }
  return {
    identity,
    people,
    later: order.length,
    unlinked: [...unlinked].map(([reason, u]) => ({ reason, ...u })),
    fundPool: fund,
    personalPool: personal,
    position,
    rounds: rounds.map((r) => Int32Array.from(r)),
    sub: order.length ? fromClaims(order.map((i) => claims[i]!)) : null,
    roundStart,
    pools: { fund: fundIds.size, personal: personalIds.size },
  };
}

/**
 * Later claims whose file figure does not hold what the person's earlier claim of the pool in this
 * batch paid (in the baseline): the file's ledger leaves that claim out, so the baseline itself may
 * pay past a cap. Counted and named, never corrected silently (the figures are the file's).
 */
export function ledgerGaps(cols: ClaimColumns, links: YearLinks, base: ResultColumns): { claims: number; example: string } {
  const lastOf = new Map<number, number>();
  let claims = 0;
  let example = "";
  const order = [...Array(cols.n).keys()].filter((i) => links.position[i] === 0 && links.fundPool[i]! >= 0);
  for (const r of links.rounds) order.push(...r);
  for (const i of order) {
    const f = links.fundPool[i]!;
    const prev = lastOf.get(f);
    if (prev !== undefined && !base.problems[prev] && cols.ytdFundPaid[i]! < cols.ytdFundPaid[prev]! + base.pooled[prev]!) {
      claims++;
      example ||= cols.ids[i]!;
    }
    lastOf.set(f, i);
  }
  return { claims, example };
}

const AMOUNTS = ["policyScope", "classBSelfShare", "firstPay", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "versionDay"] as const;

function copyRow(from: ResultColumns, j: number, to: ResultColumns, i: number): void {
  for (const k of AMOUNTS) to[k][i] = from[k][j]!;
  to.route[i] = from.route[j]!;
  to.problems[i] = from.problems[j];
}

export interface YearRun {
  /** The year-to-date figures each claim was settled with (as given, or carried forward). */
  ytdFundPaid: Float64Array;
  ytdPersonalInPolicy: Float64Array;
  /** Later claims whose figures changed because earlier claims of the person paid differently. */
  carried: number;
  /** Later claims left as given because an earlier claim of the pool failed in the baseline or the scenario. */
  stopped: number;
}

/**
 * The later claims of each person-year re-settled in order under `engine`, into `res` (which holds
 * the whole batch settled with the figures as given), against the baseline `base`.
 */
export function settleYears(engine: Engine, cols: ClaimColumns, links: YearLinks, base: ResultColumns, res: ResultColumns): YearRun {
  const ytdFundPaid = cols.ytdFundPaid.slice(0, cols.n);
  const ytdPersonalInPolicy = cols.ytdPersonalInPolicy.slice(0, cols.n);
  const run: YearRun = { ytdFundPaid, ytdPersonalInPolicy, carried: 0, stopped: 0 };
  const sub = links.sub;
  if (!sub) return run;
  const dFund = new Float64Array(links.pools.fund);
  const dPersonal = new Float64Array(links.pools.personal);
  const broken = new Uint8Array(links.pools.fund);
  const brokenPersonal = new Uint8Array(links.pools.personal);
  const failed = (i: number) => !!base.problems[i] || !!res.problems[i];
  const carry = (i: number) => {
    const f = links.fundPool[i]!;
    if (f < 0) return;
    const p = links.personalPool[i]!;
    if (failed(i)) {
      broken[f] = 1;
      if (p >= 0) brokenPersonal[p] = 1;
      return;
    }
    dFund[f]! += res.pooled[i]! - base.pooled[i]!;
    if (p >= 0) dPersonal[p]! += res.policyScope[i]! - res.pooled[i]! - (base.policyScope[i]! - base.pooled[i]!);
  };
  // the first claims of every person-year are settled as given
  for (let i = 0; i < cols.n; i++) if (links.position[i] === 0 && links.fundPool[i]! >= 0) carry(i);
  const out = allocResults(sub.n);
  links.rounds.forEach((round, r) => {
    const start = links.roundStart[r]!;
    let changed = false;
    for (let j = 0; j < round.length; j++) {
      const i = round[j]!;
      const f = links.fundPool[i]!;
      const p = links.personalPool[i]!;
      const stop = broken[f] === 1 || (p >= 0 && brokenPersonal[p] === 1);
      const df = stop ? 0 : dFund[f]!;
      const dp = p >= 0 && !stop ? dPersonal[p]! : 0;
      if (stop) run.stopped++;
      // a figure carried below zero means the file's figure did not hold the earlier claims: keep zero
      const yf = Math.max(0, cols.ytdFundPaid[i]! + df);
      const yp = Math.max(0, cols.ytdPersonalInPolicy[i]! + dp);
      sub.ytdFundPaid[start + j] = yf;
      sub.ytdPersonalInPolicy[start + j] = yp;
      ytdFundPaid[i] = yf;
      ytdPersonalInPolicy[i] = yp;
      if (yf !== cols.ytdFundPaid[i] || yp !== cols.ytdPersonalInPolicy[i]) {
        changed = true;
        run.carried++;
      }
    }
    if (changed) {
      engine.settleInto(sub, out, start, start + round.length);
      for (let j = 0; j < round.length; j++) {
        const i = round[j]!;
        if (ytdFundPaid[i] !== cols.ytdFundPaid[i] || ytdPersonalInPolicy[i] !== cols.ytdPersonalInPolicy[i]) copyRow(out, start + j, res, i);
      }
    }
    for (let j = 0; j < round.length; j++) carry(round[j]!);
  });
  return run;
}
