import { formatDay, type Day } from "../dates";
import { fail } from "../problem";
import { msg, say } from "../messages";
import type { Text } from "../text";
import { Scale } from "./scale";
import type { Bracket, Param, ParamValue, ParamVersion, Scalar } from "./types";

/**
 * All parameters, by id. Immutable: a reform is a new registry made by `withOverrides`, never an edit.
 * The version of a parameter for a claim is chosen by the claim's version date (POLICY §2).
 */
export class Registry {
  private readonly byId: Map<string, Param>;
  /** Sorted distinct version dates per set: claims between two of them see the same parameters. */
  private readonly breaks = new Map<string, Float64Array>();
  private readonly scaleCache = new WeakMap<object, Scale>();

  constructor(params: Iterable<Param>, readonly scenario?: string) {
    this.byId = new Map();
    for (const p of params) {
      if (this.byId.has(p.id)) throw new Error(`Duplicate parameter id ${p.id}`);
      this.byId.set(p.id, p);
    }
    const bySet = new Map<string, Set<number>>();
    for (const p of this.byId.values()) {
      const s = bySet.get(p.set) ?? new Set<number>();
      for (const v of p.versions) s.add(v.from);
      bySet.set(p.set, s);
    }
    for (const [set, days] of bySet) this.breaks.set(set, Float64Array.from([...days].sort((a, b) => a - b)));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  param(id: string): Param {
    const p = this.byId.get(id);
    if (!p) throw new Error(`Unknown parameter ${id}`);
    return p;
  }

  all(): Param[] {
    return [...this.byId.values()];
  }

  sets(): string[] {
    return [...this.breaks.keys()];
  }

  /**
   * The epoch of a day within a set: how many version dates are on or before it. Claims in one epoch
   * share every parameter version, so compiled parameters are cached per epoch. −1: before all.
   */
  epoch(set: string, day: Day): number {
    const b = this.breaks.get(set);
    if (!b) return -1;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** A day inside the given epoch (its first day), to compile parameters for the whole epoch. */
  epochStart(set: string, epoch: number): Day {
    return this.breaks.get(set)![epoch]!;
  }

  /** The first day after the epoch (Infinity for the last). */
  epochEnd(set: string, epoch: number): Day {
    const b = this.breaks.get(set)!;
    return epoch + 1 < b.length ? b[epoch + 1]! : Infinity;
  }

  /** The version in force on `day`, or a problem that names the parameter and the date. */
  version(id: string, day: Day): ParamVersion {
    const p = this.param(id);
    let found: ParamVersion | undefined;
    for (const v of p.versions) if (v.from <= day) found = v;
    if (!found)
      fail({
        code: "date_before_params",
        kind: "no_rule",
        field: id,
        value: formatDay(day),
        message: msg("params.beforeFirst", { label: p.label, id, from: p.versions[0]!.fromText }),
      });
    if (found.missing)
      fail({
        code: "param_missing",
        kind: "no_rule",
        field: id,
        message: msg("params.missing", { label: p.label, id, why: found.missing }),
      });
    if (found.value === null)
      fail({
        code: "param_ended",
        kind: "no_rule",
        field: id,
        value: formatDay(day),
        message: msg("params.ended", { label: p.label, id, from: found.fromText }),
      });
    return found;
  }

  /** A plain value (fen, bp, count or switch reading). */
  value(id: string, day: Day): Scalar {
    return this.version(id, day).value as Scalar;
  }

  num(id: string, day: Day): number {
    return this.value(id, day) as number;
  }

  /** A keyed value; null in the data (the documents give none for this key) is a problem naming both. */
  keyed(id: string, day: Day, key: string): Scalar | readonly Bracket[] {
    const v = this.version(id, day).value as Record<string, Scalar | readonly Bracket[] | null>;
    const x = v[key];
    if (x === null || x === undefined) {
      const p = this.param(id);
      fail({
        code: "param_missing",
        kind: "no_rule",
        field: id,
        value: key,
        message: msg("params.keyMissing", { label: p.label, id, key }),
      });
    }
    return x;
  }

  /** A scale (optionally keyed), as a Scale object shared by every claim of the epoch. */
  scale(id: string, day: Day, key?: string): Scale {
    const b = (key === undefined ? this.version(id, day).value : this.keyed(id, day, key)) as readonly Bracket[];
    let s = this.scaleCache.get(b);
    if (!s) {
      s = new Scale(b);
      this.scaleCache.set(b, s);
    }
    return s;
  }

  label(id: string): Text {
    return this.param(id).label;
  }

  /**
   * A reform: a new registry where the listed values replace the documented ones. Without `from` an
   * override applies to every version; with `from` it starts a new version on that date. Keyed
   * parameters can be overridden one key at a time. The baseline registry is left as it was.
   */
  withOverrides(scenario: string, overrides: readonly Override[]): Registry {
    const next = new Map<string, Param>();
    for (const p of this.byId.values()) next.set(p.id, p);
    for (const o of overrides) {
      const p = next.get(o.id);
      if (!p) throw new Error(`Unknown parameter ${o.id}`);
      const versions: ParamVersion[] = [];
      const apply = (v: ParamVersion): ParamVersion => {
        const setBracket = (brackets: unknown): Bracket[] => {
          const list = (brackets ?? []) as Bracket[];
          if (!list.some((b) => b.above === o.bracket)) throw new Error(`${o.id}${o.key ? ` (${o.key})` : ""} has no band above ${o.bracket! / 100}`);
          return list.map((b) => (b.above === o.bracket ? { above: b.above, rate: o.value as number } : b));
        };
        let value: ParamValue | null;
        if (o.key !== undefined) {
          const base = (v.value ?? {}) as Record<string, unknown>;
          value = { ...base, [o.key]: o.bracket !== undefined ? setBracket(base[o.key]) : o.value } as ParamValue;
        } else value = (o.bracket !== undefined ? setBracket(v.value) : o.value) as ParamValue;
        // A table's example figures stay marked in every result and trace citation that uses them.
        const label = o.example ? say("zh", "city.exampleLabel", { scenario, zh: EXAMPLE_MARK.zh, en: EXAMPLE_MARK.en }) : scenario;
        const out: ParamVersion = { ...v, value, override: { scenario: label, previous: v.value, ...(o.source ? { source: o.source } : {}), ...(o.example ? { example: true } : {}) } };
        delete out.missing;
        return out;
      };
      if (o.from === undefined) for (const v of p.versions) versions.push(apply(v));
      else {
        let inserted = false;
        for (const v of p.versions) {
          if (v.from < o.from) versions.push(v);
          else if (v.from === o.from) {
            versions.push(apply(v));
            inserted = true;
          } else {
            if (!inserted) {
              const prev = versions[versions.length - 1];
              if (prev) versions.push({ ...apply(prev), from: o.from, fromText: formatDay(o.from) });
              inserted = true;
            }
            versions.push(apply(v));
          }
        }
        if (!inserted) {
          const prev = versions[versions.length - 1];
          if (!prev) throw new Error(`Override of ${o.id} from ${formatDay(o.from)} precedes the parameter`);
          versions.push({ ...apply(prev), from: o.from, fromText: formatDay(o.from) });
        }
      }
      next.set(p.id, { ...p, versions });
    }
    return new Registry(next.values(), scenario);
  }
}

export interface Override {
  id: string;
  key?: string;
  /** For a scale: the band (by its lower edge, in fen) whose rate `value` replaces. */
  bracket?: number;
  from?: Day;
  value: Scalar | readonly Bracket[] | null;
  /** Where a user-supplied value comes from (a document, a circular, "analyst scenario"). */
  source?: string;
  /** The row says its figure is an example (示例 / EXAMPLE), not an official one. */
  example?: true;
}

const EXAMPLE_MARK = msg("city.exampleMark");
