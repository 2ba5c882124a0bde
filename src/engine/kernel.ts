/**
 * What every rule kernel shares: compiled parameters (resolved once per epoch of a batch, so the per-
 * claim path reads plain numbers), and the reader that resolves them while remembering which failed.
 */
import type { Day } from "../dates";
import type { Ref } from "../docs";
import { Registry } from "../params/registry";
import type { Scale } from "../params/scale";
import { PolicyError, type Problem } from "../problem";
import type { Trace } from "../trace";
import type { ClaimColumns, ResultColumns } from "./columns";
import { ROUTES, type KernelId, type Outcome } from "./routes";

export type KernelOutcome = Extract<Outcome, { kind: "kernel" }>;

export interface Kernel<P> {
  id: KernelId;
  set: string;
  compile(r: Reader): P;
  /**
   * Settle the claims idx[from..to), all routed to this kernel and in one parameter epoch. The batch
   * calls it once per group; the one-claim path calls it with one index and a trace. One bad claim
   * is recorded (claimFailed) and the loop goes on.
   */
  settle(c: ClaimColumns, idx: Int32Array, from: number, to: number, p: P, out: ResultColumns, tr: Trace): void;
}

/** Record a claim's problem; anything that is not a PolicyError is a bug and goes on up. */
export function claimFailed(out: ResultColumns, i: number, e: unknown): void {
  if (!(e instanceof PolicyError)) throw e;
  out.problems[i] = e.problem;
}

/**
 * The settle loop of a kernel whose rule is written for one claim: each claim of the group through
 * `one`, then its personal share; a claim that fails is recorded and the loop goes on. (The two
 * inpatient kernels that carry most claims keep their loops inline.)
 */
export function eachClaim<P>(one: (c: ClaimColumns, i: number, p: P, route: KernelOutcome, out: ResultColumns, tr: Trace) => void): Kernel<P>["settle"] {
  return (c, idx, from, to, p, out, tr) => {
    for (let j = from; j < to; j++) {
      const i = idx[j]!;
      try {
        one(c, i, p, outcomeOf(out, i), out, tr);
        out.personal[i] = personalOf(c, i, out);
      } catch (err) {
        claimFailed(out, i, err);
      }
    }
  };
}

/** The route outcome of a claim (kernels that vary by route read their variant from it). */
export function outcomeOf(out: ResultColumns, i: number): KernelOutcome {
  return ROUTES.rows[out.route[i]!]!.then as KernelOutcome;
}

/** What stays with the person, in and out of catalog apart: total − out-of-catalog − Σ layers. */
export function personalOf(c: ClaimColumns, i: number, out: ResultColumns): number {
  return c.total[i]! - c.outOfCatalog[i]! - out.pooled[i]! - out.largeAmount[i]! - out.supplementary[i]! - out.seriousIllness[i]! - out.assistance[i]! - out.subsidy[i]!;
}

/**
 * Reads parameters for one day. A parameter the documents do not give for that day (or for one key)
 * does not stop the compile: its value is NaN (or null) and the problem is kept, to be raised only by
 * a claim that actually needs it.
 */
export class Reader {
  readonly problems = new Map<string, Problem>();
  constructor(
    readonly reg: Registry,
    readonly day: Day,
  ) {}

  private guard<T>(key: string, f: () => T, dflt: T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof PolicyError) {
        this.problems.set(key, e.problem);
        return dflt;
      }
      throw e;
    }
  }

  num(id: string): number {
    return this.guard(id, () => this.reg.num(id, this.day), NaN);
  }

  choice(id: string): string {
    return this.guard(id, () => String(this.reg.value(id, this.day)), "");
  }

  /** A keyed number for each key of `keys`, NaN where missing (problem under "id:key"). */
  keyed(id: string, keys: readonly string[]): Float64Array {
    return Float64Array.from(keys, (k) => this.guard(`${id}:${k}`, () => this.reg.keyed(id, this.day, k) as number, NaN));
  }

  scale(id: string, key?: string): Scale | null {
    return this.guard(key === undefined ? id : `${id}:${key}`, () => this.reg.scale(id, this.day, key), null);
  }

  /** The citation of the value in force: the seed clause, or the user table that supplied it. */
  ref(id: string): Ref | undefined {
    try {
      const v = this.reg.version(id, this.day);
      if (v.override) return { doc: "USER", section: v.override.scenario, excerpt: v.override.source ?? `${id} = ${JSON.stringify(v.value)}` };
      return v.ref;
    } catch {
      return undefined;
    }
  }
}

/** Raise the problem kept for a parameter (or parameter:key). */
export function raise(problems: ReadonlyMap<string, Problem>, key: string): never {
  const p = problems.get(key);
  if (!p) throw new Error(`No problem recorded for ${key}`);
  throw new PolicyError(p);
}

/** Compiled parameters cached per (kernel, epoch) for one registry. */
export class CompiledCache {
  private readonly cache = new Map<string, unknown[]>();
  constructor(readonly reg: Registry) {}

  /** The days [lo, hi) of the epoch of the last `get`: every claim in them shares its parameters. */
  lo = 0;
  hi = 0;

  get<P>(k: Kernel<P>, day: Day): P | null {
    const epoch = this.reg.epoch(k.set, day);
    if (epoch < 0) return null;
    this.lo = this.reg.epochStart(k.set, epoch);
    this.hi = this.reg.epochEnd(k.set, epoch);
    let arr = this.cache.get(k.id);
    if (!arr) {
      arr = [];
      this.cache.set(k.id, arr);
    }
    let p = arr[epoch] as P | undefined;
    if (p === undefined) {
      p = k.compile(new Reader(this.reg, this.reg.epochStart(k.set, epoch)));
      arr[epoch] = p;
    }
    return p;
  }
}
