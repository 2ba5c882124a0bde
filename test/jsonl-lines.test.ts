/**
 * JSON lines streamed in chunks of any size split into the lines the whole-file reader splits
 * (`/\r\n|\n|\r/`): LF, CRLF and CR-only ends, blank lines, a CRLF cut between two chunks, a last line
 * without its end; each line keeps its number.
 */
import { describe, expect, it } from "vitest";
import { streamClaims } from "../io/stream";
import { readClaims } from "../io/reader";
import type { JsonRecord } from "../io/reader";
import { rng } from "../bench/generate";

function text(seed: number): string {
  const r = rng(seed);
  const ends = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\r\n\r\n"];
  let s = "";
  const n = 20 + Math.floor(r() * 200);
  for (let i = 0; i < n; i++) {
    s += r() < 0.1 ? "   " : JSON.stringify({ id: `L${i}`, note: "x".repeat(Math.floor(r() * 30)), total: String(i) });
    if (i < n - 1 || r() < 0.5) s += ends[Math.floor(r() * ends.length)]!;
  }
  return s;
}

async function streamed(bytes: Uint8Array, chunk: number): Promise<JsonRecord[]> {
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: JsonRecord[] = [];
  await streamClaims(pieces(), { file: "t.jsonl" }, { start: () => {}, records: (rs) => void out.push(...rs) });
  return out;
}

describe("JSON lines split in chunks", () => {
  it("give the whole-file reader's lines, whatever the chunk size", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const bytes = new TextEncoder().encode(text(seed));
      const want = readClaims(bytes, { file: "t.jsonl" }).records!.map((x) => [x.line, x.record?.id ?? x.problem?.code]);
      for (const chunk of [1, 2, 3, 7, 64, 1 << 16]) {
        const got = (await streamed(bytes, chunk)).map((x) => [x.line, x.record?.id ?? x.problem?.code]);
        expect([seed, chunk, got]).toEqual([seed, chunk, want]);
      }
    }
  });
});

describe("JSON lines nesting limit", () => {
  it("refuses a line deeper than 32, not one whose strings hold many brackets", async () => {
    const lines = [
      JSON.stringify({ id: "S", note: "[".repeat(40) + "{".repeat(40) }),
      `{"id":"D32","a":${"[".repeat(31)}${"]".repeat(31)}}`,
      `{"id":"D33","a":${"[".repeat(32)}${"]".repeat(32)}}`,
    ];
    const got = (await streamed(new TextEncoder().encode(lines.join("\n")), 1 << 16)).map((x) => x.record?.id ?? x.problem?.code);
    expect(got).toEqual(["S", "D32", "too_deep"]);
  });
});
