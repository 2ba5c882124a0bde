/**
 * The pane's language: Chinese by default, from Office's display language inside Excel, the
 * browser's outside it, or the user's choice (kept in settings). The words live in the message
 * catalogs (src/messages, section "pane"): useT() gives `s(key, values)` for a message in the pane's
 * language and `t(text)` for a { zh, en } that the core hands over (a label, a reason).
 */
import { createContext, useContext } from "react";
import { say, type MessageKey, type MessageParams } from "../src/messages";
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

export interface T {
  lang: Lang;
  /** A { zh, en } in the pane's language. */
  t: (s: Text) => string;
  /** A catalog message in the pane's language. */
  s: (key: MessageKey, params?: MessageParams) => string;
}

export function useT(): T {
  const lang = useContext(LangContext);
  return { lang, t: (x) => x[lang], s: (key, params) => say(lang, key, params) };
}
