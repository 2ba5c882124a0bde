// @vitest-environment jsdom
/**
 * One search box over every catalog (issue 15, item 6): results grouped by catalog with the names
 * of issue 12 (synonyms, English names, specific diseases read as their class, department groups,
 * the referral catalog's term synonyms); a catalog that has nothing for the text says where it is
 * found (透析 or 心内科 under 急危重病 never a bare "找到 0 条"); a name that could mean several rows
 * gives candidates with the reason and no row is picked; the screen keeps its search across tabs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inLang } from "./dom";
import { App } from "../../taskpane/App";
import { openFile } from "../../taskpane/workbook/file";
import { CatalogScreen, searchGroups } from "../../taskpane/screens/CatalogScreen";
import { REFERRAL_ROWS } from "../../src/catalogs/referral";
import type { Lang } from "../../src/text";

afterEach(cleanup);

function mount(lang: Lang = "zh") {
  return render(inLang(lang, <CatalogScreen wb={null} />));
}
const search = (q: string) => fireEvent.change(screen.getByRole("searchbox"), { target: { value: q } });
const scope = (id: string) => fireEvent.change(screen.getByTestId("catalog-scope"), { target: { value: id } });
const group = (id: string) => screen.queryByTestId(`catalog-group-${id}`);
/** The entry buttons of a catalog's card: their text, and how each was found. */
function hits(id: string): { text: string; how: string }[] {
  const g = group(id);
  if (!g) return [];
  return within(g)
    .queryAllByRole("button")
    .filter((b) => b.hasAttribute("data-how"))
    .map((b) => ({ text: b.textContent ?? "", how: b.getAttribute("data-how")! }));
}

describe("one search over every catalog", () => {
  it("透析 is found in the chronic list, the national codes and the referral catalog at once, grouped", () => {
    mount();
    search("透析");
    expect(hits("chronic").map((h) => h.text)).toEqual(expect.arrayContaining([expect.stringContaining("慢性肾衰竭透析治疗")]));
    expect(hits("national")[0]!.text).toContain("M07801");
    expect(hits("referral").map((h) => h.text).join("\n")).toContain("肾综合征出血热需透析治疗");
    // the catalogs without it are named, not left out silently
    expect(group("emergency")).toBeNull();
    expect(screen.getByTestId("catalog-status").textContent).toMatch(/找到 \d+ 条，分属 3 个目录；急危重病、报销材料中没有/);
  });

  it("透析 under 急危重病: not a bare 0 — it says where it is found, and one click shows it", () => {
    mount();
    scope("emergency");
    search("透析");
    expect(screen.queryByText(/找到 0 条/)).toBeNull();
    const banner = screen.getByTestId("catalog-not-here");
    expect(banner.textContent).toContain("急危重病中没有“透析”");
    expect(banner.textContent).toContain("在其他目录中找到：慢特病（兰州）、国家病种代码、转诊目录（朝阳）");
    expect(banner.getAttribute("data-intent")).not.toBe("success");
    fireEvent.click(screen.getByTestId("elsewhere-chronic"));
    expect((screen.getByTestId("catalog-scope") as HTMLSelectElement).value).toBe("chronic");
    expect(hits("chronic")[0]!.text).toContain("慢性肾衰竭透析治疗");
  });

  it("心内科 under 急危重病 points to the referral catalog, where it is the cardiology department (循环内科)", () => {
    mount();
    scope("emergency");
    search("心内科");
    expect(screen.getByTestId("catalog-not-here").textContent).toContain("在其他目录中找到：转诊目录（朝阳）");
    fireEvent.click(screen.getByTestId("elsewhere-referral"));
    const rows = hits("referral");
    const cardiology = REFERRAL_ROWS.filter((r) => r.department === "循环内科");
    expect(rows).toHaveLength(cardiology.length);
    expect(rows.every((r) => r.how === "department" && r.text.includes("循环内科"))).toBe(true);
    expect(within(group("referral")!).getByTestId("catalog-notes").textContent).toContain("“心内科”是科室名称：列出循环内科的全部条目");
  });

  it("a text found nowhere says so, with what can be searched (a warning, never a green banner)", () => {
    mount();
    search("不存在的病名");
    const b = screen.getByTestId("catalog-nothing");
    expect(b.getAttribute("data-intent")).toBe("warning");
    expect(b.textContent).toContain("所有目录中都没有“不存在的病名”");
    expect(b.textContent).toContain("国家代码（M03900）");
    expect(screen.queryByRole("list", { name: "目录条目" })).toBeNull();
  });

  it("each card shows its best five and offers the rest in its catalog", () => {
    mount();
    search("肝移植");
    const all = searchGroups("肝移植", "zh").referral.hits.length;
    expect(all).toBeGreaterThan(5);
    expect(hits("referral")).toHaveLength(5);
    fireEvent.click(within(group("referral")!).getByRole("button", { name: `在转诊目录（朝阳）中查看全部 ${all} 条` }));
    expect(hits("referral")).toHaveLength(all);
    expect(screen.getByTestId("catalog-status").textContent).toBe(`找到 ${all} 条（共 ${REFERRAL_ROWS.length} 条）`);
    // the other catalogs that have it stay one click away
    expect(screen.getByTestId("catalog-elsewhere").textContent).toMatch(/其他目录中也有：.*慢特病（兰州）.*国家病种代码/);
  });

  it("nothing typed: every catalog with its size and what it is; a catalog opens to browse it all", () => {
    mount();
    expect(screen.getByTestId("catalog-status").textContent).toMatch(/^共 \d+ 条，分属 5 个目录/);
    expect(group("emergency")!.textContent).toContain("急危重病参考病种及关键标准（56 种）");
    expect(hits("emergency")).toEqual([]);
    fireEvent.click(within(group("emergency")!).getByRole("button", { name: "在急危重病中查看全部 56 条" }));
    expect(hits("emergency")).toHaveLength(56);
  });
});

describe("ambiguity is shown as candidates, never a silent pick", () => {
  it("高血压: the national code is exact; the emergency list and the Lanzhou rows give candidates with the reason", () => {
    mount();
    search("高血压");
    expect(hits("national")[0]).toMatchObject({ how: "name", text: expect.stringContaining("M03900") });
    const e = hits("emergency");
    expect(e[0]).toMatchObject({ how: "candidate", text: expect.stringContaining("高血压危象") });
    expect(within(group("emergency")!).getByTestId("catalog-notes").textContent).toContain("“高血压”不能确定是哪一个病种：高血压本身不在清单上，只有高血压危象");
    const lz = hits("chronic");
    expect(lz.length).toBeGreaterThanOrEqual(2);
    expect(lz.slice(0, 2).every((h) => h.how === "candidate" && h.text.includes("原发性高血压（有合并症者）"))).toBe(true);
    expect(lz[0]!.text).toContain("候选");
    // nothing is chosen for the user
    expect(screen.queryByRole("region", { name: "条目详情" })).toBeNull();
  });

  it("乳腺癌: malignant tumours (M00500) by disease class with the reason; the four Lanzhou tumour rows per scheme as candidates", () => {
    mount();
    search("乳腺癌");
    expect(hits("national")[0]).toMatchObject({ how: "rule", text: expect.stringContaining("M00500") });
    expect(within(group("national")!).getByTestId("catalog-notes").textContent).toContain("“乳腺癌”对应 M00500：癌、肉瘤、淋巴瘤");
    const cands = searchGroups("乳腺癌", "zh").chronic.hits.filter((h) => h.how === "candidate");
    expect(cands).toHaveLength(8);
    expect(searchGroups("乳腺癌", "zh").chronic.ambiguous).toBe(true);
  });

  it("肾移植术后抗排斥: the transplant row by its class, and the kidney's own code M08301 (not the class code)", () => {
    const g = searchGroups("肾移植术后抗排斥", "zh");
    expect(g.chronic.hits[0]).toMatchObject({ how: "rule", entry: { title: "器官移植抗排异治疗" } });
    expect(g.national.hits[0]!.entry.key).toBe("M08301");
  });
});

describe("the names of issue 12", () => {
  it("referral term synonyms: 冠状动脉旁路移植术 finds 冠脉搭桥术, Crohn病 finds 克罗恩病, and say how they were read", () => {
    let g = searchGroups("冠状动脉旁路移植术", "zh");
    expect(g.referral.hits[0]!.entry.title).toBe("冠脉搭桥术");
    expect(g.referral.notes[0]!.zh).toBe("按目录用语读作“冠脉搭桥术”。");
    g = searchGroups("Crohn病", "zh");
    expect(g.referral.hits.map((h) => h.entry.title).every((t) => t.includes("克罗恩病"))).toBe(true);
    expect(g.referral.hits).toHaveLength(2);
  });

  it("English names and aliases, in either pane: shock, 心梗, 心肌梗死, status epilepticus", () => {
    expect(searchGroups("shock", "zh").emergency.hits[0]).toMatchObject({ how: "name", entry: { title: "休克" } });
    expect(searchGroups("心梗", "zh").emergency.hits[0]).toMatchObject({ how: "alias", entry: { title: "急性冠脉综合征" } });
    expect(searchGroups("心肌梗死", "zh").emergency.hits[0]!.entry.title).toBe("急性冠脉综合征");
    expect(searchGroups("status epilepticus", "en").emergency.hits[0]).toMatchObject({ how: "alias", entry: { key: "nervous.grandMalSeizure" } });
    expect(searchGroups("dialysis", "en").national.hits[0]!.entry.key).toBe("M07801");
  });

  it("a finding or a choice of a criterion lists the conditions that use it (乳酸, 室颤)", () => {
    const lac = searchGroups("乳酸", "zh").emergency;
    expect(lac.hits.map((h) => h.entry.title)).toEqual(expect.arrayContaining(["休克"]));
    expect(lac.hits.every((h) => h.how === "finding")).toBe(true);
    expect(searchGroups("室颤", "zh").emergency.hits[0]!.entry.title).toBe("致命性心律失常");
  });

  it("a short abbreviation is a word: MI finds no row that merely contains the letters", () => {
    const g = searchGroups("MI", "en");
    for (const id of ["emergency", "chronic", "national", "referral", "materials"] as const) expect(g[id].hits.filter((h) => h.how === "contains"), id).toEqual([]);
    expect(searchGroups("ERCP", "zh").referral.hits.length).toBeGreaterThan(0);
  });

  it("codes and row numbers: M039 finds M03900 and its Lanzhou rows only; 12 the referral row 12", () => {
    const g = searchGroups("m039", "zh");
    expect(g.national.hits.map((h) => h.entry.key)).toEqual(["M03900"]);
    expect(g.chronic.hits.every((h) => h.how === "code")).toBe(true);
    expect(searchGroups("12", "zh").referral.hits[0]).toMatchObject({ how: "number", entry: { key: "12" } });
  });
});

describe("the English pane", () => {
  it("groups, statuses and notes in English", () => {
    mount("en");
    scope("emergency");
    search("dialysis");
    expect(screen.getByTestId("catalog-not-here").textContent).toContain("Nothing in Emergency criteria for “dialysis”");
    expect(screen.getByTestId("catalog-not-here").textContent).toContain("It is found in other catalogs: Chronic diseases (Lanzhou), National chronic codes, Referral catalog (Chaoyang)");
    scope("all");
    search("hypertension");
    expect(screen.getByTestId("catalog-status").textContent).toMatch(/found in \d catalog\(s\)/);
    expect(screen.queryByText(/找到|目录中/)).toBeNull();
  });
});

describe("the screen keeps its work across tabs", () => {
  it("a search, the chosen entry and the findings typed are there again after 核查 and back", async () => {
    const csv = readFileSync(join(__dirname, "../../samples/lanzhou-claims.csv"));
    const buf = csv.buffer.slice(csv.byteOffset, csv.byteOffset + csv.byteLength) as ArrayBuffer;
    localStorage.clear();
    render(<App inExcel={false} initialLang="zh" workbook={await openFile("lanzhou-claims.csv", buf)} />);
    fireEvent.click(screen.getByRole("tab", { name: "目录" }));
    search("休克");
    fireEvent.click(within(group("emergency")!).getAllByRole("button")[0]!);
    fireEvent.change(screen.getByTestId("findings-input"), { target: { value: "收缩压=75;乳酸=3.5" } });
    fireEvent.click(screen.getByRole("tab", { name: "核查" }));
    expect(screen.queryByRole("searchbox", { name: "搜索目录" })).toBeNull();
    fireEvent.click(screen.getByRole("tab", { name: "目录" }));
    expect((screen.getByRole("searchbox", { name: "搜索目录" }) as HTMLInputElement).value).toBe("休克");
    expect(screen.getByRole("region", { name: "条目详情" }).textContent).toContain("休克");
    expect((screen.getByTestId("findings-input") as HTMLTextAreaElement).value).toBe("收缩压=75;乳酸=3.5");
    expect(screen.getByTestId("findings-answer").textContent).toContain("满足“休克”的关键标准");
  });
});
