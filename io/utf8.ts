/** Text written as UTF-8 straight into a byte buffer: the report writers' one encoder (io/xlsxStream.ts, io/csv.ts CsvBytes). */

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
