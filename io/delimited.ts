/**
 * Delimited text (CSV, semicolon-separated, tab-separated "Unicode text") as Excel writes it, read
 * strictly: RFC 4180 quoting ("" for a quote inside a quoted field, line breaks inside quotes), CRLF,
 * LF or CR line ends. What Excel would read differently from what the bytes say is refused with the
 * line and field where it happens, never guessed:
 *
 * - a quoted field that is never closed (one stray " at the start of a name swallows the rest of the
 *   file): refused with the line where the quote opened;
 * - a closing quote followed by something other than a delimiter or a line end ("李某"乙): refused;
 * - a field longer than the cell limit: refused with its place.
 *
 * A quote inside an unquoted field (李"某) is a character like any other, as in Excel. Every record
 * carries the physical line it starts on, so that messages name the line a text editor shows (blank
 * lines count; a blank line is not a record).
 *
 * Our own parser rather than csv-parse or Papa Parse: it must run unchanged in Node, the browser and
 * a Web Worker over decoded text, report positions for every refusal in our message catalogs, and
 * refuse (not relax) the cases above; the state machine is small and fuzzed with the rest.
 */
import { columnLetter, refuse } from "./errors";

export interface DelimitedRecord {
  /** Physical line the record starts on (1-based). */
  line: number;
  /** Last physical line of the record (> line when a quoted field holds a line break). */
  endLine: number;
  cells: string[];
}

export type Delimiter = "," | ";" | "\t";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseDelimited(text: string, delimiter: Delimiter, file: string, maxCell: number, maxRecords = Infinity): DelimitedRecord[] {
  const d = delimiter.charCodeAt(0);
  const out: DelimitedRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && out.length < maxRecords) {
    // a line with nothing on it is not a record (but it is a line)
    const c0 = text.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const col = cells.length;
        let j = i + 1;
        let buf = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) refuse("quote_unclosed", "reader.quoteUnclosed", { file, line: openLine, column: columnLetter(col) }, { line: openLine, column: columnLetter(col) });
          const piece = text.slice(j, q);
          buf += piece;
          line += lineBreaks(piece);
          if (text.charCodeAt(q + 1) === QUOTE) {
            buf += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const next = i < n ? text.charCodeAt(i) : -1;
        if (next !== -1 && next !== d && next !== LF && next !== CR)
          refuse("quote_stray", "reader.quoteStray", { file, line, column: columnLetter(col) }, { line, column: columnLetter(col) });
        value = buf;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      if (value.length > maxCell) refuse("cell_too_long", "reader.cellTooLong", { file, place: `${columnLetter(cells.length)}${start}`, limit: maxCell }, { line: start, column: columnLetter(cells.length) });
      cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      // line end
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    out.push({ line: start, endLine: line, cells });
    line++;
  }
  return out;
}

/** Line breaks in a piece of text: CRLF, CR and LF each count once. */
function lineBreaks(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) k++;
    else if (c === CR) {
      k++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return k;
}
