/**
 * Every word a person reads comes from the message catalogs (src/messages/zh.ts and en.ts, through
 * msg/say): no Chinese string literal, and no English sentence, in the code of the folders below.
 * test/helpers/literals.ts says exactly what counts as a literal and what is not a message
 * (developer diagnostics in `new …Error(…)`, citations in `section`/`excerpt`, scenario names).
 *
 * The rule for data. Words that are data stay data, in a data file (`data/*.json`) or in a module
 * whose whole point is the table it holds, listed below with what it holds:
 * - the words people type and the documents use as input: enum synonyms (兰州市 → lanzhou),
 *   header names (总费用, 医疗费总额), the parameter table's column headers: a translator must not
 *   change what a file is read as, so these are never catalog messages;
 * - the documents themselves: their numbers, titles and the excerpts cited;
 * - catalog rows (diseases, departments, materials), in src/catalogs/data.
 * A sentence the code says about any of these (an error, a reason, a label of a result) is a
 * message, and goes through the catalogs.
 *
 * To add a folder once its messages are converted: one line in CHECKED. Folders still to convert
 * are in PENDING (their count by folder: `npx tsx test/helpers/literals.ts src/engine io …`).
 */
import { describe, expect, it } from "vitest";
import { findLiterals, listing, type Literal } from "./helpers/literals";

/** Folders and files whose code holds no message literal. */
const CHECKED = [
  "src/claim",
  "src/params",
  "src/policy",
  "src/audit",
  "src/catalogs",
  "src/scenario",
  "src/problem.ts",
  "src/docs.ts",
  "src/money.ts",
  "src/dates.ts",
  "src/text.ts",
  "src/rational.ts",
  "src/engine",
  "src/trace.ts",
  "io",
  "cli",
  "functions",
  "taskpane",
];

/** Still to convert (being changed by others now), named so that no one thinks them checked. */
export const PENDING: readonly string[] = [];

/** Modules that are data tables as a whole: the words in them are data (see the rule above). */
const DATA_MODULES: Readonly<Record<string, string>> = {
  "src/claim/enums.ts": "the coded values with the words auditors type for them, and their synonyms",
  "src/claim/fields.ts": "the claim fields with their labels and every header name they are read from",
  "src/docs.ts": "the source documents: numbers and titles",
  "src/policy/chronicRules.ts": "the qualifier words of the Lanzhou chronic tables and their citations",
};

/** Tables kept in a code module, by the const that holds them (what each holds in the comment). */
const DATA_TABLES: Readonly<Record<string, readonly string[]>> = {
  // the parameter table's column headers
  "src/params/table.ts": ["TABLE_HEADERS"],
  // the header names of a parameter table's value column, as a function reads it back
  "src/claim/excelCells.ts": ["VALUE_HEADERS"],
  // the names people write for both diseases of 两病 at once
  "src/engine/columns.ts": ["TWO_DISEASE_BOTH_NAMES"],
  // the --map words for "ignore this column", and a mapped column's header with its unit
  "io/table.ts": ["INPUT_WORDS"],
  // the words a formula's OUTPUT argument is read from, in either language
  "functions/functions.ts": ["OUTPUTS", "ALL_WORDS"],
  // the words a formula's language argument is read from
  "functions/excel.ts": ["LANG_WORDS"],
};

function isData(l: Literal): boolean {
  return l.declaration !== undefined && (DATA_TABLES[l.file] ?? []).includes(l.declaration);
}

const skip = (file: string) => file in DATA_MODULES || PENDING.some((p) => file === p || file.startsWith(p + "/"));

describe("no message literals outside the catalogs", () => {
  it("the converted folders build every message from the catalogs", () => {
    const found = findLiterals(CHECKED, skip).filter((l) => !isData(l));
    if (found.length) console.log(`Message literals outside src/messages (say them through msg/say, or move data into a data file):\n${listing(found)}`);
    expect(found.map((l) => `${l.file}:${l.line}`)).toEqual([]);
  });

  it("finds what it must: a Chinese literal, an English sentence, a usage error's words, and no diagnostic, citation or regex", async () => {
    const { literalsOf } = await import("./helpers/literals");
    const src = [
      'const a = { zh: "参数表为空", en: "The parameter table is empty" };',
      "const b = `缺少“${x}”列`;",
      'const c = /^第|次$/;',
      'throw new Error("Unknown parameter id in the file");',
      'const r = { doc: "LN", section: "第二十三条", excerpt: "临时就医人员" };',
      'import x from "./data/中文.json";',
      'const d = "lanzhou.employee.inpatient";',
      'throw new UsageError("Unknown output format of the file");',
    ].join("\n");
    expect(literalsOf("x.ts", src).map((l) => [l.line, l.kind])).toEqual([
      [1, "cjk"],
      [1, "english"],
      [2, "cjk"],
      [8, "english"],
    ]);
  });

  it("every data module and table it allows exists and still holds data", () => {
    for (const [file, why] of Object.entries(DATA_MODULES)) expect(findLiterals([file]).length, `${file}: ${why}`).toBeGreaterThan(0);
    for (const [file, names] of Object.entries(DATA_TABLES)) for (const n of names) expect(findLiterals([file]).some((l) => l.declaration === n), `${file} ${n}`).toBe(true);
  });
});
