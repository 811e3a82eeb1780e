/**
 * Two revisions side by side, sentence-aligned (lib/anchoring/reanchorAlign.ts): deleted words
 * struck on the left, inserted words shaded on the right, each side's spans marked by label
 * and outlined by the state the newer revision gave them.
 */
import type { AlignedRow } from '@/lib/anchoring/reanchorAlign';
import { MarkedText } from './MarkedText';
import type { MarkedSpan } from './segments';
import styles from './revisions.module.css';

export interface DiffSide {
  number: number;
  body: string;
  spans: MarkedSpan[];
}

function Cell({ side, range, kind, label }: { side: DiffSide; range: AlignedRow['left']; kind: 'del' | 'ins'; label: string }) {
  const text = side.body.slice(range.start, range.end);
  // The paragraph break that ends a row is the grid's job, not the cell's.
  const from = range.start + (text.length - text.trimStart().length);
  const to = range.start + text.trimEnd().length;
  return (
    <div className={styles.cell} data-side={label}>
      {to > from ? <MarkedText body={side.body} from={from} to={to} spans={side.spans} changes={range.changes} changeKind={kind} /> : <span className={styles.empty}>(nothing)</span>}
    </div>
  );
}

export function RevisionDiff({ left, right, rows }: { left: DiffSide; right: DiffSide; rows: AlignedRow[] }) {
  return (
    <div className={styles.diff} data-testid="revision-diff">
      <div className={styles.diffHead}>Revision {left.number}</div>
      <div className={`${styles.diffHead} ${styles.diffHeadRight}`}>Revision {right.number}</div>
      {rows.map((row) => (
        <div key={`${row.left.start}-${row.right.start}`} style={{ display: 'contents' }} data-changed={row.changed || undefined}>
          <Cell side={left} range={row.left} kind="del" label={`r${left.number}`} />
          <Cell side={right} range={row.right} kind="ins" label={`r${right.number}`} />
        </div>
      ))}
    </div>
  );
}
