/**
 * readGrid (io/reader.ts) for every file that is not an .xlsx: a text table a user supplies (a
 * parameter table, with its own headers) with the claims reader's decoding, delimiters, quoting rules,
 * limits and refusals, and the refusal of a file of a kind that is not a table. Apart from the
 * whole-file reader so that a command reading a CSV parameter table does not load the .xlsx reader and
 * fflate (10–15 ms of its start-up); readGrid hands every such file here.
 */
import { msg } from "../src/messages";
import type { Text } from "../src/text";
import { isOle2, isZip } from "./container";
import { decodeText } from "./decode";
import { DELIMITERS, parseDelimited, type Delimiter } from "./delimited";
import { brokenReason, ReaderError, refuse } from "./errors";
import { DEFAULT_MAX_CELL_CHARS, DELIMITER_NAME, formatOf, type ReadOptions } from "./formats";
import { HEADER_SEARCH_ROWS } from "./table";

/** Text files take the delimiter that splits the first non-blank row into the most cells. */
export function readTextGrid(bytes: Uint8Array, o: Pick<ReadOptions, "file" | "sheet" | "maxEntryBytes" | "maxCellChars">): { rows: unknown[][]; summary: Text[] } {
  const format = formatOf(o.file);
  if (format !== "text" && format !== "xlsx") refuse("unknown_format", "reader.unknownFormat", { file: o.file, ext: /\.[^./\\]+$/.exec(o.file)?.[0] ?? "(none)" });
  if (format === "xlsx") throw new Error("readTextGrid: an .xlsx is readGrid's");
  try {
    if (bytes.length === 0) refuse("empty", "reader.empty", { file: o.file });
    if (isZip(bytes) || isOle2(bytes)) refuse("not_text", "reader.notText", { file: o.file });
    const { text, encoding } = decodeText(bytes, o.file);
    if (text.trim() === "") refuse("empty", "reader.empty", { file: o.file });
    const maxCell = o.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
    let best: { d: Delimiter; width: number } | null = null;
    for (const d of /\.tsv$/i.test(o.file) ? (["\t", ",", ";"] as Delimiter[]) : DELIMITERS) {
      try {
        const first = parseDelimited(text, d, o.file, maxCell, HEADER_SEARCH_ROWS).find((r) => r.cells.some((c) => c.trim() !== ""));
        const width = first ? first.cells.length : 0;
        if (!best || width > best.width) best = { d, width };
      } catch {
        // a delimiter under which the quoting is broken is not the file's; the chosen one reports its own errors
      }
    }
    const d = best?.d ?? ",";
    const rows = parseDelimited(text, d, o.file, maxCell).map((r) => r.cells as unknown[]);
    return { rows, summary: [msg("reader.summaryText", { file: o.file, encoding, delimiter: DELIMITER_NAME[d], line: 1, rows: rows.length })] };
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    throw new ReaderError("broken", "reader.broken", { file: o.file, reason: brokenReason(e) });
  }
}
