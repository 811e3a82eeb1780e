/** "Next page" / "First page" links under a paginated agreement table (cursor in the URL). */
import styles from './Agreement.module.css';

interface Props {
  /** Where the next page is, or null on the last page. */
  nextHref: string | null;
  /** Where the first page is, or null when this is the first page. */
  firstHref: string | null;
  label: string;
  testId: string;
}

export function AgreementPager({ nextHref, firstHref, label, testId }: Props) {
  if (!nextHref && !firstHref) return null;
  return (
    <nav className={styles.pager} aria-label={label} data-testid={testId}>
      {firstHref && <a href={firstHref}>« First page</a>}
      {nextHref ? <a href={nextHref} rel="next">Next page »</a> : <span className="muted">Last page</span>}
    </nav>
  );
}
