/** Every message a person reads, in English: the same keys and placeholders as zh.ts. */
import type { MessageKey } from "./index";

export const en: Record<MessageKey, string> = {
  // ── common ──────────────────────────────────────────────────────────────────────
  "common.listSeparator": ", ",
  "common.sentenceSeparator": "; ",

  // ── reader ──────────────────────────────────────────────────────────────────────

  // ── claim ───────────────────────────────────────────────────────────────────────

  // ── findings ────────────────────────────────────────────────────────────────────
  "findings.unknownItem": "Unknown finding \"{name}\", ignored (it names no criterion){suggest}",
  "findings.didYouMean": "; did you mean {names}",
  "findings.notUsed": "\"{name}\": {why}; ignored",
  "findings.notUsedRefused": "\"{name}\": {why}",
  "findings.notMeasured": "\"{name}\" is marked not measured or not known: treated as missing",
  "findings.notMeasuredValue": "\"{item}\" says not measured but also gives \"{value}\"",
  "findings.negatedChoice": "\"{item}\" says which {name} is absent, which is not used: name the one that was found",
  "findings.runTogether": "\"{item}\" runs the finding name into its value: put a space or = between them",
  "findings.splitNumber": "\"{item}\" is followed by \"{rest}\", a value without a name: they may be one number split at a comma (3,5), so neither is used",
  "findings.noName": "\"{item}\" is a value without a finding name (write decimals with a point and separate items with ;)",
  "findings.needsValue": "\"{name}\" needs a value ({unit})",
  "findings.notNumber": "\"{name}\" needs a number ({unit}), not \"{value}\"",
  "findings.ambiguousComma": "\"{name}\" = \"{value}\" has a comma that can be a decimal comma or a thousands separator: write decimals with a point and thousands without a separator",
  "findings.malformedNumber": "\"{name}\" = \"{value}\" is not a number",
  "findings.rangeValue": "\"{name}\" gives a range \"{value}\"; the criterion needs one measured value",
  "findings.approximate": "\"{name}\" gives an approximate value \"{value}\"; the criterion needs the measured value",
  "findings.twoValues": "\"{name}\" gives two values \"{value}\"; the criterion needs one",
  "findings.twoBounds": "\"{name}\" = \"{value}\" has a comparison word both before and after the number",
  "findings.unit": "\"{name}\" is in {units}, not \"{unit}\"{hint}",
  "findings.unitHint": " ({hint})",
  "findings.implausible": "\"{name}\" = {value} is outside the possible range ({min}–{max}{unit}): a slip or a wrong unit",
  "findings.fractionAmbiguous": "\"{name}\" = {value} can be a fraction ({asFraction}%) or a per cent ({value}%): write the %",
  "findings.boolean": "\"{name}\" is yes or no (positive / negative), not \"{value}\"",
  "findings.judged": "\"{name}\" is written as {words}, not \"{value}\" (the criterion gives no number; a number needs the laboratory's reference range)",
  "findings.booleanAmbiguous": "\"{name}\" = {value} is neither positive nor negative",
  "findings.choice": "\"{name}\" has no option \"{value}\" (options: {options})",
  "findings.choiceMissing": "\"{name}\" needs the option found (options: {options})",
  "findings.bloodPressure": "Blood pressure \"{value}\" is written systolic/diastolic (e.g. 75/40 mmHg)",
  "findings.bloodPressureOrder": "Blood pressure \"{value}\" has the systolic below the diastolic: the order may be reversed",
  "findings.conflict": "\"{name}\" is given twice with different values: {first} and {second}",
  "findings.bareHistory": "\"{name}\": say 有 (yes) or 无 (no)",
  "findings.bareJudged": "\"{name}\": say {words}",
  "findings.read": "{name} = {value}",
  "findings.readAs": "{name} = {value} (written \"{written}\")",
  "findings.readFraction": "{name} = {value} (written {written}, read as a fraction)",
  "findings.ignoredNote": "Items of the findings that were ignored: {items}",
  "findings.readNote": "How the findings were read: {items}",
  "findings.refusedCondition": "The emergency findings cannot be read: {problems}",
  "findings.conditionUnknown": "\"{name}\" is not on the emergency list{closest}",
  "findings.conditionAmbiguous": "\"{name}\" can mean more than one condition; choose one: {candidates} ({why})",
  "findings.closest": "; closest: {names}",
  "findings.chronicPartial": "\"{name}\" drops the qualifier of a catalog name and is not taken as it: it may be {rows} (write the full name)",
  "findings.chronicSeveral": "\"{name}\" names more than one disease: {codes}; give one disease per row (NA 二、(四))",
  "findings.yes": "yes",
  "findings.no": "no",
  "findings.wordsTrue": "positive / negative",
  "findings.wordsElevated": "raised / normal",
  "findings.wordsLow": "low / normal",
  "findings.noUnit": "no unit",

  // ── engine ──────────────────────────────────────────────────────────────────────

  // ── audit ───────────────────────────────────────────────────────────────────────

  // ── cli ─────────────────────────────────────────────────────────────────────────
  "cli.referralUsage": "referral --condition TEXT [--department TEXT] [--json] [--limit N] [--lang zh|en]: give --condition or --department",
  "cli.referralDepartmentRead": "Department \"{asked}\" read as the catalog's {departments}",
  "cli.referralDepartmentUnknown": "The catalog has no department \"{asked}\"; searched every department (the catalog's departments: {departments})",
  "cli.referralDepartmentQuery": "\"{query}\" is a department: listing the rows of {departments}",
  "cli.referralNone": "No catalog row is close to \"{query}\"",
  "cli.referralNoneInDepartment": "No row of {departments} is close to \"{query}\"; {n} rows of other departments are (drop --department to see them)",
  "cli.referralMore": "{n} more rows (use --limit to show them)",
  "cli.referralSource": "Source: {citation}",
  "cli.limitInvalid": "--limit must be a positive whole number, not \"{value}\"",
  "cli.emergencyFindingsRequired": "--findings TEXT is required, e.g. --findings \"收缩压=75;乳酸=3.5\" (the language: docs/findings.md)",
  "cli.emergencyMet": "met",
  "cli.emergencyNotMet": "not met",
  "cli.emergencyUnknown": "unknown",
  "cli.emergencyRefused": "refused: the findings cannot be read",
  "cli.emergencyMissing": "; missing: {names}",
  "cli.emergencyCriterion": "criterion: {criterion}",
  "cli.emergencySource": "source: {citation}",
  "cli.emergencyNoneMet": "The findings meet no condition's key criterion",
  "cli.emergencyProblem": "finding {item}: {message}",
  "cli.emergencyIgnored": "ignored {item}: {message}",
  "cli.emergencyRead": "read as {text}",
  "cli.yishangInvalid": "--yishang is more_than (the default) or at_least, not \"{value}\"",

  // ── functions ───────────────────────────────────────────────────────────────────

  // ── pane ────────────────────────────────────────────────────────────────────────
};
