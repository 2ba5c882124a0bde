/**
 * Lanzhou resident inpatient care (L 第三部分 二、(三), 三、, 四、; POLICY §6): threshold and ratio by
 * level, +5 points for the registered poor, +10 points on the TCM share, the annual cap, then 大病保险
 * on the year's personal in-policy burden and 医疗救助 for the poor.
 */
import { HOSPITAL_LEVELS, POVERTY_STATUSES } from "../../claim/enums";
import { BP, closeLayer, mulDivFloor, roundHalfUpDiv } from "../../money";
import { PolicyError, badInput, type Problem } from "../../problem";
import { pct, y } from "../../trace";
import type { Kernel, Reader } from "../kernel";
import { raise } from "../kernel";
import { LEVEL_ZH, levelCode, levelOf, policyScope, reducedThreshold, refsOf, type RepeatRule } from "./shared";
import { seriousIllnessAndAssistance, compileSeriousIllness, type SeriousIllnessParams } from "./seriousIllness";

const P = "lanzhou.resident.inpatient";
const ID = {
  classB: "lanzhou.classBSelfShare",
  threshold: `${P}.threshold`,
  ratio: `${P}.ratio`,
  mode: `${P}.repeatMode`,
  step: `${P}.repeatStep`,
  floor: `${P}.repeatFloor`,
  cap: `${P}.annualCap`,
  poor: `${P}.povertyRaise`,
  tcm: `${P}.tcmRaise`,
};

export interface ResidentInpatientParams {
  r: Reader;
  fatal: Problem | null;
  classB: number;
  threshold: Float64Array;
  ratio: Float64Array;
  repeat: RepeatRule;
  cap: number;
  poorRaise: number;
  tcmRaise: number;
  si: SeriousIllnessParams;
}

const REGISTERED_POOR = POVERTY_STATUSES.indexOf("registered_poor");

export const lanzhouResidentInpatient: Kernel<ResidentInpatientParams> = {
  id: "lanzhou.resident.inpatient",
  set: "lanzhou",
  compile(r) {
    const p: ResidentInpatientParams = {
      r,
      fatal: null,
      classB: r.num(ID.classB),
      threshold: r.keyed(ID.threshold, HOSPITAL_LEVELS),
      ratio: r.keyed(ID.ratio, HOSPITAL_LEVELS),
      repeat: { geometric: r.choice(ID.mode) === "geometric", step: r.num(ID.step), floor: r.num(ID.floor) },
      cap: r.num(ID.cap),
      poorRaise: r.num(ID.poor),
      tcmRaise: r.num(ID.tcm),
      si: compileSeriousIllness(r, true),
    };
    for (const id of [ID.classB, ID.mode, ID.step, ID.floor, ID.cap])
      if (r.problems.has(id)) {
        p.fatal = r.problems.get(id)!;
        break;
      }
    return p;
  },

  run(c, i, p, _route, out, tr) {
    if (p.fatal) throw new PolicyError(p.fatal);
    const r = p.r;
    const e = policyScope(c, i, p.classB, out, tr, r, ID.classB);
    const tcm = c.tcm[i]!;
    if (tcm > e)
      badInput("tcm_exceeds_scope", "tcm", String(tcm / 100), {
        zh: `中医药费用 ${y(tcm)} 大于政策范围内费用 ${y(e)}：中医药费用应是政策范围内费用的一部分（POLICY §6）`,
        en: `TCM expense ${y(tcm)} exceeds the policy-scope expense ${y(e)}: it must be part of it (POLICY §6)`,
      });

    const lv = levelOf(c, i);
    const base = p.threshold[lv]!;
    if (Number.isNaN(base)) raise(r.problems, `${ID.threshold}:${HOSPITAL_LEVELS[lv]}`);
    const baseRatio = p.ratio[lv]!;
    if (Number.isNaN(baseRatio)) raise(r.problems, `${ID.ratio}:${HOSPITAL_LEVELS[lv]}`);
    const k = c.admissionIndex[i]!;
    if (k < 1) badInput("field_missing", "admissionIndex", undefined, { zh: "本年住院次数未填写", en: "admission index missing" });
    const { threshold: t, factorText } = reducedThreshold(base, k, p.repeat);
    out.threshold[i] = t;
    if (tr)
      tr.push({
        key: "threshold",
        title: { zh: "起付标准", en: "Threshold" },
        detail: {
          zh: `${LEVEL_ZH[levelCode(lv)]}医疗机构 ${y(base)}，本年第 ${k} 次住院按 ${factorText} = ${y(t)}`,
          en: `level ${levelCode(lv)} base ${y(base)}, admission ${k} of the year at ${factorText} = ${y(t)}`,
        },
        amount: t,
        refs: refsOf(r, ID.threshold, ...(k > 1 ? [ID.mode] : [])),
        params: [ID.threshold, ...(k > 1 ? [ID.mode, ID.step, ID.floor] : [])],
      });

    // Ratio: level ratio, +5 points for the registered poor; TCM share +10 points; never above 100%.
    const poor = c.povertyStatus[i] === REGISTERED_POOR;
    if (poor && Number.isNaN(p.poorRaise)) raise(r.problems, ID.poor);
    if (tcm > 0 && Number.isNaN(p.tcmRaise)) raise(r.problems, ID.tcm);
    const ratio = Math.min(baseRatio + (poor ? p.poorRaise : 0), BP);
    const tcmRatio = tcm > 0 ? Math.min(ratio + p.tcmRaise, BP) : ratio;
    const over = e > t ? e - t : 0;
    // raw = ratio × (E − T) + (tcmRatio − ratio) × (E − T) × tcm / E, rounded once; the floor of the
    // pro-rata term stands for it exactly (fraction lemma, money.ts).
    let raw = ratio * over;
    if (over > 0 && tcm > 0 && tcmRatio > ratio) raw += mulDivFloor((tcmRatio - ratio) * over, tcm, e);
    const bandsPay = roundHalfUpDiv(raw, BP);
    const room = Math.max(p.cap - c.ytdFundPaid[i]!, 0);
    const pooled = bandsPay > room ? room : bandsPay;
    out.pooled[i] = pooled;
    if (tr) {
      const tcmText = tcm > 0 && over > 0 ? { zh: `；其中中医药部分 ${y(over)} × ${y(tcm)} / ${y(e)} 按 ${pct(tcmRatio)}`, en: `; the TCM part ${y(over)} × ${y(tcm)} / ${y(e)} at ${pct(tcmRatio)}` } : { zh: "", en: "" };
      tr.push({
        key: "ratio",
        title: { zh: "统筹基金按比例支付", en: "Pooled fund at the ratio" },
        detail: {
          zh: `(${y(e)} − ${y(t)}) × ${pct(ratio)}${poor ? `（含建档立卡提高 ${pct(p.poorRaise)}）` : ""}${tcmText.zh} = ${y(bandsPay)}`,
          en: `(${y(e)} − ${y(t)}) × ${pct(ratio)}${poor ? ` (incl. +${pct(p.poorRaise)} for the registered poor)` : ""}${tcmText.en} = ${y(bandsPay)}`,
        },
        amount: bandsPay,
        refs: refsOf(r, ID.ratio, ...(poor ? [ID.poor] : []), ...(tcm > 0 ? [ID.tcm] : [])),
        params: [ID.ratio, ...(poor ? [ID.poor] : []), ...(tcm > 0 ? [ID.tcm] : [])],
      });
      tr.push({
        key: "cap",
        title: { zh: "统筹基金支付（年度封顶）", en: "Pooled fund (annual cap)" },
        detail: {
          zh: `min(${y(bandsPay)}, 封顶线 ${y(p.cap)} − 本年已报销 ${y(c.ytdFundPaid[i]!)} = ${y(room)}) = ${y(pooled)}`,
          en: `min(${y(bandsPay)}, cap ${y(p.cap)} − paid this year ${y(c.ytdFundPaid[i]!)} = ${y(room)}) = ${y(pooled)}`,
        },
        amount: pooled,
        refs: refsOf(r, ID.cap),
        params: [ID.cap],
      });
    }
    seriousIllnessAndAssistance(c, i, p.si, e, pooled, out, tr);
  },
};

void closeLayer;
