'use client';
/**
 * Archive (or restore) one article, for leads, on its details page. Archiving asks first; the
 * article leaves every list, its annotations stay, and it can be restored from the project page.
 */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { apiRequest } from '@/lib/client/api';

export function ArchiveButton({ articleId, archived, title }: { articleId: number; archived: boolean; title: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(what: 'archive' | 'restore') {
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/api/articles/${articleId}/${what}`, { body: {} });
      setAsking(false);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (archived) {
    return (
      <div className="stack">
        <p className="alert alert-info" role="status">This article is archived: it is left out of the lists, the board, the review queue and exports. Its annotations are kept.</p>
        <div><button type="button" className="btn" disabled={busy} onClick={() => void act('restore')}>Restore the article</button></div>
        {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="muted">Imported by mistake? Archive it: it leaves the lists, the board, the review queue and exports; its annotations and history are kept, and you can restore it.</p>
      {asking ? (
        <div className="row" role="group" aria-label="Confirm archiving">
          <span>Archive “{title || 'Untitled'}”?</span>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void act('archive')} autoFocus>Archive it</button>
          <button type="button" className="btn" disabled={busy} onClick={() => setAsking(false)}>Cancel</button>
        </div>
      ) : (
        <div><button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>Archive the article…</button></div>
      )}
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
    </div>
  );
}
