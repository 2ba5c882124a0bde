/**
 * The scenario comparison written to a new sheet: what was changed (each edited parameter in words,
 * with the documented value it replaces), the totals by the chosen dimension, who gains and who
 * loses, how people's years were linked, and the Liaoning-bounds check. Amounts with thousands
 * separators and two decimals. The model screen calls this only for a scenario whose every field
 * was read (a refused field disables the button), so the sheet never shows a fallback.
 */
import { comparisonTable, type Comparison } from "../../src/scenario/compare";
import { BINS, type Impact } from "../../src/scenario/impact";
import type { Identity, Unlinked } from "../../src/scenario/year";
import type { BoundsReport } from "../../src/policy/liaoningBounds";
import { COUNT_FORMAT, fitWidths, MONEY_FORMAT, TEXT_FORMAT } from "../../src/audit/report";
import { fenToNumber } from "../../src/money";
import { say, type MessageKey } from "../../src/messages";
import type { Lang } from "../../src/text";
import type { Workbook } from "../workbook/types";

export interface Change {
  id: string;
  key: string;
  label: string;
  /** The key in words (在职 · 10,000 元以上部分). */
  keyWords: string;
  from: string;
  baseline: string;
  scenario: string;
  unit: string;
}

export interface ModelFindings {
  impact: Impact;
  identity: Identity;
  people: number;
  later: number;
  carried: number;
  unlinked: { reason: Unlinked; claims: number; example: string }[];
  gaps: number;
  weightColumn: string;
  invalid: number;
}

/** The words of each band of change, in the report sheet and on the Model screen. */
export const BIN_WORDS: Record<(typeof BINS)[number], MessageKey> = {
  down1000: "pane.bin.down1000",
  down100: "pane.bin.down100",
  down10: "pane.bin.down10",
  down0: "pane.bin.down0",
  same: "pane.bin.same",
  up0: "pane.bin.up0",
  up10: "pane.bin.up10",
  up100: "pane.bin.up100",
  up1000: "pane.bin.up1000",
};

export async function writeComparison(wb: Workbook, o: { lang: Lang; set: string; date: string; source: string; changes: Change[]; comparison: Comparison; bounds: BoundsReport | null; findings?: ModelFindings }): Promise<string> {
  const w = (k: MessageKey, p?: Parameters<typeof say>[2]) => say(o.lang, k, p);
  const sheet = await wb.newSheet(w("pane.sheet.model"));
  const blocks: { rows: unknown[][]; formats: string[] }[] = [];
  const text = (rows: unknown[][]) => blocks.push({ rows, formats: [TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT] });
  text([
    [w("pane.sheet.modelTitle")],
    [w("pane.model.set"), o.set],
    [w("pane.model.date"), o.date],
    [w("pane.sheet.claims"), o.source],
    ...(o.findings?.weightColumn ? [[w("pane.model.weight"), o.findings.weightColumn]] : []),
    [],
    [w("pane.sheet.changed")],
    [w("pane.sheet.param"), w("pane.sheet.key"), w("pane.sheet.from"), w("pane.sheet.documented"), w("pane.sheet.scenario"), w("pane.sheet.unit"), w("pane.sheet.paramId")],
    ...(o.changes.length ? o.changes.map((c) => [c.label, c.keyWords, c.from, c.baseline, c.scenario, c.unit, c.key ? `${c.id} ${c.key}` : c.id]) : [[w("pane.sheet.noChanges")]]),
    [],
  ]);
  const table = comparisonTable(o.comparison, o.lang);
  blocks.push({ rows: table, formats: [TEXT_FORMAT, COUNT_FORMAT, MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, "0.00", MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, TEXT_FORMAT] });
  if (o.comparison.weighted) text([[w("pane.sheet.weighted")]]);
  const f = o.findings;
  if (f) {
    const im = f.impact;
    text([[], [w("pane.gain.title")]]);
    blocks.push({
      rows: [
        [w("pane.sheet.group"), w("pane.gain.gain"), w("pane.gain.lose"), w("pane.sheet.same"), w("pane.sheet.failed"), w("pane.sheet.capIn"), w("pane.sheet.capOut"), w("pane.sheet.thresholdIn"), w("pane.sheet.thresholdOut"), w("pane.sheet.personalChange")],
        ...[...im.groups, im.total].map((g) => [g.label[o.lang], g.gain, g.lose, g.same, g.failed, g.capIn, g.capOut, g.thresholdIn, g.thresholdOut, fenToNumber(g.change)]),
      ],
      formats: [TEXT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, MONEY_FORMAT],
    });
    text([[], [w("pane.gain.chart")]]);
    blocks.push({ rows: BINS.map((b) => [w(BIN_WORDS[b]), im.bins[b]]), formats: [TEXT_FORMAT, COUNT_FORMAT] });
    const why: Record<Unlinked, MessageKey> = { noIdentity: "pane.link.noIdentity", sameName: "pane.link.sameName", ytdOrder: "pane.link.ytdOrder" };
    text([
      [],
      [w("pane.sheet.linking")],
      [f.identity === "none" ? w("pane.link.none") : w(f.identity === "idNumber" ? "pane.link.byId" : "pane.link.byName", { people: f.people, later: f.later })],
      [w("pane.model.carried", { n: f.carried })],
      ...f.unlinked.map((u) => [w(why[u.reason], { n: u.claims, example: u.example })]),
      ...(f.gaps ? [[w("pane.link.gaps", { n: f.gaps, example: "" })]] : []),
      ...(f.invalid ? [[w("pane.model.invalidRows", { n: f.invalid })]] : []),
    ]);
  }
  if (o.bounds) {
    text([
      [],
      [w("pane.sheet.bounds")],
      [w("pane.model.bounds", { passed: o.bounds.passed, breaches: o.bounds.breaches.length, unchecked: o.bounds.unchecked.length })],
      ...o.bounds.breaches.map((b) => [w("pane.sheet.breach"), b.message[o.lang]]),
      ...o.bounds.unchecked.map((u) => [w("pane.sheet.unchecked"), u.message[o.lang]]),
    ]);
  }
  let at = 0;
  let tableTop = 0;
  const all: unknown[][] = [];
  for (const b of blocks) {
    if (b.rows === table) tableTop = at;
    if (b.rows.length) await sheet.write(at, 0, b.rows, b.formats);
    at += b.rows.length;
    all.push(...b.rows);
  }
  await sheet.format(tableTop, 0, table.length, table[0]!.length, { headerRow: false, nonZeroRed: [4, 8], widths: fitWidths(all.filter((r) => r.length > 1), 10, 40) });
  await sheet.activate();
  return sheet.name;
}
