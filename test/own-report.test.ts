/**
 * An audit report this tool wrote, given back as claims, is refused with its own reason: its amounts
 * are recomputed (起付线, 大病保险 … the engine's answers), and read as a claims table they would be
 * taken for claimed ones. Before, the command line refused it only by accident (its 个人负担（目录内）
 * header read as a unit 目录内, with the advice to convert it to yuan); a header edited on that advice
 * would have been read. Checked on the report as the command line writes it (test/files/sample-outputs/
 * audit.csv), in English, as an .xlsx, and through the streaming reader; a claims file whose header
 * merely has one of the report's columns is still read.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readClaims } from "../io/reader";
import { streamClaims } from "../io/stream";
import { ReaderError } from "../io/errors";
import { XlsxStreamWriter } from "../io/xlsxStream";
import { RESULT_HEADERS } from "../src/audit/report";
import { resultTable } from "../src/audit/report";
import { summarise } from "../src/audit/audit";

const REPORT = readFileSync(join(__dirname, "files", "sample-outputs", "audit.csv"));
const SAMPLE = readFileSync(join(__dirname, "..", "samples", "lanzhou-claims.csv"));

function refusal(f: () => unknown): ReaderError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReaderError) return e;
    throw e;
  }
  throw new Error("not refused");
}

async function streamed(bytes: Uint8Array, file: string): Promise<unknown> {
  try {
    await streamClaims((async function* () { yield bytes; })(), { file }, { start: () => {}, rows: () => {}, records: () => {} });
  } catch (e) {
    return e;
  }
  return null;
}

describe("an audit report given back as claims", () => {
  it("is refused as the report it is (zh), whole-file and streamed", async () => {
    const e = refusal(() => readClaims(REPORT, { file: "audit.csv" }));
    expect(e.code).toBe("own_report");
    expect(e.say("zh")).toContain("核查报告");
    expect(e.say("en")).toContain("audit report");
    const s = await streamed(REPORT, "audit.csv");
    expect(s).toBeInstanceOf(ReaderError);
    expect((s as ReaderError).code).toBe("own_report");
  });

  it("in English, and as an .xlsx", async () => {
    const header = resultTable({ rows: [], summary: summarise([]), notes: [] }, { lang: "en", mask: true, numbers: false })[0]!;
    const csv = Buffer.from(header.join(",") + "\nK1,Li,ok,x,2020-05-06,1.00\n");
    expect(refusal(() => readClaims(csv, { file: "r.csv" })).code).toBe("own_report");
    const parts: Uint8Array[] = [];
    const w = new XlsxStreamWriter((c) => parts.push(c));
    w.sheet({ name: "核查结果" }, [resultTable({ rows: [], summary: summarise([]), notes: [] }, { lang: "zh", mask: true, numbers: true })[0]!, ["K1", "李*", "一致"]]);
    w.end();
    await w.finished();
    const xlsx = Buffer.concat(parts);
    expect(refusal(() => readClaims(xlsx, { file: "r.xlsx" })).code).toBe("own_report");
    expect(RESULT_HEADERS.length).toBe(header.length);
  });

  it("a claims file is still read, also with one of the report's columns beside the claims", () => {
    expect(readClaims(SAMPLE, { file: "lanzhou-claims.csv" }).table!.rows.length).toBe(34);
    const text = SAMPLE.toString("utf8").replace(/^\uFEFF?([^\r\n]*)/, (_, h: string) => `${h},核算基金支付合计`);
    expect(readClaims(Buffer.from(text), { file: "c.csv" }).table!.rows.length).toBe(34);
  });
});
