/**
 * The national platform's dictionary codes as claim values (险种 insutype, 人员类别 psn_type, 医疗类别
 * med_type, 医保区划 insu_admdvs / insuplc_admdvs), from data/national-codes.json, which says where each
 * list comes from. A listed code reads as its value; a listed code without one is a case the
 * documents give no rule for (a no-rule error that names the code and what it is); a code not
 * listed is refused as unknown. Nothing is inferred from a code's shape, except that a 6-digit
 * 区划代码 whose province part (GB/T 2260) is real names a real place.
 */
import data from "./data/national-codes.json";
import type { Text } from "../text";
import { msg } from "../messages";

export type CodeLookup =
  | { kind: "value"; value: string; name: string }
  | { kind: "no_rule"; name: string; reason: Text }
  | { kind: "unknown"; list: string };

interface CodeRow {
  name: string;
  value: string | null;
  reason?: Text;
}

const LISTS: Record<string, { label: string; codes: Record<string, CodeRow> }> = {
  scheme: data.insutype as { label: string; codes: Record<string, CodeRow> },
  personType: data.psn_type as { label: string; codes: Record<string, CodeRow> },
  careType: data.med_type as { label: string; codes: Record<string, CodeRow> },
};

/** Is this text a code of the national platform's form (digits only)? */
export function isCodeForm(s: string): boolean {
  return /^\d{2,6}$/.test(s);
}

/** A dictionary code for scheme, personType or careType; null when the field has no national list. */
export function nationalCode(field: string, code: string): CodeLookup | null {
  const list = LISTS[field];
  if (!list) return null;
  if (!Object.hasOwn(list.codes, code)) return { kind: "unknown", list: list.label };
  const row = list.codes[code]!;
  return row.value === null ? { kind: "no_rule", name: row.name, reason: row.reason ?? NO_REASON } : { kind: "value", value: row.value, name: row.name };
}

const NO_REASON: Text = msg("claim.noRuleForCode");
const OTHER_PLACE: Text = msg("claim.otherPlace");

const PLACES: Record<string, CodeRow> = data.admdvs.places as Record<string, CodeRow>;
const PROVINCES: Record<string, string> = data.admdvs.provinces;

/** A 6-digit 医保区划 code as an insured place. */
export function placeCode(code: string): CodeLookup {
  if (Object.hasOwn(PLACES, code)) {
    const row = PLACES[code]!;
    return row.value === null ? { kind: "no_rule", name: row.name, reason: row.reason ?? NO_REASON } : { kind: "value", value: row.value, name: row.name };
  }
  const province = code.slice(0, 2);
  if (/^\d{6}$/.test(code) && Object.hasOwn(PROVINCES, province) && !["6201", "2101"].includes(code.slice(0, 4)))
    return { kind: "no_rule", name: PROVINCES[province]!, reason: OTHER_PLACE };
  return { kind: "unknown", list: data.admdvs.label };
}
