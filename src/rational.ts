/**
 * Exact rationals on BigInt, for the few rare computations whose intermediate values are fractions
 * of a fen (the civil-servant subsidy, which combines shares of amounts cut at the cap point). The
 * hot paths never use it; they stay on integers (see money.ts).
 */
export class Rat {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: number | bigint, d: number | bigint = 1n): Rat {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new Error("division by zero");
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    return new Rat(nn, dd);
  }

  add(o: Rat): Rat {
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rat): Rat {
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rat | number): Rat {
    const r = typeof o === "number" ? Rat.of(o) : o;
    return Rat.of(this.n * r.n, this.d * r.d);
  }
  div(o: Rat | number): Rat {
    const r = typeof o === "number" ? Rat.of(o) : o;
    return Rat.of(this.n * r.d, this.d * r.n);
  }
  min(o: Rat): Rat {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Rat): Rat {
    return this.cmp(o) >= 0 ? this : o;
  }
  cmp(o: Rat): number {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  isPositive(): boolean {
    return this.n > 0n;
  }
  /** Half-up to an integer (for non-negative values, which is all the core has). */
  roundHalfUp(): number {
    if (this.n < 0n) throw new Error("negative amount");
    return Number((2n * this.n + this.d) / (2n * this.d));
  }
}
