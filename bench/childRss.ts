/**
 * Preloaded into a benchmarked child (`node --require dist/bench/childRss.js …`) when /usr/bin/time is
 * not there: on exit it writes the process's peak resident memory (maxRSS, KiB) to the file named by
 * YIBAO_BENCH_RSS. A child killed before it exits reports nothing, and the bench says so.
 */
import { writeFileSync } from "node:fs";

const file = process.env.YIBAO_BENCH_RSS;
if (file)
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
