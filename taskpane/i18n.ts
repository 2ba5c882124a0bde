/**
 * The pane's language: Chinese by default, from Office's display language inside Excel, the
 * browser's outside it, or the user's choice (kept in settings). Strings live next to their use as
 * { zh, en } pairs, read through useT().
 */
import { createContext, useContext } from "react";
import type { Lang, Text } from "../src/text";

export function detectLanguage(): Lang {
  let tag: string | undefined;
  try {
    tag = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  } catch {
    tag = undefined;
  }
  tag ??= typeof navigator !== "undefined" ? navigator.language : undefined;
  if (!tag) return "zh";
  return /^en\b/i.test(tag) ? "en" : "zh";
}

export const LangContext = createContext<Lang>("zh");

/** t({ zh, en }) → the string in the pane's language. */
export function useT(): { lang: Lang; t: (s: Text) => string } {
  const lang = useContext(LangContext);
  return { lang, t: (s) => s[lang] };
}
