/**
 * The liaoning-city policy set's checks on a city's base table (docs/liaoning-city.md):
 *
 * - LN 第二十三条 bounds (POLICY §9): each temporary category's threshold multiple at most 2.5× the
 *   same-level local threshold; its ratio at most 10 points below the same-level local ratio for
 *   referral and emergency (and for every category when the city merged them into one, LN 第十一条),
 *   20 points for non-emergency, non-referred care. A breach refuses the table, naming the parameter.
 * - Completeness: the city figures a claim can route to that the table leaves out. They are not
 *   defaulted: a claim that needs one is refused with the parameter named; the load says which.
 * - Provincial rules (LN) are fixed in the set's template: a city table that sets one is refused.
 */
import { HOSPITAL_LEVELS, LIAONING_CITIES, LIAONING_CITY_NAMES, RESIDENT_PERSON_TYPES, KEY_DOMAINS, type HospitalLevel, type LiaoningCity } from "../claim/enums";
import { formatDay, type Day } from "../dates";
import { BP } from "../money";
import { msg } from "../messages";
import { CITY_NAMES_EN, CITY_PARAM_SUFFIXES } from "../params/liaoningCity";
import type { Registry } from "../params/registry";
import { PolicyError, type Problem } from "../problem";
import type { Text } from "../text";
import type { Kernel } from "../engine/kernel";
import { cityInpatient } from "../engine/kernels/shenyangInpatient";
import type { ComposedParams } from "../engine/steps/compose";
import { boundsFrom, checkLiaoningBounds, LN_23, LN_MERGED, type CategoryTerms, type CityTerms, type TemporaryCategory } from "./liaoningBounds";

export const CITY_CATEGORIES = ["referral", "emergency", "temporary"] as const;
const CATEGORY_WORDS = { referral: msg("city.category.referral"), emergency: msg("city.category.emergency"), temporary: msg("city.category.temporary") } as const;
const GROUP_WORDS = { adult: msg("city.group.adult"), elderly: msg("city.group.elderly"), student: msg("city.group.student"), minor: msg("city.group.minor") } as const;

export function cityName(city: LiaoningCity): Text {
  return msg("city.name", { name: { zh: LIAONING_CITY_NAMES[city], en: CITY_NAMES_EN[city] } });
}

function tryValue<T>(f: () => T): T | null {
  try {
    const v = f();
    return v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v;
  } catch (e) {
    if (e instanceof PolicyError) return null;
    throw e;
  }
}

/** One breach or gap, with the parameter (and key) it is about. */
export interface CityFinding {
  parameter: string;
  key?: string;
  message: Text;
}

export interface CityReport {
  city: LiaoningCity;
  day: Day;
  breaches: CityFinding[];
  /** City figures not supplied: claims that need one are refused, naming it. */
  missing: CityFinding[];
}

/**
 * Check a city's set as the registry has it on `day` (the documented template plus the city's table).
 * Every ratio breach of LN 第二十三条 and every threshold multiple above the bound is a breach; every
 * city figure not supplied is listed under `missing`.
 */
export function checkCity(reg: Registry, city: LiaoningCity, day: Day): CityReport {
  const S = city;
  const name = cityName(city);
  const breaches: CityFinding[] = [];
  const missing: CityFinding[] = [];

  // Completeness: every city figure, every key.
  for (const { suffix, cityFigure } of CITY_PARAM_SUFFIXES) {
    if (!cityFigure) continue;
    const id = `${S}.${suffix}`;
    const p = reg.param(id);
    const keys = p.keyedBy ? KEY_DOMAINS[p.keyedBy]!.filter((k) => k !== "merged") : [undefined];
    for (const key of keys) {
      const v = tryValue(() => (key === undefined ? reg.version(id, day).value : reg.keyed(id, day, key)));
      if (v === null) missing.push({ parameter: id, ...(key !== undefined ? { key } : {}), message: msg("city.missingFigure", { city: name, parameter: key ? `${id}:${key}` : id, label: p.label, day: formatDay(day) }) });
    }
  }

  const bounds = boundsFrom(reg, day);
  const merged = tryValue(() => reg.value(`${S}.crossRegion.categories`, day)) === "merged";
  const boundOf = (cat: TemporaryCategory) => (merged ? bounds.merged : bounds[cat]);

  // Threshold multiples (LN 第二十三条: 起付标准上调幅度不超过 2.5 倍).
  const maxMultiple = reg.num("liaoning.temporary.thresholdMultipleMax", day);
  for (const cat of CITY_CATEGORIES) {
    const m = tryValue(() => reg.keyed(`${S}.crossRegion.thresholdMultiple`, day, cat) as number);
    if (m !== null && m > maxMultiple)
      breaches.push({ parameter: `${S}.crossRegion.thresholdMultiple`, key: cat, message: msg("city.multipleBreach", { city: name, category: CATEGORY_WORDS[cat], multiple: String(m / BP), max: String(maxMultiple / BP) }) });
    if (m !== null && m < BP)
      breaches.push({ parameter: `${S}.crossRegion.thresholdMultiple`, key: cat, message: msg("city.multipleBelowOne", { city: name, category: CATEGORY_WORDS[cat], multiple: String(m / BP) }) });
  }

  // Ratios: each group's flat category ratio against every level whose local ratio is supplied.
  const groups: { terms: CityTerms["groups"][number]; ids: Record<string, { id: string; key?: string }> }[] = [];
  const levelsOf = (x: Partial<Record<HospitalLevel, number | null>>) => HOSPITAL_LEVELS.filter((l) => x[l] != null);
  const add = (label: Text, s: "employee" | "resident", personType?: (typeof RESIDENT_PERSON_TYPES)[number]) => {
    const local = Object.fromEntries(HOSPITAL_LEVELS.map((l) => [l, tryValue(() => reg.keyed(`${S}.${s}.ratio`, day, l) as number)])) as Partial<Record<HospitalLevel, number | null>>;
    const levels = levelsOf(local);
    const categories: Partial<Record<TemporaryCategory, CategoryTerms>> = {};
    const ids: Record<string, { id: string; key?: string }> = {};
    for (const cat of CITY_CATEGORIES) {
      const id = `${S}.${s}.${cat}.ratio`;
      const r = tryValue(() => (personType ? (reg.keyed(id, day, personType) as number) : reg.num(id, day)));
      if (r === null) continue; // listed under missing
      categories[cat] = { threshold: {}, ratio: Object.fromEntries(levels.map((l) => [l, r])), basis: { zh: id, en: id } };
      ids[cat] = { id, ...(personType ? { key: personType } : {}) };
    }
    groups.push({ terms: { label, local: { threshold: {}, ratio: local }, categories }, ids });
  };
  add(msg("city.group.employee"), "employee");
  for (const pt of RESIDENT_PERSON_TYPES) add(GROUP_WORDS[pt], "resident", pt);
  for (const g of groups) {
    const rep = checkLiaoningBounds({ city: name.zh, groups: [g.terms] }, { referral: boundOf("referral"), emergency: boundOf("emergency"), temporary: boundOf("temporary"), merged: bounds.merged });
    for (const b of rep.breaches) {
      const at = g.ids[b.category]!;
      breaches.push({ parameter: at.id, ...(at.key ? { key: at.key } : {}), message: merged ? msg("city.mergedBreach", { breach: b.message }) : b.message });
    }
  }
  return { city, day, breaches, missing };
}

/**
 * A city claim settles only from the city's own table: when no city figure of the set is supplied on
 * the claim's day, the claim is refused saying the base table is missing (never Shenyang's figures).
 */
export function cityTableProblem(reg: Registry, city: LiaoningCity, day: Day): Problem | null {
  for (const { suffix, cityFigure } of CITY_PARAM_SUFFIXES) {
    if (!cityFigure) continue;
    const v = reg.param(`${city}.${suffix}`).versions.filter((x) => x.from <= day).pop();
    if (v?.override) return null;
  }
  return { code: "city_table_missing", kind: "no_rule", field: "insuredPlace", value: city, message: msg("city.tableMissing", { city: cityName(city), code: city }) };
}

/** The article every breach cites. */
export const CITY_REFS = [LN_23, LN_MERGED] as const;

/**
 * The liaoning-city policy set: for each city, the Shenyang inpatient kernel reading the city's
 * parameters (`<city>.…`), refusing every claim while the city's base table is not supplied.
 */
export const CITY_KERNELS: Readonly<Record<`${LiaoningCity}.inpatient`, Kernel<ComposedParams>>> = Object.fromEntries(
  LIAONING_CITIES.map((city) => [`${city}.inpatient`, cityInpatient(`${city}.inpatient`, city, city, { place: cityName(city), refuse: (r) => cityTableProblem(r.reg, city, r.day), supplementary: false, emergency: true, thresholdMultiple: true, noThresholdReduction: true, exampleFigures: true })]),
) as unknown as Record<`${LiaoningCity}.inpatient`, Kernel<ComposedParams>>;
