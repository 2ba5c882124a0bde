/**
 * Every message a person reads, in Chinese: one entry per key, `{name}` where a value goes. The
 * English catalog (en.ts) has exactly the same keys and placeholders (test/messages.test.ts), and
 * every key is used somewhere in the project. Keys are grouped by the part of the project that
 * speaks: keep each group together, in the order below.
 */
export const zh = {
  // ── common: words shared by every part ───────────────────────────────────────────
  "common.listSeparator": "、",
  "common.sentenceSeparator": "；",

  // ── reader: files and cells into records (io/) ───────────────────────────────────
  "reader.encodingUnknown": "{file}：文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，无法可靠读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx",
  "reader.nulBytes": "{file}：第 {line} 行含有空字符（NUL），可能是没有 BOM 的 UTF-16 文本或二进制文件；请另存为“CSV UTF-8”或 .xlsx",
  "reader.quoteUnclosed": "{file}：第 {line} 行 {column} 列的引号没有闭合，其后的内容会被并入这一个单元格；请检查该单元格（例如姓名中的 \"），修正后再读取",
  "reader.quoteStray": "{file}：第 {line} 行 {column} 列的引号闭合后又紧跟其他字符（如 \"李某\"乙）；请检查该单元格",
  "reader.cellTooLong": "{file}：{place} 的单元格超过 {limit} 个字符的上限",
  "reader.zipBroken": "{file}：不是完整的 .xlsx 文件（压缩包已损坏或不完整）；请在 Excel 中重新保存为 .xlsx",
  "reader.zipEntryTooLarge": "{file}：其中 {entry} 解压后为 {size}，超过 {limit} 的上限（可能是压缩炸弹）；确属正常的大文件可用 --max-entry-mb 提高上限",
  "reader.zipEncrypted": "{file}：文件已加密；请在 Excel 中去掉密码后另存为 .xlsx",
  "reader.xlsOrEncrypted": "{file}：这是旧版 Excel 97-2003（.xls）或加密的工作簿，不是 .xlsx；请在 Excel 中打开并另存为 .xlsx（Excel 工作簿）",
  "reader.notXlsx": "{file}：内容不是 .xlsx 工作簿（可能是改了扩展名的 CSV 或其他文件）；若是 CSV 请把扩展名改为 .csv，否则请在 Excel 中另存为 .xlsx",
  "reader.notWorkbook": "{file}：压缩包中没有 Excel 工作簿的内容（可能是其他 Office 文件）；请另存为 .xlsx",
  "reader.unknownFormat": "{file}：不认识的文件类型 {ext}；请使用 .csv、.tsv、.txt、.xlsx 或 .jsonl",
  "reader.notText": "{file}：这是一个工作簿或压缩文件，不是文本；若是 Excel 文件请把扩展名改为 .xlsx",
  "reader.empty": "{file}：文件是空的，没有读到任何报销单",
  "reader.noHeader": "{file}：前 {rows} 行中没有一行是报销单的表头（至少要有参保地、险种、总费用等三个已知列名），没有读到任何报销单；请检查文件或工作表",
  "reader.onlyHeader": "{file}：表头在第 {line} 行，但下面没有任何报销单数据",
  "reader.duplicateColumns": "{file}：多列表示同一字段：{columns}；请删除或改名其中一列，或用 --map 指定（如 --map {example}=-）",
  "reader.dataWithoutHeader": "{file}：{columns} 没有表头却有数据，无法判断是什么字段；请补上表头，或用 --map 指定（如 --map {example}=乙类费用 或 {example}=-）",
  "reader.unitAbove": "{file}：表头上方 {place} 写有“单位：{unit}”；为避免把 {unit} 当作元读取，请把单位写进每个金额列的表头（如 总费用（{unit}））或换算为元",
  "reader.badUnit": "{file}：{column} 列“{header}”的单位 {unit} 不是 元、千元 或 万元，无法换算；请换算为元",
  "reader.formulaUncalculated": "{file}：{place} 等 {count} 个单元格是没有计算结果的公式；请在 Excel 中打开该文件并保存，让公式算出结果后再读取",
  "reader.widthMismatch": "第 {line} 行有 {got} 个字段，而表头有 {want} 个：分隔符多了或少了，各列会错位；请修正这一行",
  "reader.quoteSpansRows": "{file}：第 {line} 行到第 {endLine} 行被引号合并成了一条记录（{got} 个字段，表头有 {want} 个）；请检查第 {line} 行中的引号",
  "reader.noClaimsSheet": "{file}：没有哪个工作表含有报销单的表头：{sheets}",
  "reader.sheetNotFound": "{file}：没有名为“{sheet}”的工作表；现有工作表：{sheets}",
  "reader.manyClaimSheets": "{file}：多个工作表都像报销单：{sheets}；请用 --sheet 指定要核查的工作表",
  "reader.skipHidden": "{sheet}（隐藏）",
  "reader.skipEmpty": "{sheet}（空白）",
  "reader.skipNoHeader": "{sheet}（没有报销单表头）",
  "reader.badJson": "第 {line} 行不是有效的 JSON（第 {column} 个字符附近）",
  "reader.notObject": "第 {line} 行应是一个 JSON 对象（{…}）",
  "reader.tooDeep": "第 {line} 行的 JSON 嵌套超过 {depth} 层，不是一条报销单",
  "reader.lineTooLong": "第 {line} 行超过 {limit} 个字符的上限",
  "reader.mapTarget": "--map {column}={target}：{target} 不是报销单字段（可用字段名、中文表头，或 - 表示忽略该列）",
  "reader.mapColumn": "--map {column}=…：文件的表头中没有列 {column}",
  "reader.summaryText": "读取 {file}：编码 {encoding}，分隔符 {delimiter}，表头在第 {line} 行，{rows} 行数据",
  "reader.summaryXlsx": "读取 {file}：工作表“{sheet}”，表头在第 {line} 行，{rows} 行数据",
  "reader.summaryJsonl": "读取 {file}：JSON 行，编码 {encoding}，{rows} 行数据",
  "reader.skippedSheets": "跳过的工作表：{sheets}",
  "reader.ignoredColumns": "忽略的列（不是报销单字段）：{columns}",
  "reader.columnUnit": "{column} 列“{header}”按 {unit} 读取（×{scale}）",
  "reader.broken": "{file}：文件无法读取（{reason}）",
  "reader.comma": "逗号",
  "reader.semicolon": "分号",
  "reader.tab": "制表符",

  // ── claim: validation of one record (src/claim/) ──────────────────────────────────
  "claim.codeNoRule": "{field}（{header}）：国家平台代码 {code}（{name}）：{reason}",
  "claim.codeUnknown": "{field}（{header}）：{code} 不是已收录的国家平台代码（{list}），也不是可识别的写法；应为{expected}",
  "claim.amountUnit": "{field}（{header}）：表头的单位 {unit} 不是 元、千元 或 万元，无法换算为元",
  "claim.unitDecimals": "按{unit}读取（1 {unit} = {scale} 元），换算为元后最多两位小数（精确到分）",
  "claim.internal": "这条记录无法读取（内部错误），已跳过；其余记录照常核算",

  // ── findings: emergency findings, condition and disease names (src/catalogs/) ─────

  // ── engine: rules, trace steps, parameters (src/engine/, src/params/) ─────────────

  // ── audit: comparisons, reasons, report sheets (src/audit/) ───────────────────────

  // ── cli: the yibao command line (cli/) ────────────────────────────────────────────
  "cli.outExists": "{file} 已存在；为免覆盖，请换一个文件名，或加 --force 覆盖",
  "cli.outIsIn": "--out {file} 就是输入文件本身；报告绝不会写在输入文件上，请换一个文件名",
  "cli.outDirMissing": "无法写入 {file}：文件夹 {dir} 不存在",
  "cli.outWriteFailed": "无法写入 {file}（{reason}）；没有留下不完整的报告",
  "cli.cannotRead": "无法读取 {file}（{reason}）",
  "cli.internal": "内部错误（{reason}）；没有写入任何报告。请把命令和文件类型报告给维护者（不要附上真实的报销数据）",
  "cli.mapSyntax": "--map 的写法是 列=字段，例如 --map H=乙类费用、--map \"总费用（万元）=total\" 或 --map F=-（忽略该列），不是 {value}",
  "cli.maxEntry": "--max-entry-mb 应是正整数（MiB），不是 {value}",

  // ── functions: custom functions (functions/) ──────────────────────────────────────

  // ── pane: the task pane (taskpane/) ────────────────────────────────────────────────
} as const;
