import type { Text } from "./text";

/**
 * What goes wrong, said so that a person can act on it. `input` problems are bad or missing data
 * (Excel #VALUE!); `no_rule` problems are cases the documents do not rule on or parameters they do
 * not give (Excel #N/A). The core never turns either into a number.
 */
export type ProblemKind = "input" | "no_rule";

export interface Problem {
  code: string;
  kind: ProblemKind;
  /** The canonical claim field or parameter id concerned. */
  field?: string;
  /** The offending value, as given. */
  value?: string;
  message: Text;
}

export class PolicyError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    // A problem is an answer, not a crash: no stack trace is captured (it would cost more than the claim).
    const E = Error as unknown as { stackTraceLimit?: number };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(problem.message.en);
    E.stackTraceLimit = limit;
    this.name = "PolicyError";
    this.problem = problem;
  }
}

export function fail(problem: Problem): never {
  throw new PolicyError(problem);
}

export function noRule(code: string, message: Text, field?: string, value?: string): never {
  throw new PolicyError({ code, kind: "no_rule", message, field, value });
}

export function badInput(code: string, field: string, value: string | undefined, message: Text): never {
  throw new PolicyError({ code, kind: "input", field, value, message });
}

export function describeValue(v: unknown): string {
  if (v === undefined) return "(empty)";
  if (v === null) return "(empty)";
  if (typeof v === "string") return v.length > 60 ? JSON.stringify(v.slice(0, 57) + "…") : JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + "…" : s;
  } catch {
    return String(v);
  }
}
