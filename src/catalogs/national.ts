/**
 * National outpatient chronic/special disease codes for cross-province direct settlement (NA 医保办发
 * 〔2024〕19号 附件1, 16 rows), and the mapping of every Lanzhou chronic disease (employee and resident
 * lists) to its national code, or the reason there is none.
 */
import raw from "./data/nationalChronic.json";
import type { Ref } from "../docs";
import type { Text } from "../text";
import chronicNamesRaw from "./data/chronicNames.json";
import { chronicEnglish, chronicKey, findChronic, lanzhouChronic, nameKey, partialCandidates, ruleCandidates, specificDiseaseRules, type ChronicDisease } from "./chronic";
import { joinList, msg, say } from "../messages";
import type { Lang } from "../text";
import { rank, type Candidate } from "./fuzzy";

export interface NationalCode {
  code: string;
  category: string;
  name: string;
  en: string;
  no: number;
  aliases: readonly string[];
  parent: string | null;
  ref: Ref;
}

export interface LanzhouMapping {
  lanzhouId: string;
  lanzhouName: string;
  code: string | null;
  matchedBy: "category" | "name" | "subset" | "none";
  reason: Text;
}

function load(): { codes: NationalCode[]; mapping: LanzhouMapping[]; note: Text; noteRef: Ref } {
  const d = raw as unknown as Record<string, unknown>;
  const allowed = ["catalog", "title", "from", "codes", "note", "noteRef", "lanzhouMapping"];
  for (const k of Object.keys(d)) if (!allowed.includes(k)) throw new Error(`nationalChronic.json: unknown key ${k}`);
  const codes = d.codes as NationalCode[];
  const mapping = d.lanzhouMapping as LanzhouMapping[];
  const byCode = new Set(codes.map((c) => c.code));
  for (const c of codes) if (!/^M\d{5}$/.test(c.code) || !c.ref?.excerpt) throw new Error(`nationalChronic.json: bad row ${c.code}`);
  for (const m of mapping) if (m.code !== null && !byCode.has(m.code)) throw new Error(`nationalChronic.json: mapping to unknown code ${m.code}`);
  const lz = [...lanzhouChronic.employee, ...lanzhouChronic.resident];
  if (mapping.length !== lz.length || mapping.some((m, i) => m.lanzhouId !== lz[i]!.id)) throw new Error("nationalChronic.json: the mapping must have one entry per Lanzhou row, in order");
  return { codes, mapping, note: d.note as Text, noteRef: d.noteRef as Ref };
}

const data = load();
export const NATIONAL_CODES: readonly NationalCode[] = data.codes;
/** Why the mapping exists: the insured place maps its own diseases to the national codes (NA 二、(一), 三、(三); LN 第二十五条). */
export const MAPPING_REFS = [
  { doc: "NA", section: "二、(一)", excerpt: "门诊慢特病跨省直接结算使用全国统一的门诊慢特病病种名称和代码（见附件 1）" },
  { doc: "NA", section: "三、(三)", excerpt: "参保地要做好本地门诊慢特病病种代码映射，按照全国统一的跨省直接结算的病种代码实现结算系统准确传输。" },
  { doc: "LN", section: "第二十五条", excerpt: "省内使用全省统一的病种名称及编码，跨省使用全国统一的病种编码，通过技术手段实现省级与国家门诊慢特病病种编码的转换。" },
] as const;
export const LANZHOU_TO_NATIONAL: readonly LanzhouMapping[] = data.mapping;
export const NATIONAL_NOTE = { text: data.note, ref: data.noteRef };

export function nationalByCode(code: string): NationalCode | undefined {
  const c = code.trim().toUpperCase();
  return NATIONAL_CODES.find((x) => x.code === c);
}

export function mappingOf(d: ChronicDisease): LanzhouMapping {
  return LANZHOU_TO_NATIONAL.find((m) => m.lanzhouId === d.id)!;
}

export interface CodeAnswer {
  name: string;
  code: string | null;
  category: string | null;
  /** code | national-name | national-alias | lanzhou-employee | lanzhou-resident | lanzhou-partial | specific-disease | none */
  matchedBy: string;
  /** The national name the answer stands for, and, through a Lanzhou name, that row. */
  nationalName?: string;
  lanzhou?: { id: string; name: string; reason: Text };
  /** Codes a person may choose from (never taken as the answer), best first; detail codes before their class code. */
  alternatives: { code: string; name: string; score: number }[];
  reason?: Text;
}

interface ChronicNamesData {
  nationalEnglish: Record<string, string[]>;
  organs: { words: string[]; code: string }[];
  jointRows: Record<string, { parts: { name: string; code: string | null }[]; why: Text }>;
}
const CN = chronicNamesRaw as unknown as ChronicNamesData;
for (const code of Object.keys(CN.nationalEnglish)) if (!nationalByCode(code)) throw new Error(`chronicNames.json: English names for unknown code ${code}`);

/** National names and aliases (Chinese and English) by their reduced keys; names first. */
const NATIONAL_NAMES = new Map<string, NationalCode>();
const NATIONAL_ALIASES = new Map<string, NationalCode>();
for (const c of NATIONAL_CODES) for (const k of [nameKey(c.name), chronicKey(c.name)]) if (!NATIONAL_NAMES.has(k)) NATIONAL_NAMES.set(k, c);
for (const c of NATIONAL_CODES)
  for (const n of [...c.aliases, ...(CN.nationalEnglish[c.code] ?? [])])
    for (const k of [nameKey(n), chronicKey(n)]) {
      const prev = NATIONAL_ALIASES.get(k);
      if (prev && prev !== c) throw new Error(`national alias ${n} reduces to an alias of ${prev.code}`);
      if (!NATIONAL_NAMES.has(k)) NATIONAL_ALIASES.set(k, c);
    }

const candidates: Candidate<NationalCode>[] = NATIONAL_CODES.map((c) => ({ item: c, names: [c.name, ...c.aliases, ...(CN.nationalEnglish[c.code] ?? [])] }));

/** The transplant code of a name by its organ (肾 → M08301 …), or the class code M08300. */
function organCode(name: string): string {
  const k = chronicKey(name);
  for (const o of CN.organs) if (o.words.some((w) => k.includes(chronicKey(w)))) return o.code;
  return "M08300";
}

/** Detail codes (M08301 …) before their class code when the name names the organ: sub-codes preferred. */
function preferDetail(q: string, alts: CodeAnswer["alternatives"]): CodeAnswer["alternatives"] {
  const organ = organCode(q);
  if (organ === "M08300" || !alts.some((a) => a.code === "M08300")) return alts;
  const detail = nationalByCode(organ)!;
  const rest = alts.filter((a) => a.code !== organ);
  return [{ code: detail.code, name: detail.name, score: alts.find((a) => a.code === organ)?.score ?? 1 }, ...rest].slice(0, 5);
}

function answerOf(q: string, code: string, matchedBy: string, extra: Partial<CodeAnswer> = {}): CodeAnswer {
  const nc = nationalByCode(code)!;
  return { name: q, code: nc.code, category: nc.category, matchedBy, nationalName: nc.name, alternatives: [], ...extra };
}

/**
 * The national code for a name typed by hand, a Lanzhou disease name or an English name. Exact
 * names first (national, then Lanzhou rows with their mapping), then a name that drops a Lanzhou
 * row's qualifier (candidates), then the specific-disease rules (乳腺癌 → M00500, 尿毒症血液透析 →
 * M07801, 肾移植术后抗排斥 → M08301: data with reasons); two rules at once, or none, give only
 * alternatives — never a silent pick by similarity.
 */
/** Names with their codes as a list: 糖尿病（M03900）、… / 糖尿病 (M03900), … */
function codeList(items: readonly { name: string; code: string }[]): Text {
  const one = (lang: Lang) => joinList(lang, items.map((a) => say(lang, "catalogs.codeNamed", a)));
  return { zh: one("zh"), en: one("en") };
}

export function chronicCode(name: string): CodeAnswer {
  const q = typeof name === "string" ? name.trim() : String(name ?? "").trim();
  const ranked = preferDetail(q, rank(q, candidates, 5).map((m) => ({ code: m.item.code, name: m.item.name, score: Math.round(m.score * 100) / 100 })));
  const byCode = nationalByCode(q);
  if (byCode) return { name: q, code: byCode.code, category: byCode.category, matchedBy: "code", nationalName: byCode.name, alternatives: [] };
  const key = nameKey(q);
  const ck = chronicKey(q);
  const same = (n: string) => nameKey(n) === key || chronicKey(n) === ck;
  const exactNational = NATIONAL_NAMES.get(key) ?? NATIONAL_NAMES.get(ck);
  if (exactNational) return answerOf(q, exactNational.code, "national-name");
  const alias = NATIONAL_ALIASES.get(key) ?? NATIONAL_ALIASES.get(ck);
  if (alias) return answerOf(q, alias.code, "national-alias");
  // a Lanzhou row by its name first (in either list), then by an alias
  for (const byName of [true, false])
    for (const scheme of ["employee", "resident"] as const) {
      const d = findChronic(scheme, q);
      if (!d || (byName ? !same(d.name) : !(same(d.name) || d.aliases.some(same) || chronicEnglish(d).some(same)))) continue;
      const m = mappingOf(d);
      const joint = CN.jointRows[d.id];
      if (joint) {
        const alts = joint.parts.filter((p) => p.code).map((p) => ({ code: p.code!, name: nationalByCode(p.code!)!.name, score: 1 }));
        return { name: q, code: null, category: null, matchedBy: `lanzhou-${scheme}`, lanzhou: { id: d.id, name: d.name, reason: m.reason }, alternatives: alts, reason: joint.why };
      }
      const nc = m.code ? nationalByCode(m.code)! : undefined;
      return { name: q, code: m.code, category: nc?.category ?? null, matchedBy: `lanzhou-${scheme}`, nationalName: nc?.name, lanzhou: { id: d.id, name: d.name, reason: m.reason }, alternatives: m.code ? [] : ranked, reason: m.reason };
    }
  // a name that drops a Lanzhou row's qualifier: the rows it could mean
  const partial = [...partialCandidates("employee", q), ...partialCandidates("resident", q)];
  if (partial.length) {
    const codes = [...new Set(partial.map((d) => mappingOf(d).code))];
    const alts = codes.filter((c): c is string => c !== null).map((c) => ({ code: c, name: nationalByCode(c)!.name, score: 1 }));
    return {
      name: q,
      code: null,
      category: null,
      matchedBy: "lanzhou-partial",
      alternatives: [...alts, ...ranked.filter((a) => !alts.some((b) => b.code === a.code))].slice(0, 5),
      reason: msg("findings.chronicPartial", { name: q, rows: { zh: joinList("zh", partial.map((d) => d.name)), en: joinList("en", partial.map((d) => d.name)) } }),
    };
  }
  const rules = specificDiseaseRules(q);
  const codes = [...new Set(rules.map((r) => (r.code === "ORGAN" ? organCode(q) : r.code)))];
  if (codes.length === 1) return answerOf(q, codes[0]!, "specific-disease", { reason: rules[0]!.why });
  if (codes.length > 1)
    return {
      name: q,
      code: null,
      category: null,
      matchedBy: "none",
      alternatives: codes.map((c) => ({ code: c, name: nationalByCode(c)!.name, score: 1 })),
      reason: msg("findings.chronicSeveral", { name: q, codes: codeList(codes.map((c) => ({ name: nationalByCode(c)!.name, code: c }))) }),
    };
  const alternatives = ranked;
  return {
    name: q,
    code: null,
    category: null,
    matchedBy: "none",
    alternatives,
    reason: msg("catalogs.notChronicName", { name: q, closest: alternatives.length ? msg("catalogs.closest", { names: codeList(alternatives) }) : "" }),
  };
}

export interface ChronicLookup {
  disease?: ChronicDisease;
  /** Rows the name could mean (it drops their qualifier, or a rule lists them), then the closest names. */
  candidates: ChronicDisease[];
  how: "exact" | "rule" | "partial" | "rule-candidates" | "closest" | "none";
}

/** A Lanzhou row for a name, or the candidates (for the validator, the pane and the engine's message). */
export function lookupChronic(scheme: "employee" | "resident", name: string): ChronicLookup {
  const list = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  const q = typeof name === "string" ? name : String(name ?? "");
  const d = findChronic(scheme, q);
  if (d) return { disease: d, candidates: [], how: specificDiseaseRules(q).length && ![d.id, d.name, ...d.aliases, ...chronicEnglish(d)].some((n) => nameKey(n) === nameKey(q) || chronicKey(n) === chronicKey(q)) ? "rule" : "exact" };
  const partial = partialCandidates(scheme, q);
  if (partial.length) return { candidates: partial, how: "partial" };
  const byRule = ruleCandidates(scheme, q);
  if (byRule.length) return { candidates: byRule, how: "rule-candidates" };
  const close = rank(q, list.map((x) => ({ item: x, names: [x.name, ...x.aliases, ...chronicEnglish(x)] })), 3).map((m) => m.item);
  return { candidates: close, how: close.length ? "closest" : "none" };
}

/** The national name of a code (CHRONIC_NAME). */
export function chronicName(code: string): NationalCode | undefined {
  return nationalByCode(code);
}

/**
 * Lanzhou chronic lookups that fail get the rows the name could mean first (a dropped qualifier,
 * a specific-disease rule), then the closest Lanzhou names (for the validator's message).
 */
export function closestLanzhou(scheme: "employee" | "resident", name: string, limit = 3): string[] {
  const l = lookupChronic(scheme, name);
  return [...new Set(l.candidates.map((d) => d.name))].slice(0, Math.max(limit, l.how === "partial" || l.how === "rule-candidates" ? l.candidates.length : 0));
}
