/** yibao audit: the input read as a stream, recomputed in batches through the core's AuditRun, the report written as it comes. */
import { basename } from "node:path";
import { AuditRun, plainRow, summarise, addSummaries, type AuditReport, type AuditRow } from "../src/audit/audit";
import { looksLikeIdNumber, maskIdNumber } from "../src/problem";
import { say } from "../src/messages";
import type { JsonRecord, ReadResult } from "../io/reader";
import { streamClaims } from "../io/stream";
import { cellsOrSpans } from "../io/table";
import type { XlsxStreamWriter } from "../io/xlsxStream";
import type { DeflatePool } from "./nodeZip";
import { LineSpool, removeTemps } from "./stream";
import { blankRecord, RecordTable } from "./records";
import { amountsOf, incompleteJson, type Engine } from "../src/engine/settle";
import { plainCells, plainRowTo, resultTable, summaryBlocks, STATUS_TEXT, rowCells, RESULT_FORMATS, RESULT_HEADERS, TEXT_FORMAT } from "../src/audit/report";
import { CsvBytes, csvRow } from "../io/csv";
import { formatYuan } from "../src/money";
import type { Problem } from "../src/problem";
import type { Lang } from "../src/text";
import { bytesRead, checkOut, ID_NUMBER_MIN, langOf, openInput, openReport, outKind, progressOf, requireIn, type Args, type Io } from "./common";

/** One audited claim as a JSON line (`text`: the report options with amounts as text). */
export function auditJson(a: AuditRow, text: { lang: Lang; mask: boolean; numbers: boolean }): string {
  const cells = rowCells(a, text);
  const lang = text.lang;
  return JSON.stringify({ id: a.id, status: a.status, recomputed: a.result?.ok ? amountsOf(a.result) : null, ...(a.result?.incomplete ? { incomplete: incompleteJson(a.result, lang) } : {}), differences: a.flagged.map((c) => ({ field: c.field, claimed: formatYuan(c.claimed), recomputed: formatYuan(c.recomputed), diff: formatYuan(c.diff) })), reasons: String(cells[cells.length - 1]) });
}

/**
 * Audit the items: the valid claims through the core's AuditRun (row labels as the file shows them),
 * the rows the reader or the validator refused as error rows in their place, one summary over all.
 */
export function auditItems(r: ReadResult, engine: Engine): AuditReport {
  const rows: { line: number; row: AuditRow }[] = [];
  const errorRow = (line: number, label: string, problems: Problem[], id?: string): AuditRow => ({ index: -1, id: id ?? label, status: "error", comparisons: [], flagged: [], reasons: [], problems, notCompared: [] });
  let notes: AuditReport["notes"] = [];
  if (r.table) {
    const ok = r.table.rows.filter((x) => !x.problem);
    for (const x of r.table.rows) if (x.problem) rows.push({ line: x.line, row: errorRow(x.line, x.label, [x.problem]) });
    const run = new AuditRun(r.table.header, ok.map((x) => x.cells), { engine, rowLabel: (i) => ok[i]!.label });
    const rep = run.finish();
    for (const a of rep.rows) rows.push({ line: ok[a.index]!.line, row: a });
    notes = rep.notes;
  } else {
    const table = new RecordTable();
    table.add((r.records ?? []).map((x) => x.record));
    const recs: JsonRecord[] = [];
    const data: unknown[][] = [];
    for (const x of r.records ?? []) {
      if (x.problem) {
        rows.push({ line: x.line, row: errorRow(x.line, x.label, [x.problem]) });
        continue;
      }
      const cells = table.cells(x.record!);
      // a JSON line with no value is a record refused (as in the stream, below)
      const v = blankRecord(cells, x.record!, x.label);
      if (v && !v.ok) rows.push({ line: x.line, row: errorRow(x.line, x.label, v.problems, v.id) });
      else {
        recs.push(x);
        data.push(cells);
      }
    }
    const header = table.header;
    const rep = new AuditRun(header, data, { engine, rowLabel: (i) => recs[i]!.label }).finish();
    for (const a of rep.rows) rows.push({ line: recs[a.index]!.line, row: a });
    notes = rep.notes;
  }
  rows.sort((a, b) => a.line - b.line);
  const all = rows.map((x) => x.row);
  return { rows: all, summary: summarise(all), notes };
}

export async function cmdAudit(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const file = requireIn(args);
  const out = checkOut(args, lang);
  const mask = args.opts.mask !== false;
  const kind = out === undefined ? null : outKind(out, args, lang, ["jsonl", "csv", "xlsx"]);
  // with the report on stdout, what a person reads goes to stderr
  const say_ = out === "-" ? io.err : io.out;
  const input = openInput(args, io, lang);
  const source = file === "-" ? "stdin" : basename(file);
  const report = out === undefined ? null : openReport(out, io, lang);
  const o = { lang, mask, numbers: true };
  const text = { ...o, numbers: false };
  let xlsx: XlsxStreamWriter | null = null;
  // the report's parts deflated on libuv's threads while the next rows are made
  let pool: DeflatePool | null = null;
  const header = resultTable({ rows: [], summary: summarise([]), notes: [] }, kind === "xlsx" ? o : text)[0]!;
  if (report && kind === "xlsx") {
    // the .xlsx writer (fflate) loaded only for an .xlsx report
    const [{ XlsxStreamWriter }, { DeflatePool }] = await Promise.all([import("../io/xlsxStream"), import("./nodeZip")]);
    pool = new DeflatePool();
    xlsx = new XlsxStreamWriter((chunk) => report.write(chunk), 1, pool.deflater);
    const statusCol = RESULT_HEADERS.indexOf("status");
    xlsx.startSheet({
      name: say(lang, "cli.audit.sheetResults"),
      freezeRows: 1,
      boldRows: [0],
      widths: header.map((_, j) => (j === header.length - 1 ? 60 : 14)),
      columnFormats: RESULT_FORMATS,
      autoFilterColumns: header.length,
      highlights: [
        { column: statusCol, text: STATUS_TEXT.flagged[lang], fill: "#FDE7E9", font: "#A4262C" },
        { column: statusCol, text: STATUS_TEXT.error[lang], fill: "#FFF4CE" },
        { column: statusCol, text: STATUS_TEXT.ok[lang], fill: "#DFF6DD" },
      ],
      nonZeroRed: [RESULT_HEADERS.indexOf("difference")],
    });
    xlsx.row(header);
  } else if (report && kind === "csv") report.write((out === "-" ? "" : "\uFEFF") + csvRow(header) + "\r\n");
  // the CSV report's rows as bytes (csvRow's records), handed on at each batch's end
  const csv = report && kind === "csv" ? new CsvBytes((bytes) => report.write(bytes)) : null;
  // a plain claim's cells straight into the CSV report's bytes (its amounts without a string each)
  const csvPlain = csv && { text: (t: string) => csv.cell(t), money: (f: number) => (f !== f ? csv.cell(null) : csv.yuan(f)), none: () => csv.cell(null) };

  const listing = new LineSpool();
  let summary = summarise([]);
  let run: AuditRun | null = null;
  // JSON lines: the rows of one growing table
  const table = new RecordTable();
  let labels: string[] = [];
  let base = 0;
  let tableHeader: (string | null)[] | null = null;
  const runFor = (h: readonly unknown[]) => {
    if (!run) run = new AuditRun(h, [], { engine, keepRows: false, rowLabel: (i) => labels[i - base]! });
    return run;
  };
  const emit = async (errors: { line: number; row: AuditRow }[], ok: { line: number; label: string; cells: readonly unknown[] }[], h: readonly unknown[]) => {
    const r = runFor(h);
    base = r.total;
    labels = ok.map((x) => x.label);
    const { cells, spans } = cellsOrSpans(ok);
    r.append(cells, h, spans);
    const parts: string[] = [];
    // a claim id that is an ID number is masked like one
    const shown = (id: string) => (mask && id.length >= ID_NUMBER_MIN && looksLikeIdNumber(id) ? maskIdNumber(id.trim()) : id);
    const objects: AuditRow[] = [];
    const write = (a: AuditRow) => {
      a.id = shown(a.id);
      objects.push(a);
      // the text cells of a row, once for the listing and the CSV report
      let cells: unknown[] | null = null;
      if (a.status === "flagged" || a.status === "error" || a.notCompared.length) {
        cells = rowCells(a, text);
        listing.add(`  [${STATUS_TEXT[a.status][lang]}] ${a.id}: ${String(cells[cells.length - 1])}${cells[cells.length - 2] ? ` (${String(cells[cells.length - 2])})` : ""}`);
      }
      if (!report) return;
      if (kind === "jsonl") parts.push(auditJson(a, text), "\n");
      else if (xlsx) xlsx.row(rowCells(a, o));
      else csv!.row(cells ?? rowCells(a, text));
    };
    // the rows the reader refused, in their place among the audited ones (both lists are in line order)
    let e = 0;
    while (!r.finished) {
      const s = r.stepLean(20_000);
      summary = addSummaries(summary, s.plain);
      for (const a of s.rows) {
        const index = typeof a === "number" ? s.from + s.chunk.rowOf[a]! : a.index;
        const line = ok[index - base]!.line;
        while (e < errors.length && errors[e]!.line < line) write(errors[e++]!.row);
        if (typeof a !== "number") write(a);
        else if (report) {
          // a plain claim: its figures straight from the columns (nothing to list)
          const id = shown(s.chunk.claims.ids[a]!);
          if (kind === "jsonl") parts.push(auditJson({ ...plainRow(s, a), id }, text), "\n");
          else if (xlsx) xlsx.row(plainCells(s, a, o, id));
          else {
            plainRowTo(csvPlain!, s, a, text, id);
            csv!.end();
          }
        }
      }
    }
    while (e < errors.length) write(errors[e++]!.row);
    summary = addSummaries(summary, summarise(objects));
    if (report && parts.length) report.write(parts.join(""));
    csv?.flush();
    // the rows' XML waits to be deflated in a few MiB at most before the next batch is read
    await pool?.caughtUp();
    await report?.flush();
  };
  const errorRow = (label: string, problems: Problem[]): AuditRow => ({ index: -1, id: label, status: "error", comparisons: [], flagged: [], reasons: [], problems, notCompared: [] });
  const progress = progressOf(args, io, lang, input.size);
  let notes: AuditReport["notes"] = [];
  try {
    const end = await streamClaims(input.source, { ...input.options, spans: true }, {
      start: (st) => {
        if (st.header) tableHeader = st.header;
      },
      rows: async (rows) => {
        const errors = rows.filter((x) => x.problem).map((x) => ({ line: x.line, row: errorRow(x.label, [x.problem!]) }));
        await emit(errors, rows.filter((x) => !x.problem), tableHeader!);
        progress.rows += rows.length;
        progress.tick();
      },
      records: async (records) => {
        table.add(records.map((x) => x.record));
        const errors: { line: number; row: AuditRow }[] = [];
        const data: { line: number; label: string; cells: unknown[] }[] = [];
        for (const x of records) {
          if (x.problem) {
            errors.push({ line: x.line, row: errorRow(x.label, [x.problem]) });
            continue;
          }
          const cells = table.cells(x.record!);
          // a JSON line with no value is a record refused, as settle refuses it (a table would skip it as a blank row)
          const v = blankRecord(cells, x.record!, x.label);
          if (v && !v.ok) errors.push({ line: x.line, row: errorRow(v.id ?? x.label, v.problems) });
          else data.push({ line: x.line, label: x.label, cells });
        }
        await emit(errors, data, table.header);
        progress.rows += records.length;
        progress.tick();
      },
      bytes: bytesRead(progress, io),
    });
    progress.done();
    for (const t of end.summary) io.err(t[lang]);
    notes = run ? (run as AuditRun).report().notes : [];
    if (xlsx) {
      xlsx.endSheet();
      const rep: AuditReport = { rows: [], summary, notes };
      const blocks = summaryBlocks(rep, o, source);
      const rows = blocks.flatMap((b) => b.rows);
      const cellFormats: { row: number; col: number; rows: number; cols: number; numFmt: string }[] = [];
      let at = 0;
      for (const b of blocks) {
        b.formats.forEach((numFmt, col) => {
          if (numFmt !== TEXT_FORMAT && b.rows.length) cellFormats.push({ row: at, col, rows: b.rows.length, cols: 1, numFmt });
        });
        at += b.rows.length;
      }
      xlsx.sheet({ name: say(lang, "cli.audit.sheetSummary"), freezeRows: 1, boldRows: [0], widths: rows[0]!.map((_, j) => (j === rows[0]!.length - 1 ? 60 : 14)), cellFormats }, rows);
      xlsx.end();
      await xlsx.finished();
    }
    await report?.commit();
  } catch (e) {
    progress.done();
    pool?.stop();
    xlsx?.abort();
    report?.abort();
    removeTemps();
    throw e;
  }
  const s = summary;
  say_(say(lang, "cli.audit.summaryCounts", { source, claims: s.claims, ok: s.ok, flagged: s.flagged, errors: s.errors, unchecked: s.unchecked }));
  say_(say(lang, "cli.audit.summaryFund", { claimed: formatYuan(s.claimedFund), recomputed: formatYuan(s.recomputedFund), difference: formatYuan(s.totalDifference) }));
  for (const n of notes) say_(`  ${n[lang]}`);
  for (const l of listing.drain()) say_(l);
  if (out !== undefined) io.err(say(lang, "cli.audit.written", { file: out }));
  if (s.claims > 0 && s.errors === s.claims) {
    io.err(say(lang, "stream.noneAudited", { n: s.claims }));
    return 2;
  }
  return 0;
}
