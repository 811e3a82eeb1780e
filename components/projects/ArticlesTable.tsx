import Link from 'next/link';
import type { Label } from '@/lib/domain';
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
}

const LABELS: Array<{ key: Label; name: string }> = [
  { key: 'claim', name: 'Claims' },
  { key: 'quote', name: 'Quotes' },
  { key: 'context', name: 'Context' },
];

function CountCell({ label, name, n }: { label: Label; name: string; n: number }) {
  return (
    <td className={styles.count} data-testid={`count-${label}`}>
      {n === 0 ? <span className={styles.zero} aria-label={`no ${name.toLowerCase()}`}>0</span> : <span className={`badge badge-${label}`}>{formatCount(n)}</span>}
    </td>
  );
}

/** The project's articles: title to the reader, outlet, date, length and label counts. */
export function ArticlesTable({ projectId, articles, canEdit }: { projectId: number; articles: ArticleListRow[]; canEdit: boolean }) {
  const base = `/projects/${projectId}/articles`;
  return (
    <div className={styles.scroll}>
      <table className="table" aria-label="Articles">
        <thead>
          <tr>
            <th>Title</th>
            <th>Outlet</th>
            <th>Published</th>
            <th className="num">Length</th>
            {LABELS.map(({ key, name }) => (
              <th key={key} className={styles.count}>
                <span className={`badge badge-${key}`}>{name}</span>
              </th>
            ))}
            {canEdit && <th><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <td className={styles.title}>
                <Link href={`${base}/${a.id}`} className={a.title ? undefined : styles.untitled}>
                  {a.title || 'Untitled'}
                </Link>
              </td>
              <td>{a.outlet || <span className="muted">—</span>}</td>
              <td className={styles.nowrap}>{formatIsoDate(a.publishedAt) ?? <span className="muted">—</span>}</td>
              <td className={`num ${styles.nowrap}`}>{formatCount(a.length)} <span className="muted small">chars</span></td>
              {LABELS.map(({ key, name }) => (
                <CountCell key={key} label={key} name={name} n={a.annotationCounts[key]} />
              ))}
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
