/**
 * Lenient input forms (issue 7): which cell spellings of amounts, counts and dates the validator
 * accepts and what it reads them as, and which it refuses, naming the field in Chinese and English.
 * The cases are the rows of docs/lenient-input.md; this file also checks that the doc lists exactly
 * these cases with the same verdicts.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rowValidator, validateClaim, type Validation } from "../../src/claim/validate";
import { FIELD_BY_NAME } from "../../src/claim/fields";
import { formatYuan, normaliseAmountText, parseYuan } from "../../src/money";
import { formatDay } from "../../src/dates";
import { LENIENT_CASES, cellValue, type LenientCase } from "./lenientCases";

const base = { insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "direct", settlementDate: "2020-06-30", hospitalLevel: "3A", admissionIndex: 1, total: "100" };

/** The fields each kind is tried on: a required and an optional one for amounts, both dates used by inpatient claims. */
const FIELDS_OF: Record<LenientCase["kind"], string[]> = { amount: ["total", "ytdFundPaid", "claimedPooled"], count: ["admissionIndex"], date: ["admissionDate", "dischargeDate"] };

function read(field: string, v: Validation): string | null {
  if (!v.ok) return null;
  const x = field === "claimedPooled" ? v.claim.claimed.pooled : (v.claim as unknown as Record<string, number>)[field]!;
  const kind = FIELD_BY_NAME.get(field)!.kind;
  return kind === "money" ? formatYuan(x!) : kind === "date" ? formatDay(x!) : String(x);
}

describe("lenient input: the table of docs/lenient-input.md", () => {
  for (const k of LENIENT_CASES)
    for (const field of FIELDS_OF[k.kind]) {
      // a blank optional amount is simply absent, not a refusal
      if (k.cell === '""' && field !== "total") continue;
      it(`${field} = ${k.cell} → ${k.accepted ? "accepted as" : "refused,"} ${k.result}`, () => {
        const record = { ...base, [field]: cellValue(k.cell) };
        const v = validateClaim(record);
        const headers = Object.keys(record);
        const w = rowValidator(headers)(headers.map((h) => (record as Record<string, unknown>)[h]));
        expect(JSON.stringify(w)).toBe(JSON.stringify(v));
        if (k.accepted) {
          if (!v.ok) throw new Error(v.problems.map((p) => p.message.en).join("; "));
          expect(read(field, v)).toBe(k.result);
        } else {
          expect(v.ok).toBe(false);
          const problems = (v as { problems: { code: string; field?: string; message: { zh: string; en: string } }[] }).problems;
          const p = problems.find((x) => x.field === field);
          expect(p, JSON.stringify(problems)).toBeDefined();
          expect(p!.code).toBe(k.result);
          const def = FIELD_BY_NAME.get(field)!;
          expect(p!.message.zh).toContain(def.label.zh);
          expect(p!.message.en).toContain(def.label.en);
        }
      });
    }

  it("the doc lists exactly these cases, with the same verdicts", () => {
    const md = readFileSync(join(__dirname, "..", "..", "docs", "lenient-input.md"), "utf8");
    const rows = md
      .split("\n")
      .filter((l) => l.startsWith("| `"))
      .map((l) => {
        const cols = l.split(" | ").map((x) => x.replace(/^\| /, "").replace(/ \|$/, "").trim());
        const cell = cols[0]!.replace(/^`|`$/g, "");
        const kind = cols[1]!.split(" ").pop()!;
        const accepted = cols[2]!.endsWith("accepted");
        const result = cols[3]!.replace(/^`|`$/g, "");
        return JSON.stringify({ cell, kind, accepted, result });
      });
    expect(rows).toEqual(LENIENT_CASES.map((k) => JSON.stringify({ cell: k.cell, kind: k.kind, accepted: k.accepted, result: k.result })));
  });
});

describe("normaliseAmountText (money.ts): the strict thousands form", () => {
  it.each([
    ["1,234", "1234"],
    ["12,345", "12345"],
    ["123,456,789.05", "123456789.05"],
    ["１，２３４", "1234"],
  ])("%s → %s", (s, t) => expect(normaliseAmountText(s)).toBe(t));
  it.each(["1,23", "1,2345", "12,34,567", "0,123", "00,123", ",123", "1,,234", "1.234,56", "1,234,56"])("%s is refused", (s) => expect(normaliseAmountText(s)).toBeNull());
  it("parseYuan itself stays strict: no separators, no currency signs, no full-width digits", () => {
    for (const s of ["12,345.60", "¥12.50", "１２", "12.50元"]) expect(parseYuan(s).ok).toBe(false);
  });
});
