/**
 * The message catalogs (src/messages): both languages say the same things, and nothing in them is
 * dead. A key that is in one catalog only, a placeholder that one language forgets, or a key no code
 * names fails here.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS, fill, joinList, joinTexts, msg, placeholders, say, type MessageKey } from "../src/messages";

const ROOT = join(__dirname, "..");
const KEYS = Object.keys(CATALOGS.zh) as MessageKey[];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|cjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

describe("message catalogs", () => {
  it("Chinese and English have the same keys", () => {
    expect(Object.keys(CATALOGS.en).sort()).toEqual([...KEYS].sort());
  });

  it("each key has the same placeholders in both languages", () => {
    for (const k of KEYS) expect(placeholders(CATALOGS.en[k]), k).toEqual(expect.arrayContaining(placeholders(CATALOGS.zh[k])));
    for (const k of KEYS) expect(placeholders(CATALOGS.zh[k]), k).toEqual(expect.arrayContaining(placeholders(CATALOGS.en[k])));
  });

  it("no message is empty", () => {
    for (const k of KEYS) for (const lang of ["zh", "en"] as const) expect(CATALOGS[lang][k].length, `${lang} ${k}`).toBeGreaterThan(0);
  });

  it("every key is used by the project's code", () => {
    const dirs = ["src", "io", "cli", "functions", "taskpane", "scripts"].map((d) => join(ROOT, d)).filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
    const code = dirs
      .flatMap(sources)
      .filter((p) => !/src[\\/]messages[\\/](zh|en)\.ts$/.test(p))
      .map((p) => readFileSync(p, "utf8"))
      .join("\n");
    const unused = KEYS.filter((k) => !code.includes(`"${k}"`));
    expect(unused).toEqual([]);
  });

  it("fills every catalog template: each {name} by its value, a replacement pattern in a value ($&, $1) kept as it is", () => {
    const replaced = (t: string, lang: "zh" | "en", params: Record<string, unknown>) => t.replace(/\{([A-Za-z0-9_]+)\}/g, (_, n: string) => (typeof params[n] === "object" ? (params[n] as Record<string, string>)[lang]! : String(params[n])));
    let filled = 0;
    for (const lang of ["zh", "en"] as const)
      for (const [key, t] of Object.entries(CATALOGS[lang])) {
        // values that a replacement string would misread ($&, $1) and Text values
        const params = Object.fromEntries(placeholders(t).map((n, i) => [n, i % 2 ? { zh: `甲$&${n}`, en: `a$1${n}` } : `$'{${n}}`]));
        for (let k = 0; k < 2; k++) expect(fill(t, lang, params, key)).toBe(replaced(t, lang, params));
        if (placeholders(t).length) filled++;
        for (const n of placeholders(t)) expect(() => fill(t, lang, Object.fromEntries(Object.entries(params).filter(([k]) => k !== n)), key)).toThrow(`needs a value for {${n}}`);
      }
    expect(filled).toBeGreaterThan(100);
    expect(fill("{a}{b}", "en", { a: 1, b: 2 }, "k")).toBe("12");
    expect(fill("no placeholder", "en", undefined, "k")).toBe("no placeholder");
  });

  it("fills values in each language, a Text value by language, and refuses a missing value", () => {
    expect(fill("{a} 与 {b}", "zh", { a: 1, b: { zh: "乙类", en: "class B" } }, "k")).toBe("1 与 乙类");
    expect(fill("{a} and {b}", "en", { a: 1, b: { zh: "乙类", en: "class B" } }, "k")).toBe("1 and class B");
    expect(() => fill("{a} and {b}", "en", { a: 1 }, "k")).toThrow(/needs a value for \{b\}/);
    expect(msg("common.listSeparator")).toEqual({ zh: "、", en: ", " });
    expect(say("en", "common.sentenceSeparator")).toBe("; ");
    expect(joinList("zh", ["甲", "乙"])).toBe("甲、乙");
    expect(joinTexts([{ zh: "甲", en: "a" }, { zh: "乙", en: "b" }])).toEqual({ zh: "甲；乙", en: "a; b" });
  });
});
