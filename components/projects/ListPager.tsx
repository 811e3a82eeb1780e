/**
 * The links under a paginated list: back to the first page and on to the next one. Keyset
 * pages only go forward (a cursor is the last row sent), so "first" is the way back.
 */
import Link from 'next/link';
import styles from './ListPager.module.css';

/** `base` with the non-empty `params` as its query string. */
export function listHref(base: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

export function ListPager({ firstHref, nextHref, nextLabel, firstLabel, summary }: {
  /** Null on the first page. */
  firstHref: string | null;
  /** Null on the last page. */
  nextHref: string | null;
  nextLabel: string;
  firstLabel: string;
  summary?: string;
}) {
  if (!firstHref && !nextHref && !summary) return null;
  return (
    <nav className={styles.pager} aria-label="Pages">
      {summary && <span className="muted small">{summary}</span>}
      <span className={styles.links}>
        {firstHref && <Link href={firstHref} className="btn btn-small">{firstLabel}</Link>}
        {nextHref && <Link href={nextHref} className="btn btn-small" rel="next">{nextLabel}</Link>}
      </span>
    </nav>
  );
}
