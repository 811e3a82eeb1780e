/** Per-article agreement, one page: every pair of reviewers on each article two or more tagged. */
import type { ArticlePairRow } from '@/lib/data/agreement';
import { ScoreChip } from './agreementFormat';
import styles from './Agreement.module.css';

interface Props {
  rows: ArticlePairRow[];
  names: Map<number, string>;
  projectId: number;
  /** The agreement page's address for a pair's disagreements. */
  pairHref: (a: number, b: number) => string;
}

/** Consecutive rows of one article, so its title spans its pairs. */
function byArticle(rows: ArticlePairRow[]): ArticlePairRow[][] {
  const groups: ArticlePairRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0].articleId === row.articleId) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

export function ArticleAgreementTable({ rows, names, projectId, pairHref }: Props) {
  if (!rows.length) return <div className="card empty">No article has been tagged by two reviewers yet.</div>;
  return (
    <div className={styles.tableWrap}>
      <table className={`table ${styles.stackTable}`} data-testid="article-agreement">
        <thead>
          <tr>
            <th>Article</th>
            <th>Pair</th>
            <th className="num">Spans</th>
            <th className="num">F1 exact</th>
            <th className="num">F1 overlap</th>
            <th className="num">Cohen’s κ</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {byArticle(rows).flatMap((group) =>
            group.map(({ articleId, title, outlet, pair: p }, i) => (
              <tr key={`${articleId}-${p.a}-${p.b}`}>
                {i === 0 && (
                  <td rowSpan={group.length} className={styles.articleCell}>
                    <a href={`/projects/${projectId}/articles/${articleId}`}>{title || 'Untitled article'}</a>
                    {outlet && <div className="muted small">{outlet}</div>}
                  </td>
                )}
                <td className={styles.pairName} data-label="Pair">
                  {names.get(p.a)} × {names.get(p.b)}
                </td>
                <td className="num" data-label="Spans">
                  {p.spansA} / {p.spansB}
                </td>
                <td className="num" data-label="F1 exact"><ScoreChip value={p.exactF1} /></td>
                <td className="num" data-label="F1 overlap"><ScoreChip value={p.overlapF1} /></td>
                <td className="num" data-label="Cohen’s κ"><ScoreChip value={p.kappa} /></td>
                <td className="num">
                  <a className="small" href={pairHref(p.a, p.b)}>Disagreements</a>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
