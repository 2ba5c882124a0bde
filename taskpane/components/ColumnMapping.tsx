/** The header → field mapping of a claims table, automatic from the headers and correctable per column. */
import { useMemo } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { FIELDS, fieldForHeader, FIELD_BY_NAME } from "../../src/claim/fields";
import { useT } from "../i18n";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "minmax(90px, 1fr) minmax(120px, 1.4fr)", gap: "4px 8px", alignItems: "center" },
  header: { overflowWrap: "anywhere" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
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
  const { t, lang } = useT();
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
  const options = useMemo(() => FIELDS.map((f) => ({ value: f.name, text: `${f.label[lang]}${lang === "zh" ? `（${f.name}）` : ""}` })), [lang]);

  return (
    <Accordion collapsible defaultOpenItems={missing.length || dupes.length ? ["map"] : []}>
      <AccordionItem value="map">
        <AccordionHeader size="small">
          {t({ zh: `列对应：${known} 列已识别`, en: `Columns: ${known} recognised` })}
          {unknown > 0 && <Badge appearance="tint" color="warning" style={{ marginLeft: 6 }}>{t({ zh: `${unknown} 列未识别`, en: `${unknown} not recognised` })}</Badge>}
          {missing.length > 0 && <Badge appearance="tint" color="danger" style={{ marginLeft: 6 }}>{t({ zh: `缺 ${missing.length} 个必填字段`, en: `${missing.length} required missing` })}</Badge>}
        </AccordionHeader>
        <AccordionPanel>
          {missing.length > 0 && (
            <Text className={s.warn} block>
              {t({ zh: "缺少：", en: "Missing: " })}
              {missing.map((f) => FIELD_BY_NAME.get(f)!.label[lang]).join(lang === "zh" ? "、" : ", ")}
            </Text>
          )}
          {dupes.map(([f, hs]) => (
            <Text key={f} className={s.warn} block>
              {t({ zh: `“${hs.join("”“")}”都对应 ${FIELD_BY_NAME.get(f)!.label.zh}，请只保留一列`, en: `"${hs.join('", "')}" all map to ${FIELD_BY_NAME.get(f)!.label.en}; keep one` })}
            </Text>
          ))}
          <div className={s.grid} role="table" aria-label={t({ zh: "列对应", en: "Column mapping" })}>
            {headers.map((h, j) =>
              h ? (
                <div key={j} style={{ display: "contents" }} role="row">
                  <Text className={s.header} role="cell" weight={fields[j] ? "regular" : "semibold"}>
                    {h}
                  </Text>
                  <Select
                    role="cell"
                    size="small"
                    aria-label={t({ zh: `“${h}”对应的字段`, en: `Field for "${h}"` })}
                    value={fields[j] ?? ""}
                    onChange={(_, d) => props.onChange({ ...props.mapping, [h]: d.value === "" ? null : d.value })}
                  >
                    <option value="">{t({ zh: "（忽略此列）", en: "(ignore this column)" })}</option>
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
