/**
 * Lanzhou outpatient chronic and special diseases (特殊疾病长期门诊 / 门诊慢特病): the employee table
 * (L 第一部分 三、(三), 32 diseases plus the 聚乙二醇干扰素 sub-row) and the resident table (L 第四部分
 * 18., 46 diseases in four classes), each row with its cap, ratio and payment years as the seed gives
 * them. Loaded strictly, like parameters.
 */
import raw from "./data/lanzhouChronic.json";
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

const indexes = new Map<string, Map<string, ChronicDisease>>();
function indexOf(scheme: "employee" | "resident"): Map<string, ChronicDisease> {
  let m = indexes.get(scheme);
  if (!m) {
    m = new Map();
    for (const d of scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident) {
      for (const k of [d.id, d.name, ...d.aliases]) {
        const key = nameKey(k);
        const prev = m.get(key);
        if (prev && prev !== d) throw new Error(`Chronic alias ${k} is ambiguous (${prev.id}, ${d.id})`);
        m.set(key, d);
      }
    }
    indexes.set(scheme, m);
  }
  return m;
}

/** Exact lookup (after normalisation) by id, name or alias. */
export function findChronic(scheme: "employee" | "resident", name: string): ChronicDisease | undefined {
  return indexOf(scheme).get(nameKey(name));
}

export function chronicNames(scheme: "employee" | "resident"): string[] {
  return (scheme === "employee" ? lanzhouChronic.employee : lanzhouChronic.resident).map((d) => d.name);
}
