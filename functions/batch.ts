/**
 * Fill-down: Excel calls a custom function once per cell, so a one-row formula filled down a column
 * of 100 000 claims is 100 000 calls. Microsoft's batching pattern for custom functions
 * (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-batching: "a push operation to add a
 * new operation to the batch of calls each time Excel calls your custom function", then one request
 * for the whole batch "when the batch is ready", each call's promise resolved with its own result)
 * is used here with no remote service: the calls of one calculation pass are queued, and a
 * setTimeout(0) after the pass settles them as one batch (one column-wise validation, one engine
 * pass) and resolves each call with its own cells, its own error values included. Nothing leaves the
 * workbook; the batch exists only to share the work.
 *
 * Each queued row is settled exactly as the same call with a one-row range would be (its row labelled
 * `row 1`, its own output choice), so a filled-down column answers as the range call does.
 */
import type { Engine } from "../src/engine/settle";
import type { Lang } from "../src/text";
import type { DateSystem } from "../src/dates";
import { problemError, settleRange, type Matrix, type SettledRange } from "./excel";
import { PolicyError } from "../src/problem";

interface Pending {
  engine: Engine;
  header: readonly string[];
  row: unknown[];
  lang: Lang;
  /** The workbook's date system as the call's pass read it (functions/excel.ts passDateSystem). */
  system: DateSystem;
  /** The call's cells from its row of the settled batch (`arg`: what the call asked for, its output). */
  finish: (s: SettledRange, i: number, arg: any) => Matrix;
  arg: unknown;
  resolve: (m: Matrix) => void;
  reject: (e: unknown) => void;
}

let queue: Pending[] = [];
let scheduled = false;
/** How long the batch waits for more calls of the pass (Microsoft's sample waits 100 ms for a network; nothing here waits on one). */
let delayMs = 0;

/** For tests and the bench: the wait before a batch is settled. */
export function setBatchDelay(ms: number): void {
  delayMs = ms;
}

/** Queue one claim row of a call; the promise resolves with the call's cells when the batch is settled. */
export function settleLater<A>(engine: Engine, header: readonly string[], row: unknown[], lang: Lang, finish: (s: SettledRange, i: number, arg: A) => Matrix, arg: A, system: DateSystem): Promise<Matrix> {
  return new Promise<Matrix>((resolve, reject) => {
    queue.push({ engine, header, row, lang, system, finish, arg, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, delayMs);
    }
  });
}

const one = () => "row 1";

/** Settle every queued call: one batch per engine, header, language and date system (a pass mostly has one). */
export function flush(): void {
  const batch = queue;
  queue = [];
  scheduled = false;
  const groups: Pending[][] = [];
  const byKey = new Map<string, Pending[]>();
  let last: Pending[] | null = null;
  for (const p of batch) {
    // consecutive calls of a filled-down column share their header: compared, not keyed
    const l = last?.[0];
    if (l && l.engine === p.engine && l.lang === p.lang && l.system === p.system && sameHeader(l.header, p.header)) {
      last!.push(p);
      continue;
    }
    const key = p.lang + "\u0001" + p.system + "\u0001" + p.header.join("\u0001");
    let g = byKey.get(key);
    if (!g || g[0]!.engine !== p.engine) {
      g = [];
      groups.push(g);
      byKey.set(key, g);
    }
    g.push(p);
    last = g;
  }
  for (const g of groups) settleGroup(g);
}

function settleGroup(g: Pending[]): void {
  const first = g[0]!;
  let results: SettledRange;
  try {
    results = settleRange(
      first.engine,
      first.header,
      g.map((p) => p.row),
      first.lang,
      one,
      first.system,
    );
  } catch (e) {
    // as the range call's guard: a policy error is each call's answer; anything else fails each call
    for (const p of g) {
      if (e instanceof PolicyError) p.resolve([[problemError(e.problem, p.lang)]]);
      else p.reject(e);
    }
    return;
  }
  for (let i = 0; i < g.length; i++) {
    const p = g[i]!;
    try {
      p.resolve(p.finish(results, i, p.arg));
    } catch (e) {
      if (e instanceof PolicyError) p.resolve([[problemError(e.problem, p.lang)]]);
      else p.reject(e);
    }
  }
}

function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}
