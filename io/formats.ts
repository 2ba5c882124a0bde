/**
 * What a claim file's reading needs before it knows the file's kind, for the whole-file reader
 * (io/reader.ts) and the stream (io/stream.ts) alike: the format a name says, the limits, the
 * delimiters' names, and one JSON line read. Apart from the readers themselves, so that reading a CSV
 * does not load the .xlsx reader and its inflater (a tenth of the command line's start-up).
 */
import { msg } from "../src/messages";
import type { RawRecord } from "../src/claim/validate";
import type { Problem } from "../src/problem";
import type { Text } from "../src/text";
import type { Delimiter } from "./delimited";
import { jsonErrorAt } from "./jsonError";

/** The longest cell read (Excel's own limit for a cell). */
export const DEFAULT_MAX_CELL_CHARS = 32_767;
/** The deepest JSON a claim line may be (a claim is flat; this leaves room and stops hostile nesting). */
export const MAX_JSON_DEPTH = 32;

export interface ReadOptions {
  /** The file's name (its extension decides the format), for messages. */
  file: string;
  /** .xlsx: the sheet to read, by name. */
  sheet?: string;
  /** Column letter or header text → field, or null to ignore the column. */
  map?: Readonly<Record<string, string | null>>;
  /** Largest uncompressed zip entry (default 1 GiB). */
  maxEntryBytes?: number;
  /** Longest cell (default 32 767 characters). */
  maxCellChars?: number;
}

export interface JsonRecord {
  line: number;
  label: string;
  record?: RawRecord;
  problem?: Problem;
}

export type Format = "text" | "xlsx" | "jsonl";

export function formatOf(file: string): Format | null {
  const ext = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "text";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".jsonl" || ext === ".ndjson" || ext === ".json") return "jsonl";
  return null;
}

export const DELIMITER_NAME: Record<Delimiter, Text> = { ",": msg("reader.comma"), ";": msg("reader.semicolon"), "\t": msg("reader.tab") };

/**
 * Does a JSON text nest deeper than limit? Its depth is at most its number of opening brackets, which
 * indexOf counts quickly (a claim's line has one, and is not walked); past the limit, the depth is
 * counted without parsing (strings skipped).
 */
function tooDeep(s: string, limit: number): boolean {
  let open = 0;
  for (let i = s.indexOf("{"); i >= 0 && open <= limit; i = s.indexOf("{", i + 1)) open++;
  for (let i = s.indexOf("["); i >= 0 && open <= limit; i = s.indexOf("[", i + 1)) open++;
  return open > limit && jsonDepth(s, limit) > limit;
}

/** Nesting depth of a JSON text, counted without parsing it (strings skipped). */
function jsonDepth(s: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      for (i++; i < s.length; i++) {
        const d = s.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** One line of a JSON-lines file: null when blank, else its record or its own problem. */
export function parseJsonLine(raw: string, line: number, limit: number, maxDepth: number): JsonRecord | null {
  if (raw.trim() === "") return null;
  const label = `row ${line}`;
  const bad = (p: Text, code = "bad_json"): JsonRecord => ({ line, label, problem: { code, kind: "input", message: p } });
  if (raw.length > limit) return bad(msg("reader.lineTooLong", { line, limit }), "line_too_long");
  if (tooDeep(raw, maxDepth)) return bad(msg("reader.tooDeep", { line, depth: maxDepth }), "too_deep");
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    const at = jsonErrorAt(raw);
    return bad(msg("reader.badJson", { line, column: at < 0 ? "?" : at + 1 }));
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return bad(msg("reader.notObject", { line }));
  return { line, label, record: v as RawRecord };
}
