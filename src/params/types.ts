import type { Ref } from "../docs";
import type { Day } from "../dates";
import type { Text } from "../text";

/**
 * Units are a closed list. A ratio is stored in basis points (0.88 → 8800); `points` is a signed
 * change of a ratio, also in basis points ("+5 个百分点" → 500); a factor is a multiple such as 2.5×,
 * in basis points too (25 000); CNY is stored in fen.
 */
export type Unit = "CNY" | "ratio" | "points" | "factor" | "count" | "years" | "months" | "switch";
export const UNITS: readonly Unit[] = ["CNY", "ratio", "points", "factor", "count", "years", "months", "switch"];

/** One band of a scale: the rate applies to the part of the base above `above` (and up to the next band). */
export interface Bracket {
  above: number;
  rate: number;
}

export type Scalar = number | string;
/** A keyed value maps every key of its domain to a value, or to null where the documents give none. */
export type Keyed<V> = Readonly<Record<string, V | null>>;
export type ParamValue = Scalar | readonly Bracket[] | Keyed<Scalar> | Keyed<readonly Bracket[]>;

export interface ParamVersion {
  from: Day;
  fromText: string;
  /** null: the series ends here (the rule is no longer in force). */
  value: ParamValue | null;
  /** Set when the documents do not give the value: using it is an error that says so. */
  missing?: Text;
  ref: Ref;
  note?: string;
  /** Set when an analyst's override (a reform) replaced the documented value. */
  override?: { scenario: string; previous: ParamValue | null; source?: string; example?: true };
}

export interface Param {
  id: string;
  set: string;
  label: Text;
  unit: Unit;
  kind: "value" | "scale";
  keyedBy?: string;
  /** For switches: the readings, each with what it means. */
  choices?: Readonly<Record<string, Text>>;
  versions: readonly ParamVersion[];
}
