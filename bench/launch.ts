/**
 * The small process that starts and times a benchmarked run, as a shell would: the bench spawns
 * `node dist/bench/launch.js <timing file> <timeout ms> <command> <args…>`, this starts the command with
 * its own stdin, stdout and stderr, and writes the run's wall-clock time, exit code and signal to the
 * timing file.
 *
 * Why not time the run from the bench's own process: a process forks at a cost that grows with its
 * memory (its page tables are copied), and the bench holds the batches it checks the reports against,
 * gigabytes after the 1e6-row runs. Measured here: `node -e 0` spawned from a process holding 2 GB
 * took 141–148 ms, from one holding 10 MB 55–72 ms; the 1e5-row settle measured in the full bench
 * 0.57 s against 0.45 s from a shell. A user's shell is a small process: so is this one, and the
 * bench's fork of it happens before the clock starts.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const [timing, timeout, cmd, ...args] = process.argv.slice(2);
if (!timing || !timeout || !cmd) {
  process.stderr.write("usage: node launch.js <timing file> <timeout ms> <command> [args…]\n");
  process.exit(2);
}
const t0 = performance.now();
const r = spawnSync(cmd, args, { stdio: "inherit", timeout: Number(timeout) });
const ms = performance.now() - t0;
const error = r.error ? String((r.error as NodeJS.ErrnoException).code ?? r.error.message) : null;
writeFileSync(timing, JSON.stringify({ ms, status: r.status, signal: r.signal ?? error }));
process.exit(r.status ?? 1);
