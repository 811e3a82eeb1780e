'use client';
/** The picker's search box and the list of statements to choose from (a listbox driven by the keys). */
import type { KeyboardEventHandler, RefObject } from 'react';
import type { Suggestion } from '@/lib/data/linkSuggestions';
import { SuggestionRow } from './SuggestionRow';
import styles from './links.module.css';

interface Props {
  query: string;
  onQuery: (q: string) => void;
  items: Suggestion[] | null;
  error: string | null;
  active: number;
  onPick: (index: number) => void;
  terms: string[];
  listRef: RefObject<HTMLUListElement | null>;
  onSearchKey: KeyboardEventHandler<HTMLInputElement>;
  onListKey: KeyboardEventHandler<HTMLUListElement>;
}

function emptyText(items: Suggestion[] | null, query: string): string {
  if (items === null) return 'Finding similar statements…';
  return query ? 'Nothing matches. Try other words or an outlet name.' : 'No similar statement in the other articles. Type to search.';
}

export function PickerOptions({ query, onQuery, items, error, active, onPick, terms, listRef, onSearchKey, onListKey }: Props) {
  const typed = query.trim();
  const best = items?.[0]?.score ?? 0;
  return (
    <>
      <input type="search" autoFocus value={query} onChange={(e) => onQuery(e.target.value)} onKeyDown={onSearchKey}
        placeholder="Search statements, notes, speakers or an outlet…" aria-label="Search statements" aria-controls="link-options"
        className={styles.search} data-testid="link-search" />
      <p className={styles.listCaption}>
        <span>{typed ? `Statements matching “${typed}”` : 'Most similar statements in the other articles'}</span>
        {items?.length ? <span className={styles.captionCount}>{items.length}</span> : null}
      </p>
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
      {!items?.length ? <p className={`${styles.options} ${styles.optionsEmpty}`} role="status">{emptyText(items, typed)}</p> : null}
      <ul id="link-options" ref={listRef} role="listbox" tabIndex={0} aria-label="Statements" onKeyDown={onListKey} hidden={!items?.length}
        aria-activedescendant={items?.[active] ? `link-option-${active}` : undefined} className={styles.options}>
        {items?.map((item, i) => (
          <SuggestionRow key={`${item.kind}-${item.annotationId ?? `${item.articleId}:${item.start}`}`} id={`link-option-${i}`} item={item}
            active={i === active} terms={terms} best={best} onPick={() => onPick(i)} />
        ))}
      </ul>
    </>
  );
}
