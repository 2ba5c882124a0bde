/**
 * Lanzhou outpatient chronic and special diseases (特殊疾病长期门诊 / 门诊慢特病): the employee table
 * (L 第一部分 三、(三), 32 diseases plus the 聚乙二醇干扰素 sub-row) and the resident table (L 第四部分
 * 18., 46 diseases in four classes), each row with its cap, ratio and payment years as the seed gives
 * them. Loaded strictly, like parameters.
 */
import raw from "./data/lanzhouChronic.json";
import namesRaw from "./data/chronicNames.json";
import { parseDay, type Day } from "../dates";
import type { Ref } from "../docs";
import { parseYuan, parseRatio, type Bp, type Fen } from "../money";
import { normaliseToken } from "../claim/enums";
import type { Text } from "../text";

export type EmployeeRatioKind = "standard" | "dialysis" | "transplant";

export interface ChronicDisease {
  id: string;
  scheme: "employee" | "resident";
  no: string;
  name: string;
  aliases: readonly string[];
  /** Payment years counted from the approval date; null where the table gives none. */
  years: number | null;
  /** Annual fund cap; null where the table gives none (no disease cap). */
  cap: Fen | null;
  /** Employee rows: which of the three ratios applies (L 三、(三) 3.). */
  ratioKind?: EmployeeRatioKind;
  /** Resident rows: the ratio in the table. */
  ratio?: Bp;
  /** Resident rows: class I–IV. */
  class?: string;
  ref: Ref;
  note?: string;
}

export interface ChronicCatalog {
  from: Day;
  title: Text;
  employeeRef: Ref;
  residentRef: Ref;
  employee: readonly ChronicDisease[];
  resident: readonly ChronicDisease[];
}

function fail(msg: string): never {
  throw new Error(`lanzhouChronic.json: ${msg}`);
}

function loadCatalog(data: unknown): ChronicCatalog {
  const d = data as Record<string, unknown>;
  const allowedTop = ["catalog", "title", "from", "employeeRef", "residentRef", "employee", "resident"];
  for (const k of Object.keys(d)) if (!allowedTop.includes(k)) fail(`unknown key ${k}`);
  const from = parseDay(String(d.from));
  if (from === null) fail("from is not a date");
  const rows = (list: unknown, scheme: "employee" | "resident"): ChronicDisease[] => {
    if (!Array.isArray(list)) fail(`${scheme} is not a list`);
    const ids = new Set<string>();
    return list.map((r: Record<string, unknown>, i: number) => {
      const where = `${scheme}[${i}]`;
      const allowed = ["id", "no", "name", "aliases", "years", "cap", "ref", "note", ...(scheme === "employee" ? ["ratioKind"] : ["ratio", "class"])];
      for (const k of Object.keys(r)) if (!allowed.includes(k)) fail(`${where}: unknown key ${k}`);
      for (const k of ["id", "no", "name", "aliases", "years", "cap", "ref"]) if (!(k in r)) fail(`${where}: missing ${k}`);
      const id = String(r.id);
      if (ids.has(id)) fail(`${where}: duplicate id ${id}`);
      ids.add(id);
      const ref = r.ref as Ref;
      if (!ref || !ref.doc || !ref.section || !ref.excerpt) fail(`${where}: citation incomplete`);
      const cap = r.cap === null ? null : parseYuan(String(r.cap));
      if (cap !== null && !cap.ok) fail(`${where}: bad cap ${String(r.cap)}`);
      if (r.years !== null && !(Number.isInteger(r.years) && (r.years as number) > 0)) fail(`${where}: bad years`);
      const row: ChronicDisease = {
        id,
        scheme,
        no: String(r.no),
        name: String(r.name),
        aliases: (r.aliases as string[]) ?? [],
        years: r.years as number | null,
        cap: cap === null ? null : (cap as { value: number }).value,
        ref,
      };
      if (r.note !== undefined) row.note = String(r.note);
      if (scheme === "employee") {
        if (!["standard", "dialysis", "transplant"].includes(String(r.ratioKind))) fail(`${where}: bad ratioKind`);
        row.ratioKind = r.ratioKind as EmployeeRatioKind;
      } else {
        const ratio = parseRatio(String(r.ratio));
        if (!ratio.ok) fail(`${where}: bad ratio`);
        row.ratio = ratio.value;
        if (!["I", "II", "III", "IV"].includes(String(r.class))) fail(`${where}: bad class`);
        row.class = String(r.class);
      }
      return row;
    });
  };
  return { from, title: d.title as Text, employeeRef: d.employeeRef as Ref, residentRef: d.residentRef as Ref, employee: rows(d.employee, "employee"), resident: rows(d.resident, "resident") };
}

export const lanzhouChronic: ChronicCatalog = loadCatalog(raw);

/** A name as typed, reduced for comparison: no brackets, spaces or punctuation, full-width folded. */
export function nameKey(s: string): string {
  return normaliseToken(s).replace(/[()（）【】\[\]、，,。.；;:：\-—_·\s"“”'‘’]/g, "");
}

// ---------------------------------------------------------------------------------------------
// Names as people type them (chronicNames.json): word synonyms, English names, names that drop a
// row's qualifier (POLICY §12: candidates, never the row).

export interface SpecificDiseaseRule {
  contains: string[];
  unless: string[];
  /** A national code, or ORGAN: the transplant codes by organ. */
  code: string;
  why: Text;
  lanzhou: { employee: string[]; resident: string[]; picks: boolean };
}

interface NamesData {
  specificDiseases: SpecificDiseaseRule[];
  wordSynonyms: { variants: string[]; as: string; why: string }[];
  dropWords: string[];
  lanzhouEnglish: Record<string, string[]>;
  partialNames: { employee: Record<string, string[]>; resident: Record<string, string[]> };
}
const NAMES = namesRaw as unknown as NamesData;
const SYNONYMS = NAMES.wordSynonyms.flatMap((g) => g.variants.map((v) => [nameKey(v), nameKey(g.as)] as const)).sort((a, b) => b[0].length - a[0].length);
const DROP = NAMES.dropWords.map(nameKey);

/**
 * A name reduced further for lookup: NFKC (Ⅱ = II), word synonyms (排斥 = 排异, 肾脏 = 肾, 移植术后 =
 * 移植) and the words that do not change the disease (治疗, 的, 术后) dropped.
 */
export function chronicKey(s: string): string {
  let k = nameKey(String(s).normalize("NFKC"));
  for (const [v, to] of SYNONYMS) if (k.includes(v)) k = k.split(v).join(to);
  for (const w of DROP) k = k.split(w).join("");
  return k;
}

const indexes = new Map<string, Map<string, ChronicDisease>>();
function indexOf(scheme: "employee" | "resident"): Map<string, ChronicDisease> {
  let m = indexes.get(scheme);
  if (!m) {
    const built = new Map<string, ChronicDisease>();
    const rows = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
    const add = (key: string, d: ChronicDisease, k: string) => {
      if (!key) return;
      const prev = built.get(key);
      if (prev && prev !== d) throw new Error(`Chronic alias ${k} is ambiguous (${prev.id}, ${d.id})`);
      built.set(key, d);
    };
    for (const d of rows) for (const k of [d.id, d.name, ...d.aliases, ...(NAMES.lanzhouEnglish[d.id] ?? [])]) add(nameKey(k), d, k);
    // the reduced keys second: they never override an exact name
    for (const d of rows)
      for (const k of [d.name, ...d.aliases, ...(NAMES.lanzhouEnglish[d.id] ?? [])]) {
        const key = chronicKey(k);
        if (!built.has(key)) add(key, d, k);
        else if (built.get(key) !== d) throw new Error(`Chronic name ${k} reduces to the name of another row (${built.get(key)!.id}, ${d.id})`);
      }
    for (const [name, ids] of Object.entries(NAMES.partialNames[scheme])) {
      if (built.has(nameKey(name)) || built.has(chronicKey(name))) throw new Error(`chronicNames.json: the partial name ${name} is also an exact ${scheme} name`);
      for (const id of ids) if (!rows.some((d) => d.id === id)) throw new Error(`chronicNames.json: partial name ${name}: no ${scheme} row ${id}`);
    }
    indexes.set(scheme, (m = built));
  }
  return m;
}

/** The specific-disease rules a name meets (乳腺癌 → malignant tumours; 尿毒症血液透析 → dialysis …). */
const RULE_KEYS = NAMES.specificDiseases.map((r) => ({ rule: r, contains: r.contains.map(chronicKey), unless: r.unless.map(chronicKey) }));
export function specificDiseaseRules(name: string): SpecificDiseaseRule[] {
  const k = chronicKey(name);
  if (!k) return [];
  return RULE_KEYS.filter((r) => r.contains.some((w) => k.includes(w)) && !r.unless.some((w) => k.includes(w))).map((r) => r.rule);
}

/** The Lanzhou row a rule picks (only where one row is the whole class), or undefined. */
function ruleRow(scheme: "employee" | "resident", name: string): ChronicDisease | undefined {
  const rules = specificDiseaseRules(name);
  if (rules.length !== 1 || !rules[0]!.lanzhou.picks) return undefined;
  const ids = rules[0]!.lanzhou[scheme];
  const list = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  return ids.length === 1 ? list.find((d) => d.id === ids[0]) : undefined;
}

/**
 * Lookup by id, name, alias or English name (after normalisation), or by a specific-disease rule
 * where one row is the whole class (肾移植术后抗排异 → 器官移植抗排异治疗); never by similarity,
 * never a row whose qualifier the name drops.
 */
export function findChronic(scheme: "employee" | "resident", name: string): ChronicDisease | undefined {
  const m = indexOf(scheme);
  const exact = m.get(nameKey(name)) ?? m.get(chronicKey(name));
  if (exact) return exact;
  if (partialCandidates(scheme, name).length) return undefined;
  return ruleRow(scheme, name);
}

/** The rows a specific-disease rule lists for a name when it picks none (乳腺癌 → the four tumour rows). */
export function ruleCandidates(scheme: "employee" | "resident", name: string): ChronicDisease[] {
  const list = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  return [...new Set(specificDiseaseRules(name).flatMap((r) => r.lanzhou[scheme]))].map((id) => list.find((d) => d.id === id)!);
}

/** The rows a name would mean if it kept their qualifier (原发性高血压 → 原发性高血压（有合并症者）). */
const PARTIAL = new Map<string, Map<string, ChronicDisease[]>>();
export function partialCandidates(scheme: "employee" | "resident", name: string): ChronicDisease[] {
  let m = PARTIAL.get(scheme);
  if (!m) {
    indexOf(scheme);
    const list = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
    m = new Map();
    for (const [n, ids] of Object.entries(NAMES.partialNames[scheme])) {
      const rows = ids.map((id) => list.find((d) => d.id === id)!);
      for (const k of [nameKey(n), chronicKey(n)]) if (!m.has(k)) m.set(k, rows);
    }
    PARTIAL.set(scheme, m);
  }
  return m.get(nameKey(name)) ?? m.get(chronicKey(name)) ?? [];
}

/** The English names of a Lanzhou row. */
export function chronicEnglish(d: ChronicDisease): readonly string[] {
  return NAMES.lanzhouEnglish[d.id] ?? [];
}

export function chronicNames(scheme: "employee" | "resident"): string[] {
  return (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident).map((d) => d.name);
}

// Load-time: every row has an English name, and the indexes build without ambiguity.
for (const d of [...lanzhouChronic.employee, ...lanzhouChronic.resident]) if (!NAMES.lanzhouEnglish[d.id]?.length) throw new Error(`chronicNames.json: no English name for ${d.id}`);
indexOf("employee");
indexOf("resident");
