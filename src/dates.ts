/**
 * Dates as integer day numbers (days since 1970-01-01, UTC calendar): no time zones, no Date objects
 * in the hot path. Excel serials (1900 date system) and ISO text are both accepted on input.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 system (which counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_OFFSET = 25_569;

export function dayFromYmd(y: number, m: number, d: number): Day | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function ymdOf(day: Day): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function formatDay(day: Day): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Excel serial (1900 system) → day. Serials 1–60 fall before 1900-03-01 and the fake 1900-02-29; refused. */
export function dayFromExcelSerial(serial: number): Day | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

export function excelSerialOf(day: Day): number {
  return day + EXCEL_EPOCH_OFFSET;
}

const ISO_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ].*)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Text or serial → day. Accepted: 2020-05-01, 2020/5/1, 2020.5.1, 2020年5月1日, 20200501 (the
 * national platform's compact form), an ISO timestamp (its date part), and Excel serials as numbers
 * or as 5-digit numeric text. Anything else, and impossible dates such as 2020-02-30, are refused.
 */
export function parseDay(v: string | number): Day | null {
  if (typeof v === "number") return dayFromExcelSerial(v);
  const t = v.trim();
  let m = ISO_RE.exec(t);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT_RE.exec(t);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(t)) return dayFromExcelSerial(Number(t));
  return null;
}

/**
 * The same calendar day n years later; 29 February becomes 28 February in a common year.
 * Used for payment years counted from an approval date (L 特殊疾病 待遇支付年限).
 */
export function addYears(day: Day, n: number): Day {
  const { y, m, d } = ymdOf(day);
  const dd = Math.min(d, daysInMonth(y + n, m));
  return dayFromYmd(y + n, m, dd)!;
}

export function addMonths(day: Day, n: number): Day {
  const { y, m, d } = ymdOf(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayFromYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)))!;
}

export function yearOf(day: Day): number {
  return ymdOf(day).y;
}
