/**
 * What an analyst types into a parameter field, read as they meant it or refused with the reason in
 * words (never a silent fallback): the value in the canonical form the parameter table reader takes
 * (src/params/table.ts readParamTable → parseScalar), or a message key of the pane's catalog.
 *
 * - Full-width digits, point, percent and minus (Chinese input methods: ０.８３, ８３％) read as ASCII.
 * - Ratios: 0.83, .83 and 83% (83 % with a space) are the same; a bare number above 1 (83) is
 *   ambiguous, so the answer is "ask": the pane asks once whether bare numbers are percentages, and
 *   passes the answer back as `bareAsPercent`. A decimal comma (0,83) is refused: in a ratio it could
 *   be meant as 0.83, but the same keys type 1,400 as a thousands separator in an amount, so the
 *   field says to write a point instead of guessing.
 * - Amounts: yuan with at most two decimals, thousands separators only in the strict form, ¥ and 元
 *   allowed (money.ts normaliseAmountText, the same reading as claim cells).
 * - Changes of a ratio (points): 0.05, -0.10, 5% (read as five points), +5 after the same question.
 * - Multiples (2.5, 2.5倍, 2.5x), whole numbers of times, years or months (5, 5年).
 */
import { BP, normaliseAmountText, parseScaled, parseYuan } from "../money";
import type { MessageKey, MessageParams } from "../messages";
import type { Unit } from "../params/types";

export type Typed =
  | { kind: "ok"; value: string }
  /** A bare number above 1 in a ratio field: is it a percentage? `value` is what it would be. */
  | { kind: "ask"; value: string; percent: string }
  | { kind: "error"; key: MessageKey; params?: MessageParams };

const err = (key: MessageKey, params?: MessageParams): Typed => (params ? { kind: "error", key, params } : { kind: "error", key });

/** Full-width forms and the minus signs people type, as ASCII; ideographic spaces as spaces; trimmed. */
export function asciiDigits(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, "-")
    .replace(/\u3000/g, " ")
    .trim();
}

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+%?$/;

/** A basis-point count as the canonical ratio text ("0.83", "1", "0"). */
function bpText(bp: number, signed = false): string {
  const neg = bp < 0;
  const a = Math.abs(bp);
  const whole = Math.floor(a / BP);
  const frac = String(a - whole * BP).padStart(4, "0").replace(/0+$/, "");
  return (neg ? "-" : signed ? "" : "") + String(whole) + (frac ? "." + frac : "");
}

/** "83" or "83.5" percent → basis points, or null when it has more than two decimals. */
function percentBp(text: string): number | null {
  const r = parseScaled(text.replace(/^\+/, ""), 2);
  return r.ok ? r.value : null;
}

function ratio(text: string, bareAsPercent: boolean | undefined, signed: boolean): Typed {
  let t = asciiDigits(text).replace(/\s+/g, "");
  if (signed) t = t.replace(/个?百分点$/, "%");
  if (t === "") return err("pane.input.empty");
  if (DECIMAL_COMMA.test(t)) return err("pane.input.decimalComma", { value: t.replace(",", ".") });
  const neg = t.startsWith("-");
  if (neg && !signed) return err("pane.input.negative");
  const body = t.replace(/^[+-]/, "");
  const sign = neg ? -1 : 1;
  const limit = signed ? "pane.input.pointsRange" : "pane.input.ratioRange";
  if (body.endsWith("%")) {
    const num = body.slice(0, -1);
    if (!PLAIN.test(num)) return err(signed ? "pane.input.points" : "pane.input.ratio");
    const bp = percentBp(num.startsWith(".") ? "0" + num : num);
    if (bp === null) return err("pane.input.percentDecimals");
    if (bp > BP) return err(limit);
    return { kind: "ok", value: bpText(sign * bp) };
  }
  if (!PLAIN.test(body)) return err(signed ? "pane.input.points" : "pane.input.ratio");
  const plain = body.startsWith(".") ? "0" + body : body.replace(/\.$/, "");
  const asRatio = parseScaled(plain, 4);
  if (asRatio.ok && asRatio.value <= BP) return { kind: "ok", value: bpText(sign * asRatio.value) };
  if (!asRatio.ok && asRatio.reason === "decimals" && Number(plain) <= 1) return err("pane.input.ratioDecimals");
  // above 1: a percentage written without its sign?
  const bp = percentBp(plain);
  if (bp === null || bp > BP) return err(limit);
  const value = bpText(sign * bp);
  if (bareAsPercent === true) return { kind: "ok", value };
  if (bareAsPercent === false) return err(signed ? "pane.input.pointsNotPercent" : "pane.input.ratioNotPercent", { value: plain });
  return { kind: "ask", value, percent: `${neg ? "-" : ""}${plain}%` };
}

function amount(text: string): Typed {
  const t = asciiDigits(text);
  if (t === "") return err("pane.input.empty");
  const norm = normaliseAmountText(t);
  if (norm === null) return /^\d*,\d{1,2}$/.test(t) ? err("pane.input.decimalComma", { value: t.replace(",", ".") }) : err("pane.input.amount");
  const r = parseYuan(norm);
  if (r.ok) return { kind: "ok", value: norm };
  return err(r.reason === "decimals" ? "pane.input.amountDecimals" : r.reason === "negative" ? "pane.input.negative" : "pane.input.amountRange");
}

function whole(text: string, suffix: RegExp): Typed {
  const t = asciiDigits(text).replace(/\s+/g, "").replace(suffix, "");
  if (t === "") return err("pane.input.empty");
  if (!/^\+?\d+$/.test(t)) return err("pane.input.whole");
  return { kind: "ok", value: String(Number(t.replace(/^\+/, ""))) };
}

function factor(text: string): Typed {
  const t = asciiDigits(text).replace(/\s+/g, "").replace(/(倍|[x×])$/i, "");
  if (t === "") return err("pane.input.empty");
  if (!PLAIN.test(t) || t.startsWith("-")) return err("pane.input.factor");
  const r = parseScaled(t.replace(/^\+/, "").replace(/^\./, "0."), 4);
  if (!r.ok) return err(r.reason === "decimals" ? "pane.input.factorDecimals" : "pane.input.factor");
  if (r.value > 100 * BP) return err("pane.input.factor");
  return { kind: "ok", value: bpText(r.value) };
}

/** Read what was typed for a parameter of `unit` (a scale's band takes "ratio"). */
export function readTyped(unit: Unit, text: string, opts: { bareAsPercent?: boolean } = {}): Typed {
  switch (unit) {
    case "CNY":
      return amount(text);
    case "ratio":
      return ratio(text, opts.bareAsPercent, false);
    case "points":
      return ratio(text, opts.bareAsPercent, true);
    case "factor":
      return factor(text);
    case "count":
      return whole(text, /次$/);
    case "years":
      return whole(text, /年$/);
    case "months":
      return whole(text, /(个月|月)$/);
    case "switch":
      // switches are chosen from a list, never typed
      return err("pane.input.choose");
  }
}
