/**
 * The materials lists (手工报销, 待遇认定, 备案) as catalog entries: whom each list applies to, its items
 * with their citations, and the MATERIALS formula whose answer includes it.
 */
import { MATERIAL_KINDS, materialKinds, type MaterialKind } from "../../../src/catalogs/materials";
import { citeText } from "../../../src/docs";
import { say, type MessageKey } from "../../../src/messages";
import type { Lang } from "../../../src/text";
import { formulaOf, uniq, type Named } from "./entry";

const WORDS: Record<string, MessageKey> = {
  inpatient: "pane.catalog.care.inpatient",
  chronic: "pane.catalog.care.chronic",
  two_disease: "pane.catalog.care.two_disease",
  general_outpatient: "pane.catalog.care.general_outpatient",
  maternity: "pane.catalog.care.maternity",
  manual: "pane.code.manual",
  direct: "pane.code.direct",
  lanzhou: "pane.code.lanzhou",
  shenyang: "pane.code.shenyang",
  employee: "pane.code.employee",
  resident: "pane.code.resident",
  reimbursement: "pane.catalog.purpose.reimbursement",
  approval: "pane.catalog.purpose.approval",
  filing: "pane.catalog.purpose.filing",
};

/** A code of the materials data in words (a code without words stays "unnamed", never shown raw). */
function word(code: string, lang: Lang): string {
  const k = WORDS[code];
  return say(lang, k ?? "pane.key.unnamed");
}

/** MATERIALS arguments whose answer includes this kind: careType, settlement, place, scheme. */
export function materialsArgs(k: MaterialKind): string[] {
  const a = k.appliesTo;
  const care = a.careType?.[0] ?? "inpatient";
  const settlements = a.settlement ? [a.settlement] : ["manual", "direct"];
  let chosen = settlements[0]!;
  for (const s of settlements) {
    const got = materialKinds({ careType: care, settlement: s, insuredPlace: a.insuredPlace, scheme: a.scheme, purpose: s === "manual" ? "reimbursement" : undefined });
    if (got.includes(k)) {
      chosen = s;
      break;
    }
  }
  const args = [care, chosen, a.insuredPlace ?? "", a.scheme ?? ""];
  while (args.length > 2 && args[args.length - 1] === "") args.pop();
  return args;
}

/** Whom a list applies to: 兰州 · 职工 · 住院 · 手工报销 · 报销. */
export function appliesText(k: MaterialKind, lang: Lang): string {
  const a = k.appliesTo;
  const parts = [a.insuredPlace && word(a.insuredPlace, lang), a.scheme && word(a.scheme, lang), a.careType?.map((c) => word(c, lang)).join("/"), a.settlement && word(a.settlement, lang), a.purpose && word(a.purpose, lang)];
  return parts.filter(Boolean).join(" · ");
}

/** The list's name as the formula's answer heads it: 兰州市…手工报销（最低要求）. */
export function materialsTitle(k: MaterialKind, lang: Lang): string {
  return `${k.name[lang]}${k.openEnded ? say(lang, "functions.materials.minimum") : ""}`;
}

export function materialsEntries(lang: Lang): Named[] {
  return MATERIAL_KINDS.map((k) => {
    const title = materialsTitle(k, lang);
    return {
      entry: {
        key: k.id,
        item: { kind: "materials", k },
        title,
        badge: appliesText(k, lang),
        summary: k.items.map((it) => it[lang]).join(say(lang, "common.sentenceSeparator")),
        cites: uniq(k.items.map((it) => citeText(it.ref))),
        row: [title, ...k.items.map((it) => it[lang])],
        formula: formulaOf("MATERIALS", materialsArgs(k)),
      },
      names: [k.name.zh, k.name.en, ...k.items.flatMap((it) => [it.zh, it.en, ...it.aliases])],
    };
  });
}
