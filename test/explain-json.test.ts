/**
 * `yibao explain --json`: one claim's settlement as data (format yibao.trace.v1, src/engine/explain.ts),
 * for auditors' own tools. The steps must say the same thing as the settlement: the amounts a step
 * ends on are the settlement's amounts to the fen, each step names what it does by a catalog key,
 * and each clause it applies is quoted as the seed document has it (L 第一部分 三、(四) 1. for the
 * threshold and bands of a Lanzhou employee's inpatient claim). The help describes the option.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../cli/main";
import { SOURCE_DOCS, type DocId } from "../src/docs";
import { EXPLAIN_FORMAT, type ExplainJson } from "../src/engine/explain";
import { CATALOGS } from "../src/messages";
import { refFound } from "./helpers/seeds";

const SAMPLE = join(__dirname, "..", "samples", "lanzhou-claims.csv");

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

/** Fen of an exact yuan string ("14015.68" → 1401568), refusing anything that is not one. */
function fen(y: string | null | undefined): number {
  expect(y).toMatch(/^-?\d+\.\d{2}$/);
  const [i, f] = y!.replace("-", "").split(".");
  return (y!.startsWith("-") ? -1 : 1) * (Number(i) * 100 + Number(f));
}

describe("yibao explain --json", () => {
  it("a referral's first payment cites L 三、(五) 2.(2) with the seed's OCR slip recorded, so the clause is found in the seed as it is printed", async () => {
    const { code, out } = await cli("explain", "--in", SAMPLE, "--id", "LZ2020-007", "--json");
    expect(code).toBe(0);
    const j = JSON.parse(out[0]!) as ExplainJson;
    const refs = j.steps.flatMap((s) => s.refs);
    const first = refs.find((r) => r.excerpt.includes("先自付10%"));
    expect(first, JSON.stringify(refs)).toBeDefined();
    expect(first!.slip).toBe("白付 → 自付");
    expect(refFound({ doc: first!.doc as DocId, section: first!.section, excerpt: first!.excerpt, slip: first!.slip })).toBe(true);
    // without the slip the corrected words are not what the seed prints
    expect(refFound({ doc: first!.doc as DocId, section: first!.section, excerpt: first!.excerpt })).toBe(false);
  });

  it("gives the steps as data: catalog kinds, the settlement's amounts to the fen, every clause quoted from its seed", async () => {
    const { code, out } = await cli("explain", "--in", SAMPLE, "--id", "LZ2020-001", "--json");
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const j = JSON.parse(out[0]!) as ExplainJson;
    expect(j).toMatchObject({ format: "yibao.trace.v1", id: "LZ2020-001", ok: true, versionDate: "2020-05-06" });
    expect(j.format).toBe(EXPLAIN_FORMAT);

    // the same claim settled by `yibao settle`: the explanation's amounts are the settlement's
    const settled = (await cli("settle", "--in", SAMPLE)).out.map((l) => JSON.parse(l)).find((r) => r.id === "LZ2020-001");
    const { id: _id, ...amounts } = settled;
    expect(j.amounts).toEqual(amounts);

    // steps in order, each a kind and a heading from the catalogs, rendered in both languages
    expect(j.steps.map((s) => s.n)).toEqual(j.steps.map((_, k) => k + 1));
    expect(j.steps.map((s) => s.key)).toEqual(["rule", "policyScope", "threshold", "bands", "cap", "personal"]);
    for (const s of j.steps) {
      expect(Object.hasOwn(CATALOGS.zh, s.kind), s.kind).toBe(true);
      expect(Object.hasOwn(CATALOGS.zh, s.heading), s.heading).toBe(true);
      for (const lang of ["zh", "en"] as const) {
        expect(s.text[lang].title.length, `${s.key} ${lang}`).toBeGreaterThan(0);
        expect(s.text[lang].detail, `${s.key} ${lang}`).not.toMatch(/\{[A-Za-z0-9_]+\}/);
      }
    }

    // the amounts the steps end on, to the fen: policy scope, threshold, the pooled fund after the cap, the personal share
    const step = (key: string) => j.steps.find((s) => s.key === key)!;
    expect(fen(step("policyScope").amount)).toBe(fen(j.amounts.policyScope));
    expect(fen(step("threshold").amount)).toBe(fen(j.amounts.threshold));
    expect(fen(step("cap").amount)).toBe(fen(j.amounts.pooled));
    expect(fen(step("personal").amount)).toBe(fen(j.amounts.personal));
    expect(fen(j.amounts.pooled)).toBe(1401568);
    expect(fen(j.amounts.personal)).toBe(340472);
    // what the person pays and what the fund pays make up the bill, less the out-of-catalogue part the
    // policy-scope step takes out (values.ooc): 18650.40 − 1230.00 = 14015.68 + 3404.72
    const ps = step("policyScope").values as Record<string, unknown>;
    expect(fen(ps.total as string) - fen(ps.ooc as string)).toBe(fen(j.amounts.pooled) + fen(j.amounts.personal));

    // each step that applies a rule cites it: document number, section and the words quoted
    for (const s of j.steps.filter((x) => x.key !== "personal")) {
      expect(s.refs.length, s.key).toBeGreaterThan(0);
      for (const r of s.refs) {
        expect(r.number).toBe(SOURCE_DOCS[r.doc as DocId].number);
        expect(r.section.length).toBeGreaterThan(0);
        expect(refFound({ doc: r.doc as DocId, section: r.section, excerpt: r.excerpt, ...(r.slip ? { slip: r.slip } : {}) }), `${r.doc} ${r.section}: ${r.excerpt}`).toBe(true);
      }
    }
    expect(step("threshold").refs.map((r) => `${r.doc} ${r.section}`)).toContain("L 第一部分 三、(四) 1.");
    // the parameters a step read, with the value in force on the version day
    expect(step("threshold").params).toEqual([expect.objectContaining({ id: "lanzhou.employee.inpatient.threshold", from: expect.any(String) })]);
  });

  it("a claim whose data are invalid: ok false, with the problems as data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yibao-explain-"));
    const f = join(dir, "bad.jsonl");
    writeFileSync(f, JSON.stringify({ id: "B1", insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "direct", settlementDate: "2020-06-30", hospitalLevel: "3A", admissionIndex: 1, total: "5000.001" }) + "\n");
    const { code, out } = await cli("explain", "--in", f, "--id", "B1", "--json");
    expect(code).toBe(0);
    const j = JSON.parse(out[0]!);
    expect(j).toMatchObject({ format: EXPLAIN_FORMAT, id: "B1", ok: false, problems: [{ code: "amount_decimals", field: "total" }] });
    expect(j.problems[0].message.zh.length).toBeGreaterThan(0);
    expect(j.problems[0].message.en.length).toBeGreaterThan(0);
  });

  it("the help describes --json and its format, in both languages", async () => {
    for (const lang of ["zh", "en"]) {
      const all = (await cli("--help", "--lang", lang)).out.join("\n");
      expect(all).toMatch(/yibao explain --in FILE --id ID \[--lang zh\|en\] \[--json\]/);
      expect(all).toContain(EXPLAIN_FORMAT);
      const one = await cli("explain", "--help", "--lang", lang);
      expect(one.code).toBe(0);
      const text = one.out.join("\n");
      expect(text).toContain(`--json`);
      expect(text).toContain(EXPLAIN_FORMAT);
      for (const field of ["format", "amounts", "steps", "refs", "excerpt"]) expect(text, field).toContain(field);
    }
    expect((await cli("explain", "--help")).out.join("\n")).toMatch(/供审核人员/);
    expect((await cli("explain", "--help", "--lang", "en")).out.join("\n")).toMatch(/for auditors' own tools/);
  });
});
