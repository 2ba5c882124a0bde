/** The vitest side of the fuzz suite: run a slice of a target, fail with the seed and a replay command. */
import { expect } from "vitest";
import { newStats, runTarget, type Failure, type Stats, type Target } from "./checks";
import { seedFromEnv } from "./gen";

export const SEED = seedFromEnv();

export function describeFailures(seed: number, failures: readonly Failure[]): string {
  return [
    `fuzz failures with FUZZ_SEED=${seed} (replay one: npx tsx scripts/fuzz.ts --replay <target>:<caseSeed>)`,
    ...failures.slice(0, 10).map((f) => `- ${f.target} #${f.index} caseSeed ${f.caseSeed} (--replay ${f.target}:${f.caseSeed})\n  ${f.message}\n  input: ${f.input.slice(0, 2000)}`),
    failures.length > 10 ? `… and ${failures.length - 10} more` : "",
  ].join("\n");
}

/** Run `n` inputs of a target (from index `from`), expect no failure; returns the stats. */
export function fuzz(target: Target, n: number, from = 0): Stats {
  const stats = newStats();
  const failures: Failure[] = [];
  const ran = runTarget(target, { seed: SEED, n, from, maxFailures: 25 }, stats, (f) => failures.push(f));
  if (failures.length) console.error(describeFailures(SEED, failures));
  expect(failures.length, describeFailures(SEED, failures)).toBe(0);
  expect(ran).toBe(n);
  return stats;
}
