/**
 * Parameters as a table a person edits (reforms as cells, OpenFisca's Excel round trip): one row per
 * value as of a date — 参数 / 键 / 生效日期 / 取值 / 单位 / 名称 / 依据 — written by `paramTable` and read
 * back by `readParamTable`, which validates every row (unknown ids, keys, units, dates) and names the
 * row of each problem. The same reader loads user-supplied parameter sets such as Shenyang's base.
 */
import { formatDay, isSerialText, parseDay, type DateSystem, type Day } from "../dates";
import { citeText } from "../docs";
import { formatRatio, formatYuan } from "../money";
import { normaliseToken } from "../claim/enums";
import { KEY_DOMAINS } from "../claim/enums";
import { parseScalar } from "./load";
import { joinList, msg } from "../messages";
import type { Override, Registry } from "./registry";
import type { Bracket, Param, Scalar } from "./types";
import { cityOf, isCityFigure } from "./liaoningCity";
import { checkCity } from "../policy/liaoningCity";
import type { LiaoningCity } from "../claim/enums";

/**
 * A row whose source says its figures are examples (示例数值, EXAMPLE ONLY, example figures): marked in
 * every result that uses it. (Not "示例见 …", which the missing-value texts say to point at the samples.)
 */
const EXAMPLE_SOURCE = /示例数值|示例数据|example only|example figure/i;

export const TABLE_HEADERS = {
  zh: ["参数", "键", "生效日期", "取值", "单位", "名称", "依据"],
  en: ["parameter", "key", "from", "value", "unit", "label", "source"],
} as const;

export function formatScalar(p: Param, v: Scalar): string {
  switch (p.unit) {
    case "CNY":
      return formatYuan(v as number);
    case "ratio":
      return formatRatio(v as number);
    case "points":
      return (v as number) < 0 ? "-" + formatRatio(-(v as number)) : formatRatio(v as number);
    case "factor":
      return String((v as number) / 10_000);
    default:
      return String(v);
  }
}

export interface TableRow {
  id: string;
  key: string;
  from: string;
  value: string;
  unit: string;
  label: string;
  source: string;
}

/**
 * The parameters of a set in force on `day`, one row per value (per key, per scale band: key
 * "in_service@10000" is the band above 10 000). Missing values are listed with an empty value and
 * the reason, so a user can fill them in.
 */
export function paramTable(reg: Registry, set: string, day: Day, lang: "zh" | "en" = "zh"): TableRow[] {
  const rows: TableRow[] = [];
  for (const p of reg.all().filter((x) => x.set === set)) {
    let v;
    try {
      v = reg.version(p.id, day);
    } catch {
      const first = p.versions.find((x) => x.from > day) ?? p.versions[p.versions.length - 1]!;
      if (!first.missing && first.from <= day) continue;
      v = first;
    }
    const source = v.override?.source ?? (v.override ? `${v.override.scenario}` : citeText(v.ref));
    const base = { id: p.id, from: v.fromText, unit: p.unit, label: p.label[lang], source };
    const emit = (key: string, x: Scalar | readonly Bracket[] | null | undefined) => {
      if (x === null || x === undefined) rows.push({ ...base, key, value: "", source: v.missing ? v.missing[lang] : source });
      else if (Array.isArray(x)) for (const b of x as Bracket[]) rows.push({ ...base, key: `${key}@${formatYuan(b.above).replace(/\.00$/, "")}`, value: formatRatio(b.rate) });
      else rows.push({ ...base, key, value: formatScalar(p, x as Scalar) });
    };
    if (v.missing) {
      if (p.keyedBy) for (const k of KEY_DOMAINS[p.keyedBy]!) emit(k, null);
      else emit("", null);
      continue;
    }
    if (p.keyedBy) for (const k of KEY_DOMAINS[p.keyedBy]!) emit(k, (v.value as Record<string, Scalar | Bracket[] | null>)[k]);
    else emit("", v.value as Scalar | Bracket[]);
  }
  return rows;
}

export function tableToCells(rows: TableRow[], lang: "zh" | "en" = "zh"): string[][] {
  return [[...TABLE_HEADERS[lang]], ...rows.map((r) => [r.id, r.key, r.from, r.value, r.unit, r.label, r.source])];
}

export interface TableProblem {
  row: number;
  column?: string;
  message: { zh: string; en: string };
}

const COLUMN_ALIASES: Record<string, keyof TableRow> = {};
for (const lang of ["zh", "en"] as const) TABLE_HEADERS[lang].forEach((h, i) => (COLUMN_ALIASES[normaliseToken(h)] = (["id", "key", "from", "value", "unit", "label", "source"] as const)[i]!));
Object.assign(COLUMN_ALIASES, { id: "id", 参数id: "id", 生效: "from", 值: "value", note: "source", 备注: "source" });

/**
 * Read an edited parameter table (rows of cells with a header row) into overrides. Rows with an empty
 * value are skipped (left as documented); the unit and label columns are informative and ignored.
 * Every problem names its row (1 = the header).
 */
export function readParamTable(
  reg: Registry,
  cells: readonly (readonly unknown[])[],
  /** dateSystem: the workbook's, when the cells are a sheet's (a start date typed into a cell is its serial); default 1900. */
  opts: { dateSystem?: DateSystem } = {},
): { overrides: Override[]; problems: TableProblem[]; notes: TableProblem[] } {
  const system = opts.dateSystem ?? "1900";
  const problems: TableProblem[] = [];
  const overrides: Override[] = [];
  const notes: TableProblem[] = [];
  /** The row that set each parameter (and key), for the liaoning-city checks. */
  const rowOf = new Map<string, number>();
  if (cells.length === 0) return { overrides, problems: [{ row: 1, message: msg("params.tableEmpty") }], notes };
  const head = cells[0]!.map((h) => COLUMN_ALIASES[normaliseToken(String(h ?? ""))]);
  for (const need of ["id", "value"] as const)
    if (!head.includes(need)) problems.push({ row: 1, column: need, message: msg("params.columnMissing", { column: { zh: TABLE_HEADERS.zh[need === "id" ? 0 : 3], en: TABLE_HEADERS.en[need === "id" ? 0 : 3] } }) });
  if (problems.length) return { overrides, problems, notes };
  const col = (r: readonly unknown[], k: keyof TableRow) => {
    const j = head.indexOf(k);
    const v = j < 0 ? undefined : r[j];
    return v === null || v === undefined ? "" : String(v).trim();
  };
  cells.slice(1).forEach((r, i) => {
    const row = i + 2;
    const id = col(r, "id");
    const valueText = col(r, "value");
    if (id === "" && valueText === "") return;
    if (!reg.has(id)) return problems.push({ row, column: "parameter", message: msg("params.unknown", { id }) });
    if (valueText === "") return;
    const p = reg.param(id);
    let key: string | undefined = col(r, "key") || undefined;
    let bracket: number | undefined;
    if (key?.includes("@")) {
      const [k, above] = key.split("@") as [string, string];
      const a = parseScalar("CNY", above);
      if (!a.ok || p.kind !== "scale") return problems.push({ row, column: "key", message: msg("params.notABand", { key }) });
      bracket = a.value as number;
      key = k === "" ? undefined : k;
    } else if (p.kind === "scale") return problems.push({ row, column: "key", message: msg("params.needsBand") });
    if (p.keyedBy) {
      if (key === undefined || !KEY_DOMAINS[p.keyedBy]!.includes(key))
        return problems.push({ row, column: "key", message: msg("params.keyOneOf", { keys: { zh: joinList("zh", KEY_DOMAINS[p.keyedBy]!), en: joinList("en", KEY_DOMAINS[p.keyedBy]!) } }) });
    } else if (key !== undefined) return problems.push({ row, column: "key", message: msg("params.noKey") });
    const parsed = parseScalar(p.kind === "scale" ? "ratio" : p.unit, valueText, p.choices);
    if (!parsed.ok) return problems.push({ row, column: "value", message: msg("params.invalidValue", { why: parsed.why }) });
    const fromText = col(r, "from");
    let from: Day | undefined;
    if (fromText !== "") {
      // a date cell's serial is read in the workbook's system, in the 5-digit form the text reading has
      // always taken (String(serial)); in the 1900 system exactly as that text
      const raw = r[head.indexOf("from")];
      const serial = typeof raw === "number" || isSerialText(fromText);
      const d = system !== "1900" && typeof raw === "number" ? (isSerialText(fromText) ? parseDay(raw, system) : null) : parseDay(fromText, system);
      if (d === null && serial && system === "unknown") return problems.push({ row, column: "from", message: msg("params.dateSystemUnknown", { date: fromText }) });
      if (d === null) return problems.push({ row, column: "from", message: msg("params.invalidDate", { date: fromText }) });
      from = d;
      // A row that repeats the version's own start date is a plain edit of that version.
      try {
        if (reg.version(id, d).from === d) from = undefined;
      } catch {
        from = d === p.versions[0]!.from ? undefined : d;
      }
    }
    const o: Override = { id, value: parsed.value };
    if (key !== undefined) o.key = key;
    if (bracket !== undefined) o.bracket = bracket;
    if (from !== undefined) o.from = from;
    const source = col(r, "source");
    if (source) o.source = source;
    if (source && EXAMPLE_SOURCE.test(source)) o.example = true;
    if (!rowOf.has(`${id}|${key ?? ""}`)) rowOf.set(`${id}|${key ?? ""}`, row);
    if (!rowOf.has(`${id}|`)) rowOf.set(`${id}|`, row);
    overrides.push(o);
  });
  const merged = mergeBands(reg, overrides);
  if (!problems.length) checkCities(reg, merged, rowOf, problems, notes);
  return { overrides: merged, problems, notes };
}

/**
 * The liaoning-city checks of a table that sets a Liaoning city's figures (src/policy/liaoningCity.ts):
 * a provincial rule set by the table, or a breach of LN 第二十三条 on any date the city's figures
 * change, is a problem naming the row and the parameter; a city figure left out is a note (a claim
 * that needs it is refused, naming it).
 */
function checkCities(reg: Registry, overrides: readonly Override[], rowOf: ReadonlyMap<string, number>, problems: TableProblem[], notes: TableProblem[]): void {
  const cities = new Set<LiaoningCity>();
  for (const o of overrides) {
    const city = cityOf(o.id);
    if (!city) continue;
    cities.add(city);
    // a spilled table (POLICY_PARAMS) read back unchanged repeats the provincial rules: only a change is refused
    const same = o.key === undefined && o.bracket === undefined && reg.param(o.id).versions.every((v) => v.value === o.value);
    if (!isCityFigure(o.id) && !same) problems.push({ row: rowOf.get(`${o.id}|`) ?? 1, column: "parameter", message: msg("city.provincialRow", { parameter: o.id }) });
  }
  if (!cities.size || problems.length) return;
  const next = reg.withOverrides("check", overrides);
  for (const city of cities) {
    const seen = new Set<string>();
    const starts = [...new Set(next.all().filter((p) => p.set === city).flatMap((p) => p.versions.map((v) => v.from)))].sort((a, b) => a - b);
    for (const day of starts) {
      const rep = checkCity(next, city, day);
      for (const b of rep.breaches) {
        const k = `${b.parameter}|${b.key ?? ""}|${b.message.en}`;
        if (seen.has(k)) continue;
        seen.add(k);
        problems.push({ row: rowOf.get(`${b.parameter}|${b.key ?? ""}`) ?? rowOf.get(`${b.parameter}|`) ?? 1, column: "value", message: msg("city.breachRow", { parameter: b.key ? `${b.parameter}:${b.key}` : b.parameter, message: b.message }) });
      }
      for (const m of rep.missing) {
        const k = `${m.parameter}|${m.key ?? ""}`;
        if (seen.has(k)) continue;
        seen.add(k);
        notes.push({ row: 1, column: "parameter", message: m.message });
      }
    }
  }
}

/**
 * Band rows of one scale (same id, key and date) either edit the rates of existing bands, or, when
 * the scale has no documented bands (a value the user supplies) or the rows give other band edges,
 * define the whole scale.
 */
function mergeBands(reg: Registry, overrides: Override[]): Override[] {
  const out: Override[] = [];
  const groups = new Map<string, Override[]>();
  for (const o of overrides) {
    if (o.bracket === undefined) {
      out.push(o);
      continue;
    }
    const k = `${o.id}|${o.key ?? ""}|${o.from ?? ""}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  for (const g of groups.values()) {
    const first = g[0]!;
    const p = reg.param(first.id);
    const v = first.from !== undefined ? undefined : p.versions[0];
    const existing = v && !v.missing && v.value !== null ? ((first.key !== undefined ? (v.value as Record<string, unknown>)[first.key] : v.value) as Bracket[] | null) : null;
    const edges = g.map((o) => o.bracket!).sort((a, b) => a - b);
    if (existing && existing.length === edges.length && existing.every((b, j) => b.above === edges[j])) out.push(...g);
    else {
      const whole: Override = { ...first, value: [...g].sort((a, b) => a.bracket! - b.bracket!).map((o) => ({ above: o.bracket!, rate: o.value as number })) };
      delete whole.bracket;
      out.push(whole);
    }
  }
  return out;
}

export { formatDay };
