/**
 * The findings language (POLICY §10; issue 12): every table row of docs/findings.md is a case here.
 * The test reads the doc, parses each "Written" text, and checks what it is read as (every finding
 * with its exact value in the list's unit, every ignored item, or the refusal codes) and, where the
 * row names a condition, the three-valued answer. A row the parser reads differently fails.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, findCondition, parseFindings, type FindingsOptions } from "../src/catalogs/emergency";

interface Row {
  written: string;
  condition: string | null;
  opts: FindingsOptions;
  answer: string;
  readAs: string;
}

const DOC = readFileSync(join(__dirname, "..", "docs", "findings.md"), "utf8");
const ROWS: Row[] = DOC.split("\n")
  .filter((l) => l.startsWith("| `"))
  .map((l) => {
    const cols = l.slice(2, -2).split(" | ");
    const [cond, flag] = cols[1]!.split(" @");
    return {
      written: cols[0]!.replace(/^`|`$/g, "").replace(/\\n/g, "\n"),
      condition: cond === "—" ? null : cond!,
      opts: flag === "at_least" ? { yishang: "at_least" } : {},
      answer: cols[2]!,
      readAs: cols[3]!,
    };
  });

function readAs(text: string, opts: FindingsOptions): string {
  const p = parseFindings(text, opts);
  if (p.problems.length) return "refused: " + [...new Set(p.problems.map((x) => x.code))].sort().join(", ");
  const found = [...p.findings].map(([k, v]) => `${k}=${v.type === "number" ? v.text : v.type === "boolean" ? (v.value ? "yes" : "no") : [...v.value].join("/")}`);
  return [...found, ...p.ignored.map((x) => `ignored: ${x.name}`)].join(", ") || "—";
}

describe("docs/findings.md: every row is read as the doc says", () => {
  it("the doc has the rows (at least 150)", () => expect(ROWS.length).toBeGreaterThanOrEqual(150));
  for (const r of ROWS)
    it(`${r.written.replace(/\n/g, "⏎")}${r.condition ? ` [${r.condition}${r.opts.yishang ? " at_least" : ""}]` : ""} → ${r.readAs}${r.condition ? ` → ${r.answer}` : ""}`, () => {
      expect(readAs(r.written, r.opts)).toBe(r.readAs);
      const p = parseFindings(r.written, r.opts);
      // a refusal names its item and says why, in both languages
      for (const x of p.problems) {
        expect(r.written.replace(/\s+/g, "")).toContain(x.item.replace(/\s+/g, ""));
        expect(x.message.zh.length).toBeGreaterThan(4);
        expect(x.message.en.length).toBeGreaterThan(4);
      }
      if (r.condition) {
        const c = findCondition(r.condition).condition;
        expect(c, r.condition).toBeDefined();
        const answer = p.problems.length ? "refused" : evaluate(c!, p.findings, r.opts).result;
        expect(answer).toBe(r.answer);
      } else expect(r.answer).toBe("—");
    });
});

describe("two-column ranges read like text (docs/findings.md, last section)", () => {
  it("name and value; numbers as Excel shows them; a third column is the unit", () => {
    const p = parseFindings([
      ["收缩压", 75],
      ["乳酸", 0.1 + 3.4], // 3.4999999999999996 in binary, 3.5 as Excel shows it
      ["FiO2", 0.4],
      ["血小板", 15, "G/L"],
      ["尿酮体", "阳性"],
      ["GCS", 7],
      [null, null],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.findings.get("sbp")).toMatchObject({ text: "75" });
    expect(p.findings.get("lactate")).toMatchObject({ text: "3.5" });
    expect(p.findings.get("fio2")).toMatchObject({ text: "40" });
    expect(p.findings.get("platelets")).toMatchObject({ text: "15" });
    expect(p.findings.get("urine_ketones_positive")).toEqual({ type: "boolean", value: true });
    expect(p.ignored.map((x) => x.name)).toEqual(["GCS"]);
  });
  it("a boolean cell is a yes or a no; a refused cell names its row", () => {
    const p = parseFindings([
      ["无外伤史", true],
      ["行气管插管", false],
      ["乳酸", "3,5"],
    ]);
    expect(p.findings.get("no_trauma_history")).toEqual({ type: "boolean", value: true });
    expect(p.findings.get("tracheal_intubation")).toEqual({ type: "boolean", value: false });
    expect(p.problems).toMatchObject([{ item: "乳酸=3,5", code: "ambiguous_comma", finding: "lactate" }]);
    expect(p.findings.has("lactate")).toBe(false);
  });
});
