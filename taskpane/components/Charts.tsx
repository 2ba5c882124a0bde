/**
 * The model's charts, drawn by Fluent UI's own charting library (@fluentui/react-charts: Fluent v9
 * tokens and theming, keyboard and screen-reader support, tooltips; d3 scales underneath; no network).
 * Each chart has its axes and values on the bars; the numbers are the core's, converted to yuan for
 * drawing only (the table beside the chart keeps the exact fen).
 *  - baseline against scenario fund outlay by group (grouped bars);
 *  - the change in fund outlay by group (bars above or below zero);
 *  - the distribution of the change in personal burden (claims per band of the change).
 */
import { useEffect, useRef, useState } from "react";
import { GroupedVerticalBarChart, VerticalBarChart, type GroupedVerticalBarChartData, type VerticalBarChartDataPoint } from "@fluentui/react-charts";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Fen } from "../../src/money";
import type { Lang } from "../../src/text";
import { compactYuan, count, signedYuan, yuan } from "../format";

const useStyles = makeStyles({
  figure: { margin: 0, minWidth: 0, maxWidth: "600px", overflow: "hidden" },
  caption: { display: "block", marginBottom: "4px", overflowWrap: "anywhere" },
});

/** The width the chart may take: its container's, followed as the pane is resized. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [w, setW] = useState(320);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const cw = Math.floor(el.getBoundingClientRect().width);
      if (cw > 0) setW(Math.min(cw, 600));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

const toYuan = (fen: Fen) => fen / 100;

/** The chart's values as text below it, when the bars are too narrow to carry them. */
function Values(props: { lines: string[] }) {
  return (
    <div data-testid="chart-values">
      {props.lines.map((l, i) => (
        <Text key={i} size={200} block>
          {l}
        </Text>
      ))}
    </div>
  );
}
/** Room for the y-axis labels (13.2 亿, -112.4 万) and the wrapped group names. */
const MARGINS = { left: 64, right: 16, top: 28, bottom: 44 };

export interface FundBar {
  label: string;
  baseline: Fen;
  scenario: Fen;
}

/** Whether value labels of `bars` bars (each at most `barMax` wide) fit above them at this width (else they go below the chart). */
function labelsFit(width: number, bars: number, labels: readonly string[], barMax: number): boolean {
  const slot = Math.min(barMax + 4, (width - MARGINS.left - MARGINS.right) / Math.max(1, bars * 1.6));
  const widest = Math.max(0, ...labels.map((l) => [...l].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 12 : 7), 0)));
  return widest + 4 <= slot;
}

export function FundChart(props: { title: string; legend: [string, string]; groups: FundBar[]; lang: Lang }) {
  const s = useStyles();
  const [ref, width] = useWidth();
  const labels = props.groups.flatMap((g) => [compactYuan(g.baseline, props.lang), compactYuan(g.scenario, props.lang)]);
  // the bars of a group stand side by side, each at most 36 px wide
  const fit = labelsFit(width, labels.length, labels, 36);
  // the grouped chart draws a point's barLabel whatever hideLabels says, and its own total label unless hidden: one label each
  const label = (fen: Fen) => (fit ? compactYuan(fen, props.lang) : undefined);
  const data: GroupedVerticalBarChartData[] = props.groups.map((g) => ({
    name: g.label,
    series: [
      { key: "baseline", data: toYuan(g.baseline), legend: props.legend[0], color: tokens.colorNeutralStroke1Pressed, barLabel: label(g.baseline), yAxisCalloutData: yuan(g.baseline) },
      { key: "scenario", data: toYuan(g.scenario), legend: props.legend[1], color: tokens.colorBrandBackground, barLabel: label(g.scenario), yAxisCalloutData: yuan(g.scenario) },
    ],
  }));
  return (
    <figure className={s.figure} ref={ref} data-testid="fund-chart" aria-label={props.title}>
      <Text weight="semibold" size={200} className={s.caption}>
        {props.title}
      </Text>
      <GroupedVerticalBarChart data={data} width={width} height={230} chartTitle={props.title} yAxisTickFormat={(v: number) => compactYuan(Math.round(v * 100), props.lang)} yAxisTickCount={4} wrapXAxisLables barWidth="auto" maxBarWidth={36} roundCorners margins={MARGINS} hideLabels />
      {!fit && <Values lines={props.groups.map((g) => `${g.label}: ${props.legend[0]} ${compactYuan(g.baseline, props.lang)} · ${props.legend[1]} ${compactYuan(g.scenario, props.lang)}`)} />}
    </figure>
  );
}

export function ChangeChart(props: { title: string; groups: { label: string; change: Fen }[]; lang: Lang; legend: string }) {
  const s = useStyles();
  const [ref, width] = useWidth();
  const fit = labelsFit(width, props.groups.length, props.groups.map((g) => signedYuan(g.change)), 160);
  const data: VerticalBarChartDataPoint[] = props.groups.map((g) => ({
    x: g.label,
    y: toYuan(g.change),
    legend: props.legend,
    color: g.change >= 0 ? tokens.colorPaletteRedBackground3 : tokens.colorPaletteGreenBackground3,
    barLabel: signedYuan(g.change),
    yAxisCalloutData: signedYuan(g.change),
  }));
  return (
    <figure className={s.figure} ref={ref} data-testid="change-chart" aria-label={props.title}>
      <Text weight="semibold" size={200} className={s.caption}>
        {props.title}
      </Text>
      <VerticalBarChart data={data} width={width} height={200} chartTitle={props.title} yAxisTickFormat={(v: number) => compactYuan(Math.round(v * 100), props.lang)} yAxisTickCount={4} wrapXAxisLables hideLegend barWidth="auto" maxBarWidth={40} roundCorners margins={MARGINS} hideLabels={!fit} />
      {!fit && <Values lines={props.groups.map((g) => `${g.label}: ${signedYuan(g.change)}`)} />}
    </figure>
  );
}

export function DistributionChart(props: { title: string; bins: { label: string; n: number; tone: "gain" | "lose" | "same" }[]; legend: string }) {
  const s = useStyles();
  const [ref, width] = useWidth();
  const fit = labelsFit(width, props.bins.length, props.bins.map((b) => count(b.n)), 60);
  const data: VerticalBarChartDataPoint[] = props.bins.map((b) => ({
    x: b.label,
    y: b.n,
    legend: props.legend,
    color: b.tone === "gain" ? tokens.colorPaletteGreenBackground3 : b.tone === "lose" ? tokens.colorPaletteRedBackground3 : tokens.colorNeutralStroke1,
    barLabel: count(b.n),
    yAxisCalloutData: count(b.n),
  }));
  return (
    <figure className={s.figure} ref={ref} data-testid="distribution-chart" aria-label={props.title}>
      <Text weight="semibold" size={200} className={s.caption}>
        {props.title}
      </Text>
      <VerticalBarChart data={data} width={width} height={220} chartTitle={props.title} yAxisTickFormat={(v: number) => count(v)} yAxisTickCount={4} wrapXAxisLables hideLegend barWidth="auto" maxBarWidth={28} roundCorners margins={MARGINS} hideLabels={!fit} />
      {!fit && <Values lines={props.bins.filter((b) => b.n > 0).map((b) => `${b.label}: ${count(b.n)}`)} />}
    </figure>
  );
}
