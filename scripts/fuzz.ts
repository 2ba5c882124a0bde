/**
 * The long fuzz run: the generators and checks of test/fuzz, one million inputs by default.
 *
 *   npx tsx scripts/fuzz.ts [--n 1000000] [--seed S] [--target claims,engine,…] [--max-failures 50]
 *   npx tsx scripts/fuzz.ts --replay claims:123456789      (one failing case, by its case seed)
 *
 * Prints the counts (accepted, rejected by field, settlement problems, no-rule, cells by kind …) and
 * every failure with its target, index, case seed and input; exits 1 on any failure.
 */
import { TARGETS, newStats, replay, runTarget, show, type Failure, type Stats, type Target } from "../test/fuzz/checks";
import { seedFromEnv } from "../test/fuzz/gen";

/** Share of the inputs per target (the CI suite uses about the same mix). */
const WEIGHTS: Record<Target, number> = { claims: 0.4, engine: 0.15, findings: 0.15, lookups: 0.15, functions: 0.15 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : undefined;
}

function printFailure(f: Failure): void {
  console.log(`FAIL ${f.target} #${f.index} caseSeed ${f.caseSeed} (replay: npx tsx scripts/fuzz.ts --replay ${f.target}:${f.caseSeed})`);
  console.log(`  ${f.message.split("\n").join("\n  ")}`);
  console.log(`  input: ${f.input.length > 4000 ? f.input.slice(0, 4000) + "…" : f.input}`);
}

function top(o: Record<string, number>, n = 40): string {
  return Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${k.padEnd(32)} ${v}`)
    .join("\n");
}

function report(seed: number, stats: Stats, failures: number, ms: number): void {
  const total = Object.values(stats.inputs).reduce((a, b) => a + b, 0);
  console.log(`\nseed ${seed}: ${total} inputs in ${(ms / 1000).toFixed(1)} s, ${failures} failure(s)`);
  console.log(`  inputs by target:\n${top(stats.inputs)}`);
  console.log(`  claims accepted ${stats.accepted}, rejected ${stats.rejected}`);
  console.log(`  rejected by field (a record may name several):\n${top(stats.rejectedByField)}`);
  console.log(`  settled ok ${stats.settledOk}, no-rule ${stats.noRule}, batches ${stats.batches}`);
  console.log(`  settlement refused for missing / bad input, by field:\n${top(stats.settleInput)}`);
  console.log(`  findings: ${show(stats.findings)}; lookups ${stats.lookups}`);
  console.log(`  custom-function cells by kind: ${show(stats.cells)}`);
  if (Object.keys(stats.knownBugs).length) console.log(`  known bugs hit (not failures; see test/fuzz/known.test.ts): ${show(stats.knownBugs)}`);
}

function main(): number {
  const rep = arg("replay");
  if (rep) {
    const [t, s] = rep.split(":");
    if (!TARGETS.includes(t as Target) || !/^\d+$/.test(s ?? "")) throw new Error(`--replay <target>:<caseSeed>, target one of ${TARGETS.join(", ")}`);
    let n = 0;
    replay(t as Target, Number(s), (f) => {
      n++;
      printFailure(f);
    });
    console.log(n ? `${n} failure(s)` : "no failure");
    return n ? 1 : 0;
  }
  const n = Number(arg("n") ?? 1_000_000);
  const seedArg = arg("seed");
  const seed = seedArg !== undefined ? seedFromEnv({ FUZZ_SEED: seedArg }) : seedFromEnv();
  const targets = (arg("target")?.split(",") ?? [...TARGETS]) as Target[];
  for (const t of targets) if (!TARGETS.includes(t)) throw new Error(`unknown target ${t}`);
  const maxFailures = Number(arg("max-failures") ?? 50);
  if (!Number.isInteger(n) || n < 1) throw new Error("--n must be a positive integer");
  const weight = targets.reduce((a, t) => a + WEIGHTS[t], 0);
  const stats = newStats();
  let failures = 0;
  const t0 = performance.now();
  console.log(`fuzz: seed ${seed}, ${n} inputs over ${targets.join(", ")}`);
  for (const t of targets) {
    const m = Math.round((n * WEIGHTS[t]) / weight);
    const chunk = 50_000;
    for (let from = 0; from < m && failures < maxFailures; from += chunk) {
      runTarget(t, { seed, n: Math.min(chunk, m - from), from, maxFailures: maxFailures - failures }, stats, (f) => {
        failures++;
        printFailure(f);
      });
      process.stdout.write(`  ${t}: ${Math.min(from + chunk, m)}/${m} (${((performance.now() - t0) / 1000).toFixed(0)} s)\r`);
    }
    process.stdout.write("\n");
  }
  report(seed, stats, failures, performance.now() - t0);
  return failures ? 1 : 0;
}

process.exitCode = main();
