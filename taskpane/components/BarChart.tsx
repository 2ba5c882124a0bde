/** Baseline and scenario side by side per group: a small SVG bar chart that reads at 350 px. */
import { tokens } from "@fluentui/react-components";
import { formatYuan } from "../../src/money";

export interface BarGroup {
  label: string;
  baseline: number;
  scenario: number;
}

export function BarChart(props: { groups: BarGroup[]; title: string; legend: [string, string] }) {
  const max = Math.max(1, ...props.groups.flatMap((g) => [Math.abs(g.baseline), Math.abs(g.scenario)]));
  const rowH = 30;
  const labelW = 96;
  const width = 320;
  const barW = width - labelW - 8;
  const height = props.groups.length * rowH + 24;
  return (
    <figure style={{ margin: 0 }} aria-label={props.title}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title} style={{ maxWidth: 420, display: "block" }}>
        {props.groups.map((g, i) => {
          const y = i * rowH;
          const wb = (Math.abs(g.baseline) / max) * barW;
          const ws = (Math.abs(g.scenario) / max) * barW;
          return (
            <g key={g.label} transform={`translate(0 ${y})`}>
              <text x={0} y={17} fontSize={11} fill={tokens.colorNeutralForeground1}>
                {g.label.length > 8 ? g.label.slice(0, 8) + "…" : g.label}
              </text>
              <rect x={labelW} y={4} width={wb} height={10} fill={tokens.colorNeutralStroke1}>
                <title>{`${props.legend[0]} ${formatYuan(g.baseline)}`}</title>
              </rect>
              <rect x={labelW} y={15} width={ws} height={10} fill={tokens.colorBrandBackground}>
                <title>{`${props.legend[1]} ${formatYuan(g.scenario)}`}</title>
              </rect>
            </g>
          );
        })}
        <g transform={`translate(${labelW} ${height - 14})`}>
          <rect width={10} height={10} fill={tokens.colorNeutralStroke1} />
          <text x={14} y={9} fontSize={11}>
            {props.legend[0]}
          </text>
          <rect x={90} width={10} height={10} fill={tokens.colorBrandBackground} />
          <text x={104} y={9} fontSize={11}>
            {props.legend[1]}
          </text>
        </g>
      </svg>
    </figure>
  );
}
