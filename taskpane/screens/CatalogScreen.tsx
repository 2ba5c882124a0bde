/**
 * 目录 Catalogs: one search box over every catalog the core ships (emergency criteria, Lanzhou chronic
 * diseases, the national chronic codes, the Chaoyang referral catalog, the materials lists), with the
 * names people use (synonyms, English names, specific diseases read as their class, department
 * groups). Results are grouped by catalog; a name that could mean several rows gives candidates; a
 * catalog that has nothing says where the text is found. An entry shows its row with the excerpts,
 * for an emergency condition a findings checker (IS_EMERGENCY in the pane), and puts its row or its
 * formula into the sheet (asking before overwriting) or, outside Excel, on the clipboard.
 *
 * The parts live in ./catalogs: the entries of each catalog (…Entries.ts), the search (search.ts),
 * a catalog's result card, the search status, an entry's details and facts, the findings checker,
 * and the insertion and copy actions.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Field, makeStyles, SearchBox, Select, tokens } from "@fluentui/react-components";
import type { MessageKey } from "../../src/messages";
import { useT } from "../i18n";
import type { Workbook } from "../workbook/types";
import { catalogIndex } from "./catalogs/catalogIndex";
import { CatalogNote } from "./catalogs/CatalogNote";
import { CATALOG_IDS, CATALOG_NAME, type CatalogId } from "./catalogs/entry";
import { EntryDetails } from "./catalogs/EntryDetails";
import { ResultCard } from "./catalogs/ResultCard";
import { searchGroups, type SchemeFilter } from "./catalogs/search";
import { SearchStatus, type Scope } from "./catalogs/SearchStatus";
import { useCatalogStyles } from "./catalogs/styles";

export { CATALOG_IDS, formulaOf, rowText, type Cell, type CatalogId, type Entry } from "./catalogs/entry";
export { catalogIndex } from "./catalogs/catalogIndex";
export { searchCatalog, searchGroups } from "./catalogs/search";
export { criterionInline, exampleFindings } from "./catalogs/emergencyEntries";
export { employeeRatio } from "./catalogs/chronicEntries";
export { materialsArgs } from "./catalogs/materialsEntries";

/** What the screen keeps while the user is on another screen (the App holds it). */
export interface CatalogState {
  scope: Scope;
  query: string;
  scheme: SchemeFilter;
  selected: { id: CatalogId; key: string } | null;
  /** The findings typed into the checker, per emergency condition. */
  findings: Readonly<Record<string, string>>;
}

export function initialCatalogState(): CatalogState {
  return { scope: "all", query: "", scheme: "all", selected: null, findings: {} };
}

/** In the search over every catalog a card shows this many rows, and offers the rest. */
const PER_CARD = 5;

/** What each scope's search box takes, said under the box. */
const SEARCH_HINT: Record<Scope, MessageKey> = {
  all: "pane.catalog.placeholder.all",
  emergency: "pane.catalog.placeholder.emergency",
  chronic: "pane.catalog.placeholder.chronic",
  national: "pane.catalog.placeholder.national",
  referral: "pane.catalog.placeholder.referral",
  materials: "pane.catalog.placeholder.materials",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  controls: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-end" },
  // as wide as the longest catalog's name (in whatever font the pane gets), growing into the row's rest
  grow: { flex: "1 1 auto", minWidth: 0, maxWidth: "100%" },
  search: { width: "100%", maxWidth: "none", boxSizing: "border-box" },
  body: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: "8px",
    "@media (min-width: 720px)": { gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.2fr)", alignItems: "start" },
  },
  results: {
    display: "flex",
    flexDirection: "column",
    maxHeight: "60vh",
    overflowY: "auto",
    overflowX: "hidden",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  card: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, ":last-child": { borderBottom: "none" } },
});

export function CatalogScreen(props: { wb: Workbook | null; state?: CatalogState; setState?: (f: (s: CatalogState) => CatalogState) => void }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const [local, setLocal] = useState(initialCatalogState);
  const state = props.state ?? local;
  const setState = props.setState ?? setLocal;
  const patch = (p: Partial<CatalogState>) => setState((old) => ({ ...old, ...p }));
  const { scope, query, scheme, selected } = state;
  const searched = query.trim() !== "";

  const groups = useMemo(() => searchGroups(query, lang, scope === "chronic" ? scheme : "all"), [query, lang, scope, scheme]);
  const entry = selected ? catalogIndex(selected.id, lang).byKey.get(selected.key) : undefined;

  const setScope = (next: Scope) =>
    setState((old) => ({ ...old, scope: next, selected: old.selected && (next === "all" || old.selected.id === next) ? old.selected : null }));

  // on a narrow pane the details sit below the results: bring them into view when an entry is chosen
  const details = useRef<HTMLElement>(null);
  useEffect(() => {
    if (entry && typeof window !== "undefined" && window.innerWidth < 720) details.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [entry]);

  const shown: CatalogId[] = scope === "all" ? CATALOG_IDS.filter((id) => !searched || groups[id].hits.length > 0) : groups[scope].hits.length > 0 || !searched ? [scope] : [];

  return (
    <section className={s.root} aria-label={say("pane.tab.catalogs")}>
      <div className={s.controls}>
        <Field label={say("pane.catalog.scope")} className={s.grow}>
          <Select value={scope} onChange={(_, d) => setScope(d.value as Scope)} aria-label={say("pane.catalog.scopeLabel")} data-testid="catalog-scope">
            <option value="all">{say("pane.catalog.all")}</option>
            {CATALOG_IDS.map((id) => (
              <option key={id} value={id}>
                {say(CATALOG_NAME[id])}
              </option>
            ))}
          </Select>
        </Field>
        {scope === "chronic" && (
          <Field label={say("pane.catalog.scheme")}>
            <Select value={scheme} onChange={(_, d) => patch({ scheme: d.value as SchemeFilter })} aria-label={say("pane.catalog.schemeLabel")}>
              <option value="all">{say("pane.catalog.schemeAll")}</option>
              <option value="employee">{say("pane.code.employee")}</option>
              <option value="resident">{say("pane.code.resident")}</option>
            </Select>
          </Field>
        )}
      </div>
      {/* what to type, under the box (where it wraps), not as its placeholder: a placeholder has one line, and
          the box's width, which in a narrow pane and a wide font is less than the words need */}
      <Field hint={say(SEARCH_HINT[scope])}>
        <SearchBox className={s.search} value={query} onChange={(_, d) => patch({ query: d.value })} aria-label={say("pane.catalog.searchLabel")} data-testid="catalog-search" />
      </Field>
      {scope !== "all" && <CatalogNote id={scope} />}
      <SearchStatus query={query} scope={scope} groups={groups} onScope={setScope} />
      <div className={s.body}>
        {shown.length > 0 ? (
          <div role="list" aria-label={say("pane.catalog.entries")} className={s.results} data-testid="catalog-results">
            {shown.map((id) => (
              <div role="listitem" key={id} className={s.card}>
                <ResultCard
                  group={groups[id]}
                  searched={searched}
                  limit={scope !== "all" ? undefined : searched ? PER_CARD : 0}
                  selectedKey={selected?.id === id ? selected.key : null}
                  onSelect={(key) => patch({ selected: key === null ? null : { id, key } })}
                  onShowAll={scope === "all" ? () => setScope(id) : undefined}
                  about={scope === "all" && !searched ? <CatalogNote id={id} /> : undefined}
                />
              </div>
            ))}
          </div>
        ) : (
          <span />
        )}
        {entry ? (
          <EntryDetails ref={details} entry={entry} wb={props.wb} findings={state.findings[entry.key] ?? ""} onFindings={(text) => setState((old) => ({ ...old, findings: { ...old.findings, [entry.key]: text } }))} />
        ) : (
          shown.length > 0 && (searched || scope !== "all") && <span className={c.note}>{say("pane.catalog.pick")}</span>
        )}
      </div>
    </section>
  );
}
