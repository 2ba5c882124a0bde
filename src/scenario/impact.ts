/**
 * Who gains and who loses under a scenario: per claim, the change in the personal burden (what stays
 * with the person in the catalog: scenario − baseline; negative = the person pays less), counted by
 * group and as a distribution, and the claims that cross a line:
 * - the threshold (the first band edge): a policy-scope expense below the threshold in one set and
 *   above it in the other starts or stops being paid at all;
 * - an annual cap: the cap limits the claim's pooled payment in one set and not in the other.
 *   A cap "limits" a claim when one more fen paid earlier in the year would lower its payment, or
 *   when its payment would be higher had nothing been paid earlier: both read from the engine itself
 *   (the claim settled again with its year-to-date figure moved), so every cap of every rule counts
 *   (inpatient caps, a chronic disease's cap, the two-disease and general-outpatient limits).
 * Band edges above the threshold are expense amounts the documents fix; the pane edits their rates,
 * so a claim changes band only when the threshold moves, which is counted here.
 * Claims that fail in either set count apart (neither gain nor loss).
 */
import type { ClaimColumns, ResultColumns } from "../engine/columns";
import { allocResults } from "../engine/columns";
import type { Engine } from "../engine/settle";
import type { Fen } from "../money";
import type { Text } from "../text";
import { msg } from "../messages";
import { groupLabel, type Dimension, type PreparedBatch } from "./compare";
import { weightedSum, type Weights } from "./weights";

export interface ImpactCounts {
  /** Claims (weighted when a weight column is used) whose personal burden falls, rises, stays. */
  gain: number;
  lose: number;
  same: number;
  failed: number;
  /** Claims the threshold now lets in (paid) / shuts out. */
  thresholdIn: number;
  thresholdOut: number;
  /** Claims a cap now limits / no longer limits. */
  capIn: number;
  capOut: number;
  /** Σ change in personal burden (fen; weighted and rounded once when weighted). */
  change: Fen;
}

export interface ImpactGroup extends ImpactCounts {
  key: string;
  label: Text;
}

/** Bins of the change in personal burden, in yuan: edges at ±10, ±100, ±1 000. */
export const BINS = ["down1000", "down100", "down10", "down0", "same", "up0", "up10", "up100", "up1000"] as const;
export type Bin = (typeof BINS)[number];

export function binOf(fen: Fen): Bin {
  if (fen === 0) return "same";
  const a = Math.abs(fen);
  const up = fen > 0;
  if (a >= 100_000) return up ? "up1000" : "down1000";
  if (a >= 10_000) return up ? "up100" : "down100";
  if (a >= 1_000) return up ? "up10" : "down10";
  return up ? "up0" : "down0";
}

export interface Impact {
  dimension: Dimension;
  groups: ImpactGroup[];
  total: ImpactGroup;
  /** How many claims (weighted) fall in each bin of the change. */
  bins: Record<Bin, number>;
  /** The largest changes either way (unweighted, by claim), for a look at who they are. */
  largest: { id: string; change: Fen }[];
  weighted: boolean;
}

/**
 * For each claim, 1 when an annual cap limits its pooled payment (see above), from the engine: the
 * batch settled twice more, with each year-to-date fund figure one fen higher and with it at zero.
 */
export function capLimited(engine: Engine, cols: ClaimColumns, res: ResultColumns, ytdFundPaid: Float64Array = cols.ytdFundPaid): Uint8Array {
  const n = cols.n;
  const out = new Uint8Array(n);
  const more = ytdFundPaid.slice(0, n);
  for (let i = 0; i < n; i++) more[i]! += 1;
  const r1 = allocResults(n);
  engine.settleInto({ ...cols, ytdFundPaid: more }, r1, 0, n, undefined, true);
  const r0 = allocResults(n);
  engine.settleInto({ ...cols, ytdFundPaid: new Float64Array(n) }, r0, 0, n, undefined, true);
  for (let i = 0; i < n; i++) {
    if (res.problems[i]) continue;
    const p = res.pooled[i]!;
    if ((!r1.problems[i] && r1.pooled[i]! < p) || (ytdFundPaid[i]! > 0 && !r0.problems[i] && r0.pooled[i]! > p)) out[i] = 1;
  }
  return out;
}

/** Columns of the claims `idx` only (a copy), to settle a few claims of a batch again. */
export function pickColumns(cols: ClaimColumns, idx: Int32Array): ClaimColumns {
  const out: Record<string, unknown> = { n: idx.length };
  for (const [k, v] of Object.entries(cols)) {
    if (k === "n") continue;
    if (Array.isArray(v)) out[k] = Array.from(idx, (i) => v[i]);
    else if (ArrayBuffer.isView(v)) {
      const a = v as unknown as { constructor: new (n: number) => { [j: number]: number }; [j: number]: number };
      const c = new a.constructor(idx.length);
      idx.forEach((i, j) => (c[j] = a[i]!));
      out[k] = c;
    } else out[k] = v;
  }
  return out as unknown as ClaimColumns;
}

/**
 * capLimited under a scenario, settling again only the claims the scenario changed (another pooled
 * payment, or another year-to-date figure): a claim the scenario leaves as it was keeps its baseline
 * answer. (A cap that moved changes the pooled payment of every claim it limits.)
 */
export function capLimitedChanged(engine: Engine, cols: ClaimColumns, base: ResultColumns, capBase: Uint8Array, res: ResultColumns, ytdFundPaid: Float64Array): Uint8Array {
  const out = capBase.slice();
  const changed: number[] = [];
  for (let i = 0; i < cols.n; i++) if (res.pooled[i] !== base.pooled[i] || ytdFundPaid[i] !== cols.ytdFundPaid[i] || !res.problems[i] !== !base.problems[i]) changed.push(i);
  if (!changed.length) return out;
  const idx = Int32Array.from(changed);
  const sub = pickColumns(cols, idx);
  const subRes = allocResults(idx.length);
  for (const k of ["pooled", "policyScope"] as const) idx.forEach((i, j) => (subRes[k][j] = res[k][i]!));
  idx.forEach((i, j) => (subRes.problems[j] = res.problems[i]));
  const flags = capLimited(engine, sub, subRes, Float64Array.from(idx, (i) => ytdFundPaid[i]!));
  idx.forEach((i, j) => (out[i] = flags[j]!));
  return out;
}

/** Whether the claim's policy-scope expense (after any first payment) is above its threshold. */
function aboveThreshold(r: ResultColumns, i: number): boolean {
  return r.policyScope[i]! - r.firstPay[i]! > r.threshold[i]!;
}

function zero(): ImpactCounts {
  return { gain: 0, lose: 0, same: 0, failed: 0, thresholdIn: 0, thresholdOut: 0, capIn: 0, capOut: 0, change: 0 };
}

export function impactBy(b: PreparedBatch, base: ResultColumns, scen: ResultColumns, capBase: Uint8Array, capScen: Uint8Array, dimension: Dimension, weights?: Weights | null): Impact {
  const n = b.cols.n;
  const col = (b.cols[dimension] as Uint8Array).subarray(0, n);
  const w = (i: number) => (weights ? weights.micro[i]! / 1_000_000 : 1);
  const groups = new Map<number, ImpactCounts>();
  const bins = Object.fromEntries(BINS.map((x) => [x, 0])) as Record<Bin, number>;
  const changes: { i: number; d: Fen }[] = [];
  const binMicro = Object.fromEntries(BINS.map((x) => [x, 0])) as Record<Bin, number>;
  for (let i = 0; i < n; i++) {
    const k = col[i]!;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = zero()));
    const wt = w(i);
    if (base.problems[i] || scen.problems[i]) {
      g.failed += wt;
      continue;
    }
    const d = scen.personal[i]! - base.personal[i]!;
    if (d < 0) g.gain += wt;
    else if (d > 0) g.lose += wt;
    else g.same += wt;
    if (!weights) g.change += d;
    const bin = binOf(d);
    if (weights) binMicro[bin] += weights.micro[i]!;
    else bins[bin]++;
    const ab = aboveThreshold(base, i);
    const as = aboveThreshold(scen, i);
    if (!ab && as) g.thresholdIn += wt;
    if (ab && !as) g.thresholdOut += wt;
    if (!capBase[i] && capScen[i]) g.capIn += wt;
    if (capBase[i] && !capScen[i]) g.capOut += wt;
    if (d !== 0) changes.push({ i, d });
  }
  if (weights) {
    for (const x of BINS) bins[x] = binMicro[x] / 1_000_000;
    for (const [k, g] of groups) {
      const ok = (i: number) => col[i] === k && !base.problems[i] && !scen.problems[i];
      g.change = weightedSum(weights, (i) => (ok(i) ? scen.personal[i]! : 0)) - weightedSum(weights, (i) => (ok(i) ? base.personal[i]! : 0));
    }
  }
  const list: ImpactGroup[] = [...groups.keys()].sort((x, y) => x - y).map((k) => ({ ...groupLabel(dimension, k), ...groups.get(k)! }));
  const total: ImpactGroup = { key: "total", label: msg("pane.table.total"), ...zero() };
  for (const g of list) for (const f of Object.keys(zero()) as (keyof ImpactCounts)[]) total[f] += g[f];
  changes.sort((x, y) => Math.abs(y.d) - Math.abs(x.d) || x.i - y.i);
  return { dimension, groups: list, total, bins, largest: changes.slice(0, 5).map((c) => ({ id: b.cols.ids[c.i]!, change: c.d })), weighted: !!weights };
}
