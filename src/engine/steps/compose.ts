/**
 * A rule as a composition: a list of steps, each a small pure function over the batch columns, with
 * the parameter set they read (data). The composition compiles each step's parameters once per epoch
 * and runs the steps one after the other over a group of claims, each step over the whole group in
 * one tight loop; a claim that fails in a step is marked and skipped by the steps after it, so every
 * claim meets its checks in the order the steps are listed, as the one-claim path does.
 *
 * What one step hands to the next lives in the result columns (policy scope, first payment,
 * threshold, layers) or in the work columns below (the band payment before the annual cap, the ratio
 * a ratio step chose).
 */
import type { Problem } from "../../problem";
import type { Trace } from "../../trace";
import type { ClaimColumns, ResultColumns } from "../columns";
import { claimFailed, personalOf, refuse, type Kernel, type Reader } from "../kernel";
import { ROUTES, type KernelId } from "../routes";

/** Per-claim values that pass between steps and are not results (indexed like the claim columns). */
export interface Work {
  /** 1 once the claim failed (its problem is recorded): later steps skip it. */
  dead: Uint8Array;
  /** The payment of the bands or the ratio, rounded to the fen, before the annual cap. */
  pay: Float64Array;
  /** The ratio (bp) a ratio step applied. */
  ratio: Float64Array;
  /** A step's variant for the claim (e.g. Shenyang's category after the 困难群体 reading). */
  variant: Uint8Array;
}

let shared: Work = alloc(0);
function alloc(n: number): Work {
  return { dead: new Uint8Array(n), pay: new Float64Array(n), ratio: new Float64Array(n), variant: new Uint8Array(n) };
}
/** The work columns for a batch of n claims (one set, grown as needed: nothing is allocated per claim). */
export function work(n: number): Work {
  if (shared.dead.length < n) shared = alloc(Math.max(n, 1024));
  return shared;
}

/**
 * One step: `compile` reads its parameters (ids in its spec, data of the composition), `run` settles
 * claims idx[from..to) that are not dead. A step throws a PolicyError only through `fail`.
 */
export interface Step<S = unknown> {
  /** What the step does, for the docs and `explain --json` ("policyScope", "threshold", …). */
  name: string;
  compile(r: Reader): S;
  run(c: ClaimColumns, idx: Int32Array, from: number, to: number, s: S, w: Work, out: ResultColumns, tr: Trace): void;
  /**
   * The step for one claim that is not dead (`run` is its loop): the arithmetic, written once. The
   * generator (scripts/genFused.ts) splices it into a composition's fused loop; `spec` is what it is
   * given as its fourth argument there.
   */
  claim?: ClaimStep<S, any>;
  spec?: unknown;
}

/**
 * A step's per-claim body: `return` ends the step for the claim, `refuseClaim` / `fail` (then return)
 * end the claim. In the fused loop `tr` is null, what it writes to the work columns and reads back
 * lives in locals, and the result columns it writes are written where it writes them.
 */
export type ClaimStep<S, Spec> = (c: ClaimColumns, i: number, s: S, spec: Spec, w: Work, out: ResultColumns, tr: Trace) => void;

/** A composition's generated batch loop (src/engine/fused/*.generated.ts): every step for one claim, then the next claim. */
export interface Fused {
  /** The step names it was generated from, in order (checked against the composition's). */
  steps: readonly string[];
  settle(c: ClaimColumns, idx: Int32Array, from: number, to: number, ps: readonly unknown[], steps: readonly Step<any>[], out: ResultColumns): void;
}

/** Off: the batch runs step by step as the one-claim path does (the tests compare the two). */
export const FUSED = { on: true };

/** Record claim i's failure (a PolicyError; anything else is a bug and goes on up) and skip it from now on. */
export function fail(w: Work, out: ResultColumns, i: number, e: unknown): void {
  claimFailed(out, i, e);
  w.dead[i] = 1;
}

/** Answer claim i with a problem made once (see kernel.ts refuse) and skip it from now on. */
export function refuseClaim(w: Work, out: ResultColumns, i: number, p: Problem): void {
  out.problems[i] = p;
  w.dead[i] = 1;
}

export interface Composition {
  id: KernelId;
  set: string;
  /** Parameters without which no claim of the rule can be settled: a claim meets their problem first. */
  required: readonly string[];
  steps: readonly Step<any>[];
  /**
   * The rule's parameter set, in the order a reader meets it (the rule-currency note lists stale
   * parameters in that order); the steps read their values.
   */
  params: readonly string[];
  /**
   * The generated fused loop of the batch path (no trace); absent, the batch runs step by step. A
   * composition whose steps depend on options (a city's) names the loops of its shapes: the one made
   * from its steps is used, and a shape none was made for runs step by step.
   */
  fused?: Fused | { shapes: readonly Fused[] };
}

export interface ComposedParams {
  r: Reader;
  fatal: Problem | null;
  /** Each step's compiled parameters, in the order of the steps. */
  steps: unknown[];
}

/** The parameters a kernel's route rows name (first payments, ratio cuts), in row order, once each. */
export function routeParams(kernel: KernelId, field: "firstPay" | "ratioCut"): string[] {
  const out: string[] = [];
  for (const row of ROUTES.rows) {
    const o = row.then;
    if (o.kind === "kernel" && o.kernel === kernel && o[field] && !out.includes(o[field]!)) out.push(o[field]!);
  }
  return out;
}

/** Claims per block (see settle): small enough that a block's columns stay in the cache. */
const BLOCK = 1024;

/** A kernel from a composition: the steps in order, then each claim's personal share. */
export function compose(def: Composition): Kernel<ComposedParams> & { composition: Composition; fused: Fused | null } {
  const steps = def.steps;
  const madeFrom = (f: Fused) => f.steps.length === steps.length && f.steps.every((n, k) => n === steps[k]!.name);
  const fused = !def.fused ? null : "shapes" in def.fused ? (def.fused.shapes.find(madeFrom) ?? null) : def.fused;
  if (fused && !madeFrom(fused)) throw new Error(`${def.id}: the fused loop was generated from other steps (${fused.steps.join(", ")}): npm run gen:fused`);
  return {
    id: def.id,
    set: def.set,
    composition: def,
    fused,
    compile(r) {
      for (const id of def.params) r.touch(id);
      const compiled = steps.map((s) => s.compile(r));
      let fatal: Problem | null = null;
      for (const id of def.required)
        if (r.problems.has(id)) {
          fatal = r.problems.get(id)!;
          break;
        }
      return { r, fatal, steps: compiled };
    },
    settle(c, idx, from, to, p, out, tr) {
      const w = work(c.n);
      if (p.fatal) {
        // the same problem object for every claim: nothing is thrown or built per claim
        for (let j = from; j < to; j++) refuse(out, idx[j]!, p.fatal);
        return;
      }
      if (tr === null && fused && FUSED.on) return fused.settle(c, idx, from, to, p.steps, steps, out);
      // Block by block: every step over a block of claims before the next block, so that what one
      // step writes and the next reads can still be in the cache. Measured: no change on the
      // employee-band batch (its cost is each step's own loop, not memory); kept as the shape the
      // steps run in, each claim meeting them in the same order as before.
      for (let a = from; a < to; a += BLOCK) {
        const b = a + BLOCK < to ? a + BLOCK : to;
        for (let j = a; j < b; j++) w.dead[idx[j]!] = 0;
        for (let s = 0; s < steps.length; s++) steps[s]!.run(c, idx, a, b, p.steps[s], w, out, tr);
        for (let j = a; j < b; j++) {
          const i = idx[j]!;
          if (w.dead[i] === 0) out.personal[i] = personalOf(c, i, out);
        }
      }
    },
  };
}
