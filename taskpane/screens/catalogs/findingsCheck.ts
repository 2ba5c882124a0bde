/**
 * The findings checker's answer: the findings a person pastes, read by the findings language
 * (docs/findings.md) exactly as IS_EMERGENCY reads them, and the key criterion of one condition
 * evaluated over them. Refused items stop the answer (the formula gives an error for them too);
 * ignored items are listed with their reasons and do not.
 */
import { conditionsMet, evaluate, parseFindings, YISHANG_READING, type Answer, type Condition, type Evaluation, type ParsedFindings, type YishangReading } from "../../../src/catalogs/emergency";
import { tryFormula } from "./entry";

export interface FindingsCheck {
  parsed: ParsedFindings;
  /** Items could not be read: no answer (IS_EMERGENCY gives #VALUE! with the same reasons). */
  refused: boolean;
  evaluation: Evaluation | null;
  /** The answer under the other reading of 以上 (POLICY §10), when it would differ. */
  otherReading: { reading: YishangReading; result: Answer } | null;
  /** Other conditions these findings meet (what EMERGENCY_CONDITIONS lists). */
  alsoMet: Condition[];
}

export function checkFindings(c: Condition, text: string): FindingsCheck | null {
  if (!text.trim()) return null;
  const parsed = parseFindings(text);
  if (parsed.problems.length) return { parsed, refused: true, evaluation: null, otherReading: null, alsoMet: [] };
  const evaluation = evaluate(c, parsed.findings);
  const other: YishangReading = YISHANG_READING.default === "more_than" ? "at_least" : "more_than";
  const alt = evaluate(c, parsed.findings, { yishang: other });
  return {
    parsed,
    refused: false,
    evaluation,
    otherReading: alt.result !== evaluation.result ? { reading: other, result: alt.result } : null,
    alsoMet: conditionsMet(parsed.findings)
      .map((e) => e.condition)
      .filter((x) => x !== c),
  };
}

/** The findings as one formula argument: line breaks become the item separator ";" (the findings language reads both alike). */
export function findingsArgument(text: string): string {
  return text
    .trim()
    .split(/\s*[\r\n]+\s*/)
    .filter(Boolean)
    .join(";");
}

/** IS_EMERGENCY with the typed findings, or null when they are longer than a formula's text may be. */
export function checkerFormula(conditionName: string, text: string): string | null {
  return tryFormula("IS_EMERGENCY", [conditionName, findingsArgument(text)]);
}
