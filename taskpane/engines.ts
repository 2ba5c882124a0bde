/** The baseline engine (the documented parameters), shared with the custom functions' runtime. */
import { Engine } from "../src/engine/settle";
import type { Override } from "../src/params/registry";
import { engineFor } from "../functions/excel";

export function baselineEngine(): Engine {
  return engineFor(null) as Engine;
}

/** The baseline with a user's overrides (cached by content, so re-running does not rebuild it). */
const cache = new Map<string, Engine>();
export function engineWith(label: string, overrides: readonly Override[]): Engine {
  if (!overrides.length) return baselineEngine();
  const key = label + JSON.stringify(overrides);
  let e = cache.get(key);
  if (!e) {
    e = new Engine(baselineEngine().registry.withOverrides(label, [...overrides]));
    if (cache.size > 8) cache.delete(cache.keys().next().value!);
    cache.set(key, e);
  }
  return e;
}
