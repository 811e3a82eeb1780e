'use client';

import { useEffect, useId, useState } from 'react';
import styles from './ArticlePicker.module.css';

export interface ArticleChoice {
  id: number;
  title: string;
  outlet: string | null;
  annotations: number;
}

interface ListedArticle {
  id: number;
  title: string;
  outlet: string | null;
  annotationCounts: { total: number };
}

/** How many matches a search shows: the list is for picking, not browsing. */
const MATCHES = 8;

function describe(a: ArticleChoice): string {
  return `${a.outlet ? `${a.outlet} · ` : ''}${a.annotations} ${a.annotations === 1 ? 'annotation' : 'annotations'}`;
}

/**
 * The export's article filter at a desk's size: search the project's articles (the articles
 * API, one short page) and add the ones to export; each chosen one is a hidden `articles` field.
 * Before a search it offers the most annotated articles. None chosen: every article.
 */
export function ArticlePicker({ projectId, suggested }: { projectId: number; suggested: ArticleChoice[] }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ q: string; items: ArticleChoice[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ArticleChoice[]>([]);
  const q = query.trim();

  useEffect(() => {
    if (!q) return;
    const abort = new AbortController();
    // Wait for a pause in typing, so one search is sent per word rather than per letter.
    const search = async () => {
      try {
        const response = await fetch(`/api/projects/${projectId}/articles?${new URLSearchParams({ q, limit: String(MATCHES) })}`, { signal: abort.signal });
        const body = await response.json();
        if (!response.ok) throw new Error(body?.error?.message ?? 'The search failed.');
        setProblem(null);
        setFound({ q, items: (body.items as ListedArticle[]).map((a) => ({ id: a.id, title: a.title || `Article ${a.id}`, outlet: a.outlet, annotations: a.annotationCounts.total })) });
      } catch (error) {
        if (!abort.signal.aborted) setProblem(error instanceof Error ? error.message : 'The search failed.');
      }
    };
    const timer = setTimeout(() => void search(), 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q, projectId]);

  const isChosen = (a: ArticleChoice) => chosen.some((c) => c.id === a.id);
  const listed = (q ? (found?.q === q ? found.items : []) : suggested).filter((a) => !isChosen(a));
  const searching = q !== '' && found?.q !== q && !problem;
  return (
    <div className="field">
      <label htmlFor={`${id}-q`}>
        Articles <span className={styles.hint}>{chosen.length ? `${chosen.length} chosen` : 'none chosen: all articles'}</span>
      </label>
      {chosen.length > 0 && (
        <ul className={styles.chosen} aria-label="Chosen articles">
          {chosen.map((a) => (
            <li key={a.id} className={styles.chip}>
              <span className={styles.chipTitle}>{a.title}</span>
              <button type="button" className={styles.remove} aria-label={`Remove ${a.title}`} onClick={() => setChosen((list) => list.filter((c) => c.id !== a.id))}>×</button>
              <input type="hidden" name="articles" value={a.id} />
            </li>
          ))}
        </ul>
      )}
      <input id={`${id}-q`} type="search" className="input" placeholder="Search title, outlet or text" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      <p className={styles.caption} aria-live="polite">
        {problem ?? (searching ? 'Searching…' : q ? (listed.length ? `Matching articles (first ${MATCHES})` : `No article matches “${q}”.`) : 'Most annotated articles')}
      </p>
      {listed.length > 0 && (
        <ul className={styles.results} aria-label={q ? 'Matching articles' : 'Most annotated articles'}>
          {listed.map((a) => (
            <li key={a.id}>
              <button type="button" className={styles.add} onClick={() => setChosen((list) => [...list, a])} aria-label={`Add ${a.title}`}>
                <span className={styles.addTitle}>{a.title}</span>
                <span className={styles.addMeta}>{describe(a)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
