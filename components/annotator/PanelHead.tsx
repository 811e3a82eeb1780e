'use client';
/** The side panel's head: the count, label chips, the author filter, the colour mode and its legend. */
import { LABELS, type Label } from '@/lib/domain';
import { LABEL_CUES, LABEL_NAMES } from './labels';
import type { ColourMode } from './highlighter';
import styles from './Reader.module.css';

export interface Filters {
  labels: Set<Label>;
  /** 'all', 'mine', or an author id. */
  author: 'all' | 'mine' | number;
}

export interface PanelHeadProps {
  shown: number;
  total: number;
  filters: Filters;
  onFilters: (f: Filters) => void;
  authors: Array<{ id: number; name: string }>;
  me: number;
  mode: ColourMode;
  onMode: (m: ColourMode) => void;
  /** The highlight colour of each author, shown when colouring by author. */
  authorColour: (authorId: number) => string;
}

const authorChoice = (value: string): Filters['author'] => (value === 'all' || value === 'mine' ? value : Number(value));

export function PanelHead({ shown, total, filters, onFilters, authors, me, mode, onMode, authorColour }: PanelHeadProps) {
  const toggleLabel = (label: Label) => {
    const labels = new Set(filters.labels);
    if (labels.has(label)) labels.delete(label);
    else labels.add(label);
    onFilters({ ...filters, labels });
  };
  return (
    <div className={styles.panelHead}>
      <div className={styles.panelTitle}>
        <h2>Annotations</h2>
        <span className="muted small" data-testid="annotation-count">{shown === total ? total : `${shown} of ${total}`}</span>
      </div>
      <div className={styles.filters} role="group" aria-label="Show labels">
        {LABELS.map((label) => (
          <button key={label} type="button" aria-pressed={filters.labels.has(label)} className={`${styles.chip} ${styles[`chip_${label}`]}`}
            onClick={() => toggleLabel(label)} title={`${LABEL_NAMES[label]}: ${LABEL_CUES[label]}`}>
            <span className={`${styles.swatch} ${styles[`swatch_${label}`]}`} aria-hidden="true" />
            {LABEL_NAMES[label]}
          </button>
        ))}
      </div>
      <div className={styles.panelControls}>
        <label className={styles.inlineField}>
          <span>Author</span>
          <select value={String(filters.author)} onChange={(e) => onFilters({ ...filters, author: authorChoice(e.target.value) })}>
            <option value="all">Everyone</option>
            <option value="mine">Mine</option>
            {authors.filter((a) => a.id !== me).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <div className={styles.segmented} role="group" aria-label="Colour highlights">
          <button type="button" aria-pressed={mode === 'label'} onClick={() => onMode('label')}>By label</button>
          <button type="button" aria-pressed={mode === 'author'} onClick={() => onMode('author')}>By author</button>
        </div>
      </div>
      {mode === 'author' ? (
        <ul className={styles.legend} aria-label="Author colours">
          {authors.map((a) => (
            <li key={a.id}><span className={styles.dot} style={{ background: authorColour(a.id) }} aria-hidden="true" />{a.id === me ? `${a.name} (you)` : a.name}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
