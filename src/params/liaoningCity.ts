/**
 * The liaoning-city policy set: one parameter template (data/liaoning-city.json, ids `city.*`)
 * instantiated for every Liaoning city other than Shenyang, as the set named by the city's code
 * (`chaoyang.employee.threshold` …). The figures a city sets are missing until its base table
 * supplies them (POLICY §8's reading for Shenyang, applied to every city); the provincial rules
 * (LN 辽医保发〔2022〕19号) are fixed in the template and a city table does not set them.
 */
import template from "./data/liaoning-city.json";
import { LIAONING_CITIES, LIAONING_CITY_NAMES, type LiaoningCity } from "../claim/enums";
import { say } from "../messages";

export const CITY_NAMES_EN: Record<LiaoningCity, string> = {
  dalian: "Dalian",
  anshan: "Anshan",
  fushun: "Fushun",
  benxi: "Benxi",
  dandong: "Dandong",
  jinzhou: "Jinzhou",
  yingkou: "Yingkou",
  fuxin: "Fuxin",
  liaoyang: "Liaoyang",
  panjin: "Panjin",
  tieling: "Tieling",
  chaoyang: "Chaoyang",
  huludao: "Huludao",
};

export const CITY_TEMPLATE_FILE = "liaoning-city.json";
const TEMPLATE_PARAMS = (template as { parameters: Record<string, { values: { missing?: unknown }[] }> }).parameters;

/** The template's ids without the `city.` prefix, and whether the city's table sets them (missing in the template) or LN fixes them. */
export const CITY_PARAM_SUFFIXES: readonly { suffix: string; cityFigure: boolean }[] = Object.entries(TEMPLATE_PARAMS).map(([id, p]) => ({
  suffix: id.slice("city.".length),
  cityFigure: p.values.every((v) => v.missing !== undefined),
}));

export function isLiaoningCity(set: string): set is LiaoningCity {
  return (LIAONING_CITIES as readonly string[]).includes(set);
}

/** The city a parameter id belongs to, or null. */
export function cityOf(id: string): LiaoningCity | null {
  const set = id.split(".")[0]!;
  return isLiaoningCity(set) ? set : null;
}

/** Does the city's base table set this parameter (true), or is it a provincial rule the template fixes (false)? */
export function isCityFigure(id: string): boolean {
  const city = cityOf(id);
  if (!city) return false;
  const suffix = id.slice(city.length + 1);
  return CITY_PARAM_SUFFIXES.some((p) => p.suffix === suffix && p.cityFigure);
}

/** The template as the parameter file of one city (validated by loadParamFile like every shipped file). */
export function cityParamFile(city: LiaoningCity): unknown {
  const zh = say("zh", "city.name", { name: LIAONING_CITY_NAMES[city] });
  const en = CITY_NAMES_EN[city];
  const text = JSON.stringify(template)
    .replace(/"city\./g, `"${city}.`)
    .replace(/\{city\}/g, zh)
    .replace(/\{City\}/g, en);
  return { ...JSON.parse(text), set: city };
}
