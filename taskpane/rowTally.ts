/**
 * What the results list's filters count: the rows of each status, and per status how many rows
 * have each kind of reason. A run's rows do not change once found, so the tally of a run's row list
 * is kept and only the rows added since are counted; the audit tallies its rows as they arrive from
 * the worker (taskpane/jobs/useAudit.ts), so the list's first render, at the run's end, reads totals
 * instead of going over 100 000 rows in one task of the page.
 */
import type { AuditRow, AuditStatus } from "../src/audit/audit";
import type { Lang } from "../src/text";

const CUT = /[：:（(]/;

const kindsOf: Record<Lang, WeakMap<AuditRow, readonly string[]>> = { zh: new WeakMap(), en: new WeakMap() };

/** The kind of a row's reason, for the filter: the words before the first colon of the reason (or of the error). */
export function reasonKinds(r: AuditRow, lang: Lang): readonly string[] {
  let k = kindsOf[lang].get(r);
  if (!k) kindsOf[lang].set(r, (k = findKinds(r, lang)));
  return k;
}

function findKinds(r: AuditRow, lang: Lang): string[] {
  // the words before the first colon or bracket: 起付线错误, 入院日期, 参数“多次住院起付标准递减方式”
  // (search and slice, not split: it runs over every row of a run, 100 000 of them)
  const head = (s: string) => {
    const at = s.search(CUT);
    const cut = (at < 0 ? s : s.slice(0, at)).trim();
    return cut.length > 24 ? cut.slice(0, 22) + "…" : cut;
  };
  const out: string[] = [];
  for (const t of r.reasons) {
    const k = head(t[lang]);
    if (!out.includes(k)) out.push(k);
  }
  for (const p of r.problems) {
    const k = head(p.message[lang]);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}


export interface RowTally {
  /** Rows counted so far (the list's first `n`). */
  n: number;
  status: Record<AuditStatus, number>;
  /** Per status: each kind of reason and the rows that have it, in the order first met. */
  kinds: Record<AuditStatus, Map<string, number>>;
}

const tallies: Record<Lang, WeakMap<readonly AuditRow[], RowTally>> = { zh: new WeakMap(), en: new WeakMap() };

/** The tally of a run's rows in a language, brought up to the list's length (rows are only ever added at its end). */
export function tallyRows(rows: readonly AuditRow[], lang: Lang): RowTally {
  let t = tallies[lang].get(rows);
  if (!t) {
    t = { n: 0, status: { ok: 0, flagged: 0, error: 0, unchecked: 0 }, kinds: { ok: new Map(), flagged: new Map(), error: new Map(), unchecked: new Map() } };
    tallies[lang].set(rows, t);
  }
  for (; t.n < rows.length; t.n++) {
    const r = rows[t.n]!;
    t.status[r.status]++;
    const m = t.kinds[r.status];
    for (const k of reasonKinds(r, lang)) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return t;
}
