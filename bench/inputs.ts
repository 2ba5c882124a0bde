/**
 * The end-to-end benchmark's input files, as users have them: the seeded batches of bench/generate.ts
 * written as a CSV with the Chinese headers of samples/lanzhou-claims.csv (values as the sample writes
 * them: Chinese enum words, ISO dates, yuan with two decimals, 是/否), as JSON lines (canonical
 * names, codes, yuan as text: what a system export gives) and as .xlsx (shared strings, amounts as
 * numbers, dates as date cells: what Excel saves). Each claim carries a name, an ID number and the
 * amounts the clerk submitted (申报…): the engine's own answer, with a seeded few per cent of them
 * wrong by a planted amount, so that the audit has real work (matching, flagging, reasons) to do.
 *
 * Files are written once into a cache folder (named after a hash of this generator's sources) and
 * reused by later runs; each is written to a temporary name and renamed when complete.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Claim } from "../src/claim/claim";
import { FIELD_BY_NAME } from "../src/claim/fields";
import { formatDay } from "../src/dates";
import { formatYuan } from "../src/money";
import type { Engine } from "../src/engine/settle";
import { fromClaims, type ResultColumns } from "../src/engine/columns";
import { claimsOf, employeeBandClaim, mixedClaim, rng } from "./generate";

export type BatchKind = "mixed" | "employee";
export type InputFormat = "csv" | "jsonl" | "xlsx";

/** The sample's columns (samples/make-sample.ts), by canonical field name; 备注 is the sample's own note column. */
export const COLUMNS = [
  "id", "name", "idNumber", "insuredPlace", "scheme", "personType", "careType", "crossRegion", "crossProvince", "treatedInInsuredPlace", "settlement",
  "hospitalLevel", "admissionIndex", "admissionDate", "dischargeDate", "settlementDate", "serviceDate", "total", "outOfCatalog", "classB", "tcm",
  "ytdFundPaid", "ytdPersonalInPolicy", "chronicDisease", "secondChronicDisease", "chronicApproved", "secondChronicApproved", "povertyStatus",
  "civilServantRank", "claimedPooled", "claimedLargeAmount", "claimedSeriousIllness", "claimedAssistance", "claimedSubsidy", "claimedPersonal",
] as const;
type Column = (typeof COLUMNS)[number];
export const HEADERS_ZH: string[] = [...COLUMNS.map((c) => FIELD_BY_NAME.get(c)!.label.zh), "备注"];

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗".split("");
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂".split("");
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A well-formed 18-digit resident ID number (GB 11643 check digit) for person i. */
function idNumberOf(r: () => number): string {
  const year = 1940 + Math.floor(r() * 60);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const body = `6201${String(2 + Math.floor(r() * 6)).padStart(2, "0")}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(Math.floor(r() * 1000)).padStart(3, "0")}`;
  let s = 0;
  for (let k = 0; k < 17; k++) s += Number(body[k]) * W[k]!;
  return body + "10X98765432"[s % 11]!;
}

/** The planted mistakes: about 3% of the computable claims submit a pooled payment 12.34 yuan too high. */
const PLANTED_RATE = 0.03;
export const PLANTED_FEN = 1234;

export interface Batch {
  kind: BatchKind;
  n: number;
  seed: number;
  claims: Claim[];
  /** The engine's answer on these claims (what the CLI must reproduce). */
  results: ResultColumns;
  /** Rows whose submitted pooled payment was made wrong on purpose. */
  planted: number;
}

export function makeBatch(kind: BatchKind, n: number, engine: Engine): Batch {
  const seed = kind === "mixed" ? 2 : 1;
  const claims = claimsOf(n, seed, kind === "mixed" ? mixedClaim : employeeBandClaim);
  const results = engine.settleColumns(fromClaims(claims));
  const r = rng(seed * 7919 + 11);
  let planted = 0;
  for (let i = 0; i < n; i++) {
    const c = claims[i]!;
    c.name = SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]! + (r() < 0.5 ? GIVEN[Math.floor(r() * GIVEN.length)]! : "");
    c.idNumber = idNumberOf(r);
    if (results.problems[i]) continue;
    const claimed: Claim["claimed"] = {};
    const put = (k: keyof Claim["claimed"], v: number, always = false) => {
      if (v === v && (always || v !== 0)) claimed[k] = v;
    };
    put("pooled", results.pooled[i]!, true);
    put("largeAmount", results.largeAmount[i]!);
    put("seriousIllness", results.seriousIllness[i]!);
    put("assistance", results.assistance[i]!);
    put("subsidy", results.subsidy[i]!);
    put("personal", results.personal[i]!, true);
    // (only where the personal share can give the 12.34 up: a negative submitted amount is refused as input)
    if (r() < PLANTED_RATE && claimed.pooled !== undefined && claimed.personal !== undefined && claimed.personal >= PLANTED_FEN) {
      claimed.pooled += PLANTED_FEN;
      claimed.personal -= PLANTED_FEN;
      planted++;
    }
    c.claimed = claimed;
  }
  return { kind, n, seed, claims, results, planted };
}

/** The value of one column of a claim, in its canonical form (codes, fen, day numbers), or undefined. */
function valueOf(c: Claim, col: Column): unknown {
  if (col.startsWith("claimed")) return (c.claimed as Record<string, unknown>)[col[7]!.toLowerCase() + col.slice(8)];
  const v = (c as unknown as Record<string, unknown>)[col];
  if ((col === "povertyStatus" || col === "civilServantRank") && v === "none") return undefined;
  if (col === "treatedInInsuredPlace" && v === false) return undefined;
  return v;
}

/** A value as the sample's CSV writes it: Chinese words for codes, 是/否, ISO dates, yuan with two decimals. */
function textOf(col: Column, v: unknown): string {
  if (v === undefined || v === null) return "";
  const def = FIELD_BY_NAME.get(col)!;
  switch (def.kind) {
    case "enum":
      return (def.enumDef!.zh as Record<string, string>)[v as string]!;
    case "bool":
      return v ? "是" : "否";
    case "date":
      return formatDay(v as number);
    case "money":
      return formatYuan(v as number);
    default:
      return String(v);
  }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write a big text file in pieces (no one string of the whole file). */
function writeLines(file: string, lines: (i: number) => string, n: number, head?: string): void {
  const tmp = `${file}.${process.pid}.part`;
  const fd = openSync(tmp, "w");
  try {
    let buf: string[] = head !== undefined ? [head] : [];
    for (let i = 0; i < n; i++) {
      buf.push(lines(i));
      if (buf.length === 20_000) {
        writeSync(fd, buf.join("\n") + "\n");
        buf = [];
      }
    }
    if (buf.length) writeSync(fd, buf.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function writeCsv(file: string, b: Batch): void {
  // UTF-8 with a BOM, as Excel saves "CSV UTF-8" and as the sample is written
  writeLines(file, (i) => [...COLUMNS.map((col) => csvField(textOf(col, valueOf(b.claims[i]!, col)))), ""].join(","), b.n, "\uFEFF" + HEADERS_ZH.join(","));
}

function writeJsonl(file: string, b: Batch): void {
  writeLines(
    file,
    (i) => {
      const o: Record<string, string | number | boolean> = {};
      for (const col of COLUMNS) {
        const v = valueOf(b.claims[i]!, col);
        if (v === undefined || v === null) continue;
        const kind = FIELD_BY_NAME.get(col)!.kind;
        o[col] = kind === "money" ? formatYuan(v as number) : kind === "date" ? formatDay(v as number) : (v as string | number | boolean);
      }
      return JSON.stringify(o);
    },
    b.n,
  );
}

/** The .xlsx through ExcelJS's streaming writer (shared strings, styles), so 1 048 575 rows fit in memory. */
async function writeXlsxInput(file: string, b: Batch, rows: number): Promise<void> {
  const tmp = `${file}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("报销单");
  COLUMNS.forEach((col, j) => {
    const kind = FIELD_BY_NAME.get(col)!.kind;
    if (kind === "date") ws.getColumn(j + 1).numFmt = "yyyy-mm-dd";
    else if (kind === "money") ws.getColumn(j + 1).numFmt = "0.00";
  });
  ws.addRow(HEADERS_ZH).commit();
  for (let i = 0; i < rows; i++) {
    const c = b.claims[i % b.n]!;
    const row = COLUMNS.map((col) => {
      const v = valueOf(c, col);
      if (v === undefined || v === null) return null;
      const kind = FIELD_BY_NAME.get(col)!.kind;
      if (kind === "money") return (v as number) / 100; // a cell holds yuan as a double, as Excel does
      if (kind === "date") return new Date((v as number) * 86_400_000);
      if (col === "id" && i >= b.n) return `${String(v)}-${Math.floor(i / b.n)}`;
      return kind === "enum" || kind === "bool" ? textOf(col, v) : v;
    });
    ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, file);
}

/** The cache folder: one per version of the generator's sources, so a changed generator writes new files. */
export function cacheDir(root = join(tmpdir(), "yibao-bench")): string {
  const h = createHash("sha256");
  for (const f of ["bench/generate.ts", "bench/inputs.ts"]) {
    const p = join(process.cwd(), f);
    h.update(existsSync(p) ? readFileSync(p) : f);
  }
  const dir = join(root, `inputs-${h.digest("hex").slice(0, 12)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** An .xlsx input is as long as a full sheet when asked for 1e6 rows: 1 048 575 claims and the header. */
export const FULL_SHEET_CLAIMS = 1_048_575;

/**
 * The file of a batch: its kind, rows and format, and the engine whose answers its claimed amounts hold
 * (the registry's scenario, e.g. the Shenyang example base): a file written for another engine is not
 * reused, or every audit of it would find "mistakes" nobody planted.
 */
export function inputName(kind: BatchKind, n: number, format: InputFormat, engine?: Engine): string {
  const rows = format === "xlsx" && n >= 1_000_000 ? FULL_SHEET_CLAIMS : n;
  const scenario = engine?.registry.scenario;
  const tag = scenario ? `-${createHash("sha256").update(scenario).digest("hex").slice(0, 8)}` : "";
  return `${kind}-${rows}${tag}.${format}`;
}

/** The input files of one batch (written when not cached yet); the batch is made only when a file is missing. */
export async function ensureInputs(dir: string, kind: BatchKind, n: number, formats: readonly InputFormat[], engine: Engine, log: (s: string) => void, batch?: () => Batch): Promise<Record<InputFormat, string>> {
  const out = {} as Record<InputFormat, string>;
  let b: Batch | undefined;
  for (const f of formats) {
    const file = join(dir, inputName(kind, n, f, engine));
    out[f] = file;
    if (existsSync(file)) continue;
    b ??= batch ? batch() : makeBatch(kind, n, engine);
    const t0 = performance.now();
    try {
      if (f === "csv") writeCsv(file, b);
      else if (f === "jsonl") writeJsonl(file, b);
      else await writeXlsxInput(file, b, n >= 1_000_000 ? FULL_SHEET_CLAIMS : n);
    } catch (e) {
      for (const p of [`${file}.${process.pid}.part`]) if (existsSync(p)) unlinkSync(p);
      throw e;
    }
    log(`  wrote ${file} (${((performance.now() - t0) / 1000).toFixed(1)} s, once; later runs reuse it)`);
  }
  return out;
}
