/**
 * The picture of the board: articles as nodes on a circle, and between two articles one arc
 * per relation whose width grows with the number of links (blue solid: corroborates;
 * vermillion dashed: conflicts, so it reads without colour too). Plain SVG, no library.
 */
import type { BoardArticle, BoardEdge } from '@/lib/data/claimBoard';
import { RELATIONS } from '@/lib/domain';
import { RELATION_COLOURS as COLOURS } from '@/components/links/relations';
import styles from './board.module.css';

const WIDTH = 540;
const HEIGHT = 420;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 140;

interface Props {
  articles: BoardArticle[];
  edges: BoardEdge[];
  claimsByArticle: Record<number, number>;
}

function position(i: number, n: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  return [CX + RADIUS * Math.cos(angle), CY + RADIUS * Math.sin(angle)];
}

/** Breaks a name into at most two lines of about `width` characters for the node label. */
function labelLines(text: string, width = 20): string[] {
  const lines: string[] = [''];
  for (const word of text.split(/\s+/)) {
    const line = lines[lines.length - 1];
    if (line && (line + ' ' + word).length > width) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  if (lines.length > 2) lines.splice(2, lines.length, `${lines[1]}…`.replace(/…+$/, '…'));
  return lines.map((l) => (l.length > width + 4 ? `${l.slice(0, width + 3)}…` : l));
}

/** A quadratic arc from p to q bent to one side by `bend` (a fraction of its length). */
function arc([x1, y1]: [number, number], [x2, y2]: [number, number], bend: number) {
  const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const [dx, dy] = [x2 - x1, y2 - y1];
  const [cx, cy] = [mx - dy * bend, my + dx * bend];
  return { d: `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`, label: [(mx + cx) / 2, (my + cy) / 2] as [number, number] };
}

export function OutletGraph({ articles, edges, claimsByArticle }: Props) {
  const at = new Map(articles.map((a, i) => [a.id, position(i, articles.length)] as const));
  const name = new Map(articles.map((a) => [a.id, a.heading]));
  const degree = new Map<number, number>();
  for (const e of edges) for (const id of [e.a, e.b]) degree.set(id, (degree.get(id) ?? 0) + e.corroborates + e.conflicts);
  const arcs = edges.flatMap((e) =>
    RELATIONS
      .filter((rel) => e[rel] > 0)
      .map((rel) => ({ e, rel, count: e[rel], ...arc(at.get(e.a)!, at.get(e.b)!, rel === 'corroborates' ? 0.16 : -0.16) })),
  );
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.graph} role="img" aria-labelledby="graph-title graph-desc">
      <title id="graph-title">Links between outlets</title>
      <desc id="graph-desc">
        {edges.length === 0 ? 'No links yet.' : edges.map((e) => `${name.get(e.a)} and ${name.get(e.b)}: ${e.corroborates} corroborating, ${e.conflicts} conflicting`).join('; ')}
      </desc>
      <circle cx={CX} cy={CY} r={RADIUS} className={styles.graphRing} />
      {arcs.map(({ e, rel, count, d }) => (
        <path key={`${e.a}-${e.b}-${rel}`} d={d} fill="none" stroke={COLOURS[rel]} strokeOpacity={0.85} strokeLinecap="round"
          strokeWidth={Math.min(2 + count * 1.6, 12)} strokeDasharray={rel === 'conflicts' ? '7 5' : undefined}>
          <title>{`${name.get(e.a)} ↔ ${name.get(e.b)}: ${count} ${rel === 'corroborates' ? 'corroborating' : 'conflicting'}`}</title>
        </path>
      ))}
      {arcs.map(({ e, rel, count, label: [x, y] }) => (
        <g key={`${e.a}-${e.b}-${rel}-n`} aria-hidden="true">
          <circle cx={x} cy={y} r={9} fill="#fff" stroke={COLOURS[rel]} strokeWidth={1.5} />
          <text x={x} y={y} dy="0.35em" textAnchor="middle" className={styles.graphCount} fill={COLOURS[rel]}>{count}</text>
        </g>
      ))}
      {articles.map((a) => {
        const [x, y] = at.get(a.id)!;
        const r = 14 + Math.min(degree.get(a.id) ?? 0, 10) * 1.4;
        const below = y > CY + 1;
        return (
          <g key={a.id}>
            <circle cx={x} cy={y} r={r} className={(degree.get(a.id) ?? 0) > 0 ? styles.node : styles.nodeIdle} />
            <text x={x} y={y} dy="0.35em" textAnchor="middle" className={styles.nodeCount}>{claimsByArticle[a.id] ?? 0}</text>
            <text x={x} y={below ? y + r + 16 : y - r - 8 - (labelLines(a.heading).length - 1) * 15} textAnchor="middle" className={styles.nodeLabel}>
              <title>{a.title || a.heading}</title>
              {labelLines(a.heading).map((line, i) => <tspan key={i} x={x} dy={i === 0 ? 0 : 15}>{line}</tspan>)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
