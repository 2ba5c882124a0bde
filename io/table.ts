/**
 * From the rows of a file (CSV lines or sheet rows, each with the number a user sees) to the claims
 * table the validator reads: the header row found by matching known claim fields (title rows and a
 * group row above it, vertically merged header cells), units in headers and above them, the user's
 * column map, and the checks that make a file refused rather than misread: two columns for one field,
 * data in a column without a header, a unit other than 元 stated above the header, formulas without a
 * value, rows whose width differs from the header's. Pure: no Node, DOM or Office API.
 */
import { headerInfo, FIELD_BY_NAME, FIELDS, MONEY_UNITS } from "../src/claim/fields";
import { normaliseToken } from "../src/claim/enums";
import { msg, joinList, joinListTexts, joinTexts } from "../src/messages";
import type { Problem } from "../src/problem";
import type { Text } from "../src/text";
import { columnIndex, columnLetter, refuse } from "./errors";
import { LineSpan } from "./delimited";
import { UncalculatedFormula } from "./container";
import type { Merge } from "./xlsxRead";
import { isResultHeader } from "../src/audit/reportHeader";
import { SERIAL_1904_TO_1900 } from "../src/dates";

/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 50;
/** Known fields a row must name to be the header. */
export const HEADER_MIN_FIELDS = 3;

export interface GridRow {
  /** The number a user sees: physical line (text) or sheet row (.xlsx). */
  line: number;
  /** Last physical line of a CSV record (a quoted line break makes it > line). */
  endLine?: number;
  cells: unknown[];
}

export interface Column {
  index: number;
  letter: string;
  /** The header as the file has it ("" when blank). */
  header: string;
  /** The canonical field it gives, or null (unknown, blank or ignored). */
  field: string | null;
  /** Mapped by the user (--map or the pane). */
  mapped: boolean;
  /** Yuan per unit of the column (千元 1 000, 万元 10 000). */
  scale: number;
  unit?: string;
}

export interface ClaimRow {
  line: number;
  label: string;
  cells: unknown[];
  /** A reader problem of this row (its width): the row is reported as an error, not validated. */
  problem?: Problem;
}

/** A claims-table row that is a line of text not cut into cells (LineSpan): its cells are cut when asked. */
export class SpanRow implements ClaimRow {
  constructor(
    readonly line: number,
    readonly span: LineSpan,
    readonly problem: Problem | undefined,
  ) {}
  get cells(): unknown[] {
    return this.span.cells;
  }
  /** `row 12`, as row() labels a row: made when asked (only a row that fails shows it). */
  get label(): string {
    return `row ${this.line}`;
  }
}

/**
 * A batch of rows as the columnar validator takes them: the cells of each row, or, for a line not cut
 * into cells, its span in their place (src/claim/columnar.ts TextSpan: read in place); no spans when
 * no row is one.
 */
export function cellsOrSpans(rows: readonly { readonly cells: readonly unknown[] }[]): { cells: (readonly unknown[] | undefined)[]; spans: (LineSpan | undefined)[] | undefined } {
  const cells = rows.map((r) => (r instanceof SpanRow ? undefined : r.cells));
  const spans = rows.some((r) => r instanceof SpanRow) ? rows.map((r) => (r instanceof SpanRow ? r.span : undefined)) : undefined;
  return { cells, spans };
}

export interface ClaimTable {
  headerLine: number;
  columns: Column[];
  /** The header to give rowValidator: a column's header text, or null for a column not read. */
  header: (string | null)[];
  rows: ClaimRow[];
  /** Notes for the summary: ignored columns, units read, sheets skipped. */
  notes: Text[];
}

export interface TableOptions {
  file: string;
  /** Where the grid comes from, for places: "Sheet1" for a sheet, undefined for text. */
  sheet?: string;
  /** Text files: every record must have the header's width. */
  strictWidth: boolean;
  /** Text files: the delimiter (a quoted cell holding line breaks and a whole row's delimiters swallowed rows). */
  delimiter?: string;
  merges?: readonly Merge[];
  /** Column letter or header text → field (canonical name, label or header) or null to ignore. */
  map?: Readonly<Record<string, string | null>>;
  /**
   * A workbook in the 1904 date system (<workbookPr date1904="1"/>). Its date-formatted cells come as
   * dates already (io/xlsxRead.ts); a plain number in a date column is a 1904 serial too, as the add-in
   * reads it there (src/dates.ts SERIALS), and is handed on as the 1900 serial of the same day.
   */
  date1904?: boolean;
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" && Number.isFinite(v) ? String(v) : "");

/** How many distinct claim fields the cells of a row name. */
export function headerScore(cells: readonly unknown[]): number {
  const seen = new Set<string>();
  for (const c of cells) {
    const t = text(c);
    if (t === "" || t.length > 80) continue;
    const h = headerInfo(t);
    if (h) seen.add(h.def.name);
  }
  return seen.size;
}

/** The index in `rows` of the header row, or -1. */
export function findHeader(rows: readonly GridRow[]): number {
  let best = -1;
  let score = HEADER_MIN_FIELDS - 1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const s = headerScore(rows[i]!.cells);
    if (s > score) (best = i), (score = s);
  }
  return best;
}

/**
 * Words of the input format itself (data, never translated: a translation would change what a
 * file or a command line is read as): the --map targets meaning "ignore this column", and the
 * header a mapped column gets so that its unit is read as a header states it (total（万元）).
 */
const INPUT_WORDS = {
  ignore: ["-", "ignore", "忽略", ""] as readonly string[],
  withUnit: (field: string, unit: string) => `${field}（${unit}）`,
};

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A cell's address as Excel shows it: Sheet1!R5, or R5 in a text file opened in Excel. */
function place(o: TableOptions, line: number, col: number): string {
  return o.sheet !== undefined ? `${o.sheet}!${columnLetter(col)}${line}` : `${columnLetter(col)}${line}`;
}

/** A field named by --map's right-hand side: a canonical name, an English label or any header. */
function mapTarget(t: string): string | null | undefined {
  const k = normaliseToken(t);
  if (INPUT_WORDS.ignore.includes(k)) return null;
  if (FIELD_BY_NAME.has(t.trim())) return t.trim();
  const byLabel = FIELDS.find((f) => normaliseToken(f.label.en) === k || normaliseToken(f.name) === k);
  if (byLabel) return byLabel.name;
  return headerInfo(t)?.def.name;
}

/**
 * The claims table of a grid whose header is rows[h]. Throws a ReaderError for a file that cannot be
 * read as the person meant.
 */
export function buildTable(rows: readonly GridRow[], h: number, o: TableOptions): ClaimTable {
  let width = rows[h]!.cells.length;
  if (!o.strictWidth) for (const r of rows.slice(h + 1)) width = Math.max(width, r.cells.length);
  const t = new TableBuilder(rows.slice(0, h + 1), width, o);
  const out = rows.slice(h + 1).map((r) => t.row(r));
  return { ...t.finish(), rows: out };
}

/**
 * buildTable a row at a time, for a file read as a stream: the header (and the rows above it) first,
 * then each data row, then `finish` for the refusals that need every row (formulas without a value,
 * data without a header, a file with only a header) and the notes. The same checks in the same order:
 * a row that a quoted line break swallowed is refused as it comes.
 */
export class TableBuilder {
  readonly headerLine: number;
  readonly columns: Column[];
  readonly header: (string | null)[];
  /** Data rows seen. */
  count = 0;
  private readonly orphan = new Map<number, number>();
  private formulas = 0;
  private firstFormula = "";
  private anyData = false;
  /** 1 for a column with a header (or mapped): a value in any other column is data without a header. */
  private readonly headed: Uint8Array;
  /** Every column has a header (or is mapped). */
  private readonly allHeaded: boolean;
  /** A 1904 workbook's date columns (TableOptions.date1904); none otherwise. */
  private readonly dateColumns: readonly number[];

  constructor(
    headAndAbove: readonly GridRow[],
    private width: number,
    private readonly o: TableOptions,
  ) {
    const head = headAndAbove[headAndAbove.length - 1]!;
    const above = headAndAbove.slice(0, -1);
    this.headerLine = head.line;
    // A header cell saved as a formula without its value (a script's ="参保地"): Excel shows the header,
    // the file holds none. Counted with the data's formulas, so the file is refused for that reason and
    // the place, not for data in a column without a header.
    head.cells.forEach((c, j) => {
      if (c instanceof UncalculatedFormula && this.formulas++ === 0) this.firstFormula = place(o, head.line, j);
    });

    // A unit stated above the header (a title row's 单位：万元, a group cell 费用（万元）) is refused unless it is 元.
    for (const r of above)
      r.cells.forEach((c, j) => {
        const t = text(c);
        if (!t) return;
        const m = /单位\s*[:：]\s*([千万百亿]?元|美元|分|角)(?![\u4e00-\u9fff])/.exec(t) ?? /[（(【\[]\s*([千万百亿]?元|美元)\s*[)）】\]]\s*$/.exec(t);
        if (m && MONEY_UNITS[normaliseToken(m[1]!)] !== 1) refuse("unit_above", "reader.unitAbove", { file: o.file, place: place(o, r.line, j), unit: m[1]! });
      });

    // The header text of each column: the header row's cell, or, when that is blank, a known field
    // name directly above it (a header cell merged down over two header rows).
    const headers: string[] = [];
    for (let j = 0; j < width; j++) {
      let t = text(head.cells[j]);
      if (t === "") {
        const merge = o.merges?.find((m) => m.left <= j && j <= m.right && m.top < head.line && head.line <= m.bottom);
        const topRow = merge ? above.find((r) => r.line === merge.top) : above.find((r) => r.line === head.line - 1);
        const up = topRow ? text(topRow.cells[merge ? merge.left : j]) : "";
        if (up && headerInfo(up) && (merge ? merge.left === j || merge.left === merge.right : true)) t = up;
      }
      headers.push(t);
    }

    // an audit report this tool wrote, given back as claims: its amounts are recomputed ones, which
    // the columns' names (起付线, 大病保险 …) would have read as claimed
    if (isResultHeader(headers)) refuse("own_report", "reader.ownReport", { file: o.file, line: head.line });

    // The user's map: by column letter, or by header text.
    const map = o.map ?? {};
    const mapped = new Map<number, string | null>();
    for (const [key, target] of Object.entries(map)) {
      const byLetter = /^[A-Z]{1,3}$/.test(key) ? columnIndex(key) : -1;
      const js = byLetter >= 0 && byLetter < width ? [byLetter] : headers.flatMap((x, j) => (x === key.trim() ? [j] : []));
      if (!js.length) refuse("map_column", "reader.mapColumn", { column: key });
      const field = target === null ? null : mapTarget(target);
      if (field === undefined) refuse("map_target", "reader.mapTarget", { column: key, target: String(target) });
      for (const j of js) mapped.set(j, field);
    }

    const columns: Column[] = headers.map((header, j) => {
      const letter = columnLetter(j);
      if (mapped.has(j)) {
        const field = mapped.get(j)!;
        const info = header ? headerInfo(header) : undefined;
        const keep = info && info.def.name === field;
        return { index: j, letter, header, field, mapped: true, scale: keep ? info.scale : 1, unit: keep ? info.unit : undefined };
      }
      const info = header ? headerInfo(header) : undefined;
      if (info?.badUnit !== undefined) refuse("bad_unit", "reader.badUnit", { file: o.file, column: letter, header, unit: info.badUnit });
      return { index: j, letter, header, field: info?.def.name ?? null, mapped: false, scale: info?.scale ?? 1, unit: info?.unit };
    });

    // Two columns for one field.
    const byField = new Map<string, Column[]>();
    for (const c of columns) if (c.field) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
    const dups = [...byField.values()].filter((cs) => cs.length > 1);
    if (dups.length)
      refuse("duplicate_columns", "reader.duplicateColumns", {
        file: o.file,
        columns: joinTexts(
          dups.map((cs) => {
            const named = cs.map((c) => msg("reader.columnNamed", { column: c.letter, header: c.header }));
            return msg("reader.sameField", { some: joinListTexts(named.slice(0, -1)), last: named[named.length - 1]! });
          }),
        ),
        example: dups[0]![1]!.letter,
      });
    this.columns = columns;
    this.dateColumns = o.date1904 ? columns.filter((c) => c.field && FIELD_BY_NAME.get(c.field)?.kind === "date").map((c) => c.index) : [];
    this.headed = Uint8Array.from(columns, (c) => (c.header === "" && !c.mapped ? 0 : 1));
    this.allHeaded = this.headed.every((h) => h === 1);
    this.header = columns.map((c) => {
      if (!c.field) return null;
      if (!c.mapped) return c.header;
      // a mapped column keeps its unit: "total（万元）"
      return c.unit && c.scale !== 1 ? INPUT_WORDS.withUnit(c.field, c.unit) : c.field;
    });
  }

  /** A refusal only the end can finish saying is already certain (a formula without a value, data without a header). */
  get doomed(): boolean {
    return this.formulas > 0 || this.orphan.size > 0;
  }

  /** One data row: its claims-table row (a width problem as the row's own error), or a refusal. */
  row(r: GridRow): ClaimRow {
    if (r instanceof LineSpan) return this.spanRow(r);
    const o = this.o;
    const width = this.width;
    const cells = r.cells;
    this.count++;
    // a 1904 workbook's plain numbers in date columns, as 1900 serials (a negative one is no date in
    // that system, and stays one the validator refuses)
    for (let q = 0; q < this.dateColumns.length; q++) {
      const j = this.dateColumns[q]!;
      const v = cells[j];
      if (typeof v === "number" && v >= 0) (cells as unknown[])[j] = v + SERIAL_1904_TO_1900;
    }
    let blankCells = true;
    const headed = this.headed;
    for (let j = 0; j < cells.length; j++) {
      const v = cells[j];
      // text cells (every cell of a CSV): blank, or a value in a column with or without a header
      if (typeof v === "string") {
        const c0 = v.charCodeAt(0);
        // a first character that is printable ASCII is never trimmed: not blank, without trimming
        if (v.length === 0 || ((c0 <= 32 || c0 >= 0xa0) && v.trim() === "")) continue;
        blankCells = false;
        if (headed[j] !== 1 && !this.orphan.has(j)) this.orphan.set(j, r.line);
        continue;
      }
      if (v instanceof UncalculatedFormula) {
        if (!this.formulas) this.firstFormula = place(o, r.line, j);
        this.formulas++;
        blankCells = false;
        continue;
      }
      if (blank(v)) continue;
      blankCells = false;
      const c = this.columns[j];
      if ((!c || (c.header === "" && !c.mapped)) && !this.orphan.has(j)) this.orphan.set(j, r.line);
    }
    if (!blankCells) this.anyData = true;
    let problem: Problem | undefined;
    if (o.delimiter && r.endLine !== undefined && r.endLine > r.line)
      for (const v of cells)
        if (typeof v === "string" && /[\r\n]/.test(v) && v.split(o.delimiter).length >= width)
          refuse("quote_spans_rows", "reader.quoteSpansRows", { file: o.file, line: r.line, endLine: r.endLine, got: cells.length, want: width });
    if (o.strictWidth && cells.length !== width && !(cells.length > width && cells.slice(width).every(blank)) && !blankCells) {
      if (r.endLine !== undefined && r.endLine > r.line) refuse("quote_spans_rows", "reader.quoteSpansRows", { file: o.file, line: r.line, endLine: r.endLine, got: cells.length, want: width });
      problem = { code: "row_width", kind: "input", message: msg("reader.widthMismatch", { line: r.line, got: cells.length, want: width }) };
    }
    return { line: r.line, label: `row ${r.line}`, cells: cells.length > width ? cells.slice(0, width) : cells, problem };
  }

  /**
   * A line not cut into cells (LineSpan), read as row() reads its cells: the same blank cells, data
   * without a header and width problem, from the text in place. A line wider than the header is cut
   * (its row holds the header's width of cells, as row() gives it).
   */
  private spanRow(r: LineSpan): ClaimRow {
    const t = r.text;
    const cut = r.cuts;
    const at = r.at;
    const j = r.n;
    const width = this.width;
    const headed = this.headed;
    this.count++;
    let blankCells = true;
    let blankPast = true;
    // every cell is looked at only where it matters: the first with a value makes the row not blank, and
    // only cells in a column without a header (or past the header's width) can be data without one
    const all = j <= width && this.allHeaded;
    for (let q = 0; q < j; q++) {
      if (all && !blankCells) break;
      const a = cut[at + q]!;
      const b = cut[at + q + 1]! - 1;
      if (b === a) continue;
      const c0 = t.charCodeAt(a);
      // as row(): a first character that is printable ASCII is never trimmed
      if ((c0 <= 32 || c0 >= 0xa0) && t.slice(a, b).trim() === "") continue;
      blankCells = false;
      if (q >= width) blankPast = false;
      if (headed[q] !== 1 && !this.orphan.has(q)) this.orphan.set(q, r.line);
    }
    if (!blankCells) this.anyData = true;
    let problem: Problem | undefined;
    if (this.o.strictWidth && j !== width && !(j > width && blankPast) && !blankCells)
      problem = { code: "row_width", kind: "input", message: msg("reader.widthMismatch", { line: r.line, got: j, want: width }) };
    if (j > width) return { line: r.line, label: `row ${r.line}`, cells: r.cells.slice(0, width), problem };
    return new SpanRow(r.line, r, problem);
  }

  /** After the last row: the refusals that need every row, then the table's notes. */
  finish(): Omit<ClaimTable, "rows"> {
    const o = this.o;
    if (this.formulas) refuse("formula_uncalculated", "reader.formulaUncalculated", { file: o.file, place: this.firstFormula, count: this.formulas });
    if (this.orphan.size) {
      const list = [...this.orphan].map(([j, line]) => msg("reader.columnFromRow", { column: columnLetter(j), line }));
      refuse("data_without_header", "reader.dataWithoutHeader", {
        file: o.file,
        columns: joinListTexts(list),
        example: columnLetter([...this.orphan.keys()][0]!),
      });
    }
    if (!this.anyData) refuse("only_header", "reader.onlyHeader", { file: o.file, line: this.headerLine });
    const notes: Text[] = [];
    const unknown = this.columns.filter((c) => c.header !== "" && c.field === null && !c.mapped);
    if (unknown.length) {
      const names = unknown.map((c) => `${c.letter} ${c.header}`);
      notes.push(msg("reader.ignoredColumns", { columns: { zh: joinList("zh", names), en: joinList("en", names) } }));
    }
    for (const c of this.columns) if (c.field && c.scale !== 1) notes.push(msg("reader.columnUnit", { column: c.letter, header: c.header, unit: c.unit!, scale: String(c.scale) }));
    return { headerLine: this.headerLine, columns: this.columns, header: this.header, notes };
  }
}
