import Link from 'next/link';
import type { Label } from '@/lib/domain';
import { ArticlesTableHead, LABELS } from './ArticlesTableHead';
import { formatCount, formatIsoDate } from './format';
import styles from './ArticlesTable.module.css';

export interface ArticleListRow {
  id: number;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  length: number;
  annotationCounts: Record<Label, number> & { total: number };
  unreviewed: number;
}

function CountCell({ label, name, n }: { label: Label; name: string; n: number }) {
  return (
    <td className={styles.count} data-testid={`count-${label}`} data-label={name}>
      {n === 0 ? <span className={styles.zero} aria-label={`no ${name.toLowerCase()}`}>0</span> : <span className={`badge badge-${label}`}>{formatCount(n)}</span>}
    </td>
  );
}

/** One page of the project's articles: title to the reader, outlet, date, length, label counts, unreviewed. */
export function ArticlesTable({ projectId, articles, canEdit, sort, sortHref }: {
  projectId: number;
  articles: ArticleListRow[];
  canEdit: boolean;
  sort: string;
  sortHref: (sort: string) => string;
}) {
  const base = `/projects/${projectId}/articles`;
  return (
    <div className={styles.scroll}>
      <table className="table" aria-label="Articles">
        <ArticlesTableHead sort={sort} sortHref={sortHref} canEdit={canEdit} />
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <td className={styles.title}>
                <Link href={`${base}/${a.id}`} className={a.title ? undefined : styles.untitled}>
                  {a.title || 'Untitled'}
                </Link>
              </td>
              <td data-empty={a.outlet ? undefined : ''}>{a.outlet || <span className="muted">—</span>}</td>
              <td className={styles.nowrap} data-empty={formatIsoDate(a.publishedAt) ? undefined : ''}>{formatIsoDate(a.publishedAt) ?? <span className="muted">—</span>}</td>
              <td className={`num ${styles.nowrap}`}>{formatCount(a.length)} <span className="muted small">chars</span></td>
              {LABELS.map(({ key, name }) => (
                <CountCell key={key} label={key} name={name} n={a.annotationCounts[key]} />
              ))}
              <td className={styles.count} data-testid="count-unreviewed" data-label="Unreviewed">
                {a.unreviewed === 0 ? <span className={styles.zero}>0</span> : <strong>{formatCount(a.unreviewed)}</strong>}
              </td>
              {canEdit && (
                <td className={styles.actions}>
                  <Link href={`${base}/${a.id}/details`} className="btn btn-small" aria-label={`Edit details of ${a.title || 'untitled article'}`}>
                    Edit details
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
