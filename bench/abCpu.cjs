/**
 * A/B of engine builds in one Node process, in CPU time (for a machine other work keeps busy, where the
 * wall-clock bench's batch / float swings with the load): each build's Engine settles the bench's 1e5
 * employee-band and 1e5 mixed claims (example Shenyang base table), the builds alternated, 15 rounds of
 * 5 runs, medians; the bench's plain float loop beside them.
 *
 *   npx tsc -p tsconfig.bench.json --outDir /tmp/a      (one build; check out the other, --outDir /tmp/b)
 *   node bench/abCpu.cjs /tmp/a /tmp/b                  (from the repository: samples/ is read from here)
 */

const builds = process.argv.slice(2);
const eng = builds.map((dir) => {
  const d = require("path").resolve(dir);
  const { Engine } = require(d + "/src/engine/settle.js");
  const { builtinRegistry } = require(d + "/src/params/builtin.js");
  const { readParamTable } = require(d + "/src/params/table.js");
  const { parseCsv } = require(d + "/io/csv.js");
  const g = require(d + "/bench/generate.js");
  const cols = require(d + "/src/engine/columns.js");
  const fs = require("fs");
  const base = builtinRegistry();
  let reg = base;
  try {
    const cells = parseCsv(fs.readFileSync(require("path").join(process.cwd(), "samples", "shenyang-base.EXAMPLE.csv"), "utf8"));
    reg = base.withOverrides("bench", readParamTable(base, cells).overrides);
  } catch (e) { console.error("no shenyang table", e.message); }
  const e = new Engine(reg);
  const emp = g.columnsOf(100000, 1, g.employeeBandClaim);
  const mix = g.columnsOf(100000, 2, g.mixedClaim);
  return { d, e, emp, mix, eo: cols.allocResults(emp.n), mo: cols.allocResults(mix.n) };
});
function cpu(f, reps) { const a = process.cpuUsage(); for (let r = 0; r < reps; r++) f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000 / reps; }
for (const x of eng) for (let w = 0; w < 5; w++) { x.e.settleInto(x.emp, x.eo); x.e.settleInto(x.mix, x.mo); }
const res = eng.map(() => ({ emp: [], mix: [] }));
for (let round = 0; round < 15; round++)
  eng.forEach((x, k) => { res[k].emp.push(cpu(() => x.e.settleInto(x.emp, x.eo), 5)); res[k].mix.push(cpu(() => x.e.settleInto(x.mix, x.mo), 5)); });
const T = [200, 400, 1000, 1400];
const RATES = [[0.88, 0.92, 0.96], [0.91, 0.94, 0.97]];
function floatLoop(c, out) {
  for (let i = 0; i < c.n; i++) {
    const total = c.total[i] / 100; const ooc = c.outOfCatalog[i] / 100;
    const e = total - ooc - (c.classB[i] / 100) * 0.1; const k = c.admissionIndex[i];
    const t = T[c.hospitalLevel[i]] * Math.max(1 - 0.2 * (k - 1), 0.5); const r = RATES[c.personType[i]];
    let pay = 0;
    if (e > t) pay += (Math.min(e, 10000) - t) * r[0];
    if (e > 10000) pay += (Math.min(e, 20000) - 10000) * r[1];
    if (e > 20000) pay += (Math.min(e, 60000) - 20000) * r[2];
    const room = Math.max(60000 - c.ytdFundPaid[i] / 100, 0); const pooled = Math.min(pay, room);
    const large = e > 60000 ? (e - 60000) * 0.9 : 0;
    out.scope[i] = Math.round(e * 100); out.threshold[i] = Math.round(t * 100); out.pooled[i] = Math.round(pooled * 100); out.large[i] = Math.round(large * 100); out.personal[i] = Math.round((total - ooc - pooled - large) * 100);
  }
}
const fo = { scope: new Float64Array(1e5), threshold: new Float64Array(1e5), pooled: new Float64Array(1e5), large: new Float64Array(1e5), personal: new Float64Array(1e5) };
for (let w = 0; w < 5; w++) floatLoop(eng[0].emp, fo);
const fl = [];
for (let round = 0; round < 15; round++) fl.push(cpu(() => floatLoop(eng[0].emp, fo), 5));
const med = (a) => { const s = [...a].sort((p, q) => p - q); return s[s.length >> 1]; };
console.log("float loop 1e5:", med(fl).toFixed(2), "ms CPU");
eng.forEach((x, k) => console.log(x.d, "batch/float", (med(fl) / med(res[k].emp)).toFixed(3), "employee-band 1e5:", med(res[k].emp).toFixed(2), "ms CPU", "mixed 1e5:", med(res[k].mix).toFixed(2), "ms CPU", "(min", Math.min(...res[k].emp).toFixed(2), Math.min(...res[k].mix).toFixed(2) + ")"));
