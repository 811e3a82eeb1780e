import { LABELS, STATUSES } from '@/lib/domain';
import styles from './ExportForm.module.css';

export interface FilterChoices {
  articles: Array<{ id: number; title: string; outlet: string | null; annotations: number }>;
  members: Array<{ id: number; name: string }>;
}

function articleOption(a: FilterChoices['articles'][number]): string {
  const outlet = a.outlet ? ` — ${a.outlet}` : '';
  return `${a.title}${outlet} · ${a.annotations} ${a.annotations === 1 ? 'annotation' : 'annotations'}`;
}

/** The filter fields of the export form (plain form controls, read on submit). */
export function ExportFilters({ articles, members }: FilterChoices) {
  return (
    <section className="card" aria-labelledby="export-filters-title">
      <h2 id="export-filters-title" className={styles.cardTitle}>
        Filters <span className={styles.hint}>none chosen: everything</span>
      </h2>
      <fieldset className={styles.filters}>
        <legend className="sr-only">Filters</legend>
        <div className="field">
          Status
          <div className={styles.checks}>
            {STATUSES.map((s) => (
              <label key={s}>
                <input type="checkbox" name="status" value={s} /> <span className={`badge badge-${s}`}>{s}</span>
              </label>
            ))}
          </div>
        </div>
        <div className="field">
          Label
          <div className={styles.checks}>
            {LABELS.map((l) => (
              <label key={l}>
                <input type="checkbox" name="label" value={l} />{' '}
                <span className={styles.swatch} style={{ background: `var(--label-${l})` }} aria-hidden="true" />
                {l}
              </label>
            ))}
          </div>
        </div>
        <label className="field">
          Authors <span className={styles.hint}>Ctrl/⌘-click to pick several</span>
          <select name="author" multiple className={styles.select}>
            {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label className="field">
          Articles
          <select name="articles" multiple className={styles.select}>
            {articles.map((a) => <option key={a.id} value={a.id}>{articleOption(a)}</option>)}
          </select>
        </label>
      </fieldset>
    </section>
  );
}
