/** What the page and the pane's worker say to each other (taskpane/worker/audit.worker.ts). */
import type { AuditSummary } from "../../src/audit/audit";
import type { Dimension } from "../../src/scenario/compare";
import type { Override } from "../../src/params/registry";
import type { Lang, Text } from "../../src/text";
import type { BlockFormat, SourceInfo } from "../workbook/types";

export interface OpenedFile {
  fileName: string;
  sources: SourceInfo[];
  summaries: Record<string, Text[]>;
}

export interface ReadDone {
  label: string;
  header: unknown[];
  total: number;
  hasLines: boolean;
}

export interface AuditJobArgs {
  job: number;
  /** A source of the open file, or a table the page posted (inside Excel). */
  source: { sourceId: string } | { tableId: number };
  mapping: Record<string, string | null>;
  lang: Lang;
  mask: boolean;
  /** The engine: the documented parameters with these overrides (taskpane/engines.ts engineWith). */
  params: { label: string; overrides: Override[] };
}

export interface AuditJobDone {
  summary: AuditSummary;
  notes: Text[];
  sheets: string[];
  sheet: string;
  cancelled: boolean;
}

/** A Model screen run (taskpane/jobs/modelRun.ts): the table, the engines by their overrides, what to total by. */
export interface ModelJobArgs {
  job: number;
  source: { sourceId: string } | { tableId: number };
  mapping: Record<string, string | null>;
  lang: Lang;
  base: { label: string; overrides: Override[] };
  /** Null: the scenario is the baseline. */
  scen: { label: string; overrides: Override[] } | null;
  compute: boolean;
  dimension: Dimension;
  weightColumn: string;
}

export interface DownloadArgs {
  job: number;
  /** The result sheets to download (every one when omitted). */
  names?: string[];
}

export type SheetCall =
  | { op: "new"; base: string }
  | { op: "write"; handle: number; row: number; col: number; values: unknown[][]; formats?: string[] }
  | { op: "format"; handle: number; top: number; col: number; rows: number; width: number; f: BlockFormat }
  | { op: "rename"; handle: number; base: string }
  | { op: "activate"; handle: number };
