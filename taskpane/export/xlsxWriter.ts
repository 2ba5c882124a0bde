/**
 * The pane's .xlsx download, written by the one .xlsx writer (io/xlsxStream.ts, the command line's
 * too) with text as shared strings and fflate's deflate: a few thousand rows at a time, the event loop
 * given back between them (so a worker hears a cancel, and the page stays responsive where it runs
 * without one), progress after each. ExcelJS builds an object per cell first: on 100 000 result rows
 * it took 14–20 s and about 2 GB; this keeps only the cells the pane already holds, the
 * shared-strings table and the compressed bytes.
 *
 * It writes what the pane's result sheets use (the same SheetSpec fields as io/xlsx.ts): values
 * (text as shared strings, numbers, booleans, dates as their day), number formats by block, bold
 * rows, a frozen top, column widths, an autofilter, and conditional formats (text highlights,
 * non-zero in red). Cancelled, it returns null and nothing is handed to the user.
 */
import type { SheetSpec } from "../../io/xlsx";
import { XlsxStreamWriter, type StreamSheetOptions } from "../../io/xlsxStream";

export type XlsxSheet = Pick<SheetSpec, "name" | "rows" | "widths" | "freezeRows" | "freezeHeader" | "boldRows" | "cellFormats" | "highlights" | "nonZeroRed" | "autoFilter">;

export interface WriteOptions {
  /** Rows per step (one yield). */
  step?: number;
  /** Checked between steps: true stops the write. */
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Each compressed piece as it is made (else they are gathered and returned). */
  onChunk?: (chunk: Uint8Array) => void;
  /** Give the event loop back between steps (default a macrotask). */
  yieldNow?: () => Promise<void>;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** A pane sheet as the writer's options: its ranges as given, its fills as colours ("FFFDE7E9" → "#FDE7E9"). */
function sheetOptions(s: XlsxSheet): StreamSheetOptions {
  return {
    name: s.name,
    widths: s.widths,
    freezeRows: s.freezeRows ?? (s.freezeHeader ? 1 : 0),
    boldRows: s.boldRows,
    cellFormats: s.cellFormats,
    autoFilter: s.autoFilter,
    highlights: (s.highlights ?? []).map((h) => ({ ref: h.ref, text: h.text, fill: `#${h.argb.slice(-6)}` })),
    nonZeroRed: s.nonZeroRed,
  };
}

/**
 * Write the sheets as one .xlsx. Returns the file's pieces in order (or [] when `onChunk` took
 * them), or null when cancelled between steps.
 */
export async function writeXlsxChunked(sheets: readonly XlsxSheet[], o: WriteOptions = {}): Promise<Uint8Array[] | null> {
  const step = o.step ?? 2000;
  const pause = o.yieldNow ?? tick;
  const pieces: Uint8Array[] = [];
  const w = new XlsxStreamWriter((chunk) => void (chunk.length && (o.onChunk ? o.onChunk(chunk) : pieces.push(chunk))), 1, undefined, { sharedStrings: true });
  const total = sheets.reduce((a, s) => a + s.rows.length, 0);
  let done = 0;
  for (const s of sheets) {
    w.startSheet(sheetOptions(s));
    for (let i = 0; i < s.rows.length; i += step) {
      const end = Math.min(s.rows.length, i + step);
      for (let r = i; r < end; r++) w.row(s.rows[r]);
      done += end - i;
      o.onProgress?.(done, total);
      await pause();
      if (o.cancelled?.()) {
        w.abort();
        return null;
      }
    }
    w.endSheet();
  }
  w.end();
  return pieces;
}

/** The pieces as one array (tests, and callers that need the bytes). */
export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of pieces) (out.set(p, at), (at += p.length));
  return out;
}
