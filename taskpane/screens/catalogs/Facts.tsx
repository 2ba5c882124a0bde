/**
 * What one catalog row says, per catalog: the emergency condition's key criterion as a tree and
 * the document's own words; the chronic disease's cap, ratio, years and national code with the
 * reason of the mapping; the national code's Lanzhou rows; the referral row; the materials list.
 * Each with the excerpts it comes from.
 */
import type { ReactNode } from "react";
import { conditionNames, leafText, type Condition, type Node } from "../../../src/catalogs/emergency";
import type { ChronicDisease, EmployeeRatioKind } from "../../../src/catalogs/chronic";
import { LANZHOU_TO_NATIONAL, NATIONAL_NOTE, nationalByCode, type LanzhouMapping, type NationalCode } from "../../../src/catalogs/national";
import { REFERRAL_DEPARTMENTS, rowRef, type ReferralRow } from "../../../src/catalogs/referral";
import { materialKinds, type MaterialKind } from "../../../src/catalogs/materials";
import { citeText, type Ref } from "../../../src/docs";
import { formatPercent } from "../../../src/money";
import { joinList, type MessageKey } from "../../../src/messages";
import { useT } from "../../i18n";
import { capText, employeeRatio, ratioOf, schemeWord } from "./chronicEntries";
import { appliesText, materialsArgs } from "./materialsEntries";
import { referralKeywords } from "./referralEntries";
import type { Item } from "./entry";
import { useCatalogStyles } from "./styles";

const CJK = /[\u4e00-\u9fff]/;
/** Latin letters other than Roman numerals (II型 stays, TTP or Stanford A型 is an abbreviation or a foreign name). */
const LATIN = /[A-HJ-UWYZa-z]/;

function Row(props: { label: string; children: ReactNode }) {
  const c = useCatalogStyles();
  return (
    <>
      <dt className={c.dt}>{props.label}</dt>
      <dd className={c.dd}>{props.children}</dd>
    </>
  );
}

function Refs(props: { refs: readonly Ref[] }) {
  const c = useCatalogStyles();
  const { s: say } = useT();
  return (
    <div>
      <span className={c.note}>{say("pane.catalog.fact.source")}</span>
      {props.refs.map((r, i) => (
        <div key={i}>
          <span className={c.cite}>{citeText(r)}</span>
          <p className={c.excerpt}>{say("pane.catalog.fact.excerpt", { excerpt: r.excerpt })}</p>
        </div>
      ))}
    </div>
  );
}

function CriterionTree(props: { node: Node }) {
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const n = props.node;
  if ("all" in n || "any" in n) {
    const kids = "all" in n ? n.all : n.any;
    if (kids.length === 1) return <CriterionTree node={kids[0]!} />;
    return (
      <div>
        <span>{say("all" in n ? "pane.catalog.fact.allOf" : "pane.catalog.fact.anyOf")}</span>
        <ul className={c.tree}>
          {kids.map((k, i) => (
            <li key={i}>
              <CriterionTree node={k} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return <span>{leafText(n, lang)}</span>;
}

function EmergencyFacts(props: { c: Condition }) {
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const x = props.c;
  // other names as people write them; in the Chinese pane the Chinese ones (English names and abbreviations find it too)
  const others = conditionNames(x).filter((n) => n !== x.name.zh && n !== x.name.en && (lang === "en" || (CJK.test(n) && !LATIN.test(n))));
  return (
    <>
      <dl className={c.dl}>
        <Row label={say("pane.catalog.fact.name")}>{lang === "zh" ? x.name.zh : `${x.name.en} · ${x.name.zh}`}</Row>
        <Row label={say("pane.catalog.fact.system")}>
          {x.system[lang]} {x.no}
        </Row>
        {others.length > 0 && <Row label={say("pane.catalog.fact.aliases")}>{joinList(lang, others)}</Row>}
      </dl>
      <span className={c.note}>{say("pane.catalog.fact.criterion")}</span>
      <div data-testid="criterion">
        <CriterionTree node={x.criterion} />
      </div>
      <span className={c.note}>{say("pane.catalog.fact.documentText", { text: x.criterionText })}</span>
      <Refs refs={x.refs} />
    </>
  );
}

const RATIO_KIND: Record<EmployeeRatioKind, MessageKey> = { standard: "pane.key.standard", dialysis: "pane.key.dialysis", transplant: "pane.key.transplant" };

function ChronicFacts(props: { d: ChronicDisease; m: LanzhouMapping }) {
  const c = useCatalogStyles();
  const { lang, s: say, t } = useT();
  const { d, m } = props;
  const n = m.code ? nationalByCode(m.code) : undefined;
  const ratio = ratioOf(d);
  const empRatio = d.scheme === "employee" && d.ratioKind ? employeeRatio(d.ratioKind) : null;
  return (
    <>
      <dl className={c.dl}>
        <Row label={say("pane.catalog.fact.scheme")}>
          {schemeWord(d.scheme, lang)} {say("pane.catalog.fact.no", { no: d.no })}
          {d.class ? ` · ${say("pane.catalog.class", { class: d.class })}` : ""}
        </Row>
        <Row label={say("pane.catalog.fact.cap")}>{capText(d, lang)}</Row>
        <Row label={say("pane.catalog.fact.ratio")}>
          {ratio === null ? "—" : formatPercent(ratio)}
          {d.ratioKind ? say("pane.catalog.fact.ratioKind", { kind: say(RATIO_KIND[d.ratioKind]) }) : ""}
        </Row>
        <Row label={say("pane.catalog.fact.years")}>{d.years === null ? "—" : say("pane.catalog.fact.yearsFrom", { n: d.years })}</Row>
        {d.aliases.length > 0 && <Row label={say("pane.catalog.fact.aliases")}>{joinList(lang, d.aliases)}</Row>}
        <Row label={say("pane.catalog.fact.code")}>
          <strong>{m.code ?? say("pane.catalog.fact.none")}</strong>
          {n ? ` ${lang === "zh" ? n.name : `${n.en} · ${n.name}`}` : ""}
        </Row>
        <Row label={say("pane.catalog.fact.mapping")}>{t(m.reason)}</Row>
      </dl>
      {m.code === "M08300" && <span className={c.note}>{t(NATIONAL_NOTE.text)}</span>}
      {/* the table's own remark is kept in English in the data: shown in the English pane */}
      {d.note && lang === "en" && <span className={c.note}>{d.note}</span>}
      <Refs refs={[d.ref, ...(empRatio ? [empRatio.ref] : []), ...(n ? [n.ref] : [])]} />
    </>
  );
}

function NationalFacts(props: { n: NationalCode }) {
  const c = useCatalogStyles();
  const { lang, s: say, t } = useT();
  const n = props.n;
  const lz = LANZHOU_TO_NATIONAL.filter((x) => x.code === n.code);
  return (
    <>
      <dl className={c.dl}>
        <Row label={say("pane.catalog.fact.codeOnly")}>
          <strong>{n.code}</strong>
        </Row>
        <Row label={say("pane.catalog.fact.category")}>{n.category}</Row>
        <Row label={say("pane.catalog.fact.name")}>{lang === "zh" ? n.name : `${n.en} · ${n.name}`}</Row>
        {n.parent && <Row label={say("pane.catalog.fact.classCode")}>{n.parent}</Row>}
        {n.aliases.length > 0 && <Row label={say("pane.catalog.fact.aliases")}>{joinList(lang, n.aliases)}</Row>}
        {lz.length > 0 && (
          <Row label={say("pane.catalog.fact.lanzhou")}>
            {joinList(
              lang,
              lz.map((x) => say("pane.catalog.fact.lanzhouRow", { name: x.lanzhouName, scheme: schemeWord(x.lanzhouId.startsWith("E") ? "employee" : "resident", lang) })),
            )}
          </Row>
        )}
      </dl>
      {(n.code === "M08300" || n.parent === "M08300") && <span className={c.note}>{t(NATIONAL_NOTE.text)}</span>}
      <Refs refs={[n.ref]} />
    </>
  );
}

function ReferralFacts(props: { r: ReferralRow }) {
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const r = props.r;
  const dEn = REFERRAL_DEPARTMENTS[r.department]?.en;
  return (
    <>
      <dl className={c.dl}>
        <Row label={say("pane.catalog.fact.number")}>{r.no}</Row>
        <Row label={say("pane.catalog.fact.department")}>{lang === "zh" || !dEn ? r.department : `${dEn} · ${r.department}`}</Row>
        <Row label={say("pane.catalog.fact.item")}>{lang === "zh" ? r.item : `${r.en} · ${r.item}`}</Row>
        {referralKeywords(r, lang).length > 0 && <Row label={say("pane.catalog.fact.keywords")}>{joinList(lang, referralKeywords(r, lang))}</Row>}
        {r.slip && <Row label={say("pane.catalog.fact.slip")}>{r.slip}</Row>}
      </dl>
      <Refs refs={[rowRef(r)]} />
    </>
  );
}

function MaterialsFacts(props: { k: MaterialKind }) {
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const k = props.k;
  const args = materialsArgs(k);
  const kinds = materialKinds({ careType: args[0], settlement: args[1], insuredPlace: args[2] || undefined, scheme: args[3] || undefined, purpose: args[1] === "manual" ? "reimbursement" : undefined });
  return (
    <>
      <dl className={c.dl}>
        <Row label={say("pane.catalog.fact.applies")}>{appliesText(k, lang)}</Row>
      </dl>
      <ol className={c.tree}>
        {k.items.map((m) => (
          <li key={m.id}>
            {m[lang]}
            <span className={c.cite}>{citeText(m.ref)}</span>
          </li>
        ))}
      </ol>
      {k.openEnded && <span className={c.note}>{say("pane.catalog.fact.openEnded")}</span>}
      {kinds.length > 1 && <span className={c.note}>{say("pane.catalog.fact.allLists", { n: kinds.length })}</span>}
    </>
  );
}

export function Facts(props: { item: Item }) {
  const it = props.item;
  switch (it.kind) {
    case "emergency":
      return <EmergencyFacts c={it.c} />;
    case "chronic":
      return <ChronicFacts d={it.d} m={it.m} />;
    case "national":
      return <NationalFacts n={it.n} />;
    case "referral":
      return <ReferralFacts r={it.r} />;
    case "materials":
      return <MaterialsFacts k={it.k} />;
  }
}
