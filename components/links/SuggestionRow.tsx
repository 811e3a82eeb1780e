'use client';
/** One statement in the picker's list: outlet, label or "not annotated", the words with matches marked. */
import type { Suggestion } from '@/lib/data/linkSuggestions';
import { RELATION_GLYPHS, RELATION_NAMES } from './relations';
import { sourceName } from '@/lib/text/sourceName';
import { LABEL_NAMES } from '@/components/annotator/labels';
import styles from './links.module.css';

/** Splits `text` into runs, marking words equal to a short term or sharing the first five letters of a longer one. */
export function markTerms(text: string, terms: string[]): Array<{ text: string; hit: boolean }> {
  const useful = terms.filter((t) => t.length > 1);
  if (useful.length === 0) return [{ text, hit: false }];
  const matches = (word: string) =>
    useful.some((t) => word === t || (t.length >= 5 && word.length >= 5 && word.slice(0, 5) === t.slice(0, 5)));
  return text.split(/([\p{L}\p{M}\p{N}]+)/u).filter(Boolean).map((part) => {
    const lower = part.toLowerCase();
    return { text: part, hit: /[\p{L}\p{N}]/u.test(part) && lower.length > 1 && matches(lower) };
  });
}

interface Props {
  item: Suggestion;
  id: string;
  active: boolean;
  terms: string[];
  best: number;
  onPick: () => void;
}

export function SuggestionRow({ item, id, active, terms, best, onPick }: Props) {
  const strength = best > 0 ? Math.max(0.08, item.score / best) : 0;
  return (
    <li id={id} role="option" aria-selected={active} className={`${styles.option} ${active ? styles.optionActive : ''}`}
      onMouseDown={(e) => e.preventDefault()} onClick={onPick} data-testid="suggestion">
      <div className={styles.optionHead}>
        <span className={styles.outlet} title={item.title}>{sourceName(item)}</span>
        {item.kind === 'annotation' && item.label ? (
          <span className={`badge ${styles[`label_${item.label}`]}`}>{LABEL_NAMES[item.label]}</span>
        ) : (
          <span className={styles.sentenceBadge}>sentence · not annotated</span>
        )}
        {item.linkedAs ? (
          <span className={`${styles.relation} ${styles[`relation_${item.linkedAs}`]}`}>
            {RELATION_GLYPHS[item.linkedAs]} you linked: {RELATION_NAMES[item.linkedAs].toLowerCase()}
          </span>
        ) : null}
        {strength > 0 ? (
          <span className={styles.meter} title={`Similarity ${Math.round(strength * 100)}% of the best match`} aria-hidden="true">
            <span style={{ width: `${Math.round(strength * 100)}%` }} />
          </span>
        ) : null}
      </div>
      <p className={styles.optionText}>
        {markTerms(item.exact, terms).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
    </li>
  );
}
