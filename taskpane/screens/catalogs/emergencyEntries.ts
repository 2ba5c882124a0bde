/**
 * The emergency / critical conditions (急危重病参考病种及关键标准) as catalog entries: the key criterion
 * on one line, and a ready IS_EMERGENCY formula whose example findings meet it (the user replaces
 * them with the patient's results, or types those into the findings checker).
 */
import { CONDITIONS, conditionNames, findingByName, FINDINGS, leafText, type Node, type Leaf } from "../../../src/catalogs/emergency";
import { citeText } from "../../../src/docs";
import { say } from "../../../src/messages";
import type { Lang } from "../../../src/text";
import { formulaOf, type Named } from "./entry";

/** The key criterion on one line: 收缩压 ≤ 80 mmHg 且 乳酸 > 3 mmol/L. */
export function criterionInline(n: Node, lang: Lang, top = true): string {
  if ("all" in n || "any" in n) {
    const kids = "all" in n ? n.all : n.any;
    if (kids.length === 1) return criterionInline(kids[0]!, lang, top);
    const sep = say(lang, "all" in n ? "pane.catalog.criterion.and" : "pane.catalog.criterion.or");
    const s = kids.map((k) => criterionInline(k, lang, false)).join(sep);
    return top ? s : `(${s})`;
  }
  return leafText(n, lang);
}

/** A value clearly inside a bound: 80 → 75 for ≤ 80, 3 → 3.5 for > 3 (a placeholder the user replaces). */
function inside(v: number, op: Leaf["op"]): number {
  const decimals = (String(v).split(".")[1] ?? "").length;
  const magnitude = v === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(v)));
  const step = Math.min(magnitude / 2, 5 * 10 ** -decimals);
  const x = op === "<" || op === "<=" ? v - step : v + step;
  return Number(x.toPrecision(12));
}

const ITEM_SEPARATORS = /[;；,，、\n=＝:：/／+＋和及]/;
const CJK = /[\u4e00-\u9fff]/;

/** The name a finding (or a choice) is written by in a findings text: a Chinese name the parser takes whole, the id otherwise. */
function writtenName(names: readonly string[], fallback: string, lang: Lang, reads: (n: string) => boolean): string {
  if (lang !== "zh") return fallback;
  return names.find((n) => CJK.test(n) && !ITEM_SEPARATORS.test(n) && reads(n)) ?? fallback;
}

/**
 * Example findings that meet a condition's key criterion (the first alternative of each "any"),
 * as IS_EMERGENCY reads them: 收缩压=75;乳酸=3.5.
 */
export function exampleFindings(n: Node, lang: Lang): string {
  const items: string[] = [];
  const walk = (x: Node) => {
    if ("all" in x) return x.all.forEach(walk);
    if ("any" in x) return walk(x.any[0]!);
    const f = FINDINGS[x.finding]!;
    const name = writtenName([f.zh, ...f.aliases], f.id, lang, (s) => findingByName(s)?.id === f.id);
    if (f.type === "boolean") items.push(`${name}=${say(lang, x.value ? "findings.yes" : "findings.no")}`);
    else if (f.type === "choice") {
      const id = (x.value as string[])[0]!;
      const ch = f.choices![id]!;
      items.push(`${name}=${writtenName([ch.zh], id, lang, () => true)}`);
    } else items.push(`${name}=${inside(x.value as number, x.op)}`);
  };
  walk(n);
  return items.join(";");
}

export function emergencyEntries(lang: Lang): Named[] {
  return CONDITIONS.map((c) => {
    const words = criterionInline(c.criterion, lang);
    const cites = c.refs.map(citeText);
    return {
      entry: {
        key: c.id,
        item: { kind: "emergency", c },
        title: lang === "zh" ? c.name.zh : `${c.name.en} ${c.name.zh}`,
        badge: `${c.system[lang]} ${c.no}`,
        summary: words,
        cites,
        row: [c.no, c.system[lang], c.name[lang], words, c.criterionText, cites.join(say(lang, "common.sentenceSeparator"))],
        formula: formulaOf("IS_EMERGENCY", [c.name[lang], exampleFindings(c.criterion, lang)]),
      },
      names: [...conditionNames(c), c.system.zh, c.system.en],
    };
  });
}
