/**
 * Formulas of our own functions as text, in the form a given Excel reads. Pure: no Office API.
 *
 * The namespace is YIBAO in every language. The function names are the ids (REIMBURSE …) in every
 * Excel but a Chinese one, which registers them under their Chinese names (functions-zh-cn.json,
 * the manifest's zh-CN override). Writing `=YIBAO.CHRONIC_CODE(…)` through Range.formulas into an
 * Excel that registered translated names gives #NAME? (office-js#891); Microsoft's engineers answer
 * a failing programmatic write with "using formulasLocal instead of formulas" (office-js#6614), and
 * formulasLocal is documented as "the formula in A1-style notation, in the user's language and
 * number-formatting locale" (Excel.Range.formulasLocal): the local names, and the local argument
 * separator. The pane writes that form first and checks that Excel knew the function
 * (taskpane/workbook/excel.ts).
 */
import zhTable from "./zh-cn.json";

export const NAMESPACE = "YIBAO";

/** The function names Excel registers: ids, or the Chinese names of functions-zh-cn.json. */
export type NameSet = "id" | "zh";

/** How an Excel writes formulas. */
export interface FormulaForm {
  /** Which Range property takes the text. */
  property: "formulas" | "formulasLocal";
  names: NameSet;
  /** Between arguments: "," (formulas, and most locales' formulasLocal) or ";" (where "," is the decimal mark). */
  listSeparator: "," | ";";
  decimalSeparator: "." | ",";
}

const ZH_NAME: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(zhTable as Record<string, { name: string }>).map(([id, t]) => [id, t.name]));
const ID_OF_ZH: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ZH_NAME).map(([id, n]) => [n, id]));

/** The name a function has in a name set. */
export function functionName(id: string, names: NameSet): string {
  return names === "zh" ? (ZH_NAME[id] ?? id) : id;
}

/**
 * Whether Excel in this display language registers the Chinese names: the manifest overrides the
 * metadata for zh-CN only (an Override matches its locale; other Chinese locales get functions.json).
 */
export function namesForDisplayLanguage(displayLanguage: string | undefined): NameSet {
  return /^zh-cn$/i.test((displayLanguage ?? "").trim()) ? "zh" : "id";
}

const OURS = /^=YIBAO\.([A-Z0-9_]+|[\u4e00-\u9fff]+)\((.*)\)$/s;

/** A formula that calls one of our functions (by id or Chinese name): its id and argument text. */
export function parseOurFormula(text: string): { id: string; args: string } | null {
  const m = OURS.exec(text);
  if (!m) return null;
  const id = /^[A-Z0-9_]+$/.test(m[1]!) ? m[1]! : ID_OF_ZH[m[1]!];
  if (!id || !(id in ZH_NAME)) return null;
  return balanced(m[2]!) ? { id, args: m[2]! } : null;
}

/** Quotes closed and parentheses balanced outside string literals (so the call is one call). */
function balanced(args: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of args) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth < 0) return false;
  }
  return !quoted && depth === 0;
}

/**
 * One of our formulas, written with ids and "," between arguments (as the catalog builds them), in
 * the form `form` reads: the function's name there, and outside string literals the list separator
 * and decimal mark of the locale. Text inside quotes is left exactly as it is.
 */
export function formulaIn(text: string, form: FormulaForm): string {
  const f = parseOurFormula(text);
  if (!f) throw new Error(`not a formula of ours: ${text}`);
  let out = "";
  let quoted = false;
  for (let i = 0; i < f.args.length; i++) {
    const ch = f.args[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ",") out += form.listSeparator;
    else if (!quoted && ch === "." && /\d/.test(f.args[i - 1] ?? "") && /\d/.test(f.args[i + 1] ?? "")) out += form.decimalSeparator;
    else out += ch;
  }
  return `=${NAMESPACE}.${functionName(f.id, form.names)}(${out})`;
}

/**
 * The forms to try, best first, for an Excel with this display language and decimal mark: the
 * documented local form first; the other forms only if Excel answered #NAME? (the function unknown
 * under that name) or refused the text.
 */
export function formulaForms(displayLanguage: string | undefined, decimalSeparator: string | undefined): FormulaForm[] {
  const dec: "." | "," = decimalSeparator === "," ? "," : ".";
  const local = { listSeparator: dec === "," ? ";" : ",", decimalSeparator: dec } as const;
  const invariant = { listSeparator: ",", decimalSeparator: "." } as const;
  const names = namesForDisplayLanguage(displayLanguage);
  if (names === "zh")
    return [
      { property: "formulasLocal", names: "zh", ...local },
      { property: "formulas", names: "zh", ...invariant },
      { property: "formulas", names: "id", ...invariant },
    ];
  // English, or no Office to ask (a test, a browser): the invariant form
  if (/^en(-|$)/i.test(displayLanguage ?? "") || !displayLanguage)
    return [
      { property: "formulas", names: "id", ...invariant },
      { property: "formulasLocal", names: "id", ...local },
    ];
  return [
    { property: "formulasLocal", names: "id", ...local },
    { property: "formulas", names: "id", ...invariant },
  ];
}
