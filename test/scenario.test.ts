/** What a reform costs: baseline and scenario totals by group add up to the per-claim results. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { comparisonTable, compareBy, DIMENSIONS, prepareBatch, settleBatch } from "../src/scenario/compare";
import { Engine } from "../src/engine/settle";
import { builtinRegistry } from "../src/params/builtin";
import { LAYERS } from "../src/engine/columns";
import { engine } from "./helpers/claims";
import { readParamTable } from "../src/params/table";

const rows = parseCsv(readFileSync(join(__dirname, "../samples/lanzhou-claims.csv"), "utf8"));
const b = prepareBatch(rows[0]!, rows.slice(1));
const base = settleBatch(engine, b);
// L 一、(二)2: in-service employees' band above 10 000 at 92 %; the scenario pays 95 %
const scenario = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 1_000_000, value: 9500 }]));
const scen = settleBatch(scenario, b);

describe("compareBy", () => {
  it.each(DIMENSIONS)("by %s: the groups add up to the total, and the total to the claims", (d) => {
    const c = compareBy(b, base, scen, d);
    const fund = (r: typeof base) => {
      let s = 0;
      for (let i = 0; i < b.cols.n; i++) if (!r.problems[i]) for (const l of LAYERS) s += r[l][i]!;
      return s;
    };
    expect(c.total.baseline.fund).toBe(fund(base));
    expect(c.total.scenario.fund).toBe(fund(scen));
    expect(c.groups.reduce((a, g) => a + g.baseline.fund, 0)).toBe(c.total.baseline.fund);
    expect(c.groups.reduce((a, g) => a + g.scenario.n + g.scenario.failed, 0)).toBe(b.cols.n);
  });
  it("a higher in-service band ratio costs the employee fund more and residents nothing", () => {
    const c = compareBy(b, base, scen, "scheme");
    const emp = c.groups.find((g) => g.key === "employee")!;
    const res = c.groups.find((g) => g.key === "resident")!;
    expect(emp.scenario.fund).toBeGreaterThan(emp.baseline.fund);
    expect(emp.scenario.personal).toBeLessThan(emp.baseline.personal);
    expect(res.scenario.fund).toBe(res.baseline.fund);
  });
  it("rows the validator rejects are counted apart, never guessed", () => {
    expect(b.invalid).toBe(3); // LZ2020-030 (2020-02-30), -031 (parts above the total), -032 (three decimals)
  });
  it("a row of blank cells is not a claim (as in the audit): neither settled nor counted as invalid", () => {
    const withBlank = prepareBatch(rows[0]!, [...rows.slice(1), rows[0]!.map(() => "  ")]);
    expect(withBlank.cols.n).toBe(b.cols.n);
    expect(withBlank.invalid).toBe(3);
  });
  it("as a table: a header, one row per group, the total last, amounts in yuan", () => {
    const t = comparisonTable(compareBy(b, base, scen, "scheme"), "zh");
    expect(t[0]![0]).toBe("险种");
    expect(t.at(-1)![0]).toBe("合计");
    expect(t.at(-1)![4]).toBe((compareBy(b, base, scen, "scheme").total.scenario.fund - compareBy(b, base, scen, "scheme").total.baseline.fund) / 100);
  });
  it("re-running into reused columns gives what fresh columns give", () => {
    const out = settleBatch(engine, b);
    settleBatch(scenario, b, out);
    expect(compareBy(b, base, out, "scheme")).toEqual(compareBy(b, base, scen, "scheme"));
  });
});

// ---------------------------------------------------------------------------------------------
// A person's year re-settled in order under the scenario (src/scenario/year.ts)

import { prepareClaims, settleScenario } from "../src/scenario/compare";
import { ledgerGaps } from "../src/scenario/year";
import { settleInOrder } from "../src/engine/year";
import { typedClaim } from "./helpers/claims";
import { parseDay } from "../src/dates";
import type { Claim } from "../src/claim/claim";
import { capLimited, capLimitedChanged, impactBy, binOf } from "../src/scenario/impact";
import { readWeights, weightOf } from "../src/scenario/weights";
import { readTyped } from "../src/scenario/input";

const d = (s: string) => parseDay(s)!;
/** A Lanzhou in-service employee's inpatient stay at a 3A hospital (L 职工 三、(四): threshold 1 400, cap 60 000). */
const stay = (o: Partial<Claim>): Claim => typedClaim({ hospitalLevel: "3A", admissionIndex: 1, settlementDate: d("2020-06-01"), ...o });
// L 一、(二)2 bands: 88 % in service up to 10 000, 92 % to 20 000, 96 % to 60 000; the scenario pays 95 % on the last band
const richer = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.bands", key: "in_service", bracket: 2_000_000, value: 9900 }]));

/** The claims of one person with the year-to-date figures a consistent ledger gives (settled in order under the baseline). */
function ledger(claims: Claim[]): Claim[] {
  const settled = settleInOrder(engine, claims.map((c) => ({ ...c, ytdFundPaid: claims[0]!.ytdFundPaid })));
  return settled.map((s) => s.claim);
}

describe("a person's year under a scenario", () => {
  const p1 = ledger([
    stay({ id: "A1", idNumber: "620102198001011234", total: 5_000_000, settlementDate: d("2020-04-10") }),
    stay({ id: "A2", idNumber: "620102198001011234", total: 1_000_000, settlementDate: d("2020-05-01"), admissionIndex: 2 }),
    stay({ id: "A3", idNumber: "620102198001011234", total: 2_000_000, settlementDate: d("2020-09-01"), admissionIndex: 3 }),
  ]);
  const other = stay({ id: "B1", idNumber: "620102199001011234", total: 2_500_000 });

  it("the baseline is each claim as the file gives it; the scenario carries the earlier claims' change into the later ones (L 三、(四) 2. annual cap 60 000)", () => {
    const b = prepareClaims([p1[2]!, other, p1[0]!, p1[1]!]); // rows out of order: the dates decide
    expect(b.links.identity).toBe("idNumber");
    expect(b.links.people).toBe(1);
    expect(b.links.later).toBe(2);
    const base = settleBatch(engine, b);
    const { res, year } = settleScenario(richer, b, base);
    // the same as settling the person's year in order under the scenario
    const expected = settleInOrder(richer, p1.map((c, i) => (i === 0 ? c : { ...c, ytdFundPaid: p1[0]!.ytdFundPaid })));
    const at = (id: string) => b.cols.ids.indexOf(id);
    for (const e of expected) expect(res.pooled[at(e.claim.id)]).toBe(e.result.layers.pooled);
    for (const e of expected) expect(year.ytdFundPaid[at(e.claim.id)]).toBe(e.claim.ytdFundPaid);
    // the cap binds on the third stay: the richer first stays leave less room, so it pays less
    expect(res.pooled[at("A3")]).toBeLessThan(settleBatch(richer, b).pooled[at("A3")]!);
    expect(year.carried).toBe(2);
    // the other person is untouched by it
    expect(res.pooled[at("B1")]).toBe(settleBatch(richer, b).pooled[at("B1")]);
  });
  it("a scenario equal to the baseline changes nothing", () => {
    const b = prepareClaims(p1);
    const base = settleBatch(engine, b);
    const { res, year } = settleScenario(engine, b, base);
    expect(Array.from(res.pooled)).toEqual(Array.from(base.pooled));
    expect(year.carried).toBe(0);
  });
  it("without ID numbers a person is the name with the insured place and scheme; two person types under one name are not linked", () => {
    const named = p1.map((c) => ({ ...c, idNumber: undefined, name: "王某" }));
    expect(prepareClaims(named).links).toMatchObject({ identity: "name", people: 1, later: 2 });
    const clash = [named[0]!, { ...named[1]!, personType: "retired" as const }, named[2]!];
    const l = prepareClaims(clash).links;
    expect(l.people).toBe(0);
    expect(l.unlinked).toEqual([{ reason: "sameName", claims: 3, example: "A1" }]);
  });
  it("a claim without the identifying value is not linked, and neither are figures that go down in date order", () => {
    const l = prepareClaims([p1[0]!, { ...p1[1]!, idNumber: undefined }]).links;
    expect(l.unlinked).toEqual([{ reason: "noIdentity", claims: 1, example: "A2" }]);
    const down = prepareClaims([p1[0]!, p1[2]!, { ...p1[1]!, ytdFundPaid: 7_000_000 }]).links;
    expect(down.unlinked[0]).toMatchObject({ reason: "ytdOrder", claims: 3 });
    expect(prepareClaims([{ ...p1[0]!, idNumber: undefined }]).links.identity).toBe("none");
  });
  it("a ledger that leaves out the person's earlier claims in the batch is named", () => {
    const gap = [p1[0]!, { ...p1[1]!, ytdFundPaid: 0 }];
    const b = prepareClaims(gap);
    expect(ledgerGaps(b.cols, b.links, settleBatch(engine, b))).toEqual({ claims: 1, example: "A2" });
    const ok = prepareClaims(p1);
    expect(ledgerGaps(ok.cols, ok.links, settleBatch(engine, ok)).claims).toBe(0);
  });
  it("the sample: person 620103195202045641 has two claims (LZ2020-001 and its duplicate -034) and is linked; nothing else is", () => {
    expect(b.links).toMatchObject({ identity: "idNumber", people: 1, later: 1 });
  });
});

describe("who gains and who loses", () => {
  it("counts by group, the distribution of the change in personal burden, and the claims a cap now limits", () => {
    // A1 near the cap: 60 000 bands pay; the 99 % band pushes A2 into the cap sooner
    const p = ledger([stay({ id: "A1", idNumber: "1", total: 4_000_000, settlementDate: d("2020-04-10") }), stay({ id: "A2", idNumber: "1", total: 4_000_000, settlementDate: d("2020-05-01"), admissionIndex: 2 })]);
    const small = stay({ id: "S", idNumber: "2", total: 500_000 });
    const bb = prepareClaims([...p, small]);
    const base = settleBatch(engine, bb);
    const { res, year } = settleScenario(richer, bb, base);
    const capB = capLimited(engine, bb.cols, base);
    const capS = capLimited(richer, bb.cols, res, year.ytdFundPaid);
    const im = impactBy(bb, base, res, capB, capS, "scheme");
    const at = (id: string) => bb.cols.ids.indexOf(id);
    const dp = (id: string) => res.personal[at(id)]! - base.personal[at(id)]!;
    expect(dp("A1")).toBeLessThan(0); // pays less at 99 %
    expect(dp("S")).toBe(0); // 5 000 never reaches the 20 000 band
    expect(im.total.gain + im.total.lose + im.total.same).toBe(3);
    expect(im.total.same).toBe(1);
    expect(im.total.change).toBe(dp("A1") + dp("A2") + dp("S"));
    expect(im.bins.same).toBe(1);
    expect(im.bins[binOf(dp("A1"))]).toBeGreaterThanOrEqual(1);
    expect(capB[at("A2")]).toBe(1); // 76 000 of bands in two stays: the cap binds already
    expect(capB[at("A1")]).toBe(0);
    expect(capB[at("S")]).toBe(0);
    expect(im.largest[0]!.id).toMatch(/^A/);
  });
  it("a lower threshold lets claims below the old one in (L 三、(四) 1.)", () => {
    const low = new Engine(builtinRegistry().withOverrides("t", [{ id: "lanzhou.employee.inpatient.threshold", key: "3A", value: 100_000 }]));
    const bb = prepareClaims([stay({ id: "X", total: 120_000 }), stay({ id: "Y", total: 80_000 })]);
    const base = settleBatch(engine, bb);
    const scen = settleBatch(low, bb);
    const im = impactBy(bb, base, scen, new Uint8Array(2), new Uint8Array(2), "hospitalLevel");
    expect(im.total.thresholdIn).toBe(1); // 1 200 is above 1 000 but not 1 400
    expect(im.groups.map((g) => g.key)).toEqual(["3A"]);
  });
});

describe("weights gross a sample up", () => {
  it("reads positive decimals (full-width too) and refuses blanks, zeros and text with their rows", () => {
    expect(weightOf(20)).toBe(20_000_000);
    expect(weightOf("２０.5")).toBe(20_500_000);
    expect(weightOf("0")).toBeNull();
    expect(weightOf("")).toBeNull();
    expect(weightOf("-1")).toBeNull();
    expect(weightOf("1e3")).toBeNull();
    expect(weightOf("1.0000001")).toBeNull();
    const r = readWeights(["w"], [[2], [""], ["x"]], Int32Array.from([0, 1, 2]), "w", (i) => `第 ${i + 2} 行`);
    expect(r).toEqual({ ok: false, count: 2, problems: [{ row: "第 3 行", value: "" }, { row: "第 4 行", value: "x" }] });
  });
  it("weighted totals are Σ weight × amount, exact, rounded once", () => {
    const w = readWeights(rows[0]!.concat("权重"), rows.slice(1).map((r, i) => r.concat(i % 2 ? "2.5" : "1")), b.sourceRow, "权重", String);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    const c = compareBy(b, base, scen, "scheme", w.weights);
    let exact = 0n;
    for (let i = 0; i < b.cols.n; i++) if (!base.problems[i]) for (const l of LAYERS) exact += BigInt(base[l][i]!) * w.weights.big[i]!;
    expect(c.total.baseline.fund).toBe(Number((exact * 2n + 1_000_000n) / 2_000_000n));
    expect(c.weighted).toBe(true);
    const plain = compareBy(b, base, scen, "scheme");
    expect(c.total.baseline.weight).toBeGreaterThan(plain.total.baseline.weight);
    expect(c.total.baseline.n).toBe(plain.total.baseline.n);
  });
});

describe("what an analyst types into a parameter", () => {
  it("ratios: 0.83, .83, 83%, full-width digits; a bare 83 asks; a decimal comma is refused", () => {
    for (const t of ["0.83", ".83", "83%", "83 %", "０.８３", "８３％", " 0.83 "]) expect(readTyped("ratio", t), t).toEqual({ kind: "ok", value: "0.83" });
    expect(readTyped("ratio", "83")).toEqual({ kind: "ask", value: "0.83", percent: "83%" });
    expect(readTyped("ratio", "83", { bareAsPercent: true })).toEqual({ kind: "ok", value: "0.83" });
    expect(readTyped("ratio", "83", { bareAsPercent: false })).toMatchObject({ kind: "error", key: "pane.input.ratioNotPercent" });
    expect(readTyped("ratio", "0,83")).toMatchObject({ kind: "error", key: "pane.input.decimalComma", params: { value: "0.83" } });
    expect(readTyped("ratio", "0.9l")).toMatchObject({ kind: "error", key: "pane.input.ratio" });
    expect(readTyped("ratio", "1")).toEqual({ kind: "ok", value: "1" });
    expect(readTyped("ratio", "101%")).toMatchObject({ kind: "error", key: "pane.input.ratioRange" });
    expect(readTyped("ratio", "0.12345")).toMatchObject({ kind: "error", key: "pane.input.ratioDecimals" });
    expect(readTyped("ratio", "-0.1")).toMatchObject({ kind: "error", key: "pane.input.negative" });
    expect(readTyped("ratio", "")).toMatchObject({ kind: "error", key: "pane.input.empty" });
  });
  it("amounts, changes of a ratio, multiples and counts", () => {
    expect(readTyped("CNY", "1,400")).toEqual({ kind: "ok", value: "1400" });
    expect(readTyped("CNY", "１４００元")).toEqual({ kind: "ok", value: "1400" });
    expect(readTyped("CNY", "1400.555")).toMatchObject({ kind: "error", key: "pane.input.amountDecimals" });
    expect(readTyped("CNY", "14o0")).toMatchObject({ kind: "error", key: "pane.input.amount" });
    expect(readTyped("points", "-0.10")).toEqual({ kind: "ok", value: "-0.1" });
    expect(readTyped("points", "5个百分点")).toEqual({ kind: "ok", value: "0.05" });
    expect(readTyped("points", "−10%")).toEqual({ kind: "ok", value: "-0.1" });
    expect(readTyped("factor", "2.5倍")).toEqual({ kind: "ok", value: "2.5" });
    expect(readTyped("years", "5年")).toEqual({ kind: "ok", value: "5" });
    expect(readTyped("months", "2.5")).toMatchObject({ kind: "error", key: "pane.input.whole" });
  });
  it("every canonical value reads back through the parameter table as the same number", () => {
    const reg = builtinRegistry();
    const cells = [["parameter", "key", "value"], ["lanzhou.employee.inpatient.threshold", "3A", readTyped("CNY", "1,000.00").kind === "ok" ? "1000.00" : ""], ["lanzhou.classBSelfShare", "", (readTyped("ratio", "８％") as { value: string }).value]];
    const r = readParamTable(reg, cells);
    expect(r.problems).toEqual([]);
    expect(r.overrides.map((o) => o.value)).toEqual([100_000, 800]);
  });
});

describe("cap flags of a scenario", () => {
  it("settling only the claims the scenario changed gives what settling them all gives", () => {
    const richerSample = settleScenario(richer, b, base);
    const capB = capLimited(engine, b.cols, base);
    const all = capLimited(richer, b.cols, richerSample.res, richerSample.year.ytdFundPaid);
    const changed = capLimitedChanged(richer, b.cols, base, capB, richerSample.res, richerSample.year.ytdFundPaid);
    expect(Array.from(changed)).toEqual(Array.from(all));
    // the sample's LZ2020-006 (48 500 already paid of the 60 000 cap) is limited by the cap
    expect(capB[b.cols.ids.indexOf("LZ2020-006")]).toBe(1);
  });
});
