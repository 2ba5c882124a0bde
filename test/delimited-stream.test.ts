/**
 * DelimitedStream (a text read chunk by chunk) against parseDelimited (the whole text at once), on
 * random texts cut at random places: the same records (cells, first and last physical line) or the
 * same refusal (code, message, place). The texts mix what a chunk's end can cut into: quoted fields
 * with "" and line breaks, CRLF, lone CR and LF line ends, blank lines, trailing delimiters, a quote
 * in an unquoted field, cells at and past a small cell limit, and lines with no line end at the end of
 * the file. The cell limit is small so that a chunk's tail is sometimes shorter and sometimes longer
 * than a cell may be (io/delimited.ts leaves a tail longer than that to the slow path); it is 13 or
 * more, as the reader's is (32 767): the fast path checks only cells of 13 characters or more.
 *
 * Found by this test: a text whose first character is an LF, with no CR after it, was read as one
 * record (the "CR before the LF" test took −1 for "no CR" as the position before an LF at 0), e.g. an
 * LF-only file that starts with a blank line: its header became one row of every cell of the file.
 */
import { describe, expect, it } from "vitest";
import { DelimitedStream, parseDelimited, type DelimitedRecord } from "../io/delimited";
import { ReaderError } from "../io/errors";
import { Rng } from "./fuzz/gen";

type Outcome = { records: { line: number; endLine: number; cells: readonly string[] }[] } | { refused: string };

function outcome(read: () => DelimitedRecord[]): Outcome {
  try {
    return { records: read().map((r) => ({ line: r.line, endLine: r.endLine, cells: [...r.cells] })) };
  } catch (e) {
    if (!(e instanceof ReaderError)) throw e;
    return { refused: `${e.code} ${e.text.en} ${JSON.stringify(e.place)}` };
  }
}

const PIECES = ["a", "中", "12.50", " ", ",", ",", ",", "\n", "\n", "\r\n", "\r", '"', '""', '"x,\ny"', '"a""b"', "", "long-cell-long", "\t"];

function randomText(rng: Rng): string {
  let s = "";
  const n = rng.int(0, 60);
  for (let i = 0; i < n; i++) s += PIECES[rng.int(0, PIECES.length - 1)];
  return s;
}

/** Well-formed CSV: quoted where needed, so that most texts get through to their records. */
function csvText(rng: Rng): string {
  const lines: string[] = [];
  for (let r = rng.int(1, 12); r > 0; r--) {
    const cells: string[] = [];
    for (let c = rng.int(1, 5); c > 0; c--) {
      let v = "";
      for (let k = rng.int(0, 4); k > 0; k--) v += ["a", "中", "1", " ", ",", '"', "\n", "xyzxyzxyz"][rng.int(0, 7)];
      cells.push(/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    }
    lines.push(cells.join(","));
  }
  const ends = ["\n", "\r\n", "\r"];
  return lines.map((l) => l + ends[rng.int(0, 2)]).join("").slice(0, rng.int(0, 1) ? undefined : -1);
}

function streamed(text: string, cuts: number[], maxCell: number, spans: boolean): DelimitedRecord[] {
  const s = new DelimitedStream(",", "t.csv", maxCell, Infinity, spans);
  const out: DelimitedRecord[] = [];
  let at = 0;
  for (const c of cuts) {
    out.push(...s.push(text.slice(at, c)));
    at = c;
  }
  out.push(...s.push(text.slice(at)));
  out.push(...s.end());
  return out;
}

describe("DelimitedStream = parseDelimited, whatever the chunks", () => {
  it("on 6 000 random and well-formed texts, each cut at random places, cells as strings and as spans", () => {
    const rng = new Rng(20261206);
    let refused = 0;
    let read = 0;
    for (let t = 0; t < 6_000; t++) {
      const text = t % 2 ? randomText(rng) : csvText(rng);
      const maxCell = [13, 16, 24, 32_767][rng.int(0, 3)]!;
      const want = outcome(() => parseDelimited(text, ",", "t.csv", maxCell));
      if ("refused" in want) refused++;
      else read++;
      const cuts: number[] = [];
      for (let k = rng.int(0, 6); k > 0; k--) cuts.push(rng.int(0, text.length));
      cuts.sort((a, b) => a - b);
      for (const spans of [false, true]) {
        const got = outcome(() => streamed(text, cuts, maxCell, spans));
        expect(got, `${JSON.stringify(text)} cut at ${cuts.join(",")}, cell limit ${maxCell}${spans ? ", spans" : ""}`).toEqual(want);
      }
    }
    // both kinds of outcome are exercised
    expect(refused).toBeGreaterThan(500);
    expect(read).toBeGreaterThan(2_000);
  });
});
