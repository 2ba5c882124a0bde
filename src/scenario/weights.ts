/**
 * Grossing a sample up to its population: an optional column of the claims table gives each claim's
 * weight (how many claims of the population it stands for, e.g. 20 for a 5 % sample). Every weight
 * must be a positive decimal with at most six decimals; a blank, zero, negative or unreadable weight
 * is refused with its row, and then no weighted figure is shown (never a weight of 1 assumed).
 *
 * Weighted amounts are exact: Σ fen × weight is summed in integers (weight in millionths, BigInt),
 * then rounded half-up to the fen once per total (the only rounding, as POLICY §1 rounds a layer once).
 */
import { numberToDecimalString, parseScaled } from "../money";
import { asciiDigits } from "./input";

const SCALE = 1_000_000;
const BIG_SCALE = 1_000_000n;

export interface Weights {
  /** The header of the weight column. */
  column: string;
  /** Per claim (in the order of the prepared batch): the weight in millionths, an exact integer. */
  micro: Float64Array;
  big: BigInt64Array;
}

export interface WeightProblem {
  /** The row as the user names it. */
  row: string;
  value: string;
}

/** A cell as a weight in millionths, or null when it is not a positive decimal with at most six decimals. */
export function weightOf(cell: unknown): number | null {
  let text: string;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return null;
    text = numberToDecimalString(cell);
  } else if (typeof cell === "string") text = asciiDigits(cell).replace(/^\+/, "");
  else return null;
  if (!/^(\d+(\.\d+)?|\.\d+)$/.test(text)) return null;
  const r = parseScaled(text.startsWith(".") ? "0" + text : text, 6);
  if (!r.ok || r.value <= 0 || r.value > Number.MAX_SAFE_INTEGER / 1024) return null;
  return r.value;
}

/**
 * The weights of a prepared batch's claims from column `column` of the source rows. `sourceRow`
 * maps each claim to its row; `rowLabel` names a row for the user.
 */
export function readWeights(header: readonly unknown[], rows: readonly (readonly unknown[])[], sourceRow: Int32Array, column: string, rowLabel: (i: number) => string): { ok: true; weights: Weights } | { ok: false; problems: WeightProblem[]; count: number } {
  const j = header.findIndex((h) => h !== null && h !== undefined && String(h).trim() === column);
  if (j < 0) return { ok: false, problems: [{ row: "", value: column }], count: 1 };
  const micro = new Float64Array(sourceRow.length);
  const problems: WeightProblem[] = [];
  let count = 0;
  sourceRow.forEach((r, i) => {
    const cell = rows[r]?.[j];
    const w = weightOf(cell);
    if (w === null) {
      count++;
      if (problems.length < 20) problems.push({ row: rowLabel(r), value: cell === null || cell === undefined ? "" : typeof cell === "object" ? "?" : String(cell) });
    } else micro[i] = w;
  });
  if (count) return { ok: false, problems, count };
  return { ok: true, weights: { column, micro, big: BigInt64Array.from(micro, (x) => BigInt(x)) } };
}

/**
 * Σ weight × value(i) over the claims. Amounts (fen, whole numbers ≥ 0) come back as fen rounded
 * half-up; with `count`, value(i) is 0 or 1 and the answer is the weighted count (a plain number).
 */
export function weightedSum(w: Weights, value: (i: number) => number, count = false): number {
  let acc = 0n;
  const big = w.big;
  for (let i = 0; i < big.length; i++) {
    const v = value(i);
    if (v !== 0) acc += BigInt(v) * big[i]!;
  }
  if (count) return Number(acc) / SCALE;
  // half-up for a non-negative sum (the only amounts summed are ≥ 0)
  return Number((acc * 2n + BIG_SCALE) / (2n * BIG_SCALE));
}
