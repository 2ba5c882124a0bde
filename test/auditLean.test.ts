/**
 * The audit's plain claims read off the columns (AuditRun.stepLean, src/audit/audit.ts LeanStep): a claim
 * is left without a row object only when the full path would have had nothing to say of it, and what
 * the report writes of it from the columns is what it writes of the row object. Checked on generated
 * batches: the bench's mixed claims (every scheme, route and kind of failure) with submitted amounts
 * (right, a fen off, wrong), paperwork fields on some rows (filing and submission dates, materials,
 * emergency conditions), repeated people and stays (duplicates, direct-and-manual double settlement).
 */
import { describe, expect, it } from "vitest";
import { mixedClaim, rng, rowsOf } from "../bench/generate";
import type { Claim } from "../src/claim/claim";
import { FIELDS } from "../src/claim/fields";
import { AuditRun, CLAIM_CHECKS, compare, comparedAt, deadlineCheck, hasClaimedAmounts, mayHavePaperwork, plainRow, summarise, summariseStep, TOLERANCE, type AuditRow, type Comparison, type LeanStep } from "../src/audit/audit";
import { plainCells, plainRowTo, rowCells } from "../src/audit/report";
import { CsvBytes, csvRow } from "../io/csv";
import { ignoredFindingsNote } from "../src/catalogs/emergency";
import { resultAt } from "../src/engine/settle";
import { formatDay } from "../src/dates";
import { formatYuan } from "../src/money";
import { engine } from "./helpers/claims";

const PEOPLE = ["620102195001011234", "620102196002022345", "620102197003033456"];

/** n mixed claims as sheet rows, with submitted amounts and, on some, paperwork and repeated people. */
function batch(seed: number, n: number): { header: string[]; rows: unknown[][] } {
  const r = rng(seed * 31 + 7);
  const prev: Claim[] = [];
  const gen = (g: () => number, i: number): Claim => {
    const c = mixedClaim(g, i);
    // the generator's claims carry a settlement date; a stay's admission date makes the person-and-stay keys
    if (c.settlementDate !== undefined && r() < 0.6) c.admissionDate = c.settlementDate - 1 - Math.floor(r() * 20);
    if (prev.length && r() < 0.06) {
      // an earlier claim again: handed in twice (its id), or the same stay settled the other way
      const again: Claim = structuredClone(prev[Math.floor(r() * prev.length)]!);
      again.idNumber ??= "620102199001019999";
      if (r() < 0.5) return again;
      const settled = prev.filter((p) => p.settlement === "direct" && p.idNumber !== undefined && (p.admissionDate ?? p.serviceDate) !== undefined);
      if (settled.length) return { ...structuredClone(settled[Math.floor(r() * settled.length)]!), id: `${again.id}-b`, settlement: "manual" };
    }
    const res = engine.settle(c);
    if (res.ok && r() < 0.85) {
      const off = r() < 0.1 ? (r() < 0.5 ? 1 : 500) : 0; // a fen is rounding; 5 yuan is a difference
      c.claimed = { pooled: res.layers.pooled + off, personal: res.personal === res.personal ? res.personal : undefined };
      if (r() < 0.3) c.claimed.threshold = res.threshold;
      if (r() < 0.2) c.claimed.personalCash = res.outOfCatalog + res.personal;
      if (r() < 0.1) c.claimed = { accountPaid: 100 }; // states an amount that is not compared itself
    }
    const u = r();
    if (u < 0.04) c.filingDate = c.admissionDate ?? c.serviceDate;
    else if (u < 0.08) c.submissionDate = (c.dischargeDate ?? c.serviceDate ?? 18000) + 30;
    else if (u < 0.12) c.materials = "发票";
    else if (u < 0.15) c.emergencyCondition = "急性心肌梗死";
    if (r() < 0.2) {
      // a person seen before: the same stay again (a duplicate, or settled directly after manually)
      c.idNumber = PEOPLE[Math.floor(r() * PEOPLE.length)];
      if (r() < 0.5) c.settlement = c.settlement === "manual" ? "direct" : "manual";
    } else if (r() < 0.5) c.name = `某${i}`;
    if (r() < 0.7) c.idNumber ??= `62010219800101${String(1000 + i).slice(-4)}`;
    prev.push(c);
    return c;
  };
  return rowsOf(n, seed, gen);
}

interface Lean {
  steps: LeanStep[];
  rows: AuditRow[];
}

function lean(header: readonly unknown[], rows: readonly (readonly unknown[])[], size: number): Lean {
  const run = new AuditRun(header, rows, { engine, keepRows: false });
  const steps: LeanStep[] = [];
  while (!run.finished) steps.push(run.stepLean(size));
  return { steps, rows: steps.flatMap((s) => s.rows.map((x) => (typeof x === "number" ? plainRow(s, x) : x))) };
}

const OPTIONS = [
  { lang: "zh", mask: true, numbers: true },
  { lang: "en", mask: false, numbers: false },
  { lang: "zh", mask: false, numbers: false },
  { lang: "en", mask: true, numbers: true },
] as const;

describe("plain claims read off the columns", () => {
  const batches = [1, 2, 3, 4].map((seed) => batch(seed, 1500));

  it("step() gives the rows stepLean does, whatever the step size", () => {
    for (const { header, rows } of batches) {
      const kept = new AuditRun(header, rows, { engine }).finish().rows;
      expect(lean(header, rows, 20_000).rows).toEqual(kept);
      expect(lean(header, rows, 97).rows).toEqual(kept);
    }
  });

  it("leaves a claim plain only when the full path has nothing to say of it", () => {
    let plain = 0;
    const notPlain = new Set<string>();
    for (const { header, rows } of batches) {
      const l = lean(header, rows, 700);
      const stays = new Map<string, string>();
      const ids = new Set<string>();
      const people = new Set<string>();
      for (const s of l.steps)
        for (const x of s.rows) {
          const row = typeof x === "number" ? plainRow(s, x) : x;
          const c = row.claim;
          // the duplicate and double-settlement keys, as the audit defines them (markDuplicates, settledTwice)
          const who = c?.idNumber ?? c?.name;
          const day = c?.admissionDate ?? c?.serviceDate;
          const person = c && who !== undefined && day !== undefined ? `${who}|${day}|${c.total}|${c.careType}|${c.chronicDisease ?? ""}` : undefined;
          const stay = c && who !== undefined && day !== undefined ? `${who}|${day}|${c.careType}|${c.chronicDisease ?? ""}` : undefined;
          const repeated = !!c && ((!/^row \d+$/.test(c.id) && ids.has(c.id)) || (person !== undefined && people.has(person)) || (stay !== undefined && stays.has(stay) && stays.get(stay) !== c.settlement));
          if (c) ids.add(c.id);
          if (person) people.add(person);
          if (stay && !stays.has(stay)) stays.set(stay, c!.settlement);
          if (typeof x !== "number") {
            notPlain.add(row.status + (row.duplicateOf ? "+dup" : "") + (row.settledTwice ? "+twice" : "") + (row.notCompared.length ? "+partial" : "") + (c?.materials || c?.filingDate !== undefined || c?.submissionDate !== undefined || c?.emergencyCondition ? "+paperwork" : ""));
            continue;
          }
          plain++;
          const claim = c!;
          const res = row.result!;
          expect(res.ok && !res.incomplete).toBe(true);
          expect(repeated).toBe(false);
          for (const check of CLAIM_CHECKS) expect(check(claim, engine)).toBe(null);
          expect(deadlineCheck(engine, claim)).toBe(null);
          expect(claim.emergencyCondition === undefined || ignoredFindingsNote(claim.emergencyFindings) === null).toBe(true);
          const cs = hasClaimedAmounts(claim.claimed) ? compare(claim.claimed, res) : [];
          expect(cs.every((k) => Math.abs(k.diff) <= TOLERANCE)).toBe(true);
          expect(row.status).toBe(hasClaimedAmounts(claim.claimed) ? "ok" : "unchecked");
        }
    }
    expect(plain).toBeGreaterThan(2000);
    // the batches held rows of every kind the full path is for
    for (const k of ["flagged", "error", "flagged+dup", "ok+paperwork", "unchecked+paperwork"]) expect([k, notPlain.has(k) || [...notPlain].some((x) => x.startsWith(k))]).toEqual([k, true]);
    expect([...notPlain].some((k) => k.includes("+twice"))).toBe(true);
    expect([...notPlain].some((k) => k.includes("+partial"))).toBe(true);
  });

  it("compares every claim on the columns as compare() does on the claim and its result", () => {
    let n = 0;
    for (const { header, rows } of batches)
      for (const s of lean(header, rows, 20_000).steps) {
        const { claims, extras } = s.chunk;
        for (let j = 0; j < claims.n; j++) {
          if (extras.whole.length && extras.whole[j]) continue; // the row validator's claims are read whole
          const got: Comparison[] = [];
          comparedAt(claims, extras, s.out, j, (field, claimed, recomputed) => got.push({ field, claimed, recomputed, diff: claimed - recomputed }));
          expect(got).toEqual(compare(s.chunk.claimAt(j).claimed, resultAt(engine, claims, s.out, j, [])));
          n++;
        }
      }
    expect(n).toBeGreaterThan(5000);
  });

  it("writes a plain claim's report row from the columns as rowCells writes its row", () => {
    for (const { header, rows } of batches)
      for (const s of lean(header, rows, 20_000).steps)
        for (const x of s.rows) {
          if (typeof x !== "number") continue;
          for (const o of OPTIONS) expect(plainCells(s, x, o)).toEqual(rowCells(plainRow(s, x), o));
          expect(plainCells(s, x, OPTIONS[0], "shown")[0]).toBe("shown");
        }
  });

  it("writes a plain claim's CSV record as bytes (the command line's report) as csvRow writes its cells", () => {
    let n = 0;
    for (const { header, rows } of batches)
      for (const s of lean(header, rows, 20_000).steps)
        for (const x of s.rows) {
          if (typeof x !== "number") continue;
          for (const o of OPTIONS.filter((k) => !k.numbers)) {
            const out: Uint8Array[] = [];
            const csv = new CsvBytes((b) => out.push(b));
            plainRowTo({ text: (t) => csv.cell(t), money: (f) => (f !== f ? csv.cell(null) : csv.yuan(f)), none: () => csv.cell(null) }, s, x, o, "=shown");
            csv.end();
            csv.flush();
            expect(Buffer.concat(out).toString("utf8")).toBe(csvRow(plainCells(s, x, o, "=shown")) + "\r\n");
            n++;
          }
        }
    expect(n).toBeGreaterThan(2000);
  });

  it("sums a step as summarise sums its rows", () => {
    for (const { header, rows } of batches)
      for (const s of lean(header, rows, 600).steps) expect(summariseStep(s)).toEqual(summarise(s.rows.map((x) => (typeof x === "number" ? plainRow(s, x) : x))));
  });

  it("mayHavePaperwork is false only where every check beyond the amounts is silent", () => {
    // claims with each paperwork field given or not, on every route of the mixed batch
    const r = rng(99);
    const header = FIELDS.map((f) => f.name);
    for (const { rows } of batches.slice(0, 2)) {
      const spoilt = rows.map((row) => {
        const out = [...row];
        const set = (name: string, v: unknown) => (out[header.indexOf(name)] = v);
        const u = r();
        if (u < 0.1) set("filingDate", formatDay(17000 + Math.floor(r() * 3000)));
        else if (u < 0.2) set("submissionDate", formatDay(17000 + Math.floor(r() * 3000)));
        else if (u < 0.3) set("materials", "发票；费用清单");
        else if (u < 0.4) set("emergencyCondition", "休克");
        else if (u < 0.5) set("settlement", "direct");
        if (r() < 0.1) set("claimedPooled", formatYuan(100));
        return out;
      });
      const run = new AuditRun(header, spoilt, { engine, keepRows: false });
      let silent = 0;
      while (!run.finished) {
        const s = run.stepLean(500);
        const { claims, extras } = s.chunk;
        for (let j = 0; j < claims.n; j++) {
          if (mayHavePaperwork(claims, extras, j)) continue;
          const claim = s.chunk.claimAt(j);
          for (const check of CLAIM_CHECKS) expect(check(claim, engine)).toBe(null);
          expect(deadlineCheck(engine, claim)).toBe(null);
          expect(claim.emergencyCondition).toBe(undefined);
          silent++;
        }
      }
      expect(silent).toBeGreaterThan(500);
    }
  });

  it("a run that keeps its rows gives them whole", () => {
    const { header, rows } = batches[0]!;
    expect(() => new AuditRun(header, rows, { engine }).stepLean()).toThrow(/keeps its rows/);
  });
});
