/**
 * yibao: the command line of 医保核算 (used by auditors outside Excel, and by us to check the core).
 *
 *   yibao settle  --in FILE [--out FILE] [--lang zh|en]
 *   yibao explain --in FILE --id ID [--lang zh|en] [--json]   (--json: the steps as data, yibao.trace.v1)
 *   yibao audit   --in FILE [--out report.xlsx|.csv|.jsonl] [--lang zh|en] [--no-mask]
 *
 * Input: JSON lines (one claim object a line), CSV or .xlsx (first sheet, header row, Chinese or
 * English headers). One bad record never stops the batch. Every word it prints comes from the message
 * catalogs (src/messages), the help included (`cli.help`, `cli.help.explain`).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { joinList, PRODUCT_NAME, say } from "../src/messages";
import { removeTemps, Stopped } from "./stream";
import { ReaderError } from "../io/errors";
import type { Engine } from "../src/engine/settle";
import type { Lang } from "../src/text";
import { langOf, parseArgs, UsageError, type Args, type Io } from "./common";

// Each command's module is loaded when the command runs (`await import`): `yibao settle` never loads
// the audit, the report writers, the catalogs of the emergency and referral commands.
export { parseArgs, UsageError, type Io } from "./common";

/** How many of a parameter table's notes the command line lists before it says how many more there are. */
const NOTES_SHOWN = 12;

/** The help: all commands, or one command's own (`yibao explain --help`). */
async function helpOf(cmd: string, lang: Lang): Promise<string> {
  const { EXPLAIN_FORMAT } = await import("../src/engine/explain");
  return say(lang, cmd === "explain" ? "cli.help.explain" : "cli.help", { name: PRODUCT_NAME, format: EXPLAIN_FORMAT });
}

/** An engine whose registry carries the parameter table given with --params (never loaded silently). */
async function engineFor(args: Args, io: Io, given: Engine | undefined): Promise<Engine> {
  const { Engine } = await import("../src/engine/settle");
  const engine = given ?? new Engine((await import("../src/params/builtin")).builtinRegistry());
  const file = args.opts.params;
  if (file === undefined) return engine;
  const { readParamTable } = await import("../src/params/table");
  const lang = langOf(args.opts);
  if (typeof file !== "string") throw new UsageError(say(lang, "cli.paramsNeedsFile"));
  // a text table is read without the .xlsx reader (io/textGrid.ts), an .xlsx by the whole-file reader
  const { formatOf } = await import("../io/formats");
  const readGrid = formatOf(basename(file)) === "xlsx" ? (await import("../io/reader")).readGrid : (await import("../io/textGrid")).readTextGrid;
  let cells: unknown[][];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UsageError(say(lang, "cli.cannotRead", { file, reason: (e as NodeJS.ErrnoException).code ?? "?" }));
  }
  try {
    // the claims reader's decoding (GBK, UTF-16), quoting rules and limits, for a table with its own headers
    cells = readGrid(bytes, { file: basename(file) }).rows;
  } catch (e) {
    if (e instanceof ReaderError) throw new UsageError(e.say(lang));
    throw e;
  }
  const { overrides, problems, notes } = readParamTable(engine.registry, cells);
  if (problems.length)
    throw new UsageError([`${file}:`, ...problems.map((p) => say(lang, p.column ? "cli.paramsProblemColumn" : "cli.paramsProblem", { row: p.row, column: p.column ?? "", message: p.message }))].join("\n"));
  io.err(say(lang, /example/i.test(file) ? "cli.paramsReadExample" : "cli.paramsRead", { file: basename(file), count: overrides.length }));
  // a city figure the table leaves out is not an error (the claims that need it are refused, naming it), but said here
  if (notes.length) {
    const shown = notes.length > NOTES_SHOWN + 1 ? NOTES_SHOWN : notes.length;
    io.err([say(lang, "cli.paramsNotes", { file: basename(file), count: notes.length }), ...notes.slice(0, shown).map((n) => `  ${n.message[lang]}`), ...(shown < notes.length ? [`  ${say(lang, "cli.paramsNotesMore", { count: notes.length - shown })}`] : [])].join("\n"));
  }
  return new Engine(engine.registry.withOverrides(basename(file), overrides));
}

/** Run one command (`engine`: the engine to settle with, else the built-in parameters' one, made when a command needs it). */
export async function run(argv: string[], io: Io, engine?: Engine): Promise<number> {
  const args = parseArgs(argv);
  try {
    if (args.opts.help === true) {
      io.out(await helpOf(args.cmd, langOf(args.opts)));
      return 0;
    }
    // a --params table is read (and refused) whatever the command, as before
    if (args.opts.params !== undefined || args.cmd === "settle" || args.cmd === "explain" || args.cmd === "audit") engine = await engineFor(args, io, engine);
    switch (args.cmd) {
      case "settle":
        return await (await import("./settle")).cmdSettle(args, io, engine!);
      case "explain":
        return await (await import("./explain")).cmdExplain(args, io, engine!);
      case "audit":
        return await (await import("./audit")).cmdAudit(args, io, engine!);
      case "emergency":
        return (await import("./emergency")).cmdEmergency(args, io);
      case "chronic-code":
        return cmdChronicCode(args, io, (await import("../src/catalogs/national")).chronicCode);
      case "referral":
        return (await import("./referral")).cmdReferral(args, io);
      case "help":
      case "--help":
      case "-h":
        io.out(await helpOf("", langOf(args.opts)));
        return 0;
      default:
        throw new UsageError(`${say(langOf(args.opts), "cli.unknownCommand", { cmd: args.cmd })}\n\n${await helpOf("", langOf(args.opts))}`);
    }
  } catch (e) {
    removeTemps();
    const lang: Lang = args.opts.lang === "en" ? "en" : "zh";
    if (e instanceof Stopped) {
      io.err(say(lang, "stream.stopped"));
      return 130;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof ReaderError) {
      io.err(e.say(lang));
      return 2;
    }
    // never a stack trace: say what kind of failure it was, and that nothing was written
    io.err(say(lang, "cli.internal", { reason: e instanceof Error ? e.name : typeof e }));
    return 1;
  }
}

function cmdChronicCode(args: Args, io: Io, chronicCode: typeof import("../src/catalogs/national").chronicCode): number {
  const lang = langOf(args.opts);
  const name = args.positional[0] ?? (typeof args.opts.name === "string" ? args.opts.name : undefined);
  if (!name) throw new UsageError(say(lang, "cli.chronicCode.usage"));
  const a = chronicCode(name);
  const j = { name: a.name, code: a.code, category: a.category, matchedBy: a.matchedBy, alternatives: a.alternatives };
  if (args.opts.json === true) io.out(JSON.stringify(j));
  else {
    io.out(a.code ? say(lang, "cli.chronicCode.found", { name: a.name, code: a.code, national: a.nationalName ?? "", category: a.category ?? "", by: a.matchedBy }) : say(lang, "cli.chronicCode.none", { name: a.name }));
    if (a.reason) io.out(`  ${a.reason[lang]}`);
    if (a.alternatives.length) io.out(say(lang, "cli.chronicCode.closest", { list: joinList(lang, a.alternatives.map((x) => `${x.name} ${x.code}`)) }));
  }
  return 0;
}

/** The process entry (dist/cli/main.js and bin/yibao.cjs): stdio, Ctrl-C and the exit code. */
export function main(argv: string[] = process.argv.slice(2)): void {
  // Ctrl-C: the run stops at its next chunk, removes its temporary file and exits with 130; a second
  // Ctrl-C does the same at once
  const stop = new AbortController();
  process.on("SIGINT", () => {
    if (stop.signal.aborted) {
      removeTemps();
      process.stderr.write("\n");
      process.exit(130);
    }
    stop.abort();
  });
  const io: Io = {
    out: (s) => process.stdout.write(s + "\n"),
    err: (s) => process.stderr.write(s + "\n"),
    write: (s) => process.stdout.write(s),
    drain: () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once("drain", () => r())) : Promise.resolve()),
    // a getter: process.stdin builds its stream (a pipe or a TTY handle) when first touched, ~15 ms of a
    // start-up, and only `--in -` reads it
    get stdin() {
      return process.stdin;
    },
    signal: stop.signal,
    progress: process.stderr.isTTY ? (s) => process.stderr.write(s) : undefined,
  };
  run(argv, io).then(
    (code) => {
      // let stdout finish before exiting (a pipe)
      if (process.stdout.writableNeedDrain) process.stdout.once("drain", () => process.exit(code));
      else process.exit(code);
    },
    (e) => {
      removeTemps();
      process.stderr.write(`yibao: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
