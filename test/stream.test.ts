/**
 * The streaming path (io/stream.ts, cli/stream.ts, the CLI's settle and audit) against the whole-file
 * path it replaces: every real-shaped file of test/files/make.ts, fed in chunks of 1, 7, 64 and 4 096
 * bytes with tiny batches, reads to the same rows, labels, problems and summary, or the same refusal;
 * faults the stream meets in a different order than the whole-file reader (a NUL before a broken
 * byte, data without a header before a stray quote, a quoted field longer than a cell across chunks)
 * are refused the same way; the command line's reports on the bundled sample are byte for byte
 * today's (test/files/sample-outputs/, written by the whole-file CLI before streaming), and on
 * generated files with bad records mixed in, equal to the whole-file functions' reports; stdin to
 * stdout; the exit code when every claim errored; Ctrl-C; the progress line.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { run } from "../cli/main";
import { SettleLines, settleItems, settleJson, settleRow, settleRows, SETTLE_HEAD } from "../cli/settle";
import { validateInput } from "../cli/explain";
import { auditItems, auditJson } from "../cli/audit";
import { Progress } from "../cli/stream";
import { readClaims, type ReadResult } from "../io/reader";
import { streamClaims, type StreamStart } from "../io/stream";
import { ReaderError } from "../io/errors";
import { toCsv } from "../io/csv";
import { readXlsx } from "../io/xlsx";
import { XlsxBook } from "../io/xlsxRead";
import { resultTable } from "../src/audit/report";
import { Engine, amountsOf, incompleteJson } from "../src/engine/settle";
import { ColumnarValidator } from "../src/claim/columnar";
import { builtinRegistry } from "../src/params/builtin";
import { makeCases, SAMPLE, type Case } from "./files/make";
import { writeUserFile } from "./streamFiles";
import { Rng } from "./fuzz/gen";

const dir = mkdtempSync(join(tmpdir(), "yibao-stream-"));
const EXPECTED = join(__dirname, "files", "sample-outputs");
let cases: Case[] = [];

async function cli(argv: string[], extra: Partial<Parameters<typeof run>[1]> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s), ...extra });
  return { code, out, err };
}

async function* chunks(b: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** What a read gives, comparable: rows (line, label, cells, problem code) or records, the summary; or the refusal. */
async function streamed(bytes: Uint8Array, file: string, size: number, args?: string[], spans = false) {
  const rows: unknown[] = [];
  let start: StreamStart | null = null;
  try {
    const end = await streamClaims(chunks(bytes, size), { file, sheet: args?.[0] === "--sheet" ? args[1] : undefined, batchRows: 3, spans }, {
      start: (s) => void (start = s),
      rows: (rs) => void rows.push(...rs.map((r) => [r.line, r.label, r.cells, r.problem?.code ?? null])),
      records: (rs) => void rows.push(...rs.map((r) => [r.line, r.label, r.record ?? null, r.problem?.message.en ?? null])),
    });
    return { rows, summary: end.summary, header: (start as StreamStart | null)?.header ?? null };
  } catch (e) {
    return { refused: e instanceof ReaderError ? `${e.code}: ${e.text.en}` : `not a ReaderError: ${String(e)}` };
  }
}

function whole(bytes: Uint8Array, file: string, args?: string[]) {
  let r: ReadResult;
  try {
    r = readClaims(bytes, { file, sheet: args?.[0] === "--sheet" ? args[1] : undefined });
  } catch (e) {
    return { refused: e instanceof ReaderError ? `${e.code}: ${e.text.en}` : `not a ReaderError: ${String(e)}` };
  }
  const rows = r.table ? r.table.rows.map((x) => [x.line, x.label, x.cells, x.problem?.code ?? null]) : r.records!.map((x) => [x.line, x.label, x.record ?? null, x.problem?.message.en ?? null]);
  return { rows, summary: r.summary, header: r.table?.header ?? null };
}

beforeAll(async () => {
  cases = await makeCases();
});

describe("the stream reads every real-shaped file as the whole-file reader does", () => {
  it.each([1, 7, 64, 4096])("in chunks of %i bytes, batches of 3 rows", async (size) => {
    for (const c of cases) {
      if (c.args && c.args[0] !== "--sheet") continue; // --map is the table's, tested through the CLI
      const bytes = new Uint8Array(c.bytes);
      const want = whole(bytes, c.name, c.args);
      // a file of rows the reader refuses is not read faster by streaming byte by byte: 1-byte chunks only for small files
      if (size === 1 && bytes.length > 50_000) continue;
      expect(await streamed(bytes, c.name, size, c.args), `${c.name} in ${size}-byte chunks`).toEqual(want);
      // lines handed on not cut into cells (settle's rows): the same rows, cells, problems and refusals
      if (size !== 1) expect(await streamed(bytes, c.name, size, c.args, true), `${c.name} in ${size}-byte chunks, as spans`).toEqual(want);
    }
  });

  const enc = (s: string) => new TextEncoder().encode(s);
  const sample = () => readFileSync(SAMPLE, "utf8");
  const faults: [string, () => Uint8Array][] = [
    // the whole-file reader decodes every byte before anything else: a broken byte after a NUL wins
    ["a NUL, then a byte that is neither UTF-8 nor GB18030", () => Uint8Array.from([...enc(sample().slice(0, 300)), 0, ...enc(sample().slice(300, 5000)), 0xff, 0xff, ...enc("\r\n")])],
    ["a NUL on line 20 of a valid file", () => enc(sample().split("\r\n").map((l, i) => (i === 19 ? l.replace("兰州", "兰\u0000州") : l)).join("\r\n"))],
    // parsing comes before the table: a stray quote far down wins over data without a header near the top
    ["data without a header, then a quote never closed", () => enc(sample().replace(",正确\r\n", ",正确,x\r\n") + 'Z1,"李某\r\n' + "x\r\n".repeat(200))],
    ["data without a header only", () => enc(sample().replace(",正确\r\n", ",正确,x\r\n"))],
    ["a quoted field longer than a cell, closed", () => enc(sample().trimEnd() + `\r\nZ2,"${"长".repeat(40_000)}",x\r\n`)],
    ["a quoted field longer than a cell, never closed", () => enc(sample().trimEnd() + `\r\nZ2,"${"长\r\n".repeat(20_000)}`)],
    ["a quoted field longer than a cell, with text after its closing quote", () => enc(sample().trimEnd() + `\r\nZ2,"${'长""'.repeat(20_000)}"x,y\r\n`)],
    ["an unquoted field longer than a cell", () => enc(sample().trimEnd() + `\r\nZ2,${"长".repeat(40_000)}\r\n`)],
    ["quotes joining rows into one record", () => enc(sample().replace("\r\nLZ2020-005,", '\r\nLZ2020-005,"').replace("\r\nLZ2020-007,", '"\r\nLZ2020-007,'))],
    ["CR-only line ends and blank lines", () => enc(sample().replace(/\r\n/g, "\r").replace("\rLZ2020-004", "\r\r\rLZ2020-004"))],
    ["LF line ends and blank lines", () => enc(sample().replace(/\r\n/g, "\n").replace(/\n(?=LZ2020-0[13])/g, "\n\n\n"))],
    ["LF line ends with a quoted line break", () => enc(sample().replace(/\r\n/g, "\n").replace(",正确\n", ',"正\n确"\n'))],
    ["only a header", () => enc(sample().split("\r\n")[0] + "\r\n\r\n")],
    ["only blank lines", () => enc("\r\n \r\n\t\r\n")],
  ];
  it.each(faults)("%s", async (_, make) => {
    const bytes = make();
    const want = whole(bytes, "f.csv");
    // (a field longer than a cell is read again with each chunk until it passes the limit: not in 5-byte chunks)
    for (const size of bytes.length > 30_000 ? [333, 8192, 1 << 20] : [5, 333, 8192, 1 << 20]) {
      expect(await streamed(bytes, "f.csv", size), `${size}-byte chunks`).toEqual(want);
      expect(await streamed(bytes, "f.csv", size, undefined, true), `${size}-byte chunks, as spans`).toEqual(want);
    }
  });

  it("UTF-8 that turns into GBK further down is refused, never read as GB18030 (the first part would be misread)", async () => {
    const bytes = Uint8Array.from([...enc(sample().replace(/^\uFEFF/, "")), ...enc("Z3,李某,,"), 0xc0, 0xbc, 0xd6, 0xdd, ...enc(",职工\r\n")]);
    for (const size of [5, 333, 4096]) expect((await streamed(bytes, "f.csv", size)).refused, `${size}-byte chunks`).toMatch(/^encoding_unknown/);
  });

  it("a GBK file whose first megabyte is ASCII is read as GB18030, as a whole", async () => {
    const { gb18030 } = await import("./files/make");
    const ascii = "id,total,insuredPlace,name\r\n" + Array.from({ length: 50_000 }, (_, i) => `A${i},100.00,620100,Zhang`).join("\r\n") + "\r\n";
    const bytes = Uint8Array.from([...enc(ascii), ...gb18030("Z1,100.00,兰州,李某\r\n")]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const got = await streamed(bytes, "g.csv", 1 << 20);
    expect(got).toEqual(whole(bytes, "g.csv"));
    expect(JSON.stringify(got.summary)).toMatch(/GB18030/);
  });
});

describe("the stream reads randomly damaged files as the whole-file reader does", () => {
  // pieces a hand-edited or badly exported file holds where it should not: quotes, line ends of
  // every kind, delimiters, a BOM's character, NUL, blanks, full-width and Chinese text
  const PIECES = ['"', '""', "\r", "\n", "\r\n", "\n\n", ",", ";", "\t", "\uFEFF", "\u0000", " ", "\u3000", "兰州", "１２", "=1+1", "#N/A", "x"];
  it("600 files: the sample or its JSON lines with 1–4 pieces put in, cut out or line ends changed, in random chunks, as cells and as spans", async () => {
    const rng = new Rng(61206);
    const texts = [readFileSync(SAMPLE, "utf8"), new TextDecoder().decode(cases.find((c) => c.name === "claims.jsonl")!.bytes)];
    const outcomes = new Set<string>();
    for (let t = 0; t < 600; t++) {
      let s = texts[t % 2]!;
      for (let k = rng.int(1, 4); k > 0; k--) {
        const at = rng.int(0, s.length);
        const op = rng.int(0, 9);
        if (op < 6) s = s.slice(0, at) + PIECES[rng.int(0, PIECES.length - 1)] + s.slice(at);
        else if (op < 8) s = s.slice(0, at) + s.slice(Math.min(s.length, at + rng.int(1, 40)));
        else if (op === 8) s = s.replace(/\r\n/g, "\n");
        else s = s.replace(/\r\n/g, "\r");
      }
      const bytes = new TextEncoder().encode(s);
      const file = t % 2 ? "f.jsonl" : "f.csv";
      const want = whole(bytes, file);
      outcomes.add(want.refused !== undefined ? want.refused.split(":")[0]! : "read");
      const size = rng.int(2, 3_000);
      const spans = t % 4 === 0;
      expect(await streamed(bytes, file, size, undefined, spans), `${file} #${t} in ${size}-byte chunks${spans ? ", as spans" : ""}: ${JSON.stringify(s.slice(0, 80))}…`).toEqual(want);
    }
    // the damage reaches both reading and refusing
    expect(outcomes.has("read")).toBe(true);
    expect(outcomes.size).toBeGreaterThan(3);
  });
});

describe("the command line's reports", () => {
  const S = SAMPLE;
  it("on the bundled sample are byte for byte today's", async () => {
    const f = (n: string) => join(dir, n);
    const read = (p: string) => readFileSync(p);
    const settle = await cli(["settle", "--in", S]);
    expect(settle.out.join("\n") + "\n").toBe(readFileSync(join(EXPECTED, "settle.stdout.jsonl"), "utf8"));
    await cli(["settle", "--in", S, "--out", f("s.csv")]);
    expect(read(f("s.csv"))).toEqual(read(join(EXPECTED, "settle.csv")));
    await cli(["settle", "--in", S, "--out", f("s.jsonl"), "--lang", "en"]);
    expect(read(f("s.jsonl"))).toEqual(read(join(EXPECTED, "settle.jsonl")));
    const audit = await cli(["audit", "--in", S, "--out", f("a.csv")]);
    expect(read(f("a.csv"))).toEqual(read(join(EXPECTED, "audit.csv")));
    expect(audit.out.join("\n") + "\n").toBe(readFileSync(join(EXPECTED, "audit.stdout.txt"), "utf8"));
    const en = await cli(["audit", "--in", S, "--out", f("a.jsonl"), "--lang", "en"]);
    expect(read(f("a.jsonl"))).toEqual(read(join(EXPECTED, "audit.jsonl")));
    expect(en.out.join("\n") + "\n").toBe(readFileSync(join(EXPECTED, "audit.stdout.en.txt"), "utf8"));
  });

  it("the .xlsx report holds the same cells as the CSV one, with its sheets, formats and filter", async () => {
    const x = join(dir, "a.xlsx");
    expect((await cli(["audit", "--in", S, "--out", x, "--force"])).code).toBe(0);
    const rows = await readXlsx(readFileSync(x), "核查结果");
    const rep = auditItems(readClaims(readFileSync(S), { file: "lanzhou-claims.csv" }), new Engine(builtinRegistry()));
    for (const r of rep.rows) if (/^\d{17}[\dX]$/.test(r.id)) r.id = r.id.slice(0, 3) + "*".repeat(11) + r.id.slice(-4);
    const want = resultTable(rep, { lang: "zh", mask: true, numbers: true }).map((r) => r.map((v) => (v === "" ? null : v)));
    expect(rows.map((r) => r.map((v) => (v === "" ? null : v)))).toEqual(want.map((r) => [...r, ...Array(Math.max(0, rows[0]!.length - r.length)).fill(null)].slice(0, rows[0]!.length)));
    const summary = await readXlsx(readFileSync(x), "汇总");
    expect(summary.flat().join()).toMatch(/差额合计/);
    // our own reader reads it too (inline strings), and the parts say what Excel needs
    const book = new XlsxBook(readFileSync(x), "a.xlsx");
    expect(book.sheets.map((s) => s.name)).toEqual(["核查结果", "汇总"]);
    expect(book.readSheet(book.sheets[0]!).rows.length).toBe(35);
    const { unzipSync, strFromU8 } = await import("fflate");
    const parts = unzipSync(readFileSync(x));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toMatch(/<autoFilter ref="A1:T35"\/>/);
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheet).toMatch(/cfRule type="containsText"/);
    expect(strFromU8(parts["xl/styles.xml"]!)).toMatch(/numFmtId="4"/); // #,##0.00 on the amounts
  });

  it("on generated files with bad records, equal to the whole-file path, across chunk and batch boundaries", async () => {
    const engine = new Engine(builtinRegistry());
    for (const name of ["g.csv", "g.jsonl"]) {
      const file = join(dir, name);
      writeUserFile(file, 3_000, 7, true);
      const r = readClaims(readFileSync(file), { file: name });
      // the whole-file path: every row read, validated row by row, settled as one batch
      const results = settleItems(validateInput(r), engine);
      const wantJson = results.map((x) => settleJson(x, "zh")).join("\n") + "\n";
      const wantCsv = toCsv([SETTLE_HEAD, ...results.map((x) => settleRow(x, "zh"))]);
      const report = auditItems(r, engine);
      const wantAudit = report.rows.map((a) => auditJson(a, { lang: "zh", mask: true, numbers: false })).join("\n") + "\n";
      expect(results.filter((x) => x.problems).length, name).toBeGreaterThan(30);
      // the defaults (64 KiB chunks, 1 024-row batches: several of each here) and the 1 MiB / 4 096 of before
      for (const tuning of [{ chunkBytes: 4099, batchRows: 257 }, {}, { chunkBytes: 1 << 20, batchRows: 4_096 }]) {
        const t = { tuning };
        await cli(["settle", "--in", file, "--out", join(dir, "o.jsonl"), "--force"], t);
        expect(readFileSync(join(dir, "o.jsonl"), "utf8"), `${name} settle jsonl ${JSON.stringify(tuning)}`).toBe(wantJson);
        await cli(["settle", "--in", file, "--out", join(dir, "o.csv"), "--force"], t);
        expect(readFileSync(join(dir, "o.csv"), "utf8"), `${name} settle csv`).toBe(wantCsv);
        await cli(["audit", "--in", file, "--out", join(dir, "a.jsonl"), "--force"], t);
        expect(readFileSync(join(dir, "a.jsonl"), "utf8"), `${name} audit jsonl`).toBe(wantAudit);
      }
    }
  });
});

describe("the settle JSON line", () => {
  it("is JSON.stringify of the id, amountsOf the result and its incomplete layers, on the row path and off the result columns, written as bytes", () => {
    const engine = new Engine(builtinRegistry());
    const file = join(dir, "line.csv");
    writeUserFile(file, 2_000, 11, true);
    const r = readClaims(readFileSync(file), { file: "line.csv" });
    const byRow = settleItems(validateInput(r), engine);
    const byColumns = settleRows(r.table!.rows, new ColumnarValidator(r.table!.header), r.table!.header, engine);
    expect(byColumns.length).toBe(byRow.length);
    let settled = 0;
    let fromColumns = 0;
    for (let i = 0; i < byRow.length; i++) {
      const x = byRow[i]!;
      if (x.result) {
        settled++;
        const want = JSON.stringify({ id: x.id, ...amountsOf(x.result), ...(x.result.incomplete ? { incomplete: incompleteJson(x.result, "zh") } : {}) });
        expect(settleJson(x, "zh")).toBe(want);
        expect(byColumns[i]!.id).toBe(x.id);
        if (byColumns[i]!.cols) fromColumns++;
        expect(settleJson(byColumns[i]!, "zh")).toBe(want);
        expect(settleRow(byColumns[i]!, "zh")).toEqual(settleRow(x, "zh"));
      } else expect(settleJson(byColumns[i]!, "zh")).toBe(settleJson(x, "zh"));
    }
    expect(settled).toBeGreaterThan(1_000);
    expect(fromColumns).toBeGreaterThan(1_000);
    // ids JSON must escape or that are not ASCII, and a line longer than the writer's buffer
    const one = byColumns.find((x) => x.cols)!;
    const ok = byRow.find((x) => x.result && x.id === one.id)!;
    for (const id of ['李"某\\', "a\u0001\u2028b", "\ud83d\ude00", "x".repeat(5_000), "\u0001".repeat(3_000), "中".repeat(3_000), " 1 "]) {
      const want = JSON.stringify({ id, ...amountsOf(ok.result!) });
      expect(settleJson({ ...one, id }, "zh")).toBe(want);
      const parts: Uint8Array[] = [];
      const w = new SettleLines((b) => parts.push(Buffer.from(b)), 64);
      w.line({ ...one, id }, "zh");
      w.line({ ...one, id }, "zh");
      w.flush();
      expect(Buffer.concat(parts).toString("utf8")).toBe(`${want}\n${want}\n`);
    }
  });
});

describe("stdin to stdout (a stage of a distributed engine)", () => {
  it("settle --in - --out - streams CSV or JSON lines; diagnostics go to stderr only", async () => {
    const csv = readFileSync(SAMPLE);
    const file = await cli(["settle", "--in", SAMPLE, "--out", join(dir, "pipe.csv"), "--force"]);
    expect(file.code).toBe(0);
    const piped = await cli(["settle", "--in", "-", "--out", "-", "--format", "csv"], { stdin: Readable.from(chunks(csv, 100)) });
    expect(piped.code).toBe(0);
    // the same rows, without the BOM a file gets for Excel
    expect(piped.out.join("\r\n") + "\r\n").toBe(readFileSync(join(dir, "pipe.csv"), "utf8").replace(/^\uFEFF/, ""));
    expect(piped.err.join("\n")).toMatch(/读取 stdin/);
    const jsonl = readFileSync(join(EXPECTED, "settle.stdout.jsonl"));
    const lines = await cli(["settle", "--in", "-", "--out", "-", "--format", "jsonl"], { stdin: Readable.from(chunks(new Uint8Array(readFileSync(join(EXPECTED, "settle.jsonl"))), 64)) });
    expect(lines.code).toBe(2); // settle's own output is not claims: every line errors
    expect(lines.err.join()).toMatch(/没有核算出任何一笔/);
    expect(jsonl.length).toBeGreaterThan(0);
    const audit = await cli(["audit", "--in", "-", "--out", "-", "--format", "csv"], { stdin: Readable.from(chunks(csv, 4096)) });
    expect(audit.out.join("\r\n") + "\r\n").toBe(readFileSync(join(EXPECTED, "audit.csv"), "utf8").replace(/^\uFEFF/, ""));
    expect(audit.err.join("\n")).toMatch(/共 34 笔/);
  });
  it("stdin without --format is refused: its format cannot be told", async () => {
    const r = await cli(["settle", "--in", "-", "--lang", "en"], { stdin: Readable.from([]) });
    expect(r.code).toBe(2);
    expect(r.err.join()).toMatch(/--format csv or --format jsonl/);
  });
});

describe("nothing settled is not a success", () => {
  it("a semicolon file with decimal commas: every claim errors, exit 2 with the reason", async () => {
    const t = readFileSync(SAMPLE, "utf8")
      .split("\r\n")
      .map((l) => l.replace(/,/g, ";").replace(/(\d)\.(\d\d)(?=;|$)/g, "$1,$2"))
      .join("\r\n");
    const f = join(dir, "semicolon.csv");
    writeFileSync(f, t);
    const s = await cli(["settle", "--in", f, "--out", join(dir, "semi.csv"), "--lang", "en"]);
    expect(s.code).toBe(2);
    expect(s.err.join("\n")).toMatch(/Nothing was settled: all 34 claims read have errors \(for example LZ2020-001: .*18650,40/);
    expect(existsSync(join(dir, "semi.csv"))).toBe(true); // the report says each claim's error
    const a = await cli(["audit", "--in", f, "--lang", "en"]);
    expect(a.code).toBe(2);
    expect(a.err.join("\n")).toMatch(/Nothing was audited: all 34 claims/);
  });
});

describe("Ctrl-C", () => {
  it("stops the run: exit 130, a message, no report and no temporary file", async () => {
    const big = join(dir, "big.csv");
    const rs = readFileSync(SAMPLE, "utf8").split("\r\n").filter(Boolean);
    writeFileSync(big, [rs[0], ...Array.from({ length: 1500 }, () => rs.slice(1)).flat().map((l, i) => l.replace(/^LZ2020-\d+/, `K${i}`))].join("\r\n"));
    const bin = join(__dirname, "..", "bin", "yibao.cjs");
    for (const out of ["int.csv", "int.xlsx"]) {
      const target = join(dir, out);
      const child = spawn("node", [bin, "audit", "--in", big, "--out", target, "--lang", "en"], { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((res) => {
        const poll = setInterval(() => {
          if (readdirSync(dir).some((f) => f.startsWith(`.${out}.`))) {
            clearInterval(poll);
            child.kill("SIGINT");
          }
        }, 5);
        child.on("exit", (c) => {
          clearInterval(poll);
          res(c);
        });
      });
      expect(code, err).toBe(130);
      expect(err).toMatch(/Stopped \(Ctrl-C\): no report was written/);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith(`.${out}.`) || f.includes(".part"))).toEqual([]);
    }
  }, 120_000);
});

describe("the progress line", () => {
  it("appears after a second, says rows, rows/s and time left, and is cleared at the end", () => {
    let now = 0;
    const lines: string[] = [];
    const p = new Progress((s) => lines.push(s), 1000, (rows, perSec, left) => `${rows} rows, ${perSec} rows/s, ${left === null ? "?" : left} s left`, () => now);
    p.rows = 500;
    p.bytes = 100;
    now = 500;
    p.tick();
    expect(lines).toEqual([]); // not in the first second
    now = 2000;
    p.tick();
    expect(lines).toEqual(["\r500 rows, 250 rows/s, 18 s left\u001b[K"]);
    now = 2100;
    p.tick();
    expect(lines.length).toBe(1); // at most five a second
    p.done();
    expect(lines[1]).toBe("\r\u001b[K");
  });
  it("is not shown without a terminal, nor with --quiet", async () => {
    const shown: string[] = [];
    const slowIo = { progress: (s: string) => shown.push(s), tuning: { chunkBytes: 512 } };
    await cli(["settle", "--in", SAMPLE, "--quiet"], slowIo);
    expect(shown).toEqual([]);
    const p = new Progress(null, 10, () => "x", () => 5000);
    p.tick();
    p.done();
  });
});
