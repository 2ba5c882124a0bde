/** Every message a person reads, in English: the same keys and placeholders as zh.ts. */
import type { MessageKey } from "./index";

export const en: Record<MessageKey, string> = {
  // ── common ──────────────────────────────────────────────────────────────────────
  "common.listSeparator": ", ",
  "common.sentenceSeparator": "; ",

  // ── reader ──────────────────────────────────────────────────────────────────────

  // ── claim ───────────────────────────────────────────────────────────────────────

  // ── findings ────────────────────────────────────────────────────────────────────

  // ── engine ──────────────────────────────────────────────────────────────────────

  // ── audit ───────────────────────────────────────────────────────────────────────

  // ── cli ─────────────────────────────────────────────────────────────────────────

  // ── functions ───────────────────────────────────────────────────────────────────
  "functions.cells.column": "column {position} ({header})",
  "functions.cells.columnUntitled": "column {position}",
  "functions.cells.error": "{column} holds the Excel error {code}",
  "functions.cells.dataType": "{column} holds an Excel data type ({type}: {text}), not a value: use its value instead (Paste Special → Values, or refer to one of its fields)",
  "functions.cells.headerError": "The header of column {position} is the Excel error {code}",
  "functions.cells.headerDataType": "The header of column {position} is an Excel data type ({type}), not a column name",
  "functions.cells.argError": "{argument} is the Excel error {code}",
  "functions.cells.argDataType": "{argument} is an Excel data type ({type}: {text}), not a value",
  "functions.params.error": "Parameter table row {row}, column {position} holds the Excel error {code}",
  "functions.params.dataType": "Parameter table row {row}, column {position} holds an Excel data type ({type}), not a value",
  "functions.params.zero": "Parameter table row {row}: the value is 0. Desktop Excel passes a cleared cell as 0 too, and the two cannot be told apart; to set the parameter to 0, write it as text ('0) or with its unit (0%); to keep the documented value, delete the row",
  "functions.findings.zero": "The finding \"{name}\" is 0: desktop Excel passes a blank cell as 0 too, and the two cannot be told apart; if it really is 0, write it as text ('0)",
  "functions.arg.lang": "The language",
  "functions.arg.langInvalid": "Language \"{value}\" is not valid: write zh (Chinese) or en (English), or leave it blank (Excel's display language)",
  "functions.arg.text": "An argument",
  "functions.arg.date": "The date",
  "functions.arg.condition": "The condition",
  "functions.arg.findings": "The findings",
  "functions.arg.name": "The disease name",
  "functions.arg.code": "The disease code",
  "functions.params.row": "parameter table row {row}: {message}",
  "functions.params.label": "sheet parameter table",
  "functions.params.unknownSet": "Unknown set \"{set}\": lanzhou, shenyang or liaoning",
  "functions.output.invalid": "Output \"{value}\" is not one of {choices} or all",
  "functions.output.ruleLabel": "rule",
  "functions.reimburse.noRows": "No claim rows",
  "functions.explain.claim": "— claim {n} —",
  "functions.explain.tooMany": "EXPLAIN explains at most {max} claims per call (this range has {n}): give a smaller range, or use SETTLEMENT for one row per claim",
  "functions.emergency.unknown": "Unknown condition \"{name}\"",
  "functions.emergency.unknownClosest": "Unknown condition \"{name}\"; closest: {closest}",
  "functions.emergency.missing": "missing: {findings}",
  "functions.emergency.none": "No condition's key criterion is met",
  "functions.chronic.closest": "closest: {closest}",
  "functions.chronic.notCode": "\"{value}\" is not a national chronic disease code",
  "functions.date.invalid": "\"{value}\" is not a date",
  "functions.date.missing": "The date is missing",
  "functions.param.unknown": "Unknown parameter \"{id}\"",
  "functions.param.noKey": "Parameter \"{id}\" has no key \"{key}\"",
  "functions.referral.none": "No catalog row is close",
  "functions.materials.none": "The documents give no materials list for this kind",
  "functions.materials.minimum": " (a minimum)",

  // ── pane ────────────────────────────────────────────────────────────────────────
  "pane.insert.notRegistered": "The formula is in {address}, but Excel does not know the YIBAO functions yet (it shows #NAME?): the add-in's custom functions are not registered. Close and reopen the add-in (or Excel), then press F2 and Enter in the cell to recalculate it",
};
