/** The claims table the screens share: read once from a source, with the user's column mapping. */
import type { TableData } from "./workbook/types";

export interface Batch {
  sourceId: string;
  data: TableData;
  /** The user's corrections: header → canonical field, or null to ignore the column. */
  mapping: Record<string, string | null>;
}
