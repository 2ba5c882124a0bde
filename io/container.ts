/**
 * What is known of a file before it is read as a workbook: what its first bytes say it is (a zip, an
 * old Office file), bytes read by position, an archive entry's limit and a host inflater's failure,
 * and the cell a workbook can hold that is not a value (a formula saved without one). Apart from the
 * zip reader (io/zip.ts, which loads fflate) and the .xlsx reader, so that reading a CSV loads neither.
 */

/** Default largest uncompressed size of one zip entry (a sheet's XML): 1 GiB. */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

/**
 * Bytes read by position: the whole file in memory, or a file read where it is needed (the CLI's
 * streaming reader: the central directory at the end, then each part's compressed bytes in steps),
 * so that memory never holds the file. `read` may return fewer bytes only at the end of the file.
 */
export interface ByteSource {
  readonly size: number;
  read(pos: number, len: number): Uint8Array;
}

/** A ByteSource over bytes in memory. */
export function bytesSource(b: Uint8Array): ByteSource {
  return { size: b.length, read: (pos, len) => b.subarray(pos, Math.min(b.length, pos + len)) };
}

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle2(b: Uint8Array): boolean {
  return OLE2.every((x, i) => b[i] === x);
}

/**
 * A host's raw inflater, for an entry read as a stream (the command line: Node's zlib in cli/nodeZip.ts,
 * native code on libuv's threads, so that inflating a sheet overlaps parsing it): the compressed bytes
 * go in, in steps, the inflated bytes come out, in order, with memory bounded by the stream's buffers;
 * it rejects on corrupt data, a stream cut short included. Without one, fflate inflates (the same code
 * in Node, the browser and a Worker).
 */
export type PartInflater = (compressed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/** What a PartInflater throws for corrupt data (refused as a broken zip; any other error is passed on). */
export class CorruptEntry extends Error {
  override name = "CorruptEntry";
}

/** A formula cell the file holds without a calculated value (saved by a program that does not calculate). */
export class UncalculatedFormula {
  constructor(readonly formula: string) {}
}
