/** Next page and back to the first: a keyset cursor moves forward only. */
import Link from 'next/link';
import { boardHref, type BoardView } from './boardUrl';
import styles from './board.module.css';

export function BoardPager({ projectId, view, nextCursor, onFirstPage, shown, matching }: {
  projectId: number; view: BoardView; nextCursor: string | null; onFirstPage: boolean; shown: number; matching: number;
}) {
  return (
    <nav className={styles.pager} aria-label="Pages of clusters">
      {onFirstPage ? <span /> : <Link href={boardHref(projectId, view)}>← First page</Link>}
      <span className="muted small">{shown} on this page · {matching.toLocaleString('en')} matching</span>
      {nextCursor ? <Link href={boardHref(projectId, view, { cursor: nextCursor })} rel="next" data-testid="board-next">Next page →</Link> : <span />}
    </nav>
  );
}
