/**
 * The open workbook's date system (src/dates.ts DateSystem), read through Office.js without writing
 * any cell: Excel evaluates DATE(1904, 1, 1) (`workbook.functions.date`, ExcelApi 1.2), which is 0 in a
 * workbook using the 1904 date system and 1462 in one using the 1900 system; src/dates.ts
 * dateSystemOf reads the answer, and anything else (an error value, a failed request) is "unknown".
 *
 * Office.js has no released property that says it directly: `Workbook.use1904DateSystem` is in the
 * preview API set only (ExcelApi BETA), which production Excel does not offer, and is not in the
 * @types/office-js this project builds with. Were it released, it would be the one to ask, this the
 * fallback.
 *
 * Used by taskpane/index.tsx (at start-up, and handed to the functions to read again before each
 * calculation pass: functions/excel.ts passDateSystem) and taskpane/workbook/excel.ts (with each
 * read of a sheet, queued in the same request as the read: no round trip of its own).
 */
import { dateSystemOf, type DateSystem } from "../src/dates";

/**
 * Queue the question on a request context; the answer is read, after the next context.sync(), by the
 * function returned. Where the host does not offer ExcelApi 1.2, or queueing fails, it says "unknown".
 */
export function askDateSystem(ctx: Excel.RequestContext): () => DateSystem {
  let r: Excel.FunctionResult<number>;
  try {
    if (typeof Office !== "undefined" && Office.context?.requirements && !Office.context.requirements.isSetSupported("ExcelApi", "1.2")) return () => "unknown";
    r = ctx.workbook.functions.date(1904, 1, 1);
    r.load("value,error");
  } catch {
    return () => "unknown";
  }
  return () => {
    try {
      return r.error ? "unknown" : dateSystemOf(r.value);
    } catch {
      return "unknown";
    }
  };
}

/** The date system, asked in a sync of its own on a context (a failure is "unknown", and nothing else of the run's). */
export async function dateSystemIn(ctx: Excel.RequestContext): Promise<DateSystem> {
  const answer = askDateSystem(ctx);
  try {
    await ctx.sync();
  } catch {
    return "unknown";
  }
  return answer();
}

/** The date system, in an Excel.run of its own (one round trip); "unknown" when Excel cannot say. */
export async function detectDateSystem(): Promise<DateSystem> {
  try {
    return await Excel.run((ctx) => dateSystemIn(ctx));
  } catch {
    return "unknown";
  }
}
