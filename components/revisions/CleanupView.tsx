'use client';
/**
 * The lead's "Clean up" view: each proposed removal (ads, weather, share buttons, "similar
 * news", repeated bylines and paragraphs) with a checkbox and its text struck, how much goes,
 * and accepting it as a new revision (source: cleanup), which re-anchors every span.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import type { AnchorStateName } from '@/lib/domain';
import { applyRemovals, type Removal } from './cleanup';
import styles from './revisions.module.css';
import queue from './queue.module.css';

type Result = { revision: { number: number }; reanchoring: { counts: Record<AnchorStateName, number> } };

export function CleanupView({ articleId, diffHref, body, removals }: { articleId: number; diffHref: string; body: string; removals: Removal[] }) {
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(removals.map((_, i) => i)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const cleaned = useMemo(() => applyRemovals(body, removals, chosen), [body, removals, chosen]);
  const toggle = (i: number) => setChosen((c) => {
    const next = new Set(c);
    if (!next.delete(i)) next.add(i);
    return next;
  });
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const note = `Clean-up: ${chosen.size} removal${chosen.size === 1 ? '' : 's'} (${[...new Set([...chosen].map((i) => removals[i].reason))].join(', ')})`;
      setResult(await apiRequest<Result>(`/api/articles/${articleId}/revisions`, { body: { body: cleaned, note, source: 'cleanup' } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (result) {
    const c = result.reanchoring.counts;
    return (
      <p className="alert alert-ok" role="status" data-testid="cleanup-done">
        Revision {result.revision.number} saved: {c.kept} kept, {c.edited} edited, {c.moved} moved, {c.orphaned} orphaned. <Link href={diffHref}>See what changed</Link>
      </p>
    );
  }
  if (removals.length === 0) return <p className="card">Nothing to clean up: no boilerplate or repeated paragraph was found.</p>;
  return (
    <div className="stack">
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <p className="muted">{chosen.size} of {removals.length} removals chosen · {body.length - cleaned.length} characters go.</p>
      <ul className={styles.stateList} data-testid="cleanup-removals">
        {removals.map((r, i) => (
          <li key={`${r.start}-${r.end}`} className="card" style={{ padding: '0.6rem 0.8rem' }}>
            <label className={styles.stateItem}>
              <input type="checkbox" checked={chosen.has(i)} onChange={() => toggle(i)} style={{ width: 'auto' }} />
              <span className={`${styles.stateBadge} ${styles.badge_edited}`}>{r.reason}</span>
              <span className={chosen.has(i) ? styles.del : undefined} style={{ whiteSpace: 'pre-wrap' }}>{r.text.length > 240 ? `${r.text.slice(0, 240)}…` : r.text}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className={queue.actions}>
        <button className="btn btn-primary" disabled={busy || chosen.size === 0} onClick={() => void accept()}>Accept clean-up as a new revision</button>
      </div>
    </div>
  );
}
