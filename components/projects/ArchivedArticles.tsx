'use client';
/** The project's archived articles (leads): each can be opened or restored into the lists. */
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { apiRequest } from '@/lib/client/api';
import { displayOutlet } from '@/lib/articleNames';
import type { ArchivedArticle } from '@/lib/data/articleArchive';
import { formatMoment } from './format';

export function ArchivedArticles({ projectId, articles }: { projectId: number; articles: ArchivedArticle[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  if (!articles.length) return null;

  async function restore(id: number) {
    setError(null);
    try {
      await apiRequest(`/api/articles/${id}/restore`, { body: {} });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="card" aria-labelledby="archived-articles" style={{ marginTop: '1rem' }} data-testid="archived-articles">
      <h2 id="archived-articles" style={{ marginTop: 0, fontSize: '1.05rem' }}>Archived <span className="muted small">{articles.length}</span></h2>
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {articles.map((a) => (
          <li key={a.id} className="row" style={{ justifyContent: 'space-between' }}>
            <span>
              <Link href={`/projects/${projectId}/articles/${a.id}/details`}>{a.title || 'Untitled'}</Link>{' '}
              <span className="muted small">· {displayOutlet(a)} · archived {formatMoment(a.archivedAt)}</span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => void restore(a.id)} aria-label={`Restore ${a.title || 'untitled article'}`}>Restore</button>
          </li>
        ))}
      </ul>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
    </section>
  );
}
