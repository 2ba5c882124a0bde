/**
 * yibao: the command line of 医保核算 (used by auditors outside Excel, and by us to check the core).
 *
 *   yibao settle  --in FILE [--out FILE] [--lang zh|en]
 *   yibao explain --in FILE --id ID [--lang zh|en]
 *   yibao audit   --in FILE [--out report.xlsx|.csv|.jsonl] [--lang zh|en] [--no-mask]
 *
 * Input: JSON lines (one claim object a line), CSV or .xlsx (first sheet, header row, Chinese or
 * English headers). One bad record never stops the batch.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname, basename } from "node:path";
import { validateClaim, type RawRecord } from "../src/claim/validate";
import { mapHeaders } from "../src/claim/fields";
import { Engine, amountsOf, type SettlementResult } from "../src/engine/settle";
import { allocResults, fromClaims } from "../src/engine/columns";
import { resultAt } from "../src/engine/settle";
import { auditRecords } from "../src/audit/audit";
import { resultTable, summaryTable, STATUS_TEXT, rowCells } from "../src/audit/report";
import { parseCsv, rowsToRecords, toCsv } from "../io/csv";
import { readXlsx, writeXlsx } from "../io/xlsx";
import { renderTrace } from "../src/trace";
import { formatYuan } from "../src/money";
import type { Claim } from "../src/claim/claim";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";
import { readParamTable } from "../src/params/table";
import { cmdEmergency } from "./emergency";
import { cmdReferral } from "./referral";
import { chronicCode } from "../src/catalogs/national";
import { builtinRegistry } from "../src/params/builtin";

export class UsageError extends Error {}

interface Args {
  cmd: string;
  opts: Record<string, string | boolean>;
  positional: string[];
}

export function parseArgs(argv: string[]): Args {
  const [cmd = "help", ...rest] = argv;
  const opts: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (v !== undefined) opts[k] = v;
      else if (k.startsWith("no-")) opts[k.slice(3)] = false;
      else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) opts[k] = rest[++i]!;
      else opts[k] = true;
    } else positional.push(a);
  }
  return { cmd, opts, positional };
}

const HELP = `yibao — 医保核算 Claims Calculator

  yibao settle  --in FILE [--out FILE] [--lang zh|en]    recompute every claim (JSON lines, CSV or .xlsx)
  yibao explain --in FILE --id ID [--lang zh|en]         the step-by-step settlement of one claim, with citations
  yibao audit   --in FILE [--out FILE] [--lang zh|en] [--no-mask]
                                                          compare submitted amounts with the recomputation

  yibao emergency --condition NAME --findings TEXT [--json]   is the key criterion met? (met / not_met / unknown)
  yibao emergency --findings TEXT [--json]                    every condition the findings meet
  yibao chronic-code NAME [--json]                           national chronic disease code of a name
  yibao referral --condition TEXT [--department TEXT] [--json]   Chaoyang referral catalog rows (CY 附件2)

  --params FILE   a parameter table (.csv or .xlsx: 参数, 键, 生效日期, 取值, 依据) whose values replace or
                  supply parameters, e.g. Shenyang's base figures (see samples/shenyang-base.EXAMPLE.csv)

Input files: .jsonl (one claim object a line, canonical field names), .csv or .xlsx (first sheet; Chinese or
English headers, or the national platform's 2206 export names). Output by the extension of --out
(.jsonl, .csv or .xlsx); without --out, settle prints JSON lines and audit prints a summary.`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export async function readRecords(file: string): Promise<{ records: RawRecord[]; headers: string[] }> {
  const ext = extname(file).toLowerCase();
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  if (ext === ".jsonl" || ext === ".ndjson" || ext === ".json") {
    const records: RawRecord[] = [];
    data
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .forEach((line, n) => {
        if (line.trim() === "") return;
        try {
          const v = JSON.parse(line);
          records.push(typeof v === "object" && v !== null && !Array.isArray(v) ? v : { __bad: line });
        } catch {
          records.push({ __badJson: `line ${n + 1}: ${line.slice(0, 80)}` });
        }
      });
    return { records, headers: [] };
  }
  if (ext === ".csv") return rowsToRecords(parseCsv(data.toString("utf8")));
  if (ext === ".xlsx") return rowsToRecords(await readXlsx(new Uint8Array(data)));
  throw new UsageError(`Unknown input format ${ext || "(none)"}: use .jsonl, .csv or .xlsx`);
}

function langOf(opts: Args["opts"]): Lang {
  const l = opts.lang ?? "zh";
  if (l !== "zh" && l !== "en") throw new UsageError(`--lang must be zh or en, not ${String(l)}`);
  return l;
}

function problemJson(ps: Problem[], lang: Lang) {
  const p = ps[0]!;
  const e: Record<string, unknown> = { code: p.code, field: p.field ?? null, message: ps.map((x) => x.message[lang]).join(lang === "zh" ? "；" : "; ") };
  if (ps.length > 1) e.problems = ps.map((x) => ({ code: x.code, field: x.field ?? null, message: x.message[lang] }));
  return e;
}

function badJsonProblem(rec: RawRecord): Problem[] | null {
  if ("__badJson" in rec) return [{ code: "bad_json", kind: "input", message: { zh: `不是有效的 JSON：${String(rec.__badJson)}`, en: `Not valid JSON: ${String(rec.__badJson)}` } }];
  if ("__bad" in rec) return [{ code: "bad_json", kind: "input", message: { zh: "每行应是一个 JSON 对象", en: "Each line must be a JSON object" } }];
  return null;
}

/** Validate and settle records; results in input order. */
export function settleRecords(records: readonly RawRecord[], engine: Engine): { id: string; result?: SettlementResult; problems?: Problem[] }[] {
  const out: { id: string; result?: SettlementResult; problems?: Problem[] }[] = [];
  const claims: Claim[] = [];
  const slot: number[] = [];
  records.forEach((rec, i) => {
    const bad = badJsonProblem(rec);
    if (bad) return out.push({ id: `row ${i + 1}`, problems: bad });
    const v = validateClaim(rec, `row ${i + 1}`);
    if (!v.ok) return out.push({ id: v.id ?? `row ${i + 1}`, problems: v.problems });
    slot.push(out.length);
    out.push({ id: v.claim.id });
    claims.push(v.claim);
  });
  const cols = fromClaims(claims);
  const res = allocResults(cols.n);
  engine.settleInto(cols, res);
  claims.forEach((_, j) => {
    const r = resultAt(engine, cols, res, j, []);
    const o = out[slot[j]!]!;
    if (r.ok) o.result = r;
    else o.problems = [r.problem!];
  });
  return out;
}

const AMOUNT_KEYS = ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal"] as const;

async function writeOut(file: string, sheets: { name: string; rows: unknown[][] }[], jsonl?: string[]): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") {
    if (!jsonl) throw new UsageError("This command writes .xlsx or .csv");
    writeFileSync(file, jsonl.join("\n") + "\n");
  } else if (ext === ".csv") writeFileSync(file, toCsv(sheets[0]!.rows));
  else if (ext === ".xlsx")
    writeFileSync(file, await writeXlsx(sheets.map((s) => ({ name: s.name, rows: s.rows, freezeHeader: true, widths: s.rows[0]?.map((_, j) => (j === s.rows[0]!.length - 1 ? 60 : 14)) }))));
  else throw new UsageError(`Unknown output format ${ext || "(none)"}: use .jsonl, .csv or .xlsx`);
}

/** An engine whose registry carries the parameter table given with --params (never loaded silently). */
async function engineFor(args: Args, io: Io, engine: Engine): Promise<Engine> {
  const file = args.opts.params;
  if (file === undefined) return engine;
  if (typeof file !== "string") throw new UsageError("--params needs a file");
  const ext = extname(file).toLowerCase();
  let cells: unknown[][];
  try {
    cells = ext === ".xlsx" ? await readXlsx(new Uint8Array(readFileSync(file))) : ext === ".csv" ? parseCsv(readFileSync(file, "utf8")) : (() => { throw new UsageError(`--params takes .csv or .xlsx, not ${ext}`); })();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const { overrides, problems } = readParamTable(engine.registry, cells);
  if (problems.length) throw new UsageError(`${file}:\n${problems.map((p) => `  row ${p.row}${p.column ? ` (${p.column})` : ""}: ${p.message.en}`).join("\n")}`);
  io.err(`Parameters from ${basename(file)}: ${overrides.length} values${/example/i.test(file) ? " — an EXAMPLE file, not official figures" : ""}`);
  return new Engine(engine.registry.withOverrides(basename(file), overrides));
}

export async function run(argv: string[], io: Io, engine = new Engine(builtinRegistry())): Promise<number> {
  const args = parseArgs(argv);
  try {
    engine = await engineFor(args, io, engine);
    switch (args.cmd) {
      case "settle":
        return await cmdSettle(args, io, engine);
      case "explain":
        return await cmdExplain(args, io, engine);
      case "audit":
        return await cmdAudit(args, io, engine);
      case "emergency":
        return cmdEmergency(args, io);
      case "chronic-code":
        return cmdChronicCode(args, io);
      case "referral":
        return cmdReferral(args, io);
      case "help":
      case "--help":
      case "-h":
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`Unknown command ${args.cmd}\n\n${HELP}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}

function requireIn(args: Args): string {
  const f = args.opts.in;
  if (typeof f !== "string") throw new UsageError("--in FILE is required");
  return f;
}

function warnHeaders(headers: string[], io: Io): void {
  if (!headers.length) return;
  const m = mapHeaders(headers);
  if (m.unknown.length) io.err(`Ignored columns (not claim fields): ${m.unknown.join(", ")}`);
  for (const d of m.duplicates) io.err(`Columns ${d.headers.join(" / ")} all give ${d.field}; a record with both filled is an error`);
}

async function cmdSettle(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const { records, headers } = await readRecords(requireIn(args));
  warnHeaders(headers, io);
  const results = settleRecords(records, engine);
  const jsonl = results.map((r) => JSON.stringify(r.result ? { id: r.id, ...amountsOf(r.result) } : { id: r.id, error: problemJson(r.problems!, lang) }));
  const out = args.opts.out;
  if (typeof out === "string") {
    const head = ["id", ...AMOUNT_KEYS, "error"];
    const rows = [head, ...results.map((r) => (r.result ? [r.id, ...AMOUNT_KEYS.map((k) => amountsOf(r.result!)[k]), ""] : [r.id, ...AMOUNT_KEYS.map(() => ""), problemJson(r.problems!, lang).message]))];
    await writeOut(out, [{ name: "settlement", rows }], jsonl);
    const bad = results.filter((r) => !r.result).length;
    io.err(`${results.length} claims settled, ${bad} with errors → ${out}`);
  } else for (const l of jsonl) io.out(l);
  return 0;
}

async function cmdExplain(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const id = args.opts.id;
  if (typeof id !== "string") throw new UsageError("--id ID is required");
  const { records } = await readRecords(requireIn(args));
  const idx = records.findIndex((r, i) => {
    const v = validateClaim(r, `row ${i + 1}`);
    return (v.ok ? v.claim.id : v.id) === id;
  });
  if (idx < 0) throw new UsageError(`No claim with id ${id}`);
  const v = validateClaim(records[idx]!, `row ${idx + 1}`);
  if (!v.ok) {
    io.out(lang === "zh" ? `报销单 ${id} 的数据有误：` : `Claim ${id} has invalid data:`);
    for (const p of v.problems) io.out(`  - ${p.message[lang]}`);
    return 0;
  }
  const r = engine.settle(v.claim);
  if (!r.ok) {
    io.out(lang === "zh" ? `报销单 ${id} 无法核算：${r.problem!.message.zh}` : `Claim ${id} cannot be settled: ${r.problem!.message.en}`);
    return 0;
  }
  io.out(lang === "zh" ? `报销单 ${id}：${r.rule?.zh ?? ""}` : `Claim ${id}: ${r.rule?.en ?? ""}`);
  for (const line of renderTrace(r.trace, lang)) io.out(line);
  io.out("");
  io.out(lang === "zh" ? "使用的参数版本：" : "Parameter versions used:");
  for (const p of r.params) io.out(`  ${p.id} (${p.label[lang]}) ${lang === "zh" ? "自" : "from"} ${p.from}${p.override ? ` [${p.override}]` : ""}`);
  return 0;
}

async function cmdAudit(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const file = requireIn(args);
  const { records, headers } = await readRecords(file);
  warnHeaders(headers, io);
  const report = auditRecords(records, engine);
  const mask = args.opts.mask !== false;
  const s = report.summary;
  const zh = lang === "zh";
  io.out(zh ? `核查 ${basename(file)}：共 ${s.claims} 笔，一致 ${s.ok}，有差异 ${s.flagged}，错误 ${s.errors}，未申报金额 ${s.unchecked}` : `Audit of ${basename(file)}: ${s.claims} claims, ${s.ok} ok, ${s.flagged} flagged, ${s.errors} errors, ${s.unchecked} without claimed amounts`);
  io.out(zh ? `申报基金支付 ${formatYuan(s.claimedFund)}，核算 ${formatYuan(s.recomputedFund)}，差额 ${formatYuan(s.totalDifference)}` : `Claimed fund payments ${formatYuan(s.claimedFund)}, recomputed ${formatYuan(s.recomputedFund)}, difference ${formatYuan(s.totalDifference)}`);
  for (const r of report.rows) {
    if (r.status !== "flagged" && r.status !== "error") continue;
    const cells = rowCells(r, { lang, mask, numbers: false });
    io.out(`  [${STATUS_TEXT[r.status][lang]}] ${r.id}: ${String(cells[cells.length - 1])}${cells[cells.length - 2] ? ` (${String(cells[cells.length - 2])})` : ""}`);
  }
  const out = args.opts.out;
  if (typeof out === "string") {
    const o = { lang, mask, numbers: true };
    await writeOut(
      out,
      [
        { name: zh ? "核查结果" : "Audit", rows: resultTable(report, extname(out) === ".xlsx" ? o : { ...o, numbers: false }) },
        { name: zh ? "汇总" : "Summary", rows: summaryTable(report, o, basename(file)) },
      ],
      report.rows.map((r) => {
        const cells = rowCells(r, { lang, mask, numbers: false });
        return JSON.stringify({ id: r.id, status: r.status, recomputed: r.result?.ok ? amountsOf(r.result) : null, differences: r.flagged.map((c) => ({ field: c.field, claimed: formatYuan(c.claimed), recomputed: formatYuan(c.recomputed), diff: formatYuan(c.diff) })), reasons: String(cells[cells.length - 1]) });
      }),
    );
    io.err(zh ? `报告已写入 ${out}` : `Report written to ${out}`);
  }
  return 0;
}

function cmdChronicCode(args: Args, io: Io): number {
  const lang = langOf(args.opts);
  const name = args.positional[0] ?? (typeof args.opts.name === "string" ? args.opts.name : undefined);
  if (!name) throw new UsageError("chronic-code NAME: give a disease name or code");
  const a = chronicCode(name);
  const j = { name: a.name, code: a.code, category: a.category, matchedBy: a.matchedBy, alternatives: a.alternatives };
  if (args.opts.json === true) io.out(JSON.stringify(j));
  else {
    io.out(a.code ? `${a.name} → ${a.code} ${a.nationalName ?? ""}（${a.category}）[${a.matchedBy}]` : `${a.name} → ${lang === "zh" ? "无国家代码" : "no national code"}`);
    if (a.reason) io.out(`  ${a.reason[lang]}`);
    if (a.alternatives.length) io.out(`  ${lang === "zh" ? "相近" : "closest"}: ${a.alternatives.map((x) => `${x.name} ${x.code}`).join(", ")}`);
  }
  return 0;
}

if (require.main === module) {
  run(process.argv.slice(2), { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") }).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`yibao: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
