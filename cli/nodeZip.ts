/**
 * A zip part deflated by Node's zlib (native code) instead of fflate's JavaScript: for the command
 * line's .xlsx reports, where deflating was a fifth of a 100 000-row audit's time.
 *
 * The part's bytes come in pieces (the writer's 64 KiB batches). Each piece is deflated on its own and
 * ends with a full flush (byte-aligned, no final block); the last with a finish. Raw deflate streams
 * joined this way are one valid deflate stream (blocks follow blocks; none refers back past its own
 * piece), which is how parallel compressors such as pigz join theirs; a piece only loses the previous
 * piece's 32 KiB window, a few percent of size. Synchronous, so the report still goes out in order.
 */
import { Readable, pipeline } from "node:stream";
import { constants, crc32, createInflateRaw, deflateRawSync } from "node:zlib";
import type { ZipInputFile } from "fflate";
import { CorruptEntry } from "../io/zip";

export class NodeZipDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata?: ZipInputFile["ondata"];

  constructor(
    readonly filename: string,
    private readonly level: number,
  ) {}

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    const out = deflateRawSync(chunk, { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
    this.ondata!(null, out, final);
  }
}

/** The parts of an XlsxStreamWriter deflated natively. */
export const nodeDeflater = (filename: string, level: number) => new NodeZipDeflate(filename, level);

/**
 * An .xlsx sheet inflated by Node's zlib as a stream (io/zip.ts PartInflater): native code on libuv's
 * threads instead of fflate's JavaScript, so the main thread parses one piece of the sheet's XML while
 * the next is inflated. The compressed steps are pulled as the stream asks for them and the output
 * waits in the stream's buffer (INFLATE_CHUNK each, a few at most) until the reader takes it: memory
 * stays bounded whatever the sheet's size.
 */
export const INFLATE_CHUNK = 1 << 18;

export async function* nodeInflater(compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const z = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  // the steps are read one at a time (highWaterMark 1 byte: no read-ahead); errors reach the loop below
  pipeline(Readable.from(compressed, { objectMode: false, highWaterMark: 1 }), z, () => {});
  try {
    for await (const c of z) yield c as Uint8Array;
  } catch (e) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR: "unexpected end of file") say the entry is corrupt;
    // any other (a read that failed, Ctrl-C) is passed on as it is
    if (typeof (e as { code?: unknown }).code === "string" && /^Z_/.test((e as { code: string }).code)) throw new CorruptEntry((e as Error).message);
    throw e;
  } finally {
    z.destroy();
  }
}
