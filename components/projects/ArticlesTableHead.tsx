/**
 * The header row of the articles table. Sortable columns are links that set `sort` in the
 * URL (a second click turns the order round); aria-sort tells screen readers the order.
 */
import Link from 'next/link';
import type { Label } from '@/lib/domain';
import styles from './ArticlesTable.module.css';

export const LABELS: Array<{ key: Label; name: string }> = [
  { key: 'claim', name: 'Claims' },
  { key: 'quote', name: 'Quotes' },
  { key: 'context', name: 'Context' },
];

function SortHeader({ name, column, first, sort, sortHref, className }: {
  name: string;
  column: string;
  /** The direction of the first click: '' ascending, '-' descending. */
  first: '' | '-';
  sort: string;
  sortHref: (sort: string) => string;
  className?: string;
}) {
  const active = sort.replace(/^-/, '') === column;
  const descending = sort.startsWith('-');
  const next = active ? (descending ? column : `-${column}`) : `${first}${column}`;
  return (
    <th className={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
      <Link href={sortHref(next)} className={styles.sortLink} data-testid={`sort-${column}`}>
        {name}
        <span aria-hidden="true" className={active ? undefined : styles.sortIdle}>{active ? (descending ? ' ↓' : ' ↑') : ' ↕'}</span>
      </Link>
    </th>
  );
}

export function ArticlesTableHead({ sort, sortHref, canEdit }: { sort: string; sortHref: (sort: string) => string; canEdit: boolean }) {
  const common = { sort, sortHref };
  return (
    <thead>
      <tr>
        <th>Title</th>
        <SortHeader name="Outlet" column="outlet" first="" {...common} />
        <SortHeader name="Published" column="date" first="-" {...common} />
        <th className="num">Length</th>
        {LABELS.map(({ key, name }) => (
          <th key={key} className={styles.count}>
            <span className={`badge badge-${key}`}>{name}</span>
          </th>
        ))}
        <SortHeader name="Unreviewed" column="unreviewed" first="-" className={styles.count} {...common} />
        {canEdit && <th><span className="sr-only">Actions</span></th>}
      </tr>
    </thead>
  );
}
