/**
 * The picture of the board: outlets as nodes on a circle, and between two outlets one arc per
 * relation whose width grows with the number of links (blue solid: corroborates; vermillion
 * dashed: conflicts, so it reads without colour too). Only the strongest pairs are drawn (the
 * top of an SQL GROUP BY); rejected links are never in it. Plain SVG, no library.
 */
import type { BoardEdge } from '@/lib/data/claimBoard';
import { RELATIONS } from '@/lib/domain';
import { RELATION_COLOURS as COLOURS } from '@/components/links/relations';
import { arc, labelLines } from './graphShapes';
import styles from './board.module.css';

const WIDTH = 540;
const HEIGHT = 420;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 140;

function position(i: number, n: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  return [CX + RADIUS * Math.cos(angle), CY + RADIUS * Math.sin(angle)];
}

export function OutletGraph({ edges, clustersByOutlet }: { edges: BoardEdge[]; clustersByOutlet: Map<string, number> }) {
  const names = [...new Set(edges.flatMap((e) => [e.a, e.b]))].sort();
  const at = new Map(names.map((n, i) => [n, position(i, names.length)] as const));
  const degree = new Map<string, number>();
  for (const e of edges) for (const n of [e.a, e.b]) degree.set(n, (degree.get(n) ?? 0) + e.corroborates + e.conflicts);
  const most = Math.max(1, ...edges.map((e) => Math.max(e.corroborates, e.conflicts)));
  const arcs = edges.flatMap((e) =>
    RELATIONS.filter((rel) => e[rel] > 0).map((rel) => ({ e, rel, count: e[rel], ...arc(at.get(e.a)!, at.get(e.b)!, rel === 'corroborates' ? 0.16 : -0.16) })),
  );
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.graph} role="img" aria-labelledby="graph-title graph-desc">
      <title id="graph-title">Links between outlets</title>
      <desc id="graph-desc">
        {edges.length === 0 ? 'No links between outlets yet.' : edges.map((e) => `${e.a} and ${e.b}: ${e.corroborates} corroborating, ${e.conflicts} conflicting`).join('; ')}
      </desc>
      <circle cx={CX} cy={CY} r={RADIUS} className={styles.graphRing} />
      {arcs.map(({ e, rel, count, d }) => (
        <path key={`${e.a}-${e.b}-${rel}`} d={d} fill="none" stroke={COLOURS[rel]} strokeOpacity={0.85} strokeLinecap="round"
          strokeWidth={2 + (count / most) * 10} strokeDasharray={rel === 'conflicts' ? '7 5' : undefined} />
      ))}
      {arcs.map(({ e, rel, count, label: [x, y] }) => (
        <g key={`${e.a}-${e.b}-${rel}-n`} aria-hidden="true">
          <circle cx={x} cy={y} r={11} fill="#fff" stroke={COLOURS[rel]} strokeWidth={1.5} />
          <text x={x} y={y} dy="0.35em" textAnchor="middle" className={styles.graphCount} fill={COLOURS[rel]}>{count}</text>
        </g>
      ))}
      {names.map((n) => {
        const [x, y] = at.get(n)!;
        const r = 14 + Math.min(Math.log2(1 + (degree.get(n) ?? 0)), 8) * 1.5;
        const lines = labelLines(n);
        const below = y > CY + 1;
        return (
          <g key={n} aria-hidden="true">
            <circle cx={x} cy={y} r={r} className={styles.node} />
            <text x={x} y={y} dy="0.35em" textAnchor="middle" className={styles.nodeCount}>{clustersByOutlet.get(n) ?? 0}</text>
            <text x={x} y={below ? y + r + 16 : y - r - 8 - (lines.length - 1) * 15} textAnchor="middle" className={styles.nodeLabel}>
              {lines.map((line, i) => <tspan key={i} x={x} dy={i === 0 ? 0 : 15}>{line}</tspan>)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
