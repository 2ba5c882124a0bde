/**
 * Audit rows as they cross from the worker to the page: a chunk of rows as typed arrays (index,
 * status, each comparison's field and amounts in fen) and flat string lists (ids, the words of
 * reasons, problems and what could not be compared), so a postMessage clones a few arrays rather
 * than thousands of nested objects; the page turns one chunk at a time back into the rows the
 * results list and Explain read. The claim and its result stay behind: Explain settles the row
 * again through the one-claim path, with its trace.
 */
import type { AuditRow, AuditStatus, ComparedField, Comparison, NotCompared } from "../../src/audit/audit";
import { COMPARED_LABELS } from "../../src/audit/audit";
import type { Problem, ProblemKind } from "../../src/problem";

const STATUSES: readonly AuditStatus[] = ["ok", "flagged", "error", "unchecked"];
const FIELDS = Object.keys(COMPARED_LABELS) as ComparedField[];

export interface RowChunk {
  n: number;
  index: Int32Array;
  status: Uint8Array;
  ids: string[];
  /** Comparisons of row i are [cmpStart[i], cmpStart[i + 1]). */
  cmpStart: Int32Array;
  cmpField: Uint8Array;
  /** 1 where the comparison is over the tolerance (the row's `flagged`). */
  cmpFlagged: Uint8Array;
  claimed: Float64Array;
  recomputed: Float64Array;
  /** Words of row i: entries [textStart[i], textStart[i + 1]) of `kinds`, their strings in order in `texts`. */
  textStart: Int32Array;
  /** 0 a reason (zh, en), 1 a problem (code, kind, field, zh, en), 2 not compared (field, parameter, zh, en). */
  kinds: Uint8Array;
  texts: string[];
}

export function encodeRows(rows: readonly AuditRow[]): { chunk: RowChunk; transfer: ArrayBuffer[] } {
  const n = rows.length;
  let m = 0;
  let t = 0;
  for (const r of rows) {
    m += r.comparisons.length;
    t += r.reasons.length + r.problems.length + r.notCompared.length;
  }
  const c: RowChunk = {
    n,
    index: new Int32Array(n),
    status: new Uint8Array(n),
    ids: new Array(n),
    cmpStart: new Int32Array(n + 1),
    cmpField: new Uint8Array(m),
    cmpFlagged: new Uint8Array(m),
    claimed: new Float64Array(m),
    recomputed: new Float64Array(m),
    textStart: new Int32Array(n + 1),
    kinds: new Uint8Array(t),
    texts: [],
  };
  let k = 0;
  let e = 0;
  rows.forEach((r, i) => {
    c.index[i] = r.index;
    c.status[i] = STATUSES.indexOf(r.status);
    c.ids[i] = r.id;
    c.cmpStart[i] = k;
    for (const x of r.comparisons) {
      c.cmpField[k] = FIELDS.indexOf(x.field);
      c.cmpFlagged[k] = r.flagged.includes(x) ? 1 : 0;
      c.claimed[k] = x.claimed;
      c.recomputed[k] = x.recomputed;
      k++;
    }
    c.textStart[i] = e;
    for (const x of r.reasons) (c.kinds[e++] = 0), c.texts.push(x.zh, x.en);
    for (const p of r.problems) (c.kinds[e++] = 1), c.texts.push(p.code, p.kind, p.field ?? "", p.message.zh, p.message.en);
    for (const x of r.notCompared) (c.kinds[e++] = 2), c.texts.push(x.field, x.parameter, x.message.zh, x.message.en);
  });
  c.cmpStart[n] = k;
  c.textStart[n] = e;
  return { chunk: c, transfer: [c.index.buffer, c.status.buffer, c.cmpStart.buffer, c.cmpField.buffer, c.cmpFlagged.buffer, c.claimed.buffer, c.recomputed.buffer, c.textStart.buffer, c.kinds.buffer] as ArrayBuffer[] };
}

export function decodeRows(c: RowChunk): AuditRow[] {
  const out: AuditRow[] = new Array(c.n);
  let s = 0;
  for (let i = 0; i < c.n; i++) {
    const comparisons: Comparison[] = [];
    const flagged: Comparison[] = [];
    for (let k = c.cmpStart[i]!; k < c.cmpStart[i + 1]!; k++) {
      const x: Comparison = { field: FIELDS[c.cmpField[k]!]!, claimed: c.claimed[k]!, recomputed: c.recomputed[k]!, diff: c.claimed[k]! - c.recomputed[k]! };
      comparisons.push(x);
      if (c.cmpFlagged[k]) flagged.push(x);
    }
    const reasons: AuditRow["reasons"] = [];
    const problems: Problem[] = [];
    const notCompared: NotCompared[] = [];
    for (let e = c.textStart[i]!; e < c.textStart[i + 1]!; e++) {
      const kind = c.kinds[e];
      if (kind === 0) reasons.push({ zh: c.texts[s++]!, en: c.texts[s++]! });
      else if (kind === 1) {
        const code = c.texts[s++]!;
        const pk = c.texts[s++]! as ProblemKind;
        const field = c.texts[s++]!;
        problems.push({ code, kind: pk, ...(field ? { field } : {}), message: { zh: c.texts[s++]!, en: c.texts[s++]! } });
      } else notCompared.push({ field: c.texts[s++]! as ComparedField, parameter: c.texts[s++]!, message: { zh: c.texts[s++]!, en: c.texts[s++]! } });
    }
    out[i] = { index: c.index[i]!, id: c.ids[i]!, status: STATUSES[c.status[i]!]!, comparisons, flagged, reasons, problems, notCompared };
  }
  return out;
}
