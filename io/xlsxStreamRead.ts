/**
 * An .xlsx read as a stream: the zip's directory and the small parts (workbook, shared strings,
 * styles) first, by position in the file, then the claims sheet's XML inflated a step at a time and
 * its rows handed on in batches, so that memory holds the shared strings and one batch, never the
 * file or the sheet. Every decision and refusal is the whole-file reader's (io/reader.ts
 * readXlsxClaims, the same parsers in xlsxRead.ts and the same TableBuilder):
 *
 * - The table's width (its widest row from the header down) and the merged ranges (written after the
 *   rows) decide the header before the first row is handed on, so the sheet is read twice: a first
 *   pass that parses it without keeping rows (its first rows for the header, then each row's width,
 *   then the merges), and the pass that hands the rows on. The first pass keeps the sheet's XML while
 *   it is under KEEP_SHEET_CHARS (a sheet of 100 000 claims is about 95 MB), so the second pass
 *   parses it again without inflating it again; a larger sheet is inflated twice, so that memory
 *   stays bounded whatever its size.
 * - The sheet is inflated by the host's inflater when it gives one (the command line: Node's zlib,
 *   off the main thread; io/zip.ts PartInflater), else by fflate.
 * - Sheets are chosen by their first rows, as the whole-file reader chooses them; each visible sheet
 *   is inflated to its end (its sizes checked, as the whole-file reader does), and a fault in a sheet
 *   that is not chosen is held, never reported, as the whole-file reader never parses those rows.
 */
import { msg, joinList, joinListTexts } from "../src/messages";
import type { Text } from "../src/text";
import { refuse } from "./errors";
import type { ReadOptions } from "./reader";
import { findHeader, HEADER_SEARCH_ROWS, TableBuilder, type ClaimRow, type GridRow } from "./table";
import { XlsxBook, type Merge, type SheetInfo } from "./xlsxRead";
import { DEFAULT_MAX_ENTRY_BYTES, type ByteSource, type PartInflater } from "./zip";

export interface XlsxStreamSink {
  start(s: { format: "xlsx"; sheet: string; header: (string | null)[]; headerLine: number }): void | Promise<void>;
  rows?(rows: ClaimRow[]): void | Promise<void>;
  /** How far the second pass is through the sheet's XML, as bytes of the file (for progress). */
  bytes?(n: number): void;
}

/** What the first pass learns of a sheet. */
interface Survey {
  /** Its first rows that have a cell (the header search's rows). */
  first: GridRow[];
  /** The header's index in `first`, or -1. */
  h: number;
  /** Widest row from the header down. */
  width: number;
  merges: Merge[];
  /** A fault met while parsing it (thrown only if the sheet is the one read). */
  fault: unknown;
  /** Its XML's pieces, each with how far into the file its bytes were read, when they were kept. */
  kept: { pieces: string[]; at: number[] } | null;
}

/**
 * The most characters of a sheet's XML the first pass keeps for the second: 128 Mi (about 128 MB of
 * ASCII XML in V8's one-byte strings, twice that for a sheet whose inline text is Chinese). Measured
 * on the 100 000-row bench sheet (95 MB of XML): settle 8 % faster for ~95 MB more peak memory.
 */
export const KEEP_SHEET_CHARS = 128 * 1024 * 1024;

/** How much may still be kept, across the sheets surveyed (only the one read keeps its pieces). */
interface Budget {
  chars: number;
}

/**
 * The first pass over a sheet. `hold`: a fault below the header search's rows is kept in the survey
 * (a candidate sheet the whole-file reader only probes), and the sheet is inflated on to its end.
 */
async function survey(book: XlsxBook, s: SheetInfo, hold: boolean, budget: Budget, readTo: () => number): Promise<Survey> {
  // a part that declares more bytes than the budget keeps nothing from the start (its characters are at most its bytes)
  const sv: Survey = { first: [], h: -1, width: 0, merges: [], fault: undefined, kept: budget.chars > 0 && book.declaredSize(s) <= budget.chars ? { pieces: [], at: [] } : null };
  let keptChars = 0;
  const scan = book.scan(s);
  let parsing = true;
  const head = () => {
    sv.h = findHeader(sv.first);
    for (const r of sv.first.slice(Math.max(0, sv.h))) sv.width = Math.max(sv.width, r.cells.length);
  };
  for await (const piece of scan.stream()) {
    if (sv.kept) {
      keptChars += piece.length;
      if (keptChars > budget.chars) sv.kept = null;
      else sv.kept.pieces.push(piece), sv.kept.at.push(readTo());
    }
    if (!parsing) continue;
    try {
      // the header search's rows whole; below them only each row's width (the second pass reads the values)
      if (sv.first.length >= HEADER_SEARCH_ROWS)
        scan.widths(piece, (w) => {
          if (w > sv.width) sv.width = w;
        });
      else
        scan.rows(piece, (row) => {
          if (sv.first.length < HEADER_SEARCH_ROWS) {
            sv.first.push({ line: row.r, cells: row.cells });
            if (sv.first.length === HEADER_SEARCH_ROWS) {
              head();
              // a probed sheet without a header is not parsed further (its sizes still are checked)
              if (sv.h < 0 && hold) return (parsing = false);
            }
            return true;
          }
          if (row.cells.length > sv.width) sv.width = row.cells.length;
          return true;
        });
      if (parsing) scan.merges(piece, sv.merges);
    } catch (e) {
      if (!hold || sv.first.length < HEADER_SEARCH_ROWS || (e as Error).name !== "ReaderError") throw e;
      sv.fault = e;
      parsing = false;
    }
  }
  if (sv.first.length < HEADER_SEARCH_ROWS) head();
  // a sheet that cannot be the one read keeps nothing (a candidate keeps its pieces from the budget)
  if (sv.kept && (sv.fault || sv.h < 0)) sv.kept = null;
  if (sv.kept) budget.chars -= keptChars;
  return sv;
}

/**
 * Read claims from an .xlsx by position: the sink gets the start (sheet, header), then the data rows
 * in batches, in sheet order; resolves with the summary or rejects with the whole-file reader's
 * ReaderError for the same bytes.
 */
export async function streamXlsxClaims(src: ByteSource, o: ReadOptions & { inflater?: PartInflater; keepSheetChars?: number }, batchRows: number, sink: XlsxStreamSink): Promise<{ summary: Text[]; rows: number }> {
  if (src.size === 0) refuse("empty", "reader.empty", { file: o.file });
  // progress: where the second pass reads in the file
  let reporting = false;
  let readTo = 0;
  const tracked: ByteSource = {
    size: src.size,
    read(pos, len) {
      const b = src.read(pos, len);
      readTo = pos + b.length;
      if (reporting) sink.bytes?.(readTo);
      return b;
    },
  };
  const book = new XlsxBook(tracked, o.file, { maxEntryBytes: o.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, maxCellChars: o.maxCellChars, sliceBytes: (o as { sliceBytes?: number }).sliceBytes, inflater: o.inflater });
  const budget: Budget = { chars: o.keepSheetChars ?? KEEP_SHEET_CHARS };
  const at = () => readTo;
  const skipped: Text[] = [];
  const names = book.sheets.map((s) => s.name);
  const list = (xs: readonly string[]): Text => ({ zh: joinList("zh", xs), en: joinList("en", xs) });
  let chosen: SheetInfo | undefined;
  let sv: Survey;
  if (o.sheet !== undefined) {
    chosen = book.sheets.find((s) => s.name === o.sheet) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === o.sheet!.trim().toLowerCase());
    if (!chosen) refuse("sheet_not_found", "reader.sheetNotFound", { file: o.file, sheet: o.sheet, sheets: list(names) });
    sv = await survey(book, chosen, false, budget, at);
  } else {
    const candidates: { s: SheetInfo; sv: Survey }[] = [];
    for (const s of book.sheets) {
      if (s.state !== "visible") {
        skipped.push(msg("reader.skipHidden", { sheet: s.name }));
        continue;
      }
      const x = await survey(book, s, true, budget, at);
      if (!x.first.some((r) => r.cells.some((c) => c !== null && c !== ""))) skipped.push(msg("reader.skipEmpty", { sheet: s.name }));
      else if (x.h < 0) skipped.push(msg("reader.skipNoHeader", { sheet: s.name }));
      else candidates.push({ s, sv: x });
    }
    if (candidates.length === 0) {
      if (!book.sheets.length) refuse("empty", "reader.empty", { file: o.file });
      refuse("no_claims_sheet", "reader.noClaimsSheet", { file: o.file, sheets: joinListTexts(skipped) });
    }
    if (candidates.length > 1) refuse("many_claim_sheets", "reader.manyClaimSheets", { file: o.file, sheets: list(candidates.map((c) => c.s.name)) });
    chosen = candidates[0]!.s;
    sv = candidates[0]!.sv;
  }
  if (sv.fault) throw sv.fault;
  if (!sv.first.length) refuse("empty", "reader.empty", { file: o.file });
  if (sv.h < 0) refuse("no_header", "reader.noHeader", { file: `${o.file} · ${chosen.name}`, rows: HEADER_SEARCH_ROWS });
  const table = new TableBuilder(sv.first.slice(0, sv.h + 1), sv.width, { file: o.file, sheet: chosen.name, strictWidth: false, merges: sv.merges, map: o.map, date1904: book.date1904 });

  // the second pass: the rows below the header, in batches
  let batch: ClaimRow[] = [];
  let started = false;
  const flush = async () => {
    if (table.doomed) return void (batch = []);
    if (!started) {
      started = true;
      await sink.start({ format: "xlsx", sheet: chosen.name, header: table.header, headerLine: table.headerLine });
    }
    const b = batch;
    batch = [];
    if (b.length) await sink.rows?.(b);
  };
  const scan = book.scan(chosen);
  let n = 0;
  reporting = true;
  // the pieces kept by the first pass (progress: where the file had been read when each was inflated), else inflated again
  const kept = sv.kept;
  sv.kept = null;
  const pieces: AsyncIterable<string> = kept
    ? (async function* () {
        let last = -1;
        for (let i = 0; i < kept.pieces.length; i++) {
          if (kept.at[i]! > last) sink.bytes?.((last = kept.at[i]!));
          const p = kept.pieces[i]!;
          // let go of each piece once parsed
          kept.pieces[i] = "";
          yield p;
        }
      })()
    : scan.stream();
  for await (const piece of pieces) {
    scan.rows(piece, (row) => {
      if (n++ <= sv.h) return true;
      const r = table.row({ line: row.r, cells: row.cells });
      if (table.doomed) batch = [];
      else batch.push(r);
      return true;
    });
    if (batch.length >= batchRows) await flush();
  }
  reporting = false;
  const fin = table.finish();
  await flush();
  const summary = [msg("reader.summaryXlsx", { file: o.file, sheet: chosen.name, line: fin.headerLine, rows: table.count }), ...fin.notes];
  if (skipped.length) summary.push(msg("reader.skippedSheets", { sheets: joinListTexts(skipped) }));
  return { summary, rows: table.count };
}
