/**
 * Every claim of a run, as the CLI lists them: claimed → recomputed per layer (统筹基金 4,946.30 →
 * 5,087.10) and the reason, filterable by outcome and by reason, virtualised (only the rows in view
 * are in the page, so 100 000 stay reachable by scrolling), each row opening Explain.
 */
import { useMemo, useRef, useState } from "react";
import { elementScroll, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { Button, Field, Input, makeStyles, mergeClasses, Select, Text, tokens } from "@fluentui/react-components";
import type { AuditRow, AuditStatus, Comparison } from "../../src/audit/audit";
import { COMPARED_LABELS } from "../../src/audit/audit";
import { STATUS_TEXT } from "../../src/audit/report";
import { LAYERS } from "../../src/engine/columns";
import { say } from "../../src/messages";
import type { Lang } from "../../src/text";
import { useT } from "../i18n";
import { reasonKinds, tallyRows } from "../rowTally";
import { count, yuan } from "../format";

const VIEWPORT = 420;
/** A row's height before it is measured (an id line, a line of layers, a line of reasons). */
const ROW_ESTIMATE = 76;

/** The list's viewport: the height its style gives, then what its ResizeObserver reports (never read in a commit). */
function viewportRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void): (() => void) | undefined {
  const el = instance.scrollElement;
  if (!el) return undefined;
  cb({ width: 320, height: VIEWPORT });
  const RO = instance.targetWindow?.ResizeObserver;
  if (!RO) return undefined;
  const ro = new RO((entries) => {
    const r = entries[entries.length - 1]?.contentRect;
    // where nothing is laid out (a test's DOM) the height reads 0: the style's height stands
    if (r && r.height > 0) cb({ width: Math.round(r.width), height: Math.round(r.height) });
  });
  ro.observe(el);
  return () => ro.disconnect();
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  filters: { display: "flex", gap: "6px", flexWrap: "wrap", alignItems: "flex-end" },
  filter: { flex: "1 1 200px", minWidth: 0, maxWidth: "100%" },
  // a dropdown starts as wide as its longest option (in whatever font the pane gets): where that does not
  // fit beside the others it takes a row of its own, and shrinks below it only in a pane narrower than that
  pick: { flex: "1 1 auto", minWidth: 0, maxWidth: "100%" },
  control: { width: "100%", minWidth: 0 },
  viewport: { height: `${VIEWPORT}px`, overflowY: "auto", overflowX: "hidden", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, contain: "strict" },
  row: {
    boxSizing: "border-box",
    padding: "6px 8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    borderLeft: `3px solid ${tokens.colorTransparentStroke}`,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    cursor: "pointer",
    minWidth: 0,
    overflowWrap: "anywhere",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  flagged: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  error: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  ok: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  unchecked: { borderLeftColor: tokens.colorNeutralStroke1 },
  head: { display: "flex", gap: "4px 8px", flexWrap: "wrap", alignItems: "baseline", minWidth: 0 },
  status: { fontSize: tokens.fontSizeBase200 },
  statusflagged: { color: tokens.colorPaletteRedForeground1 },
  statuserror: { color: tokens.colorPaletteDarkOrangeForeground1 },
  statusok: { color: tokens.colorPaletteGreenForeground1 },
  statusunchecked: { color: tokens.colorNeutralForeground3 },
  layers: { display: "flex", flexWrap: "wrap", gap: "0 12px", fontVariantNumeric: "tabular-nums" },
  off: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export type StatusFilter = "attention" | "all" | AuditStatus;
const STATUS_FILTERS: StatusFilter[] = ["attention", "all", "flagged", "error", "ok", "unchecked"];

/** Claimed and recomputed fund totals of a row (all fund layers it states), or null. */
export function fundTotals(r: AuditRow): { claimed: number; recomputed: number } | null {
  const cs = r.comparisons.filter((c) => (LAYERS as readonly string[]).includes(c.field));
  // comparisons exist only for a claim that settled (rows from the worker come without the result itself)
  if (!cs.length || (r.result && !r.result.ok)) return null;
  return { claimed: cs.reduce((a, c) => a + c.claimed, 0), recomputed: cs.reduce((a, c) => a + c.recomputed, 0) };
}

function shownComparisons(r: AuditRow): Comparison[] {
  // the layers that say something: a difference, or an amount either side
  return r.comparisons.filter((c) => c.diff !== 0 || c.claimed !== 0 || c.recomputed !== 0);
}

export function ResultsList(props: { rows: readonly AuditRow[]; onOpen: (r: AuditRow) => void; rowLabel: (i: number) => string }) {
  const { s: sayT, lang } = useT();
  const s = useStyles();
  const [status, setStatus] = useState<StatusFilter>("attention");
  const [reason, setReason] = useState("");
  const [query, setQuery] = useState("");
  const scroller = useRef<HTMLDivElement>(null);

  const tally = useMemo(() => tallyRows(props.rows, lang), [props.rows, props.rows.length, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const counts = useMemo(() => {
    const c = tally.status;
    return { ...c, all: props.rows.length, attention: c.flagged + c.error } satisfies Record<StatusFilter, number>;
  }, [tally, props.rows.length]);
  const byStatus = useMemo(() => (status === "all" ? props.rows : props.rows.filter((r) => (status === "attention" ? r.status === "flagged" || r.status === "error" : r.status === status))), [props.rows, status]);
  const kinds = useMemo(() => {
    const from: readonly AuditStatus[] = status === "all" ? ["flagged", "error", "ok", "unchecked"] : status === "attention" ? ["flagged", "error"] : [status];
    const m = new Map<string, number>();
    for (const st of from) for (const [k, n] of tally.kinds[st]) m.set(k, (m.get(k) ?? 0) + n);
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [tally, status]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!reason && !q) return byStatus;
    return byStatus.filter((r) => (!reason || reasonKinds(r, lang).includes(reason)) && (!q || r.id.toLowerCase().includes(q)));
  }, [byStatus, reason, query, lang]);

  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    // the viewport is 420 px high by its style; where nothing is laid out (a test's DOM) it reads 0, so take the style's height
    // Neither the viewport nor a row is measured by reading its size in the commit: that read forces the
    // whole page's layout inside the task that shows the results (at an audit's end, a main-thread task of
    // 100-150 ms on this machine with 100 000 rows). The viewport's height is its style's; a row's height is
    // the estimate until the ResizeObserver, which runs after the browser's own layout, says otherwise.
    observeElementRect: viewportRect,
    // and the list, new at offset 0, is not scrolled to offset 0 as it is attached (a write that forces layout too)
    scrollToFn: (offset, o, instance) => {
      if (offset + (o.adjustments ?? 0) === 0 && !instance.scrollOffset) return;
      elementScroll(offset, o, instance);
    },
    measureElement: (el, entry, instance) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) return Math.round(box.blockSize);
      return instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(el))) ?? ROW_ESTIMATE;
    },
  });
  const sep = sayT("common.sentenceSeparator");

  return (
    <section className={s.root} aria-label={sayT("pane.results.region")}>
      <div className={s.filters}>
        <Field className={s.pick} label={sayT("pane.results.status")}>
          <Select className={s.control} value={status} onChange={(_, d) => (setStatus(d.value as StatusFilter), setReason(""))} data-testid="status-filter">
            {STATUS_FILTERS.map((f) => (
              <option key={f} value={f}>
                {sayT("pane.results.option", { label: statusWord(f, lang), n: count(counts[f]) })}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={s.pick} label={sayT("pane.results.reason")}>
          <Select className={s.control} value={reason} onChange={(_, d) => setReason(d.value)} data-testid="reason-filter">
            <option value="">{sayT("pane.results.anyReason")}</option>
            {kinds.map(([k, n]) => (
              <option key={k} value={k}>
                {sayT("pane.results.option", { label: k, n: count(n) })}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={s.filter} label={sayT("pane.results.find")}>
          <Input className={s.control} value={query} onChange={(_, d) => setQuery(d.value)} placeholder={sayT("pane.results.findHint")} data-testid="id-filter" />
        </Field>
      </div>
      <Text size={200} data-testid="results-count">
        {sayT("pane.results.count", { n: count(shown.length), total: count(props.rows.length) })}
      </Text>
      <div ref={scroller} className={s.viewport} role="list" aria-label={sayT("pane.results.list")} data-testid="results-list">
        <div style={{ height: v.getTotalSize(), position: "relative", width: "100%" }}>
          {v.getVirtualItems().map((item) => {
            const r = shown[item.index]!;
            const totals = fundTotals(r);
            const cs = shownComparisons(r);
            const why = [...r.reasons.map((x) => x[lang]), ...r.problems.map((p) => p.message[lang])].join(sep);
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={v.measureElement}
                role="listitem"
                tabIndex={0}
                className={mergeClasses(s.row, s[r.status])}
                style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}
                onClick={() => props.onOpen(r)}
                onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), props.onOpen(r))}
                data-testid="result-row"
                aria-label={sayT("pane.results.open", { id: r.id })}
              >
                <div className={s.head}>
                  <Text weight="semibold">{r.id}</Text>
                  <Text className={mergeClasses(s.status, s[`status${r.status}`])}>{STATUS_TEXT[r.status][lang]}</Text>
                  <Text size={200} className={s.muted}>
                    {props.rowLabel(r.index)}
                  </Text>
                  {totals && (
                    <Text size={200} data-testid="row-fund">
                      {sayT("pane.results.fund", { claimed: yuan(totals.claimed), recomputed: yuan(totals.recomputed) })}
                    </Text>
                  )}
                </div>
                {cs.length > 0 && (
                  <div className={s.layers}>
                    {cs.map((c) => (
                      <Text key={c.field} size={200} className={Math.abs(c.diff) > 1 ? s.off : undefined}>
                        {COMPARED_LABELS[c.field][lang]} {yuan(c.claimed)} → {yuan(c.recomputed)}
                      </Text>
                    ))}
                  </div>
                )}
                {why && <Text size={200}>{why}</Text>}
              </div>
            );
          })}
        </div>
      </div>
      {shown.length === 0 && (
        <Text size={200} className={s.muted}>
          {sayT("pane.results.none")}
        </Text>
      )}
      {(reason || query) && (
        <Button size="small" appearance="subtle" onClick={() => (setReason(""), setQuery(""))}>
          {sayT("pane.results.clear")}
        </Button>
      )}
    </section>
  );
}

function statusWord(f: StatusFilter, lang: Lang): string {
  switch (f) {
    case "attention":
      return say(lang, "pane.results.attention");
    case "all":
      return say(lang, "pane.results.all");
    default:
      return STATUS_TEXT[f][lang];
  }
}
