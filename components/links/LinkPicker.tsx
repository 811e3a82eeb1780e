'use client';
/**
 * The link picker: a modal listing statements of the project's other articles. Without typing
 * it shows the most similar ones; typing searches text, notes, speakers and outlets. Arrow
 * keys choose a statement, c / x the relation, Enter (or Ctrl+Enter in the rationale) links.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Label, Relation } from '@/lib/domain';
import type { AnnotationView } from '@/components/annotator/types';
import type { Suggestion } from '@/lib/data/linkSuggestions';
import { contentTerms, typedTerms } from '@/lib/search/query';
import { LinkConfirm } from './LinkConfirm';
import { SuggestionRow } from './SuggestionRow';
import { linksApi } from './linksApi';
import { sourceName } from '@/lib/text/sourceName';
import styles from './links.module.css';

interface Props {
  annotation: AnnotationView;
  onClose: () => void;
  onLinked: () => void;
}

const RELATION_BY_KEY: Record<string, Relation> = { c: 'corroborates', x: 'conflicts' };

function useSuggestions(annotationId: number, query: string) {
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      linksApi.suggestions(annotationId, query, controller.signal).then(
        (r) => { setItems(r.suggestions); setError(null); },
        (e: Error) => { if (e.name !== 'AbortError') setError(e.message); },
      );
    }, query ? 180 : 0);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [annotationId, query]);
  return { items, error };
}

export function LinkPicker({ annotation, onClose, onLinked }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [label, setLabel] = useState<Label>(annotation.label);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { items, error } = useSuggestions(annotation.id, query.trim());
  const terms = useMemo(() => (query.trim() ? typedTerms(query) : contentTerms(annotation.exact)), [query, annotation.exact]);
  const chosen = items?.[active] ?? null;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    const closed = () => onClose();
    dialog?.addEventListener('close', closed);
    return () => dialog?.removeEventListener('close', closed);
  }, [onClose]);
  useEffect(() => setActive(0), [items]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const submit = useCallback(async () => {
    if (!chosen || !relation || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      if (chosen.kind === 'annotation' && chosen.annotationId) await linksApi.link(annotation.id, chosen.annotationId, relation, note);
      else await linksApi.linkSentence(annotation.id, { articleId: chosen.articleId, start: chosen.start, end: chosen.end, exact: chosen.exact, label }, relation, note);
      onLinked();
    } catch (e) {
      setFailure((e as Error).message);
      setBusy(false);
    }
  }, [chosen, relation, busy, annotation.id, note, label, onLinked]);

  const move = (delta: number) => setActive((i) => Math.max(0, Math.min((items?.length ?? 1) - 1, i + delta)));
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); move(e.key === 'ArrowDown' ? 1 : -1); }
    if (e.key === 'Enter') { e.preventDefault(); listRef.current?.focus(); }
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); move(e.key === 'ArrowDown' ? 1 : -1); }
    else if (RELATION_BY_KEY[e.key]) { e.preventDefault(); setRelation(RELATION_BY_KEY[e.key]); }
    else if (e.key === 'Enter') { e.preventDefault(); void submit(); }
    else if (e.key === '/') { e.preventDefault(); dialogRef.current?.querySelector<HTMLInputElement>('input[type="search"]')?.focus(); }
  };
  const best = items?.[0]?.score ?? 0;
  const targetName = chosen ? sourceName(chosen) : null;

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
      <input type="search" autoFocus value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey}
        placeholder="Search statements, notes, speakers or an outlet…" aria-label="Search statements" aria-controls="link-options"
        className={styles.search} data-testid="link-search" />
      <p className={styles.listCaption}>
        <span>{query.trim() ? `Statements matching “${query.trim()}”` : 'Most similar statements in the other articles'}</span>
        {items?.length ? <span className={styles.captionCount}>{items.length}</span> : null}
      </p>
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
      {!items?.length ? (
        <p className={`${styles.options} ${styles.optionsEmpty}`} role="status">
          {items === null ? 'Finding similar statements…' : query.trim() ? 'Nothing matches. Try other words or an outlet name.' : 'No similar statement in the other articles. Type to search.'}
        </p>
      ) : null}
      <ul id="link-options" ref={listRef} role="listbox" tabIndex={0} aria-label="Statements" onKeyDown={onListKey} hidden={!items?.length}
        aria-activedescendant={chosen ? `link-option-${active}` : undefined} className={styles.options}>
        {items?.map((item, i) => (
          <SuggestionRow key={`${item.kind}-${item.annotationId ?? `${item.articleId}:${item.start}`}`} id={`link-option-${i}`} item={item}
            active={i === active} terms={terms} best={best} onPick={() => { setActive(i); listRef.current?.focus(); }} />
        ))}
      </ul>
      {failure ? <p className={`alert alert-error small ${styles.failure}`} role="alert">{failure}</p> : null}
      </div>
      <LinkConfirm target={targetName} needsLabel={chosen?.kind === 'sentence'} relation={relation} onRelation={setRelation}
        label={label} onLabel={setLabel} note={note} onNote={setNote} busy={busy} onSubmit={() => void submit()} />
    </dialog>
  );
}
