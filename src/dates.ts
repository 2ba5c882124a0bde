/**
 * Dates as integer day numbers (days since 1970-01-01, UTC calendar): no time zones, no Date objects
 * in the hot path. Excel serials and ISO text are both accepted on input; a serial is read in the
 * 1900 date system unless the caller says the workbook uses another (DateSystem).
 */

export type Day = number;

/**
 * How a workbook numbers its dates. "1900": Excel's default (serial 1 is 1900-01-01, and serial 60 the
 * fictitious 1900-02-29 Lotus counted); every file the command line reads and every caller that says
 * nothing. "1904": Excel's "Use 1904 date system" (Mac Excel's old default, `<workbookPr date1904="1"/>`):
 * serial 0 is 1904-01-01, each date's serial 1462 less than in the 1900 system. "unknown": the add-in
 * could not read which (taskpane/index.tsx, functions/dateSystem.ts): a serial is then no date at all,
 * and a date given as text is read as ever.
 */
export type DateSystem = "1900" | "1904" | "unknown";

/**
 * Each known system's serials as data: the serial of 1970-01-01 (a serial s is day s − epoch), and the
 * first and last serials read as dates. 1900: below 61 lie the fictitious 1900-02-29 (60) and the days
 * before it, each off by one; 2 958 465 is 9999-12-31. 1904: 0 is 1904-01-01, the first date Excel
 * shows in that system (a negative serial is no date there); 2 957 003 is 9999-12-31.
 */
export const SERIALS: Readonly<Record<Exclude<DateSystem, "unknown">, { readonly epoch: number; readonly first: number; readonly last: number }>> = {
  "1900": { epoch: 25_569, first: 61, last: 2_958_465 },
  "1904": { epoch: 24_107, first: 0, last: 2_957_003 },
};

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

/** A 1904 serial s is the 1900 serial s + this of the same day (1462: 1900-01-01 to 1904-01-01, with the fictitious 1900-02-29). */
export const SERIAL_1904_TO_1900 = SERIALS["1900"].epoch - SERIALS["1904"].epoch;

/**
 * Excel serial → day, in the workbook's date system (1900 unless said). 1900: serials 1–60 fall before
 * 1900-03-01 and the fake 1900-02-29; refused. 1904: a serial below 0 (before 1904-01-01); refused.
 * Past 9999-12-31, and any serial when the system is unknown: refused.
 */
export function dayFromExcelSerial(serial: number, system: DateSystem = "1900"): Day | null {
  if (system === "unknown") return null;
  const s = SERIALS[system];
  if (!Number.isFinite(serial) || serial < s.first || serial > s.last) return null;
  return Math.floor(serial) - s.epoch;
}

/** A day as an Excel serial of the workbook's date system (1900 unless said). */
export function excelSerialOf(day: Day, system: Exclude<DateSystem, "unknown"> = "1900"): number {
  return day + SERIALS[system].epoch;
}

/**
 * Which system a workbook uses, from what Excel evaluates DATE(1904, 1, 1) to there (ExcelApi 1.2
 * `workbook.functions.date`: nothing written to any cell): the system in which 1904-01-01 has that
 * serial, 1462 in the 1900 system and 0 in the 1904 one. Anything else (an error, text, another
 * number, nothing) says nothing: "unknown".
 */
export function dateSystemOf(date1904: unknown): DateSystem {
  if (typeof date1904 !== "number") return "unknown";
  const day = daysFromCivil(1904, 1, 1);
  for (const system of ["1900", "1904"] as const) if (date1904 === day + SERIALS[system].epoch) return system;
  return "unknown";
}

const ISO_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ].*)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT_RE = /^\d{5}(\.\d+)?$/;

/** Text that parseDay reads as a serial in the 1900 system (5 digits, perhaps a fraction), spaces around it aside. */
export function isSerialText(v: string): boolean {
  return SERIAL_TEXT_RE.test(v.trim());
}

/**
 * Text or serial → day. Accepted: 2020-05-01, 2020/5/1, 2020.5.1, 2020年5月1日, 20200501 (the
 * national platform's compact form), an ISO timestamp (its date part), and Excel serials as numbers
 * or as 5-digit numeric text. Anything else, and impossible dates such as 2020-02-30, are refused.
 *
 * A number is a serial of `system` (1900 unless said; see dayFromExcelSerial). A date as text is the
 * same date in every system and is never shifted; 5-digit text is read as a serial in the 1900
 * system only (where it comes from files the command line reads): in a 1904 workbook, or one whose
 * system is unknown, digits typed as text could be a serial of either system, and are refused.
 */
export function parseDay(v: string | number, system: DateSystem = "1900"): Day | null {
  if (typeof v === "number") return dayFromExcelSerial(v, system);
  const t = v.trim();
  let m = ISO_RE.exec(t);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT_RE.exec(t);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (system === "1900" && SERIAL_TEXT_RE.test(t)) return dayFromExcelSerial(Number(t));
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
