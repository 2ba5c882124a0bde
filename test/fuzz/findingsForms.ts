/**
 * Findings written the way records write them, with the value each must be read as (or "refused"):
 * a finding's value drawn exactly in the list's unit, then written in another unit of its table, as
 * a fraction, as a blood-pressure pair, with a decimal comma or a thousands comma (refused), outside
 * its plausible range (refused), with value words, negation prefixes, history counterparts and
 * modality prefixes. The fuzz target (checks.ts, findings) parses each and compares exactly, so a
 * silent misread of any of these forms fails the suite.
 */
import lang from "../../src/catalogs/data/findingsLanguage.json";
import { FINDINGS, type FindingDef } from "../../src/catalogs/emergency";
import { decimal, ratText } from "../../src/catalogs/findings";
import { Rat } from "../../src/rational";
import type { Rng } from "./gen";

type Expect = { kind: "number"; id: string; value: Rat } | { kind: "boolean"; id: string; value: boolean } | { kind: "pair"; sbp: Rat; dbp: Rat } | { kind: "refused"; id?: string };

export interface WrittenFinding {
  text: string;
  expect: Expect;
  form: string;
}

interface LangFinding {
  aliases?: string[];
  units?: string | Record<string, string>;
  range?: [string, string];
  fraction?: boolean;
}
const L = lang as unknown as {
  findings: Record<string, LangFinding>;
  unitSets: Record<string, Record<string, string>>;
  subjects: Record<string, { names: string[]; sense: string }>;
  counterparts: Record<string, { names: string[] }>;
};

const NUMBERS = Object.values(FINDINGS).filter((f) => f.type === "number" && !f.derived);
const BOOLEANS = Object.values(FINDINGS).filter((f) => f.type === "boolean");

function factor(s: string): Rat | null {
  if (s === "F") return null;
  const [a, b] = s.split("/");
  const x = decimal(a!)!;
  return b === undefined ? x : x.div(decimal(b)!);
}

/** Exact decimal text of a rational, or null when it does not terminate within 6 places. */
function exactText(x: Rat): string | null {
  const t = ratText(x);
  return t.startsWith("≈") ? null : t;
}

function nameOf(r: Rng, f: FindingDef): string {
  const safe = (n: string) => !/[;；,，、=：:\n|。]/.test(n);
  const names = [f.zh, f.en, ...f.aliases, ...(L.findings[f.id]?.aliases ?? [])].filter(safe);
  return names.length ? r.pick(names) : f.id;
}

const SEPS = ["=", "：", ":", "＝", " ", " = ", "\u3000"];

function numberForm(r: Rng): WrittenFinding {
  const f = r.pick(NUMBERS);
  const d = L.findings[f.id]!;
  const min = decimal(d.range![0])!;
  const max = decimal(d.range![1])!;
  const table = typeof d.units === "string" ? L.unitSets[d.units]! : d.units!;
  // a canonical value with 0–2 decimals, inside the range, or just outside it
  const out = r.chance(0.1);
  const scale = r.pick([1n, 10n, 100n]);
  const lo = min.n * scale / min.d;
  const hi = max.n * scale / max.d;
  let n = lo + BigInt(Math.floor(r.float() * Number(hi - lo + 1n)));
  if (out) n = r.chance(0.5) ? lo - BigInt(r.int(1, 50)) : hi + BigInt(r.int(1, 50));
  const v = Rat.of(n, scale);
  const inRange = v.cmp(min) >= 0 && v.cmp(max) <= 0;
  const name = nameOf(r, f);
  const sep = r.pick(SEPS);
  // the unit it is written in
  const units = Object.entries(table);
  const [unit, fac] = r.chance(0.5) ? [f.unit ?? "", "1"] : r.pick(units);
  let written: string | null;
  if (fac === "F") written = exactText(v.mul(Rat.of(9, 5)).add(Rat.of(32)));
  else written = exactText(v.div(factor(fac)!));
  if (written === null) return { text: `${name}${sep}${ratText(v)}${f.unit ? " " + f.unit : ""}`, expect: inRange ? { kind: "number", id: f.id, value: v } : { kind: "refused", id: f.id }, form: "canonical" };
  // a per-cent finding written as a bare fraction: refused when the same digits are also a plausible per cent
  if (d.fraction && r.chance(0.3)) {
    const frac = exactText(v.div(Rat.of(100)));
    if (frac !== null && v.cmp(Rat.of(0)) >= 0 && v.cmp(Rat.of(100)) <= 0) {
      const x = decimal(frac)!;
      const percentOk = x.cmp(min) >= 0 && x.cmp(max) <= 0;
      const expect: Expect = inRange ? (percentOk && x.cmp(v) !== 0 ? { kind: "refused", id: f.id } : { kind: "number", id: f.id, value: v }) : percentOk ? { kind: "number", id: f.id, value: x } : { kind: "refused", id: f.id };
      return { text: `${name}${sep}${frac}`, expect, form: "fraction" };
    }
  }
  // ambiguity: a decimal comma, or a thousands comma
  if (r.chance(0.1) && written.includes(".")) return { text: `${name}${sep}${written.replace(".", ",")}${unit}`, expect: { kind: "refused", id: f.id }, form: "decimal comma" };
  if (r.chance(0.1) && /^\d{4,}$/.test(written)) return { text: `${name}${sep}${written.slice(0, -3)},${written.slice(-3)} ${unit}`, expect: { kind: "refused", id: f.id }, form: "thousands comma" };
  // a unit that starts with a digit (10^9/L) is always written apart from the number
  const space = /^\d/.test(unit) ? r.pick([" ", "×", " x "]) : r.pick(["", " ", " "]);
  // a bare number in a per-cent finding may be readable as a fraction too
  let expect: Expect = inRange ? { kind: "number", id: f.id, value: v } : { kind: "refused", id: f.id };
  if (d.fraction && unit === "" && inRange) {
    const x = decimal(written)!;
    const asFrac = x.mul(Rat.of(100));
    if (x.cmp(Rat.of(1)) <= 0 && asFrac.cmp(min) >= 0 && asFrac.cmp(max) <= 0 && asFrac.cmp(x) !== 0) expect = { kind: "refused", id: f.id };
  }
  if (d.fraction && unit === "" && !inRange) {
    const x = decimal(written)!;
    const asFrac = x.mul(Rat.of(100));
    if (x.cmp(Rat.of(1)) <= 0 && asFrac.cmp(min) >= 0 && asFrac.cmp(max) <= 0) expect = { kind: "number", id: f.id, value: asFrac };
  }
  return { text: `${name}${sep}${written}${unit ? space + unit : ""}`, expect, form: `unit ${unit || "(none)"}` };
}

function pairForm(r: Rng): WrittenFinding {
  const s = r.int(0, 300);
  const d = r.int(0, 250);
  const name = r.pick(["血压", "BP", "NBP", "无创血压", "血压值"]);
  const unit = r.pick(["", "mmHg", " mmHg", "毫米汞柱"]);
  return { text: `${name}${r.pick(SEPS)}${s}/${d}${unit}`, expect: s >= d ? { kind: "pair", sbp: Rat.of(s), dbp: Rat.of(d) } : { kind: "refused", id: "sbp" }, form: "pair" };
}

function booleanForm(r: Rng): WrittenFinding {
  const f = r.pick(BOOLEANS);
  const value = r.chance(0.5);
  const subject = L.subjects[f.id];
  const counter = L.counterparts[f.id];
  const k = r.int(0, 9);
  if (subject && k < 4) {
    const words: Record<string, [string[], string[]]> = {
      positive: [["阳性", "+", "(+)", "(++)", "+++", "2+"], ["阴性", "-", "(-)"]],
      elevated: [["升高", "增高", "↑", "偏高"], ["正常", "未升高"]],
      low: [["降低", "减低", "↓", "低于正常"], ["正常", "未降低"]],
    };
    const [t, fl] = words[subject.sense]!;
    const w = r.pick(value ? t : fl);
    return { text: `${r.pick(subject.names)}${r.pick(["", " ", "=", "：", ":"])}${w}`, expect: { kind: "boolean", id: f.id, value }, form: "subject" };
  }
  if (counter && k < 6) {
    const n = r.pick(counter.names);
    // value is the finding's (无…史 = true), so the history itself is the opposite
    const forms = value ? [`${n}=无`, `${n}=否`, `否认${n}`, `无${n}`, `既往无${n}`, `${n}：阴性`] : [`${n}=有`, `有${n}`, `${n}=是`];
    return { text: r.pick(forms), expect: { kind: "boolean", id: f.id, value }, form: "counterpart" };
  }
  if (k < 6 && subject === undefined && f.id.startsWith("imaging_") && !f.zh.includes("、")) {
    const rest = f.zh.replace(/^影像显示/, "");
    const mod = r.pick(["CT", "胸部CT", "MRI", "B超", "彩超", "影像", "影像学"]);
    return { text: value ? `${mod}${r.pick(["示", "显示", "提示", ""])}${rest}` : `${mod}${r.pick(["未见", "未显示", "未提示"])}${rest}`, expect: { kind: "boolean", id: f.id, value }, form: "modality" };
  }
  const name = nameOf(r, f);
  if (k < 8) return { text: `${name}${r.pick(["=", "：", " "])}${r.pick(value ? ["是", "有", "阳性", "+", "yes", "已行", "√"] : ["否", "无", "阴性", "-", "no", "未行", "×"])}`, expect: { kind: "boolean", id: f.id, value }, form: "value word" };
  if (k === 8 && !/^(无|非|未|否认|没有)/.test(name)) return { text: `${r.pick(["无", "未", "否认", "没有"])}${name}`, expect: { kind: "boolean", id: f.id, value: false }, form: "negation" };
  if (r.chance(0.5)) return { text: `${name}=${r.pick(["±", "弱阳性", "可疑", "+/-"])}`, expect: { kind: "refused", id: f.id }, form: "ambiguous word" };
  return { text: name, expect: { kind: "boolean", id: f.id, value: true }, form: "bare name" };
}

/** One finding written as a record writes it, with the reading it must get. */
export function writtenFinding(r: Rng): WrittenFinding {
  const k = r.int(0, 9);
  return k < 5 ? numberForm(r) : k < 6 ? pairForm(r) : booleanForm(r);
}
