/**
 * What every rule kernel shares: compiled parameters (resolved once per epoch of a batch, so the per-
 * claim path reads plain numbers), and the reader that resolves them while remembering which failed.
 */
import { formatDay, type Day } from "../dates";
import type { Ref } from "../docs";
import { Registry } from "../params/registry";
import type { Scale } from "../params/scale";
import { msg } from "../messages";
import { attested } from "./currency";
import { PolicyError, type Problem } from "../problem";
import type { Text } from "../text";
import { code, part, step, words, type StepValues, type Trace } from "../trace";
import type { MessageKey } from "../messages";
import type { ClaimColumns, Layer, ResultColumns } from "./columns";
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

/** The words for each payment layer. */
export const LAYER_NAMES: Record<Layer, Text> = {
  pooled: msg("engine.layer.pooled"),
  largeAmount: msg("engine.layer.largeAmount"),
  supplementary: msg("engine.layer.supplementary"),
  seriousIllness: msg("engine.layer.seriousIllness"),
  assistance: msg("engine.layer.assistance"),
  subsidy: msg("engine.layer.subsidy"),
};

/** The catalog key of each payment layer's name (trace steps name a layer by its key). */
export const LAYER_KEYS: Record<Layer, MessageKey> = {
  pooled: "engine.layer.pooled",
  largeAmount: "engine.layer.largeAmount",
  supplementary: "engine.layer.supplementary",
  seriousIllness: "engine.layer.seriousIllness",
  assistance: "engine.layer.assistance",
  subsidy: "engine.layer.subsidy",
};

/** Problems that mean "the documents give no figure for this parameter (on this day)": a layer, not the claim. */
const PARAM_CODES = new Set(["param_missing", "date_before_params", "param_ended"]);

/**
 * POLICY §12 partial settlement: a layer the documents name but give no figure for is "not
 * computable" with the parameter it needs; its column is NaN (so is the personal share, by
 * personalOf), the other layers stand. Anything that is not such a parameter problem goes on up:
 * the claim fails as before.
 */
export function layerNotComputable(out: ResultColumns, i: number, layer: Layer, e: unknown, tr: Trace): void {
  if (!(e instanceof PolicyError) || !PARAM_CODES.has(e.problem.code) || !e.problem.field) throw e;
  const parameter = e.problem.field;
  const key = `${layer}|${parameter}|${e.problem.code}|${e.problem.value ?? ""}|${out.versionDay[i]}`;
  let message = NOT_COMPUTABLE_TEXT.get(key);
  if (!message) {
    message = msg("engine.notComputable.detail", { layer: LAYER_NAMES[layer], parameter, reason: e.problem.message, day: formatDay(out.versionDay[i]!) });
    if (NOT_COMPUTABLE_TEXT.size > 4096) NOT_COMPUTABLE_TEXT.clear();
    NOT_COMPUTABLE_TEXT.set(key, message);
  }
  markIncomplete(out, i, { layer, code: e.problem.code, parameter, message }, tr, "engine.notComputable.detail", tr ? { layer: part(LAYER_KEYS[layer]), parameter: code(parameter), reason: words(e.problem.message), day: code(formatDay(out.versionDay[i]!)) } : {});
}
/** The messages of not-computable layers, made once per (layer, parameter, day): claims of a batch share them. */
const NOT_COMPUTABLE_TEXT = new Map<string, Text>();

/** A layer computed from one that is not computable is not computable either (the same parameter is missing). */
export function dependentNotComputable(out: ResultColumns, i: number, layer: Layer, on: Layer, tr: Trace): void {
  const root = out.incomplete[i]!.find((x) => x.layer === on)!;
  markIncomplete(out, i, { layer, code: "depends_on_layer", parameter: root.parameter, message: msg("engine.notComputable.dependent", { layer: LAYER_NAMES[layer], on: LAYER_NAMES[on], parameter: root.parameter }) }, tr, "engine.notComputable.dependent", { layer: part(LAYER_KEYS[layer]), on: part(LAYER_KEYS[on]), parameter: code(root.parameter) });
}

function markIncomplete(out: ResultColumns, i: number, x: { layer: Layer; code: string; parameter: string; message: Text }, tr: Trace, kind: MessageKey, values: StepValues): void {
  out[x.layer][i] = NaN;
  (out.incomplete[i] ??= []).push(x);
  if (tr) tr.push(step({ key: x.layer, heading: "engine.notComputable.title", kind, values, refs: [], params: [x.parameter] }));
}

/** Is a layer of claim i known (not marked not computable)? */
export const known = (out: ResultColumns, i: number, layer: Layer): boolean => out[layer][i] === out[layer][i];

/**
 * Reads parameters for one day. A parameter the documents do not give for that day (or for one key)
 * does not stop the compile: its value is NaN (or null) and the problem is kept, to be raised only by
 * a claim that actually needs it.
 */
export class Reader {
  readonly problems = new Map<string, Problem>();
  /** Every parameter read, with the day its version in force is attested (for the rule-currency note). */
  readonly used = new Map<string, Day>();
  constructor(
    readonly reg: Registry,
    readonly day: Day,
  ) {}

  private guard<T>(key: string, f: () => T, dflt: T): T {
    try {
      const v = f();
      const id = key.split(":")[0]!;
      if (!this.used.has(id)) this.used.set(id, attested(this.reg.version(id, this.day)));
      return v;
    } catch (e) {
      if (e instanceof PolicyError) {
        this.problems.set(key, e.problem);
        return dflt;
      }
      throw e;
    }
  }

  /**
   * Note that a parameter is read, in the order of a rule's parameter set, without reading a value
   * (a parameter not given on the day is left to the read that needs it). The rule-currency note
   * lists stale parameters in the order they were first read.
   */
  touch(id: string): void {
    if (this.used.has(id)) return;
    try {
      this.used.set(id, attested(this.reg.version(id, this.day)));
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
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

/** The problem kept for a parameter (or parameter:key), as an error to hand to layerNotComputable. */
export function problemOf(problems: ReadonlyMap<string, Problem> | Reader, key: string): PolicyError {
  const m = problems instanceof Reader ? problems.problems : problems;
  const p = m.get(key);
  if (!p) throw new Error(`No problem recorded for ${key}`);
  return new PolicyError(p);
}

/**
 * Answer claim i with a problem made once (no exception: a batch where many claims meet the same
 * answer, e.g. 两病 at level-3 hospitals, stays fast). The caller returns right after.
 */
export function refuse(out: ResultColumns, i: number, p: Problem): void {
  out.problems[i] = p;
}

/** The problem kept for a parameter (or parameter:key), to answer a claim without throwing (refuseClaim). */
export function kept(problems: ReadonlyMap<string, Problem>, key: string): Problem {
  const p = problems.get(key);
  if (!p) throw new Error(`No problem recorded for ${key}`);
  return p;
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

  private readonly readers = new Map<string, Reader[]>();

  /** The reader that compiled a kernel's parameters for the epoch of `day` (what it read, and from when). */
  reader(k: Kernel<unknown>, day: Day): Reader | null {
    const epoch = this.reg.epoch(k.set, day);
    if (epoch < 0) return null;
    if (this.get(k, day) === null) return null;
    return this.readers.get(k.id)?.[epoch] ?? null;
  }

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
      const r = new Reader(this.reg, this.reg.epochStart(k.set, epoch));
      p = k.compile(r);
      arr[epoch] = p;
      let rs = this.readers.get(k.id);
      if (!rs) this.readers.set(k.id, (rs = []));
      rs[epoch] = r;
    }
    return p;
  }
}
