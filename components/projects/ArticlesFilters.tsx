/**
 * Search, filters and sort of the articles list as a plain GET form: every choice lands in
 * the URL, so a filtered list can be bookmarked, shared and reloaded. No client code needed.
 */
import Link from 'next/link';
import styles from './ArticlesFilters.module.css';

export interface ArticleFilterValues {
  q?: string;
  outlet?: string;
  from?: string;
  to?: string;
  sort?: string;
}

export const SORT_CHOICES: Array<{ value: string; name: string }> = [
  { value: 'imported', name: 'Import order' },
  { value: '-imported', name: 'Newest imports' },
  { value: '-date', name: 'Newest published' },
  { value: 'date', name: 'Oldest published' },
  { value: 'outlet', name: 'Outlet A–Z' },
  { value: '-outlet', name: 'Outlet Z–A' },
  { value: '-annotations', name: 'Most annotations' },
  { value: 'annotations', name: 'Fewest annotations' },
  { value: '-unreviewed', name: 'Most unreviewed' },
  { value: 'unreviewed', name: 'Fewest unreviewed' },
];

export function ArticlesFilters({ action, values, outlets }: { action: string; values: ArticleFilterValues; outlets: string[] }) {
  const filtered = Boolean(values.q || values.outlet || values.from || values.to || (values.sort && values.sort !== 'imported'));
  return (
    // Keyed by the values: Clear and other in-app navigations must reset the uncontrolled fields.
    <form key={JSON.stringify(values)} method="get" action={action} className={styles.form} role="search" aria-label="Search and filter articles">
      <label className={`field ${styles.search}`}>
        Search
        <input type="search" name="q" defaultValue={values.q ?? ''} placeholder="Words in the title, outlet or text" maxLength={200} />
      </label>
      <label className="field">
        Outlet
        <select name="outlet" defaultValue={values.outlet ?? ''}>
          <option value="">All outlets</option>
          {outlets.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="field">
        Published from
        <input type="date" name="from" defaultValue={values.from ?? ''} />
      </label>
      <label className="field">
        to
        <input type="date" name="to" defaultValue={values.to ?? ''} />
      </label>
      <label className="field">
        Sort by
        <select name="sort" defaultValue={values.sort ?? 'imported'}>
          {SORT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>{c.name}</option>
          ))}
        </select>
      </label>
      <div className={styles.buttons}>
        <button type="submit" className="btn btn-primary">Apply</button>
        {filtered && <Link href={action} className="btn">Clear</Link>}
      </div>
    </form>
  );
}
