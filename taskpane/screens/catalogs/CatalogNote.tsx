/** What a catalog is and where it comes from, in one small line with its citations. */
import { CONDITIONS, EMERGENCY_LIST_REFS } from "../../../src/catalogs/emergency";
import { lanzhouChronic } from "../../../src/catalogs/chronic";
import { MAPPING_REFS, NATIONAL_CODES } from "../../../src/catalogs/national";
import { REFERRAL_REF, REFERRAL_ROWS } from "../../../src/catalogs/referral";
import { citeText, type Ref } from "../../../src/docs";
import { say as sayIn } from "../../../src/messages";
import type { Lang } from "../../../src/text";
import { useT } from "../../i18n";
import { uniq, type CatalogId } from "./entry";
import { useCatalogStyles } from "./styles";

function about(id: CatalogId, lang: Lang): { text: string; refs: readonly Ref[] } {
  switch (id) {
    case "emergency":
      return { text: sayIn(lang, "pane.catalog.about.emergency", { n: CONDITIONS.length }), refs: EMERGENCY_LIST_REFS };
    case "chronic":
      return { text: sayIn(lang, "pane.catalog.about.chronic", { title: lanzhouChronic.title }), refs: [lanzhouChronic.employeeRef, lanzhouChronic.residentRef, ...MAPPING_REFS] };
    case "national":
      return { text: sayIn(lang, "pane.catalog.about.national", { n: NATIONAL_CODES.length }), refs: [NATIONAL_CODES[0]!.ref] };
    case "referral":
      return { text: sayIn(lang, "pane.catalog.about.referral", { n: REFERRAL_ROWS.length }), refs: [REFERRAL_REF] };
    case "materials":
      return { text: sayIn(lang, "pane.catalog.about.materials"), refs: [] };
  }
}

export function CatalogNote(props: { id: CatalogId }) {
  const c = useCatalogStyles();
  const { lang } = useT();
  const { text, refs } = about(props.id, lang);
  const cites = uniq(refs.map(citeText));
  return (
    <span className={c.note}>
      {text}
      {cites.length > 0 && <span className={c.cite}>{cites.join(sayIn(lang, "common.sentenceSeparator"))}</span>}
    </span>
  );
}
