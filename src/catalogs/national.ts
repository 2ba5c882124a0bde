/**
 * National outpatient chronic/special disease codes for cross-province direct settlement (NA 医保办发
 * 〔2024〕19号 附件1, 16 rows), and the mapping of every Lanzhou chronic disease (employee and resident
 * lists) to its national code, or the reason there is none.
 */
import raw from "./data/nationalChronic.json";
import type { Ref } from "../docs";
import type { Text } from "../text";
import { findChronic, lanzhouChronic, nameKey, type ChronicDisease } from "./chronic";
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
  /** code | national-name | national-alias | lanzhou-employee | lanzhou-resident | fuzzy | none */
  matchedBy: string;
  /** The national name the answer stands for, and, through a Lanzhou name, that row. */
  nationalName?: string;
  lanzhou?: { id: string; name: string; reason: Text };
  alternatives: { code: string; name: string; score: number }[];
  reason?: Text;
}

const candidates: Candidate<NationalCode>[] = NATIONAL_CODES.map((c) => ({ item: c, names: [c.name, ...c.aliases] }));

/**
 * The national code for a name typed by hand or a Lanzhou disease name. A Lanzhou name answers with
 * its mapping (possibly "none", with the reason); otherwise the closest national names are given as
 * alternatives, never silently taken as the answer unless the match is exact.
 */
export function chronicCode(name: string): CodeAnswer {
  const q = name.trim();
  const alternatives = rank(q, candidates, 5).map((m) => ({ code: m.item.code, name: m.item.name, score: Math.round(m.score * 100) / 100 }));
  const byCode = nationalByCode(q);
  if (byCode) return { name: q, code: byCode.code, category: byCode.category, matchedBy: "code", nationalName: byCode.name, alternatives: [] };
  const key = nameKey(q);
  const exactNational = NATIONAL_CODES.find((c) => nameKey(c.name) === key);
  if (exactNational) return { name: q, code: exactNational.code, category: exactNational.category, matchedBy: "national-name", nationalName: exactNational.name, alternatives: [] };
  const alias = NATIONAL_CODES.find((c) => c.aliases.some((a) => nameKey(a) === key));
  if (alias) return { name: q, code: alias.code, category: alias.category, matchedBy: "national-alias", nationalName: alias.name, alternatives: [] };
  for (const scheme of ["employee", "resident"] as const) {
    const d = findChronic(scheme, q);
    if (d && (nameKey(d.name) === key || d.aliases.some((a) => nameKey(a) === key))) {
      const m = mappingOf(d);
      const nc = m.code ? nationalByCode(m.code)! : undefined;
      return {
        name: q,
        code: m.code,
        category: nc?.category ?? null,
        matchedBy: `lanzhou-${scheme}`,
        nationalName: nc?.name,
        lanzhou: { id: d.id, name: d.name, reason: m.reason },
        alternatives: m.code ? [] : alternatives,
        reason: m.reason,
      };
    }
  }
  return {
    name: q,
    code: null,
    category: null,
    matchedBy: "none",
    alternatives,
    reason: {
      zh: `“${q}”不是国家门诊慢特病病种名称或兰州病种名称${alternatives.length ? `；最接近的：${alternatives.map((a) => `${a.name}（${a.code}）`).join("、")}` : ""}`,
      en: `"${q}" is not a national or Lanzhou chronic disease name${alternatives.length ? `; closest: ${alternatives.map((a) => `${a.name} (${a.code})`).join(", ")}` : ""}`,
    },
  };
}

/** The national name of a code (CHRONIC_NAME). */
export function chronicName(code: string): NationalCode | undefined {
  return nationalByCode(code);
}

/** Lanzhou chronic lookups that fail get the closest Lanzhou names (for the validator's message). */
export function closestLanzhou(scheme: "employee" | "resident", name: string, limit = 3): string[] {
  const list = scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident;
  return rank(name, list.map((d) => ({ item: d, names: [d.name, ...d.aliases] })), limit).map((m) => m.item.name);
}
