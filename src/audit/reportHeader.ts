/**
 * How an audit report's header is told from a claims table's, for the readers that refuse a report
 * given back as claims (io/table.ts, the pane's taskpane/batch.ts): apart from src/audit/report.ts,
 * so that reading a file does not load the audit (a tenth of the start-up of `yibao settle`).
 */
import { msg } from "../messages";

const RECOMPUTED_FUND = msg("audit.col.recomputedFund");
const DIFFERENCE = msg("audit.col.difference");

/**
 * A header row that is the audit report's own (its recomputed fund and difference columns, in either
 * language): the results of an audit, not claims. Its amounts are recomputed layers, which a claims
 * reader would take for claimed ones (起付线, 大病保险 …), so it is refused as input.
 */
export function isResultHeader(header: readonly unknown[]): boolean {
  const cells = new Set(header.map((h) => (typeof h === "string" ? h.trim() : "")));
  return (["zh", "en"] as const).some((l) => cells.has(RECOMPUTED_FUND[l]) && cells.has(DIFFERENCE[l]));
}
