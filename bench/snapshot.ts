/**
 * The before/after check of a refactoring of the engine: freeze what the engine answers for a large
 * seeded set of claims, then compare a later run against it.
 *
 *   npx tsx bench/snapshot.ts --out /tmp/snap-main.jsonl.gz [--n 100000]
 *   npx tsx bench/snapshot.ts --compare /tmp/snap-main.jsonl.gz [--n 100000] [--max 20]
 *
 * Claims: the bench's mixed batch (every scheme, level and cross-region kind, as an auditor's month)
 * and the fuzz suite's well-typed extreme claims (every kernel, every error path: missing dates, no
 * rule, bad findings, malformed hand-built claims, partial settlements), each settled under the
 * built-in parameters and under the example Shenyang base table. For each claim it records every
 * result layer of the batch engine and of the one-claim path, the problem (code, field, both
 * languages), the incomplete layers, the parameter versions used, the trace's step keys and params,
 * and the trace rendered in Chinese and in English. Then the audit rows (status, comparisons, reasons,
 * problems, not-compared) of the sample batch and of mixed claims with claimed amounts, some wrong.
 *
 * One JSON line per record, gzipped; --compare streams both and prints each difference (record id
 * and the first differing field), then the counts. Exit 1 on any difference.
 */
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { createGunzip, createGzip } from "node:zlib";
import { createInterface } from "node:readline";
import { Engine } from "../src/engine/settle";
import { LAYERS, fromClaims } from "../src/engine/columns";
import { builtinRegistry } from "../src/params/builtin";
import { readParamTable } from "../src/params/table";
import { renderTrace } from "../src/trace";
import { AuditRun, type AuditRow } from "../src/audit/audit";
import { parseCsv } from "../io/csv";
import type { Claim } from "../src/claim/claim";
import { claimsOf, mixedClaim, rowsOf, rng } from "./generate";
import { genClaim, Rng } from "../test/fuzz/gen";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg("n") ?? 100_000);
const base = builtinRegistry();
const shenyang = readParamTable(base, parseCsv(readFileSync(join(process.cwd(), "samples", "shenyang-base.EXAMPLE.csv"), "utf8"))).overrides;
const engines: [string, Engine][] = [
  ["builtin", new Engine(base)],
  ["shenyang", new Engine(base.withOverrides("snapshot (example Shenyang base)", shenyang))],
];

/** Amounts as exact strings (NaN and fractions would show). */
const num = (x: number) => (x === x ? String(x) : "NaN");

function* claimRecords(): Generator<[string, unknown]> {
  const mixed = claimsOf(Math.ceil(N * 0.6), 20_261_202, mixedClaim);
  const fuzz: Claim[] = [];
  const r = new Rng(20_261_203);
  for (let i = 0; i < N - mixed.length; i++) fuzz.push(genClaim(r));
  const all = [...mixed, ...fuzz];
  for (const [name, engine] of engines) {
    const cols = fromClaims(all);
    const batch = engine.settleColumns(cols);
    for (let i = 0; i < all.length; i++) {
      const one = engine.settle(all[i]!);
      const rec = {
        batch: [...LAYERS.map((l) => num(batch[l][i]!)), num(batch.policyScope[i]!), num(batch.classBSelfShare[i]!), num(batch.firstPay[i]!), num(batch.threshold[i]!), num(batch.personal[i]!), batch.route[i], num(batch.versionDay[i]!)].join(","),
        batchProblem: batch.problems[i] ? `${batch.problems[i]!.code}|${batch.problems[i]!.field ?? ""}|${batch.problems[i]!.message.zh}|${batch.problems[i]!.message.en}` : null,
        ok: one.ok,
        rule: one.rule,
        versionDate: one.versionDate,
        amounts: [num(one.policyScope), num(one.classBSelfShare), num(one.firstPay), num(one.threshold), ...LAYERS.map((l) => num(one.layers[l])), num(one.personal)].join(","),
        problem: one.problem ?? null,
        incomplete: one.incomplete ?? null,
        params: one.params.map((p) => `${p.id}@${p.from}${p.override ? `~${p.override}` : ""}`),
        steps: one.trace.map((s) => `${s.key}[${s.params.join(" ")}]${s.amount === undefined ? "" : `=${s.amount}`}`),
        zh: renderTrace(one.trace, "zh"),
        en: renderTrace(one.trace, "en"),
      };
      yield [`${name}:${i}:${all[i]!.id}`, rec];
    }
  }
}

function auditRow(row: AuditRow): unknown {
  return {
    status: row.status,
    id: row.id,
    comparisons: row.comparisons.map((c) => JSON.stringify(c)),
    flagged: row.flagged.map((c) => JSON.stringify(c)),
    reasons: row.reasons,
    problems: row.problems,
    duplicateOf: row.duplicateOf ?? null,
    settledTwice: row.settledTwice ?? null,
    notCompared: row.notCompared,
    amounts: row.result ? [num(row.result.policyScope), num(row.result.threshold), ...LAYERS.map((l) => num(row.result!.layers[l])), num(row.result.personal)].join(",") : null,
  };
}

function* auditRecordsOut(): Generator<[string, unknown]> {
  const sample = parseCsv(readFileSync(join(process.cwd(), "samples", "lanzhou-claims.csv"), "utf8"));
  // Mixed claims with claimed amounts: right, off by a little, off by a known mistake's amount.
  const n = Math.min(20_000, N);
  const { header, rows } = rowsOf(n, 20_261_204, mixedClaim);
  const r = rng(20_261_205);
  const claimedCol = header.indexOf("claimedPooled");
  const thresholdCol = header.indexOf("claimedThreshold");
  const pre = engines[0]![1].settleColumns(fromClaims(claimsOf(n, 20_261_204, mixedClaim)));
  rows.forEach((row, i) => {
    const pooled = pre.pooled[i]!;
    if (pooled !== pooled) return;
    const x = r();
    row[claimedCol] = ((pooled + (x < 0.6 ? 0 : x < 0.8 ? 1 + Math.floor(r() * 50_000) : -Math.floor(r() * pooled))) / 100).toFixed(2);
    if (r() < 0.3) row[thresholdCol] = (pre.threshold[i]! / 100 + (r() < 0.5 ? 0 : 100)).toFixed(2);
  });
  for (const [name, engine] of engines) {
    const s = new AuditRun(sample[0]!, sample.slice(1), { engine }).finish();
    for (const row of s.rows) yield [`audit-sample:${name}:${row.index}`, auditRow(row)];
    yield [`audit-sample:${name}:summary`, { summary: s.summary, notes: s.notes }];
    const m = new AuditRun(header, rows, { engine }).finish();
    for (const row of m.rows) yield [`audit-mixed:${name}:${row.index}`, auditRow(row)];
    yield [`audit-mixed:${name}:summary`, { summary: m.summary, notes: m.notes }];
  }
}

function* everything(): Generator<string> {
  for (const [id, rec] of claimRecords()) yield JSON.stringify([id, rec]);
  for (const [id, rec] of auditRecordsOut()) yield JSON.stringify([id, rec]);
}

async function write(file: string): Promise<void> {
  const gz = createGzip();
  const done = new Promise<void>((ok, fail) => gz.pipe(createWriteStream(file)).on("finish", ok).on("error", fail));
  let n = 0;
  for (const line of everything()) {
    if (!gz.write(line + "\n")) await new Promise((ok) => gz.once("drain", ok));
    n++;
  }
  gz.end();
  await done;
  console.log(`${n} records written to ${file}`);
}

/** The first path where two JSON values differ, with both sides. */
function firstDiff(a: unknown, b: unknown, path = ""): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || "."}:\n      was ${JSON.stringify(a)}\n      now ${JSON.stringify(b)}`;
}

async function compare(file: string): Promise<number> {
  const max = Number(arg("max") ?? 20);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const now = everything();
  let n = 0;
  let diffs = 0;
  const byField = new Map<string, number>();
  for (;;) {
    const [was, cur] = [await lines.next(), now.next()];
    if (was.done && cur.done) break;
    n++;
    if (was.done || cur.done) {
      console.log(`record ${n}: ${was.done ? "only in the new run" : "only in the snapshot"}`);
      diffs++;
      continue;
    }
    const [idA, recA] = JSON.parse(was.value) as [string, unknown];
    const [idB, recB] = JSON.parse(cur.value) as [string, unknown];
    const d = idA !== idB ? `id: was ${idA}, now ${idB}` : firstDiff(recA, recB);
    if (!d) continue;
    diffs++;
    const field = d.split(/[:.[]/).filter(Boolean)[0] ?? "?";
    byField.set(field, (byField.get(field) ?? 0) + 1);
    if (diffs <= max) console.log(`${idA}  ${d}`);
  }
  console.log(`\n${n} records compared, ${diffs} differ${diffs ? ` (by first field: ${[...byField].map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`);
  return diffs ? 1 : 0;
}

async function main(): Promise<void> {
  const out = arg("out");
  const cmp = arg("compare");
  if (out) await write(out);
  else if (cmp) process.exitCode = await compare(cmp);
  else {
    console.error("usage: npx tsx bench/snapshot.ts --out FILE.jsonl.gz | --compare FILE.jsonl.gz [--n 100000]");
    process.exitCode = 2;
  }
}
void main();
