/**
 * Bytes → text, with the encoding found from the bytes themselves: a BOM (UTF-8, UTF-16LE, UTF-16BE),
 * else UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese
 * Excel on Windows saves as "CSV") when they are valid GB18030. Anything else is refused: a file is
 * never decoded as garbage. Text with NUL characters (UTF-16 without a BOM, or a binary file) is
 * refused too. TextDecoder does the decoding, in Node and in browsers alike.
 *
 * (Issue 11 streams large files: the same decision works on a first chunk — BOM, else a fatal UTF-8
 * decoder that stops at the first invalid byte — with `TextDecoder(label, { fatal: true })` fed
 * chunk by chunk with `{ stream: true }`.)
 */
import { brokenReason, ReaderError, refuse } from "./errors";

export type Encoding = "UTF-8" | "UTF-8 (BOM)" | "UTF-16LE" | "UTF-16BE" | "GB18030";

const LABEL: Record<Encoding, string> = { "UTF-8": "utf-8", "UTF-8 (BOM)": "utf-8", "UTF-16LE": "utf-16le", "UTF-16BE": "utf-16be", GB18030: "gb18030" };

function bomOf(b: Uint8Array): { encoding: Encoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "UTF-8 (BOM)", skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "UTF-16LE", skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "UTF-16BE", skip: 2 };
  return null;
}

function valid(label: string, b: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The encoding of a whole file's bytes. */
export function detectEncoding(b: Uint8Array, file: string): Encoding {
  const bom = bomOf(b);
  if (bom) return bom.encoding;
  if (valid("utf-8", b)) return "UTF-8";
  if (valid("gb18030", b)) return "GB18030";
  return refuse("encoding_unknown", "reader.encodingUnknown", { file });
}

/** Decode a whole file; the text never starts with a BOM. */
export function decodeText(b: Uint8Array, file: string): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(b, file);
  const bom = bomOf(b);
  const text = new TextDecoder(LABEL[encoding], { fatal: true }).decode(bom ? b.subarray(bom.skip) : b);
  const nul = text.indexOf("\u0000");
  if (nul >= 0) refuse("nul_bytes", "reader.nulBytes", { file, line: lineAt(text, nul) });
  return { text, encoding };
}

function lineAt(text: string, at: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The same decision made on a stream of chunks (a file read in pieces, or stdin): a BOM in the first
 * bytes; else, at the first chunk holding a byte above 0x7f (everything before is ASCII, which UTF-8
 * and GB18030 read alike), UTF-8 when that chunk is valid UTF-8, else GB18030 when it is valid
 * GB18030, else refused. The chosen decoder is fatal: a byte sequence later in the file that is not
 * valid in the chosen encoding stops the read with the same refusal, never a replacement character.
 * (A file that starts as valid UTF-8 and turns into GBK further down is therefore refused, where the
 * whole-file reader would have read all of it as GB18030, the first part wrongly.)
 */
export class StreamDecoder {
  encoding: Encoding | null = null;
  private dec: TextDecoder | null = null;
  private head = new Uint8Array(0);
  private bomChecked = false;
  private ascii = new TextDecoder("utf-8");
  /**
   * The first NUL character's refusal, kept rather than thrown: the whole-file reader checks the
   * encoding of every byte first, so a broken byte further on is the file's refusal, not the NUL.
   */
  nul: ReaderError | null = null;
  /** Lines ("\n") decoded so far, for the place of a NUL character. */
  private lines = 1;

  constructor(private readonly file: string) {}

  /** Text of the next chunk (possibly "" while the first bytes are gathered). */
  push(b: Uint8Array): string {
    if (!this.bomChecked) {
      // a BOM is at most 3 bytes: gather them before deciding
      const all = this.head.length ? concat(this.head, b) : b;
      if (all.length < 3) {
        this.head = all.slice();
        return "";
      }
      this.head = new Uint8Array(0);
      this.bomChecked = true;
      const bom = bomOf(all);
      if (bom) {
        this.encoding = bom.encoding;
        this.dec = new TextDecoder(LABEL[bom.encoding], { fatal: true });
        return this.text(all.subarray(bom.skip), false);
      }
      b = all;
    }
    return this.text(b, false);
  }

  /** The rest of the text at the end of the input. */
  end(): string {
    if (!this.bomChecked) {
      this.bomChecked = true;
      const all = this.head;
      const bom = bomOf(all);
      if (bom) {
        this.encoding = bom.encoding;
        this.dec = new TextDecoder(LABEL[bom.encoding], { fatal: true });
        return this.text(all.subarray(bom.skip), true);
      }
      return this.text(all, true);
    }
    return this.text(new Uint8Array(0), true);
  }

  private text(b: Uint8Array, final: boolean): string {
    let s: string;
    if (!this.dec) {
      let high = -1;
      for (let i = 0; i < b.length; i++)
        if (b[i]! > 0x7f) {
          high = i;
          break;
        }
      if (high < 0) s = this.ascii.decode(b, { stream: !final });
      else {
        // decide on this chunk: UTF-8 if it is valid UTF-8 (a sequence cut at its end is fine), else GB18030.
        // ignoreBOM: a decoder strips a U+FEFF at the start of what it decodes first, but the file's own
        // BOM, if it has one, was found by bomOf: a U+FEFF at this chunk's start is the text's, and the
        // whole-file decoder keeps it
        const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
        try {
          s = utf8.decode(b, { stream: !final });
          this.dec = utf8;
          this.encoding = "UTF-8";
        } catch {
          const gb = new TextDecoder("gb18030", { fatal: true, ignoreBOM: true });
          try {
            s = gb.decode(b, { stream: !final });
          } catch {
            return refuse("encoding_unknown", "reader.encodingUnknown", { file: this.file });
          }
          this.dec = gb;
          this.encoding = "GB18030";
        }
      }
      if (final && !this.encoding) this.encoding = "UTF-8";
    } else {
      try {
        s = this.dec.decode(b, { stream: !final });
      } catch {
        // a BOM file whose bytes are broken is the whole-file reader's "broken" refusal; a detected
        // encoding that fails later is the file whose encoding cannot be known
        if (this.encoding === "UTF-16LE" || this.encoding === "UTF-16BE" || this.encoding === "UTF-8 (BOM)")
          return refuse("broken", "reader.broken", { file: this.file, reason: brokenReason(undefined) });
        return refuse("encoding_unknown", "reader.encodingUnknown", { file: this.file });
      }
    }
    if (!this.nul) {
      const at = s.indexOf("\u0000");
      if (at >= 0) this.nul = new ReaderError("nul_bytes", "reader.nulBytes", { file: this.file, line: this.lines + lineAt(s, at) - 1 });
    }
    for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) this.lines++;
    return s;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
