/**
 * A JSON-lines row that is not JSON is refused with the character where it goes wrong
 * (io/jsonError.ts), whatever JSON.parse's own message says or leaves out.
 */
import { describe, expect, it } from "vitest";
import { jsonErrorAt } from "../io/jsonError";
import { parseJsonLine } from "../io/reader";
import { Rng } from "./fuzz/gen";

describe("jsonErrorAt: the first character the JSON grammar cannot take", () => {
  it.each([
    ['{"a":1,,}', 7],
    ['{"a":1', 6],
    ['{"a": tru}', 9],
    ['{"总费用": 1234.5, "险种": 职工}', 22],
    ["", 0],
    ['{"a":01}', 6],
    ['{"a":"x\u0001"}', 7],
    ['{"a":"\\q"}', 7],
    ['{"a":1} x', 8],
    ["{'a':1}", 1],
    ['{"a":[1,2,]}', 10],
  ])("%j goes wrong at %i", (text, at) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorAt(text)).toBe(at);
  });

  it("agrees with JSON.parse on 20 000 mutated lines: valid exactly when it parses, and at V8's position when V8 gives one", () => {
    const r = new Rng(20_261_202);
    const base = ['{"编号":"LZ-1","总费用":12345.67,"住院":true,"诊断":["高血压","糖尿病"],"备注":null}', '{"a":-0.5e+3,"b":"\\u4e2d\\n","c":[],"d":{}}'];
    const junk = ['"', ",", ":", "{", "}", "[", "]", "\\", "e", "-", ".", "0", " ", "t", "中", "\u0001"];
    let withPosition = 0;
    for (let k = 0; k < 20_000; k++) {
      let s = r.pick(base);
      for (let m = r.int(0, 3); m > 0; m--) {
        const p = r.int(0, s.length);
        const op = r.int(0, 2);
        s = op === 0 ? s.slice(0, p) + r.pick(junk) + s.slice(p) : op === 1 ? s.slice(0, p) + s.slice(p + 1) : s.slice(0, p);
      }
      let ok = true;
      let v8: number | undefined;
      try {
        JSON.parse(s);
      } catch (e) {
        ok = false;
        const m = /position (\d+)/.exec(String((e as Error).message));
        if (m) v8 = Number(m[1]);
      }
      const at = jsonErrorAt(s);
      expect(at < 0, s).toBe(ok);
      if (v8 !== undefined) {
        withPosition++;
        expect(at, s).toBe(v8);
      }
    }
    expect(withPosition).toBeGreaterThan(1_000);
  });

  it("a JSON-lines row names its line and the character, never a question mark", () => {
    for (const raw of ['{"总费用": 1234.5', '{"a": tru}', '{"a":1}}']) {
      const rec = parseJsonLine(raw, 7, 1 << 20, 64);
      expect(rec?.problem?.message.zh).toMatch(/^第 7 行不是有效的 JSON（第 \d+ 个字符附近）/);
      expect(rec?.problem?.message.zh).not.toContain("?");
    }
  });
});
