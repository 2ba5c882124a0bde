/** yibao explain: one claim's steps, read from the whole input. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { blankRow, rowValidator, validateClaim, type Validation } from "../src/claim/validate";
import { maskIdNumbers } from "../src/problem";
import { msg, say } from "../src/messages";
import { readClaims, type ReadResult } from "../io/reader";
import type { Engine } from "../src/engine/settle";
import { renderTrace } from "../src/trace";
import { EXPLAIN_FORMAT, explainJson } from "../src/engine/explain";
import { langOf, mapOf, maxEntryBytesOf, requireIn, UsageError, type Args, type Io, type Item } from "./common";

/**
 * Read the input through the one reader (io/reader.ts) and say on stderr how it was read. A file the
 * reader refuses stops here with its message (no claims read is never a success).
 */
export async function readInput(args: Args, io: Io): Promise<ReadResult> {
  const lang = langOf(args.opts);
  const file = requireIn(args);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new UsageError(say(lang, "cli.cannotRead", { file, reason: (e as NodeJS.ErrnoException).code ?? "?" }));
  }
  const maxEntryBytes = maxEntryBytesOf(args, lang);
  const sheet = typeof args.opts.sheet === "string" ? args.opts.sheet : undefined;
  const result = readClaims(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { file: basename(file), sheet, map: mapOf(args), maxEntryBytes });
  for (const t of result.summary) io.err(t[lang]);
  return result;
}


/**
 * Validate every row (blank rows skipped). A row the reader already refused keeps its problem; a
 * record that makes the validator fail unexpectedly gets its own error and the batch goes on.
 */
export function validateInput(r: ReadResult): Item[] {
  const out: Item[] = [];
  const guard = (f: () => Validation, label: string): Validation => {
    try {
      return f();
    } catch {
      return { ok: false, id: label, problems: [{ code: "internal", kind: "input", message: msg("claim.internal") }] };
    }
  };
  if (r.table) {
    const validate = rowValidator(r.table.header);
    for (const row of r.table.rows) {
      if (row.problem) out.push({ line: row.line, label: row.label, v: { ok: false, id: row.label, problems: [row.problem] } });
      else if (!blankRow(row.cells)) out.push({ line: row.line, label: row.label, v: guard(() => validate(row.cells, row.label), row.label) });
    }
  } else
    for (const rec of r.records ?? []) {
      if (rec.problem) out.push({ line: rec.line, label: rec.label, v: { ok: false, id: rec.label, problems: [rec.problem] } });
      else out.push({ line: rec.line, label: rec.label, v: guard(() => validateClaim(rec.record!, rec.label), rec.label) });
    }
  return out;
}

export async function cmdExplain(args: Args, io: Io, engine: Engine): Promise<number> {
  const lang = langOf(args.opts);
  const id = args.opts.id;
  if (typeof id !== "string") throw new UsageError(say(lang, "cli.idRequired"));
  const items = validateInput(await readInput(args, io));
  const found = items.find((it) => (it.v.ok ? it.v.claim.id : it.v.id) === id);
  if (!found) throw new UsageError(say(lang, "cli.noSuchClaim", { id: maskIdNumbers(id) }));
  const v = found.v;
  if (args.opts.json === true) {
    // the steps as data (src/engine/explain.ts), for auditors' own tools
    io.out(JSON.stringify(v.ok ? explainJson(engine, engine.settle(v.claim)) : { format: EXPLAIN_FORMAT, id, ok: false, problems: v.problems.map((p) => ({ code: p.code, field: p.field ?? null, message: p.message })) }));
    return 0;
  }
  if (!v.ok) {
    io.out(say(lang, "cli.explain.invalid", { id }));
    for (const p of v.problems) io.out(`  - ${p.message[lang]}`);
    return 0;
  }
  const r = engine.settle(v.claim);
  if (!r.ok) {
    io.out(say(lang, "cli.explain.notSettled", { id, message: r.problem!.message }));
    return 0;
  }
  io.out(say(lang, "cli.explain.rule", { id, rule: r.rule ?? "" }));
  for (const line of renderTrace(r.trace, lang)) io.out(line);
  for (const x of r.incomplete ?? []) io.out(say(lang, "cli.explain.notComputable", { message: x.message }));
  io.out("");
  io.out(say(lang, "cli.explain.params"));
  for (const p of r.params) io.out(say(lang, p.override ? "cli.explain.paramOverride" : "cli.explain.param", { id: p.id, label: p.label, from: p.from, override: p.override ?? "" }));
  return 0;
}
