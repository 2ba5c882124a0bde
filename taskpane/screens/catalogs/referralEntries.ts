/** The Chaoyang referral catalog (CY 附件2) as catalog entries, each with a REFERRAL formula that finds it. */
import { REFERRAL_DEPARTMENTS, REFERRAL_ROWS, rowRef, type ReferralRow } from "../../../src/catalogs/referral";
import { citeText } from "../../../src/docs";
import { joinList } from "../../../src/messages";
import type { Lang } from "../../../src/text";
import { formulaOf, type Named } from "./entry";

const CJK = /[\u4e00-\u9fff]/;

/**
 * The keywords a row shows: in the Chinese pane the Chinese ones (the English abbreviations added for
 * searching, CABG or TIPS, still find the row; the seed's own words stay in its item text).
 */
export function referralKeywords(r: ReferralRow, lang: Lang): string[] {
  return lang === "zh" ? r.keywords.filter((k) => CJK.test(k)) : r.keywords;
}

export function referralEntries(lang: Lang): Named[] {
  return REFERRAL_ROWS.map((r) => {
    const dEn = REFERRAL_DEPARTMENTS[r.department]?.en ?? "";
    const cite = citeText(rowRef(r));
    return {
      entry: {
        key: String(r.no),
        item: { kind: "referral", r },
        title: lang === "zh" ? r.item : r.en,
        badge: `${r.no} · ${lang === "zh" ? r.department : `${dEn} ${r.department}`}`,
        summary: lang === "zh" ? joinList("zh", referralKeywords(r, lang)) : r.item,
        cites: [cite],
        row: lang === "zh" ? [r.no, r.department, r.item, cite] : [r.no, r.department, dEn, r.item, r.en, cite],
        formula: formulaOf("REFERRAL", [r.item, r.department]),
      },
      names: [r.item, r.en, ...r.keywords, r.department, dEn],
    };
  });
}
