/**
 * One outlet's statements in one cluster: how many join it as corroborating ✓ or conflicting ✕,
 * then the first few statements, each a link into the reader, with its label and status and
 * a mark when the link that joins it is only proposed or disputed.
 */
import type { BoardCell, BoardStatement } from '@/lib/data/claimBoard';
import { focusUrl, RELATION_GLYPHS } from '@/components/links/relations';
import styles from './board.module.css';

/** Kept small on purpose (a page holds hundreds): styled from the table's class, not per element. */
function Statement({ s, projectId, headId }: { s: BoardStatement; projectId: number; headId: number }) {
  const isHead = s.annotationId === headId;
  const meta = [!isHead ? s.label : null, s.status !== 'proposed' ? s.status : null].filter(Boolean).join(' · ');
  return (
    <p className={styles.statement}>
      <a href={focusUrl(projectId, s.articleId, s.annotationId, isHead ? undefined : headId)}>
        {isHead ? <b className={styles.headMark}>◆ </b> : s.relation ? <b className={styles[`rel_${s.relation}`]}>{RELATION_GLYPHS[s.relation]} </b> : null}
        {s.exact}
      </a>
      {meta || s.linkStatus === 'proposed' || s.linkStatus === 'disputed' ? (
        <small>
          {meta}
          {s.linkStatus === 'proposed' ? <i className={styles.linkProposed}>link proposed</i> : null}
          {s.linkStatus === 'disputed' ? <i className="badge badge-disputed">link disputed</i> : null}
        </small>
      ) : null}
    </p>
  );
}

export function ClusterCell({ cell, projectId, headId }: { cell: BoardCell; projectId: number; headId: number }) {
  const more = cell.total - cell.statements.length;
  return (
    <>
      <span className={styles.cellCounts}>
        {cell.corroborates ? <span className={styles.pc_corroborates}>✓ {cell.corroborates}</span> : null}
        {cell.conflicts ? <span className={styles.pc_conflicts}>✕ {cell.conflicts}</span> : null}
      </span>
      {cell.statements.map((s) => <Statement key={s.annotationId} s={s} projectId={projectId} headId={headId} />)}
      {more > 0 ? <em className={styles.more}>+{more} more</em> : null}
    </>
  );
}
