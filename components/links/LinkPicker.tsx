'use client';
/**
 * The link picker: a modal listing statements of the project's other articles. Without typing
 * it shows the most similar ones; typing searches text, notes, speakers and outlets. Arrow
 * keys choose a statement, c / x the relation, Enter (or Ctrl+Enter in the rationale) links.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Relation } from '@/lib/domain';
import type { AnnotationView } from '@/components/annotator/types';
import { useModalDialog } from '@/components/useModalDialog';
import { sourceName } from '@/lib/text/sourceName';
import { LinkConfirm } from './LinkConfirm';
import { PickerOptions } from './PickerOptions';
import { useLinkPicker, type Linked } from './useLinkPicker';
import styles from './links.module.css';

interface Props {
  annotation: AnnotationView;
  onClose: () => void;
  onLinked: (made: Linked) => void;
}

const RELATION_BY_KEY: Record<string, Relation> = { c: 'corroborates', x: 'conflicts' };
const ARROWS: Record<string, 1 | -1> = { ArrowDown: 1, ArrowUp: -1 };

export function LinkPicker({ annotation, onClose, onLinked }: Props) {
  const dialogRef = useModalDialog(onClose);
  const listRef = useRef<HTMLUListElement>(null);
  const p = useLinkPicker(annotation, onLinked);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [p.active]);
  // The dialog would start on ×; start on the search box, then on the first suggestion once
  // the list arrives, so ↑ ↓, c / x and Enter work at once (typing / returns to the search).
  const landed = useRef(false);
  const search = () => dialogRef.current?.querySelector<HTMLInputElement>('input[type="search"]');
  useEffect(() => search()?.focus(), []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (landed.current || p.items === null) return;
    landed.current = true;
    if (p.items.length && document.activeElement === search() && !p.query) listRef.current?.focus();
  }, [p.items, p.query]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (ARROWS[e.key]) { e.preventDefault(); p.move(ARROWS[e.key]); }
    if (e.key === 'Enter') { e.preventDefault(); listRef.current?.focus(); }
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (ARROWS[e.key]) { e.preventDefault(); p.move(ARROWS[e.key]); }
    else if (RELATION_BY_KEY[e.key]) { e.preventDefault(); p.setRelation(RELATION_BY_KEY[e.key]); }
    else if (e.key === 'Enter') { e.preventDefault(); void p.submit(); }
    else if (e.key === '/') { e.preventDefault(); search()?.focus(); }
  };

  return (
    <dialog ref={dialogRef} className={styles.picker} aria-labelledby="link-picker-title" data-testid="link-picker">
      <header className={styles.pickerHead}>
        <div>
          <h2 id="link-picker-title">Link to a statement in another article</h2>
          <blockquote className={`${styles.source} ${styles[`source_${annotation.label}`]}`}>{annotation.exact}</blockquote>
        </div>
        <button type="button" className={styles.close} onClick={() => dialogRef.current?.close()} aria-label="Close">×</button>
      </header>
      <div className={styles.pickerBody}>
        <PickerOptions query={p.query} onQuery={p.setQuery} items={p.items} error={p.error} active={p.active} terms={p.terms} listRef={listRef}
          onPick={(i) => { p.setActive(i); listRef.current?.focus(); }} onSearchKey={onSearchKey} onListKey={onListKey} />
        {p.failure ? <p className={`alert alert-error small ${styles.failure}`} role="alert">{p.failure}</p> : null}
      </div>
      <LinkConfirm target={p.chosen ? sourceName(p.chosen) : null} needsLabel={p.chosen?.kind === 'sentence'} relation={p.relation} onRelation={p.setRelation}
        label={p.label} onLabel={p.setLabel} note={p.note} onNote={p.setNote} busy={p.busy} onSubmit={() => void p.submit()} />
    </dialog>
  );
}
