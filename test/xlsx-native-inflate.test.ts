/**
 * The streaming .xlsx reader with the command line's inflater (Node's zlib as a stream, cli/nodeZip.ts)
 * against fflate's and against the whole-file reader: every workbook of test/files/make.ts, 30 generated
 * sheets of a few thousand rows (many inflater chunks), the same sheets with their parts stored instead
 * of deflated, each with the first pass's XML kept for the second and without, read to the same rows,
 * header and summary; a zip bomb, an entry whose deflate data is corrupt and one cut short are refused
 * in the same words; progress still reaches the end of the sheet when the second pass reads kept XML.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { deflateSync, unzipSync, zipSync } from "fflate";
import { readClaims } from "../io/reader";
import { ReaderError } from "../io/errors";
import { streamXlsxClaims } from "../io/xlsxStreamRead";
import { bytesSource, type PartInflater } from "../io/zip";
import { nodeInflater } from "../cli/nodeZip";
import { makeCases, rawXlsx, zipBomb, type Case } from "./files/make";

let cases: Case[] = [];
beforeAll(async () => {
  cases = (await makeCases()).filter((c) => /\.xlsx$/.test(c.name));
});

const refusal = (e: unknown) => (e instanceof ReaderError ? `${e.code}: ${e.text.en}` : `not a ReaderError: ${String(e)}`);

function whole(bytes: Uint8Array, file: string, sheet?: string, maxEntryBytes?: number) {
  try {
    const r = readClaims(bytes, { file, sheet, maxEntryBytes });
    return { rows: r.table!.rows.map((x) => [x.line, x.label, x.cells, x.problem?.code ?? null]), header: r.table!.header, summary: r.summary };
  } catch (e) {
    return { refused: refusal(e) };
  }
}

async function streamed(bytes: Uint8Array, file: string, o: { inflater?: PartInflater; keep?: number; sheet?: string; maxEntryBytes?: number; progress?: number[] }) {
  const rows: unknown[] = [];
  let header: unknown = null;
  try {
    const end = await streamXlsxClaims(bytesSource(bytes), { file, sheet: o.sheet, maxEntryBytes: o.maxEntryBytes, inflater: o.inflater, keepSheetChars: o.keep }, 1000, {
      start: (s) => void (header = s.header),
      rows: (rs) => void rows.push(...rs.map((x) => [x.line, x.label, x.cells, x.problem?.code ?? null])),
      bytes: (n) => void o.progress?.push(n),
    });
    return { rows, header, summary: end.summary };
  } catch (e) {
    return { refused: refusal(e) };
  }
}

/** Every way the CLI and the pane may read a sheet: fflate or zlib, its XML kept for the second pass or inflated again. */
const WAYS = [
  { name: "fflate, inflated twice", inflater: undefined, keep: 0 },
  { name: "fflate, kept", inflater: undefined, keep: undefined },
  { name: "zlib, inflated twice", inflater: nodeInflater, keep: 0 },
  { name: "zlib, kept", inflater: nodeInflater, keep: undefined },
  { name: "zlib, kept until 200 000 characters", inflater: nodeInflater, keep: 200_000 },
] as const;

/** A claims sheet of n rows with inline and shared strings, numbers, blank cells and rows without r=. */
function generated(seed: number, n: number): Uint8Array {
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const head = ["编号", "参保地", "险种", "人员类别", "就医类型", "异地类别", "结算方式", "医院等级", "本年住院次数", "结算日期", "总费用", "备注"];
  const letter = (j: number) => String.fromCharCode(65 + j);
  const strings = ["兰州", "职工", "在职", "住院", "本地", "直接结算", "三级甲等"];
  const lines = [`<row r="1">${head.map((h, j) => `<c r="${letter(j)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`];
  for (let i = 2; i <= n; i++) {
    const cells = [`<c r="A${i}" t="inlineStr"><is><t>K${i}</t></is></c>`];
    for (let j = 1; j < 8; j++) cells.push(r() < 0.5 ? `<c r="${letter(j)}${i}" t="s"><v>${j - 1}</v></c>` : `<c r="${letter(j)}${i}" t="inlineStr"><is><t>${strings[j - 1]}</t></is></c>`);
    cells.push(`<c r="I${i}"><v>${1 + Math.floor(r() * 3)}</v></c>`, `<c r="J${i}" t="inlineStr"><is><t>2020-05-${10 + Math.floor(r() * 18)}</t></is></c>`);
    cells.push(r() < 0.05 ? `<c r="K${i}" s="1"/>` : `<c r="K${i}"><v>${(Math.floor(r() * 5e6) / 100).toFixed(2)}</v></c>`);
    if (r() < 0.3) cells.push(`<c r="L${i}" t="inlineStr"><is><t>${"备注&amp;".repeat(Math.floor(r() * 20))}</t></is></c>`);
    lines.push(r() < 0.1 ? `<row>${cells.join("").replace(/ r="[A-Z]+\d+"/g, "")}</row>` : `<row r="${i}">${cells.join("")}</row>`);
  }
  const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
  const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
  return rawXlsx(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${lines.join("")}</sheetData></worksheet>`, {
    "xl/sharedStrings.xml": new TextEncoder().encode(sst),
    "xl/_rels/workbook.xml.rels": new TextEncoder().encode(rels),
  });
}

/** The same workbook with every part stored (zip method 0), not deflated. */
const stored = (b: Uint8Array) => zipSync(unzipSync(b), { level: 0 });

/** A zip of deflated entries as given (the test's own writer: an entry's data may be cut short). CRCs are left 0: the reader does not check them. */
function zipOf(entries: Record<string, { data: Uint8Array; size: number }>): Uint8Array {
  const enc = new TextEncoder();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, { data, size }] of Object.entries(entries)) {
    const n = enc.encode(name);
    const h = new Uint8Array(30 + n.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true), v.setUint16(4, 20, true), v.setUint16(8, 8, true), v.setUint32(18, data.length, true), v.setUint32(22, size, true), v.setUint16(26, n.length, true);
    h.set(n, 30);
    const c = new Uint8Array(46 + n.length);
    const w = new DataView(c.buffer);
    w.setUint32(0, 0x02014b50, true), w.setUint16(4, 20, true), w.setUint16(6, 20, true), w.setUint16(10, 8, true), w.setUint32(20, data.length, true), w.setUint32(24, size, true), w.setUint16(28, n.length, true), w.setUint32(42, offset, true);
    c.set(n, 46);
    local.push(h, data);
    central.push(c);
    offset += h.length + data.length;
  }
  const dirSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true), e.setUint16(8, central.length, true), e.setUint16(10, central.length, true), e.setUint32(12, dirSize, true), e.setUint32(16, offset, true);
  const all = [...local, ...central, end];
  const out = new Uint8Array(all.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const p of all) out.set(p, at), (at += p.length);
  return out;
}

/** Where an entry's compressed bytes start, and how many there are (from its local header). */
function entryData(zip: Uint8Array, name: string): { start: number; size: number } {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; p + 30 < zip.length; ) {
    if (v.getUint32(p, true) !== 0x04034b50) break;
    const n = v.getUint16(p + 26, true);
    const start = p + 30 + n + v.getUint16(p + 28, true);
    const size = v.getUint32(p + 18, true);
    if (new TextDecoder().decode(zip.subarray(p + 30, p + 30 + n)) === name) return { start, size };
    p = start + size;
  }
  throw new Error(`no entry ${name}`);
}

describe("the .xlsx reader inflates the same rows with Node's zlib as with fflate", () => {
  it("every workbook of the fixtures, every way", async () => {
    expect(cases.length).toBeGreaterThan(12);
    for (const c of cases) {
      const sheet = c.args?.[0] === "--sheet" ? c.args[1] : undefined;
      const want = whole(c.bytes, c.name, sheet);
      for (const w of WAYS) expect(await streamed(c.bytes, c.name, { inflater: w.inflater, keep: w.keep, sheet }), `${c.name}, ${w.name}`).toEqual(want);
    }
  });

  it("12 generated sheets of up to 6 000 rows, deflated and stored", { timeout: 300_000 }, async () => {
    let chunky = 0;
    for (let k = 0; k < 12; k++) {
      const deflated = generated(100 + k, 300 + k * 500);
      for (const bytes of [deflated, stored(deflated)]) {
        const want = whole(bytes, `g${k}.xlsx`);
        expect(want.refused, `g${k}`).toBeUndefined();
        for (const w of WAYS) expect(await streamed(bytes, `g${k}.xlsx`, { inflater: w.inflater, keep: w.keep }), `g${k}, ${w.name}`).toEqual(want);
      }
      // the sheet's XML is several of zlib's output chunks (256 KiB) in the larger ones
      if (unzipSync(deflated)["xl/worksheets/sheet1.xml"]!.length > 3 << 18) chunky++;
    }
    expect(chunky).toBeGreaterThan(4);
    // the stored copy really is stored: method 0 in its local header
    const s = stored(generated(1, 100));
    expect(new DataView(s.buffer, s.byteOffset).getUint16(8, true)).toBe(0);
  });

  it("a zip bomb, whole or lying about its size, is refused in the same words", async () => {
    for (const lie of [false, true]) {
      const b = zipBomb(8, lie);
      const want = whole(b, "bomb.xlsx", undefined, 4 * 1024 * 1024);
      expect(want.refused).toMatch(/^zip_entry_too_large/);
      for (const w of WAYS) expect(await streamed(b, "bomb.xlsx", { inflater: w.inflater, keep: w.keep, maxEntryBytes: 4 * 1024 * 1024 }), `${lie}, ${w.name}`).toEqual(want);
    }
  });

  it("an entry with corrupt deflate data, or cut short, is a broken zip every way", async () => {
    const good = generated(7, 3000);
    const { start, size } = entryData(good, "xl/worksheets/sheet1.xml");
    // 0xFF: a final block of type 3, which deflate does not have (RFC 1951 3.2.3), at the start and halfway
    const atStart = good.slice();
    atStart.fill(0xff, start, start + 16);
    const halfway = good.slice();
    halfway.fill(0xff, start + (size >> 1), start + (size >> 1) + 4096);
    // the sheet's deflate stream cut in half, the zip otherwise whole (its directory declares the half)
    const parts = unzipSync(good);
    const sheet = parts["xl/worksheets/sheet1.xml"]!;
    const cut = zipOf({ ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, { data: deflateSync(v), size: v.length }])), "xl/worksheets/sheet1.xml": { data: deflateSync(sheet).subarray(0, size >> 1), size: sheet.length } });
    for (const [name, bytes] of [
      ["atStart", atStart],
      ["cut", cut],
    ] as const) {
      const want = whole(bytes, `${name}.xlsx`);
      expect(want.refused, name).toMatch(/^zip_broken/);
      for (const w of WAYS) expect(await streamed(bytes, `${name}.xlsx`, { inflater: w.inflater, keep: w.keep }), `${name}, ${w.name}`).toEqual(want);
    }
    // garbage halfway may still decode (to other bytes, more of them than the entry declares): where the
    // inflaters notice depends on their checks, but every way refuses the file, never reads it
    const want = whole(halfway, "halfway.xlsx");
    expect(want.refused).toMatch(/^(zip_broken|zip_entry_too_large)/);
    for (const w of WAYS) expect((await streamed(halfway, "halfway.xlsx", { inflater: w.inflater, keep: w.keep })).refused, w.name).toMatch(/^(zip_broken|zip_entry_too_large)/);
  });

  it("progress reaches the sheet's end when the second pass reads the kept XML", async () => {
    const bytes = generated(9, 6000);
    const { start, size } = entryData(bytes, "xl/worksheets/sheet1.xml");
    for (const w of WAYS) {
      const progress: number[] = [];
      await streamed(bytes, "p.xlsx", { inflater: w.inflater, keep: w.keep, progress });
      expect(progress.length, w.name).toBeGreaterThan(0);
      expect(progress.every((x, i) => i === 0 || x >= progress[i - 1]!), w.name).toBe(true);
      expect(progress[progress.length - 1], w.name).toBe(start + size);
    }
  });
});
