/**
 * Lanzhou resident inpatient care (L 第三部分 二、(三), 三、, 四、; POLICY §6): threshold and ratio by
 * level, +5 points for the registered poor, +10 points on the TCM share, the annual cap, then 大病保险
 * on the year's personal in-policy burden and 医疗救助 for the poor.
 */
import { HOSPITAL_LEVELS, POVERTY_STATUSES } from "../../claim/enums";
import { BP, formatYuan, mulDivFloor, ratioOf, roundHalfUpDiv, type Fen } from "../../money";
import { PolicyError, badInput, type Problem } from "../../problem";
import { msg } from "../../messages";
import { bp, count, fen, part, step, type TraceStep } from "../../trace";
import { NONE, type ClaimColumns } from "../columns";
import { claimFailed, personalOf, raise, type Kernel, type Reader } from "../kernel";
import { levelName, levelOf, reducedThreshold, refsOf, thresholdFactor, tracePolicyScope, type RepeatRule } from "./shared";
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
  poorReading: `${P}.povertyRaiseReading`,
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
  /** lanzhou.resident.inpatient.povertyRaiseReading: "raise_2020" | "cancelled_2019" ("" when not given on the day). */
  poorReading: string;
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
      poorReading: r.choice(ID.poorReading),
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

  settle(c, idx, from, to, p, out, tr) {
    const { total, outOfCatalog, classB, tcm: tcmCol, hospitalLevel, admissionIndex, povertyStatus, ytdFundPaid } = c;
    for (let j = from; j < to; j++) {
      const i = idx[j]!;
      try {
        if (p.fatal) throw new PolicyError(p.fatal);
        const r = p.r;
        const share = ratioOf(classB[i]!, p.classB);
        const e = total[i]! - outOfCatalog[i]! - share;
        out.classBSelfShare[i] = share;
        out.policyScope[i] = e;
        if (tr) tracePolicyScope(c, i, p.classB, share, e, tr, r, ID.classB);
        const tcm = tcmCol[i]!;
        if (tcm > e) tcmTooLarge(tcm, e);

        const lv = hospitalLevel[i]!;
        if (lv === NONE) levelOf(c, i);
        const base = p.threshold[lv]!;
        if (base !== base) raise(r.problems, `${ID.threshold}:${HOSPITAL_LEVELS[lv]}`);
        const baseRatio = p.ratio[lv]!;
        if (baseRatio !== baseRatio) raise(r.problems, `${ID.ratio}:${HOSPITAL_LEVELS[lv]}`);
        const k = admissionIndex[i]!;
        if (k < 1) badInput("field_missing", "admissionIndex", undefined, msg("engine.admissionIndex.missing"));
        const t = k === 1 ? base : reducedThreshold(base, k, p.repeat);
        out.threshold[i] = t;
        if (tr) traceThreshold(p, lv, k, base, t, tr);

        // Ratio: level ratio, +5 points for the registered poor; TCM share +10 points; never above 100%.
        // The registered poor's +5 points against the 2019 text that cancelled raised ratios: a
        // reading (POLICY §12), and the trace names the conflict.
        const registered = povertyStatus[i] === REGISTERED_POOR;
        if (registered && p.poorReading === "") raise(r.problems, ID.poorReading);
        const poor = registered && p.poorReading === "raise_2020";
        if (poor && p.poorRaise !== p.poorRaise) raise(r.problems, ID.poor);
        if (tr && registered) tracePoverty(p, poor, tr);
        if (tcm > 0 && p.tcmRaise !== p.tcmRaise) raise(r.problems, ID.tcm);
        const ratio = poor ? Math.min(baseRatio + p.poorRaise, BP) : baseRatio;
        const tcmRatio = tcm > 0 ? Math.min(ratio + p.tcmRaise, BP) : ratio;
        const over = e > t ? e - t : 0;
        // raw = ratio × (E − T) + (tcmRatio − ratio) × (E − T) × tcm / E, rounded once; the floor of the
        // pro-rata term stands for it exactly (fraction lemma, money.ts).
        let raw = ratio * over;
        if (over > 0 && tcm > 0 && tcmRatio > ratio) raw += mulDivFloor((tcmRatio - ratio) * over, tcm, e);
        const bandsPay = roundHalfUpDiv(raw, BP);
        const room = p.cap - ytdFundPaid[i]! > 0 ? p.cap - ytdFundPaid[i]! : 0;
        const pooled = bandsPay > room ? room : bandsPay;
        out.pooled[i] = pooled;
        if (tr) traceRatio(p, c, i, e, t, over, tcm, ratio, tcmRatio, poor, bandsPay, room, pooled, tr);
        seriousIllnessAndAssistance(c, i, p.si, e, pooled, out, tr);
        out.personal[i] = personalOf(c, i, out);
      } catch (err) {
        claimFailed(out, i, err);
      }
    }
  },
};

/** The two texts the registered poor's ratio depends on (POLICY §12). */
export const POVERTY_CONFLICT_REFS = [
  { doc: "L", section: "第三部分 三、(二)", excerpt: "建档立卡贫困人口在各级定点医疗机构住院，政策范围内费用报销比例比普通人群提高5个百分点。" },
  { doc: "L", section: "第四部分 11.(1)", excerpt: "建档立卡贫困人口住院发生的政策范围内医疗费用，基本医保报销比例比普通居民高5个百分点。" },
  { doc: "L", section: "第三部分 二、(三)", excerpt: "2019年7月1日起，取消了各类人员提高比例和免起付线的优惠政策。" },
] as const;

function tracePoverty(p: ResidentInpatientParams, raised: boolean, tr: TraceStep[]): void {
  tr.push(
    step({
      key: "povertyReading",
      heading: "engine.poverty.title",
      kind: raised ? "engine.poverty.raised" : "engine.poverty.cancelled",
      values: { points: bp(p.poorRaise === p.poorRaise ? p.poorRaise : 500) },
      refs: [...POVERTY_CONFLICT_REFS, ...refsOf(p.r, ID.poorReading)],
      params: [ID.poorReading, ...(raised ? [ID.poor] : [])],
    }),
  );
}

function tcmTooLarge(tcm: Fen, e: Fen): never {
  badInput("tcm_exceeds_scope", "tcm", String(tcm / 100), msg("engine.resident.tcmExceedsScope", { tcm: formatYuan(tcm), scope: formatYuan(e) }));
}

function traceThreshold(p: ResidentInpatientParams, lv: number, k: number, base: Fen, t: Fen, tr: TraceStep[]): void {
  tr.push(
    step({
      key: "threshold",
      heading: "steps.threshold.title",
      kind: "steps.threshold.lanzhouResident",
      values: { level: levelName(lv), base: fen(base), k: count(k), factor: thresholdFactor(k, p.repeat), threshold: fen(t) },
      amount: t,
      refs: refsOf(p.r, ID.threshold, ...(k > 1 ? [ID.mode] : [])),
      params: [ID.threshold, ...(k > 1 ? [ID.mode, ID.step, ID.floor] : [])],
    }),
  );
}

function traceRatio(p: ResidentInpatientParams, c: ClaimColumns, i: number, e: Fen, t: Fen, over: Fen, tcm: Fen, ratio: number, tcmRatio: number, poor: boolean, bandsPay: Fen, room: Fen, pooled: Fen, tr: TraceStep[]): void {
  tr.push(
    step({
      key: "ratio",
      heading: "steps.ratio.title",
      kind: "steps.ratio.detail",
      values: {
        scope: fen(e),
        threshold: fen(t),
        ratio: bp(ratio),
        poor: poor ? part("steps.ratio.poor", { points: bp(p.poorRaise) }) : null,
        tcm: tcm > 0 && over > 0 ? part("steps.ratio.tcm", { over: fen(over), tcm: fen(tcm), scope: fen(e), tcmRatio: bp(tcmRatio) }) : null,
        pay: fen(bandsPay),
      },
      amount: bandsPay,
      refs: refsOf(p.r, ID.ratio, ...(poor ? [ID.poor] : []), ...(tcm > 0 ? [ID.tcm] : [])),
      params: [ID.ratio, ...(poor ? [ID.poor] : []), ...(tcm > 0 ? [ID.tcm] : [])],
    }),
  );
  tr.push(
    step({
      key: "cap",
      heading: "steps.cap.residentTitle",
      kind: "steps.cap.resident",
      values: { pay: fen(bandsPay), cap: fen(p.cap), paid: fen(c.ytdFundPaid[i]!), room: fen(room), pooled: fen(pooled) },
      amount: pooled,
      refs: refsOf(p.r, ID.cap),
      params: [ID.cap],
    }),
  );
}
