/**
 * The Lanzhou outpatient chronic diseases (both lists) and the national cross-province codes as
 * catalog entries: cap, ratio and payment years as the Lanzhou table gives them, the national code
 * each maps to (or why none), and CHRONIC_CODE / CHRONIC_NAME formulas.
 */
import { chronicEnglish, lanzhouChronic, type ChronicDisease, type EmployeeRatioKind } from "../../../src/catalogs/chronic";
import { LANZHOU_TO_NATIONAL, NATIONAL_CODES, nationalByCode } from "../../../src/catalogs/national";
import { citeText, type Ref } from "../../../src/docs";
import { say, joinList } from "../../../src/messages";
import { fenToNumber, formatPercent, type Bp } from "../../../src/money";
import { builtinRegistry } from "../../../src/params/builtin";
import type { Lang } from "../../../src/text";
import { yuan } from "../../format";
import { formulaOf, uniq, type Named } from "./entry";

let employeeRatios: { value: Record<string, number | null>; ref: Ref } | null | undefined;
/** The employee chronic ratios (standard 70%, dialysis 90%, transplant 80%) from the parameters. */
export function employeeRatio(kind: EmployeeRatioKind): { bp: Bp; ref: Ref } | null {
  if (employeeRatios === undefined) {
    try {
      const p = builtinRegistry().param("lanzhou.employee.chronic.ratio");
      const v = [...p.versions].reverse().find((x) => x.value !== null);
      employeeRatios = v ? { value: v.value as unknown as Record<string, number | null>, ref: v.ref } : null;
    } catch {
      employeeRatios = null;
    }
  }
  const bp = employeeRatios?.value[kind];
  return typeof bp === "number" && employeeRatios ? { bp, ref: employeeRatios.ref } : null;
}

export function ratioOf(d: ChronicDisease): Bp | null {
  return d.scheme === "resident" ? (d.ratio ?? null) : d.ratioKind ? (employeeRatio(d.ratioKind)?.bp ?? null) : null;
}

/** 职工 / 居民 in words. */
export function schemeWord(scheme: "employee" | "resident", lang: Lang): string {
  return say(lang, scheme === "employee" ? "pane.code.employee" : "pane.code.resident");
}

/** The cap as the list shows it: 2,800.00 元/年, or 无限额. */
export function capText(d: ChronicDisease, lang: Lang): string {
  return d.cap === null ? say(lang, "pane.catalog.noCap") : say(lang, "pane.catalog.capPerYear", { amount: yuan(d.cap) });
}

/** The name of a Lanzhou row in the pane's language (the seed's Chinese name stays: formulas use it). */
export function chronicTitle(d: ChronicDisease, lang: Lang): string {
  const en = chronicEnglish(d)[0];
  return lang === "zh" || !en ? d.name : `${en} · ${d.name}`;
}

export function chronicEntries(lang: Lang): Named[] {
  return [...lanzhouChronic.employee, ...lanzhouChronic.resident].map((d) => {
    const m = LANZHOU_TO_NATIONAL.find((x) => x.lanzhouId === d.id)!;
    const n = m.code ? nationalByCode(m.code) : undefined;
    const ratio = ratioOf(d);
    const cap = capText(d, lang);
    const years = d.years === null ? "—" : say(lang, "pane.catalog.years", { n: d.years });
    const code = m.code ? `${m.code} ${n ? (lang === "zh" ? n.name : n.en) : ""}`.trim() : say(lang, "pane.catalog.noCode");
    return {
      entry: {
        key: d.id,
        item: { kind: "chronic", d, m },
        title: chronicTitle(d, lang),
        badge: `${schemeWord(d.scheme, lang)} ${d.no}${d.class ? ` · ${say(lang, "pane.catalog.class", { class: d.class })}` : ""}`,
        summary: say(lang, "pane.catalog.chronicSummary", { cap, ratio: ratio === null ? "—" : formatPercent(ratio), years, code }),
        cites: [citeText(d.ref)],
        row: [schemeWord(d.scheme, lang), d.no, d.name, d.cap === null ? cap : fenToNumber(d.cap), ratio === null ? "" : formatPercent(ratio), d.years ?? "", m.code ?? "", n?.name ?? "", m.reason[lang], citeText(d.ref)],
        formula: formulaOf("CHRONIC_CODE", [d.name]),
      },
      names: [d.name, ...d.aliases, ...chronicEnglish(d), m.code, n?.name, n?.en, ...(n?.aliases ?? [])],
    };
  });
}

export function nationalEntries(lang: Lang): Named[] {
  return NATIONAL_CODES.map((n) => {
    const lz = uniq(LANZHOU_TO_NATIONAL.filter((m) => m.code === n.code).map((m) => m.lanzhouName));
    const parts = [say(lang, "pane.catalog.category", { category: n.category })];
    if (n.parent) parts.push(say(lang, "pane.catalog.classCode", { code: n.parent }));
    if (lz.length) parts.push(say(lang, "pane.catalog.lanzhouRows", { names: joinList(lang, lz) }));
    return {
      entry: {
        key: n.code,
        item: { kind: "national", n },
        title: lang === "zh" ? n.name : `${n.en} · ${n.name}`,
        badge: n.code,
        summary: parts.join(" · "),
        cites: [citeText(n.ref)],
        row: [n.code, n.category, n.name, n.en, n.parent ?? "", citeText(n.ref)],
        formula: formulaOf("CHRONIC_NAME", [n.code]),
      },
      names: [n.code, n.name, n.en, n.category, ...n.aliases],
    };
  });
}
