/**
 * The pane's Web Worker: the heavy work of the pane off the page's thread. It reads an opened file
 * (io/reader.ts, the command line's reader) and keeps it, hands its rows to the page in chunks, runs
 * the audit (src/audit AuditRun, through the pane's own runAudit, so the sheets are the same), holds
 * the standalone result sheets and writes the .xlsx download, each a chunk at a time with the event
 * loop given back between chunks so that a cancel is heard. Inside Excel the page reads the
 * workbook (Excel.run exists only there) and posts the rows here; the result sheets are written
 * back through the page, a chunk per request.
 *
 * Built by webpack as its own file from the add-in's own origin (new Worker(new URL(…))); it makes
 * no request of its own.
 */
import { Channel, type Port } from "./channel";
import { encodeRows } from "./rows";
import { FileWorkbook, openFile } from "../workbook/file";
import type { BlockFormat, OutputSheet, SourceInfo, TableData, Workbook } from "../workbook/types";
import { runAudit } from "../jobs/audit";
import { blankRow } from "../../src/claim/validate";
import { Engine } from "../../src/engine/settle";
import { builtinRegistry } from "../../src/params/builtin";
import type { Override } from "../../src/params/registry";
import type { DateSystem } from "../../src/dates";
import type { Lang, Text } from "../../src/text";
import { writeXlsxChunked } from "../export/xlsxWriter";
import { ModelSession } from "../jobs/modelRun";
import type { AuditJobArgs, AuditJobDone, DownloadArgs, ModelJobArgs, OpenedFile, ReadDone, SheetCall } from "./protocol";

const ch = new Channel(self as unknown as Port);
let lang: Lang = "zh";
let book: FileWorkbook | null = null;
const tables = new Map<number, TableData>();
const jobs = new Map<number, AbortController>();
/**
 * Rows per message to the page: each message is one task there, its rows deserialized at once. 2 000 rows
 * (36 cells each) made tasks of 105–131 ms on this machine under load while a 1e5-row file was read; 500 keep
 * them under 60 (test/pane-worker.browser.test.ts holds the opening to 100 ms).
 */
const ROWS_PER_MESSAGE = 500;
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

// the engine as the page builds it (taskpane/engines.ts): the documented parameters, plus the user's overrides
const baseline = new Engine(builtinRegistry());
const engines = new Map<string, Engine>();
function engineWith(label: string, overrides: readonly Override[]): Engine {
  if (!overrides.length) return baseline;
  const key = label + JSON.stringify(overrides);
  let e = engines.get(key);
  if (!e) {
    e = new Engine(baseline.registry.withOverrides(label, [...overrides]));
    if (engines.size > 8) engines.delete(engines.keys().next().value!);
    engines.set(key, e);
  }
  return e;
}

ch.on("ping", () => "pong");

ch.on("open", async (a: { name: string; bytes: ArrayBuffer; lang: Lang }): Promise<OpenedFile> => {
  lang = a.lang;
  book = null;
  model.reset();
  const b = await openFile(a.name, a.bytes, { lang: () => lang });
  book = b;
  const sources: SourceInfo[] = await b.listSources();
  const summaries: Record<string, Text[]> = {};
  for (const s of sources) summaries[s.id] = b.summary(s.id);
  return { fileName: b.fileName, sources, summaries };
});

/** A source's rows to the page, ROWS_PER_MESSAGE at a time (each message its own task there). */
ch.on("read", async (a: { job: number; sourceId: string; lang: Lang }): Promise<ReadDone & { claims: number }> => {
  lang = a.lang;
  if (!book) throw new Error("no file is open");
  const data = await book.read(a.sourceId);
  for (let i = 0; i < data.rows.length; i += ROWS_PER_MESSAGE) {
    const lines = data.rowLines ? Int32Array.from(data.rowLines.slice(i, i + ROWS_PER_MESSAGE)) : null;
    ch.emit(a.job, "rows", { rows: data.rows.slice(i, i + ROWS_PER_MESSAGE), lines }, lines ? [lines.buffer] : []);
    ch.emit(a.job, "progress", { done: Math.min(data.rows.length, i + ROWS_PER_MESSAGE), total: data.rows.length });
    await tick();
  }
  return { label: data.label, header: data.header, total: data.rows.length, hasLines: !!data.rowLines, claims: data.rows.filter((r) => !blankRow(r)).length };
});

/** Excel mode: the page posts the rows it read, a chunk at a time (the first with the workbook's date system). */
ch.on("table", (a: { id: number; label?: string; header?: unknown[]; dateSystem?: DateSystem; rows: unknown[][]; lines?: Int32Array | null }) => {
  let t = tables.get(a.id);
  if (!t) tables.set(a.id, (t = { label: a.label ?? "", header: a.header ?? [], rows: [], ...(a.dateSystem ? { dateSystem: a.dateSystem } : {}) }));
  for (const r of a.rows) t.rows.push(r);
  if (a.lines) (t.rowLines ??= []).push(...a.lines);
  return t.rows.length;
});
ch.on("dropTable", (a: { id: number }) => void tables.delete(a.id));

/**
 * The Model screen's runs (taskpane/jobs/modelRun.ts): one session, which keeps the prepared batch
 * and its baseline while the table, mapping and language stay the same, so moving a ratio re-runs
 * only the scenario. A newer run cancels the one before it (the page sends the cancel).
 */
const model = new ModelSession();
ch.on("model", async (a: ModelJobArgs) => {
  lang = a.lang;
  const ctl = new AbortController();
  jobs.set(a.job, ctl);
  try {
    const src = "tableId" in a.source ? `table:${a.source.tableId}` : `file:${a.source.sourceId}`;
    await model.use(`${src}|${a.lang}|${JSON.stringify(a.mapping)}`, () => {
      if ("tableId" in a.source) {
        const t = tables.get(a.source.tableId);
        if (!t) throw new Error("the table was not posted");
        return t;
      }
      if (!book) throw new Error("no file is open");
      return book.read(a.source.sourceId);
    }, a.mapping);
    const base = engineWith(a.base.label, a.base.overrides);
    return await model.run({
      base,
      scen: a.scen ? engineWith(a.scen.label, a.scen.overrides) : null,
      compute: a.compute,
      dimension: a.dimension,
      weightColumn: a.weightColumn,
      lang: a.lang,
      signal: ctl.signal,
      onProgress: (done, total) => ch.emit(a.job, "progress", { done, total }),
    });
  } finally {
    jobs.delete(a.job);
  }
});

ch.on("cancel", (a: { job: number }) => void jobs.get(a.job)?.abort());

/** The page's workbook, for a run inside Excel: every sheet call a request the page carries out. */
class PageWorkbook implements Workbook {
  readonly mode = "excel" as const;
  listSources(): Promise<SourceInfo[]> {
    throw new Error("the page lists the sources");
  }
  read(): Promise<TableData> {
    throw new Error("the page reads the workbook");
  }
  async newSheet(base: string): Promise<OutputSheet> {
    const r = await ch.request<{ handle: number; name: string }>("sheet", { op: "new", base } satisfies SheetCall);
    return new PageSheet(r.handle, r.name);
  }
  activeRecord(): never {
    throw new Error("not in the worker");
  }
  insertAtSelection(): never {
    throw new Error("not in the worker");
  }
}
class PageSheet implements OutputSheet {
  constructor(
    private readonly handle: number,
    public name: string,
  ) {}
  async write(row: number, col: number, values: unknown[][], columnFormats?: string[]): Promise<void> {
    await ch.request("sheet", { op: "write", handle: this.handle, row, col, values, formats: columnFormats } satisfies SheetCall);
  }
  async format(top: number, col: number, rows: number, width: number, f: BlockFormat): Promise<void> {
    await ch.request("sheet", { op: "format", handle: this.handle, top, col, rows, width, f } satisfies SheetCall);
  }
  async rename(base: string): Promise<string> {
    this.name = await ch.request<string>("sheet", { op: "rename", handle: this.handle, base } satisfies SheetCall);
    return this.name;
  }
  async activate(): Promise<void> {
    await ch.request("sheet", { op: "activate", handle: this.handle } satisfies SheetCall);
  }
}

ch.on("audit", async (a: AuditJobArgs): Promise<AuditJobDone> => {
  lang = a.lang;
  const ctl = new AbortController();
  jobs.set(a.job, ctl);
  try {
    let data: TableData;
    let wb: Workbook;
    if ("tableId" in a.source) {
      const t = tables.get(a.source.tableId);
      if (!t) throw new Error("the table was not posted");
      data = t;
      wb = new PageWorkbook();
    } else {
      if (!book) throw new Error("no file is open");
      data = await book.read(a.source.sourceId);
      wb = book;
    }
    const r = await runAudit(wb, data, {
      engine: engineWith(a.params.label, a.params.overrides),
      lang: a.lang,
      mask: a.mask,
      mapping: a.mapping,
      signal: ctl.signal,
      onProgress: (done, total) => ch.emit(a.job, "progress", { done, total }),
      // a thousand rows a message: the page turns each into objects in a short task of its own
      onRows: (rows) => {
        for (let i = 0; i < rows.length; i += 1000) {
          const { chunk, transfer } = encodeRows(rows.slice(i, i + 1000));
          ch.emit(a.job, "rows", chunk, transfer);
        }
      },
    });
    return { summary: r.report.summary, notes: r.report.notes, sheets: r.sheets, sheet: r.sheet, cancelled: r.cancelled };
  } finally {
    jobs.delete(a.job);
    if ("tableId" in a.source) tables.delete(a.source.tableId);
  }
});

/** Standalone: sheets the page writes (the model's comparison) go into the file's result sheets. */
const handles = new Map<number, OutputSheet>();
let nextHandle = 1;
ch.on("fileSheet", async (c: SheetCall) => {
  if (!book) throw new Error("no file is open");
  if (c.op === "new") {
    const s = await book.newSheet(c.base);
    const handle = nextHandle++;
    handles.set(handle, s);
    return { handle, name: s.name };
  }
  const s = handles.get(c.handle);
  if (!s) throw new Error("no such sheet");
  if (c.op === "write") return s.write(c.row, c.col, c.values, c.formats);
  if (c.op === "format") return s.format(c.top, c.col, c.rows, c.width, c.f);
  if (c.op === "rename") return s.rename(c.base);
  return s.activate();
});

ch.on("download", async (a: DownloadArgs) => {
  if (!book) throw new Error("no file is open");
  const ctl = new AbortController();
  jobs.set(a.job, ctl);
  try {
    const chosen = a.names ? book.outputs.filter((o) => a.names!.includes(o.name)) : book.outputs;
    const pieces = await writeXlsxChunked(
      chosen.map((o) => ({ name: o.name, rows: o.cells, ...o.spec })),
      {
        cancelled: () => ctl.signal.aborted,
        onProgress: (done, total) => ch.emit(a.job, "progress", { done, total }),
        onChunk: (bytes) => ch.emit(a.job, "bytes", bytes, [bytes.buffer as ArrayBuffer]),
      },
    );
    return { cancelled: pieces === null };
  } finally {
    jobs.delete(a.job);
  }
});
