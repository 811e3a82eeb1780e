/** The counts header of a revision diff: how many spans were kept, edited, moved, orphaned. */
import { ANCHOR_STATES, type AnchorStateName } from '@/lib/domain';
import styles from './revisions.module.css';

const HELP: Record<AnchorStateName, string> = {
  kept: 'text unchanged',
  edited: 'text changed, back to review',
  moved: 'found elsewhere, back to review',
  orphaned: 'text gone, stays on the old revision',
};

export function StateCounts({ counts }: { counts: Record<AnchorStateName, number> }) {
  return (
    <ul className={styles.counts} data-testid="state-counts">
      {ANCHOR_STATES.map((state) => (
        <li key={state} className={`${styles.count} ${styles[state]}`} data-state={state}>
          <strong data-testid={`count-${state}`}>{counts[state]}</strong>
          <span>{state} · {HELP[state]}</span>
        </li>
      ))}
    </ul>
  );
}
