/**
 * One entry per catalog row, whatever the catalog: what the list shows (title, tag, one line, the
 * citation), the row it inserts into a sheet, and the ready formula of our own custom functions
 * (=YIBAO.…) that computes it. The builders live beside this file, one per catalog.
 */
import type { Condition } from "../../../src/catalogs/emergency";
import type { ChronicDisease } from "../../../src/catalogs/chronic";
import type { LanzhouMapping, NationalCode } from "../../../src/catalogs/national";
import type { ReferralRow } from "../../../src/catalogs/referral";
import type { MaterialKind } from "../../../src/catalogs/materials";
import type { MessageKey } from "../../../src/messages";
import { isOurFormula } from "../../workbook/excel";

export type CatalogId = "emergency" | "chronic" | "national" | "referral" | "materials";
export const CATALOG_IDS: readonly CatalogId[] = ["emergency", "chronic", "national", "referral", "materials"];

/** Each catalog's name in the pane. */
export const CATALOG_NAME: Record<CatalogId, MessageKey> = {
  emergency: "pane.catalog.name.emergency",
  chronic: "pane.catalog.name.chronic",
  national: "pane.catalog.name.national",
  referral: "pane.catalog.name.referral",
  materials: "pane.catalog.name.materials",
};

export type Item =
  | { kind: "emergency"; c: Condition }
  | { kind: "chronic"; d: ChronicDisease; m: LanzhouMapping }
  | { kind: "national"; n: NationalCode }
  | { kind: "referral"; r: ReferralRow }
  | { kind: "materials"; k: MaterialKind };

export type Cell = string | number;

export interface Entry {
  /** Unique within its catalog (a condition id, a code, a referral 序号 …). */
  key: string;
  item: Item;
  title: string;
  /** A short tag shown beside the title (a code, the scheme, the department). */
  badge?: string;
  /** One line under the title: the key criterion, the cap and ratio, the code … */
  summary: string;
  /** Document and section, readable. */
  cites: string[];
  /** The entry as one row of cells. */
  row: Cell[];
  /** A ready formula of ours (isOurFormula holds). */
  formula: string;
}

/** An entry and the names it is found by (its own, aliases, synonyms, English names, codes). */
export interface Named {
  entry: Entry;
  names: (string | undefined | null)[];
}

/**
 * Excel keeps at most 255 characters in a text constant of a formula; a longer argument cannot be
 * written as a formula at all (it has to stand in a cell the formula refers to).
 */
export const FORMULA_TEXT_LIMIT = 255;

/** A string argument of a formula: quotes doubled. */
function arg(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A formula of ours with text arguments; null when an argument is longer than Excel takes. */
export function tryFormula(name: string, args: readonly string[]): string | null {
  if (args.some((a) => a.length > FORMULA_TEXT_LIMIT)) return null;
  const f = `=YIBAO.${name}(${args.map(arg).join(",")})`;
  if (!isOurFormula(f)) throw new Error(`not an add-in formula: ${f}`);
  return f;
}

/** A formula the catalog offers for its own rows (their arguments are short: a test holds every one). */
export function formulaOf(name: string, args: readonly string[]): string {
  const f = tryFormula(name, args);
  if (f === null) throw new Error(`a catalog argument is longer than ${FORMULA_TEXT_LIMIT} characters: ${name}`);
  return f;
}

/** A row as text for the clipboard: tab-separated, no tabs or line breaks inside a cell. */
export function rowText(row: readonly Cell[]): string {
  return row.map((v) => String(v).replace(/[\t\r\n]+/g, " ")).join("\t");
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
