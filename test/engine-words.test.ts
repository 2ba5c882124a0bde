/**
 * The engine says nothing in its own words: every sentence a person reads comes from the message
 * catalogs (src/messages), through msg/say or the trace renderer. This scans the string and template
 * literals of src/engine and src/trace.ts (with the TypeScript parser, so comments do not count) for
 * Chinese characters outside what is data:
 * - citations: words quoted from a seed document (law/), a section number, a `slip` of a reference;
 * - the few input words the engine recognises in a claim (listed below, each with its reason).
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { squash } from "./helpers/seeds";

const ROOT = join(__dirname, "..");
const CJK = /[\u3400-\u9fff]/;
const SEEDS = readdirSync(join(ROOT, "law"))
  .filter((f) => f.endsWith(".txt"))
  .map((f) => squash(readFileSync(join(ROOT, "law", f), "utf8")))
  .join("\n");
/** A section number as documents number them ("第一部分 三、(五) 2.(3)", "四、(一)", "第二十三条"). */
const SECTION = /^[第一二三四五六七八九十百零部分条款项、.()（）\d\s]+$/;
/** Input words, not sentences: the engine reads them in what a claim says. */
const INPUT_WORDS = new Set([
  "两病", // a two-disease kind as claims write it (columns.ts twoDiseaseKind)
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function strays(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
    else if (ts.isTemplateExpression(n)) text = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join("");
    if (text !== null && CJK.test(text)) {
      const parent = n.parent;
      const prop = parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) ? parent.name.text : null;
      // quoted from a seed, also where a quotation corrects the seeds' OCR slip 白付 (its ref's `slip` says so)
      const cited = SEEDS.includes(squash(text)) || SEEDS.includes(squash(text.replaceAll("自付", "白付")));
      if (!(prop === "section" || prop === "slip" || SECTION.test(text) || cited || INPUT_WORDS.has(text))) {
        const { line } = src.getLineAndCharacterOfPosition(n.getStart());
        out.push(`${relative(ROOT, file)}:${line + 1} ${text.slice(0, 60)}`);
      }
      if (ts.isTemplateExpression(n)) return;
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe("the engine's words live in the catalogs", () => {
  it("no Chinese string literal in src/engine or src/trace.ts outside citations and input words", () => {
    const found = [...files(join(ROOT, "src", "engine")), join(ROOT, "src", "trace.ts")].flatMap(strays);
    expect(found).toEqual([]);
  });

  it("the scan finds a Chinese sentence where one is written (the check can fail)", () => {
    const dir = join(ROOT, "test", "files");
    const tmp = join(dir, "engine-words.sample.ts");
    const sample = 'export const a = { zh: "起付标准未填写", en: "threshold missing" };\nexport const b = { section: "第一部分 三、(四)", excerpt: "起付标准以下的，由个人支付" };\n';
    // written to a file so the same parser path is taken
    writeFileSync(tmp, sample);
    try {
      expect(strays(tmp)).toEqual([expect.stringMatching(/engine-words\.sample\.ts:1 起付标准未填写/)]);
    } finally {
      unlinkSync(tmp);
    }
  });
});
