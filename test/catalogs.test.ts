/**
 * National chronic codes and the Lanzhou mapping (NA 附件1), the Chaoyang referral catalog (CY 附件2),
 * the materials lists (NA 附件2 三(二), L), and per-disease settlement (NA 二、(四); LN 第二十七条).
 */
import { describe, expect, it } from "vitest";
import { NATIONAL_CODES, LANZHOU_TO_NATIONAL, chronicCode, chronicName } from "../src/catalogs/national";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { REFERRAL_ROWS, findReferral } from "../src/catalogs/referral";
import { MATERIAL_KINDS, materialKinds, missingMaterials } from "../src/catalogs/materials";
import { settleByDisease } from "../src/engine/year";
import { validateClaim } from "../src/claim/validate";
import { engine, outpatient, problem } from "./helpers/claims";
import { refFound } from "./helpers/seeds";

describe("national chronic codes (NA 附件1 门诊慢特病跨省直接结算病种代码表)", () => {
  it("16 rows, as the table: M03900 高血压 … M07200 强直性脊柱炎", () => {
    expect(NATIONAL_CODES.map((c) => c.code)).toEqual(["M03900", "M01600", "M07801", "M00500", "M08300", "M08301", "M08302", "M08303", "M08304", "M08305", "M08306", "M05300", "M06900", "M04600", "M00200", "M07200"]);
    for (const c of NATIONAL_CODES) expect(refFound(c.ref)).toBe(true);
  });
  it("every Lanzhou disease (33 employee, 46 resident) has a mapping: a code, or the reason there is none", () => {
    expect(LANZHOU_TO_NATIONAL).toHaveLength(lanzhouChronic.employee.length + lanzhouChronic.resident.length);
    for (const m of LANZHOU_TO_NATIONAL) {
      expect(m.reason.zh.length).toBeGreaterThan(2);
      if (m.code === null) expect(m.matchedBy).toBe("none");
    }
  });
  it.each([
    ["高血压病", "M03900"],
    ["尿毒症透析", "M07801"],
    ["肾移植术后", "M08301"],
    ["慢性肾衰竭透析治疗", "M07801"],
    ["器官移植抗排异治疗", "M08300"],
    ["原发性高血压（有合并症者）", "M03900"],
    ["m07801", "M07801"],
  ])("%s → %s", (name, code) => expect(chronicCode(name).code).toBe(code));
  it("a Lanzhou disease without a national counterpart says why", () => {
    const a = chronicCode("癫痫");
    expect(a).toMatchObject({ code: null, matchedBy: "lanzhou-employee" });
    expect(a.reason!.zh).toMatch(/癫痫/);
  });
  it("慢性肾衰竭（非透析阶段） is not dialysis", () => expect(chronicCode("慢性肾衰竭（非透析阶段）").code).toBeNull());
  it("a name typed wrong: no code, the closest matches", () => {
    const a = chronicCode("高血庄");
    expect(a.code).toBeNull();
    expect(a.alternatives[0]).toMatchObject({ code: "M03900" });
  });
  it("CHRONIC_NAME: code → name", () => expect(chronicName("M08304")!.name).toBe("肝移植抗排异治疗"));
});

describe("Chaoyang referral catalog (CY 附件2, 177 rows)", () => {
  it("177 rows numbered 1..177, every row's words found in the seed", () => {
    expect(REFERRAL_ROWS).toHaveLength(177);
    for (const r of REFERRAL_ROWS) expect(refFound({ doc: "CY", section: "", excerpt: r.excerpt })).toBe(true);
  });
  it("the OCR slip of row 43 is corrected and recorded", () => {
    const r = REFERRAL_ROWS[42]!;
    expect(r.item).toMatch(/甲状腺及乳腺疾病/);
    expect(r.slip).toMatch(/家装下晃/);
  });
  it("lookup by condition and department, fuzzy", () => {
    expect(findReferral("主动脉夹层")[0]!.row.department).toBe("循环内科");
    expect(findReferral("肝移植", "普外科").map((m) => m.row.no)).toContain(101);
    expect(findReferral("ERCP").length).toBeGreaterThan(0);
  });
});

describe("materials for manual reimbursement", () => {
  it("the national template (NA 附件2 三(二)) is an open list of four items", () => {
    const k = MATERIAL_KINDS.find((x) => x.id === "chronic_outpatient_manual")!;
    expect(k.items.map((i) => i.id)).toHaveLength(4);
    expect(k.openEnded).toBe(true);
    for (const kind of MATERIAL_KINDS) for (const it of kind.items) expect(refFound(it.ref), `${kind.id}/${it.id}`).toBe(true);
  });
  it("what is missing from what was handed in", () => {
    const k = materialKinds({ careType: "chronic", settlement: "manual", purpose: "reimbursement" })[0]!;
    const m = missingMaterials(k, "身份证、收费票据");
    expect(m.missing.map((x) => x.zh)).toEqual(["门急诊费用清单", "处方底方"]);
  });
});

describe("chronic care settled disease by disease (NA 二、(四); LN 第二十七条)", () => {
  const base = outpatient({ careType: "chronic", personType: "retired", chronicApproved: "2017-05-04", serviceDate: "2020-09-20", chronicDisease: "糖尿病伴慢性并发症", total: "1" });
  it("one row naming two diseases is refused with the rule", () => {
    const p = problem({ ...base, chronicDisease: "糖尿病伴慢性并发症、原发性高血压（有合并症者）" });
    expect(p).toMatchObject({ code: "chronic_several_in_one_row", field: "chronicDisease" });
    expect(p.message.zh).toMatch(/分病种单独结算/);
  });
  it("two diseases, each with its own amounts; the employee's shared cap carried from one to the next", () => {
    const v = validateClaim(base);
    if (!v.ok) throw new Error("bad claim");
    // shared cap 3 350 + 500 = 3 850, 3 000 already paid: the first disease takes 700 (70% × 1 000), the second the 150 left
    const r = settleByDisease(engine, { ...v.claim, ytdFundPaid: 300_000 }, [
      { chronicDisease: "糖尿病伴慢性并发症", total: 100_000 },
      // each disease within its own payment years: the second's approval date is needed (POLICY §12)
      { chronicDisease: "原发性高血压（有合并症者）", total: 100_000, chronicApproved: v.claim.chronicApproved },
    ]);
    expect(r.ok).toBe(true);
    expect(r.parts.map((p) => p.result.layers.pooled)).toEqual([70_000, 15_000]);
    expect(r.parts[1]!.claim.ytdFundPaid).toBe(370_000);
    expect(r.layers.pooled).toBe(85_000);
  });
});
