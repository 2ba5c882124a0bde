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

/** A short label for an axis: 亿 / 万 in Chinese, bn / M / k in English (display only). */
export function compactYuan(fen: Fen, lang: Lang): string {
  const y = fen / 100;
  const a = Math.abs(y);
  const fmt = (v: number, unit: string) => `${Number(v.toPrecision(3))}${unit}`;
  // below ten thousand the whole yuan, grouped: 3,230
  const small = () => count(Math.round(y));
  if (lang === "zh") {
    if (a >= 1e8) return fmt(y / 1e8, "亿");
    if (a >= 1e4) return fmt(y / 1e4, "万");
    return small();
  }
  if (a >= 1e9) return fmt(y / 1e9, " bn");
  if (a >= 1e6) return fmt(y / 1e6, " M");
  if (a >= 1e4) return fmt(y / 1e3, " k");
  return small();
}

/** hh:mm:ss of a time, for the list of runs. */
export function clock(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
}
