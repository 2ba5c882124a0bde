/** The seed documents as the citation checks read them: whitespace removed, slips undone. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCE_DOCS, type DocId, type Ref } from "../../src/docs";

const cache = new Map<DocId, string>();
/** NFKC folds full- and half-width punctuation, which the OCR mixes freely; whitespace is dropped. */
export const squash = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

export function seedText(doc: DocId): string {
  let t = cache.get(doc);
  if (!t) {
    t = squash(readFileSync(join(__dirname, "..", "..", "law", SOURCE_DOCS[doc].file), "utf8"));
    cache.set(doc, t);
  }
  return t;
}

/** Undo recorded slips ("白付 → 自付": the seed has 白付 where the excerpt has 自付). */
export function asInSeed(excerpt: string, slip?: string): string {
  let s = squash(excerpt);
  if (slip)
    for (const part of slip.split(/[;；]/)) {
      const [a, b] = part.split(/→|->/).map((x) => squash(x));
      if (a !== undefined && b !== undefined && b) s = s.split(b).join(a);
    }
  return s;
}

export function refFound(ref: Ref): boolean {
  return seedText(ref.doc).includes(asInSeed(ref.excerpt, ref.slip));
}
