/** The header → field mapping of a claims table, automatic from the headers and correctable per column. */
import { useMemo } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { FIELDS, fieldForHeader, FIELD_BY_NAME } from "../../src/claim/fields";
import { joinList } from "../../src/messages";
import { useT } from "../i18n";

const useStyles = makeStyles({
  grid: { display: "flex", flexDirection: "column", gap: "4px" },
  // a column's header, then its field: every field's dropdown has the same options, so each starts as wide as
  // the longest of them (in whatever font the pane gets) and they line up; where the header and that do not
  // fit side by side, the dropdown goes under its header, the row's full width
  row: { display: "flex", flexWrap: "wrap", gap: "2px 8px", alignItems: "center" },
  header: { flex: "1 1 80px", overflowWrap: "anywhere", minWidth: 0 },
  select: { flex: "1 1 auto", minWidth: 0, maxWidth: "100%" },
  title: { display: "flex", flexWrap: "wrap", gap: "2px 8px", alignItems: "baseline", minWidth: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, overflowWrap: "anywhere" },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

/** Fields without which no claim can be settled. */
export const REQUIRED_FIELDS = ["insuredPlace", "scheme", "personType", "careType", "crossRegion", "settlement", "total"];

export function effectiveMapping(header: readonly unknown[], mapping: Readonly<Record<string, string | null>>): (string | null)[] {
  return header.map((h) => {
    const key = h === null || h === undefined ? "" : String(h).trim();
    if (!key) return null;
    if (Object.hasOwn(mapping, key)) return mapping[key] ?? null;
    return (FIELD_BY_NAME.get(key) ?? fieldForHeader(key))?.name ?? null;
  });
}

export function ColumnMapping(props: { header: unknown[]; mapping: Record<string, string | null>; onChange: (m: Record<string, string | null>) => void }) {
  const { s: say, lang } = useT();
  const s = useStyles();
  const fields = effectiveMapping(props.header, props.mapping);
  const headers = props.header.map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const known = fields.filter(Boolean).length;
  const unknown = headers.filter((h, j) => h && !fields[j]).length;
  const missing = REQUIRED_FIELDS.filter((f) => !fields.includes(f));
  const dupes = useMemo(() => {
    const seen = new Map<string, string[]>();
    fields.forEach((f, j) => f && seen.set(f, [...(seen.get(f) ?? []), headers[j]!]));
    return [...seen].filter(([, hs]) => hs.length > 1);
  }, [fields, headers]);
  // the field's words only: the internal name is not a word a user reads
  const options = useMemo(() => FIELDS.map((f) => ({ value: f.name, text: f.label[lang] })), [lang]);

  return (
    <Accordion collapsible defaultOpenItems={missing.length || dupes.length ? ["map"] : []}>
      <AccordionItem value="map">
        <AccordionHeader size="small">
          <span className={s.title}>
            <span>{say("pane.map.title", { n: known })}</span>
            {unknown > 0 && <Text size={200} className={s.warn}>{say("pane.map.unknown", { n: unknown })}</Text>}
            {missing.length > 0 && <Text size={200} className={s.bad}>{say("pane.map.missingCount", { n: missing.length })}</Text>}
          </span>
        </AccordionHeader>
        <AccordionPanel>
          {missing.length > 0 && (
            <Text className={s.warn} block>
              {say("pane.map.missing", { fields: joinList(lang, missing.map((f) => FIELD_BY_NAME.get(f)!.label[lang])) })}
            </Text>
          )}
          {dupes.map(([f, hs]) => (
            <Text key={f} className={s.warn} block>
              {say("pane.map.duplicate", { headers: hs.join(" / "), field: FIELD_BY_NAME.get(f)!.label })}
            </Text>
          ))}
          <div className={s.grid} role="table" aria-label={say("pane.map.table")}>
            {headers.map((h, j) =>
              h ? (
                <div key={j} className={s.row} role="row">
                  <Text className={s.header} role="cell" weight={fields[j] ? "regular" : "semibold"}>
                    {h}
                  </Text>
                  <Select role="cell" size="small" className={s.select} aria-label={say("pane.map.fieldFor", { header: h })} value={fields[j] ?? ""} onChange={(_, d) => props.onChange({ ...props.mapping, [h]: d.value === "" ? null : d.value })}>
                    <option value="">{say("pane.map.ignore")}</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.text}
                      </option>
                    ))}
                  </Select>
                </div>
              ) : null,
            )}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
