/**
 * Strict loader for parameter files. A parameter file is data a person edits; silently ignored keys
 * are a known failure of rules-as-code projects, so anything unexpected is an error here: an unknown
 * key, a missing unit, label or citation, a ratio with more than four decimals, dates out of order.
 */
import { parseDay, formatDay } from "../dates";
import { SOURCE_DOCS, type DocId, type Ref } from "../docs";
import { parseScaled, parseYuan, parseRatio, BP } from "../money";
import { KEY_DOMAINS } from "../claim/enums";
import type { Text } from "../text";
import { msg } from "../messages";
import { UNITS, type Bracket, type Param, type ParamValue, type ParamVersion, type Scalar, type Unit } from "./types";

export class ParamFileError extends Error {
  constructor(readonly errors: string[]) {
    super(`Parameter file is invalid:\n  - ${errors.join("\n  - ")}`);
    this.name = "ParamFileError";
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class Ctx {
  errors: string[] = [];
  err(path: string, msg: string) {
    this.errors.push(`${path}: ${msg}`);
  }
  keys(path: string, o: Record<string, unknown>, required: string[], optional: string[]) {
    for (const k of required) if (!(k in o)) this.err(path, `missing key "${k}"`);
    for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) this.err(path, `unknown key "${k}"`);
  }
}

function readText(c: Ctx, path: string, v: unknown): Text {
  if (!isObj(v)) {
    c.err(path, "expected {zh, en}");
    return { zh: "", en: "" };
  }
  c.keys(path, v, ["zh", "en"], []);
  if (typeof v.zh !== "string" || v.zh.trim() === "") c.err(path + ".zh", "expected non-empty text");
  if (typeof v.en !== "string" || v.en.trim() === "") c.err(path + ".en", "expected non-empty text");
  return { zh: String(v.zh ?? ""), en: String(v.en ?? "") };
}

export function readRef(c: Ctx, path: string, v: unknown): Ref {
  if (!isObj(v)) {
    c.err(path, "a citation {doc, section, excerpt} is required");
    return { doc: "L", section: "", excerpt: "" };
  }
  c.keys(path, v, ["doc", "section", "excerpt"], ["slip"]);
  if (typeof v.doc !== "string" || !(v.doc in SOURCE_DOCS) || v.doc === "USER") c.err(path + ".doc", `unknown document ${JSON.stringify(v.doc)} (one of ${Object.keys(SOURCE_DOCS).filter((d) => d !== "USER").join(", ")})`);
  for (const k of ["section", "excerpt"] as const) if (typeof v[k] !== "string" || (v[k] as string).trim() === "") c.err(`${path}.${k}`, "expected non-empty text");
  if (v.slip !== undefined && typeof v.slip !== "string") c.err(path + ".slip", "expected text");
  const ref: Ref = { doc: v.doc as DocId, section: String(v.section ?? ""), excerpt: String(v.excerpt ?? "") };
  if (typeof v.slip === "string") ref.slip = v.slip;
  return ref;
}

const WHOLE_UNITS: Readonly<Record<"count" | "years" | "months", Text>> = { count: msg("params.unit.count"), years: msg("params.unit.years"), months: msg("params.unit.months") };

/**
 * Parse one scalar of a unit. Exported for overrides typed into cells: the reason a value is refused
 * is a message in both languages (a parameter table's row problem); the file loader's diagnostics,
 * for the authors of the shipped files, use its English.
 */
export function parseScalar(unit: Unit, v: unknown, choices?: Readonly<Record<string, Text>>): { ok: true; value: Scalar } | { ok: false; why: Text } {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
  const value = JSON.stringify(v) ?? String(v);
  if (text === null) return { ok: false, why: msg("params.why.notAValue", { unit, value }) };
  switch (unit) {
    case "CNY": {
      const r = parseYuan(text);
      return r.ok ? r : { ok: false, why: msg("params.why.yuan", { value }) };
    }
    case "ratio": {
      const pct = /%$/.test(text) ? parseScaled(text.slice(0, -1), 2) : null;
      if (pct) return pct.ok && pct.value <= BP ? { ok: true, value: pct.value } : { ok: false, why: msg("params.why.percent", { value }) };
      const r = parseRatio(text);
      return r.ok ? r : { ok: false, why: msg("params.why.ratio", { value }) };
    }
    case "points": {
      const neg = text.startsWith("-");
      const r = parseScaled(neg ? text.slice(1) : text.replace(/^\+/, ""), 4);
      if (!r.ok || r.value > BP) return { ok: false, why: msg("params.why.points", { value }) };
      return { ok: true, value: neg ? -r.value : r.value };
    }
    case "factor": {
      const r = parseScaled(text, 4);
      return r.ok && r.value <= 100 * BP ? r : { ok: false, why: msg("params.why.factor", { value }) };
    }
    case "count":
    case "years":
    case "months": {
      if (!/^\d+$/.test(text)) return { ok: false, why: msg("params.why.whole", { unit: WHOLE_UNITS[unit], value }) };
      return { ok: true, value: Number(text) };
    }
    case "switch": {
      if (!choices || !(text in choices)) return { ok: false, why: msg("params.why.choice", { choices: Object.keys(choices ?? {}).join(" | "), value }) };
      return { ok: true, value: text };
    }
    default:
      return { ok: false, why: msg("params.why.noUnit") };
  }
}

function readBrackets(c: Ctx, path: string, unit: Unit, v: unknown): Bracket[] {
  if (!Array.isArray(v) || v.length === 0) {
    c.err(path, "a scale needs a non-empty list of brackets [{above, rate}]");
    return [];
  }
  const out: Bracket[] = [];
  v.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(b)) return c.err(p, "expected {above, rate}");
    c.keys(p, b, ["above", "rate"], []);
    const above = parseScalar("CNY", b.above);
    const rate = parseScalar(unit, b.rate);
    if (!above.ok) c.err(p + ".above", above.why.en);
    if (!rate.ok) c.err(p + ".rate", rate.why.en);
    if (above.ok && rate.ok) {
      const prev = out[out.length - 1];
      if (prev && (above.value as number) <= prev.above) c.err(p + ".above", "brackets must be in strictly increasing order");
      out.push({ above: above.value as number, rate: rate.value as number });
    }
  });
  return out;
}

function readValue(c: Ctx, path: string, p: { unit: Unit; kind: "value" | "scale"; keyedBy?: string; choices?: Record<string, Text> }, v: unknown): ParamValue | null {
  const one = (pp: string, x: unknown): Scalar | readonly Bracket[] | null => {
    if (p.kind === "scale") return readBrackets(c, pp, p.unit, x);
    const r = parseScalar(p.unit, x, p.choices);
    if (!r.ok) {
      c.err(pp, r.why.en);
      return null;
    }
    return r.value;
  };
  if (!p.keyedBy) return one(path, v);
  const domain = KEY_DOMAINS[p.keyedBy]!;
  if (!isObj(v)) {
    c.err(path, `expected a value for every ${p.keyedBy}: ${domain.join(", ")}`);
    return null;
  }
  const out: Record<string, Scalar | readonly Bracket[] | null> = {};
  for (const k of domain) {
    if (!(k in v)) c.err(path, `missing key "${k}" (${p.keyedBy}); write null where the documents give no value`);
    else out[k] = v[k] === null ? null : one(`${path}.${k}`, v[k]);
  }
  for (const k of Object.keys(v)) if (!domain.includes(k)) c.err(path, `unknown key "${k}" (${p.keyedBy} is one of ${domain.join(", ")})`);
  return out as ParamValue;
}

/** Validate a parameter file (parsed JSON) and return its parameters, or throw ParamFileError listing every problem. */
export function loadParamFile(raw: unknown, fileName = "parameters"): Param[] {
  const c = new Ctx();
  if (!isObj(raw)) throw new ParamFileError([`${fileName}: expected an object`]);
  c.keys(fileName, raw, ["set", "title", "parameters"], ["description"]);
  const set = typeof raw.set === "string" ? raw.set : "";
  if (!/^[a-z][a-z0-9_]*$/.test(set)) c.err(fileName + ".set", "expected a lower-case set name");
  readText(c, fileName + ".title", raw.title);
  const params: Param[] = [];
  const ps = raw.parameters;
  if (!isObj(ps)) c.err(fileName + ".parameters", "expected an object of parameters");
  else
    for (const [id, def] of Object.entries(ps)) {
      const path = `${fileName}: ${id}`;
      if (!id.startsWith(set + ".")) c.err(path, `parameter ids start with the set name "${set}."`);
      if (!/^[a-z][a-zA-Z0-9_.]*$/.test(id)) c.err(path, "ids are dotted lower camel-case names");
      if (!isObj(def)) {
        c.err(path, "expected an object");
        continue;
      }
      c.keys(path, def, ["label", "unit", "values"], ["kind", "keyedBy", "choices", "description"]);
      const label = readText(c, path + ".label", def.label);
      const unit = def.unit as Unit;
      if (!UNITS.includes(unit)) c.err(path + ".unit", `unknown unit ${JSON.stringify(def.unit)} (one of ${UNITS.join(", ")})`);
      const kind = (def.kind ?? "value") as "value" | "scale";
      if (kind !== "value" && kind !== "scale") c.err(path + ".kind", `unknown kind ${JSON.stringify(def.kind)}`);
      const keyedBy = def.keyedBy as string | undefined;
      if (keyedBy !== undefined && !(keyedBy in KEY_DOMAINS)) c.err(path + ".keyedBy", `unknown key domain ${JSON.stringify(keyedBy)}`);
      let choices: Record<string, Text> | undefined;
      if (unit === "switch") {
        if (!isObj(def.choices)) c.err(path + ".choices", "a switch lists its readings in choices");
        else {
          choices = {};
          for (const [k, t] of Object.entries(def.choices)) choices[k] = readText(c, `${path}.choices.${k}`, t);
        }
      } else if (def.choices !== undefined) c.err(path + ".choices", "only switches have choices");
      if (kind === "scale" && unit !== "ratio") c.err(path + ".unit", "a scale's rates are ratios");
      const versions: ParamVersion[] = [];
      if (!Array.isArray(def.values) || def.values.length === 0) c.err(path + ".values", "expected a non-empty list of dated values");
      else
        def.values.forEach((rec, i) => {
          const vp = `${path}.values[${i}]`;
          if (!isObj(rec)) return c.err(vp, "expected {from, value, ref}");
          c.keys(vp, rec, ["from", "ref"], ["value", "missing", "note"]);
          const hasValue = "value" in rec;
          const hasMissing = "missing" in rec;
          if (hasValue === hasMissing) c.err(vp, 'give exactly one of "value" (null ends the series) or "missing" (the documents give no value)');
          const from = typeof rec.from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(rec.from) ? parseDay(rec.from) : null;
          if (from === null) c.err(vp + ".from", `expected an ISO date YYYY-MM-DD, got ${JSON.stringify(rec.from)}`);
          const prev = versions[versions.length - 1];
          if (from !== null && prev && from <= prev.from) c.err(vp + ".from", `dates must increase: ${rec.from} is not after ${prev.fromText}`);
          const ref = readRef(c, vp + ".ref", rec.ref);
          const version: ParamVersion = {
            from: from ?? 0,
            fromText: from !== null ? formatDay(from) : String(rec.from),
            value: hasValue && rec.value !== null ? readValue(c, vp + ".value", { unit, kind, keyedBy, choices }, rec.value) : null,
            ref,
          };
          if (hasMissing) version.missing = readText(c, vp + ".missing", rec.missing);
          if (rec.note !== undefined) {
            if (typeof rec.note !== "string") c.err(vp + ".note", "expected text");
            else version.note = rec.note;
          }
          versions.push(version);
        });
      params.push({ id, set, label, unit, kind, keyedBy, choices, versions });
    }
  if (c.errors.length) throw new ParamFileError(c.errors);
  return params;
}
