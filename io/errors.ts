/**
 * A file the reader refuses, said so that a person can act on it: which file, where in it (line, or
 * sheet!cell, column letter and header) and why, in Chinese and English, from the message catalogs.
 * Nothing the reader throws at a user is a raw library message or a stack trace: anything else that
 * escapes a library is turned into `reader.broken` with the file's name.
 */
import { msg, type MessageKey, type MessageParams } from "../src/messages";
import type { Lang, Text } from "../src/text";

export interface Place {
  /** Physical line (CSV, JSON lines) or sheet row number (.xlsx), 1-based. */
  line?: number;
  sheet?: string;
  /** Column letter as a spreadsheet shows it (A, B … AA). */
  column?: string;
  header?: string;
}

export class ReaderError extends Error {
  readonly text: Text;
  constructor(
    readonly code: string,
    key: MessageKey,
    params: MessageParams,
    readonly place: Place = {},
  ) {
    const text = msg(key, params);
    // a refusal is an answer, not a crash: no stack trace is kept for it
    const E = Error as unknown as { stackTraceLimit?: number };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(text.en);
    E.stackTraceLimit = limit;
    this.name = "ReaderError";
    this.text = text;
  }
  say(lang: Lang): string {
    return this.text[lang];
  }
}

/** What `reader.broken` says of a failure no rule of the reader names (never the library's own words). */
export function brokenReason(e: unknown): Text {
  return msg(e instanceof RangeError ? "reader.broken.tooLarge" : "reader.broken.unexpected");
}

export function refuse(code: string, key: MessageKey, params: MessageParams, place?: Place): never {
  throw new ReaderError(code, key, params, place);
}

/** Column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 0-based column index of letters (A → 0, AA → 26), or -1. */
export function columnIndex(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
