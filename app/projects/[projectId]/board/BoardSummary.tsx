/** The board's summary: a figure with its caption, and the most linked pairs of articles in words. */
import type { ClaimBoard } from '@/lib/data/claimBoard';
import styles from './board.module.css';

/** The most linked pairs of articles, in words, for those who would rather read. */
export function TopPairs({ board }: { board: ClaimBoard }) {
  const name = new Map(board.articles.map((a) => [a.id, a.heading]));
  const top = [...board.edges].sort((x, y) => y.conflicts + y.corroborates - (x.conflicts + x.corroborates)).slice(0, 3);
  if (top.length === 0) return <p className={styles.noPairs}>No links yet: open a claim in an article and press <kbd>l</kbd>.</p>;
  return (
    <ol className={styles.pairs}>
      {top.map((e) => (
        <li key={`${e.a}-${e.b}`}>
          <span className={styles.pairNames}>{name.get(e.a)} ↔ {name.get(e.b)}</span>
          <span className={styles.pairCounts}>
            {e.corroborates ? <span className={styles.pc_corroborates}>✓ {e.corroborates}</span> : null}
            {e.conflicts ? <span className={styles.pc_conflicts}>✕ {e.conflicts}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function Stat({ value, label, tone }: { value: number; label: string; tone?: 'conflicts' | 'warn' }) {
  return (
    <div className={`${styles.stat} ${tone ? styles[`stat_${tone}`] : ''}`}>
      <span className={styles.statValue}>{value}</span>
      <span className={styles.statLabel}>{label}</span>
    </div>
  );
}
