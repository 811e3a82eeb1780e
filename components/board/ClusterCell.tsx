/**
 * One outlet's statements in one cluster: how many join it as corroborating ✓ or conflicting ✕,
 * then the first few statements, each a link into the reader, with its label and status and
 * a mark when the link that joins it is only proposed or disputed.
 */
import Link from 'next/link';
import type { BoardCell, BoardStatement } from '@/lib/data/claimBoard';
import { focusUrl, RELATION_GLYPHS } from '@/components/links/relations';
import styles from './board.module.css';

function Statement({ s, projectId, headId }: { s: BoardStatement; projectId: number; headId: number }) {
  const isHead = s.annotationId === headId;
  return (
    <li className={styles.statement} data-testid="board-statement">
      <Link href={focusUrl(projectId, s.articleId, s.annotationId, isHead ? undefined : headId)} className={styles.stText}>
        {isHead ? <span className={styles.headMark} title="The cluster's claim">◆ </span> : null}
        {s.relation ? <span className={styles[`rel_${s.relation}`]} aria-label={s.relation}>{RELATION_GLYPHS[s.relation]} </span> : null}
        {s.exact}
      </Link>
      <span className={styles.stMeta}>
        {s.label !== 'claim' || !isHead ? <span className={styles.label}>{s.label}</span> : null}
        {s.status !== 'proposed' ? <span className={`badge badge-${s.status}`}>{s.status}</span> : null}
        {s.linkStatus === 'proposed' ? <span className={styles.linkProposed} title="Nobody has reviewed this link yet">link proposed</span> : null}
        {s.linkStatus === 'disputed' ? <span className="badge badge-disputed" title="Reviewers disagree on this link">link disputed</span> : null}
      </span>
    </li>
  );
}

export function ClusterCell({ cell, projectId, headId }: { cell: BoardCell; projectId: number; headId: number }) {
  const more = cell.total - cell.statements.length;
  return (
    <>
      <span className={styles.cellCounts}>
        {cell.corroborates ? <span className={styles.pc_corroborates} aria-label={`${cell.corroborates} corroborating`}>✓ {cell.corroborates}</span> : null}
        {cell.conflicts ? <span className={styles.pc_conflicts} aria-label={`${cell.conflicts} conflicting`}>✕ {cell.conflicts}</span> : null}
      </span>
      <ul className={styles.statements}>
        {cell.statements.map((s) => <Statement key={s.annotationId} s={s} projectId={projectId} headId={headId} />)}
      </ul>
      {more > 0 ? <span className="muted small">+{more} more</span> : null}
    </>
  );
}
