/**
 * A partial settlement where users meet it (POLICY §12): a Lanzhou civil servant above the pooled
 * cap, whose subsidy needs "公务员补充医疗保险基金最高支付限额" (L 第二部分 三、3), a figure the guide
 * names but does not give. The pooled fund and 大额 are known; the subsidy, the fund total and the
 * personal share are not computable — in the functions (#N/A in those cells only), the CLI's JSON
 * (`incomplete`), and the explainer.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as F from "../functions/functions";
import { CellError, setLanguage } from "../functions/excel";
import { run } from "../cli/main";

afterEach(() => setLanguage("zh"));

const header = ["编号", "参保地", "险种", "人员类别", "就医类型", "异地类别", "结算方式", "结算日期", "医院等级", "本年住院次数", "总费用", "公务员级别"];
const above = ["P", "兰州", "职工", "在职", "住院", "本地", "直接结算", "2020-06-30", "三级甲等", 1, 80000, "其他"];
const below = ["Q", "兰州", "职工", "在职", "住院", "本地", "直接结算", "2020-06-30", "三级甲等", 1, 5000, "其他"];
const code = (x: unknown) => (x instanceof CellError ? x.code : x);

describe("the custom functions: #N/A only where the figure is missing", () => {
  it("REIMBURSE … all: pooled and 大额 are numbers, the subsidy, personal and fund cells #N/A naming the parameter", () => {
    const [row] = F.reimburse([header, above], undefined, "all");
    // columns: pooled, largeAmount, supplementary, seriousIllness, assistance, subsidy, personal, fund, threshold, policyScope
    expect(row!.map(code)).toEqual([55168, 18000, 0, 0, 0, "#N/A", "#N/A", "#N/A", 1400, 80000]);
    expect((row![5] as Error).message).toMatch(/lanzhou\.civilServant\.aboveCapCeiling/);
  });
  it("a row below the cap in the same range is complete", () => {
    const out = F.reimburse([header, above, below], undefined, "subsidy");
    // 80% × 1 400 + 80% × (3 600 − 3 168) = 1 465.60
    expect(out.map((r) => code(r[0]))).toEqual(["#N/A", 1465.6]);
  });
  it("EXPLAIN gives the steps, the not-computable one among them", () => {
    const lines = F.explain([header, above], undefined, "en").map((r) => String(r[0])).join("\n");
    expect(lines).toMatch(/civil-servant subsidy: not computable/);
    expect(lines).toMatch(/the personal share is not computable/);
  });
});

describe("yibao settle: incomplete in the JSON line", () => {
  it("names the layer, the code, the parameter and the message; the missing amounts are null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yibao-partial-"));
    const rec = Object.fromEntries(header.map((h, i) => [h, above[i]]));
    writeFileSync(join(dir, "in.jsonl"), JSON.stringify(rec) + "\n");
    const out: string[] = [];
    expect(await run(["settle", "--in", join(dir, "in.jsonl"), "--lang", "en"], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
    const j = JSON.parse(out[0]!);
    expect(j).toMatchObject({ id: "P", pooled: "55168.00", largeAmount: "18000.00", subsidy: null, personal: null });
    expect(j.incomplete).toEqual([{ layer: "subsidy", code: "param_missing", parameter: "lanzhou.civilServant.aboveCapCeiling", message: expect.stringMatching(/not computable/) }]);
  });
});
