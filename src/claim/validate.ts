/**
 * Raw record → typed claim, or every problem found, each naming the field, the value given and what
 * was expected, in Chinese and English. A record is an object keyed by canonical names, English
 * labels, Chinese headers or national export names; cell values may be numbers, numeric text, Excel
 * date serials, ISO dates, booleans, Date objects or Excel error values.
 *
 * Lenient forms accepted (and only these): surrounding spaces, full-width digits and letters, a
 * leading ¥/￥ and a trailing 元 on amounts, thousands separators in the strict 12,345.60 pattern
 * (money.ts normaliseAmountText), 是/否/Y/N/1/0 for yes/no. Everything else is refused with a
 * message. The table of accepted and refused forms is docs/lenient-input.md.
 */
import { parseDay, type Day, formatDay } from "../dates";
import { MAX_FEN, normaliseAmountText, numberToDecimalString, parseYuan, formatYuan } from "../money";
import { msg } from "../messages";
import { describeValue, type Problem } from "../problem";
import type { Text } from "../text";
import type { Claim, Claimed } from "./claim";
import { EMPLOYEE_PERSON_TYPES, RESIDENT_PERSON_TYPES, lookupEnum, normaliseToken, type EnumDef } from "./enums";
import { FIELD_BY_NAME, fieldForHeader, headerInfo, type FieldDef } from "./fields";
import { isCodeForm, nationalCode, placeCode } from "./national";

export type RawValue = unknown;
export type RawRecord = Readonly<Record<string, RawValue>>;

export type Validation = { ok: true; claim: Claim } | { ok: false; problems: Problem[]; id?: string };

const EXCEL_ERRORS = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!"]);

function isExcelError(v: unknown): string | null {
  if (typeof v === "string" && EXCEL_ERRORS.has(v.trim().toUpperCase())) return v.trim();
  if (typeof v === "object" && v !== null && "error" in v && typeof (v as { error: unknown }).error === "string") return (v as { error: string }).error;
  if (typeof v === "object" && v !== null && "type" in v && (v as { type: unknown }).type === "Error") return String((v as { code?: unknown }).code ?? "#VALUE!");
  // an error value as a custom function may receive it: { type: "#VALUE!" }, or an Error (CustomFunctions.Error has a code)
  if (typeof v === "object" && v !== null && "type" in v && typeof (v as { type: unknown }).type === "string" && (v as { type: string }).type.startsWith("#")) return (v as { type: string }).type;
  if (v instanceof Error) {
    const code = (v as { code?: unknown }).code;
    return typeof code === "string" && code.startsWith("#") ? code : "#VALUE!";
  }
  return null;
}

/** A row with no value in any cell (blank text counts as no value): not a claim, skipped everywhere. */
export function blankRow(r: readonly unknown[]): boolean {
  return r.every(blank);
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** Full-width to half-width, for digits typed with a Chinese input method. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

class Collector {
  problems: Problem[] = [];
  constructor(
    private readonly headerOf: (field: string) => string,
    /** The record's own name and ID number: echoed nowhere, even from another column (a shifted row). */
    private readonly identity: () => readonly string[] = () => [],
  ) {}

  add(code: string, field: string, value: unknown, expected: Text, kind: "input" | "no_rule" = "input") {
    const def = FIELD_BY_NAME.get(field);
    const own = typeof value === "string" && value.trim() !== "" && this.identity().includes(value.trim());
    const shown = own ? describeValue(value, "name") : describeValue(value, field);
    const header = this.headerOf(field);
    const zhName = def ? `${def.label.zh}（${header}）` : header;
    const enName = def ? `${def.label.en} (${header})` : header;
    this.problems.push({
      code,
      kind,
      field,
      value: shown,
      message: {
        zh: `${zhName}：${value === undefined || blank(value) ? "未填写" : `值 ${shown} 无效`}，应为${expected.zh}`,
        en: `${enName}: ${value === undefined || blank(value) ? "missing" : `${shown} is not valid`}; expected ${expected.en}`,
      },
    });
  }
}

/** A header as text, whatever the cell holds (an object header is no header). */
function headerText(h: unknown): string {
  return typeof h === "string" ? h.trim() : typeof h === "number" && Number.isFinite(h) ? String(h) : "";
}

/** "12.5" with the point moved `digits` places right ("12.5", 4 → "125000"), exactly, as text. */
function shiftDecimal(t: string, digits: number): string {
  const neg = t.startsWith("-");
  const u = neg ? t.slice(1) : t;
  const [int, frac = ""] = u.split(".") as [string, string?];
  const f = frac.padEnd(digits, "0");
  const whole = (int + f.slice(0, digits)).replace(/^0+(?=\d)/, "");
  const rest = f.slice(digits);
  return (neg ? "-" : "") + whole + (rest ? "." + rest : "");
}

function enumList(e: EnumDef<string>): Text {
  return {
    zh: e.codes.map((c) => `${e.zh[c]}（${c}）`).join("、"),
    en: e.codes.join(" | "),
  };
}

/** Validate one raw record (an object keyed by canonical names, labels, Chinese or national headers). */
export function validateClaim(raw: RawRecord, rowLabel?: string): Validation {
  // Resolve the record's keys to canonical fields once.
  const byField = new Map<string, { key: string; value: unknown }>();
  const dupes: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const def = FIELD_BY_NAME.get(key) ?? fieldForHeader(key);
    if (!def) continue;
    const prev = byField.get(def.name);
    if (prev) {
      // the first column with a value wins, as in rowValidator; two with values are a problem
      if (!blank(prev.value) && !blank(value)) dupes.push(`${prev.key} / ${key}`);
      if (blank(value) || !blank(prev.value)) continue;
    }
    byField.set(def.name, { key, value });
  }
  return validateFields((name) => byField.get(name), dupes, rowLabel);
}

/**
 * A validator for the rows of one table: the header row is resolved to fields once, then each row is
 * validated without looking headers up again (a 100 000-row range is one call).
 */
export function rowValidator(
  headers: readonly unknown[],
  /** The user's corrections: header → canonical field, or null to ignore the column. */
  mapping: Readonly<Record<string, string | null>> = {},
): (row: readonly unknown[], rowLabel?: string) => Validation {
  const cols = new Map<string, number[]>();
  headers.forEach((h, j) => {
    const key = headerText(h);
    if (key === "") return;
    const def = Object.hasOwn(mapping, key) ? (mapping[key] === null ? undefined : FIELD_BY_NAME.get(mapping[key]!)) : (FIELD_BY_NAME.get(key) ?? fieldForHeader(key));
    if (def) cols.set(def.name, [...(cols.get(def.name) ?? []), j]);
  });
  const names = headers.map(headerText);
  return (row, rowLabel) => {
    const dupes: string[] = [];
    const get = (name: string): { key: string; value: unknown } | undefined => {
      const js = cols.get(name);
      if (!js) return undefined;
      let found: { key: string; value: unknown } | undefined;
      for (const j of js) {
        const value = row[j];
        if (found && !blank(found.value) && !blank(value)) {
          dupes.push(`${found.key} / ${names[j]}`);
          continue;
        }
        if (!found || (blank(found.value) && !blank(value))) found = { key: names[j]!, value };
      }
      return found;
    };
    // duplicates are found as fields are read; read every multiply-mapped field first
    for (const [name, js] of cols) if (js.length > 1) get(name);
    return validateFields(get, dupes, rowLabel);
  };
}

function validateFields(lookup: (name: string) => { key: string; value: unknown } | undefined, dupes: string[], rowLabel?: string): Validation {
  const c = new Collector(
    (field) => lookup(field)?.key ?? field,
    () => ["name", "idNumber"].flatMap((f) => {
      const v = lookup(f)?.value;
      return typeof v === "string" && v.trim() !== "" ? [v.trim()] : [];
    }),
  );
  for (const d of [...new Set(dupes)])
    c.problems.push({
      code: "duplicate_field",
      kind: "input",
      value: d,
      message: { zh: `两列表示同一字段：${d}`, en: `Two columns give the same field: ${d}` },
    });
  const get = (name: string) => lookup(name)?.value;
  const byField = { has: (name: string) => lookup(name) !== undefined };

  const fail = (name: string, v: unknown): boolean => {
    const err = isExcelError(v);
    if (err) {
      c.add("excel_error", name, err, { zh: "一个值，而不是 Excel 错误值", en: "a value, not an Excel error value" });
      return true;
    }
    return false;
  };

  const text = (name: string, required: boolean, maxLen = 200): string | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) {
      if (required) c.add("field_missing", name, v, { zh: "非空文本", en: "non-empty text" });
      return undefined;
    }
    const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
    if (s === null || s.length > maxLen) {
      c.add("field_invalid", name, v, { zh: `不超过 ${maxLen} 个字符的文本`, en: `text of at most ${maxLen} characters` });
      return undefined;
    }
    return s;
  };

  const enumField = <C extends string>(name: string, required: boolean): C | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    const def = FIELD_BY_NAME.get(name)!;
    const e = def.enumDef! as EnumDef<C>;
    if (blank(v)) {
      if (required) c.add("field_missing", name, v, enumList(e));
      return undefined;
    }
    if (typeof v !== "string" && typeof v !== "number") {
      c.add("field_invalid", name, v, enumList(e));
      return undefined;
    }
    const s = typeof v === "number" ? String(v) : v;
    let code = lookupEnum(e, s);
    if (!code) {
      const k = normaliseToken(s);
      const found = name === "insuredPlace" ? (/^\d{6}$/.test(k) ? placeCode(k) : null) : isCodeForm(k) ? nationalCode(name, k) : null;
      const header = lookup(name)?.key ?? name;
      if (found?.kind === "value") code = found.value as C;
      else if (found?.kind === "no_rule") {
        c.problems.push({ code: "code_no_rule", kind: "no_rule", field: name, value: k, message: msg("claim.codeNoRule", { field: def.label, header, code: k, name: found.name, reason: found.reason }) });
        return undefined;
      } else if (found?.kind === "unknown") {
        c.problems.push({ code: "code_unknown", kind: "input", field: name, value: k, message: msg("claim.codeUnknown", { field: def.label, header, code: k, list: found.list, expected: enumList(e) }) });
        return undefined;
      }
    }
    if (!code) c.add("field_invalid", name, v, enumList(e));
    return code;
  };

  const money = (name: string, required: boolean): number | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) {
      if (required) c.add("field_missing", name, v, { zh: "以元为单位的金额", en: "an amount in yuan" });
      return undefined;
    }
    const key = lookup(name)?.key ?? name;
    const unit = FIELD_BY_NAME.has(key) ? undefined : headerInfo(key);
    if (unit?.badUnit !== undefined) {
      c.problems.push({ code: "amount_unit", kind: "input", field: name, value: unit.badUnit, message: msg("claim.amountUnit", { field: FIELD_BY_NAME.get(name)!.label, header: key, unit: unit.badUnit }) });
      return undefined;
    }
    const scale = unit?.scale ?? 1;
    const digits = scale === 10_000 ? 4 : scale === 1000 ? 3 : 0;
    let r;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        c.add("amount_invalid", name, v, { zh: "有限的金额", en: "a finite amount" });
        return undefined;
      }
      const x = Object.is(v, -0) ? 0 : v;
      r = digits ? parseYuan(shiftDecimal(numberToDecimalString(x), digits)) : parseYuan(x);
    } else if (typeof v === "string") {
      const t = normaliseAmountText(v);
      if (t === null) {
        c.add("amount_invalid", name, v, { zh: "金额数字（如 12345.60 或 12,345.60）", en: "a number of yuan (e.g. 12345.60 or 12,345.60)" });
        return undefined;
      }
      r = parseYuan(digits ? shiftDecimal(t, digits) : t);
    } else {
      c.add("amount_invalid", name, v, { zh: "金额数字", en: "a number of yuan" });
      return undefined;
    }
    if (!r.ok) {
      if (r.reason === "decimals" && digits) c.add("amount_decimals", name, v, msg("claim.unitDecimals", { unit: unit!.unit!, scale: String(scale) }));
      else if (r.reason === "decimals") c.add("amount_decimals", name, v, { zh: "最多两位小数（精确到分）", en: "at most two decimals (fen)" });
      else if (r.reason === "negative") c.add("amount_negative", name, v, { zh: "非负金额", en: "a non-negative amount" });
      else if (r.reason === "range") c.add("amount_range", name, v, { zh: `不超过 ${formatYuan(MAX_FEN)} 元`, en: `at most ${formatYuan(MAX_FEN)} yuan` });
      else c.add("amount_invalid", name, v, { zh: "金额数字", en: "a number of yuan" });
      return undefined;
    }
    return r.value;
  };

  const date = (name: string): Day | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) return undefined;
    let d: Day | null = null;
    if (v instanceof Date) d = Number.isNaN(v.getTime()) ? null : Math.floor(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()) / 86_400_000);
    else if (typeof v === "number") d = Number.isInteger(v) || Math.abs(v - Math.round(v)) < 1 ? parseDay(v) : null;
    else if (typeof v === "string") d = parseDay(halfWidth(v));
    if (d === null || d < 0)
      c.add("date_invalid", name, v, { zh: "日期（2020-05-01、2020/5/1、20200501 或 Excel 日期序号）", en: "a date (2020-05-01, 2020/5/1, 20200501 or an Excel date serial)" });
    return d ?? undefined;
  };

  const count = (name: string): number | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) return undefined;
    const s = typeof v === "number" ? String(v) : typeof v === "string" ? halfWidth(v).trim().replace(/^第|次$/g, "") : "";
    if (!/^\d{1,3}$/.test(s) || Number(s) < 1) {
      c.add("count_invalid", name, v, { zh: "正整数（1、2、3…）", en: "a whole number from 1" });
      return undefined;
    }
    return Number(s);
  };

  const bool = (name: string): boolean | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) return undefined;
    if (typeof v === "boolean") return v;
    if (typeof v !== "string" && typeof v !== "number") {
      c.add("bool_invalid", name, v, { zh: "是 或 否", en: "yes or no" });
      return undefined;
    }
    const s = normaliseToken(String(v));
    if (["是", "y", "yes", "true", "1", "跨省"].includes(s)) return true;
    if (["否", "n", "no", "false", "0", "省内"].includes(s)) return false;
    c.add("bool_invalid", name, v, { zh: "是 或 否", en: "yes or no" });
    return undefined;
  };

  const id = text("id", false, 64) ?? rowLabel ?? "";
  const insuredPlace = enumField<Claim["insuredPlace"]>("insuredPlace", true);
  const scheme = enumField<Claim["scheme"]>("scheme", true);
  const personType = enumField<Claim["personType"]>("personType", true);
  const careType = enumField<Claim["careType"]>("careType", true);
  const crossRegion = enumField<Claim["crossRegion"]>("crossRegion", true);
  const settlement = enumField<Claim["settlement"]>("settlement", true);
  const hospitalLevel = enumField<NonNullable<Claim["hospitalLevel"]>>("hospitalLevel", careType === "inpatient");
  const povertyStatus = enumField<Claim["povertyStatus"]>("povertyStatus", false) ?? "none";
  const civilServantRank = enumField<Claim["civilServantRank"]>("civilServantRank", false) ?? "none";
  const crossProvince = bool("crossProvince");
  const treatedInInsuredPlace = bool("treatedInInsuredPlace") ?? false;
  const inFiledPlace = bool("inFiledPlace") ?? false;
  const admissionIndex = count("admissionIndex");
  if (careType === "inpatient" && admissionIndex === undefined && !c.problems.some((p) => p.field === "admissionIndex"))
    c.add("field_missing", "admissionIndex", get("admissionIndex"), { zh: "本次住院在本年度的次数（1、2、3…）", en: "this admission's rank in the year (1, 2, 3 …)" });

  const admissionDate = date("admissionDate");
  const dischargeDate = date("dischargeDate");
  const settlementDate = date("settlementDate");
  const serviceDate = date("serviceDate");
  const chronicApproved = date("chronicApproved");
  const secondChronicApproved = date("secondChronicApproved");
  const birthDate = date("birthDate");
  const filingDate = date("filingDate");
  const submissionDate = date("submissionDate");

  const total = money("total", true);
  const outOfCatalog = money("outOfCatalog", false) ?? 0;
  const classB = money("classB", false) ?? 0;
  const tcm = money("tcm", false) ?? 0;
  const ytdFundPaid = money("ytdFundPaid", false) ?? 0;
  const ytdPersonalInPolicy = money("ytdPersonalInPolicy", false) ?? 0;
  const referralThresholdPaid = money("referralThresholdPaid", false);

  const claimed: Claimed = {};
  const claimedFields: [keyof Claimed, string][] = [
    ["pooled", "claimedPooled"],
    ["largeAmount", "claimedLargeAmount"],
    ["supplementary", "claimedSupplementary"],
    ["seriousIllness", "claimedSeriousIllness"],
    ["assistance", "claimedAssistance"],
    ["subsidy", "claimedSubsidy"],
    ["personal", "claimedPersonal"],
    ["threshold", "claimedThreshold"],
    ["policyScope", "claimedPolicyScope"],
    ["preSelfPay", "claimedPreSelfPay"],
    ["personalCash", "claimedPersonalCash"],
    ["accountPaid", "claimedAccountPaid"],
  ];
  // A claimed amount left blank in a column the sheet has is 0, as long as the claim states any
  // claimed amount at all; a claim with none is recomputed without comparison.
  const statesAny = claimedFields.some(([, name]) => !blank(get(name)));
  for (const [k, name] of claimedFields) {
    const v = money(name, false);
    if (v !== undefined) claimed[k] = v;
    else if (statesAny && byField.has(name) && blank(get(name)) && k !== "threshold" && k !== "policyScope" && k !== "preSelfPay" && k !== "personalCash" && k !== "accountPaid") claimed[k] = 0;
  }

  const chronicDisease = text("chronicDisease", careType === "chronic" || careType === "two_disease");
  const secondChronicDisease = text("secondChronicDisease", false);
  const emergencyCondition = text("emergencyCondition", false, 100);
  const emergencyFindings = text("emergencyFindings", false, 1000);
  const materials = text("materials", false, 1000);
  const name = text("name", false, 100);
  const idNumber = text("idNumber", false, 40);

  // Cross-field checks (POLICY §3 and §1).
  if (scheme && personType) {
    const allowed: readonly string[] = scheme === "employee" ? EMPLOYEE_PERSON_TYPES : RESIDENT_PERSON_TYPES;
    if (!allowed.includes(personType)) {
      const ok = allowed.map((p) => FIELD_BY_NAME.get("personType")!.enumDef!.zh[p] + `（${p}）`);
      c.add("person_type_scheme", "personType", get("personType"), {
        zh: `${scheme === "employee" ? "职工" : "居民"}的人员类别之一：${ok.join("、")}`,
        en: `a ${scheme} person type: ${allowed.join(" | ")}`,
      });
    }
  }
  if (total !== undefined) {
    const check = (parts: number, fields: string, zh: string, en: string) => {
      if (parts > total)
        c.problems.push({
          code: "parts_exceed_total",
          kind: "input",
          field: fields,
          value: `${formatYuan(parts)} > ${formatYuan(total)}`,
          message: { zh: `${zh}（${formatYuan(parts)}）大于总费用（${formatYuan(total)}）`, en: `${en} (${formatYuan(parts)}) exceed the total (${formatYuan(total)})` },
        });
    };
    check(classB + outOfCatalog, "classB+outOfCatalog", "乙类费用与目录外费用之和", "Class B plus out-of-catalog");
    check(tcm + outOfCatalog, "tcm+outOfCatalog", "中医药费用与目录外费用之和", "TCM plus out-of-catalog");
  }
  if (admissionDate !== undefined && dischargeDate !== undefined && dischargeDate < admissionDate)
    c.problems.push({
      code: "dates_order",
      kind: "input",
      field: "dischargeDate",
      value: formatDay(dischargeDate),
      message: { zh: `出院日期 ${formatDay(dischargeDate)} 早于入院日期 ${formatDay(admissionDate)}`, en: `Discharge ${formatDay(dischargeDate)} is before admission ${formatDay(admissionDate)}` },
    });
  if (civilServantRank !== "none" && scheme === "resident")
    c.add("civil_servant_resident", "civilServantRank", get("civilServantRank"), { zh: "空：公务员医疗补助只适用于职工（L 第二部分）", en: "blank: the civil-servant subsidy is for employees only (L 第二部分)" });

  if (c.problems.length) return { ok: false, problems: c.problems, id: id || undefined };
  const claim: Claim = {
    id,
    insuredPlace: insuredPlace!,
    scheme: scheme!,
    personType: personType!,
    careType: careType!,
    crossRegion: crossRegion!,
    treatedInInsuredPlace,
    inFiledPlace,
    settlement: settlement!,
    total: total!,
    outOfCatalog,
    classB,
    tcm,
    ytdFundPaid,
    ytdPersonalInPolicy,
    povertyStatus,
    civilServantRank,
    claimed,
  };
  if (crossProvince !== undefined) claim.crossProvince = crossProvince;
  if (hospitalLevel !== undefined) claim.hospitalLevel = hospitalLevel;
  if (admissionIndex !== undefined) claim.admissionIndex = admissionIndex;
  if (admissionDate !== undefined) claim.admissionDate = admissionDate;
  if (dischargeDate !== undefined) claim.dischargeDate = dischargeDate;
  if (settlementDate !== undefined) claim.settlementDate = settlementDate;
  if (serviceDate !== undefined) claim.serviceDate = serviceDate;
  if (chronicDisease !== undefined) claim.chronicDisease = chronicDisease;
  if (secondChronicDisease !== undefined) claim.secondChronicDisease = secondChronicDisease;
  if (chronicApproved !== undefined) claim.chronicApproved = chronicApproved;
  if (secondChronicApproved !== undefined) claim.secondChronicApproved = secondChronicApproved;
  if (birthDate !== undefined) claim.birthDate = birthDate;
  if (referralThresholdPaid !== undefined) claim.referralThresholdPaid = referralThresholdPaid;
  if (emergencyCondition !== undefined) claim.emergencyCondition = emergencyCondition;
  if (emergencyFindings !== undefined) claim.emergencyFindings = emergencyFindings;
  if (filingDate !== undefined) claim.filingDate = filingDate;
  if (submissionDate !== undefined) claim.submissionDate = submissionDate;
  if (materials !== undefined) claim.materials = materials;
  if (name !== undefined) claim.name = name;
  if (idNumber !== undefined) claim.idNumber = idNumber;
  return { ok: true, claim };
}

export type { FieldDef };

// For the columnar validator (columnar.ts), which must read cells exactly as this file does.
export { headerText };
