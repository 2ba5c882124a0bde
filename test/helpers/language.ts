/**
 * Latin words in the Chinese pane: every run of Latin letters in the rendered text that is not a
 * code, a unit or a name from the user's own data. Shared by the jsdom and the Chromium tests.
 *
 * Allowed: claim ids and catalog codes (LZ2020-003, M00500, E11), parameter ids as they appear in the
 * engine's messages (lanzhou.employee.inpatient.repeatMode), chemistry and units (PaO2, FiO2, mmHg,
 * mmol/L, μIU/mL), file types, the product's formula names, the language switch ("English"), Excel.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ALLOWED_WORDS = new Set([
  "Excel", "English", "xlsx", "csv", "tsv", "txt", "xls", "jsonl", "yibao", "YIBAO", "POLICY_PARAMS",
  "mmHg", "kPa", "mmol", "μmol", "umol", "mg", "μg", "ml", "mL", "dl", "dL", "L", "g", "kg", "cm", "mm", "h", "min", "s", "U", "IU", "μIU", "ng", "pg", "ULN", "bpm",
  // the project's policy document, cited by the engine's trace ("（POLICY §2）")
  "POLICY",
  // the seeds' own spellings in the catalogs: Roman numerals (II型), 血PH, mU/L, ug, 皮质醇(COR)
  "I", "II", "III", "IV", "V", "PH", "mU", "ug", "COR",
  "PaO", "FiO", "SpO", "SaO", "PaCO", "pH", "GCS", "CO", "COHb", "MetHb", "ECG", "CT", "MRI", "INR", "PT", "APTT", "BNP", "NT", "proBNP", "ALT", "AST", "TBil", "Cr", "BUN", "Hb", "PLT", "WBC", "CK", "MB", "cTnI", "cTnT", "TSH", "FT", "T", "D", "Na", "K", "Ca", "Mg", "Lac", "SBP", "DBP", "MAP", "HR", "RR", "ICU", "ARDS", "COPD", "DIC", "HELLP", "ST",
  // the code system the catalogs' reasons cite (ICD-10 I20–I25)
  "ICD",
]);

const CODE = /^[A-Z]{1,4}\d[\dA-Z.-]*$/; // LZ2020-003, M00500, E11, I21.9
const PARAM_ID = /^[a-z]+(\.[a-zA-Z0-9]+)+$/; // lanzhou.employee.inpatient.repeatMode

/** The Latin words of `text` that are none of the allowed kinds; `data` lists words from the user's files (names, file names). */
export function strayLatin(text: string, data: readonly string[] = []): string[] {
  const out = new Set<string>();
  const dataWords = new Set(data.flatMap((d) => d.split(/[^A-Za-z0-9_.-]+/)).filter(Boolean));
  // Chinese characters separate words too: 属M00500恶性肿瘤 holds the code M00500, 第row行 the word row
  for (const token of text.split(/[\s，。；：、（）()“”"'‘’「」《》【】\[\]{}·…—–\/=+,;:?!<>|\u3400-\u9fff]+/)) {
    if (!/[A-Za-z]/.test(token)) continue;
    const t = token.replace(/^[-.]+|[-.%]+$/g, "");
    if (dataWords.has(t) || CODE.test(t) || PARAM_ID.test(t)) continue;
    // mixed tokens such as 10^9, ×ULN or 3.5mmol: check each Latin run on its own
    for (const run of t.match(/[A-Za-zμ_]+/g) ?? []) if (!ALLOWED_WORDS.has(run) && !dataWords.has(run)) out.add(t);
  }
  return [...out];
}

/**
 * The Latin words of the seed documents themselves (ERCP, DBS, Wilson病, B超 in the referral catalog
 * and the materials), which the catalogs quote as the documents write them: the text's own words,
 * not the OCR's formula markup (\text, \leq) or the web addresses.
 */
export function seedWords(): string[] {
  const dir = join(__dirname, "..", "..", "law");
  const words = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt"))) {
    const text = readFileSync(join(dir, f), "utf8")
      .replace(/\\[a-zA-Z]+/g, " ")
      .replace(/(?:https?:\/\/|www\.)\S+|\S+@\S+/g, " ");
    for (const w of text.match(/[A-Za-zμ]+/g) ?? []) words.add(w);
  }
  return [...words];
}
