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
import { refuse } from "./errors";

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
