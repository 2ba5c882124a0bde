/**
 * Rule currency (POLICY §12): the newest source is the 2024 national notice and the Lanzhou guide is
 * of 2020-04. A claim dated more than a year after the version of a parameter it uses still settles
 * under that version (the documents give nothing newer), but the trace and the audit summary name
 * such parameters, so that a user can supply newer dated values through the parameter table.
 *
 * Readings (switches) are the project's decisions, not dated figures, and are not listed. The
 * chronic-disease tables are figures too (caps, ratios, years): they are listed as one entry.
 */
import { lanzhouChronic } from "../catalogs/chronic";
import { addYears, formatDay, parseDay, type Day } from "../dates";
import { joinTexts, msg } from "../messages";
import type { Registry } from "../params/registry";
import type { ParamVersion } from "../params/types";
import type { Text } from "../text";
import type { KernelId } from "./routes";

/** How old a parameter version may be at the claim's date before it is named. */
export const CURRENCY_YEARS = 1;

/**
 * The day each seed attests its figures (README of the seeds: in force / published). A version is
 * as current as the later of its start and the document that states it: the Lanzhou guide of
 * 2020-04 restates the 10% class-B share "from 2019-04-04", which is current as of 2020-04.
 */
export const DOC_DATES: Readonly<Record<string, Day>> = {
  L: parseDay("2020-04-01")!,
  SY: parseDay("2021-07-01")!,
  LN: parseDay("2023-01-01")!,
  NA: parseDay("2024-09-05")!,
};

/** The day a version's value is attested: its start, or its source document's date if later; a user's value from its own start. */
export function attested(v: ParamVersion): Day {
  if (v.override) return v.from;
  const d = DOC_DATES[v.ref.doc];
  return d !== undefined && d > v.from ? d : v.from;
}

export interface StaleParam {
  id: string;
  label: Text;
  /** The day the version used is attested (its start, or its document's date). */
  from: string;
}

/** Dated tables that are not parameters, by the kernels that read them. */
export const CATALOG_VERSIONS: Partial<Record<KernelId, { id: string; label: Text; from: Day }>> = {
  "lanzhou.employee.chronic": { id: "lanzhouChronic.employee", label: msg("engine.currency.employeeTable"), from: lanzhouChronic.from },
  "lanzhou.resident.chronic": { id: "lanzhouChronic.resident", label: msg("engine.currency.residentTable"), from: lanzhouChronic.from },
};

/** Is a version that started on `from` more than CURRENCY_YEARS old on `day`? */
export const isStale = (from: Day, day: Day): boolean => day > addYears(from, CURRENCY_YEARS);

/** The parameters (id → the day the version used is attested, see `attested`) older than a year on `day`, switches left out. */
export function staleParams(reg: Registry, used: Iterable<readonly [string, Day]>, day: Day, kernel?: KernelId): StaleParam[] {
  const out: StaleParam[] = [];
  for (const [id, from] of used) {
    if (!isStale(from, day) || !reg.has(id)) continue;
    const p = reg.param(id);
    if (p.unit === "switch") continue;
    out.push({ id, label: p.label, from: formatDay(from) });
  }
  const cat = kernel ? CATALOG_VERSIONS[kernel] : undefined;
  if (cat && isStale(cat.from, day)) out.push({ id: cat.id, label: cat.label, from: formatDay(cat.from) });
  return out;
}

const LISTS = new Map<string, Text>();
/** The stale parameters as one text: "id（label，自 from）；…" (made once per list: claims of one epoch share it). */
export function staleList(stale: readonly StaleParam[]): Text {
  const key = stale.map((p) => `${p.id}@${p.from}`).join("|");
  let t = LISTS.get(key);
  if (!t) {
    t = joinTexts(stale.map((p) => msg("engine.currency.item", { id: p.id, label: p.label, from: p.from })));
    if (LISTS.size > 256) LISTS.clear();
    LISTS.set(key, t);
  }
  return t;
}
