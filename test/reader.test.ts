/**
 * The one reader (io/reader.ts) on real-shaped files made from the sample (test/files/make.ts),
 * through the command line (run() in cli/main.ts) and the pane's standalone reader (openFile): each
 * file is read exactly as the UTF-8 sample is (the same settlement of every claim, to the fen) or
 * refused with its reason and a non-zero exit. Then the limits (zip bombs made here), hostile JSON
 * lines, output safety (never over the input or an existing file, atomic under kill -9) and masking.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { run } from "../cli/main";
import { readClaims } from "../io/reader";
import { ReaderError } from "../io/errors";
import { openFile } from "../taskpane/workbook/file";
import { AuditRun } from "../src/audit/audit";
import { amountsOf } from "../src/engine/settle";
import { makeCases, zipBomb, SAMPLE, type Case } from "./files/make";

const dir = mkdtempSync(join(tmpdir(), "yibao-reader-"));
let cases: Case[] = [];

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

/** id → the settled amounts, or the error code: what "read the same" compares. */
type Settled = Map<string, string>;
function settled(lines: string[]): Settled {
  const m = new Map<string, string>();
  for (const l of lines) {
    const j = JSON.parse(l) as { id: string; error?: { code: string } };
    const { id, error, ...amounts } = j as { id: string; error?: { code: string } } & Record<string, unknown>;
    m.set(id, error ? `error ${error.code}` : JSON.stringify(amounts));
  }
  return m;
}

let reference: Settled;

beforeAll(async () => {
  cases = await makeCases();
  for (const c of cases) writeFileSync(join(dir, c.name), c.bytes);
  const r = await cli("settle", "--in", SAMPLE);
  expect(r.code).toBe(0);
  reference = settled(r.out);
  expect(reference.size).toBe(34);
});

describe("every real-shaped file through the command line", () => {
  it("is read exactly as the UTF-8 sample (every claim settled to the fen) or refused with a message and exit 2", async () => {
    for (const c of cases) {
      const r = await cli("settle", "--in", join(dir, c.name), "--lang", "en", ...(c.args ?? []));
      const all = [...r.out, ...r.err].join("\n");
      expect(all, c.name).not.toMatch(/\n\s+at |Error:|JSZip|\[object Object\]/);
      if (c.expect === "same") {
        expect(r.code, `${c.name}: ${r.err.join(" | ")}`).toBe(0);
        expect(settled(r.out), c.name).toEqual(reference);
      } else if (c.expect === "rows") {
        expect(r.code, c.name).toBe(0);
        const got = settled(r.out);
        expect(got.get("row 5"), c.name).toBe("error row_width");
        expect([...got].filter(([k]) => k !== "row 5").length).toBe(33);
        for (const [k, v] of got) if (k !== "row 5") expect(v, `${c.name} ${k}`).toBe(reference.get(k));
      } else {
        expect(r.code, `${c.name} should be refused`).toBe(2);
        expect(r.out).toEqual([]);
        expect(r.err.join(" "), c.name).toContain(c.name);
        let code = "";
        try {
          readClaims(new Uint8Array(c.bytes), { file: c.name, sheet: c.args?.[1] });
        } catch (e) {
          code = e instanceof ReaderError ? e.code : `not a ReaderError: ${String(e)}`;
        }
        expect(code, c.name).toBe(c.expect);
      }
    }
  });

  it("the summary says the encoding, delimiter, sheet and header row used", async () => {
    expect((await cli("settle", "--in", join(dir, "gbk.csv"), "--lang", "en")).err[0]).toBe("Read gbk.csv: encoding GB18030, delimiter comma, header at line 1, 34 data rows");
    expect((await cli("settle", "--in", join(dir, "unicode-text.txt"), "--lang", "en")).err[0]).toMatch(/encoding UTF-16LE, delimiter tab/);
    expect((await cli("settle", "--in", join(dir, "title-rows.csv"), "--lang", "en")).err[0]).toMatch(/header at line 3, 34 data rows/);
    const hidden = await cli("settle", "--in", join(dir, "hidden-first.xlsx"), "--lang", "en");
    expect(hidden.err.join("\n")).toMatch(/sheet "报销单", header at row 1/);
    expect(hidden.err.join("\n")).toMatch(/Sheets skipped: 旧数据 \(hidden\)/);
    expect((await cli("settle", "--in", join(dir, "wan-yuan.csv"), "--lang", "en")).err.join("\n")).toMatch(/column R "总费用（万元）" read in 万元 \(×10000\)/);
  });

  it("row labels are the file's own lines, after blank lines too", async () => {
    const f = join(dir, "labels.csv");
    const rs = readFileSync(SAMPLE, "utf8").split("\r\n");
    // drop the ids so that rows are named by their line; a blank line before the bad row
    writeFileSync(f, [rs[0]!.replace("编号,", "x,"), "", rs[1], "", "", rs[2]!.replace("9870.00", "9870.001")].join("\r\n"));
    const r = await cli("settle", "--in", f, "--lang", "en");
    expect(settled(r.out).get("row 6")).toBe("error amount_decimals");
    expect([...settled(r.out).keys()]).toEqual(["row 3", "row 6"]);
  });

  it("--map reads a blank-headed column as the user says, or ignores a duplicate", async () => {
    // 乙类费用 is column T in the sample
    const r = await cli("settle", "--in", join(dir, "blank-header.csv"), "--map", "T=乙类费用");
    expect(r.code).toBe(0);
    expect(settled(r.out)).toEqual(reference);
    const d = await cli("settle", "--in", join(dir, "duplicate-header.csv"), "--map", "AK=-");
    expect(settled(d.out)).toEqual(reference);
    expect((await cli("settle", "--in", join(dir, "blank-header.csv"), "--map", "T=nonsense", "--lang", "en")).err.join()).toMatch(/nonsense is not a claim field/);
  });

  it("the blank header names the column; the stray quote names its line", async () => {
    expect((await cli("settle", "--in", join(dir, "blank-header.csv"), "--lang", "en")).err.join()).toMatch(/column T \(from row 2\) hold data but have no header/);
    expect((await cli("settle", "--in", join(dir, "stray-quote.csv"), "--lang", "en")).err.join()).toMatch(/quote at line 6, column B is never closed/);
    expect((await cli("settle", "--in", join(dir, "duplicate-header.csv"))).err.join()).toMatch(/R 列“总费用” 与 AK 列“总费用”/);
  });
});

describe("the pane's standalone reader reads the same files the same way", () => {
  it("the same claims and results, or the same refusal in the pane's language", async () => {
    for (const c of cases) {
      // the pane lists several claims sheets as sources to pick (next test); JSON lines are the CLI's
      if (c.args || c.name.endsWith(".jsonl") || c.expect === "rows" || c.expect === "many_claim_sheets") continue;
      const data = c.bytes.buffer.slice(c.bytes.byteOffset, c.bytes.byteOffset + c.bytes.byteLength) as ArrayBuffer;
      if (c.expect === "same") {
        const wb = await openFile(c.name, data);
        const [src] = await wb.listSources();
        const t = await wb.read(src!.id);
        const rep = new AuditRun(t.header, t.rows, { rowLabel: (i) => `row ${t.rowLines![i]!}` }).finish();
        const got: Settled = new Map(rep.rows.map((r) => [r.id, r.result?.ok ? JSON.stringify(amountsOf(r.result)) : `error ${(r.problems[0] ?? r.result?.problem)?.code}`]));
        expect(got, c.name).toEqual(reference);
      } else {
        const e = await openFile(c.name, data, { lang: () => "en" }).then(
          () => null,
          (x: unknown) => x,
        );
        expect(e, c.name).toBeInstanceOf(ReaderError);
        expect((e as ReaderError).code, c.name).toBe(c.expect);
        expect((e as ReaderError).message).toBe((e as ReaderError).text.en);
      }
    }
  });
  it("several claims sheets are each a source to pick", async () => {
    const c = cases.find((x) => x.name === "two-claim-sheets.xlsx")!;
    const wb = await openFile(c.name, c.bytes.slice().buffer as ArrayBuffer);
    expect((await wb.listSources()).map((s) => s.label)).toEqual(["two-claim-sheets.xlsx · 上半年", "two-claim-sheets.xlsx · 下半年"]);
  });
});

describe("limits", () => {
  it("a zip bomb is refused before it is inflated, and a lying one as soon as it passes its declared size", async () => {
    writeFileSync(join(dir, "bomb.xlsx"), zipBomb(48, false));
    const r = await cli("settle", "--in", join(dir, "bomb.xlsx"), "--max-entry-mb", "16", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err.join()).toMatch(/xl\/worksheets\/sheet1\.xml inflates to 48 MiB, above the limit of 16 MiB/);
    writeFileSync(join(dir, "bomb-lying.xlsx"), zipBomb(48, true));
    const l = await cli("settle", "--in", join(dir, "bomb-lying.xlsx"), "--lang", "en");
    expect(l.code).toBe(2);
    expect(l.err.join()).toMatch(/inflates to > /);
  });
  it("a cell longer than the limit is refused with its place", () => {
    const long = "x".repeat(40_000);
    expect(() => readClaims(new TextEncoder().encode(`编号,参保地,险种,总费用\r\nA,兰州,职工,${long}\r\n`), { file: "long.csv" })).toThrow(/D2/);
    try {
      readClaims(new TextEncoder().encode(`编号,参保地,险种,总费用\r\nA,兰州,职工,${long}\r\n`), { file: "long.csv" });
    } catch (e) {
      expect((e as ReaderError).code).toBe("cell_too_long");
      expect((e as ReaderError).text.en).toMatch(/D2 is longer than the limit of 32767/);
    }
  });
});

describe("hostile JSON lines: each bad record gets its own error and the batch goes on", () => {
  it("objects with toString, 100 000-deep arrays, non-objects and broken JSON", async () => {
    const good = readFileSync(join(dir, "claims.jsonl"), "utf8").split("\n")[0]!;
    const lines = [good, '{"insuredPlace":{"toString":1},"总费用":{"valueOf":1}}', "[".repeat(100_000) + "]".repeat(100_000), "[1,2]", "5", "{not json", `{"参保地":${"[".repeat(50)}${"]".repeat(50)}}`, good.replace("LZ2020-001", "LZ2020-999")];
    writeFileSync(join(dir, "hostile.jsonl"), lines.join("\n") + "\n");
    for (const cmd of ["settle", "audit"]) {
      const r = await cli(cmd, "--in", join(dir, "hostile.jsonl"), "--lang", "en");
      expect(r.code, cmd).toBe(0);
      if (cmd === "settle") {
        const s = settled(r.out);
        expect(s.get("LZ2020-001")).toBe(reference.get("LZ2020-001"));
        expect(s.get("LZ2020-999")).toBe(reference.get("LZ2020-001"));
        expect(s.get("row 2")).toBe("error field_invalid");
        expect([s.get("row 3"), s.get("row 4"), s.get("row 5"), s.get("row 6"), s.get("row 7")]).toEqual(["error too_deep", "error bad_json", "error bad_json", "error bad_json", "error too_deep"]);
        expect(r.out.join("\n")).toMatch(/insured place \(insuredPlace\): \(an object\) is not valid/);
      } else expect(r.out[0]).toMatch(/8 claims, 1 ok, 1 flagged, 6 errors/); // the copy of the first claim is a duplicate
    }
  });
});

describe("output safety", () => {
  it("an existing --out is refused unless --force; --out that is the input, by any path, always", async () => {
    const out = join(dir, "report.csv");
    writeFileSync(out, "keep me");
    const r = await cli("audit", "--in", SAMPLE, "--out", out, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err.join()).toMatch(/already exists/);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect((await cli("audit", "--in", SAMPLE, "--out", out, "--force")).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^\uFEFF编号/);
    const input = join(dir, "in-place.csv");
    writeFileSync(input, readFileSync(SAMPLE));
    const link = join(dir, "link.csv");
    symlinkSync(input, link);
    for (const target of [input, link, join(dir, ".", "in-place.csv")]) {
      const s = await cli("audit", "--in", input, "--out", target, "--force", "--lang", "en");
      expect(s.code).toBe(2);
      expect(s.err.join()).toMatch(/is the input file itself/);
    }
    expect(readFileSync(input)).toEqual(readFileSync(SAMPLE));
    const m = await cli("audit", "--in", SAMPLE, "--out", join(dir, "no-such-folder", "r.xlsx"), "--lang", "en");
    expect(m.err.join()).toMatch(/the folder .*no-such-folder does not exist/);
  });

  it("killed with SIGKILL while writing: no report, or the old one intact, never a cut one", async () => {
    const big = join(dir, "big.csv");
    const rs = readFileSync(SAMPLE, "utf8").split("\r\n").filter(Boolean);
    writeFileSync(big, [rs[0], ...Array.from({ length: 300 }, () => rs.slice(1)).flat().map((l, i) => l.replace(/^LZ2020-\d+/, `K${i}`))].join("\r\n"));
    const bin = join(__dirname, "..", "bin", "yibao.cjs");
    for (const [old, delay] of [[false, 0], [true, 0], [false, 30], [true, 60], [false, 150]] as const) {
      const out = join(dir, `killed-${old}-${delay}.csv`);
      if (old) writeFileSync(out, "old report");
      const child = spawn("node", [bin, "audit", "--in", big, "--out", out, "--force"], { stdio: "ignore" });
      await new Promise<void>((res) => {
        const t0 = Date.now();
        const poll = setInterval(() => {
          const parts = readdirSync(dir).filter((f) => f.startsWith(`.killed-${old}-${delay}.csv.`));
          if (parts.length || Date.now() - t0 > 20_000) {
            setTimeout(() => child.kill("SIGKILL"), delay);
            clearInterval(poll);
          }
        }, 1);
        child.on("exit", () => res());
      });
      if (existsSync(out)) {
        const text = readFileSync(out, "utf8");
        if (text !== "old report") {
          // renamed before the kill: then it is whole
          expect(text.split("\r\n").filter(Boolean).length).toBe(300 * 34 + 1);
        }
      } else expect(old).toBe(false);
    }
  });
});

describe("masking in every message path", () => {
  it("an ID number shifted into another column, a name, a claim id: masked in stdout, the report and settle errors", async () => {
    const rs = readFileSync(SAMPLE, "utf8").split("\r\n");
    const cells = rs[1]!.split(",");
    const id = cells[2]!;
    const name = cells[1]!;
    // the ID number lands in 参保地, the name in 险种 (a row shifted by two), and the claim id is an ID number
    const shifted = [id, name, id, id, name, ...cells.slice(5)].join(",");
    const f = join(dir, "shifted.csv");
    writeFileSync(f, [rs[0], shifted, `${rs[2]!.split(",")[0]},${name},${id},兰州,职工,在职,住院,本地,,,手工报销,三级甲等,x`].join("\r\n"));
    const out = join(dir, "masked.csv");
    const a = await cli("audit", "--in", f, "--out", out, "--force");
    const s = await cli("settle", "--in", f);
    const j = await cli("settle", "--in", f, "--out", join(dir, "masked.jsonl"), "--force");
    const everything = [...a.out, ...a.err, ...s.out, ...s.err, ...j.err, readFileSync(out, "utf8"), readFileSync(join(dir, "masked.jsonl"), "utf8")].join("\n");
    expect(everything).not.toContain(id);
    expect(everything).toContain(`${id.slice(0, 3)}***********${id.slice(-4)}`);
    expect(everything).not.toMatch(new RegExp(`值 "${name}"`));
  });
});
