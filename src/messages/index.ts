/**
 * The message catalogs: the words of every message live here, apart from the code that decides what
 * to say (as Publicodes keeps its explanations apart from the arithmetic). Code names a message by key
 * and gives its values; `msg` fills both languages, `say` one.
 *
 *   msg("reader.encoding", { encoding: "GB18030" })  →  { zh: "编码：GB18030", en: "Encoding: GB18030" }
 *
 * A value may itself be a Text (a field label, a condition name): each language gets its own word.
 */
import type { Lang, Text } from "../text";
import { zh } from "./zh";
import { en } from "./en";

export type MessageKey = keyof typeof zh;
export type MessageValue = string | number | Text;
export type MessageParams = Readonly<Record<string, MessageValue>>;

export const CATALOGS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { zh, en };

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** Fill a template's `{name}` placeholders for one language (exported for the catalog tests). */
export function fill(template: string, lang: Lang, params: MessageParams | undefined, key: string): string {
  // most words have no placeholder (a status, a separator, a column's name): nothing to replace
  if (template.indexOf("{") < 0) return template;
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = params?.[name];
    // A missing value is a bug in the caller, never a blank in front of a user.
    if (v === undefined) throw new Error(`Message ${key} needs a value for {${name}}`);
    return typeof v === "object" ? v[lang] : String(v);
  });
}

/** The product's name in both languages at once, as a file's metadata records its author. */
export const PRODUCT_NAME = `${zh["app.name"]} ${en["app.name"]}`;

/** One message in one language. */
export function say(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fill(CATALOGS[lang][key], lang, params, key);
}

/** One message in both languages. */
export function msg(key: MessageKey, params?: MessageParams): Text {
  return { zh: say("zh", key, params), en: say("en", key, params) };
}

/** The names of the placeholders of a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Items joined as a list in each language (、 in Chinese, ", " in English). */
export function joinList(lang: Lang, items: readonly string[]): string {
  return items.join(say(lang, "common.listSeparator"));
}

/** Texts joined as a list in each language (each language's own words, its own separator). */
export function joinListTexts(texts: readonly Text[]): Text {
  return { zh: joinList("zh", texts.map((t) => t.zh)), en: joinList("en", texts.map((t) => t.en)) };
}

/** Texts joined as sentences of one message (； in Chinese, "; " in English). */
export function joinTexts(texts: readonly Text[]): Text {
  return { zh: texts.map((t) => t.zh).join(say("zh", "common.sentenceSeparator")), en: texts.map((t) => t.en).join(say("en", "common.sentenceSeparator")) };
}
