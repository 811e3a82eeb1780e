import Link from 'next/link';
import type { Label } from '@/lib/db/schema';
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

function Counts({ counts }: { counts: ArticleListRow['annotationCounts'] }) {
  return (
    <span className={styles.counts}>
      {LABELS.map(({ key, name }) => (
        <span
          key={key}
          className={`badge badge-${key} ${counts[key] === 0 ? styles.zero : ''}`}
          title={`${name}: ${counts[key]}`}
          data-testid={`count-${key}`}
        >
          <span className="sr-only">{name} </span>
          <span aria-hidden="true">{name[0]} </span>
          {counts[key]}
        </span>
      ))}
    </span>
  );
}

/** The project's articles: title to the reader, outlet, date, length and label counts. */
export function ArticlesTable({ projectId, articles, canEdit }: { projectId: number; articles: ArticleListRow[]; canEdit: boolean }) {
  const base = `/projects/${projectId}/articles`;
  return (
    <table className="table" aria-label="Articles">
      <thead>
        <tr>
          <th>Title</th>
          <th>Outlet</th>
          <th>Published</th>
          <th className="num">Length</th>
          <th>Annotations</th>
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
            <td><Counts counts={a.annotationCounts} /></td>
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
  );
}
