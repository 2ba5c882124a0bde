/**
 * The streaming .xlsx reader (io/xlsxStreamRead.ts, the CLI's path for .xlsx input) against the
 * whole-file reader (io/reader.ts): every workbook of test/files/make.ts, with the sheet's XML handed
 * to the row scanner in slices of 1, 7, 64 and 4 096 bytes (tags, entities and characters cut
 * anywhere) and batches of 3 rows, reads to the same rows, header and summary, or the same refusal;
 * also prefixed element names (x:row) and a zip bomb, whole and lying about its size, and a file
 * read by position (the reads a ByteSource is asked for stay small).
 */
import { describe, expect, it, beforeAll } from "vitest";
import { zipSync } from "fflate";
import { readClaims } from "../io/reader";
import { ReaderError } from "../io/errors";
import { streamXlsxClaims } from "../io/xlsxStreamRead";
import { bytesSource, type ByteSource } from "../io/zip";
import { makeCases, rawXlsx, zipBomb, SAMPLE as SAMPLE_CSV, type Case } from "./files/make";
import { Rng } from "./fuzz/gen";

let cases: Case[] = [];
beforeAll(async () => {
  cases = (await makeCases()).filter((c) => /\.xlsx$/.test(c.name));
});

const refusal = (e: unknown) => (e instanceof ReaderError ? `${e.code}: ${e.text.en}` : `not a ReaderError: ${String(e)}`);

function whole(bytes: Uint8Array, file: string, sheet?: string, maxEntryBytes?: number, map?: Record<string, string | null>) {
  try {
    const r = readClaims(bytes, { file, sheet, maxEntryBytes, map });
    return { rows: r.table!.rows.map((x) => [x.line, x.label, x.cells, x.problem?.code ?? null]), header: r.table!.header, summary: r.summary };
  } catch (e) {
    return { refused: refusal(e) };
  }
}

async function streamed(src: ByteSource, file: string, sheet?: string, sliceBytes?: number, maxEntryBytes?: number, map?: Record<string, string | null>) {
  const rows: unknown[] = [];
  let header: unknown = null;
  try {
    const end = await streamXlsxClaims(src, { file, sheet, maxEntryBytes, sliceBytes, map } as Parameters<typeof streamXlsxClaims>[1], 3, {
      start: (s) => void (header = s.header),
      rows: (rs) => void rows.push(...rs.map((x) => [x.line, x.label, x.cells, x.problem?.code ?? null])),
    });
    return { rows, header, summary: end.summary };
  } catch (e) {
    return { refused: refusal(e) };
  }
}

describe("the streaming .xlsx reader reads every workbook as the whole-file reader does", () => {
  it("the fixtures are there (claims, hidden, empty and instruction sheets, merges, no r=, formulas, renamed files)", () => {
    expect(cases.length).toBeGreaterThan(12);
    expect(cases.map((c) => c.expect)).toContain("formula_uncalculated");
    expect(cases.map((c) => c.expect)).toContain("many_claim_sheets");
  });

  it.each([undefined, 1, 7, 64, 4096])("with the XML in slices of %s bytes", async (slice) => {
    for (const c of cases) {
      const sheet = c.args?.[0] === "--sheet" ? c.args[1] : undefined;
      const want = whole(c.bytes, c.name, sheet);
      const got = await streamed(bytesSource(c.bytes), c.name, sheet, slice);
      expect(got, c.name).toEqual(want);
      if (c.expect === "same") expect(want.refused, c.name).toBeUndefined();
    }
  });

  it("rows below the header search's 50 read for their width only: the same rows, notes and refusals on 40 generated sheets", async () => {
    // cells with and without r=, out of order, empty and styled-empty cells, values past the header's width
    let seed = 5;
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const letter = (j: number) => (j < 26 ? String.fromCharCode(65 + j) : "A" + String.fromCharCode(65 + j - 26));
    const head = ["编号", "参保地", "险种", "人员类别", "就医类型", "异地类别", "结算方式", "医院等级", "本年住院次数", "结算日期", "总费用"];
    const row = ["K", "兰州", "职工", "在职", "住院", "本地", "直接结算", "三级甲等", "1", "2020-05-20", "1000"];
    let wider = 0;
    const mapped = new Set<string>();
    for (let c = 0; c < 40; c++) {
      const lines: string[] = [`<row r="1">${head.map((h, j) => `<c r="${letter(j)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`];
      const n = 50 + Math.floor(r() * 80);
      const emptyLast = c % 2 === 0;
      for (let i = 2; i <= n; i++) {
        const withRef = r() < 0.8;
        const cells = row.map((v, j) => ({ j, xml: j === 0 ? `<c${withRef ? ` r="A${i}"` : ""} t="inlineStr"><is><t>K${i}</t></is></c>` : `<c${withRef ? ` r="${letter(j)}${i}"` : ""} t="inlineStr"><is><t>${v}</t></is></c>` }));
        // past the header: a value, or only empty and styled-empty cells (which do not widen a row)
        const extra = Math.floor(r() * 4);
        for (let k = 0; k < extra; k++) {
          const j = head.length + k;
          // in half the sheets the last column past the header never holds a value (a styled cell holds none; <v></v> reads as 0, <t></t> as "")
          const kind = j === head.length + 2 && emptyLast ? "styled" : pick(["value", "styled", "emptyV", "emptyT"]);
          if (kind === "value" && i > 50) wider++;
          const ref = withRef ? ` r="${letter(j)}${i}"` : "";
          cells.push({ j, xml: kind === "value" ? `<c${ref}><v>${k + 1}</v></c>` : kind === "styled" ? `<c${ref} s="1"/>` : kind === "emptyV" ? `<c${ref}><v></v></c>` : `<c${ref} t="inlineStr"><is><t></t></is></c>` });
        }
        // refs in another order (only where every cell says its column)
        if (withRef && r() < 0.2) cells.reverse();
        lines.push(`<row${r() < 0.9 ? ` r="${i}"` : ""}>${cells.map((x) => x.xml).join("")}</row>`);
      }
      const bytes = rawXlsx(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${lines.join("")}</sheetData></worksheet>`);
      const want = whole(bytes, `w${c}.xlsx`);
      for (const slice of [undefined, 64, 4096]) expect(await streamed(bytesSource(bytes), `w${c}.xlsx`, undefined, slice), `sheet ${c}, slices ${slice}`).toEqual(want);
      // the width decides whether a column past the header can be named by its letter (--map L=- M=- N=-; data past the header is refused unless mapped)
      const map = { [letter(head.length)]: "-", [letter(head.length + 1)]: "-", [letter(head.length + 2)]: "-" };
      const wantMapped = whole(bytes, `w${c}.xlsx`, undefined, undefined, map);
      mapped.add("refused" in wantMapped ? "refused" : "read");
      expect(await streamed(bytesSource(bytes), `w${c}.xlsx`, undefined, 4096, undefined, map), `sheet ${c}, mapped`).toEqual(wantMapped);
    }
    expect([...mapped].sort()).toEqual(["read", "refused"]);
    // the sheets had values past the header below row 50, where only the width is read in the first pass
    expect(wider).toBeGreaterThan(20);
  });

  it("300 random sheets of the sample's rows, each cell written one of the ways a workbook may hold it, in random slices", async () => {
    // inline strings (plain, entities, numeric references, rich runs, phonetic guides, preserved spaces),
    // shared strings, numbers and dates as <v>, booleans, error values, formulas with and without a
    // cached value, empty and self-closing cells, whitespace between tags, cell references given or not
    const { readFileSync } = await import("node:fs");
    const { strToU8 } = await import("fflate");
    const rows = readFileSync(SAMPLE_CSV, "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n").slice(0, 12).map((l) => l.split(","));
    const rng = new Rng(1207);
    const ent = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[兰州]/g, (c) => (rng.int(0, 1) ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`));
    const col = (j: number) => (j < 26 ? String.fromCharCode(65 + j) : String.fromCharCode(64 + Math.floor(j / 26)) + String.fromCharCode(65 + (j % 26)));
    const outcomes = new Map<string, number>();
    for (let t = 0; t < 300; t++) {
      const shared: string[] = [];
      const uncalculated = rng.int(0, 9) === 0;
      const ws = () => [" ", "\n", "\r\n  ", ""][rng.int(0, 3)];
      const cell = (v: string, r: number, j: number): string => {
        const ref = rng.int(0, 3) ? ` r="${col(j)}${r + 1}"` : "";
        if (v === "") return [`<c${ref}/>`, "", `<c${ref}></c>`, `<c${ref} t="s"/>`][rng.int(0, 3)]!;
        const num = /^\d+(\.\d+)?$/.test(v) && !/^0\d/.test(v) && v.length < 15;
        switch (rng.int(0, 9)) {
          case 0:
            shared.push(v);
            return `<c${ref} t="s"><v>${shared.length - 1}</v></c>`;
          case 1:
            return `<c${ref} t="inlineStr"><is><r><rPr><b/></rPr><t>${ent(v.slice(0, 1))}</t></r><r><t xml:space="preserve">${ent(v.slice(1))}</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></is></c>`;
          case 2:
            return num ? `<c${ref}>${ws()}<v>${v}</v>${ws()}</c>` : `<c${ref} t="str"><f>"${ent(v)}"</f><v>${ent(v)}</v></c>`;
          case 3:
            return num ? `<c${ref}><f>${v}*1</f><v>${v}</v></c>` : `<c${ref} t="inlineStr"><is><t>${ent(v)}</t></is></c>`;
          case 4:
            // an error value in a data row (the row's error); in the header it would hide the header
            return r === 0 || rng.int(0, 30) ? `<c${ref} t="inlineStr"><is><t xml:space="preserve">${ent(v)}</t></is></c>` : `<c${ref} t="e"><v>#N/A</v></c>`;
          case 5:
            // a formula Excel never calculated (no cached value): the file is refused, in one sheet of thirty or so
            return uncalculated && rng.int(0, 60) === 0 ? `<c${ref}><f>SUM(A1:A2)</f></c>` : `<c${ref} t="inlineStr"><is><t>${ent(v)}</t></is></c>`;
          default:
            return `<c${ref} t="inlineStr">${ws()}<is>${ws()}<t>${ent(v)}</t></is></c>`;
        }
      };
      const body = rows.map((r, i) => `<row${rng.int(0, 2) ? ` r="${i + 1}"` : ""}>${r.map((v, j) => cell(v, i, j)).join(ws())}</row>`).join(ws());
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${ws()}<sheetData>${body}</sheetData></worksheet>`;
      const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared.map((v) => `<si><t xml:space="preserve">${ent(v)}</t></si>`).join("")}</sst>`;
      const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
      const bytes = rawXlsx(xml, { "xl/sharedStrings.xml": strToU8(sst), "xl/_rels/workbook.xml.rels": strToU8(rels) });
      const want = whole(bytes, "r.xlsx");
      const o = want.refused ? want.refused.split(":")[0]! : "read";
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      const slice = rng.int(1, 5_000);
      expect(await streamed(bytesSource(bytes), "r.xlsx", undefined, slice), `sheet #${t} in ${slice}-byte slices`).toEqual(want);
    }
    // most sheets are read (their rows compared), some refused (an uncalculated formula, an error in the header)
    expect(outcomes.get("read")).toBeGreaterThan(100);
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it("element names with a namespace prefix (x:row, x:c), split anywhere", async () => {
    const plain = cases.find((c) => c.name === "no-r-attributes.xlsx")!;
    const { unzipSync, strFromU8 } = await import("fflate");
    const xml = strFromU8(unzipSync(plain.bytes)["xl/worksheets/sheet1.xml"]!);
    const prefixed = xml.replace(/<(\/?)(worksheet|sheetData|row|c|v|is|t|f)\b/g, "<$1x:$2").replace("<x:worksheet", '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    expect(prefixed).toMatch(/<\/x:row>/);
    const bytes = rawXlsx(prefixed);
    const want = whole(bytes, "p.xlsx");
    expect(want.refused).toBeUndefined();
    for (const slice of [1, 7, 4096]) expect(await streamed(bytesSource(bytes), "p.xlsx", undefined, slice)).toEqual(want);
  });

  it("a zip bomb is refused, whole or lying about its size, as the whole-file reader refuses it", async () => {
    for (const lie of [false, true]) {
      const b = zipBomb(8, lie);
      const want = whole(b, "bomb.xlsx", undefined, 4 * 1024 * 1024);
      expect(want.refused).toMatch(/^zip_entry_too_large/);
      expect(await streamed(bytesSource(b), "bomb.xlsx", undefined, undefined, 4 * 1024 * 1024)).toEqual(want);
    }
  });

  it("reads a file by position in small reads, never the whole file at once", async () => {
    const c = cases.find((x) => x.name === "claims.xlsx")!;
    // pad the file's parts apart with a stored entry larger than the reads: never read, never asked for whole
    const { unzipSync } = await import("fflate");
    const parts = unzipSync(c.bytes);
    const padded = zipSync({ ...parts, "xl/media/padding.bin": new Uint8Array(3 << 20) }, { level: 0 });
    let largest = 0;
    let total = 0;
    const src: ByteSource = {
      size: padded.length,
      read(pos, len) {
        largest = Math.max(largest, len);
        total += len;
        return padded.subarray(pos, pos + len);
      },
    };
    const got = await streamed(src, "claims.xlsx");
    expect(got).toEqual(whole(c.bytes, "claims.xlsx"));
    expect(largest).toBeLessThanOrEqual(1 << 20);
    expect(total).toBeLessThan(padded.length / 2);
  });
});
