/**
 * The board's filters as one GET form, so every choice lands in the URL (shareable, back
 * button works) and needs no script. Sorts are links beside it.
 */
import Link from 'next/link';
import { BOARD_SORTS, type BoardOutlet, type BoardSort } from '@/lib/data/claimBoard';
import { LABELS, STATUSES, VERDICTS } from '@/lib/domain';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { boardHref, type BoardView } from './boardUrl';
import styles from './board.module.css';

export const SORT_NAMES: Record<BoardSort, string> = {
  contested: 'Most contested', corroborated: 'Most corroborated', newest: 'Newest', unreviewed: 'Unreviewed first',
};

function Select({ name, label, value, options }: { name: string; label: string; value?: string | number; options: [string, string][] }) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <select name={name} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">Any</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

export function BoardFilters({ projectId, view, outlets, reviewers }: {
  projectId: number; view: BoardView; outlets: BoardOutlet[]; reviewers: { userId: number; name: string }[];
}) {
  const f = view.filters;
  const active = Object.keys(f).length > 0;
  return (
    <div className={styles.controls}>
      <nav className={styles.segmented} aria-label="Sort clusters">
        {BOARD_SORTS.map((s) => <Link key={s} href={boardHref(projectId, view, { sort: s })} aria-current={s === view.sort ? 'true' : undefined}>{SORT_NAMES[s]}</Link>)}
      </nav>
      <form method="get" action={`/projects/${projectId}/board`} className={styles.filters} role="search" aria-label="Filter clusters">
        <input type="hidden" name="sort" value={view.sort} />
        <label className={`${styles.field} ${styles.search}`}>
          <span>Text</span>
          <input type="search" name="q" defaultValue={f.q ?? ''} placeholder="Words in any statement" maxLength={200} />
        </label>
        <Select name="outlet" label="Outlet" value={f.outlet} options={outlets.map((o) => [o.name, `${o.name} (${o.clusters})`])} />
        <Select name="status" label="Claim status" value={f.status} options={STATUSES.map((s) => [s, s])} />
        <Select name="verdict" label="Verdict" value={f.verdict} options={[...VERDICTS.map((v): [string, string] => [v, VERDICT_LABELS[v]]), ['none', 'No verdict yet']]} />
        <Select name="label" label="Linked label" value={f.label} options={LABELS.map((l) => [l, l])} />
        <Select name="reviewer" label="Reviewed by" value={f.reviewer} options={reviewers.map((r) => [String(r.userId), r.name])} />
        <button type="submit" className="btn btn-primary">Apply</button>
        {active ? <Link href={boardHref(projectId, { sort: view.sort, filters: {} })} className={styles.clear}>Clear filters</Link> : null}
      </form>
    </div>
  );
}
