/**
 * The claims table the screens share: read once from a source, with the user's column mapping; and
 * why it cannot be audited or modelled as it is (nothing to read, only a header, headers that name
 * no claim fields), so a screen refuses to run and says what to do instead of running into a wall
 * of per-row errors or a green "done".
 */
import { blankRow } from "../src/claim/validate";
import { FIELD_BY_NAME } from "../src/claim/fields";
import { joinListTexts, msg, type MessageKey } from "../src/messages";
import type { Text } from "../src/text";
import type { TableData } from "./workbook/types";
import { effectiveMapping, REQUIRED_FIELDS } from "./components/ColumnMapping";
import { isResultHeader } from "../src/audit/reportHeader";

export interface Batch {
  sourceId: string;
  data: TableData;
  /** The user's corrections: header → canonical field, or null to ignore the column. */
  mapping: Record<string, string | null>;
}

export interface BatchProblem {
  kind: "empty" | "ownResults" | "headersOnly" | "noKnownHeader" | "missingFields" | "duplicateFields";
  title: Text;
  lines: Text[];
}

const p = (kind: BatchProblem["kind"], title: MessageKey, lines: Text[], params: Record<string, string | number | Text> = {}): BatchProblem => ({ kind, title: msg(title, params), lines });

/** Why the batch cannot be run, or null when it can. */
export function batchProblem(b: Batch): BatchProblem | null {
  const { header } = b.data;
  const headers = header.map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const claims = claimRows(b.data);
  if (headers.every((h) => h === "") && claims === 0) return p("empty", "pane.batch.empty", [msg("pane.batch.emptyWhat")], { source: b.data.label });
  // the pane's (or the command line's) own audit results: their amounts are recomputed, not claimed
  if (isResultHeader(header)) return p("ownResults", "pane.batch.ownResults", [msg("pane.batch.ownResultsWhat")], { source: b.data.label });
  const fields = effectiveMapping(header, b.mapping);
  const known = fields.filter(Boolean).length;
  if (known === 0) {
    const shown = headers.filter(Boolean).slice(0, 4);
    // U+FFFD: bytes that are not UTF-8 (a CSV saved by Chinese Excel is GBK)
    const garbled = headers.some((h) => h.includes("\uFFFD"));
    return p("noKnownHeader", "pane.batch.noKnownHeader", [msg("pane.batch.noKnownHeaderSeen", { headers: shown.join(" / ") || "—" }), msg(garbled ? "pane.batch.encodingWhat" : "pane.batch.noKnownHeaderWhat")], { source: b.data.label });
  }
  if (claims === 0) return p("headersOnly", "pane.batch.headersOnly", [msg("pane.batch.headersOnlyWhat")], { source: b.data.label });
  const missing = REQUIRED_FIELDS.filter((f) => !fields.includes(f));
  if (missing.length) {
    const names = joinListTexts(missing.map((f) => FIELD_BY_NAME.get(f)!.label));
    return p("missingFields", "pane.batch.missingFields", [msg("pane.batch.missingFieldsList", { fields: names }), msg("pane.batch.missingFieldsWhat")], { n: missing.length });
  }
  const seen = new Map<string, string[]>();
  fields.forEach((f, j) => f && seen.set(f, [...(seen.get(f) ?? []), headers[j]!]));
  const dupes = [...seen].filter(([, hs]) => hs.length > 1);
  if (dupes.length) {
    const [f, hs] = dupes[0]!;
    const label = FIELD_BY_NAME.get(f)!.label;
    return p("duplicateFields", "pane.batch.duplicateFields", [msg("pane.batch.duplicateFieldsWhat", { headers: hs.join(" / "), field: label })]);
  }
  return null;
}

const counted = new WeakMap<TableData, number>();

/** Claim rows of a table (rows that are not blank), counted once per table (a screen asks at every render). */
export function claimRows(data: TableData): number {
  let n = counted.get(data);
  if (n === undefined) counted.set(data, (n = data.rows.filter((r) => !blankRow(r)).length));
  return n;
}

/** The count, when the worker that read the table counted it. */
export function noteClaimRows(data: TableData, n: number): void {
  counted.set(data, n);
}
