/**
 * One catalog's results: its name and count, what the lookup made of the text (the class a disease
 * was read as, why a name gives candidates, the department a name stands for), and its entries,
 * each tagged with how it was found when a person should know (a synonym, a candidate, a close
 * spelling). In the search over every catalog a card shows its best few and offers the rest.
 */
import type { ReactNode } from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { MessageKey } from "../../../src/messages";
import { useT } from "../../i18n";
import { CATALOG_NAME, type Entry } from "./entry";
import type { Group, How } from "./search";
import { useCatalogStyles } from "./styles";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  head: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: "2px 8px", padding: "6px 8px 0" },
  count: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  notes: { display: "flex", flexDirection: "column", gap: "2px", padding: "0 8px" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  entry: {
    display: "block",
    width: "100%",
    textAlign: "start",
    padding: "6px 8px",
    border: "none",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    overflowWrap: "anywhere",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  entryHead: { display: "flex", flexWrap: "wrap", gap: "2px 6px", alignItems: "baseline" },
  entryTitle: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  tag: {
    display: "inline-block",
    maxWidth: "100%",
    padding: "0 6px",
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  howTag: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1 },
  summary: { display: "block", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  more: { alignSelf: "flex-start", margin: "0 4px 4px" },
});

/** The tag a hit carries, when how it was found matters to the reader. */
const HOW_TAG: Partial<Record<How, MessageKey>> = {
  alias: "pane.catalog.how.alias",
  rule: "pane.catalog.how.rule",
  candidate: "pane.catalog.how.candidate",
  finding: "pane.catalog.how.finding",
  code: "pane.catalog.how.code",
  number: "pane.catalog.how.number",
  department: "pane.catalog.how.department",
  similar: "pane.catalog.how.similar",
};

function citeLine(e: Entry, say: ReturnType<typeof useT>["s"]): string {
  return e.cites.length > 1 ? say("pane.catalog.moreCites", { cite: e.cites[0]!, more: e.cites.length - 1 }) : (e.cites[0] ?? "");
}

export function ResultCard(props: { group: Group; searched: boolean; limit?: number; selectedKey: string | null; onSelect: (key: string | null) => void; onShowAll?: () => void; about?: ReactNode }) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { s: say, t } = useT();
  const g = props.group;
  const shown = props.limit === undefined ? g.hits : g.hits.slice(0, props.limit);
  const name = say(CATALOG_NAME[g.id]);
  return (
    <section className={s.card} aria-label={name} data-testid={`catalog-group-${g.id}`}>
      <div className={s.head}>
        <h3 className={c.h3}>{name}</h3>
        <span className={s.count}>{say(props.searched ? "pane.catalog.found" : "pane.catalog.rows", { n: g.hits.length })}</span>
      </div>
      {props.about && <div className={s.notes}>{props.about}</div>}
      {g.notes.length > 0 && (
        <div className={s.notes} data-testid="catalog-notes">
          {g.notes.map((n, i) => (
            <span key={i} className={g.ambiguous ? `${c.note} ${s.warn}` : c.note}>
              {t(n)}
            </span>
          ))}
        </div>
      )}
      {shown.length > 0 && (
      <ul className={s.list} aria-label={say("pane.catalog.entriesOf", { catalog: name })}>
        {shown.map(({ entry: e, how }) => {
          const tag = HOW_TAG[how];
          const on = e.key === props.selectedKey;
          return (
            <li key={e.key}>
              <button type="button" className={on ? `${s.entry} ${s.selected}` : s.entry} aria-pressed={on} data-how={how} onClick={() => props.onSelect(on ? null : e.key)}>
                <span className={s.entryHead}>
                  <span className={s.entryTitle}>{e.title}</span>
                  {e.badge && <span className={s.tag}>{e.badge}</span>}
                  {tag && <span className={mergeClasses(s.tag, s.howTag)}>{say(tag)}</span>}
                </span>
                <span className={s.summary}>{e.summary}</span>
                <span className={c.cite}>{citeLine(e, say)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      )}
      {props.onShowAll && shown.length < g.hits.length && (
        <Button className={s.more} size="small" appearance="transparent" onClick={props.onShowAll}>
          {say("pane.catalog.showAll", { n: g.hits.length, catalog: name })}
        </Button>
      )}
    </section>
  );
}
