// @vitest-environment jsdom
/**
 * The findings checker under an emergency condition (IS_EMERGENCY in the pane): findings as records
 * write them, read by the findings language (docs/findings.md, POLICY §10), the key criterion of
 * 急危重病参考病种及关键标准 (SY 附件; LN 附件; CY) evaluated over them. The checker answers exactly
 * as the custom function does — met, not met, unknown with what is missing, or refused with the
 * item and the reason — shows the items it ignored and why, and the formula it offers carries the
 * findings typed, so the sheet answers the same.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { inLang } from "./dom";
import { CatalogScreen, catalogIndex } from "../../taskpane/screens/CatalogScreen";
import { checkFindings, checkerFormula, findingsArgument } from "../../taskpane/screens/catalogs/findingsCheck";
import { exampleFindings } from "../../taskpane/screens/catalogs/emergencyEntries";
import type { Workbook } from "../../taskpane/workbook/types";
import * as F from "../../functions/functions";
import { setLanguage } from "../../functions/excel";
import { conditionsMet, CONDITIONS, findCondition, parseFindings } from "../../src/catalogs/emergency";
import type { Lang } from "../../src/text";

afterEach(() => {
  cleanup();
  setLanguage("zh");
});

function mount(lang: Lang = "zh", wb: Workbook | null = null) {
  return render(inLang(lang, <CatalogScreen wb={wb} />));
}
/** Open a condition's details and type findings into its checker. */
function check(condition: string, findings: string, lang: Lang = "zh") {
  fireEvent.change(screen.getByRole("searchbox"), { target: { value: condition } });
  fireEvent.click(within(screen.getByTestId("catalog-group-emergency")).getAllByRole("button")[0]!);
  fireEvent.change(screen.getByTestId("findings-input"), { target: { value: findings } });
  return { answer: screen.queryByTestId("findings-answer"), formula: screen.queryByTestId("catalog-formula")?.textContent ?? "" };
}
/** What the custom function answers for a formula the pane offers. */
function sheet(formula: string): unknown {
  const args = [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((x) => x[1]!.replace(/""/g, '"'));
  return F.isEmergency([[args[0]]], [[args[1]]])[0]![0];
}
const shock = () => findCondition("休克").condition!;

describe("the checker", () => {
  it("休克 met from a record's words (a blood-pressure pair, a unit, an unknown item ignored with its reason)", () => {
    mount();
    const { answer, formula } = check("休克", "血压 75/40，乳酸 3.5 mmol/L；GCS=7");
    expect(answer!.getAttribute("data-intent")).toBe("success");
    expect(answer!.textContent).toContain("满足“休克”的关键标准");
    expect(answer!.textContent).toContain("未用于判断：未知指标“GCS”，已忽略（不是关键标准中的指标）");
    const leaves = within(screen.getByTestId("findings-leaves")).getAllByRole("listitem").map((li) => li.textContent);
    expect(leaves).toEqual(["收缩压 ≤ 80 mmHg所填：75 mmHg满足", "乳酸 > 3 mmol/L所填：3.5 mmol/L满足"]);
    expect(screen.getByTestId("findings-checker").textContent).toContain("读作：收缩压 = 75 mmHg；舒张压 = 40 mmHg；乳酸 = 3.5 mmol/L");
    // the formula carries what was typed, and the sheet answers as the checker did
    expect(formula).toBe('=YIBAO.IS_EMERGENCY("休克","血压 75/40，乳酸 3.5 mmol/L；GCS=7")');
    expect(sheet(formula)).toBe(true);
  });

  it("a decimal comma is refused, naming the item; no answer is given (the sheet gives an error too)", () => {
    mount();
    const { answer, formula } = check("休克", "血压 75/40，乳酸 3,5");
    expect(answer!.getAttribute("data-intent")).toBe("error");
    expect(answer!.textContent).toContain("检查结果中有 1 项无法读取，未作判断");
    expect(answer!.textContent).toContain("“乳酸”的数值“3,5”含逗号");
    expect(screen.queryByTestId("findings-leaves")).toBeNull();
    expect(sheet(formula)).toBeInstanceOf(Error);
  });

  it("not met at the boundary's wrong side, and unknown with what is missing", () => {
    mount();
    let { answer } = check("休克", "收缩压 81，乳酸 3.5");
    expect(answer!.getAttribute("data-intent")).toBe("warning");
    expect(answer!.textContent).toContain("不满足“休克”的关键标准");
    expect(within(screen.getByTestId("findings-leaves")).getAllByRole("listitem")[0]!.textContent).toBe("收缩压 ≤ 80 mmHg所填：81 mmHg不满足");
    fireEvent.change(screen.getByTestId("findings-input"), { target: { value: "收缩压 75" } });
    answer = screen.getByTestId("findings-answer");
    expect(answer.textContent).toContain("无法判断：缺少乳酸");
    expect(within(screen.getByTestId("findings-leaves")).getAllByRole("listitem")[1]!.textContent).toBe("乳酸 > 3 mmol/L未提供缺少");
    expect(sheet(screen.getByTestId("catalog-formula").textContent!)).toBeInstanceOf(Error);
  });

  it("says when the other reading of 以上 (POLICY §10) would change the answer: 一次咯血 exactly 100 ml", () => {
    const c = CONDITIONS.find((x) => x.id === "respiratory.massiveHemoptysis")!;
    const rest = exampleFindings(c.criterion, "zh")
      .split(";")
      .filter((x) => !/咯血/.test(x));
    const text = ["一次咯血量=100ml", "24小时咯血量=200ml", ...rest].join(";");
    const r = checkFindings(c, text)!;
    expect(r.evaluation!.result).toBe("not_met"); // 100ml以上 read as more than 100 (the default)
    expect(r.otherReading).toEqual({ reading: "at_least", result: "met" });
    mount();
    check("大咯血", text);
    expect(screen.getByTestId("findings-answer").textContent).toContain("“以上”按另一种读法（不少于（含本数）");
    expect(screen.getByTestId("findings-answer").textContent).toContain("结果为“满足”（POLICY §10）");
  });

  it("lists the other conditions the findings meet (what EMERGENCY_CONDITIONS would give)", () => {
    const pair = CONDITIONS.map((c) => ({ c, text: exampleFindings(c.criterion, "zh") })).find(({ c, text }) => conditionsMet(parseFindings(text).findings).some((e) => e.condition !== c))!;
    expect(pair).toBeTruthy();
    const others = checkFindings(pair.c, pair.text)!.alsoMet;
    expect(others.length).toBeGreaterThan(0);
    mount();
    check(pair.c.name.zh, pair.text);
    expect(screen.getByTestId("findings-answer").textContent).toContain(`这些检查结果还满足：${others.map((x) => x.name.zh).join("、")}`);
  });

  it("answers exactly as IS_EMERGENCY on findings as records write them, in both languages", () => {
    const cases: [string, string][] = [
      ["休克", "收缩压=75;乳酸=3.5"],
      ["休克", "BP 75/40mmHg; Lac 3.5 mmol/L"],
      ["休克", "收缩压 80；乳酸 3"],
      ["休克", "收缩压 80；乳酸 3.01"],
      ["休克", "乳酸 35000"],
      ["休克", "收缩压≤80"],
      ["呼吸衰竭", "PaO2 50 mmHg; FiO2=0.4"],
      ["呼吸衰竭", "PaO2 70; FiO2 40%"],
      ["呼吸衰竭", "PaO2 70; FiO2=0.4"],
      ["糖尿病酮症酸中毒", "尿酮体=阳性; 血糖 20 mmol/L; pH 7.1"],
      ["糖尿病酮症酸中毒", "尿酮体(+++); 血糖 20"],
      ["急性冠脉综合征", "心电图示ST段抬高"],
      ["致命性心律失常", "心电图示室颤"],
      ["高血压危象", "血压 210/135mmHg"],
      ["急性横纹肌溶解", "肌红蛋白 1,500"],
      ["急性横纹肌溶解", "肌红蛋白 1500 ng/mL"],
      ["急性血小板减少", "PLT 15×10^9/L; 血液病病史=否"],
      ["甲亢危象", "T4 增高; 体温39.5度"],
    ];
    for (const lang of ["zh", "en"] as const) {
      setLanguage(lang);
      for (const [name, text] of cases) {
        const c = findCondition(name).condition;
        expect(c, name).toBeTruthy();
        const mine = checkFindings(c!, text)!;
        const f = checkerFormula(c!.name[lang], text)!;
        const theirs = sheet(f);
        const expected = mine.refused ? "error" : mine.evaluation!.result === "met" ? true : mine.evaluation!.result === "not_met" ? false : "error";
        expect(theirs instanceof Error ? "error" : theirs, `${name}: ${text}`).toBe(expected);
      }
    }
  });

  it("several lines become one formula argument that reads the same", () => {
    const text = "收缩压 75\n乳酸 3.5\n\nGCS 7";
    expect(findingsArgument(text)).toBe("收缩压 75;乳酸 3.5;GCS 7");
    const a = parseFindings(text);
    const b = parseFindings(findingsArgument(text));
    expect([...b.findings.keys()]).toEqual([...a.findings.keys()]);
    expect(b.ignored.map((x) => x.item)).toEqual(a.ignored.map((x) => x.item));
  });

  it("findings longer than a formula can hold: no formula, said why; the row can still be copied", () => {
    mount();
    check("休克", `收缩压=75;乳酸=3.5;${"备注 ".repeat(100)}`);
    expect(screen.queryByTestId("catalog-formula")).toBeNull();
    expect((screen.getByRole("button", { name: "复制公式" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/检查结果超过 255 个字符，放不进公式/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "复制行" }) as HTMLButtonElement).disabled).toBe(false);
    // the answer is still given
    expect(screen.getByTestId("findings-answer").textContent).toContain("满足“休克”的关键标准");
  });

  it("in Excel, 插入公式 writes the formula with the typed findings (asking before overwriting, as every insert)", async () => {
    const calls: { values: unknown[][]; overwrite: boolean }[] = [];
    const wb: Workbook = {
      mode: "excel",
      listSources: async () => [],
      read: async () => ({ label: "", header: [], rows: [] }),
      newSheet: async () => {
        throw new Error("not used");
      },
      activeRecord: async () => null,
      insertAtSelection: async (values, overwrite) => {
        calls.push({ values, overwrite });
        return calls.length === 1 ? { occupied: "B2" } : { written: "B2" };
      },
    };
    mount("zh", wb);
    check("休克", "收缩压 75\n乳酸 3.5");
    fireEvent.click(screen.getByRole("button", { name: "插入公式" }));
    await waitFor(() => expect(screen.getByText("B2 已有内容，覆盖吗？")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "覆盖" }));
    await waitFor(() => expect(screen.getByText("已写入公式：B2")).toBeTruthy());
    expect(calls).toEqual([
      { values: [['=YIBAO.IS_EMERGENCY("休克","收缩压 75;乳酸 3.5")']], overwrite: false },
      { values: [['=YIBAO.IS_EMERGENCY("休克","收缩压 75;乳酸 3.5")']], overwrite: true },
    ]);
    // new findings: the last answer no longer applies
    fireEvent.change(screen.getByTestId("findings-input"), { target: { value: "收缩压 90" } });
    expect(screen.queryByText("已写入公式：B2")).toBeNull();
  });

  it("no findings typed: the example formula, said to be an example", () => {
    mount();
    check("休克", "");
    expect(screen.queryByTestId("findings-answer")).toBeNull();
    expect(screen.getByTestId("catalog-formula").textContent).toBe(catalogIndex("emergency", "zh").byKey.get(shock().id)!.formula);
    expect(screen.getByText(/公式中的检查数值是满足关键标准的示例/)).toBeTruthy();
  });

  it("in English", () => {
    mount("en");
    const { answer, formula } = check("shock", "BP 75/40; lactate 3.5; GCS 7", "en");
    expect(answer!.textContent).toContain("The key criterion of “Shock” is met");
    expect(answer!.textContent).toMatch(/Not used: .*GCS/);
    expect(formula).toBe('=YIBAO.IS_EMERGENCY("Shock","BP 75/40; lactate 3.5; GCS 7")');
    const own = screen.getByTestId("findings-checker").textContent!;
    expect(own, own).not.toMatch(/[\u4e00-\u9fff]/);
    // a refusal names the finding in English too
    fireEvent.change(screen.getByTestId("findings-input"), { target: { value: "BP 75/40, lactate 3,5" } });
    const refused = screen.getByTestId("findings-checker").textContent!;
    expect(refused).toContain(`"lactate" = "3,5"`);
    expect(refused, refused).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
