// @vitest-environment jsdom
/**
 * The catalogs speak the pane's language, entry by entry: every entry of every catalog, its line in
 * the list and its details, rendered in the Chinese pane, has no Latin word outside the allow-list
 * (test/helpers/language.ts) and the seed documents' own words (ERCP, Wilson病 …, quoted as the
 * documents write them). English names, the tables' English remarks and the abbreviations added for
 * searching are not shown there; they still find the rows. The formula is code (the text that goes
 * into the cell) and is not scanned.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/react";
import { inLang } from "./dom";
import { CATALOG_IDS, catalogIndex } from "../../taskpane/screens/CatalogScreen";
import { EntryDetails } from "../../taskpane/screens/catalogs/EntryDetails";
import { ResultCard } from "../../taskpane/screens/catalogs/ResultCard";
import { searchGroups } from "../../taskpane/screens/catalogs/search";
import { seedWords, strayLatin } from "../helpers/language";

afterEach(cleanup);
const SEED = seedWords();

/** Every text node apart, as a person reads them. */
function texts(root: HTMLElement): string {
  const out: string[] = [];
  const walk = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) out.push(n.nodeValue ?? "");
  return out.join(" ");
}

describe("the Chinese pane's catalogs have no stray Latin", () => {
  it("is a check that can fail: an English name would be caught", () => {
    expect(strayLatin("休克 Shock 收缩压 ≤ 80 mmHg", SEED)).toEqual(["Shock"]);
  });

  it.each(CATALOG_IDS)("every entry of %s, in the list and in its details", (id) => {
    const stray = new Map<string, string[]>();
    const { entries } = catalogIndex(id, "zh");
    // the list: every row of the catalog in its card
    const group = searchGroups("", "zh")[id];
    const list = render(inLang("zh", <ResultCard group={group} searched={false} selectedKey={null} onSelect={() => {}} />));
    const s = strayLatin(texts(list.container), SEED);
    if (s.length) stray.set("list", s);
    list.unmount();
    for (const e of entries) {
      const r = render(inLang("zh", <EntryDetails entry={e} wb={null} findings="" onFindings={() => {}} />));
      // the formula is code, shown as it goes into the cell (function ids and argument codes)
      r.container.querySelectorAll("[data-testid=catalog-formula]").forEach((x) => x.remove());
      const found = strayLatin(texts(r.container), SEED);
      if (found.length) stray.set(e.key, found);
      r.unmount();
    }
    expect(Object.fromEntries(stray)).toEqual({});
  });
});
