/**
 * The threshold (起付线): the base of the hospital's level, lowered from a year's second admission
 * (L 三、(四) 1.; POLICY §5: linear or geometric reading, never below the floor). Writes threshold.
 */
import { HOSPITAL_LEVELS } from "../../claim/enums";
import { badInput } from "../../problem";
import { msg, type MessageKey } from "../../messages";
import { bp, count, fen, part, step, type Trace } from "../../trace";
import { NONE, type ClaimColumns, type ResultColumns } from "../columns";
import { raise, type Reader } from "../kernel";
import { levelName, levelOf, reducedThreshold, refsOf, thresholdFactor, type RepeatRule } from "../kernels/shared";
import { fail, type Step, type Work } from "./compose";

export interface RepeatThresholdSpec {
  /** Keyed by hospital level. */
  base: string;
  mode: string;
  step: string;
  floor: string;
  /** How the trace words it (the employee text names the reading). */
  words: Extract<MessageKey, "steps.threshold.lanzhouEmployee" | "steps.threshold.lanzhouResident">;
}

export interface RepeatThresholdParams {
  r: Reader;
  base: Float64Array;
  repeat: RepeatRule;
}

export function repeatThreshold(spec: RepeatThresholdSpec): Step<RepeatThresholdParams> {
  return {
    name: "threshold",
    spec,
    claim: repeatThresholdClaim,
    compile: (r) => ({ r, base: r.keyed(spec.base, HOSPITAL_LEVELS), repeat: { geometric: r.choice(spec.mode) === "geometric", step: r.num(spec.step), floor: r.num(spec.floor) } }),
    run(c, idx, from, to, s, w, out, tr) {
      for (let j = from; j < to; j++) {
        const i = idx[j]!;
        if (w.dead[i] === 0) repeatThresholdClaim(c, i, s, spec, w, out, tr);
      }
    },
  };
}

export function repeatThresholdClaim(c: ClaimColumns, i: number, s: RepeatThresholdParams, spec: RepeatThresholdSpec, w: Work, out: ResultColumns, tr: Trace): void {
  try {
    const lv = c.hospitalLevel[i]!;
    if (lv === NONE) levelOf(c, i);
    const base = s.base[lv]!;
    if (base !== base) raise(s.r.problems, `${spec.base}:${HOSPITAL_LEVELS[lv]}`);
    const k = c.admissionIndex[i]!;
    if (k < 1) badInput("field_missing", "admissionIndex", undefined, msg("engine.admissionIndex.missing"));
    const t = k === 1 ? base : reducedThreshold(base, k, s.repeat);
    out.threshold[i] = t;
    if (tr)
      tr.push(
        step({
          key: "threshold",
          heading: "steps.threshold.title",
          kind: spec.words,
          values: { level: levelName(lv), base: fen(base), k: count(k), factor: thresholdFactor(k, s.repeat), rule: part(s.repeat.geometric ? "steps.threshold.geometric" : "steps.threshold.linear"), floor: bp(s.repeat.floor), threshold: fen(t) },
          amount: t,
          refs: refsOf(s.r, spec.base, ...(k > 1 ? [spec.mode] : [])),
          params: [spec.base, ...(k > 1 ? [spec.mode, spec.step, spec.floor] : [])],
        }),
      );
  } catch (e) {
    fail(w, out, i, e);
  }
}
