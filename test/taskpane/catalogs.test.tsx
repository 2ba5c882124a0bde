// @vitest-environment jsdom
/**
 * The Catalogs (目录) screen: searching the catalogs, the details of an entry with its citation, and
 * putting a row or a ready formula into the sheet — at the Excel selection (asking before overwriting)
 * or, outside Excel, on the clipboard. Every formula the screen offers is also run through the custom
 * function it names, so a formula that looks right but computes nothing would fail here.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { LangContext } from "../../taskpane/i18n";
import { CatalogScreen, CATALOG_IDS, catalogIndex, rowText, searchCatalog, type Cell } from "../../taskpane/screens/CatalogScreen";
import { isOurFormula } from "../../taskpane/workbook/excel";
import type { Workbook } from "../../taskpane/workbook/types";
import * as F from "../../functions/functions";
import { setLanguage } from "../../functions/excel";
import { CONDITIONS } from "../../src/catalogs/emergency";
import { lanzhouChronic } from "../../src/catalogs/chronic";
import { LANZHOU_TO_NATIONAL, NATIONAL_CODES } from "../../src/catalogs/national";
import { REFERRAL_ROWS } from "../../src/catalogs/referral";
import { MATERIAL_KINDS } from "../../src/catalogs/materials";
import type { Lang } from "../../src/text";

beforeAll(() => {
  // What Fluent UI asks of the browser and jsdom does not have.
  if (!window.matchMedia)
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  if (!("ResizeObserver" in globalThis))
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setLanguage("zh");
});

type Answer = { written: string } | { occupied: string };

/** A workbook that records every insert and answers from a script (then "written" at A1). */
function fakeWorkbook(mode: "excel" | "file", answers: Answer[] = []) {
  const calls: { values: unknown[][]; overwrite: boolean }[] = [];
  const wb: Workbook = {
    mode,
    listSources: async () => [],
    read: async () => ({ label: "", header: [], rows: [] }),
    newSheet: async () => {
      throw new Error("not used");
    },
    activeRecord: async () => null,
    insertAtSelection: async (values, overwrite) => {
      calls.push({ values, overwrite });
      return answers.shift() ?? { written: "A1" };
    },
  };
  return { wb, calls };
}

function mount(wb: Workbook | null, lang: Lang = "zh") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <CatalogScreen wb={wb} />
      </LangContext.Provider>
    </FluentProvider>,
  );
}

const zh = {
  catalog: () => screen.getByRole("combobox", { name: "选择目录" }),
  search: () => screen.getByRole("searchbox", { name: "搜索目录" }),
  list: () => screen.getByRole("list", { name: "目录条目" }),
  details: () => screen.getByRole("region", { name: "条目详情" }),
};

function choose(catalog: string, query: string, combobox = zh.catalog(), search = zh.search()) {
  fireEvent.change(combobox, { target: { value: catalog } });
  fireEvent.change(search, { target: { value: query } });
}

/** The entry buttons of the result list. */
function entries(list = zh.list()): HTMLElement[] {
  return within(list).queryAllByRole("button");
}

function entry(text: string | RegExp, list = zh.list()): HTMLElement {
  const hits = entries(list).filter((b) => (typeof text === "string" ? b.textContent!.includes(text) : text.test(b.textContent!)));
  expect(hits.length, `an entry with ${String(text)}`).toBeGreaterThan(0);
  return hits[0]!;
}

const SHOCK_ZH = '=YIBAO.IS_EMERGENCY("休克","收缩压=75;乳酸=3.5")';

describe("searching", () => {
  it("高血压 in 慢特病 finds the Lanzhou disease (employee and resident) with its national code M03900", () => {
    mount(null);
    choose("chronic", "高血压");
    const hits = entries();
    expect(hits.length).toBeGreaterThanOrEqual(2);
    // only hypertension rows, best first: the employee row 9 and the resident row 38
    for (const h of hits) expect(h.textContent).toContain("原发性高血压（有合并症者）");
    expect(hits.map((h) => h.textContent).join("\n")).toMatch(/职工 9[\s\S]*M03900[\s\S]*居民 38/);
    expect(hits[0]!.textContent).toContain("限额 2,800.00 元/年");
    expect(hits[0]!.textContent).toContain("比例 70%");
    expect(hits[0]!.textContent).toContain("支付年限 10 年");
    // the citation, document and section, in small text
    expect(hits[0]!.textContent).toContain("兰州市基本医疗保险政策指南（2020年4月） 第一部分 三、(三) 2.");

    fireEvent.click(hits[0]!);
    const d = zh.details();
    expect(within(d).getByText("M03900")).toBeTruthy();
    expect(d.textContent).toContain("子集：有合并症的原发性高血压属高血压");
    expect(within(d).getByTestId("catalog-formula").textContent).toBe('=YIBAO.CHRONIC_CODE("原发性高血压（有合并症者）")');
    // the excerpt of the table row it comes from
    expect(d.textContent).toContain("9 原发性高血压（有合并症者） 10 2800 元/年");
  });

  it("a Lanzhou disease without a national code says why", () => {
    mount(null);
    choose("chronic", "癫痫");
    fireEvent.click(entry("癫痫"));
    const d = zh.details();
    const reason = LANZHOU_TO_NATIONAL.find((m) => m.lanzhouName === "癫痫" && m.lanzhouId.startsWith("E"))!;
    expect(reason.code).toBeNull();
    expect(d.textContent).toMatch(/国家代码无/);
    expect(d.textContent).toContain(reason.reason.zh);
    expect(entry("癫痫").textContent).toContain("无国家代码");
  });

  it("a code, or its beginning, finds the rows it belongs to", () => {
    mount(null);
    choose("national", "m039");
    expect(entries().map((b) => b.textContent)).toEqual([expect.stringContaining("M03900")]);
    fireEvent.click(entries()[0]!);
    expect(within(zh.details()).getByTestId("catalog-formula").textContent).toBe('=YIBAO.CHRONIC_NAME("M03900")');
  });

  it("休克 in 急危重病 shows the condition and its key criterion, in words", () => {
    mount(null);
    choose("emergency", "休克");
    const hits = entries();
    expect(hits).toHaveLength(1);
    expect(hits[0]!.textContent).toContain("收缩压 ≤ 80 mmHg 且 乳酸 > 3 mmol/L");
    expect(hits[0]!.textContent).toContain("沈医保发〔2021〕22号 附件 一、(六)");
    fireEvent.click(hits[0]!);
    const crit = within(zh.details()).getByTestId("criterion");
    expect(crit.textContent).toContain("同时满足");
    expect(within(crit).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["收缩压 ≤ 80 mmHg", "乳酸 > 3 mmol/L"]);
    expect(zh.details().textContent).toContain("原文：收缩压 ≤80mmHg伴乳酸 >3mmol/L。");
    expect(within(zh.details()).getByTestId("catalog-formula").textContent).toBe(SHOCK_ZH);
  });

  it("an alias or a finding finds the conditions too (心梗, 乳酸)", () => {
    mount(null);
    choose("emergency", "心梗");
    expect(entries()[0]!.textContent).toContain("急性冠脉综合征");
    fireEvent.change(zh.search(), { target: { value: "乳酸" } });
    expect(entries().map((b) => b.textContent).join()).toContain("休克");
  });

  it("the referral catalog by condition, department or number; the materials by kind", () => {
    expect(searchCatalog("referral", "zh", "新生儿溶血")[0]!.formula).toBe('=YIBAO.REFERRAL("新生儿溶血病需要换血治疗","儿科")');
    expect(searchCatalog("referral", "zh", "12")[0]!.key).toBe("12");
    expect(searchCatalog("referral", "zh", "儿科").every((e) => e.item.kind === "referral" && e.item.r.department === "儿科")).toBe(true);
    const m = searchCatalog("materials", "zh", "异地住院未能直接结算");
    expect(m[0]!.formula).toBe('=YIBAO.MATERIALS("inpatient","manual","lanzhou","employee")');
    // nothing typed: the whole catalog
    for (const id of CATALOG_IDS) expect(searchCatalog(id, "zh", "  ")).toHaveLength(catalogIndex(id, "zh").entries.length);
    expect(catalogIndex("emergency", "zh").entries).toHaveLength(CONDITIONS.length);
    expect(catalogIndex("chronic", "zh").entries).toHaveLength(lanzhouChronic.employee.length + lanzhouChronic.resident.length);
    expect(catalogIndex("national", "zh").entries).toHaveLength(NATIONAL_CODES.length);
    expect(catalogIndex("referral", "zh").entries).toHaveLength(REFERRAL_ROWS.length);
    expect(catalogIndex("materials", "zh").entries).toHaveLength(MATERIAL_KINDS.length);
  });

  it("the scheme filter keeps one Lanzhou list", () => {
    mount(null);
    choose("chronic", "高血压");
    fireEvent.change(screen.getByRole("combobox", { name: "按险种筛选" }), { target: { value: "resident" } });
    const hits = entries();
    expect(hits).toHaveLength(1);
    expect(hits[0]!.textContent).toContain("居民 38");
    expect(hits[0]!.textContent).toContain("限额 2,000.00 元/年");
  });
});

/** Run a formula the screen offers through the custom function it names. */
function run(formula: string): unknown[][] {
  const m = /^=YIBAO\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(formula);
  const args = [...m[2]!.matchAll(/"((?:[^"]|"")*)"/g)].map((x) => x[1]!.replace(/""/g, '"'));
  switch (m[1]) {
    case "IS_EMERGENCY":
      return F.isEmergency([[args[0]]], [[args[1]]]);
    case "CHRONIC_CODE":
      return F.chronicCodeFn([[args[0]]]);
    case "CHRONIC_NAME":
      return F.chronicNameFn([[args[0]]]);
    case "REFERRAL":
      return F.referral(args[0]!, args[1]);
    case "MATERIALS":
      return F.materials(args[0]!, args[1], args[2], args[3]);
    default:
      throw new Error(`unexpected function ${m[1]}`);
  }
}

describe("the formulas offered", () => {
  it.each(["zh", "en"] as const)("every entry's formula (%s) is ours and computes that entry", (lang) => {
    setLanguage(lang);
    for (const id of CATALOG_IDS)
      for (const e of catalogIndex(id, lang).entries) {
        expect(isOurFormula(e.formula), e.formula).toBe(true);
        const out = run(e.formula);
        const it = e.item;
        switch (it.kind) {
          case "emergency":
            // the example findings meet the key criterion
            expect(out, e.formula).toEqual([[true]]);
            break;
          case "chronic":
            if (it.m.code) expect(out, e.formula).toEqual([[it.m.code]]);
            else expect(out[0]![0], e.formula).toBeInstanceOf(Error);
            break;
          case "national":
            expect(out).toEqual([[it.n.name]]);
            break;
          case "referral":
            // the catalog has one row twice (23 and 43); the formula finds this row's text
            expect(out.map((r) => `${r[1]} ${r[2]}`), e.formula).toContain(`${it.r.department} ${it.r.item}`);
            break;
          case "materials":
            expect(out.flat(), e.formula).toContain(`【${it.k.name[lang]}】${it.k.openEnded ? (lang === "zh" ? "（最低要求）" : " (a minimum)") : ""}`);
            break;
        }
      }
  });
});

describe("inserting in Excel", () => {
  it("插入公式 writes exactly the formula at the selection, without overwriting", async () => {
    const { wb, calls } = fakeWorkbook("excel", [{ written: "B2" }]);
    mount(wb);
    choose("emergency", "休克");
    fireEvent.click(entry("休克"));
    fireEvent.click(screen.getByRole("button", { name: "插入公式" }));
    await waitFor(() => expect(screen.getByText("已写入公式：B2")).toBeTruthy());
    expect(calls).toEqual([{ values: [[SHOCK_ZH]], overwrite: false }]);
    expect(isOurFormula(calls[0]!.values[0]![0] as string)).toBe(true);
  });

  it("插入行 writes the entry as one row of cells", async () => {
    const { wb, calls } = fakeWorkbook("excel", [{ written: "A5:J5" }]);
    mount(wb);
    choose("chronic", "高血压");
    fireEvent.click(entries()[0]!);
    fireEvent.click(screen.getByRole("button", { name: "插入行" }));
    await waitFor(() => expect(screen.getByText("已写入一行：A5:J5")).toBeTruthy());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.overwrite).toBe(false);
    const row = calls[0]!.values as Cell[][];
    expect(row).toHaveLength(1);
    expect(row[0]!.slice(0, 8)).toEqual(["职工", "9", "原发性高血压（有合并症者）", 2800, "70%", 10, "M03900", "高血压"]);
  });

  it("an occupied target asks first, and writes only after 覆盖", async () => {
    const { wb, calls } = fakeWorkbook("excel", [{ occupied: "C3:H3" }, { written: "C3:H3" }]);
    mount(wb);
    choose("emergency", "休克");
    fireEvent.click(entry("休克"));
    fireEvent.click(screen.getByRole("button", { name: "插入行" }));
    await waitFor(() => expect(screen.getByText("C3:H3 已有内容，覆盖吗？")).toBeTruthy());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.overwrite).toBe(false);
    expect(screen.queryByText(/已写入/)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "覆盖" }));
    await waitFor(() => expect(screen.getByText("已写入一行：C3:H3")).toBeTruthy());
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ values: calls[0]!.values, overwrite: true });
    expect(calls[1]!.values[0]!.slice(0, 4)).toEqual(["一、(六)", "循环系统", "休克", "收缩压 ≤ 80 mmHg 且 乳酸 > 3 mmol/L"]);
    expect(screen.queryByText("C3:H3 已有内容，覆盖吗？")).toBeNull();
  });

  it("取消 writes nothing", async () => {
    const { wb, calls } = fakeWorkbook("excel", [{ occupied: "D4" }]);
    mount(wb);
    choose("national", "M03900");
    fireEvent.click(entries()[0]!);
    fireEvent.click(screen.getByRole("button", { name: "插入公式" }));
    await waitFor(() => expect(screen.getByText("D4 已有内容，覆盖吗？")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    expect(screen.getByText("已取消，没有写入任何内容。")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "覆盖" })).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("a failed write says so", async () => {
    const { wb } = fakeWorkbook("excel");
    wb.insertAtSelection = async () => {
      throw new Error("The selection is protected");
    };
    mount(wb);
    choose("emergency", "休克");
    fireEvent.click(entry("休克"));
    fireEvent.click(screen.getByRole("button", { name: "插入公式" }));
    // in the pane's words, never the library's (issue 15: no raw library message in front of a user)
    await waitFor(() => expect(screen.getByText("未能写入表格")).toBeTruthy());
    expect(screen.getByTestId("insert-status").getAttribute("data-intent")).toBe("error");
    expect(screen.getByTestId("insert-status").textContent).toContain("表格未改动");
    expect(screen.queryByText(/The selection is protected/)).toBeNull();
  });
});

describe("English", () => {
  it("renders in English and offers English formulas", async () => {
    const { wb, calls } = fakeWorkbook("excel", [{ written: "A1" }]);
    mount(wb, "en");
    const combobox = screen.getByRole("combobox", { name: "Choose a catalog" });
    expect(within(combobox).getAllByRole("option").map((o) => o.textContent)).toEqual(["All catalogs", "Emergency criteria", "Chronic diseases (Lanzhou)", "National chronic codes", "Referral catalog (Chaoyang)", "Materials lists"]);
    choose("emergency", "shock", combobox, screen.getByRole("searchbox", { name: "Search the catalog" }));
    const list = screen.getByRole("list", { name: "Catalog entries" });
    const hit = entry("Shock", list);
    expect(hit.textContent).toContain("systolic blood pressure ≤ 80 mmHg and lactate > 3 mmol/L");
    fireEvent.click(hit);
    const d = screen.getByRole("region", { name: "Entry details" });
    expect(within(d).getByTestId("criterion").textContent).toContain("All of:");
    expect(d.textContent).toContain("Document text:");
    fireEvent.click(within(d).getByRole("button", { name: "Insert formula" }));
    await waitFor(() => expect(screen.getByText("Formula written to A1")).toBeTruthy());
    expect(calls[0]!.values).toEqual([['=YIBAO.IS_EMERGENCY("Shock","sbp=75;lactate=3.5")']]);
    expect(screen.queryByText(/插入|已写入/)).toBeNull();
  });

  it("shows the chronic disease's cap, ratio and mapping reason in English", () => {
    mount(null, "en");
    choose("chronic", "hypertension", screen.getByRole("combobox", { name: "Choose a catalog" }), screen.getByRole("searchbox", { name: "Search the catalog" }));
    const list = screen.getByRole("list", { name: "Catalog entries" });
    const hit = entry("M03900", list);
    expect(hit.textContent).toContain("cap 2,800.00 yuan/yr");
    fireEvent.click(hit);
    expect(screen.getByRole("region", { name: "Entry details" }).textContent).toContain("Subset: primary hypertension with complications is hypertension.");
  });
});

describe("outside Excel", () => {
  it("copies the formula to the clipboard and says so", async () => {
    const writeText = vi.fn(async (_: string) => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    mount(null);
    choose("emergency", "休克");
    fireEvent.click(entry("休克"));
    expect(screen.queryByRole("button", { name: "插入公式" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "复制公式" }));
    await waitFor(() => expect(screen.getByText("已复制公式，可粘贴到 Excel 单元格中。")).toBeTruthy());
    expect(writeText).toHaveBeenCalledWith(SHOCK_ZH);
  });

  it("copies the row tab-separated; an opened file is not written to", async () => {
    const writeText = vi.fn(async (_: string) => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { wb, calls } = fakeWorkbook("file");
    mount(wb);
    choose("chronic", "高血压");
    fireEvent.click(entries()[0]!);
    fireEvent.click(screen.getByRole("button", { name: "复制行" }));
    await waitFor(() => expect(screen.getByText("已复制这一行（制表符分隔），可粘贴到表格中。")).toBeTruthy());
    expect(calls).toHaveLength(0);
    const text = writeText.mock.calls[0]![0];
    expect(text.split("\t").slice(0, 8)).toEqual(["职工", "9", "原发性高血压（有合并症者）", "2800", "70%", "10", "M03900", "高血压"]);
    expect(text).not.toMatch(/\n/);
  });

  it("without a clipboard, shows the text to copy by hand", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    mount(null);
    choose("referral", "新生儿溶血");
    fireEvent.click(entries()[0]!);
    fireEvent.click(screen.getByRole("button", { name: "复制公式" }));
    await waitFor(() => expect(screen.getByText("无法访问剪贴板，请手动复制：")).toBeTruthy());
    expect((screen.getByRole("textbox", { name: "要复制的内容" }) as HTMLTextAreaElement).value).toBe('=YIBAO.REFERRAL("新生儿溶血病需要换血治疗","儿科")');
  });

  it("a refused clipboard falls back the same way", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error("denied")) } });
    mount(null);
    choose("materials", "异地住院未能直接结算");
    fireEvent.click(entries()[0]!);
    fireEvent.click(screen.getByRole("button", { name: "复制行" }));
    await waitFor(() => expect(screen.getByText("无法访问剪贴板，请手动复制：")).toBeTruthy());
    const manual = (screen.getByRole("textbox", { name: "要复制的内容" }) as HTMLTextAreaElement).value;
    expect(manual.split("\t")[0]).toBe("兰州市异地住院未能直接结算的手工报销（最低要求）");
  });
});

describe("rowText", () => {
  it("keeps one row on one line", () => {
    expect(rowText(["a\tb", 1, "c\nd"])).toBe("a b\t1\tc d");
  });
});
