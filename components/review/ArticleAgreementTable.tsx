/** Per-article agreement: every pair of reviewers on every article two or more of them tagged. */
import type { ArticleAgreement } from '@/lib/data/agreement';
import { ScoreChip } from './agreementFormat';
import styles from './Agreement.module.css';

interface Props {
  articles: ArticleAgreement[];
  names: Map<number, string>;
  projectId: number;
}

export function ArticleAgreementTable({ articles, names, projectId }: Props) {
  if (!articles.length) return <div className="card empty">No article has been tagged by two reviewers yet.</div>;
  return (
    <table className="table" data-testid="article-agreement">
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
        {articles.flatMap((article) =>
          article.pairs.map((p, i) => (
            <tr key={`${article.id}-${p.a}-${p.b}`}>
              {i === 0 && (
                <td rowSpan={article.pairs.length}>
                  <a href={`/projects/${projectId}/articles/${article.id}`}>{article.title || 'Untitled article'}</a>
                  {article.outlet && <div className="muted small">{article.outlet}</div>}
                </td>
              )}
              <td className={styles.pairName}>
                {names.get(p.a)} × {names.get(p.b)}
              </td>
              <td className="num">
                {p.spansA} / {p.spansB}
              </td>
              <td className="num"><ScoreChip value={p.exactF1} /></td>
              <td className="num"><ScoreChip value={p.overlapF1} /></td>
              <td className="num"><ScoreChip value={p.kappa} /></td>
              <td className="num">
                <a className="small" href={`/projects/${projectId}/agreement?a=${p.a}&b=${p.b}`}>Disagreements</a>
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
