/**
 * The Model screen's computation, a step at a time: the batch validated and laid out in columns
 * (once per table, mapping and language), settled under the baseline (once per baseline), the
 * weights read (once per column), then each scenario re-settled, compared and its impact counted.
 * The pane's worker holds one session (taskpane/worker/audit.worker.ts) so the page's thread never
 * runs it; a host without a worker runs the same session on the page. Between steps, and every
 * 5 000 rows of the first validation (the longest step), the event loop is given back, so a cancel
 * (the user's, or a newer run superseding this one) is heard, and progress says which step it is on.
 */
import { compareBy, preparingBatch, settleBatch, settleScenario, type Comparison, type Dimension, type PreparedBatch } from "../../src/scenario/compare";
import { capLimited, capLimitedChanged, impactBy, type Impact } from "../../src/scenario/impact";
import { ledgerGaps, type YearLinks } from "../../src/scenario/year";
import { readWeights, type WeightProblem, type Weights } from "../../src/scenario/weights";
import type { ResultColumns } from "../../src/engine/columns";
import type { Engine } from "../../src/engine/settle";
import type { Lang } from "../../src/text";
import type { TableData } from "../workbook/types";
import { rowLabel } from "./audit";

/** What the screen shows about the batch itself, with or without a scenario computed. */
export interface ModelInfo {
  /** Rows the validator rejected. */
  invalid: number;
  links: Pick<YearLinks, "identity" | "people" | "later" | "unlinked">;
  gaps: { claims: number; example: string };
  /** The weight column as read: null when none is chosen. */
  weight: null | { ok: true; column: string } | { ok: false; problems: WeightProblem[]; count: number };
}

export interface ModelResult {
  c: Comparison;
  impact: Impact;
  carried: number;
  stopped: number;
  /** Milliseconds of the re-run (scenario settle, comparison, impact), as the screen has always said. */
  ms: number;
}

export interface ModelOutcome {
  info: ModelInfo;
  /** Null when the screen asked for the batch's facts only (a refused field), or the weights are refused. */
  result: ModelResult | null;
}

export interface ModelRunOptions {
  base: Engine;
  /** The scenario's engine, or null when it is the baseline. */
  scen: Engine | null;
  /** False: only the batch's facts (a field is refused, so no figure is shown). */
  compute: boolean;
  dimension: Dimension;
  weightColumn: string;
  lang: Lang;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const cancelled = () => new DOMException("cancelled", "AbortError");

export class ModelSession {
  private key = "";
  private data: TableData | null = null;
  private prepared: PreparedBatch | null = null;
  private baseFor: Engine | null = null;
  private baseRes: ResultColumns | null = null;
  private capBase: Uint8Array | null = null;
  private gaps: { claims: number; example: string } | null = null;
  private weightKey: string | null = null;
  private weightRead: ReturnType<typeof readWeights> | null = null;
  private scenOut: ResultColumns | undefined;
  private mapping: Readonly<Record<string, string | null>> = {};

  /**
   * The table to model (`key` names it with its mapping and language: the same key keeps what
   * was prepared). The data is read only when the key is new.
   */
  async use(key: string, data: () => Promise<TableData> | TableData, mapping: Readonly<Record<string, string | null>>): Promise<void> {
    if (key === this.key && this.data) return;
    this.reset();
    this.data = await data();
    this.mapping = mapping;
    this.key = key;
  }

  reset(): void {
    this.key = "";
    this.data = this.prepared = this.baseFor = this.baseRes = this.capBase = this.gaps = this.weightRead = null;
    this.weightKey = null;
    this.scenOut = undefined;
  }

  /** The table's rows validated into a prepared batch, in chunks: yields the share of rows done (where a cancel is heard). */
  private *prepare(data: TableData, lang: Lang): Generator<number, void, void> {
    // a sheet's date cells are serials of the workbook's date system, as it was when they were read
    const g = preparingBatch(data.header, data.rows, this.mapping, rowLabel(lang, data.rowLines), undefined, { dateSystem: data.dateSystem });
    for (let s = g.next(); ; s = g.next()) {
      if (s.done) {
        this.prepared = s.value;
        return;
      }
      yield s.value / data.rows.length;
    }
  }

  async run(o: ModelRunOptions): Promise<ModelOutcome> {
    const data = this.data;
    if (!data) throw new Error("no table to model");
    // a step is a function, or a generator whose every yield (the share of the step done) gives the event loop back
    const steps: (() => void | Generator<number, void, void>)[] = [];
    if (!this.prepared) steps.push(() => this.prepare(data, o.lang));
    if (this.baseFor !== o.base || !this.baseRes) {
      steps.push(() => {
        const p = this.prepared!;
        this.baseRes = settleBatch(o.base, p);
        this.scenOut = undefined;
      });
      steps.push(() => {
        const p = this.prepared!;
        this.capBase = capLimited(o.base, p.cols, this.baseRes!);
        this.gaps = ledgerGaps(p.cols, p.links, this.baseRes!);
        this.baseFor = o.base;
      });
    }
    if (this.weightKey !== o.weightColumn) {
      steps.push(() => {
        this.weightRead = o.weightColumn ? readWeights(data.header, data.rows, this.prepared!.sourceRow, o.weightColumn, rowLabel(o.lang, data.rowLines)) : null;
        this.weightKey = o.weightColumn;
      });
    }
    const wr = () => this.weightRead;
    const out: { result: ModelResult | null } = { result: null };
    if (o.compute) {
      steps.push(() => {
        const w = wr();
        if (w && !w.ok) return;
        const p = this.prepared!;
        const baseRes = this.baseRes!;
        const capBase = this.capBase!;
        const weights: Weights | null = w?.ok ? w.weights : null;
        const t0 = performance.now();
        let res = baseRes;
        let capScen = capBase;
        let carried = 0;
        let stopped = 0;
        if (o.scen && o.scen !== o.base) {
          const run = settleScenario(o.scen, p, baseRes, this.scenOut);
          res = this.scenOut = run.res;
          carried = run.year.carried;
          stopped = run.year.stopped;
          capScen = capLimitedChanged(o.scen, p.cols, baseRes, capBase, res, run.year.ytdFundPaid);
        }
        const c = compareBy(p, baseRes, res, o.dimension, weights);
        const impact = impactBy(p, baseRes, res, capBase, capScen, o.dimension, weights);
        out.result = { c, impact, carried, stopped, ms: performance.now() - t0 };
      });
    }
    for (let i = 0; i < steps.length; i++) {
      if (o.signal?.aborted) throw cancelled();
      o.onProgress?.(i, steps.length);
      await tick();
      if (o.signal?.aborted) throw cancelled();
      const g = steps[i]!();
      if (g)
        for (let s = g.next(); !s.done; s = g.next()) {
          o.onProgress?.(i + s.value, steps.length);
          await tick();
          if (o.signal?.aborted) throw cancelled();
        }
    }
    o.onProgress?.(steps.length, steps.length);
    const p = this.prepared!;
    const w = this.weightRead;
    return {
      info: {
        invalid: p.invalid,
        links: { identity: p.links.identity, people: p.links.people, later: p.links.later, unlinked: p.links.unlinked },
        gaps: this.gaps ?? { claims: 0, example: "" },
        weight: !w ? null : w.ok ? { ok: true, column: w.weights.column } : { ok: false, problems: w.problems, count: w.count },
      },
      result: out.result,
    };
  }
}
