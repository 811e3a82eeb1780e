'use client';
/**
 * The queue's filters, kept in the URL: label (chips with their counts, "claim 120 · quote 40"),
 * author, outlet and article (menus with counts). Each facet counts under the other filters.
 */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { FacetCount, QueueCounts } from '@/lib/data/reviewQueue';
import { formatCount } from '@/components/projects/format';
import styles from './ReviewQueue.module.css';

type Param = 'label' | 'author' | 'outlet' | 'article';

function FacetSelect({ name, label, facets, value, onChange }: { name: Param; label: string; facets: FacetCount[]; value: string; onChange: (name: Param, value: string) => void }) {
  return (
    <label className={styles.filter}>
      <span className="small muted">{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(name, e.target.value)} data-testid={`filter-${name}`}>
        <option value="">All</option>
        {facets.map((f) => (
          <option key={f.value} value={f.value}>{`${f.name.length > 60 ? `${f.name.slice(0, 60)}…` : f.name} (${formatCount(f.count)})`}</option>
        ))}
      </select>
    </label>
  );
}

export function ReviewQueueFilters({ counts }: { counts: QueueCounts }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const href = (name: Param, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const change = (name: Param, value: string) => router.push(href(name, value));
  const label = params.get('label') ?? '';
  const any = ['label', 'author', 'outlet', 'article'].some((p) => params.get(p));
  return (
    <section className={styles.filters} aria-label="Filter the queue">
      <nav className={styles.chips} aria-label="By label" data-testid="label-counts">
        <a href={href('label', '')} className={label ? styles.chip : `${styles.chip} ${styles.chipOn}`} aria-current={label ? undefined : 'true'}>all</a>
        {counts.label.map((f) => (
          <a key={f.value} href={href('label', f.value === label ? '' : f.value)} className={f.value === label ? `${styles.chip} ${styles.chipOn}` : styles.chip}
            aria-current={f.value === label ? 'true' : undefined}>
            {f.name} <span className={styles.chipCount}>{formatCount(f.count)}</span>
          </a>
        ))}
      </nav>
      <div className={styles.selects}>
        <FacetSelect name="author" label="Author" facets={counts.author} value={params.get('author') ?? ''} onChange={change} />
        <FacetSelect name="outlet" label="Outlet" facets={counts.outlet} value={params.get('outlet') ?? ''} onChange={change} />
        <FacetSelect name="article" label="Article" facets={counts.article} value={params.get('article') ?? ''} onChange={change} />
        {any && <a className={`small ${styles.clear}`} href={pathname}>Clear filters</a>}
      </div>
    </section>
  );
}
