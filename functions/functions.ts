/**
 * The custom functions of 医保核算, namespace YIBAO in every language (Chinese names in Chinese Excel):
 * thin adapters over the policy core. Every function that takes one claim takes a whole range too and
 * spills one result per row; a row that fails gets its own error cell (#VALUE! bad input, #N/A no
 * rule, or the Excel error the row held) and the other rows still compute. Cells are read as Excel
 * passes them (blank as 0, error values, data types, whole columns) by src/claim/excelCells.ts, and a
 * date cell's serial in the workbook's date system, 1900 or 1904 (functions/excel.ts passDateSystem):
 * each function that reads a date is entered through a *Call function that waits for the system of
 * its calculation pass, with an answer-at-once twin (no suffix) for tests and the bench. The
 * JSDoc below generates functions.json (custom-functions-metadata-plugin); the flags it cannot
 * express and the Chinese names and descriptions are added at build time (functions/zhcn.js).
 */
import { chronicCode, chronicName } from "../src/catalogs/national";
import { conditionProblem, conditionsMet, evaluate, findCondition, findingName, parseFindings } from "../src/catalogs/emergency";
import { findReferral } from "../src/catalogs/referral";
import { materialKinds } from "../src/catalogs/materials";
import { isSerialText, parseDay, type DateSystem } from "../src/dates";
import { fenToNumber } from "../src/money";
import { paramTable, tableToCells } from "../src/params/table";
import { LIAONING_CITIES } from "../src/claim/enums";
import { renderTrace } from "../src/trace";
import type { Engine } from "../src/engine/settle";
import { claimRows, engineFor, settleRange, settleRows, broadcast, cellError, currentDateSystem, currentLanguage, errorWithCode, langArg, messageError, optionalText, problemError, problemsError, resultOf, withDateSystem, type Matrix, type Cell, type SettledRange, type SettledRow } from "./excel";
import { LAYERS, type ResultColumns } from "../src/engine/columns";
import { claimColumns, readFindingPairs, readRow, readScalar, trimmedLength } from "../src/claim/excelCells";
import { rowValidator } from "../src/claim/validate";
import { joinList, msg, say } from "../src/messages";
import { crossRegionEnum, lookupEnum } from "../src/claim/enums";
import { PolicyError } from "../src/problem";
import { settleLater } from "./batch";

/**
 * The outputs a formula may ask for, by the words people type for them (data: the OUTPUT argument is
 * read in either language, whatever Excel's language, so these are never translated).
 */
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
/** The words for every output at once (data, as OUTPUTS). */
const ALL_WORDS: readonly string[] = ["all", "全部"];
const ALL: Output[] = ["pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "fund", "threshold", "policyScope"];

/** A referral, however the cell writes it (referral, 异地转诊, 转诊 …): its cross-province flag defaults to yes. */
function isReferral(cross: unknown): boolean {
  return typeof cross === "string" && lookupEnum(crossRegionEnum, cross) === "referral";
}

/** EXPLAIN answers a few claims, line by line; a batch belongs in SETTLEMENT (one row per claim) or the pane. */
export const EXPLAIN_MAX_CLAIMS = 100;

function outputOf(spec: unknown): Output | "all" | Error {
  if (spec === undefined || spec === null) return "fund"; // left out (what readScalar says of it), without building its label
  const r = readScalar(spec, msg("functions.arg.text"));
  if (!r.ok) return errorWithCode(r.code ?? "#VALUE!", r.problem.message[currentLanguage()]);
  if (r.value === null) return "fund";
  const s = String(r.value).trim();
  if (ALL_WORDS.includes(s.toLowerCase())) return "all";
  for (const [k, v] of Object.entries(OUTPUTS)) if (k.toLowerCase() === s.toLowerCase() || v.zh === s || v.en === s.toLowerCase()) return k as Output;
  return messageError("input", "functions.output.invalid", { value: s, choices: { zh: joinList("zh", Object.values(OUTPUTS).map((o) => o.zh)), en: joinList("en", Object.keys(OUTPUTS)) } });
}

/**
 * One output of a settlement as a cell. A layer that is not computable (POLICY §12) is #N/A with the
 * parameter it needs, in that layer's cell only; the fund total and the personal share are then #N/A
 * too, the other layers stay numbers.
 */
function amount(s: SettledRow, o: Output): Cell {
  return amountAt(s.res, s.k, o, LAYERS.map((l) => s.res[l]));
}

/** `layers`: res's fund layer columns in LAYERS order (SettledRange.layers), summed for the fund total. */
function amountAt(res: ResultColumns, k: number, o: Output, layers: readonly ArrayLike<number>[]): Cell {
  const inc = res.incomplete[k];
  const missing = inc && (o === "fund" || o === "personal" ? inc : inc.filter((x) => x.layer === o));
  if (missing && missing.length) return cellError("no_rule", missing.map((x) => x.message[currentLanguage()]).join(say(currentLanguage(), "common.sentenceSeparator")));
  switch (o) {
    case "fund": {
      let fund = 0;
      for (let q = 0; q < layers.length; q++) fund += layers[q]![k]!;
      return fenToNumber(fund);
    }
    case "personal":
      return fenToNumber(res.personal[k]!);
    case "threshold":
      return fenToNumber(res.threshold[k]!);
    case "policyScope":
      return fenToNumber(res.policyScope[k]!);
    case "classBSelfShare":
      return fenToNumber(res.classBSelfShare[k]!);
    case "firstPay":
      return fenToNumber(res.firstPay[k]!);
    default:
      return fenToNumber(res[o][k]!);
  }
}

/** Row i of a settled range as the output's cells: blank, its error, or its amounts. */
function rowOut(s: SettledRange, i: number, output: Output | "all"): Cell[] {
  const width = output === "all" ? ALL.length : 1;
  const e = s.errors[i];
  if (e) return width === 1 ? [e] : new Array<Cell>(width).fill(e);
  const k = s.claimOf[i]!;
  if (k < 0) return width === 1 ? [""] : new Array<Cell>(width).fill("");
  return output === "all" ? ALL.map((o) => amountAt(s.res, k, o, s.layers)) : [amountAt(s.res, k, output, s.layers)];
}

function rowsOut(s: SettledRange, output: Output | "all"): Matrix {
  if (!s.n) return [new Array<Cell>(output === "all" ? ALL.length : 1).fill("")];
  const out: Matrix = new Array(s.n);
  for (let i = 0; i < s.n; i++) out[i] = rowOut(s, i, output);
  return out;
}

/** A filled-down call's cells, from its row of the pass's batch (functions/batch.ts). */
const callOut = (s: SettledRange, i: number, output: Output | "all"): Matrix => [rowOut(s, i, output)];

function guard(f: () => Matrix): Matrix {
  try {
    return f();
  } catch (e) {
    if (e instanceof PolicyError) return [[problemError(e.problem)]];
    throw e;
  }
}

/**
 * REIMBURSE's work, for a range of claims or (batch) one claim row whose settlement waits for the
 * other calls of the calculation pass (functions/batch.ts). Everything a call can refuse on its own
 * (the output, the parameter table, the header) is answered at once.
 */
function reimburseRows(claims: any[][], headers: any[][] | undefined, output: string | undefined, params: any[][] | undefined, batch: boolean, system: DateSystem): any[][] | Promise<any[][]> {
  // guard's work, written out: a filled-down column makes this call once per cell, and a closure per call is garbage
  try {
    const o = outputOf(output);
    if (o instanceof Error) return [[o]];
    const engine = engineFor(params, currentLanguage(), system);
    if (engine instanceof Error) return [[engine]];
    const range = claimRows(claims, headers);
    if (range instanceof Error) return [[range]];
    // a formula filled down past the last claim: its blank row answers blank, as that row of a range does
    if (!range.rows.length) return headers && claims.length === 1 ? [new Array<Cell>(o === "all" ? ALL.length : 1).fill("")] : [[messageError("input", "functions.reimburse.noRows", {})]];
    if (batch && range.rows.length === 1) return settleLater(engine, range.header, range.rows[0]!, currentLanguage(), callOut, o, system);
    return rowsOut(settleRange(engine, range.header, range.rows, currentLanguage(), undefined, system), o);
  } catch (e) {
    if (e instanceof PolicyError) return [[problemError(e.problem)]];
    throw e;
  }
}

/** REIMBURSE on a range, answered at once in the date system set (tests, the bench; Excel calls reimburseCall). */
export function reimburse(claims: any[][], headers?: any[][], output?: string, params?: any[][]): any[][] {
  return reimburseRows(claims, headers, output, params, false, currentDateSystem()) as any[][];
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
export function reimburseCall(claims: any[][], headers?: any[][], output?: string, params?: any[][]): Promise<any[][]> {
  // a range is computed once the pass's date system is known; a single claim row (a formula filled down
  // a column) then joins its pass's batch
  return Promise.resolve(withDateSystem((system) => reimburseRows(claims, headers, output, params, true, system)));
}

function reimburseInpatientRows(args: (any[][] | undefined)[], output: string | undefined, params: any[][] | undefined, batch: boolean, system: DateSystem): any[][] | Promise<any[][]> {
  let later: Promise<any[][]> | undefined;
  const now = guard(() => {
    const o = outputOf(output);
    if (o instanceof Error) return [[o]];
    const engine = engineFor(params, currentLanguage(), system);
    if (engine instanceof Error) return [[engine]];
    const b = broadcast(args);
    if (b.n === 0) return [[""]];
    const rows = Array.from({ length: b.n }, (_, i) => {
      const cross = b.at(9, i) ?? "local";
      return [...args.map((_, a) => (a === 9 ? cross : b.at(a, i))), "inpatient", "direct", isReferral(cross) ? true : null];
    });
    if (batch && rows.length === 1) {
      later = settleLater(engine, INPATIENT_HEADER, rows[0]!, currentLanguage(), callOut, o, system);
      return [];
    }
    return rowsOut(settleRange(engine, INPATIENT_HEADER, rows, currentLanguage(), undefined, system), o);
  });
  return later ?? now;
}

const INPATIENT_HEADER = ["insuredPlace", "scheme", "personType", "hospitalLevel", "admissionIndex", "settlementDate", "total", "outOfCatalog", "classB", "crossRegion", "ytdFundPaid", "careType", "settlement", "crossProvince"];

/** REIMBURSE_INPATIENT answered at once (the pane, tests; Excel calls reimburseInpatientCall). */
export function reimburseInpatient(insuredPlace: any[][], scheme: any[][], personType: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], total: any[][], outOfCatalog?: any[][], classB?: any[][], crossRegion?: any[][], ytdFundPaid?: any[][], output?: string, params?: any[][]): any[][] {
  return reimburseInpatientRows([insuredPlace, scheme, personType, hospitalLevel, admissionIndex, date, total, outOfCatalog, classB, crossRegion, ytdFundPaid], output, params, false, currentDateSystem()) as any[][];
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
export function reimburseInpatientCall(insuredPlace: any[][], scheme: any[][], personType: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], total: any[][], outOfCatalog?: any[][], classB?: any[][], crossRegion?: any[][], ytdFundPaid?: any[][], output?: string, params?: any[][]): Promise<any[][]> {
  return Promise.resolve(withDateSystem((system) => reimburseInpatientRows([insuredPlace, scheme, personType, hospitalLevel, admissionIndex, date, total, outOfCatalog, classB, crossRegion, ytdFundPaid], output, params, true, system)));
}

/** SETTLEMENT answered at once in the date system set (tests; Excel calls settlementCall). */
export function settlement(claims: any[][], headers?: any[][], params?: any[][], lang?: string): any[][] {
  return settlementIn(currentDateSystem(), claims, headers, params, lang);
}

/**
 * Every layer of each claim as a labelled row: the rule, the policy-scope expense, the threshold,
 * each fund and the personal share. The first row of the result holds the labels.
 * @customfunction SETTLEMENT
 * @param claims Claim rows (with the header row first unless headers is given)
 * @param [headers] The header row of the claim columns
 * @param [params] A parameter table to use instead of the documented values
 * @param [lang] zh or en for the labels and rules (default: Excel's display language)
 * @returns A header row, then one row per claim
 */
export function settlementCall(claims: any[][], headers?: any[][], params?: any[][], lang?: string): Promise<any[][]> {
  return Promise.resolve(withDateSystem((system) => settlementIn(system, claims, headers, params, lang)));
}

function settlementIn(system: DateSystem, claims: any[][], headers?: any[][], params?: any[][], lang?: string): any[][] {
  return guard(() => {
    const l = langArg(lang);
    if (l instanceof Error) return [[l]];
    const engine = engineFor(params, l, system);
    if (engine instanceof Error) return [[engine]];
    const range = claimRows(claims, headers);
    if (range instanceof Error) return [[range]];
    const cols: Output[] = ["policyScope", "threshold", "pooled", "largeAmount", "supplementary", "seriousIllness", "assistance", "subsidy", "personal", "fund"];
    const head: Cell[] = [say(l, "functions.output.ruleLabel"), ...cols.map((o) => OUTPUTS[o][l])];
    const body: Matrix = settleRows(engine, range.header, range.rows, l, undefined, system).map((x) => {
      if (x === null) return new Array<Cell>(head.length).fill("");
      if (!x.ok) return new Array<Cell>(head.length).fill(x.error);
      return [resultOf(x.at).rule?.[l] ?? "", ...cols.map((o) => amount(x.at, o))];
    });
    return [head, ...body];
  });
}

/** EXPLAIN answered at once in the date system set (tests; Excel calls explainCall). */
export function explain(claims: any[][], headers?: any[][], lang?: string, params?: any[][]): any[][] {
  return explainIn(currentDateSystem(), claims, headers, lang, params);
}

/**
 * The settlement of each claim step by step, with the rule and the citation of every figure.
 * @customfunction EXPLAIN
 * @param claims Claim rows (with the header row first unless headers is given)
 * @param [headers] The header row of the claim columns
 * @param [lang] zh or en (default: Excel's display language)
 * @param [params] A parameter table to use instead of the documented values
 * @returns The explanation as lines, one per cell
 */
export function explainCall(claims: any[][], headers?: any[][], lang?: string, params?: any[][]): Promise<any[][]> {
  return Promise.resolve(withDateSystem((system) => explainIn(system, claims, headers, lang, params)));
}

function explainIn(system: DateSystem, claims: any[][], headers?: any[][], lang?: string, params?: any[][]): any[][] {
  return guard(() => {
    const l = langArg(lang);
    if (l instanceof Error) return [[l]];
    const engine = engineFor(params, l, system);
    if (engine instanceof Error) return [[engine]];
    const range = claimRows(claims, headers);
    if (range instanceof Error) return [[range]];
    const columns = claimColumns(range.header);
    const validate = rowValidator(range.header, {}, { dateSystem: system });
    const read = range.rows.map((r) => readRow(r, columns));
    const count = read.filter((r) => !r.ok || !r.blank).length;
    if (count > EXPLAIN_MAX_CLAIMS) return [[messageError("input", "functions.explain.tooMany", { max: EXPLAIN_MAX_CLAIMS, n: count }, l)]];
    const lines: Matrix = [];
    read.forEach((row, i) => {
      if (row.ok && row.blank) return;
      if (count > 1) lines.push([say(l, "functions.explain.claim", { n: i + 1 })]);
      if (!row.ok) return lines.push([errorWithCode(row.code ?? "#VALUE!", row.problem.message[l])]);
      const v = validate(row.values, `row ${i + 1}`);
      if (!v.ok) return lines.push([problemsError(v.problems, l)]);
      const r = engine.settle(v.claim);
      if (!r.ok) return lines.push([problemError(r.problem!, l)]);
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
    const n = pairs ? 1 : Math.max(trimmedLength(condition), trimmedLength(findings));
    const out: Matrix = [];
    for (let i = 0; i < n; i++) {
      const name = readScalar(condition.length === 1 ? condition[0]![0] : condition[i]?.[0], msg("functions.arg.condition"));
      if (!name.ok) {
        out.push([errorWithCode(name.code ?? "#VALUE!", name.problem.message[lang])]);
        continue;
      }
      if (name.value === null) {
        out.push([""]);
        continue;
      }
      const { condition: c } = findCondition(String(name.value));
      if (!c) {
        // the findings language's answer: the candidates when a name is close to two conditions, never a guess
        out.push([cellError("input", conditionProblem(String(name.value))[lang])]);
        continue;
      }
      const f = findingsOf(pairs ? findings : [[findings.length === 1 ? findings[0]![0] : findings[i]?.[0]]], pairs);
      if (f instanceof Error) {
        out.push([f]);
        continue;
      }
      const e = evaluate(c, f);
      out.push([e.result === "met" ? true : e.result === "not_met" ? false : messageError("no_rule", "functions.emergency.missing", { findings: { zh: joinList("zh", e.missing.map((m) => findingName(m, "zh"))), en: joinList("en", e.missing.map((m) => findingName(m, "en"))) } })]);
    }
    return out.length ? out : [[""]];
  });
}

/** Findings from a text cell or a two-column range of names and values, or the Excel error that says why not. */
function findingsOf(cells: unknown[][], pairs: boolean): ReturnType<typeof parseFindings>["findings"] | Error {
  const lang = currentLanguage();
  let f: ReturnType<typeof parseFindings>;
  if (pairs) {
    const p = readFindingPairs(cells, msg("functions.arg.findings"));
    if (!p.ok) return errorWithCode(p.code ?? "#VALUE!", p.problem.message[lang]);
    f = parseFindings(p.pairs);
  } else {
    const t = readScalar(cells[0]?.[0], msg("functions.arg.findings"));
    if (!t.ok) return errorWithCode(t.code ?? "#VALUE!", t.problem.message[lang]);
    f = parseFindings(t.value === null ? "" : String(t.value));
  }
  if (f.problems.length) return cellError("input", f.problems.map((p) => p.message[lang]).join(say(lang, "common.sentenceSeparator")));
  return f.findings;
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
    const pairs = findings.length > 0 && findings[0]!.length === 2;
    const f = findingsOf(pairs ? findings.slice(0, trimmedLength(findings)) : findings, pairs);
    if (f instanceof Error) return [[f]];
    const met = conditionsMet(f);
    return met.length ? met.map((e) => [e.condition.name[lang]]) : [[messageError("no_rule", "functions.emergency.none", {})]];
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
  const sep = say(lang, "common.sentenceSeparator");
  const out = names.slice(0, trimmedLength(names)).map((r): Cell[] => {
    const v = readScalar(r[0], msg("functions.arg.name"));
    if (!v.ok) return [errorWithCode(v.code ?? "#VALUE!", v.problem.message[lang])];
    if (v.value === null) return [""];
    const a = chronicCode(String(v.value));
    if (a.code) return [a.code];
    const close = a.alternatives.map((x) => `${x.name} ${x.code}`).join(say(lang, "common.listSeparator"));
    const reason = a.reason?.[lang] ?? "";
    return [cellError("no_rule", [reason, close && !reason.includes(close) ? say(lang, "functions.chronic.closest", { closest: close }) : ""].filter(Boolean).join(sep))];
  });
  return out.length ? out : [[""]];
}

/**
 * The national name of a chronic/special disease code.
 * @customfunction CHRONIC_NAME
 * @param codes A code such as M03900, or a column of them
 * @returns The national disease name
 */
export function chronicNameFn(codes: any[][]): any[][] {
  const lang = currentLanguage();
  const out = codes.slice(0, trimmedLength(codes)).map((r): Cell[] => {
    const v = readScalar(r[0], msg("functions.arg.code"));
    if (!v.ok) return [errorWithCode(v.code ?? "#VALUE!", v.problem.message[lang])];
    if (v.value === null) return [""];
    const c = chronicName(String(v.value));
    return [c ? c.name : messageError("no_rule", "functions.chronic.notCode", { value: String(v.value) })];
  });
  return out.length ? out : [[""]];
}

/** THRESHOLD answered at once in the date system set (tests; Excel calls thresholdCall). */
export function threshold(insuredPlace: any[][], scheme: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], crossRegion?: any[][], params?: any[][]): any[][] {
  return thresholdIn(currentDateSystem(), insuredPlace, scheme, hospitalLevel, admissionIndex, date, crossRegion, params);
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
export function thresholdCall(insuredPlace: any[][], scheme: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], crossRegion?: any[][], params?: any[][]): Promise<any[][]> {
  return Promise.resolve(withDateSystem((system) => thresholdIn(system, insuredPlace, scheme, hospitalLevel, admissionIndex, date, crossRegion, params)));
}

function thresholdIn(system: DateSystem, insuredPlace: any[][], scheme: any[][], hospitalLevel: any[][], admissionIndex: any[][], date: any[][], crossRegion?: any[][], params?: any[][]): any[][] {
  return guard(() => {
    const engine = engineFor(params, currentLanguage(), system);
    if (engine instanceof Error) return [[engine]];
    const args = [insuredPlace, scheme, hospitalLevel, admissionIndex, date, crossRegion];
    const b = broadcast(args);
    if (b.n === 0) return [[""]];
    const header = ["insuredPlace", "scheme", "hospitalLevel", "admissionIndex", "settlementDate", "crossRegion", "personType", "careType", "settlement", "total", "crossProvince"];
    const rows = Array.from({ length: b.n }, (_, i) => {
      const sch = String(b.at(1, i) ?? "");
      const resident = /resident|居民/.test(sch);
      const cross = b.at(5, i) ?? "local";
      // the total is a literal, not a cell: written "0" so that it is not read as desktop Excel's blank 0
      return [b.at(0, i), b.at(1, i), b.at(2, i), b.at(3, i), b.at(4, i), cross, resident ? "adult" : "in_service", "inpatient", "direct", "0", isReferral(cross) ? true : null];
    });
    return rowsOut(settleRange(engine, header, rows, currentLanguage(), undefined, system), "threshold");
  });
}

/** A date argument: a date cell's serial in the workbook's date system, or a date as text (never shifted). */
function dayArg(date: unknown, system: DateSystem): number | Error {
  const r = readScalar(date, msg("functions.arg.date"));
  if (!r.ok) return errorWithCode(r.code ?? "#VALUE!", r.problem.message[currentLanguage()]);
  if (r.value === null) return messageError("input", "functions.date.missing", {});
  const d = typeof r.value === "number" ? parseDay(r.value, system) : parseDay(String(r.value), system);
  if (d !== null) return d;
  const serial = typeof r.value === "number" || isSerialText(String(r.value));
  return messageError("input", serial && system === "unknown" ? "functions.date.systemUnknown" : "functions.date.invalid", { value: String(r.value) });
}

/** POLICY_PARAM answered at once in the date system set (tests; Excel calls policyParamCall). */
export function policyParam(id: string, date: any, key?: string, params?: any[][]): any {
  return policyParamIn(currentDateSystem(), id, date, key, params);
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
export function policyParamCall(id: string, date: any, key?: string, params?: any[][]): Promise<any> {
  return Promise.resolve(withDateSystem((system) => policyParamIn(system, id, date, key, params)));
}

function policyParamIn(system: DateSystem, id: string, date: any, key?: string, params?: any[][]): any {
  const lang = currentLanguage();
  const engine = engineFor(params, lang, system);
  if (engine instanceof Error) return engine;
  const day = dayArg(date, system);
  if (day instanceof Error) return day;
  const reg = engine.registry;
  id = String(id ?? "").trim();
  if (!reg.has(id)) return messageError("input", "functions.param.unknown", { id });
  const p = reg.param(id);
  const k = optionalText(key) ?? "";
  const row = paramTable(reg, p.set, day, lang).find((r) => r.id === id && r.key === k);
  if (!row) return messageError("input", "functions.param.noKey", { id, key: k });
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

/** POLICY_PARAMS answered at once in the date system set (tests; Excel calls policyParamsCall). */
export function policyParams(set: string, date: any, lang?: string): any[][] {
  return policyParamsIn(currentDateSystem(), set, date, lang);
}

/**
 * The parameter table of a policy set as in force on a date: copy it, edit values in the cells, and
 * pass the edited range as the params argument of REIMBURSE (reforms as cells).
 * @customfunction POLICY_PARAMS
 * @param set lanzhou, shenyang or liaoning
 * @param date The date
 * @param [lang] zh or en (default: Excel's display language)
 * @returns The table: parameter, key, from, value, unit, label, source
 */
export function policyParamsCall(set: string, date: any, lang?: string): Promise<any[][]> {
  return Promise.resolve(withDateSystem((system) => policyParamsIn(system, set, date, lang)));
}

function policyParamsIn(system: DateSystem, set: string, date: any, lang?: string): any[][] {
  const l = langArg(lang);
  if (l instanceof Error) return [[l]];
  const day = dayArg(date, system);
  if (day instanceof Error) return [[day]];
  if (!["lanzhou", "shenyang", "liaoning", ...LIAONING_CITIES].includes(set)) return [[messageError("input", "functions.params.unknownSet", { set: String(set) }, l)]];
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
  const m = findReferral(condition, optionalText(department));
  return m.length ? m.map((x) => [x.row.no, x.row.department, x.row.item]) : [[messageError("no_rule", "functions.referral.none", {})]];
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
  const kind = optionalText(settlement) ?? "manual";
  const kinds = materialKinds({ careType, settlement: kind, insuredPlace: optionalText(insuredPlace), scheme: optionalText(scheme), purpose: kind === "manual" ? "reimbursement" : undefined });
  if (!kinds.length) return [[messageError("no_rule", "functions.materials.none", {})]];
  const out: Matrix = [];
  for (const k of kinds) {
    out.push([say(lang, "functions.materials.list", { name: k.name, minimum: k.openEnded ? msg("functions.materials.minimum") : "" })]);
    for (const it of k.items) out.push([lang === "zh" ? it.zh : it.en]);
  }
  return out;
}

// Keep the names the bundle registers stable (CustomFunctions.associate uses the ids above).
export const FUNCTION_IDS = ["REIMBURSE", "REIMBURSE_INPATIENT", "SETTLEMENT", "EXPLAIN", "IS_EMERGENCY", "EMERGENCY_CONDITIONS", "CHRONIC_CODE", "CHRONIC_NAME", "THRESHOLD", "POLICY_PARAM", "POLICY_PARAMS", "REFERRAL", "MATERIALS"] as const;
