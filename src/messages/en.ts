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

  // ── pane ────────────────────────────────────────────────────────────────────────
  "pane.input.empty": "Type a value, or press Reset for the documented one",
  "pane.input.decimalComma": "Write the decimal with a point: {value} (a comma only separates thousands)",
  "pane.input.negative": "Cannot be negative",
  "pane.input.ratio": "Type a ratio: 0.83 or 83%",
  "pane.input.points": "Type a change in percentage points: 0.05, -0.10 or 5%",
  "pane.input.percentDecimals": "A percentage takes at most two decimals (83.25%)",
  "pane.input.ratioDecimals": "A ratio takes at most four decimals (0.8325)",
  "pane.input.ratioRange": "A ratio is between 0 and 1 (0.83), or 0% to 100%",
  "pane.input.pointsRange": "A change is between -100% and 100%",
  "pane.input.ratioNotPercent": "\"{value}\" is above 1: write a ratio as 0.83 or 83%",
  "pane.input.pointsNotPercent": "\"{value}\" is above 1: write a change as 0.05 or 5%",
  "pane.input.amount": "Type an amount in yuan: 1400 or 1,400.50",
  "pane.input.amountDecimals": "An amount takes at most two decimals (fen)",
  "pane.input.amountRange": "The amount is beyond what can be computed (at most 1 billion yuan)",
  "pane.input.whole": "Type a whole number",
  "pane.input.factor": "Type a multiple: 2.5",
  "pane.input.factorDecimals": "A multiple takes at most four decimals",
  "pane.input.choose": "Choose from the list",
};
