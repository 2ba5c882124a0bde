/**
 * Money and ratios, exact. This module is the one place where amounts are parsed, rounded and printed.
 *
 * - An amount is an integer number of fen (分, 0.01 yuan), held in a JS number.
 * - A ratio is an integer number of basis points (1 bp = 0.0001, so 88% = 8800 bp).
 * - Rounding is half-up to the fen, once per payment layer (POLICY §1). The class-B self share, the
 *   cross-region first payment and a reduced threshold are amounts on the settlement statement too
 *   (先行自付, 实际支付起付线 in the national 2206 list), so they are rounded to the fen the same way
 *   when they are computed (a project decision: POLICY §1 is silent on them).
 *
 * Why integers in doubles are exact here (the overflow proof):
 *   Every validated amount is 0 ≤ a ≤ MAX_FEN = 1e11 fen (1 000 000 000 yuan). The core only ever
 *   multiplies an amount, or a sum of at most two amounts (a year-to-date total plus this claim,
 *   ≤ 2e11), by a ratio in [0, 10 000] bp, giving at most 2e15. A layer is a sum of such products
 *   over the bands of one scale, and the band lengths add up to at most the base they split, so the
 *   sum is also ≤ 2e15 < 2^53 ≈ 9.007e15. Every integer below 2^53 is a double, and +, −, × of such
 *   integers whose exact result is below 2^53 are exact. Rounding works on 2n + d ≤ 4e15 + d, still
 *   below 2^53. Division is done by `divFloor` / `roundHalfUpDiv`, which correct the float quotient
 *   with an exact remainder (within these bounds the quotient is never off, but the check is cheap). The one product that can exceed 2^53 (an
 *   amount × an amount in the pro-rata TCM share, or the cap inverse) goes through `mulDivFloor`,
 *   which switches to BigInt when the product leaves the safe range.
 */

export type Fen = number;
export type Bp = number;

/** 1 = 10 000 bp. */
export const BP = 10_000;
/** The largest amount accepted anywhere: 1 000 000 000.00 yuan. */
export const MAX_FEN = 100_000_000_000;

/** floor(n / d) for integers with |n| < 2^53 and 0 < d < 2^53, exact. */
export function divFloor(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) q -= 1;
  else if (r >= d) q += 1;
  return q;
}

/**
 * The project's rounding: n / d rounded half-up to an integer, for n ≥ 0 (all amounts here are
 * non-negative). Used with d = BP to turn fen·bp into fen.
 */
export function roundHalfUpDiv(n: number, d: number): number {
  // floor((n + ⌊d/2⌋… ) / d) with an exact remainder check: one division, one multiplication.
  const m = 2 * n + d;
  const dd = 2 * d;
  let q = Math.floor(m / dd);
  const r = m - q * dd;
  if (r < 0) q -= 1;
  else if (r >= dd) q += 1;
  return q;
}

/** An amount times a ratio, rounded half-up to the fen. */
export function ratioOf(fen: Fen, bp: Bp): Fen {
  return roundHalfUpDiv(fen * bp, BP);
}

/** fen·bp → fen, rounded half-up: closes an exactly computed layer. */
export function closeLayer(raw: number): Fen {
  return roundHalfUpDiv(raw, BP);
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** floor(a × b / c) exactly for non-negative integers a, b and c > 0 (BigInt only when a×b ≥ 2^53). */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (p <= SAFE) return divFloor(p, c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * Why a fraction below one unit never changes a half-up rounding by an even divisor: for an integer n
 * and 0 ≤ f < 1, round((n + f) / d) = floor((n + d/2 + f) / d) = floor((n + d/2) / d), because the
 * integer n + d/2 is at most one below the next multiple of d. The TCM share and the cap inverse use
 * this to round an exact rational without leaving integers.
 */
export const FRACTION_NEVER_CHANGES_ROUNDING = true;

// ---------------------------------------------------------------------------------------------
// Parsing and printing

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: "format" | "decimals" | "negative" | "range" };

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * Parse a decimal string into an integer count of 10^-scale units. Exact: no floating point.
 * Returns "decimals" when the string has more significant decimals than `scale`.
 */
export function parseScaled(text: string, scale: number): ParseResult<number> {
  const m = DECIMAL_RE.exec(text);
  if (!m) return { ok: false, reason: "format" };
  const sign = m[1] === "-" ? -1 : 1;
  const intPart = m[2]!;
  let frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > scale) return { ok: false, reason: "decimals" };
  frac = frac.padEnd(scale, "0");
  const digits = (intPart + frac).replace(/^0+(?=\d)/, "");
  if (digits.length > 15) return { ok: false, reason: "range" };
  const v = Number(digits);
  if (sign < 0 && v !== 0) return { ok: false, reason: "negative" };
  return { ok: true, value: v };
}

/**
 * A cell value as Excel shows it: a double is read at 15 significant digits (Excel's own display
 * precision), so 0.1 + 0.2 in a cell is 0.3, not 0.30000000000000004. Strings are read exactly.
 */
export function numberToDecimalString(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const s = x.toPrecision(15);
  if (!/e/i.test(s)) return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
  // exponent form: expand without losing digits
  const [mant, expS] = s.split(/e/i) as [string, string];
  const exp = Number(expS);
  const neg = mant.startsWith("-");
  const [ip, fp = ""] = mant.replace("-", "").split(".") as [string, string?];
  const all = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + all;
  else if (point >= all.length) out = all + "0".repeat(point - all.length);
  else out = all.slice(0, point) + "." + all.slice(point);
  out = out.includes(".") ? out.replace(/\.?0+$/, "") : out;
  return (neg ? "-" : "") + out;
}

/** Yuan (string or number) → fen. Negative amounts, more than two decimals and amounts above MAX_FEN are refused. */
export function parseYuan(v: string | number): ParseResult<Fen> {
  const text = typeof v === "number" ? numberToDecimalString(v) : v.trim();
  const r = parseScaled(text, 2);
  if (!r.ok) return r;
  if (r.value > MAX_FEN) return { ok: false, reason: "range" };
  return r;
}

/**
 * The text forms of an amount accepted from a claim cell (docs/lenient-input.md, test/fuzz/lenient.test.ts),
 * normalised to a plain decimal for parseYuan, or null when the text is not an amount:
 *
 * - full-width digits, point and comma (１２，３４５．６０) are read as ASCII; surrounding spaces (also
 *   the ideographic space) are ignored; a leading ¥ or ￥ and a trailing 元 are dropped;
 * - thousands separators only in the strict form: a first group of 1–3 digits not starting with 0,
 *   then groups of exactly three (12,345.60, 1,234,567); 1,2,3, 12,34 and 0,123 are refused (0,123
 *   reads as a decimal comma in much of the world: 0.123);
 * - a leading + and a bare leading point (.5) are accepted; a minus sign is passed on, so that
 *   parseYuan refuses the amount as negative (-0 is zero);
 * - exponents (1e5), Infinity, NaN, hex / binary / octal literals, 12. and anything else: null.
 * Decimals are left to parseYuan: more than two significant decimals are refused, never rounded.
 */
export function normaliseAmountText(s: string): string | null {
  let t = s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ").trim();
  t = t.replace(/^[¥￥]\s*/, "").replace(/\s*元$/, "");
  if (/^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  if (/^[+]?\d+(\.\d+)?$/.test(t) || /^[+]?\.\d+$/.test(t)) return t.replace(/^\+/, "").replace(/^\./, "0.");
  if (/^-\d+(\.\d+)?$/.test(t) || /^-0*(\.0*)?$/.test(t)) return t;
  return null;
}

/** Ratio ("0.88", 0.88) → bp. More than four decimals, or outside [0, 1], is refused. */
export function parseRatio(v: string | number): ParseResult<Bp> {
  const text = typeof v === "number" ? numberToDecimalString(v) : v.trim();
  const r = parseScaled(text, 4);
  if (!r.ok) return r;
  if (r.value > BP) return { ok: false, reason: "range" };
  return r;
}

/** fen → "1234.56" (always two decimals; "-" for negatives, which only a difference can be). */
export function formatYuan(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100);
  const f = a - yuan * 100;
  return (neg ? "-" : "") + String(yuan) + "." + (f < 10 ? "0" : "") + String(f);
}

/**
 * formatYuan(fen) written as ASCII bytes at b[at…] (room for 32 bytes is the caller's: formatYuan of
 * any double is at most 27 characters, of a safe integer 18); the position after them. For the
 * reports written as bytes (a 1e6-row CSV report holds 14 million amounts); a fen that is not a safe
 * integer is written as formatYuan writes it.
 */
export function yuanAt(b: Uint8Array, at: number, fen: Fen): number {
  if (!Number.isSafeInteger(fen)) {
    const s = formatYuan(fen);
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    return at;
  }
  let a = fen;
  if (a < 0) {
    b[at++] = 0x2d;
    a = -a;
  }
  const yuan = Math.floor(a / 100);
  const f = a - yuan * 100;
  at = digitsAt(b, at, yuan);
  b[at++] = 0x2e;
  b[at++] = 0x30 + Math.floor(f / 10);
  b[at++] = 0x30 + (f % 10);
  return at;
}

/** A non-negative safe integer's decimal digits as ASCII at b[at…] (at most 16 bytes), as String writes them; the position after them. */
export function digitsAt(b: Uint8Array, at: number, n: number): number {
  if (n <= 0x7fffffff) {
    // most amounts: in 32 bits, where a division by 10 compiles to a multiplication (a quarter faster per report row)
    let x = n | 0;
    let len = 1;
    for (let p = 10; p <= x; p *= 10) len++;
    for (let k = len - 1; k >= 0; k--) {
      const q = (x / 10) | 0;
      b[at + k] = 0x30 + (x - q * 10);
      x = q;
    }
    return at + len;
  }
  let len = 1;
  for (let p = 10; p <= n; p *= 10) len++;
  for (let k = len - 1; k >= 0; k--) {
    const q = Math.floor(n / 10);
    b[at + k] = 0x30 + (n - q * 10);
    n = q;
  }
  return at + len;
}

/** fen → yuan as a JS number (for Excel cells); exact to the fen when printed at 15 digits. */
export function fenToNumber(fen: Fen): number {
  return fen / 100;
}

/** bp → "88%" / "88.5%". */
export function formatPercent(bp: Bp): string {
  const whole = Math.floor(bp / 100);
  const rest = bp - whole * 100;
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, "0").replace(/0+$/, "")}%`;
}

/** bp → "0.88". */
export function formatRatio(bp: Bp): string {
  if (bp === BP) return "1";
  const s = String(bp).padStart(4, "0").replace(/0+$/, "");
  return s === "" ? "0" : "0." + s;
}

/** floor(a × b / c) and whether it left a remainder, exactly (BigInt only past 2^53). */
export function mulDivFloorRem(a: number, b: number, c: number): [q: number, hasRemainder: boolean] {
  const p = a * b;
  if (p <= SAFE) {
    const q = divFloor(p, c);
    return [q, p - q * c !== 0];
  }
  const bp = BigInt(a) * BigInt(b);
  const bc = BigInt(c);
  return [Number(bp / bc), bp % bc !== 0n];
}
