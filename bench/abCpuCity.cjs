/**
 * A/B of engine builds on Shenyang's inpatient rule alone, in CPU time (as bench/abCpu.cjs, whose mixed
 * batch holds these claims among the others, about 11 %): the mixed batch's own Shenyang claims
 * (referral and temporary care, every one settled under the example base table), 1e5 of them, each
 * build's Engine, the builds alternated, 15 rounds of 5 runs, medians. The builds must answer alike.
 *
 *   npx tsc -p tsconfig.bench.json --outDir /tmp/a      (one build; check out the other, --outDir /tmp/b)
 *   node bench/abCpuCity.cjs /tmp/a /tmp/b              (from the repository: samples/ is read from here)
 */
const path = require("path");
const fs = require("fs");
const eng = process.argv.slice(2).map((dir) => {
  const d = path.resolve(dir);
  const { Engine } = require(d + "/src/engine/settle.js");
  const { builtinRegistry } = require(d + "/src/params/builtin.js");
  const { readParamTable } = require(d + "/src/params/table.js");
  const { parseCsv } = require(d + "/io/csv.js");
  const g = require(d + "/bench/generate.js");
  const cols = require(d + "/src/engine/columns.js");
  const base = builtinRegistry();
  const cells = parseCsv(fs.readFileSync(path.join(process.cwd(), "samples", "shenyang-base.EXAMPLE.csv"), "utf8"));
  const e = new Engine(base.withOverrides("bench", readParamTable(base, cells).overrides));
  const sy = cols.fromClaims(g.claimsOf(1_000_000, 2, g.mixedClaim).filter((c) => c.insuredPlace === "shenyang").slice(0, 100_000));
  return { d, e, sy, out: cols.allocResults(sy.n) };
});
function cpu(f, reps) { const a = process.cpuUsage(); for (let r = 0; r < reps; r++) f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000 / reps; }
for (const x of eng) for (let w = 0; w < 5; w++) x.e.settleInto(x.sy, x.out);
for (const x of eng.slice(1))
  for (const col of ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "personal"])
    for (let i = 0; i < x.sy.n; i++) if (!Object.is(x.out[col][i], eng[0].out[col][i])) throw new Error(`${x.d} and ${eng[0].d} differ: claim ${i} ${col}`);
const res = eng.map(() => []);
for (let round = 0; round < 15; round++) eng.forEach((x, k) => res[k].push(cpu(() => x.e.settleInto(x.sy, x.out), 5)));
const med = (a) => { const s = [...a].sort((p, q) => p - q); return s[s.length >> 1]; };
eng.forEach((x, k) => {
  let settled = 0;
  for (let i = 0; i < x.sy.n; i++) if (!x.out.problems[i]) settled++;
  console.log(x.d, `Shenyang inpatient ${x.sy.n}:`, med(res[k]).toFixed(2), "ms CPU (min", Math.min(...res[k]).toFixed(2) + ")", `${settled} settled`);
});
