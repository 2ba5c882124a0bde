/**
 * The custom functions of 医保核算, namespace YIBAO (医保 in Chinese Excel): thin adapters over the
 * policy core. Every function that takes one claim takes a whole range too and spills one result per
 * row; a row that fails gets its own error cell (#VALUE! bad input, #N/A no rule) and the other rows
 * still compute. The JSDoc below generates functions.json (custom-functions-metadata-plugin); the
 * Chinese names and descriptions come from functions/zh-cn.json at build time.
 */
import { chronicCode, chronicName } from "../src/catalogs/national";
import { conditionProblem, conditionsMet, evaluate, findCondition, findingName, parseFindings } from "../src/catalogs/emergency";
import { findReferral } from "../src/catalogs/referral";
import { materialKinds } from "../src/catalogs/materials";
import { parseDay } from "../src/dates";
import { fenToNumber } from "../src/money";
import { paramTable, tableToCells } from "../src/params/table";
import { renderTrace } from "../src/trace";
import type { SettlementResult } from "../src/engine/settle";
import { claimRows, engineFor, settleRows, broadcast, cellError, currentLanguage, problemError, problemsError, type Matrix, type Cell } from "./excel";
import { blankRow, rowValidator } from "../src/claim/validate";
import { PolicyError } from "../src/problem";
import { Engine } from "../src/engine/settle";

const OUTPUTS = {
  fund: { zh: "基金支付合计", en: "fund total" },
  pooled: { zh: "统筹基金", en: "pooled fund" },
  largeAmount: { zh: "大额医疗", en: "large-amount" },
  supplementary: { zh: "补充险", en: "supplementary" },
  seriousIllness: { zh: "大病保险", en: "serious illness" },
  assistance: { zh: "医疗救助", en: "assistance" },
  subsidy: { zh: "公务员补助", en: "subsidy" },
  personal: { zh: "个人负担", en: "personal" },
  threshold: { zh: "起付线", en: "threshold" },
  policyScope: { zh: "政策范围内费用", en: "policy scope" },
  classBSelfShare: { zh: "乙类先自付", en: "class-B self share" },
  firstPay: { zh: "异地先自付", en: "first payment" },
} as const;
type Output = keyof typeof OUTPUTS;
const ALL: Output[] = ["pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "fund", "threshold", "policyScope"];

function outputOf(spec: unknown): Output | "all" | Error {
  if (spec === null || spec === undefined || spec === "") return "fund";
  const s = String(spec).trim();
  if (s.toLowerCase() === "all" || s === "全部") return "all";
  for (const [k, v] of Object.entries(OUTPUTS)) if (k.toLowerCase() === s.toLowerCase() || v.zh === s || v.en === s.toLowerCase()) return k as Output;
  return cellError("input", currentLanguage() === "zh" ? `输出“${s}”无效，可选：${Object.values(OUTPUTS).map((o) => o.zh).join("、")} 或 全部` : `Output "${s}" is not one of ${Object.keys(OUTPUTS).join(", ")} or all`);
}

function amount(r: SettlementResult, o: Output): number {
  switch (o) {
    case "fund":
      return fenToNumber(Object.values(r.layers).reduce((a, b) => a + b, 0));
    case "personal":
      return fenToNumber(r.personal);
    case "threshold":
      return fenToNumber(r.threshold);
    case "policyScope":
      return fenToNumber(r.policyScope);
    case "classBSelfShare":
      return fenToNumber(r.classBSelfShare);
    case "firstPay":
      return fenToNumber(r.firstPay);
    default:
      return fenToNumber(r.layers[o]);
  }
}

function rowsOut(results: ReturnType<typeof settleRows>, output: Output | "all"): Matrix {
  const width = output === "all" ? ALL.length : 1;
  return results.map((x) => {
    if (x === null) return new Array<Cell>(width).fill("");
    if (!x.ok) return new Array<Cell>(width).fill(x.error);
    return output === "all" ? ALL.map((o) => amount(x.result, o)) : [amount(x.result, output)];
  });
}

function guard(f: () => Matrix): Matrix {
  try {
    return f();
  } catch (e) {
    if (e instanceof PolicyError) return [[problemError(e.problem)]];
    throw e;
  }
}

/**
 * Recomputes claims and returns what the funds pay (or one layer, or every layer as a row). Give a
 * range whose first row holds the headers (Chinese, English or national export names), or the rows
 * and a separate header row. Spills one result per claim.
 * @customfunction REIMBURSE
 * @param claims Claim rows (with the header row first unless headers is given)
 * @param [headers] The header row of the claim columns
 * @param [output] fund (default), pooled, largeAmount, supplementary, seriousIllness, assistance, subsidy, personal, threshold, policyScope, or all
 * @param [params] A parameter table (as POLICY_PARAMS spills it, edited) to use instead of the documented values
 * @returns One amount in yuan per claim, or a row of amounts per claim with output "all"
 */
export function reimburse(claims: any[][], headers?: any[][], output?: string, params?: any[][]): any[][] {
  return guard(() => {
    const o = outputOf(output);
    if (o instanceof Error) return [[o]];
    const engine = engineFor(params);
    if (engine instanceof Error) return [[engine]];
    const { header, rows } = claimRows(claims, headers);
    if (!rows.length) return [[cellError("input", currentLanguage() === "zh" ? "没有理赔数据行" : "No claim rows")]];
    return rowsOut(settleRows(engine, header, rows), o);
  });
}

/**
 * Recomputes an inpatient claim given as named arguments (each may be a column: one result per row).
 * @customfunction REIMBURSE_INPATIENT
 * @param insuredPlace 参保地: lanzhou 兰州 / shenyang 沈阳
 * @param scheme 险种: employee 职工 / resident 居民
 * @param personType 人员类别: in_service 在职, retired 退休, adult 成年, elderly 老年, student 学生, minor 未成年
 * @param hospitalLevel 医院等级: 1, 2, 3B, 3A, 3S
 * @param admissionIndex This admission's rank in the year (1, 2, 3 …)
 * @param date The settlement date (direct settlement) or admission date (manual reimbursement)
 * @param total Total cost in yuan
 * @param [outOfCatalog] Out-of-catalog cost in yuan
 * @param [classB] Class-B cost in yuan
 * @param [crossRegion] local (default), long_term, referral, emergency, temporary
 * @param [ytdFundPaid] Paid by the pooled fund earlier this year, in yuan
 * @param [output] fund (default), a layer name, or all
 * @param [params] A parameter table to use instead of the documented values
 * @returns The fund payment in yuan (or the layer asked for)
 */
export function reimburseInpatient(insuredPlace: any[][], scheme: any[][], personType: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], total: any[][], outOfCatalog?: any[][], classB?: any[][], crossRegion?: any[][], ytdFundPaid?: any[][], output?: string, params?: any[][]): any[][] {
  return guard(() => {
    const o = outputOf(output);
    if (o instanceof Error) return [[o]];
    const engine = engineFor(params);
    if (engine instanceof Error) return [[engine]];
    const args = [insuredPlace, scheme, personType, hospitalLevel, admissionIndex, date, total, outOfCatalog, classB, crossRegion, ytdFundPaid];
    const b = broadcast(args);
    const header = ["insuredPlace", "scheme", "personType", "hospitalLevel", "admissionIndex", "settlementDate", "total", "outOfCatalog", "classB", "crossRegion", "ytdFundPaid", "careType", "settlement", "crossProvince"];
    const rows = Array.from({ length: b.n }, (_, i) => {
      const cross = b.at(9, i) ?? "local";
      return [...args.map((_, a) => (a === 9 ? cross : b.at(a, i))), "inpatient", "direct", cross === "referral" || cross === "异地转诊" ? true : null];
    });
    return rowsOut(settleRows(engine, header, rows), o);
  });
}

/**
 * Every layer of each claim as a labelled row: the rule, the policy-scope expense, the threshold,
 * each fund and the personal share. The first row of the result holds the labels.
 * @customfunction SETTLEMENT
 * @param claims Claim rows (with the header row first unless headers is given)
 * @param [headers] The header row of the claim columns
 * @param [params] A parameter table to use instead of the documented values
 * @returns A header row, then one row per claim
 */
export function settlement(claims: any[][], headers?: any[][], params?: any[][]): any[][] {
  return guard(() => {
    const lang = currentLanguage();
    const engine = engineFor(params);
    if (engine instanceof Error) return [[engine]];
    const { header, rows } = claimRows(claims, headers);
    const cols: Output[] = ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "fund"];
    const head: Cell[] = [lang === "zh" ? "适用规则" : "rule", ...cols.map((o) => OUTPUTS[o][lang])];
    const body: Matrix = settleRows(engine, header, rows).map((x) => {
      if (x === null) return new Array<Cell>(head.length).fill("");
      if (!x.ok) return new Array<Cell>(head.length).fill(x.error);
      return [x.result.rule?.[lang] ?? "", ...cols.map((o) => amount(x.result, o))];
    });
    return [head, ...body];
  });
}

/**
 * The settlement of each claim step by step, with the rule and the citation of every figure.
 * @customfunction EXPLAIN
 * @param claims Claim rows (with the header row first unless headers is given)
 * @param [headers] The header row of the claim columns
 * @param [lang] zh (default) or en
 * @param [params] A parameter table to use instead of the documented values
 * @returns The explanation as lines, one per cell
 */
export function explain(claims: any[][], headers?: any[][], lang?: string, params?: any[][]): any[][] {
  return guard(() => {
    const l = lang === "en" || lang === "英文" ? "en" : lang === "zh" || lang === "中文" || !lang ? (lang ? "zh" : currentLanguage()) : null;
    if (!l) return [[cellError("input", `lang: zh | en`)]];
    const engine = engineFor(params);
    if (engine instanceof Error) return [[engine]];
    const { header, rows } = claimRows(claims, headers);
    const validate = rowValidator(header);
    const lines: Matrix = [];
    const many = rows.filter((r) => !blankRow(r)).length > 1;
    rows.forEach((row, i) => {
      if (blankRow(row)) return;
      if (many) lines.push([l === "zh" ? `— 第 ${i + 1} 笔 —` : `— claim ${i + 1} —`]);
      const v = validate(row, `row ${i + 1}`);
      if (!v.ok) return lines.push([problemsError(v.problems)]);
      const r = engine.settle(v.claim);
      if (!r.ok) return lines.push([problemError(r.problem!)]);
      for (const t of renderTrace(r.trace, l)) lines.push([t]);
    });
    return lines.length ? lines : [[""]];
  });
}

/**
 * Whether findings meet an emergency condition's key criterion (急危重病参考病种及关键标准):
 * TRUE (met), FALSE (not met), or #N/A naming the findings that are missing.
 * @customfunction IS_EMERGENCY
 * @param condition The condition (Chinese or English name, or an alias), or a column of them
 * @param findings Findings as text (收缩压=75;乳酸=3.5), a column of such texts, or a two-column range of names and values
 * @returns TRUE, FALSE, or #N/A with the missing findings
 */
export function isEmergency(condition: any[][], findings: any[][]): any[][] {
  return guard(() => {
    const lang = currentLanguage();
    const pairs = findings.length > 0 && findings[0]!.length === 2 && condition.length === 1;
    const n = pairs ? 1 : Math.max(condition.length, findings.length);
    const out: Matrix = [];
    for (let i = 0; i < n; i++) {
      const name = condition.length === 1 ? condition[0]![0] : condition[i]?.[0];
      if (name === null || name === undefined || name === "") {
        out.push([""]);
        continue;
      }
      const { condition: c } = findCondition(String(name));
      if (!c) {
        out.push([cellError("input", conditionProblem(String(name))[lang])]);
        continue;
      }
      const f = pairs ? parseFindings(findings) : parseFindings(String((findings.length === 1 ? findings[0]![0] : findings[i]?.[0]) ?? ""));
      if (f.problems.length) {
        out.push([cellError("input", f.problems.map((p) => p.message[lang]).join("; "))]);
        continue;
      }
      const e = evaluate(c, f.findings);
      out.push([e.result === "met" ? true : e.result === "not_met" ? false : cellError("no_rule", (lang === "zh" ? "缺少：" : "missing: ") + e.missing.map((m) => findingName(m, lang)).join(lang === "zh" ? "、" : ", "))]);
    }
    return out;
  });
}

/**
 * Every emergency condition whose key criterion the findings meet.
 * @customfunction EMERGENCY_CONDITIONS
 * @param findings Findings as text (收缩压=75;乳酸=3.5) or a two-column range of names and values
 * @returns The conditions met, one per cell
 */
export function emergencyConditions(findings: any[][]): any[][] {
  return guard(() => {
    const lang = currentLanguage();
    const f = findings.length && findings[0]!.length === 2 ? parseFindings(findings) : parseFindings(String(findings[0]?.[0] ?? ""));
    if (f.problems.length) return [[cellError("input", f.problems.map((p) => p.message[lang]).join("; "))]];
    const met = conditionsMet(f.findings);
    return met.length ? met.map((e) => [e.condition.name[lang]]) : [[cellError("no_rule", lang === "zh" ? "不符合任何病种的关键标准" : "No condition's key criterion is met")]];
  });
}

/**
 * The national outpatient chronic/special disease code (门诊慢特病跨省直接结算病种代码) of a name.
 * @customfunction CHRONIC_CODE
 * @param names A disease name (Lanzhou, national, or typed by hand), or a column of them
 * @returns The code, or #N/A with the reason and the closest names
 */
export function chronicCodeFn(names: any[][]): any[][] {
  const lang = currentLanguage();
  return names.map((r) => {
    const v = r[0];
    if (v === null || v === undefined || v === "") return [""];
    const a = chronicCode(String(v));
    if (a.code) return [a.code];
    const close = a.alternatives.map((x) => `${x.name} ${x.code}`).join(lang === "zh" ? "、" : ", ");
    return [cellError("no_rule", (a.reason?.[lang] ?? "") + (close && !a.reason?.[lang].includes(close) ? (lang === "zh" ? `；最接近：${close}` : `; closest: ${close}`) : ""))];
  });
}

/**
 * The national name of a chronic/special disease code.
 * @customfunction CHRONIC_NAME
 * @param codes A code such as M03900, or a column of them
 * @returns The national disease name
 */
export function chronicNameFn(codes: any[][]): any[][] {
  return codes.map((r) => {
    const v = r[0];
    if (v === null || v === undefined || v === "") return [""];
    const c = chronicName(String(v));
    return [c ? c.name : cellError("no_rule", currentLanguage() === "zh" ? `“${String(v)}”不是国家门诊慢特病代码` : `"${String(v)}" is not a national chronic disease code`)];
  });
}

/**
 * The inpatient threshold (起付标准) for a place, scheme, hospital level and admission of the year.
 * @customfunction THRESHOLD
 * @param insuredPlace lanzhou 兰州 / shenyang 沈阳
 * @param scheme employee 职工 / resident 居民
 * @param hospitalLevel 1, 2, 3B, 3A, 3S
 * @param admissionIndex This admission's rank in the year (1, 2, 3 …)
 * @param date The date that picks the rule version
 * @param [crossRegion] local (default), referral, temporary, emergency, long_term
 * @param [params] A parameter table to use instead of the documented values
 * @returns The threshold in yuan
 */
export function threshold(insuredPlace: any[][], scheme: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], crossRegion?: any[][], params?: any[][]): any[][] {
  return guard(() => {
    const engine = engineFor(params);
    if (engine instanceof Error) return [[engine]];
    const args = [insuredPlace, scheme, hospitalLevel, admissionIndex, date, crossRegion];
    const b = broadcast(args);
    const header = ["insuredPlace", "scheme", "hospitalLevel", "admissionIndex", "settlementDate", "crossRegion", "personType", "careType", "settlement", "total", "crossProvince"];
    const rows = Array.from({ length: b.n }, (_, i) => {
      const sch = String(b.at(1, i) ?? "");
      const resident = /resident|居民/.test(sch);
      const cross = b.at(5, i) ?? "local";
      return [b.at(0, i), b.at(1, i), b.at(2, i), b.at(3, i), b.at(4, i), cross, resident ? "adult" : "in_service", "inpatient", "direct", 0, cross === "referral" || cross === "异地转诊" ? true : null];
    });
    return rowsOut(settleRows(engine, header, rows), "threshold");
  });
}

function dayArg(date: unknown): number | Error {
  const d = typeof date === "number" ? parseDay(date) : parseDay(String(date ?? ""));
  return d === null ? cellError("input", currentLanguage() === "zh" ? `日期“${String(date)}”无效` : `"${String(date)}" is not a date`) : d;
}

/**
 * One policy parameter as in force on a date (ratios as decimals, amounts in yuan).
 * @customfunction POLICY_PARAM
 * @param id The parameter id, e.g. lanzhou.employee.inpatient.annualCap
 * @param date The date
 * @param [key] For keyed parameters: the key (3A, retired …); for a band: key@lower edge (in_service@10000)
 * @param [params] A parameter table to use instead of the documented values
 * @returns The value
 */
export function policyParam(id: string, date: any, key?: string, params?: any[][]): any {
  const lang = currentLanguage();
  const engine = engineFor(params);
  if (engine instanceof Error) return engine;
  const day = dayArg(date);
  if (day instanceof Error) return day;
  const reg = engine.registry;
  if (!reg.has(id)) return cellError("input", lang === "zh" ? `未知参数“${id}”` : `Unknown parameter "${id}"`);
  const p = reg.param(id);
  const row = paramTable(reg, p.set, day, lang).find((r) => r.id === id && r.key === (key ?? ""));
  if (!row) return cellError("input", lang === "zh" ? `参数“${id}”没有键“${key ?? ""}”` : `Parameter "${id}" has no key "${key ?? ""}"`);
  if (row.value === "") return cellError("no_rule", row.source);
  try {
    reg.version(id, day);
  } catch (e) {
    if (e instanceof PolicyError) return problemError(e.problem);
    throw e;
  }
  if (p.unit === "switch") return row.value;
  return Number(row.value);
}

/**
 * The parameter table of a policy set as in force on a date: copy it, edit values in the cells, and
 * pass the edited range as the params argument of REIMBURSE (reforms as cells).
 * @customfunction POLICY_PARAMS
 * @param set lanzhou, shenyang or liaoning
 * @param date The date
 * @param [lang] zh (default) or en
 * @returns The table: parameter, key, from, value, unit, label, source
 */
export function policyParams(set: string, date: any, lang?: string): any[][] {
  const day = dayArg(date);
  if (day instanceof Error) return [[day]];
  const l = lang === "en" ? "en" : lang === "zh" ? "zh" : currentLanguage();
  if (!["lanzhou", "shenyang", "liaoning"].includes(set)) return [[cellError("input", l === "zh" ? `未知参数集“${set}”，可选：lanzhou、shenyang、liaoning` : `Unknown set "${set}": lanzhou, shenyang or liaoning`)]];
  return tableToCells(paramTable((engineFor(null) as Engine).registry, set, day, l), l);
}

/**
 * The Chaoyang referral catalog rows (朝阳市转诊转院目录) that match a condition, best first.
 * @customfunction REFERRAL
 * @param condition The condition or treatment
 * @param [department] The department (科室), to narrow the search
 * @returns Rows of: number, department, item
 */
export function referral(condition: string, department?: string): any[][] {
  const m = findReferral(condition, department ?? undefined);
  return m.length ? m.map((x) => [x.row.no, x.row.department, x.row.item]) : [[cellError("no_rule", currentLanguage() === "zh" ? "目录中没有相近的病种或诊疗项目" : "No catalog row is close")]];
}

/**
 * The materials a manual reimbursement or filing needs, by claim kind (NA 附件2, Lanzhou lists).
 * @customfunction MATERIALS
 * @param careType inpatient, chronic, two_disease, general_outpatient, maternity …
 * @param [settlement] manual (default) or direct
 * @param [insuredPlace] lanzhou or shenyang
 * @param [scheme] employee or resident
 * @returns One item per cell, the list's name first
 */
export function materials(careType: string, settlement?: string, insuredPlace?: string, scheme?: string): any[][] {
  const lang = currentLanguage();
  const kinds = materialKinds({ careType, settlement: settlement || "manual", insuredPlace: insuredPlace || undefined, scheme: scheme || undefined, purpose: (settlement || "manual") === "manual" ? "reimbursement" : undefined });
  if (!kinds.length) return [[cellError("no_rule", lang === "zh" ? "文件没有给出这类报销的材料清单" : "The documents give no materials list for this kind")]];
  const out: Matrix = [];
  for (const k of kinds) {
    out.push([`【${k.name[lang]}】${k.openEnded ? (lang === "zh" ? "（最低要求）" : " (a minimum)") : ""}`]);
    for (const it of k.items) out.push([lang === "zh" ? it.zh : it.en]);
  }
  return out;
}

// Keep the names the bundle registers stable (CustomFunctions.associate uses the ids above).
export const FUNCTION_IDS = ["REIMBURSE", "REIMBURSE_INPATIENT", "SETTLEMENT", "EXPLAIN", "IS_EMERGENCY", "EMERGENCY_CONDITIONS", "CHRONIC_CODE", "CHRONIC_NAME", "THRESHOLD", "POLICY_PARAM", "POLICY_PARAMS", "REFERRAL", "MATERIALS"] as const;
