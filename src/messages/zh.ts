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
} as const;
