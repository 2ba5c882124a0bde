/** Every message a person reads, in English: the same keys and placeholders as zh.ts. */
import type { MessageKey } from "./index";

export const en: Record<MessageKey, string> = {
  // ── common ──────────────────────────────────────────────────────────────────────
  "common.listSeparator": ", ",
  "common.sentenceSeparator": "; ",

  // ── reader ──────────────────────────────────────────────────────────────────────
  "reader.encodingUnknown": "{file}: the file is neither UTF-8 nor GB18030 (GBK) text and cannot be read reliably; save it from Excel as \"CSV UTF-8 (Comma delimited)\" or .xlsx",
  "reader.nulBytes": "{file}: line {line} holds NUL characters: UTF-16 text without a BOM, or a binary file; save it as \"CSV UTF-8\" or .xlsx",
  "reader.quoteUnclosed": "{file}: the quote at line {line}, column {column} is never closed, so the rest of the file would run into that one cell; check that cell (e.g. a \" in a name) and read the file again",
  "reader.quoteStray": "{file}: at line {line}, column {column} a closing quote is followed by more text (like \"Li\"x); check that cell",
  "reader.cellTooLong": "{file}: the cell at {place} is longer than the limit of {limit} characters",
  "reader.zipBroken": "{file}: not a complete .xlsx file (the zip container is damaged or cut short); save it again as .xlsx from Excel",
  "reader.zipEntryTooLarge": "{file}: its part {entry} inflates to {size}, above the limit of {limit} (possibly a zip bomb); for a genuinely large file raise the limit with --max-entry-mb",
  "reader.zipEncrypted": "{file}: the file is encrypted; remove the password in Excel and save it as .xlsx",
  "reader.xlsOrEncrypted": "{file}: this is an Excel 97-2003 workbook (.xls) or an encrypted workbook, not .xlsx; open it in Excel and save it as .xlsx (Excel Workbook)",
  "reader.notXlsx": "{file}: the content is not an .xlsx workbook (perhaps a CSV or another file renamed); if it is a CSV, rename it to .csv, otherwise save it from Excel as .xlsx",
  "reader.notWorkbook": "{file}: the zip holds no Excel workbook (perhaps another Office file); save it as .xlsx",
  "reader.unknownFormat": "{file}: unknown file type {ext}; use .csv, .tsv, .txt, .xlsx or .jsonl",
  "reader.notText": "{file}: this is a workbook or a zip file, not text; if it is an Excel file, rename it to .xlsx",
  "reader.empty": "{file}: the file is empty; no claims were read",
  "reader.noHeader": "{file}: none of the first {rows} rows is a claims header (at least three known column names such as 参保地, 险种, 总费用), so no claims were read; check the file or the sheet",
  "reader.onlyHeader": "{file}: the header is at row {line}, but there are no claims below it",
  "reader.duplicateColumns": "{file}: several columns give the same field: {columns}; delete or rename one, or map them with --map (e.g. --map {example}=-)",
  "reader.dataWithoutHeader": "{file}: {columns} hold data but have no header, so their field is unknown; add the header, or map them with --map (e.g. --map {example}=classB or {example}=-)",
  "reader.unitAbove": "{file}: \"单位：{unit}\" (unit {unit}) is written above the header at {place}; so that amounts are not read as yuan, put the unit in each amount column's header (e.g. 总费用（{unit}）) or convert the amounts to yuan",
  "reader.badUnit": "{file}: column {column} \"{header}\" states the unit {unit}, which is not 元, 千元 or 万元 and cannot be converted; convert it to yuan",
  "reader.formulaUncalculated": "{file}: {count} cells, first {place}, are formulas without a calculated value; open the file in Excel and save it so the formulas are calculated, then read it again",
  "reader.widthMismatch": "line {line} has {got} fields but the header has {want}: a delimiter is missing or extra, so the columns would shift; fix this line",
  "reader.quoteSpansRows": "{file}: lines {line} to {endLine} were joined into one record by a quote ({got} fields, the header has {want}); check the quotes on line {line}",
  "reader.noClaimsSheet": "{file}: no sheet holds a claims header: {sheets}",
  "reader.sheetNotFound": "{file}: no sheet named \"{sheet}\"; the sheets are: {sheets}",
  "reader.manyClaimSheets": "{file}: several sheets look like claims: {sheets}; choose one with --sheet",
  "reader.skipHidden": "{sheet} (hidden)",
  "reader.skipEmpty": "{sheet} (empty)",
  "reader.skipNoHeader": "{sheet} (no claims header)",
  "reader.badJson": "line {line} is not valid JSON (near character {column})",
  "reader.notObject": "line {line} must be one JSON object ({…})",
  "reader.tooDeep": "line {line} is JSON nested deeper than {depth} levels, not a claim",
  "reader.lineTooLong": "line {line} is longer than the limit of {limit} characters",
  "reader.mapTarget": "--map {column}={target}: {target} is not a claim field (use a field name, a Chinese header, or - to ignore the column)",
  "reader.mapColumn": "--map {column}=…: the file's header has no column {column}",
  "reader.summaryText": "Read {file}: encoding {encoding}, delimiter {delimiter}, header at line {line}, {rows} data rows",
  "reader.summaryXlsx": "Read {file}: sheet \"{sheet}\", header at row {line}, {rows} data rows",
  "reader.summaryJsonl": "Read {file}: JSON lines, encoding {encoding}, {rows} data rows",
  "reader.skippedSheets": "Sheets skipped: {sheets}",
  "reader.ignoredColumns": "Ignored columns (not claim fields): {columns}",
  "reader.columnUnit": "column {column} \"{header}\" read in {unit} (×{scale})",
  "reader.broken": "{file}: the file cannot be read ({reason})",
  "reader.comma": "comma",
  "reader.semicolon": "semicolon",
  "reader.tab": "tab",

  // ── claim ───────────────────────────────────────────────────────────────────────
  "claim.codeNoRule": "{field} ({header}): national platform code {code} ({name}): {reason}",
  "claim.codeUnknown": "{field} ({header}): {code} is not a national platform code the project lists ({list}), nor a known spelling; expected {expected}",
  "claim.amountUnit": "{field} ({header}): the header's unit {unit} is not 元, 千元 or 万元 and cannot be converted to yuan",
  "claim.unitDecimals": "read in {unit} (1 {unit} = {scale} yuan), at most two decimals once converted to yuan (fen)",
  "claim.internal": "this record could not be read (an internal error) and was skipped; the other records are settled as usual",

  // ── findings ────────────────────────────────────────────────────────────────────

  // ── engine ──────────────────────────────────────────────────────────────────────

  // ── audit ───────────────────────────────────────────────────────────────────────

  // ── cli ─────────────────────────────────────────────────────────────────────────
  "cli.outExists": "{file} already exists; to keep it, choose another name, or add --force to replace it",
  "cli.outIsIn": "--out {file} is the input file itself; a report is never written over its input: choose another name",
  "cli.outDirMissing": "Cannot write {file}: the folder {dir} does not exist",
  "cli.outWriteFailed": "Cannot write {file} ({reason}); no partial report was left",
  "cli.cannotRead": "Cannot read {file} ({reason})",
  "cli.internal": "Internal error ({reason}); no report was written. Please tell the maintainers the command and the kind of file (not real claim data)",
  "cli.mapSyntax": "--map takes COLUMN=FIELD, e.g. --map H=classB, --map \"总费用（万元）=total\" or --map F=- (ignore the column), not {value}",
  "cli.maxEntry": "--max-entry-mb must be a whole number of MiB, not {value}",

  // ── functions ───────────────────────────────────────────────────────────────────

  // ── pane ────────────────────────────────────────────────────────────────────────
};
