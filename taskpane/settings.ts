/**
 * The user's settings, the only thing the pane keeps in local storage: language, masking, chunk
 * size. Never claim data (tested: after an audit, local storage holds this one key).
 */
import type { Lang } from "../src/text";

export interface Settings {
  lang?: Lang;
  /** Mask names and ID numbers in result sheets and downloads (default on). */
  mask: boolean;
}

export const SETTINGS_KEY = "yibao.settings";
const DEFAULTS: Settings = { mask: true };

export function loadSettings(): Settings {
  try {
    const raw = typeof localStorage !== "undefined" ? localStorage.getItem(SETTINGS_KEY) : null;
    if (!raw) return { ...DEFAULTS };
    const v = JSON.parse(raw) as Partial<Settings>;
    return { lang: v.lang === "zh" || v.lang === "en" ? v.lang : undefined, mask: typeof v.mask === "boolean" ? v.mask : true };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ lang: s.lang, mask: s.mask }));
  } catch {
    // storage may be disabled (private mode, Office on some hosts): settings then last the session
  }
}
