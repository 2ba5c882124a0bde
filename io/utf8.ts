/**
 * Bytes written straight into buffers: the report writers' one set of tools (io/xlsxStream.ts, io/csv.ts
 * CsvBytes, cli/settle.ts SettleLines): UTF-8 text, fixed pieces, and buffers handed on when full.
 */

/** A string of ASCII characters as bytes (a writer's fixed pieces: tags, keys). */
export function asciiBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/**
 * Copy a fixed piece; the position after it. TypedArray#set costs about 16 ns whatever the length and a
 * byte loop about 2.6 ns a byte (measured here, Node 20): the loop for pieces of up to 6 bytes, set above.
 */
export function bytesAt(b: Uint8Array, at: number, bytes: Uint8Array): number {
  if (bytes.length > 6) b.set(bytes, at);
  else for (let i = 0; i < bytes.length; i++) b[at + i] = bytes[i]!;
  return at + bytes.length;
}

/**
 * Bytes gathered into large buffers and handed on when the next write would not fit, and by `flush`.
 * What is handed on is the receiver's: it is never written again. After a flush the sink goes on
 * writing behind it in the same buffer (a batch's flush hands on a tenth of a buffer: a new buffer
 * per flush was a megabyte allocated and zeroed per 1 024 rows); a new buffer comes when this one is
 * full. A writer makes room before it writes: a byte written past a typed array's end would be
 * dropped without a word.
 */
export class ByteSink {
  protected buf: Uint8Array;
  protected at = 0;
  /** Where the bytes not yet handed on begin. */
  private start = 0;

  constructor(
    private readonly out: (bytes: Uint8Array) => void,
    private readonly size = 1 << 20,
  ) {
    this.buf = new Uint8Array(size);
  }

  /** Room for n more bytes (what is written handed on first when they would not fit). */
  protected room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.flush();
    this.buf = new Uint8Array(Math.max(n, this.size));
    this.at = this.start = 0;
  }

  /** Hand on what is written. */
  flush(): void {
    if (this.at === this.start) return;
    this.out(this.buf.subarray(this.start, this.at));
    this.start = this.at;
  }
}

/**
 * s as UTF-8 at b[at…] (room for 3 bytes per UTF-16 unit is the caller's); the position after it. As
 * TextEncoder writes it: a surrogate pair as its code point's four bytes, a lone surrogate as U+FFFD.
 * A loop rather than TextEncoder#encodeInto: the texts are a few characters long, most of them ASCII.
 */
export function utf8At(b: Uint8Array, at: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      b[at++] = c;
      continue;
    }
    if (c < 0x800) {
      b[at++] = 0xc0 | (c >> 6);
      b[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        b[at++] = 0xf0 | (cp >> 18);
        b[at++] = 0x80 | ((cp >> 12) & 0x3f);
        b[at++] = 0x80 | ((cp >> 6) & 0x3f);
        b[at++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    b[at++] = 0xe0 | (c >> 12);
    b[at++] = 0x80 | ((c >> 6) & 0x3f);
    b[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}
