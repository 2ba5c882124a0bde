/**
 * Standalone mode's results as a file the user downloads: a blob URL, never a network request. The
 * download holds the sheets the user asked for (this run's, unless they ask for every result sheet
 * of the session), never the input file.
 */
import type { FileWorkbook } from "./workbook/file";

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadBytes(bytes: Uint8Array, fileName: string, type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): void {
  downloadBlob(new Blob([bytes as BlobPart], { type }), fileName);
}

/** The named result sheets of a standalone workbook on this thread (all of them when `names` is omitted) as one .xlsx. */
export async function resultBytes(wb: FileWorkbook, names?: readonly string[]): Promise<Uint8Array> {
  return wb.bytes(names);
}

/** "lanzhou-claims.csv" → "lanzhou-claims-核查结果.xlsx". */
export function downloadName(fileName: string, suffix: string): string {
  return `${fileName.replace(/\.(xlsx|csv|tsv|txt)$/i, "")}-${suffix}.xlsx`;
}
