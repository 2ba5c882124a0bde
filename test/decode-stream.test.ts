/**
 * StreamDecoder (bytes decoded chunk by chunk, io/decode.ts) against decodeText (the whole file at
 * once), on random texts cut at random places: the same text, the same encoding, the same NUL
 * refusal (its line). The texts mix ASCII, CRLF and LF, three- and four-byte UTF-8, U+FEFF (a BOM's
 * bytes) at the start, twice at the start and inside the text, and NUL characters; saved as UTF-8,
 * UTF-8 with a BOM, UTF-16LE and UTF-16BE with theirs. A file that starts as UTF-8 and turns into
 * GBK later is refused by the stream where the whole-file reader reads it as GB18030 (documented
 * there), so GB18030 is not mixed in here.
 */
import { describe, expect, it } from "vitest";
import { decodeText, StreamDecoder } from "../io/decode";
import { ReaderError } from "../io/errors";
import { Rng } from "./fuzz/gen";

const PIECES = ["a", "Z9", ",", "\n", "\r\n", "中", "兰州", "😀", "\uFEFF", "\u0000", "é", " "];

function randomText(rng: Rng): string {
  let s = "";
  // a long ASCII run first, often: the stream decides the encoding at the first chunk with a byte above 0x7f
  if (rng.int(0, 1)) s += "x".repeat(rng.int(1, 40));
  for (let n = rng.int(0, 30); n > 0; n--) s += PIECES[rng.int(0, PIECES.length - 1)];
  return s;
}

function utf16(s: string, le: boolean): Uint8Array {
  const b = new Uint8Array(2 + s.length * 2);
  b.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    b[2 + 2 * i + (le ? 0 : 1)] = c & 0xff;
    b[2 + 2 * i + (le ? 1 : 0)] = c >> 8;
  }
  return b;
}

function bytesOf(s: string, kind: number): Uint8Array {
  const u = new TextEncoder().encode(s);
  if (kind === 0) return u;
  if (kind === 1) return Uint8Array.from([0xef, 0xbb, 0xbf, ...u]);
  return utf16(s, kind === 2);
}

type Outcome = { text: string; encoding: string | null; nul: string | null } | { refused: string };

function whole(b: Uint8Array): Outcome {
  try {
    const r = decodeText(b, "t.csv");
    return { text: r.text, encoding: r.encoding, nul: null };
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    if (e.code === "nul_bytes") {
      // the encoding and text the stream would still give: decode again without the NUL check
      return { refused: `nul ${e.text.en}` };
    }
    return { refused: `${e.code} ${e.text.en}` };
  }
}

function streamed(b: Uint8Array, cuts: number[]): Outcome {
  const d = new StreamDecoder("t.csv");
  let text = "";
  try {
    let at = 0;
    for (const c of cuts) {
      text += d.push(b.subarray(at, c));
      at = c;
    }
    text += d.push(b.subarray(at));
    text += d.end();
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    return { refused: `${e.code} ${e.text.en}` };
  }
  if (d.nul) return { refused: `nul ${d.nul.text.en}` };
  return { text, encoding: d.encoding ?? "UTF-8", nul: null };
}

describe("StreamDecoder = decodeText, whatever the chunks", () => {
  it("on 8 000 random texts in four encodings, cut at random places", () => {
    const rng = new Rng(1206);
    const seen = { nul: 0, feffInside: 0, text: 0 };
    for (let t = 0; t < 8_000; t++) {
      let s = randomText(rng);
      if (rng.int(0, 7) === 0) s = "\uFEFF" + s;
      const kind = rng.int(0, 3);
      const b = bytesOf(s, kind);
      const want = whole(b);
      if ("refused" in want) seen.nul++;
      else {
        seen.text++;
        if (want.text.includes("\uFEFF")) seen.feffInside++;
      }
      const cuts: number[] = [];
      for (let k = rng.int(0, 5); k > 0; k--) cuts.push(rng.int(0, b.length));
      cuts.sort((x, y) => x - y);
      expect(streamed(b, cuts), `${JSON.stringify(s)} as ${["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE"][kind]}, cut at ${cuts.join(",")}`).toEqual(want);
    }
    expect(seen.nul).toBeGreaterThan(1_000);
    expect(seen.text).toBeGreaterThan(2_000);
    expect(seen.feffInside).toBeGreaterThan(300);
  });
});
