'use client';
/**
 * The count on the project navigation's "Re-anchoring" tab: how many spans wait for a decision
 * after a revision. Given by the page when it knows it; otherwise asked of the queue API once
 * (limit=1, its `total`), so every project page shows it without reading it itself.
 */
import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import styles from './ProjectNav.module.css';

export function ReanchorCount({ projectId, known }: { projectId: number | string; known?: number }) {
  const [count, setCount] = useState<number | null>(known ?? null);
  useEffect(() => {
    if (known !== undefined) return;
    const abort = new AbortController();
    apiRequest<{ total: number }>(`/api/projects/${projectId}/revisions/queue?limit=1`, { signal: abort.signal })
      .then((page) => setCount(page.total))
      .catch(() => undefined);
    return () => abort.abort();
  }, [projectId, known]);
  const n = known ?? count;
  if (!n) return null;
  return <span className={styles.count} data-testid="reanchor-count" aria-label={`${n} waiting`}>{n}</span>;
}
