/**
 * The line under the search box: how many rows were found and in which catalogs. A catalog that has
 * nothing for the text never answers with a bare "0 found": it says where the text is found (透析 or
 * 心内科 under 急危重病 point to the chronic list and the referral catalog), one click away; a text
 * found nowhere says what can be searched.
 */
import { Link, makeStyles } from "@fluentui/react-components";
import { joinList } from "../../../src/messages";
import { Banner } from "../../components/Banner";
import { useT } from "../../i18n";
import { catalogIndex } from "./catalogIndex";
import { CATALOG_IDS, CATALOG_NAME, type CatalogId } from "./entry";
import type { Groups } from "./search";
import { useCatalogStyles } from "./styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  links: { display: "flex", flexWrap: "wrap", gap: "2px 12px", alignItems: "baseline", minWidth: 0 },
});

export type Scope = "all" | CatalogId;

function Elsewhere(props: { ids: CatalogId[]; groups: Groups; onScope: (id: CatalogId) => void; label: string }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { s: say } = useT();
  return (
    <div className={s.links} data-testid="catalog-elsewhere">
      <span className={c.note}>{props.label}</span>
      {props.ids.map((id) => (
        <Link key={id} as="button" onClick={() => props.onScope(id)} data-testid={`elsewhere-${id}`}>
          {say("pane.catalog.status.inCatalog", { catalog: say(CATALOG_NAME[id]), n: props.groups[id].hits.length })}
        </Link>
      ))}
    </div>
  );
}

export function SearchStatus(props: { query: string; scope: Scope; groups: Groups; onScope: (id: CatalogId) => void }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const q = props.query.trim();
  const n = (id: CatalogId) => props.groups[id].hits.length;
  const names = (ids: CatalogId[]) => joinList(lang, ids.map((id) => say(CATALOG_NAME[id])));
  const found = CATALOG_IDS.filter((id) => n(id) > 0);
  const nowhere = q !== "" && found.length === 0;
  let line: string;
  if (!q) line = props.scope === "all" ? say("pane.catalog.status.overview", { n: CATALOG_IDS.reduce((a, id) => a + n(id), 0), k: CATALOG_IDS.length }) : say("pane.catalog.status.browse", { n: n(props.scope) });
  else if (props.scope === "all") line = say("pane.catalog.status.foundAll", { n: found.reduce((a, id) => a + n(id), 0), k: found.length });
  else line = say("pane.catalog.status.found", { n: n(props.scope), total: catalogIndex(props.scope, lang).entries.length });
  const others = props.scope === "all" ? [] : found.filter((id) => id !== props.scope);
  const emptyHere = q !== "" && props.scope !== "all" && n(props.scope) === 0;
  return (
    <div className={s.root}>
      {nowhere ? (
        <Banner intent="warning" title={say("pane.catalog.status.nowhere", { query: q })} lines={[say("pane.catalog.status.nowhereWhat")]} testId="catalog-nothing" />
      ) : emptyHere ? (
        <Banner intent="info" title={say("pane.catalog.status.notHere", { catalog: say(CATALOG_NAME[props.scope as CatalogId]), query: q })} lines={[say("pane.catalog.status.notHereWhat", { catalogs: names(others) })]} testId="catalog-not-here" />
      ) : (
        <span className={c.note} role="status" aria-live="polite" data-testid="catalog-status">
          {line}
          {q && props.scope === "all" && found.length < CATALOG_IDS.length ? say("pane.catalog.status.noneIn", { catalogs: names(CATALOG_IDS.filter((id) => n(id) === 0)) }) : ""}
        </span>
      )}
      {others.length > 0 && <Elsewhere ids={others} groups={props.groups} onScope={props.onScope} label={say(emptyHere ? "pane.catalog.status.goTo" : "pane.catalog.status.alsoIn")} />}
    </div>
  );
}
