/**
 * The scenario comparison written to a new sheet: what was changed (each edited parameter with the
 * documented value it replaces), the totals by the chosen dimension, and the Liaoning-bounds check.
 */
import { comparisonTable, type Comparison } from "../../src/scenario/compare";
import type { BoundsReport } from "../../src/policy/liaoningBounds";
import type { Lang } from "../../src/text";
import type { Workbook } from "../workbook/types";

export interface Change {
  id: string;
  key: string;
  label: string;
  from: string;
  baseline: string;
  scenario: string;
}

export async function writeComparison(wb: Workbook, o: { lang: Lang; set: string; date: string; source: string; changes: Change[]; comparison: Comparison; bounds: BoundsReport | null }): Promise<string> {
  const zh = o.lang === "zh";
  const sheet = await wb.newSheet(zh ? "测算对比" : "Scenario comparison");
  const rows: unknown[][] = [
    [zh ? "医保核算：政策测算对比" : "Scenario comparison"],
    [zh ? "参数集" : "Policy set", o.set],
    [zh ? "参数日期" : "Parameters as of", o.date],
    [zh ? "理赔数据" : "Claims", o.source],
    [],
    [zh ? "调整的参数" : "Changed parameters"],
    zh ? ["参数", "键", "名称", "生效日期", "文件规定", "方案取值"] : ["Parameter", "Key", "Label", "From", "Documented", "Scenario"],
    ...(o.changes.length ? o.changes.map((c) => [c.id, c.key, c.label, c.from, c.baseline, c.scenario]) : [[zh ? "（无：方案与文件规定相同）" : "(none: the scenario is the documented rules)"]]),
    [],
  ];
  const tableTop = rows.length;
  const table = comparisonTable(o.comparison, o.lang);
  rows.push(...table, []);
  if (o.bounds) {
    rows.push([zh ? "辽宁省异地就医管理办法第二十三条核对" : "Check against Liaoning art. 23"]);
    rows.push([zh ? `通过 ${o.bounds.passed} 项，违反 ${o.bounds.breaches.length} 项，缺数据未核对 ${o.bounds.unchecked.length} 项` : `${o.bounds.passed} passed, ${o.bounds.breaches.length} breached, ${o.bounds.unchecked.length} not checkable`]);
    for (const b of o.bounds.breaches) rows.push([zh ? "违反" : "Breach", b.message[o.lang]]);
    for (const u of o.bounds.unchecked) rows.push([zh ? "未核对" : "Not checked", u.message[o.lang]]);
  }
  // every column after the first three of the comparison table is an amount or a rate
  await sheet.write(0, 0, rows.slice(0, tableTop), ["@", "@", "@", "@", "@", "@"]);
  await sheet.write(tableTop, 0, table, ["@", "0", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "@"]);
  if (rows.length > tableTop + table.length) await sheet.write(tableTop + table.length, 0, rows.slice(tableTop + table.length), ["@", "@"]);
  await sheet.format(tableTop, 0, table.length, table[0]!.length, { headerRow: false, nonZeroRed: [4, 8], widths: [26, 10, 14, 14, 14, 10, 14, 14, 14, 12] });
  await sheet.activate();
  return sheet.name;
}
