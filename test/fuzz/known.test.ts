/**
 * Bugs the fuzz suite found outside the files it started from, each written as the property that
 * must hold (they were it.fails while the bug was there).
 */
import { describe, expect, it } from "vitest";
import { validateClaim, rowValidator } from "../../src/claim/validate";
import { mapHeaders } from "../../src/claim/fields";
import { CROSS_REGIONS } from "../../src/claim/enums";
import { Engine } from "../../src/engine/settle";
import { parseDay } from "../../src/dates";
import { typedClaim } from "../helpers/claims";

const record = { insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "direct", settlementDate: "2020-06-30", hospitalLevel: "3A", admissionIndex: 1, total: "5000" };

describe("bugs the fuzz suite found, fixed", () => {
  it("src/claim/enums.ts lookupEnum: the enum text \"constructor\" or \"__proto__\" is refused (it reads Object.prototype)", () => {
    for (const bad of ["constructor", "__proto__", " CONSTRUCTOR "]) {
      const v = validateClaim({ ...record, crossRegion: bad });
      expect(v.ok).toBe(false);
      if (v.ok) expect(CROSS_REGIONS).toContain(v.claim.crossRegion);
    }
  });

  it("… and the engine refuses such a claim instead of throwing (fixed in src/engine/settle.ts)", () => {
    const v = validateClaim({ ...record, crossRegion: "constructor" });
    if (!v.ok) return; // once enums.ts is fixed the validator refuses it first
    const r = new Engine().settle(v.claim);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({ code: "invalid_enum", kind: "input", field: "crossRegion" });
  });

  it("src/claim/fields.ts mapHeaders: headers \"constructor\", \"toString\", \"__proto__\" are unknown columns, not Object.prototype members", () => {
    const m = mapHeaders(["constructor", "toString", "__proto__"]);
    expect(m.columns).toEqual([null, null, null]);
    expect(m.unknown).toEqual(["constructor", "toString", "__proto__"]);
  });

  it("src/claim/validate.ts: with two columns for one field, validateClaim and rowValidator report the same problems", () => {
    // validateClaim keeps the last non-blank column, rowValidator the first: both refuse the record
    // (duplicate_field), but only validateClaim also reports the bad value of the second column
    const rec = { ...record, total: "100", 总费用: "abc" };
    const headers = Object.keys(rec);
    expect(rowValidator(headers)(headers.map((h) => (rec as Record<string, unknown>)[h]))).toEqual(validateClaim(rec));
  });

  it("lanzhouEmployeeInpatient civil-servant subsidy: a senior civil servant's personal share is never negative", () => {
    // retired, senior, 3A, first admission, total 1 400.50: threshold 1 400, pooled 91% × 0.50 =
    // 0.455 → 0.46 (half-up). The subsidy's co-insurance base was the exact band payment, so it paid
    // 1 400 + (0.50 − 0.455) = 1 400.045 → 1 400.05 and the layers paid 1 400.51 of 1 400.50. It is
    // now what the person bore after the fund's rounded payment: 1 400 + (0.50 − 0.46) = 1 400.04
    // (L 第二部分 三、2 政策性自付 is what the person pays, and the fund paid 0.46, not 0.455).
    const c = typedClaim({ id: "K", personType: "retired", settlementDate: parseDay("2020-07-01")!, hospitalLevel: "3A", admissionIndex: 1, total: 140_050, civilServantRank: "senior" });
    const r = new Engine().settle(c);
    expect(r.ok).toBe(true);
    expect([r.layers.pooled, r.layers.subsidy]).toEqual([46, 140_004]);
    expect(r.personal).toBe(0);
  });
});
