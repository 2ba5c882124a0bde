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
import { isSerialText, parseDay, type DateSystem, type Day, formatDay } from "../dates";
import { MAX_FEN, normaliseAmountText, numberToDecimalString, parseYuan, formatYuan } from "../money";
import { msg, say } from "../messages";
import { describeValue, type Problem } from "../problem";
import type { Lang, Text } from "../text";
import type { Claim, Claimed } from "./claim";
import { BOOL_WORDS, EMPLOYEE_PERSON_TYPES, RESIDENT_PERSON_TYPES, lookupEnum, normaliseToken, schemeEnum, type EnumDef } from "./enums";
import { FIELD_BY_NAME, fieldForHeader, headerInfo, type FieldDef } from "./fields";
import { isCodeForm, nationalCode, placeCode } from "./national";

export type RawValue = unknown;
export type RawRecord = Readonly<Record<string, RawValue>>;

export type Validation = { ok: true; claim: Claim } | { ok: false; problems: Problem[]; id?: string };

/** How cells are read beyond their own form. */
export interface ValidateOptions {
  /**
   * The date system of the workbook the cells come from (src/dates.ts DateSystem): a number in a date
   * field is a serial of it. Text dates are read the same in every system. Default "1900": every file
   * the command line reads (its .xlsx reader turns a 1904 workbook's date cells into dates itself).
   */
  dateSystem?: DateSystem;
}

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
    const inLang = (lang: Lang) => (own ? describeValue(value, "name", lang) : describeValue(value, field, lang));
    const header = this.headerOf(field);
    const name = def ? fieldName(def, header) : header;
    this.problems.push({
      code,
      kind,
      field,
      value: shown,
      message: value === undefined || blank(value) ? msg("claim.missing", { field: name, expected }) : msg("claim.invalid", { field: name, value: { zh: inLang("zh"), en: inLang("en") }, expected }),
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

/**
 * A field as a message names it: its label and the column header the record used, the header only
 * once when it is the label itself (总费用, not 总费用（总费用）).
 */
function fieldName(def: FieldDef, header: string): Text {
  const one = (lang: Lang) => (header === def.label[lang] ? header : say(lang, "claim.fieldName", { label: def.label[lang], header }));
  return { zh: one("zh"), en: one("en") };
}

/**
 * The codes of an enum as a list of choices: 兰州（lanzhou）、沈阳（shenyang） in Chinese, the codes
 * themselves (lanzhou | shenyang) in English, whose words they are.
 */
function choices(e: EnumDef<string>, codes: readonly string[]): Text {
  return {
    zh: codes.map((c) => say("zh", "claim.enumItem", { word: e.zh[c]!, code: c })).join(say("zh", "claim.choiceSeparator")),
    en: codes.join(say("en", "claim.choiceSeparator")),
  };
}

function enumList(e: EnumDef<string>): Text {
  return choices(e, e.codes);
}

/** Validate one raw record (an object keyed by canonical names, labels, Chinese or national headers). */
export function validateClaim(raw: RawRecord, rowLabel?: string, opts: ValidateOptions = {}): Validation {
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
  return validateFields((name) => byField.get(name), dupes, rowLabel, opts.dateSystem ?? "1900");
}

/**
 * A validator for the rows of one table: the header row is resolved to fields once, then each row is
 * validated without looking headers up again (a 100 000-row range is one call).
 */
export function rowValidator(
  headers: readonly unknown[],
  /** The user's corrections: header → canonical field, or null to ignore the column. */
  mapping: Readonly<Record<string, string | null>> = {},
  opts: ValidateOptions = {},
): (row: readonly unknown[], rowLabel?: string) => Validation {
  const system = opts.dateSystem ?? "1900";
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
    return validateFields(get, dupes, rowLabel, system);
  };
}

function validateFields(lookup: (name: string) => { key: string; value: unknown } | undefined, dupes: string[], rowLabel: string | undefined, system: DateSystem): Validation {
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
      message: msg("claim.duplicateField", { columns: d }),
    });
  const get = (name: string) => lookup(name)?.value;
  const byField = { has: (name: string) => lookup(name) !== undefined };

  const fail = (name: string, v: unknown): boolean => {
    const err = isExcelError(v);
    if (err) {
      c.add("excel_error", name, err, msg("claim.expect.value"));
      return true;
    }
    return false;
  };

  const text = (name: string, required: boolean, maxLen = 200): string | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) {
      if (required) c.add("field_missing", name, v, msg("claim.expect.text"));
      return undefined;
    }
    const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
    if (s === null || s.length > maxLen) {
      c.add("field_invalid", name, v, msg("claim.expect.shortText", { max: maxLen }));
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
        c.problems.push({ code: "code_no_rule", kind: "no_rule", field: name, value: k, message: msg("claim.codeNoRule", { field: fieldName(def, header), code: k, name: found.name, reason: found.reason }) });
        return undefined;
      } else if (found?.kind === "unknown") {
        c.problems.push({ code: "code_unknown", kind: "input", field: name, value: k, message: msg("claim.codeUnknown", { field: fieldName(def, header), code: k, list: found.list, expected: enumList(e) }) });
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
      if (required) c.add("field_missing", name, v, msg("claim.expect.amount"));
      return undefined;
    }
    const key = lookup(name)?.key ?? name;
    const unit = FIELD_BY_NAME.has(key) ? undefined : headerInfo(key);
    if (unit?.badUnit !== undefined) {
      c.problems.push({ code: "amount_unit", kind: "input", field: name, value: unit.badUnit, message: msg("claim.amountUnit", { field: fieldName(FIELD_BY_NAME.get(name)!, key), unit: unit.badUnit }) });
      return undefined;
    }
    const scale = unit?.scale ?? 1;
    const digits = scale === 10_000 ? 4 : scale === 1000 ? 3 : 0;
    let r;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        c.add("amount_invalid", name, v, msg("claim.expect.finite"));
        return undefined;
      }
      const x = Object.is(v, -0) ? 0 : v;
      r = digits ? parseYuan(shiftDecimal(numberToDecimalString(x), digits)) : parseYuan(x);
    } else if (typeof v === "string") {
      const t = normaliseAmountText(v);
      if (t === null) {
        c.add("amount_invalid", name, v, msg("claim.expect.amountText"));
        return undefined;
      }
      r = parseYuan(digits ? shiftDecimal(t, digits) : t);
    } else {
      c.add("amount_invalid", name, v, msg("claim.expect.amountNumber"));
      return undefined;
    }
    if (!r.ok) {
      if (r.reason === "decimals" && digits) c.add("amount_decimals", name, v, msg("claim.unitDecimals", { unit: unit!.unit!, scale: String(scale) }));
      else if (r.reason === "decimals") c.add("amount_decimals", name, v, msg("claim.expect.fen"));
      else if (r.reason === "negative") c.add("amount_negative", name, v, msg("claim.expect.nonNegative"));
      else if (r.reason === "range") c.add("amount_range", name, v, msg("claim.expect.atMost", { max: formatYuan(MAX_FEN) }));
      else c.add("amount_invalid", name, v, msg("claim.expect.amountNumber"));
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
    else if (typeof v === "number") d = Number.isInteger(v) || Math.abs(v - Math.round(v)) < 1 ? parseDay(v, system) : null;
    else if (typeof v === "string") d = parseDay(halfWidth(v), system);
    if (d === null || d < 0) {
      // a serial (a number, or digits as text) where the workbook's system is not the 1900 one: said so
      const serial = system !== "1900" && (typeof v === "number" || (typeof v === "string" && isSerialText(halfWidth(v))));
      if (serial && system === "unknown") c.add("date_system_unknown", name, v, msg("claim.expect.dateSystemUnknown"));
      else c.add("date_invalid", name, v, msg(serial && typeof v === "string" ? "claim.expect.date1904" : "claim.expect.date"));
    }
    return d ?? undefined;
  };

  const count = (name: string): number | undefined => {
    const v = get(name);
    if (fail(name, v)) return undefined;
    if (blank(v)) return undefined;
    const s = typeof v === "number" ? String(v) : typeof v === "string" ? halfWidth(v).trim().replace(/^第|次$/g, "") : "";
    if (!/^\d{1,3}$/.test(s) || Number(s) < 1) {
      c.add("count_invalid", name, v, msg("claim.expect.count"));
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
      c.add("bool_invalid", name, v, msg("claim.expect.yesNo"));
      return undefined;
    }
    const s = normaliseToken(String(v));
    if (BOOL_WORDS.yes.includes(s)) return true;
    if (BOOL_WORDS.no.includes(s)) return false;
    c.add("bool_invalid", name, v, msg("claim.expect.yesNo"));
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
    c.add("field_missing", "admissionIndex", get("admissionIndex"), msg("claim.expect.admissionIndex"));

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
      const e = FIELD_BY_NAME.get("personType")!.enumDef!;
      c.add("person_type_scheme", "personType", get("personType"), msg("claim.expect.personType", { scheme: { zh: schemeEnum.zh[scheme], en: scheme }, list: choices(e, allowed) }));
    }
  }
  if (total !== undefined) {
    const check = (parts: number, fields: string, words: Text) => {
      if (parts > total)
        c.problems.push({
          code: "parts_exceed_total",
          kind: "input",
          field: fields,
          value: `${formatYuan(parts)} > ${formatYuan(total)}`,
          message: msg("claim.partsExceedTotal", { parts: words, amount: formatYuan(parts), total: formatYuan(total) }),
        });
    };
    check(classB + outOfCatalog, "classB+outOfCatalog", msg("claim.parts.classB"));
    check(tcm + outOfCatalog, "tcm+outOfCatalog", msg("claim.parts.tcm"));
  }
  if (admissionDate !== undefined && dischargeDate !== undefined && dischargeDate < admissionDate)
    c.problems.push({
      code: "dates_order",
      kind: "input",
      field: "dischargeDate",
      value: formatDay(dischargeDate),
      message: msg("claim.datesOrder", { discharge: formatDay(dischargeDate), admission: formatDay(admissionDate) }),
    });
  if (civilServantRank !== "none" && scheme === "resident")
    c.add("civil_servant_resident", "civilServantRank", get("civilServantRank"), msg("claim.expect.civilServantBlank"));

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
