/**
 * Words for the codes the pane shows: the keys of keyed parameters (hospital levels, person types,
 * poverty statuses …), a scale's bands ("in_service@10000" → 在职 · 10,000 元以上部分), the units
 * (CNY → 元, ratio → 比例) and a switch's readings. Nothing internal reaches the Chinese pane: a
 * code without words here is shown as "（未命名）" and fails the pane's language test.
 */
import { msg, type MessageKey } from "../src/messages";
import type { Unit } from "../src/params/types";
import type { Lang, Text } from "../src/text";
import { yuan } from "./format";

const KEY: Record<string, MessageKey> = {
  "1": "pane.key.level1",
  "2": "pane.key.level2",
  "3B": "pane.key.level3B",
  "3A": "pane.key.level3A",
  "3S": "pane.key.level3S",
  in_service: "pane.key.in_service",
  retired: "pane.key.retired",
  adult: "pane.key.adult",
  elderly: "pane.key.elderly",
  student: "pane.key.student",
  minor: "pane.key.minor",
  none: "pane.key.none",
  registered_poor: "pane.key.registered_poor",
  low_income: "pane.key.low_income",
  extreme_poor: "pane.key.extreme_poor",
  hypertension: "pane.key.hypertension",
  diabetes: "pane.key.diabetes",
  both: "pane.key.both",
  standard: "pane.key.standard",
  dialysis: "pane.key.dialysis",
  transplant: "pane.key.transplant",
  referral: "pane.key.referral",
  emergency: "pane.key.emergency",
  temporary: "pane.key.temporary",
  merged: "pane.key.merged",
  senior: "pane.key.senior",
  deputy_title: "pane.key.deputy_title",
  deputy_county: "pane.key.deputy_county",
  other: "pane.key.other",
};

const UNIT: Record<Unit, MessageKey> = {
  CNY: "pane.unit.CNY",
  ratio: "pane.unit.ratio",
  points: "pane.unit.points",
  factor: "pane.unit.factor",
  count: "pane.unit.count",
  years: "pane.unit.years",
  months: "pane.unit.months",
  switch: "pane.unit.switch",
};

/** A key of a keyed parameter in words. */
export function keyWords(key: string): Text {
  const k = KEY[key];
  return k ? msg(k) : msg("pane.key.unnamed");
}

/** A parameter table key ("3A", "in_service@10000", "@600", "") in words; "" for a value with no key. */
export function paramKeyWords(key: string): Text {
  if (!key) return { zh: "", en: "" };
  const at = key.indexOf("@");
  if (at < 0) return keyWords(key);
  const who = key.slice(0, at);
  const edge = Number(key.slice(at + 1)) * 100;
  const band = edge === 0 ? msg("pane.band.first") : msg("pane.band.above", { amount: yuan(edge) });
  if (!who) return band;
  const w = keyWords(who);
  return { zh: `${w.zh} · ${band.zh}`, en: `${w.en} · ${band.en}` };
}

export function unitWords(unit: Unit): Text {
  return msg(UNIT[unit]);
}

/** A switch's reading in words (its own label from the parameter file), or the generic "unnamed". */
export function choiceWords(choices: Readonly<Record<string, Text>> | undefined, code: string, lang: Lang): string {
  return choices?.[code]?.[lang] ?? msg("pane.key.unnamed")[lang];
}

/** The hospital levels in order, for lists. */
export const LEVEL_OPTIONS = ["1", "2", "3B", "3A", "3S"] as const;

const CODE: Record<string, MessageKey> = {
  lanzhou: "pane.code.lanzhou",
  shenyang: "pane.code.shenyang",
  employee: "pane.code.employee",
  resident: "pane.code.resident",
  local: "pane.code.local",
  long_term: "pane.code.long_term",
  referral: "pane.code.referral",
  emergency: "pane.code.emergency",
  temporary: "pane.code.temporary",
  student_away: "pane.code.student_away",
  manual: "pane.code.manual",
  direct: "pane.code.direct",
};

/** A claim's coded value (insured place, scheme, cross-region category, settlement) in words; other codes as keyWords. */
export function codeWords(code: string): Text {
  const k = CODE[code];
  return k ? msg(k) : keyWords(code);
}
