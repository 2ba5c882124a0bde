/**
 * io/utf8.ts ByteSink: what is handed on is the receiver's and is never written again, though the sink
 * goes on writing behind it in the same buffer after a flush. Receivers here keep the views they are
 * given, uncopied, as FileOut and stdout do; the bytes they hold at the end must be every text written,
 * in order, whatever the flushes and the buffer size.
 */
import { describe, expect, it } from "vitest";
import { ByteSink, utf8At } from "../io/utf8";

class TextSink extends ByteSink {
  text(s: string): void {
    this.room(s.length * 3);
    this.at = utf8At(this.buf, this.at, s);
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe("ByteSink", () => {
  for (const size of [8, 64, 1000]) {
    it(`keeps every byte handed on as it was (buffers of ${size} bytes, random flushes, texts longer than a buffer)`, () => {
      const r = rng(size);
      const held: Uint8Array[] = [];
      const sink = new TextSink((b) => held.push(b), size);
      let expected = "";
      for (let k = 0; k < 2000; k++) {
        const len = Math.floor(r() * (r() < 0.05 ? 3 * size : 12));
        let s = "";
        for (let j = 0; j < len; j++) s += r() < 0.2 ? "医保" : String.fromCharCode(0x61 + Math.floor(r() * 26));
        sink.text(s);
        expected += s;
        if (r() < 0.3) sink.flush();
      }
      sink.flush();
      expect(Buffer.concat(held).toString("utf8")).toBe(expected);
      // a flush hands on only what was written since the last one
      expect(held.every((b) => b.length > 0)).toBe(true);
    });
  }
  it("a flush with nothing new hands on nothing", () => {
    const held: Uint8Array[] = [];
    const sink = new TextSink((b) => held.push(b), 16);
    sink.text("ab");
    sink.flush();
    sink.flush();
    expect(held.map((b) => Buffer.from(b).toString())).toEqual(["ab"]);
  });
});
