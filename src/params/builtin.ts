/** The parameter sets shipped with the add-in, validated when first used. */
import lanzhou from "./data/lanzhou.json";
import shenyang from "./data/shenyang.json";
import liaoning from "./data/liaoning.json";
import { loadParamFile } from "./load";
import { CITY_TEMPLATE_FILE, cityParamFile } from "./liaoningCity";
import { LIAONING_CITIES } from "../claim/enums";
import { Registry } from "./registry";
import type { Param } from "./types";

export const BUILTIN_FILES: Record<string, unknown> = { "lanzhou.json": lanzhou, "shenyang.json": shenyang, "liaoning.json": liaoning };

let cached: Registry | null = null;

export function builtinParams(): Param[] {
  return [
    ...Object.entries(BUILTIN_FILES).flatMap(([name, data]) => loadParamFile(data, name)),
    // the liaoning-city set, one instance per city (docs/liaoning-city.md)
    ...LIAONING_CITIES.flatMap((city) => loadParamFile(cityParamFile(city), `${CITY_TEMPLATE_FILE} (${city})`)),
  ];
}

export function builtinRegistry(): Registry {
  if (!cached) cached = new Registry(builtinParams());
  return cached;
}
