/**
 * Amounts and counts as the pane shows them: yuan with thousands separators and two decimals
 * (1,319,980,233.22), signed changes (+1,234.00 / -56.70), compact axis labels (13.2 亿 / 1.32 bn).
 * Only display: the figures are the core's fen, printed exactly (no floating point on the way).
 */
import { formatYuan, type Fen } from "../src/money";
import type { Lang } from "../src/text";

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** fen → "1,234,567.89" ("-" for a negative difference). */
export function yuan(fen: Fen): string {
  const s = formatYuan(fen);
  const neg = s.startsWith("-");
  const [int, frac] = (neg ? s.slice(1) : s).split(".") as [string, string];
  return `${neg ? "-" : ""}${group(int)}.${frac}`;
}

/** A change: "+1,234.00", "-56.70", "0.00". */
export function signedYuan(fen: Fen): string {
  return (fen > 0 ? "+" : "") + yuan(fen);
}

/** A count, whole or (weighted) with up to two decimals: "12,345", "1,234.5". */
export function count(n: number): string {
  const r = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(r)).split(".") as [string, string?];
  return `${r < 0 ? "-" : ""}${group(int)}${frac ? "." + frac : ""}`;
}

/** The language's own short forms of large numbers (万 / 亿 in Chinese, K / M / B in English), three digits. */
const COMPACT: Readonly<Record<Lang, Intl.NumberFormat>> = {
  zh: new Intl.NumberFormat("zh-CN", { notation: "compact", maximumSignificantDigits: 3 }),
  en: new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 }),
};

/** A short label for an axis: 1.23万 / 4.5亿 in Chinese, 12.3K / 4.5M in English (display only). */
export function compactYuan(fen: Fen, lang: Lang): string {
  const y = fen / 100;
  // below ten thousand the whole yuan, grouped: 3,230
  if (Math.abs(y) < 1e4) return count(Math.round(y));
  return COMPACT[lang].format(y);
}

/** hh:mm:ss of a time, for the list of runs. */
export function clock(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
}
