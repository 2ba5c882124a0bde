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
  "findings.unknownItem": "未知指标“{name}”，已忽略（不是关键标准中的指标）{suggest}",
  "findings.didYouMean": "；是否指：{names}",
  "findings.notUsed": "“{name}”：{why}，已忽略",
  "findings.notUsedRefused": "“{name}”：{why}",
  "findings.notMeasured": "“{name}”写明未测或不详：按缺少处理",
  "findings.notMeasuredValue": "“{item}”写明未测，却又给了值“{value}”",
  "findings.negatedChoice": "“{item}”说的是没有某一{name}，不用于判断：请写出所见的{name}",
  "findings.runTogether": "“{item}”的指标名称与数值连在一起，无法分开：请在名称与数值之间加空格或“=”",
  "findings.splitNumber": "“{item}”后面紧跟着没有名称的“{rest}”：二者可能是被逗号分开的同一个数（如 3,5），两项都不采用",
  "findings.noName": "“{item}”只有数值，没有指标名称（小数点请写“.”，各项之间用“;”分隔）",
  "findings.needsValue": "“{name}”缺少数值（{unit}）",
  "findings.notNumber": "“{name}”应为数值（{unit}），而不是“{value}”",
  "findings.ambiguousComma": "“{name}”的数值“{value}”含逗号，可读作小数也可读作千位分隔，无法判断：小数点请写“.”，千位不加分隔",
  "findings.malformedNumber": "“{name}”的数值“{value}”不是一个数",
  "findings.rangeValue": "“{name}”写的是范围“{value}”，关键标准需要一个测量值",
  "findings.approximate": "“{name}”写的是约数“{value}”，关键标准需要测量值",
  "findings.twoValues": "“{name}”写了两个数值“{value}”，关键标准需要一个",
  "findings.twoBounds": "“{name}”的“{value}”前后都写了比较词",
  "findings.unit": "“{name}”的单位应为 {units}，而不是“{unit}”{hint}",
  "findings.unitHint": "（{hint}）",
  "findings.implausible": "“{name}”={value} 超出可能的范围（{min}–{max}{unit}）：可能是笔误或单位错误",
  "findings.fractionAmbiguous": "“{name}”={value} 可读作分数（{asFraction}%）也可读作百分数（{value}%）：请写明 %",
  "findings.boolean": "“{name}”应为 是/否（有/无、阳性/阴性），而不是“{value}”",
  "findings.judged": "“{name}”应写为 {words}，而不是“{value}”（关键标准不给数值界限，数值须结合化验单的参考范围）",
  "findings.booleanAmbiguous": "“{name}”={value} 既不是阳性也不是阴性，无法判断",
  "findings.choice": "“{name}”没有“{value}”这一选项（可选：{options}）",
  "findings.choiceMissing": "“{name}”缺少所见的选项（可选：{options}）",
  "findings.bloodPressure": "血压“{value}”应写成 收缩压/舒张压（如 75/40 mmHg）",
  "findings.bloodPressureOrder": "血压“{value}”的收缩压低于舒张压，顺序可能写反",
  "findings.conflict": "“{name}”给了两个不同的值：{first} 与 {second}",
  "findings.bareHistory": "“{name}”请写明 有 或 无",
  "findings.bareJudged": "“{name}”请写明 {words}",
  "findings.read": "{name} = {value}",
  "findings.readAs": "{name} = {value}（写作“{written}”）",
  "findings.readFraction": "{name} = {value}（写作 {written}，按分数读）",
  "findings.ignoredNote": "关键指标中忽略的项目：{items}",
  "findings.readNote": "关键指标的读法：{items}",
  "findings.refusedCondition": "急危重病关键指标无法读取：{problems}",
  "findings.conditionUnknown": "“{name}”不是急危重病参考病种{closest}",
  "findings.conditionAmbiguous": "“{name}”可指不止一个病种，请选定：{candidates}（{why}）",
  "findings.closest": "；最接近的：{names}",
  "findings.chronicPartial": "“{name}”少了病种名称中的限定语，不能直接对应：可能是 {rows}（请写全病种名称）",
  "findings.chronicSeveral": "“{name}”同时对应多个病种：{codes}；请分病种填写（医保办发〔2024〕19号 二、(四)）",
  "findings.yes": "是",
  "findings.no": "否",
  "findings.wordsTrue": "阳性/阴性",
  "findings.wordsElevated": "升高/正常",
  "findings.wordsLow": "降低/正常",
  "findings.noUnit": "无单位",

  // ── engine: rules, trace steps, parameters (src/engine/, src/params/) ─────────────

  // ── audit: comparisons, reasons, report sheets (src/audit/) ───────────────────────

  // ── cli: the yibao command line (cli/) ────────────────────────────────────────────
  "cli.referralUsage": "referral --condition 病种或诊疗项目 [--department 科室] [--json] [--limit N] [--lang zh|en]：请给出 --condition 或 --department",
  "cli.referralDepartmentRead": "科室“{asked}”按目录中的 {departments} 查找",
  "cli.referralDepartmentUnknown": "目录中没有“{asked}”这一科室，已在全部科室中查找（目录科室：{departments}）",
  "cli.referralDepartmentQuery": "“{query}”是科室名称：列出 {departments} 的条目",
  "cli.referralNone": "目录中没有与“{query}”相近的病种或诊疗项目",
  "cli.referralNoneInDepartment": "{departments} 中没有与“{query}”相近的条目；其他科室有 {n} 条（去掉 --department 可见）",
  "cli.referralMore": "另有 {n} 条（用 --limit 显示更多）",
  "cli.referralSource": "依据：{citation}",
  "cli.limitInvalid": "--limit 应为正整数，而不是“{value}”",
  "cli.emergencyFindingsRequired": "--findings 必填，例如 --findings \"收缩压=75;乳酸=3.5\"（写法见 docs/findings.md）",
  "cli.emergencyMet": "符合",
  "cli.emergencyNotMet": "不符合",
  "cli.emergencyUnknown": "无法判断",
  "cli.emergencyRefused": "指标无法读取，不作判断",
  "cli.emergencyMissing": "；缺少：{names}",
  "cli.emergencyCriterion": "关键标准：{criterion}",
  "cli.emergencySource": "依据：{citation}",
  "cli.emergencyNoneMet": "这些指标不符合任何病种的关键标准",
  "cli.emergencyProblem": "指标 {item}：{message}",
  "cli.emergencyIgnored": "已忽略 {item}：{message}",
  "cli.emergencyRead": "读作 {text}",
  "cli.yishangInvalid": "--yishang 只能是 more_than（超过，默认）或 at_least（含本数），而不是“{value}”",

  // ── functions: custom functions (functions/) ──────────────────────────────────────

  // ── pane: the task pane (taskpane/) ────────────────────────────────────────────────
} as const;
