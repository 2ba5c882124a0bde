/**
 * The .xlsx reader finds a cell's attributes (r, t, s …) by a scan (io/xlsxRead.ts attr), which must
 * answer exactly as the patterns it replaces, /(?:^|\s)name="([^"]*)"/ then /(?:^|\s)name='([^']*)'/:
 * the first double-quoted value after the start or a white-space character (any of \s: tab, line
 * breaks, no-break and ideographic spaces …), else the first single-quoted one, and nothing where a
 * quote is not closed; a name inside another name (tr="…", xt='…') or inside a value is not it.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attr } from "../io/xlsxRead";

function byPattern(tag: string, name: string): string | undefined {
  return (new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(tag) ?? new RegExp(`(?:^|\\s)${name}='([^']*)'`).exec(tag))?.[1];
}

describe("a start tag's attributes", () => {
  it("as the patterns find them, on the cases that decide", () => {
    const tags = [
      ' r="A1" t="s" s="3"', 'r="A1"', ' t="inlineStr"', " s='7' r='B2'", ' tr="x" r="C3"', ' xr="1"\tr="D4"', ' r="E5', " r='F6", ' r="G7" r="H8"',
      ' a="r=&quot;X1&quot;" r="I9"', ' a=" r="J10"', "\u3000r=\"K11\"", "\u00a0t=\"n\"", "\ufeffs=\"2\"", "\u200bs=\"2\"", ' r=""', " r=''", ' r="" r="L12"', " r='a\"b'", ' r="a\'b"', "",
    ];
    for (const tag of tags) for (const name of ["r", "t", "s"]) expect([tag, name, attr(tag, name)]).toEqual([tag, name, byPattern(tag, name)]);
  });

  it("as the patterns find them, on random attribute text", () => {
    const piece = fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u3000", "\u2009", "r", "t", "s", "x", "=", '"', "'", "A1", "3", "inlineStr", 'r="', "t='", ' s="');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((a) => a.join("")), fc.constantFrom("r", "t", "s"), (tag, name) => {
        expect(attr(tag, name)).toBe(byPattern(tag, name));
      }),
      { numRuns: 20_000 },
    );
  });
});
