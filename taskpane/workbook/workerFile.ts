/**
 * Standalone mode with the pane's worker: the opened file is read, held and audited there, and the
 * download is written there; this side keeps what the screens show (the sources, the rows a screen
 * reads, the names of the result sheets). Rows come over a few thousand at a time, so no one task of
 * the page takes them all; sheets the page writes itself (the model's comparison) go over a block at
 * a time and join the download.
 */
import type { PaneWorker } from "../worker/client";
import type { OpenedFile, ReadDone, SheetCall } from "../worker/protocol";
import type { Lang, Text } from "../../src/text";
import { noteClaimRows } from "../batch";
import { XLSX_TYPE, type ActiveRecord, type BlockFormat, type OutputSheet, type SourceInfo, type StandaloneBook, type TableData } from "./types";


export async function openInWorker(w: PaneWorker, name: string, data: ArrayBuffer, lang: () => Lang): Promise<WorkerFileWorkbook> {
  const opened = await w.ch.request<OpenedFile>("open", { name, bytes: data, lang: lang() }, [data]);
  return new WorkerFileWorkbook(w, opened, lang);
}

export class WorkerFileWorkbook implements StandaloneBook {
  readonly mode = "file" as const;
  readonly fileName: string;
  private readonly names: string[] = [];
  constructor(
    readonly worker: PaneWorker,
    private readonly opened: OpenedFile,
    private readonly lang: () => Lang,
  ) {
    this.fileName = opened.fileName;
  }

  outputCount(): number {
    return this.names.length;
  }
  /** Called when a run in the worker made sheets. */
  noteSheets(names: readonly string[]): void {
    this.names.push(...names);
  }
  summary(id: string): Text[] {
    return this.opened.summaries[id] ?? [];
  }
  async listSources(): Promise<SourceInfo[]> {
    return this.opened.sources;
  }

  async read(id: string, progress?: (done: number, total: number) => void): Promise<TableData> {
    const job = this.worker.job();
    const rows: unknown[][] = [];
    const lines: number[] = [];
    this.worker.ch.listen(job, (kind, d) => {
      if (kind === "rows") {
        const x = d as { rows: unknown[][]; lines: Int32Array | null };
        for (const r of x.rows) rows.push(r);
        if (x.lines) for (const l of x.lines) lines.push(l);
      } else if (kind === "progress") {
        const p = d as { done: number; total: number };
        progress?.(p.done, p.total);
      }
    });
    try {
      const done = await this.worker.ch.request<ReadDone & { claims: number }>("read", { job, sourceId: id, lang: this.lang() });
      const data: TableData = { label: done.label, header: done.header, rows, ...(done.hasLines ? { rowLines: lines } : {}) };
      noteClaimRows(data, done.claims);
      return data;
    } finally {
      this.worker.ch.forget(job);
    }
  }

  async newSheet(base: string): Promise<OutputSheet> {
    const r = await this.worker.ch.request<{ handle: number; name: string }>("fileSheet", { op: "new", base } satisfies SheetCall);
    this.names.push(r.name);
    return new WorkerSheet(this, r.handle, r.name);
  }

  async activeRecord(): Promise<ActiveRecord | null> {
    return null;
  }
  async insertAtSelection(): Promise<{ written: string } | { occupied: string }> {
    throw new Error("No workbook to insert into in standalone mode");
  }

  async download(names: readonly string[] | undefined, o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<Blob | null> {
    const job = this.worker.job();
    const pieces: Uint8Array[] = [];
    this.worker.ch.listen(job, (kind, d) => {
      if (kind === "bytes") pieces.push(d as Uint8Array);
      else if (kind === "progress") o.onProgress?.((d as { done: number }).done, (d as { total: number }).total);
    });
    const stop = () => void this.worker.ch.request("cancel", { job });
    o.signal?.addEventListener("abort", stop);
    try {
      const r = await this.worker.ch.request<{ cancelled: boolean }>("download", { job, names: names ? [...names] : undefined });
      if (r.cancelled || o.signal?.aborted) return null;
      return new Blob(pieces as BlobPart[], { type: XLSX_TYPE });
    } finally {
      o.signal?.removeEventListener("abort", stop);
      this.worker.ch.forget(job);
    }
  }

  /** Keep a renamed sheet's name in the list. */
  renamed(from: string, to: string): void {
    const i = this.names.indexOf(from);
    if (i >= 0) this.names[i] = to;
  }
}

class WorkerSheet implements OutputSheet {
  constructor(
    private readonly book: WorkerFileWorkbook,
    private readonly handle: number,
    public name: string,
  ) {}
  private call(c: SheetCall): Promise<unknown> {
    return this.book.worker.ch.request("fileSheet", c);
  }
  async write(row: number, col: number, values: unknown[][], columnFormats?: string[]): Promise<void> {
    await this.call({ op: "write", handle: this.handle, row, col, values, formats: columnFormats });
  }
  async format(top: number, col: number, rows: number, width: number, f: BlockFormat): Promise<void> {
    await this.call({ op: "format", handle: this.handle, top, col, rows, width, f });
  }
  async rename(base: string): Promise<string> {
    const name = (await this.call({ op: "rename", handle: this.handle, base })) as string;
    this.book.renamed(this.name, name);
    this.name = name;
    return name;
  }
  async activate(): Promise<void> {
    await this.call({ op: "activate", handle: this.handle });
  }
}
