import type { Lang, Text } from "./text";
import { say } from "./messages";

/**
 * What goes wrong, said so that a person can act on it. `input` problems are bad or missing data
 * (Excel #VALUE!); `no_rule` problems are cases the documents do not rule on or parameters they do
 * not give (Excel #N/A). The core never turns either into a number.
 */
export type ProblemKind = "input" | "no_rule";

export interface Problem {
  code: string;
  kind: ProblemKind;
  /** The canonical claim field or parameter id concerned. */
  field?: string;
  /** The offending value, as given. */
  value?: string;
  message: Text;
}

export class PolicyError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    // A problem is an answer, not a crash: no stack trace is captured (it would cost more than the claim).
    const E = Error as unknown as { stackTraceLimit?: number };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(problem.message.en);
    E.stackTraceLimit = limit;
    this.name = "PolicyError";
    this.problem = problem;
  }
}

export function fail(problem: Problem): never {
  throw new PolicyError(problem);
}

export function noRule(code: string, message: Text, field?: string, value?: string): never {
  throw new PolicyError({ code, kind: "no_rule", message, field, value });
}

export function badInput(code: string, field: string, value: string | undefined, message: Text): never {
  throw new PolicyError({ code, kind: "input", field, value, message });
}

/**
 * Something that looks like a Chinese resident ID number: 18 characters (6-digit area, a birth date
 * 18xx–20xx, 3 digits, a check digit or X) or the old 15-digit form, not part of a longer number.
 * The check digit is not required: a mistyped ID number is personal data too.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/g;

/** Claim fields whose values identify a person: never echoed in a message. */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set(["name", "idNumber"]);

/** An ID number as 620***********5641 (first 3 and last 4 kept), as the reports show it. */
export function maskIdNumber(s: string): string {
  if (s.length <= 7) return s.slice(0, 1) + "*".repeat(Math.max(s.length - 1, 0));
  return s.slice(0, 3) + "*".repeat(s.length - 7) + s.slice(-4);
}

/** A name as 李** (the first character kept). */
export function maskPersonName(s: string): string {
  const chars = [...s];
  return (chars[0] ?? "") + "*".repeat(Math.max(chars.length - 1, 1));
}

/** Every part of a text that looks like an ID number, masked. */
export function maskIdNumbers(s: string): string {
  return s.replace(ID_NUMBER, maskIdNumber);
}

export function looksLikeIdNumber(s: string): boolean {
  ID_NUMBER.lastIndex = 0;
  const m = ID_NUMBER.exec(s.trim());
  ID_NUMBER.lastIndex = 0;
  return m !== null && m[0].length === s.trim().length;
}

/**
 * A value as a message shows it. Only primitives are shown as themselves; an object or array from a
 * hostile record is named by its kind, never stringified (no user-controlled toString, toJSON or
 * getter is ever called, and a 100 000-deep array costs nothing). Values of identity fields are
 * masked, and anything in a text that looks like an ID number is masked wherever it appears. A
 * value that is not text is named in the reader's language (`lang`; English by default, as
 * Problem.value keeps it).
 */
export function describeValue(v: unknown, field?: string, lang: Lang = "en"): string {
  if (v === undefined || v === null) return say(lang, "common.value.empty");
  if (typeof v === "string") {
    const t = field !== undefined && IDENTITY_FIELDS.has(field) ? (field === "name" ? maskPersonName(v.trim()) : maskIdNumber(v.trim())) : maskIdNumbers(v);
    return t.length > 60 ? JSON.stringify(t.slice(0, 57) + "…") : JSON.stringify(t);
  }
  if (typeof v === "number") {
    const s = String(v);
    return field !== undefined && IDENTITY_FIELDS.has(field) ? maskIdNumber(s) : maskIdNumbers(s);
  }
  if (typeof v === "boolean") return String(v);
  if (typeof v === "bigint") return say(lang, "common.value.bigInteger");
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? say(lang, "common.value.invalidDate") : v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return say(lang, "common.value.list");
  if (typeof v === "function") return say(lang, "common.value.function");
  if (typeof v === "symbol") return say(lang, "common.value.symbol");
  return say(lang, "common.value.object");
}
