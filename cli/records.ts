/**
 * JSON lines records as the rows of one growing table, so that settle and audit validate them
 * column-wise like a CSV's rows: the header is every key seen so far, in the order keys first appear
 * (a key new in a later record adds a column at the end), and a record's cells are its values under
 * that header (null where it has no such key).
 */
import { FIELD_BY_NAME, fieldForHeader } from "../src/claim/fields";
import { blankRow, validateClaim, type RawRecord, type Validation } from "../src/claim/validate";
import { guarded } from "./common";
import { ColumnarValidator } from "../src/claim/columnar";

export class RecordTable {
  private readonly index = new Map<string, number>();
  /** The header: every key seen, in the order first seen. A new array when it grows. */
  header: string[] = [];
  /** Per key: the field it names (null: none), learnt once. */
  private readonly field = new Map<string, string | null>();

  /** Take the records' keys into the header; true when it grew. */
  add(records: readonly (RawRecord | undefined)[]): boolean {
    let grew = false;
    for (const r of records) {
      if (!r) continue;
      for (const k in r)
        if (!this.index.has(k)) {
          this.index.set(k, this.index.size);
          grew = true;
        }
    }
    if (grew) {
      this.header = [...this.index.keys()];
      this.columnar = null;
    }
    return grew;
  }

  private columnar: ColumnarValidator | null = null;
  /** The column-wise validator of the header as it is now. */
  validator(): ColumnarValidator {
    return (this.columnar ??= new ColumnarValidator(this.header));
  }

  /** A record's values under the header (after add). */
  cells(r: RawRecord): unknown[] {
    const out: unknown[] = new Array(this.header.length).fill(null);
    for (const k in r) out[this.index.get(k)!] = r[k];
    return out;
  }

  /**
   * Does validating the record as a row under the header say what validating the record itself says?
   * Not when two of its keys name one field (which of them is "first" is the record's order, not the
   * header's) or a key has spaces around it (a header is trimmed, a record's key is not): such records
   * are validated one by one.
   */
  readsAsRow(r: RawRecord): boolean {
    let seen: string[] | null = null;
    for (const k in r) {
      let f = this.field.get(k);
      if (f === undefined) {
        f = (FIELD_BY_NAME.get(k) ?? fieldForHeader(k))?.name ?? null;
        if (k.trim() !== k) f = "\u0000spaces";
        this.field.set(k, f);
      }
      if (f === null) continue;
      if (f === "\u0000spaces") return false;
      if (seen === null) seen = [f];
      else if (seen.includes(f)) return false;
      else seen.push(f);
    }
    return true;
  }
}

/**
 * A record whose cells under the header are all blank, as validating it alone answers it (a table
 * skips a blank row; a JSON line with nothing in it is a record refused), or null when it has a value.
 */
export function blankRecord(cells: readonly unknown[], record: RawRecord, label: string): Validation | null {
  return blankRow(cells) ? guarded(() => validateClaim(record, label), label) : null;
}
