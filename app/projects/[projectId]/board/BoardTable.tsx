/**
 * The claim board's matrix: one row per claim, one column per article. A cell shows how many
 * statements of that article corroborate (✓) or conflict (✕) with the claim; hovering or
 * focusing a count shows the statements themselves, each a link into the reader.
 */
import Link from 'next/link';
import type { BoardArticle, BoardRow, BoardStatement } from '@/lib/data/claimBoard';
import type { Relation } from '@/lib/domain';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { focusUrl, RELATION_GLYPHS } from '@/components/links/relations';
import styles from './board.module.css';


function Count({ relation, items, projectId, claimId }: { relation: Relation; items: BoardStatement[]; projectId: number; claimId: number }) {
  if (items.length === 0) return null;
  const disputed = items.some((s) => s.disputedByOthers);
  return (
    <span className={styles.countWrap}>
      <button type="button" className={`${styles.count} ${styles[`count_${relation}`]} ${disputed ? styles.countDisputed : ''}`}
        aria-label={`${items.length} ${relation === 'corroborates' ? 'corroborating' : 'conflicting'}${disputed ? ', disputed' : ''}`}
        data-testid={`cell-${relation}`}>
        <span aria-hidden="true">{RELATION_GLYPHS[relation]}</span> {items.length}
      </button>
      <span className={styles.popover} data-testid="cell-popover">
        {items.map((s) => (
          <Link key={s.linkId} href={focusUrl(projectId, s.articleId, s.annotationId, claimId)} className={styles.popItem}>
            <span className={styles[`popRel_${relation}`]}>{RELATION_GLYPHS[relation]} {relation}</span>
            {s.disputedByOthers ? <span className="badge badge-disputed">disagreement</span> : null}
            <span className={styles.popText}>“{s.exact}”</span>
            <span className={styles.popMeta}>linked by {s.authorName}</span>
          </Link>
        ))}
      </span>
    </span>
  );
}

function Cell({ row, article, projectId }: { row: BoardRow; article: BoardArticle; projectId: number }) {
  if (article.id === row.claim.articleId) {
    return <td className={styles.sourceCell}><span className={styles.sourceMark} title="The claim is made in this article">◆ source</span></td>;
  }
  const cell = row.cells[article.id];
  const c = cell?.corroborates.length ?? 0;
  const x = cell?.conflicts.length ?? 0;
  const tone = c && x ? styles.cellMixed : c ? styles.cellCorroborates : x ? styles.cellConflicts : '';
  return (
    <td className={`${styles.cell} ${tone}`}>
      {cell ? (
        <span className={styles.counts}>
          <Count relation="corroborates" items={cell.corroborates} projectId={projectId} claimId={row.claim.annotationId} />
          <Count relation="conflicts" items={cell.conflicts} projectId={projectId} claimId={row.claim.annotationId} />
        </span>
      ) : <><span className={styles.none} aria-hidden="true">·</span><span className="sr-only">not linked</span></>}
    </td>
  );
}

export function BoardTable({ rows, articles, projectId }: { rows: BoardRow[]; articles: BoardArticle[]; projectId: number }) {
  const heading = new Map(articles.map((a) => [a.id, a.heading]));
  return (
    <div className={styles.tableWrap}>
      <table className={styles.board} data-testid="claim-board">
        <thead>
          <tr>
            <th scope="col" className={styles.claimHead}>Claim</th>
            {articles.map((a) => <th key={a.id} scope="col" className={styles.articleHead} title={a.title}><span>{a.heading}</span></th>)}
            <th scope="col" className={styles.verdictHead}>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.claim.annotationId} data-testid="board-row" data-claim-id={row.claim.annotationId}>
              <th scope="row" className={styles.claimCell}>
                <Link href={focusUrl(projectId, row.claim.articleId, row.claim.annotationId)} className={styles.claimText}>{row.claim.exact}</Link>
                <span className={styles.claimMeta}>
                  <span className={`badge badge-${row.claim.status}`}>{row.claim.status}</span>
                  <span>{heading.get(row.claim.articleId)}</span>
                  {row.disagreements ? <span className="badge badge-disputed">{row.disagreements} disagreement{row.disagreements > 1 ? 's' : ''}</span> : null}
                  {row.corroborates + row.conflicts > 0 ? <Link href={`/projects/${projectId}/compare/${row.claim.annotationId}`}>compare</Link> : null}
                </span>
              </th>
              {articles.map((a) => <Cell key={a.id} row={row} article={a} projectId={projectId} />)}
              <td className={styles.verdictCell}>
                {row.verdict ? (
                  <span className={`${styles.verdict} ${styles[`verdict_${row.verdict.verdict.replace('-', '_')}`]}`} title={`Final verdict by ${row.verdict.authorName}`}>
                    {VERDICT_LABELS[row.verdict.verdict]}
                  </span>
                ) : <span className="muted small">none yet</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
