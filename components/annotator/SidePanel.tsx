'use client';
/**
 * The side panel: filters (label, author), colour mode, and the article's annotations in text
 * order. The selected one opens with its details, its own actions and the extension slot.
 */
import { useEffect, useRef } from 'react';
import type { Label, Role } from '@/lib/domain';
import { AnnotationExtras } from './AnnotationExtras';
import { LABEL_CUES, LABEL_NAMES } from './labels';
import { LABELS } from './editFields';
import type { ColourMode } from './highlighter';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

export interface Filters {
  labels: Set<Label>;
  /** 'all', 'mine', or an author id. */
  author: 'all' | 'mine' | number;
}

interface Props {
  items: AnnotationView[];
  total: number;
  filters: Filters;
  onFilters: (f: Filters) => void;
  authors: Array<{ id: number; name: string }>;
  mode: ColourMode;
  onMode: (m: ColourMode) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onEdit: (id: number) => void;
  onDelete: (id: number) => void;
  me: number;
  role: Role;
  projectId: number;
  articleId: number;
  onChanged: (id: number) => void;
  /** The highlight colour of each author, shown when colouring by author. */
  authorColour: (authorId: number) => string;
}

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SidePanel(props: Props) {
  const { items, filters, onFilters, selectedId } = props;
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${selectedId}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const toggleLabel = (label: Label) => {
    const labels = new Set(filters.labels);
    if (labels.has(label)) labels.delete(label);
    else labels.add(label);
    onFilters({ ...filters, labels });
  };

  return (
    <aside className={styles.panel} aria-label="Annotations">
      <div className={styles.panelHead}>
        <div className={styles.panelTitle}>
          <h2>Annotations</h2>
          <span className="muted small" data-testid="annotation-count">{items.length === props.total ? props.total : `${items.length} of ${props.total}`}</span>
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
            <select value={String(filters.author)} onChange={(e) => onFilters({ ...filters, author: e.target.value === 'all' || e.target.value === 'mine' ? e.target.value : Number(e.target.value) })}>
              <option value="all">Everyone</option>
              <option value="mine">Mine</option>
              {props.authors.filter((a) => a.id !== props.me).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </label>
          <div className={styles.segmented} role="group" aria-label="Colour highlights">
            <button type="button" aria-pressed={props.mode === 'label'} onClick={() => props.onMode('label')}>By label</button>
            <button type="button" aria-pressed={props.mode === 'author'} onClick={() => props.onMode('author')}>By author</button>
          </div>
        </div>
        {props.mode === 'author' ? (
          <ul className={styles.legend} aria-label="Author colours">
            {props.authors.map((a) => (
              <li key={a.id}><span className={styles.dot} style={{ background: props.authorColour(a.id) }} aria-hidden="true" />{a.id === props.me ? `${a.name} (you)` : a.name}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className={styles.panelEmpty}>{props.total === 0 ? 'No annotations yet. Select text in the article and press 1, 2 or 3.' : 'No annotation matches these filters.'}</p>
      ) : (
        <ol className={styles.list} ref={listRef} data-testid="annotation-list">
          {items.map((a) => <Item key={a.id} a={a} {...props} />)}
        </ol>
      )}
    </aside>
  );
}

function Item({ a, selectedId, onSelect, onEdit, onDelete, me, role, projectId, articleId, onChanged, mode, authorColour }: Props & { a: AnnotationView }) {
  const selected = a.id === selectedId;
  const own = a.authorId === me && a.id > 0;
  return (
    <li className={`${styles.item} ${selected ? styles.itemSelected : ''} ${styles[`item_${a.label}`]}`} data-annotation-id={a.id} data-testid="annotation-item">
      <button type="button" className={styles.itemButton} onClick={() => onSelect(a.id)} aria-expanded={selected}>
        <span className="row">
          <span className={`badge badge-${a.label}`}>{LABEL_NAMES[a.label]}</span>
          <span className={`badge badge-${a.status}`}>{a.status}</span>
          <span className={`${styles.linkCount} ${a.links.length ? '' : styles.linkCountNone}`} title={`${a.links.length} link(s) to statements in other articles`}>⇄ {a.links.length}</span>
          {a.id < 0 ? <span className="muted small">saving…</span> : null}
        </span>
        <span className={styles.exact}>{a.exact}</span>
        <span className={styles.meta}>
          {mode === 'author' ? <span className={styles.dot} style={{ background: authorColour(a.authorId) }} aria-hidden="true" /> : null}
          {a.authorName} · {time(a.createdAt)}
        </span>
        {a.note && !selected ? <span className={styles.noteLine}>{a.note}</span> : null}
      </button>
      {selected ? (
        <div className={styles.details}>
          {a.attributes.speaker || a.attributes.quoteKind ? (
            <p className="small"><strong>Speaker:</strong> {String(a.attributes.speaker ?? 'not set')}{a.attributes.quoteKind ? ` · ${String(a.attributes.quoteKind)}` : ''}</p>
          ) : null}
          {a.attributes.verdict ? <p className="small"><strong>Verdict:</strong> {String(a.attributes.verdict)}</p> : null}
          {a.note ? <p className={styles.note}>{a.note}</p> : null}
          {own ? (
            <div className="row">
              <button type="button" className="btn btn-small" onClick={() => onEdit(a.id)}>Edit <kbd>e</kbd></button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(a.id)}>Delete <kbd>Del</kbd></button>
            </div>
          ) : null}
          {a.id > 0 ? (
            <AnnotationExtras annotation={a} projectId={projectId} articleId={articleId} currentUserId={me} role={role} onChanged={() => onChanged(a.id)} />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
