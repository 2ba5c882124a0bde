import type { Lang } from "../src/text";

/** Office's display language inside Excel, the browser's outside it; Chinese unless it is clearly not. */
export function detectLanguage(): Lang {
  let tag: string | undefined;
  try {
    tag = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  } catch {
    tag = undefined;
  }
  tag ??= typeof navigator !== "undefined" ? navigator.language : undefined;
  if (!tag) return "zh";
  return /^zh\b/i.test(tag) ? "zh" : /^en\b/i.test(tag) ? "en" : "zh";
}
