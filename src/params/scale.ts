import type { Bracket } from "./types";

/**
 * A marginal-rate scale: each rate applies to the part of the base inside its band. One object serves
 * the employee inpatient bands (L 职工 三、(四) 3), 大病保险 (L 城乡居民 四) and Shenyang's 补充险
 * (SY 四). Amounts are fen, rates bp; `raw` results are fen·bp, closed to fen by the caller once per
 * layer (money.closeLayer).
 *
 * `floor` lets a band start at an amount known only per claim: the employee bands start at the
 * threshold T, and POLICY §5 reads the band edges as expense amounts, so the first band is
 * (T, 10 000], i.e. `min(E, 10 000) − T`.
 */
export class Scale {
  readonly los: Float64Array;
  readonly rates: Float64Array;
  readonly size: number;

  constructor(readonly brackets: readonly Bracket[]) {
    this.size = brackets.length;
    this.los = Float64Array.from(brackets, (b) => b.above);
    this.rates = Float64Array.from(brackets, (b) => b.rate);
  }

  /** Σ rate × |(max(lo, floor), min(hi, base)]| in fen·bp. */
  raw(base: number, floor = 0): number {
    const los = this.los;
    const rates = this.rates;
    const n = this.size;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const lo = los[i]! > floor ? los[i]! : floor;
      const hi = i + 1 < n ? los[i + 1]! : Infinity;
      const top = base < hi ? base : hi;
      if (top > lo) s += (top - lo) * rates[i]!;
    }
    return s;
  }

  /** The part of the base in each band and what the band pays (fen·bp): the auditor's view of `raw`. */
  breakdown(base: number, floor = 0): { from: number; to: number; inBand: number; rate: number; raw: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) {
      const lo = Math.max(this.los[i]!, floor);
      const hi = i + 1 < this.size ? this.los[i + 1]! : Infinity;
      const top = Math.min(base, hi);
      if (top > lo) out.push({ from: lo, to: top, inBand: top - lo, rate: this.rates[i]!, raw: (top - lo) * this.rates[i]! });
    }
    return out;
  }

  /**
   * Where `raw` first reaches `target` (fen·bp), as lo + num / rate: the band's lower edge `lo`, and
   * the remainder `num` (fen·bp) still to be paid inside it at `rate`. null when the scale never
   * reaches the target at or below `limit`. Used to find the expense at which an annual cap is hit.
   */
  inverse(target: number, floor = 0, limit = Infinity): { lo: number; num: number; rate: number } | null {
    let acc = 0;
    for (let i = 0; i < this.size; i++) {
      const lo = Math.max(this.los[i]!, floor);
      const hi = Math.min(i + 1 < this.size ? this.los[i + 1]! : Infinity, limit);
      if (hi <= lo) continue;
      const r = this.rates[i]!;
      const full = (hi - lo) * r;
      if (r > 0 && acc + full >= target) return { lo, num: target - acc, rate: r };
      acc += full;
    }
    return null;
  }
}
