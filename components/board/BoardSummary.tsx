/** The board's figures and the strongest outlet pairs in words, for those who would rather read. */
import type { BoardEdge, BoardTotals } from '@/lib/data/claimBoard';
import styles from './board.module.css';

export function TopPairs({ edges }: { edges: BoardEdge[] }) {
  if (edges.length === 0) return <p className={styles.noPairs}>No links between outlets yet: open a claim in an article and press <kbd>l</kbd>.</p>;
  return (
    <ol className={styles.pairs} data-testid="top-pairs">
      {edges.slice(0, 4).map((e) => (
        <li key={`${e.a}-${e.b}`}>
          <span className={styles.pairNames}>{e.a} ↔ {e.b}</span>
          <span className={styles.pairCounts}>
            {e.corroborates ? <span className={styles.pc_corroborates}>✓ {e.corroborates}</span> : null}
            {e.conflicts ? <span className={styles.pc_conflicts}>✕ {e.conflicts}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Stat({ value, label, tone, testId }: { value: number; label: string; tone?: 'conflicts' | 'warn' | 'muted'; testId?: string }) {
  return (
    <div className={`${styles.stat} ${tone ? styles[`stat_${tone}`] : ''}`} data-testid={testId}>
      <span className={styles.statValue}>{value.toLocaleString('en')}</span>
      <span className={styles.statLabel}>{label}</span>
    </div>
  );
}

export function BoardStats({ totals }: { totals: BoardTotals }) {
  return (
    <div className={styles.stats}>
      <Stat value={totals.clusters} label="claim clusters" testId="stat-clusters" />
      <Stat value={totals.links} label="links counted" />
      <Stat value={totals.contested} label="contested clusters" tone="conflicts" testId="stat-contested" />
      <Stat value={totals.disagreements} label="reviewer disagreements" tone="warn" />
      <Stat value={totals.rejectedLinks} label="rejected links, not counted" tone="muted" testId="stat-rejected" />
    </div>
  );
}
