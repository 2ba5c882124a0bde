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

/**
 * A record that is one line without quotes (the common case), its cells not cut yet: text[start, end)
 * with the delimiter between cells. `cells` cuts them when asked, as a line is always cut (the same
 * strings); the columnar validator reads a span's cells in place instead (src/claim/columnar.ts
 * TextSpan), so that a plain amount, date or known word makes no string. Spans are made only for a
 * stream that asks for them (DelimitedStream's `spans`) and a line no longer than a cell may be (so
 * no cell of it can be too long).
 */
export class LineSpan implements DelimitedRecord {
  private cut: string[] | undefined;
  constructor(
    readonly line: number,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly delimiter: Delimiter,
    /**
     * Where its cells start: cell q is text[cuts[at + q], cuts[at + q + 1] − 1), for q < n; found by
     * the parser as it reads the line, in one array for the lines of a chunk.
     */
    public cuts: Int32Array,
    readonly at: number,
    /** Its cells. */
    readonly n: number,
  ) {}
  get endLine(): number {
    return this.line;
  }
  get cells(): string[] {
    return (this.cut ??= cutLine(this.text.slice(this.start, this.end), this.delimiter));
  }
}

const NO_CUTS = new Int32Array(0);

/** A line without quotes cut into its cells (long cells as strings of their own, see ownCopy). */
function cutLine(seg: string, delimiter: Delimiter): string[] {
  const cells = seg.split(delimiter);
  for (let j = 0; j < cells.length; j++) if (cells[j]!.length >= OWN_COPY) cells[j] = ownCopy(cells[j]!);
  return cells;
}
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseDelimited(text: string, delimiter: Delimiter, file: string, maxCell: number, maxRecords = Infinity): DelimitedRecord[] {
  return parseFrom(text, 0, 1, delimiter, file, maxCell, maxRecords, true, false).records;
}

interface Parsed {
  records: DelimitedRecord[];
  /** Where the first record not returned starts (the text's length when all was read). */
  pos: number;
  /** Its physical line. */
  line: number;
  /** Set when the text ends inside the record at `pos` (more text is needed to finish it). */
  partial?: { inQuote: boolean; openLine: number; column: number; fieldStart: number; startLine: number };
}

/**
 * Records from `i` on. With `final` false, a record that the text cuts off (no line end yet, a quote
 * not yet closed, a quote or CR as the last character, whose meaning the next character decides) is
 * not returned: `pos` says where it starts, to be read again with more text. With `final` true the
 * text is the whole rest of the file, as parseDelimited reads it.
 */
function parseFrom(text: string, i: number, line: number, delimiter: Delimiter, file: string, maxCell: number, maxRecords: number, final: boolean, spans: boolean): Parsed {
  const d = delimiter.charCodeAt(0);
  const out: DelimitedRecord[] = [];
  const n = text.length;
  // The next quote and the next CR at or after i (-1: none): a line with neither is split natively.
  let quoteAt = -2;
  let crAt = -2;
  // spans: their cells' starts, for the chunk's lines in one array (LineSpan.cuts)
  let cuts = spans ? new Int32Array(Math.max(64, (n - i) >> 2)) : NO_CUTS;
  let cn = 0;
  let made: LineSpan[] | null = null;
  while (i < n && out.length < maxRecords) {
    // fast path: a whole line without quotes and without a CR before its LF (or its CRLF)
    if (quoteAt !== -1 && quoteAt < i) quoteAt = text.indexOf('"', i);
    if (crAt !== -1 && crAt < i) crAt = text.indexOf("\r", i);
    const lf = text.indexOf("\n", i);
    // The chunk's last line, cut off by its end, waits for the next chunk. The slow path below would
    // say the same (its records start again there), but it reads its cells to the end of the text
    // first, and its first read past the end deoptimises this function (twice in a run, 20–30 ms of
    // compiling each time and the scan unoptimised meanwhile). A tail longer than a cell may be is
    // left to the slow path, which refuses an overlong cell at once or follows an open quote.
    if (lf < 0 && !final && n - i <= maxCell) return { records: out, pos: i, line };
    if (lf >= 0 && (quoteAt < 0 || quoteAt > lf) && (crAt < 0 || crAt >= lf - 1)) {
      // a CR just before the LF (crAt −1, none, equals lf − 1 when the LF is the text's first character)
      const end = crAt >= 0 && crAt === lf - 1 ? lf - 1 : lf;
      if (end === i) {
        // a line with nothing on it is not a record (but it is a line)
        i = lf + 1;
        line++;
        continue;
      }
      if (spans && end - i <= maxCell) {
        if (cn + (end - i) + 2 > cuts.length) {
          const more = new Int32Array(Math.max(cuts.length * 2, cn + (end - i) + 2));
          more.set(cuts.subarray(0, cn));
          cuts = more;
          if (made) for (const sp of made) sp.cuts = cuts;
        }
        const at = cn;
        cuts[cn++] = i;
        for (let p = i; p < end; p++) if (text.charCodeAt(p) === d) cuts[cn++] = p + 1;
        cuts[cn++] = end + 1;
        const span = new LineSpan(line, text, i, end, delimiter, cuts, at, cn - at - 1);
        (made ??= []).push(span);
        out.push(span);
        i = lf + 1;
        line++;
        continue;
      }
      const seg = text.slice(i, end);
      const cells = seg.split(delimiter);
      for (let j = 0; j < cells.length; j++) {
        const v = cells[j]!;
        if (v.length >= OWN_COPY) {
          if (v.length > maxCell) refuse("cell_too_long", "reader.cellTooLong", { file, place: `${columnLetter(j)}${line}`, limit: maxCell }, { line, column: columnLetter(j) });
          cells[j] = ownCopy(v);
        }
      }
      out.push({ line, endLine: line, cells });
      i = lf + 1;
      line++;
      continue;
    }
    // a line with nothing on it is not a record (but it is a line)
    const c0 = text.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      if (c0 === CR && i + 1 === n && !final) return { records: out, pos: i, line };
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const recordStart = i;
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      const fieldStart = i;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const col = cells.length;
        let j = i + 1;
        let buf = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || (q + 1 === n && !final)) {
            if (!final) return { records: out, pos: recordStart, line: start, partial: { inQuote: true, openLine, column: col, fieldStart, startLine: start } };
            refuse("quote_unclosed", "reader.quoteUnclosed", { file, line: openLine, column: columnLetter(col) }, { line: openLine, column: columnLetter(col) });
          }
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
        if (j === n && !final) {
          // an unquoted field longer than a cell is refused now: no more text can make it shorter
          if (j - i > maxCell) refuse("cell_too_long", "reader.cellTooLong", { file, place: `${columnLetter(cells.length)}${start}`, limit: maxCell }, { line: start, column: columnLetter(cells.length) });
          return { records: out, pos: recordStart, line: start, partial: { inQuote: false, openLine: line, column: cells.length, fieldStart, startLine: start } };
        }
        value = text.slice(i, j);
        i = j;
      }
      if (value.length > maxCell) refuse("cell_too_long", "reader.cellTooLong", { file, place: `${columnLetter(cells.length)}${start}`, limit: maxCell }, { line: start, column: columnLetter(cells.length) });
      cells.push(value.length >= OWN_COPY ? ownCopy(value) : value);
      if (i >= n) {
        if (!final) return { records: out, pos: recordStart, line: start };
        break;
      }
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      // line end (a CR as the last character may be the first half of CRLF)
      if (c === CR && i + 1 === n && !final) return { records: out, pos: recordStart, line: start };
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    out.push({ line: start, endLine: line, cells });
    line++;
  }
  return { records: out, pos: i, line };
}

/**
 * parseDelimited fed in pieces (a file decoded chunk by chunk): `push` returns the records that are
 * complete, `end` the rest. The records, their lines and every refusal are those parseDelimited gives
 * on the whole text; a quote across a chunk boundary, a CRLF split in two, a field cut in half are
 * read as one. Memory holds one unfinished record; a quoted field that grows past the cell limit
 * before it closes is followed without keeping its text (it can only end in a refusal: too long,
 * text after its closing quote, or never closed).
 */
export class DelimitedStream {
  private pending = "";
  private line = 1;
  private count = 0;
  /** A quoted field past the cell limit, followed to its closing quote. */
  private overlong: { openLine: number; column: number; startLine: number; line: number; quote: boolean; cr: boolean } | null = null;

  constructor(
    readonly delimiter: Delimiter,
    private readonly file: string,
    private readonly maxCell: number,
    private readonly maxRecords = Infinity,
    /** Lines without quotes as LineSpans (records whose cells are cut only when asked). */
    private readonly spans = false,
  ) {}

  get done(): boolean {
    return this.count >= this.maxRecords;
  }

  push(text: string): DelimitedRecord[] {
    return this.read(text, false);
  }

  end(): DelimitedRecord[] {
    return this.read("", true);
  }

  private read(text: string, final: boolean): DelimitedRecord[] {
    if (this.done) return [];
    if (this.overlong) {
      this.follow(text, final);
      return [];
    }
    let all = this.pending.length ? this.pending + text : text;
    let r: Parsed | null = null;
    let before: DelimitedRecord[] = [];
    if (this.pending.length && !final) {
      // The record left over and the new text's first line read on their own, the rest of the text as
      // it came: a string joined to another is read a character at a time through the join, at half
      // the speed. When the left-over record does not end on that line (a quoted line break), the two
      // are read joined, as they always were.
      const lf = text.indexOf("\n");
      if (lf >= 0) {
        const head = this.pending + text.slice(0, lf + 1);
        const r1 = parseFrom(head, 0, this.line, this.delimiter, this.file, this.maxCell, this.maxRecords - this.count, false, this.spans);
        if (r1.pos === head.length && !r1.partial) {
          before = r1.records;
          all = text;
          r = parseFrom(text, lf + 1, r1.line, this.delimiter, this.file, this.maxCell, this.maxRecords - this.count - before.length, final, this.spans);
        }
      }
    }
    r ??= parseFrom(all, 0, this.line, this.delimiter, this.file, this.maxCell, this.maxRecords - this.count, final, this.spans);
    if (before.length) r.records = before.concat(r.records);
    this.count += r.records.length;
    this.line = r.line;
    this.pending = this.done ? "" : all.slice(r.pos);
    const p = r.partial;
    if (p?.inQuote && all.length - p.fieldStart > this.maxCell + 2 + this.maxCell) {
      // the open field holds more than a cell can (its "" pairs counted twice at most)
      const rest = all.slice(p.fieldStart + 1);
      this.pending = "";
      this.overlong = { openLine: p.openLine, column: p.column, startLine: p.startLine, line: p.openLine, quote: false, cr: false };
      this.follow(rest, final);
    }
    return r.records;
  }

  /** Scan an overlong quoted field for its end; every way it ends is a refusal. */
  private follow(text: string, final: boolean): void {
    const o = this.overlong!;
    const d = this.delimiter.charCodeAt(0);
    const col = columnLetter(o.column);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (o.quote) {
        o.quote = false;
        if (c === QUOTE) continue; // "" inside the field
        // the field closed at the quote before this character
        if (c !== d && c !== LF && c !== CR) refuse("quote_stray", "reader.quoteStray", { file: this.file, line: o.line, column: col }, { line: o.line, column: col });
        this.tooLong();
      }
      if (c === QUOTE) {
        o.quote = true;
        o.cr = false;
      } else if (c === LF) {
        if (!o.cr) o.line++;
        o.cr = false;
      } else if (c === CR) {
        o.line++;
        o.cr = true;
      } else o.cr = false;
    }
    if (final) {
      if (o.quote) this.tooLong();
      refuse("quote_unclosed", "reader.quoteUnclosed", { file: this.file, line: o.openLine, column: col }, { line: o.openLine, column: col });
    }
  }

  private tooLong(): never {
    const o = this.overlong!;
    return refuse("cell_too_long", "reader.cellTooLong", { file: this.file, place: `${columnLetter(o.column)}${o.startLine}`, limit: this.maxCell }, { line: o.startLine, column: columnLetter(o.column) });
  }
}

/**
 * A cell as a string of its own. V8 makes a substring of 13 characters or more a view into the text it
 * was cut from: a cell kept for long (a distinct value remembered by the columnar validator, a claim id
 * in the audit's duplicate check) would keep the whole decoded chunk alive, megabytes for a few
 * characters, and a stream's memory would grow with the file. Shorter substrings are copies already.
 */
const OWN_COPY = 13;
function ownCopy(s: string): string {
  return (" " + s).slice(1);
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
