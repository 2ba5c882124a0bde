/**
 * Dates as integer day numbers (days since 1970-01-01, UTC calendar): no time zones, no Date objects
 * in the hot path. Excel serials (1900 date system) and ISO text are both accepted on input.
 */

export type Day = number;

/** Excel serial of 1970-01-01 in the 1900 system (which counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_OFFSET = 25_569;

/** Days from 1970-01-01 of a civil date (H. Hinnant's days_from_civil): integer arithmetic, no Date. */
function daysFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function dayFromYmd(y: number, m: number, d: number): Day | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The civil date of a day (H. Hinnant's civil_from_days). */
export function ymdOf(day: Day): { y: number; m: number; d: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function formatDay(day: Day): string {
  // a batch's dates are few and repeat (a report writes one per row): each made once
  let s = DAY_TEXT.get(day);
  if (s === undefined) {
    const { y, m, d } = ymdOf(day);
    s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    if (DAY_TEXT.size >= 1 << 16) DAY_TEXT.clear();
    DAY_TEXT.set(day, s);
  }
  return s;
}
const DAY_TEXT = new Map<Day, string>();

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
  return daysFromCivil(y + n, m, Math.min(d, daysInMonth(y + n, m)));
}

export function addMonths(day: Day, n: number): Day {
  const { y, m, d } = ymdOf(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function yearOf(day: Day): number {
  return ymdOf(day).y;
}
