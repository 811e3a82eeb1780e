import { LABELS, STATUSES } from '@/lib/domain';
import { ArticlePicker, type ArticleChoice } from './ArticlePicker';
import styles from './ExportForm.module.css';

export interface FilterChoices {
  /** Offered before a search (the most annotated); any article can be found by the search. */
  articles: ArticleChoice[];
  members: Array<{ id: number; name: string }>;
}

/** The filter fields of the export form (plain form controls, read on submit). */
export function ExportFilters({ projectId, articles, members }: FilterChoices & { projectId: number }) {
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
        <ArticlePicker projectId={projectId} suggested={articles} />
      </fieldset>
    </section>
  );
}
