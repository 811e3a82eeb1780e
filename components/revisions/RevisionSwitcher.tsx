/**
 * The reader's revision bar: every revision of the article as a link (?revision=n), the one
 * shown marked, a link to compare it with the one before, and the re-anchoring queue with
 * how many spans wait there, and for leads the clean-up. Shown once an article has more than
 * one revision or spans waiting, or for leads.
 */
import Link from 'next/link';
import type { RevisionSource } from '@/lib/domain';
import styles from './revisions.module.css';

export interface SwitcherRevision {
  number: number;
  source: RevisionSource;
  note: string;
  createdAt: Date | string;
  current: boolean;
}

const SOURCE_NAMES: Record<RevisionSource, string> = { import: 'imported', reimport: 're-imported', api: 'posted', cleanup: 'cleaned up' };

export function RevisionSwitcher({ projectId, articleId, revisions, viewing, pending, canCleanUp = false }: {
  projectId: number;
  articleId: number;
  revisions: SwitcherRevision[];
  viewing: number;
  pending: number;
  /** A lead: may clean up the text (the page behind the link checks again). */
  canCleanUp?: boolean;
}) {
  if (revisions.length < 2 && pending === 0 && !canCleanUp) return null;
  const base = `/projects/${projectId}/articles/${articleId}`;
  const current = revisions.find((r) => r.current)?.number ?? viewing;
  const compareFrom = viewing > 1 ? viewing - 1 : null;
  return (
    <nav className={styles.switcher} aria-label="Revisions" data-testid="revision-switcher">
      <span className="muted">Revisions:</span>
      <ol>
        {revisions.map((r) => (
          <li key={r.number}>
            <Link href={r.current ? base : `${base}?revision=${r.number}`} aria-current={r.number === viewing ? 'page' : undefined}
              className={`${styles.rev} ${r.number === viewing ? styles.revActive : ''}`}
              title={`${SOURCE_NAMES[r.source]} ${new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC${r.note ? ` — ${r.note}` : ''}`}>
              r{r.number}
              <span className={styles.revSource}>{r.current ? 'current' : SOURCE_NAMES[r.source]}</span>
            </Link>
          </li>
        ))}
      </ol>
      {compareFrom ? (
        <Link className="btn btn-small" href={`${base}/revisions?from=${compareFrom}&to=${viewing}`} data-testid="compare-revisions">
          Compare r{compareFrom} → r{viewing}
        </Link>
      ) : null}
      {pending > 0 ? (
        <Link className={`btn btn-small ${styles.pending}`} href={`${base}/revisions/queue`} data-testid="reanchor-queue-link">
          {pending} span{pending === 1 ? '' : 's'} to re-check
        </Link>
      ) : null}
      {canCleanUp && viewing === current ? (
        <Link className="btn btn-small" href={`${base}/revisions/cleanup`} data-testid="cleanup-link">Clean up</Link>
      ) : null}
      {viewing !== current ? <span className="muted small">Showing an old revision (read-only).</span> : null}
    </nav>
  );
}
