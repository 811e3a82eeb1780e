'use client';
/** One annotation in the side panel; selected, it opens with its details, its author's actions and the extension slot. */
import type { Role } from '@/lib/domain';
import { AnnotationExtras } from './AnnotationExtras';
import type { ColourMode } from './highlighter';
import { LABEL_NAMES } from './labels';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

export interface ItemActions {
  selectedId: number | null;
  onSelect: (id: number) => void;
  onEdit: (id: number) => void;
  onDelete: (id: number) => void;
  me: number;
  role: Role;
  projectId: number;
  articleId: number;
  onChanged: (id: number) => void;
  mode: ColourMode;
  authorColour: (authorId: number) => string;
}

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Details({ a, own, onEdit, onDelete }: { a: AnnotationView; own: boolean; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      {a.attributes.speaker || a.attributes.quoteKind ? (
        <p className="small"><strong>Speaker:</strong> {String(a.attributes.speaker ?? 'not set')}{a.attributes.quoteKind ? ` · ${String(a.attributes.quoteKind)}` : ''}</p>
      ) : null}
      {a.attributes.verdict ? <p className="small"><strong>Verdict:</strong> {String(a.attributes.verdict)}</p> : null}
      {a.note ? <p className={styles.note}>{a.note}</p> : null}
      {own ? (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={onEdit}>Edit <kbd>e</kbd></button>
          <button type="button" className="btn btn-small btn-danger" onClick={onDelete}>Delete <kbd>Del</kbd></button>
        </div>
      ) : null}
    </>
  );
}

export function AnnotationItem({ a, index, count, selectedId, onSelect, onEdit, onDelete, me, role, projectId, articleId, onChanged, mode, authorColour }: ItemActions & { a: AnnotationView; index: number; count: number }) {
  const selected = a.id === selectedId;
  const own = a.authorId === me && a.id > 0;
  return (
    <li className={`${styles.item} ${selected ? styles.itemSelected : ''} ${styles[`item_${a.label}`]}`} data-annotation-id={a.id} data-testid="annotation-item"
      data-index={index} aria-posinset={index + 1} aria-setsize={count}>
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
          <Details a={a} own={own} onEdit={() => onEdit(a.id)} onDelete={() => onDelete(a.id)} />
          {a.id > 0 ? (
            <AnnotationExtras annotation={a} projectId={projectId} articleId={articleId} currentUserId={me} role={role} onChanged={() => onChanged(a.id)} />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
