/**
 * The batch audit (one step over many rows: columnar validation, batch settlement) answers every row as
 * the audit one row at a time does (a batch of one, the same code path), on generated batches drawn from
 * the sample (its refused rows, flagged rows explained by each known mistake, duplicates by repetition),
 * with claimed amounts blanked out on some rows and cells spoiled on others.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { AuditRun, compare, explainDifferences, TOLERANCE, type AuditReport, type AuditRow } from "../src/audit/audit";
import { HYPOTHESES } from "../src/audit/hypotheses";
import { msg } from "../src/messages";
import { displayWidth } from "../src/audit/report";
import { engine } from "./helpers/claims";

const table = parseCsv(readFileSync(join(__dirname, "..", "samples", "lanzhou-claims.csv"), "utf8"));
const header = table[0]!;
const sample = table.slice(1);
const claimedCols = header.map((h, j) => (String(h).startsWith("申报") ? j : -1)).filter((j) => j >= 0);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function batch(seed: number): string[][] {
  const r = rng(seed);
  const n = 5 + Math.floor(r() * 80);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [...sample[Math.floor(r() * sample.length)]!];
    const u = r();
    if (u < 0.15) for (const j of claimedCols) row[j] = ""; // no claimed amounts: unchecked
    else if (u < 0.25) row[1 + Math.floor(r() * (row.length - 1))] = ["x", "2020-13-01", "-5", "1.234", ""][Math.floor(r() * 5)]!; // a spoiled cell
    else if (u < 0.28) row.fill(""); // a blank row
    out.push(row);
  }
  return out;
}

const view = (rep: AuditReport) =>
  JSON.stringify({
    summary: rep.summary,
    notes: rep.notes,
    rows: rep.rows.map((x) => ({
      i: x.index, id: x.id, status: x.status, comparisons: x.comparisons, flagged: x.flagged, reasons: x.reasons,
      problems: x.problems, duplicateOf: x.duplicateOf, settledTwice: x.settledTwice, notCompared: x.notCompared, claim: x.claim,
    })),
  });

describe("batch audit = one row at a time", () => {
  it("on 40 generated batches: statuses, comparisons, reasons, problems, duplicates and summary", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const rows = batch(seed);
      const whole = new AuditRun(header, rows, { engine }).finish();
      const one = new AuditRun(header, rows, { engine });
      while (!one.finished) one.step(1);
      expect(view(one.report())).toBe(view(whole));
      for (const r of whole.rows) seen.add(r.status + (r.duplicateOf ? "+dup" : ""));
      for (const r of whole.rows) for (const t of r.reasons) seen.add(t.zh.slice(0, 6));
    }
    // the batches held every kind of row the property is about
    for (const k of ["ok", "flagged", "error", "unchecked", "flagged+dup"]) expect(seen.has(k)).toBe(true);
  });
});

describe("the reasons of a step's differences, settled as one batch", () => {
  // the definition: each hypothesis in order, each variant settled alone (the one-claim path, with its
  // trace), the first whose amounts reproduce the claimed ones is the reason
  const reference = (r: AuditRow) => {
    for (const h of HYPOTHESES) {
      if (!h.applies(r.claim!, r.result!)) continue;
      for (const v of h.variants(r.claim!, r.result!, engine)) {
        const alt = (v.engine ?? engine).settle(v.claim);
        if (!alt.ok) continue;
        const cs = compare(r.claim!.claimed, alt);
        if (cs.length && cs.every((c) => Math.abs(c.diff) <= TOLERANCE)) return v.reason;
      }
    }
    return null;
  };
  it("give every flagged claim the reason it gets alone, and say so when no known mistake reproduces it", () => {
    const flagged: AuditRow[] = [];
    for (let seed = 1; seed <= 40; seed++) flagged.push(...new AuditRun(header, batch(seed), { engine }).finish().rows.filter((r) => r.flagged.length));
    expect(flagged.length).toBeGreaterThan(50);
    const got = explainDifferences(engine, flagged.map((r) => ({ claim: r.claim!, result: r.result!, flagged: r.flagged })));
    const kinds = new Set<string>();
    const none = msg("audit.reason.noKnownMistake", { differences: { zh: "\u0000", en: "\u0000" } });
    flagged.forEach((r, k) => {
      const want = reference(r);
      expect(got[k]!.length).toBe(1);
      if (want) expect(got[k]![0]).toEqual(want);
      else {
        const [before, after] = none.en.split("\u0000");
        expect(got[k]![0]!.en.startsWith(before!) && got[k]![0]!.en.endsWith(after!)).toBe(true);
      }
      kinds.add(want ? want.en.slice(0, 20) : "none");
    });
    // the sample's flagged rows are explained by several different mistakes, and some by none
    expect(kinds.size).toBeGreaterThan(4);
    expect(kinds.has("none")).toBe(true);
  });
});

describe("displayWidth (the pane's column widths)", () => {
  // the definition it replaces, kept here as the reference: toLocaleString per number, a regex per code point
  const reference = (v: unknown): number => {
    if (v === null || v === undefined) return 0;
    const text = typeof v === "number" ? v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v);
    let w = 0;
    for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return w;
  };
  it("is the reference's on numbers, CJK, full-width forms, astral and lone surrogates", () => {
    const r = rng(7);
    const values: unknown[] = [null, undefined, "", 0, -0.5, 1234567.891, 1e21, NaN, true, "张三", "ＡＢＣ", "𠀀x", "\ud800", "a\udc00b", "ᄀ", "\uffe6\uffe7", -0, -0.001, -0.005, 0.005, 999.995, -999.995, 1e15, 1e20, -1e20, 1e21, Infinity, -Infinity, 5e-324];
    for (let i = 0; i < 2000; i++) {
      if (r() < 0.2) values.push(Math.round((r() - 0.3) * 1e9) / 100);
      else if (r() < 0.4) values.push((r() - 0.5) * 10 ** Math.floor(r() * 24 - 3));
      else values.push(Array.from({ length: Math.floor(r() * 8) }, () => String.fromCharCode(Math.floor(r() * 0x10000))).join(""));
    }
    for (const v of values) expect([v, displayWidth(v)]).toEqual([v, reference(v)]);
  });
});
