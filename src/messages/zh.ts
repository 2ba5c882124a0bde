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

  // ── claim: validation of one record (src/claim/) ──────────────────────────────────

  // ── findings: emergency findings, condition and disease names (src/catalogs/) ─────

  // ── engine: rules, trace steps, parameters (src/engine/, src/params/) ─────────────

  // ── audit: comparisons, reasons, report sheets (src/audit/) ───────────────────────

  // ── cli: the yibao command line (cli/) ────────────────────────────────────────────

  // ── functions: custom functions (functions/) ──────────────────────────────────────
  "functions.cells.column": "第 {position} 列（{header}）",
  "functions.cells.columnUntitled": "第 {position} 列",
  "functions.cells.error": "{column}是 Excel 错误值 {code}",
  "functions.cells.dataType": "{column}是 Excel 数据类型（{type}：{text}），不是一个值：请改用它的值（复制后“选择性粘贴 → 值”，或引用它的某个字段）",
  "functions.cells.headerError": "表头第 {position} 列是 Excel 错误值 {code}",
  "functions.cells.headerDataType": "表头第 {position} 列是 Excel 数据类型（{type}），不是列名",
  "functions.cells.argError": "{argument}是 Excel 错误值 {code}",
  "functions.cells.argDataType": "{argument}是 Excel 数据类型（{type}：{text}），不是一个值",
  "functions.params.error": "参数表第 {row} 行第 {position} 列是 Excel 错误值 {code}",
  "functions.params.dataType": "参数表第 {row} 行第 {position} 列是 Excel 数据类型（{type}），不是一个值",
  "functions.params.zero": "参数表第 {row} 行：取值为 0。桌面版 Excel 把清空的单元格也传为 0，二者无法分辨；要把该参数设为 0，请写成文本 '0（或带单位，如 0%）；要沿用文件中的取值，请删除这一行",
  "functions.findings.zero": "指标“{name}”的数值为 0：桌面版 Excel 把空白单元格也传为 0，二者无法分辨；若确为 0，请写成文本 '0",
  "functions.arg.lang": "语言",
  "functions.arg.langInvalid": "语言“{value}”无效：请写 zh（中文）或 en（英文），或留空（跟随 Excel 的显示语言）",
  "functions.arg.text": "参数",
  "functions.arg.date": "日期",
  "functions.arg.condition": "病种",
  "functions.arg.findings": "指标",
  "functions.arg.name": "病种名称",
  "functions.arg.code": "病种代码",
  "functions.params.row": "参数表第 {row} 行：{message}",
  "functions.params.label": "工作表参数表",
  "functions.params.unknownSet": "未知参数集“{set}”，可选：lanzhou、shenyang、liaoning",
  "functions.output.invalid": "输出“{value}”无效，可选：{choices} 或 全部",
  "functions.output.ruleLabel": "适用规则",
  "functions.reimburse.noRows": "没有理赔数据行",
  "functions.explain.claim": "— 第 {n} 笔 —",
  "functions.explain.tooMany": "计算说明一次最多说明 {max} 笔理赔（此区域有 {n} 笔）：请缩小区域，或用 结算明细（SETTLEMENT）每笔一行",
  "functions.emergency.unknown": "未知病种“{name}”",
  "functions.emergency.unknownClosest": "未知病种“{name}”，最接近：{closest}",
  "functions.emergency.missing": "缺少：{findings}",
  "functions.emergency.none": "不符合任何病种的关键标准",
  "functions.chronic.closest": "最接近：{closest}",
  "functions.chronic.notCode": "“{value}”不是国家门诊慢特病代码",
  "functions.date.invalid": "日期“{value}”无效",
  "functions.date.missing": "日期未填写",
  "functions.param.unknown": "未知参数“{id}”",
  "functions.param.noKey": "参数“{id}”没有键“{key}”",
  "functions.referral.none": "目录中没有相近的病种或诊疗项目",
  "functions.materials.none": "文件没有给出这类报销的材料清单",
  "functions.materials.minimum": "（最低要求）",

  // ── pane: the task pane (taskpane/) ────────────────────────────────────────────────
  "pane.insert.notRegistered": "公式已写入 {address}，但 Excel 还不认识 YIBAO 函数（显示 #NAME?）：加载项的自定义函数尚未注册。请关闭并重新打开加载项（或 Excel），然后在该单元格按 F2、回车重新计算",
} as const;
