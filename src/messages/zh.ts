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

  // ── pane: the task pane (taskpane/) ────────────────────────────────────────────────
  "pane.input.empty": "请填写取值，或点“恢复”用文件规定的值",
  "pane.input.decimalComma": "小数点请用“.”：如 {value}（逗号只用作千位分隔）",
  "pane.input.negative": "不能为负数",
  "pane.input.ratio": "请填写比例：如 0.83 或 83%",
  "pane.input.points": "请填写百分点变化：如 0.05、-0.10 或 5%",
  "pane.input.percentDecimals": "百分数最多两位小数（如 83.25%）",
  "pane.input.ratioDecimals": "比例最多四位小数（如 0.8325）",
  "pane.input.ratioRange": "比例应在 0 到 1 之间（0.83），或写作 0% 到 100%",
  "pane.input.pointsRange": "变化幅度应在 -100% 到 100% 之间",
  "pane.input.ratioNotPercent": "“{value}”大于 1：比例请写作 0.83 或 83%",
  "pane.input.pointsNotPercent": "“{value}”大于 1：百分点变化请写作 0.05 或 5%",
  "pane.input.amount": "请填写金额（元）：如 1400 或 1,400.50",
  "pane.input.amountDecimals": "金额最多两位小数（到分）",
  "pane.input.amountRange": "金额超出可计算的范围（最多 10 亿元）",
  "pane.input.whole": "请填写整数",
  "pane.input.factor": "请填写倍数：如 2.5",
  "pane.input.factorDecimals": "倍数最多四位小数",
  "pane.input.choose": "请从列表中选择",
} as const;
