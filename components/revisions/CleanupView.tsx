'use client';
/**
 * The lead's "Clean up" view: each proposed removal (ads, weather, share buttons, "similar
 * news", repeated bylines and paragraphs) with a checkbox, a preview of the whole text with the
 * chosen cuts struck, and accepting it as a new revision (source: cleanup) through the revision
 * API, which re-anchors every span; then the diff view of the two revisions with its counts.
 */
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import { applyRemovals, type Removal } from './cleanup';
import styles from './cleanup.module.css';

type Result = { revision: { number: number } };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The body cut into plain text and proposals, so the preview can strike the chosen ones. */
function pieces(body: string, removals: readonly Removal[]) {
  const out: Array<{ text: string; index: number | null }> = [];
  let at = 0;
  removals.forEach((r, index) => {
    if (r.start > at) out.push({ text: body.slice(at, r.start), index: null });
    out.push({ text: body.slice(r.start, r.end), index });
    at = r.end;
  });
  if (at < body.length) out.push({ text: body.slice(at), index: null });
  return out;
}

export function CleanupView({ articleId, diffBase, body, revision, removals }: {
  articleId: number;
  /** The diff page, without its query (?from=&to= is added). */
  diffBase: string;
  body: string;
  revision: number;
  removals: Removal[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(removals.map((_, i) => i)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cleaned = useMemo(() => applyRemovals(body, removals, chosen), [body, removals, chosen]);
  const parts = useMemo(() => pieces(body, removals), [body, removals]);
  const toggle = (i: number) => setChosen((c) => {
    const next = new Set(c);
    if (!next.delete(i)) next.add(i);
    return next;
  });
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const reasons = [...new Set([...chosen].sort((a, b) => a - b).map((i) => removals[i].reason))].join(', ');
      const note = `Clean-up: ${plural(chosen.size, 'removal')} (${reasons})`;
      const result = await apiRequest<Result>(`/api/articles/${articleId}/revisions`, { body: { body: cleaned, note, source: 'cleanup' } });
      router.push(`${diffBase}?from=${revision}&to=${result.revision.number}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  if (removals.length === 0) {
    return <p className="card" data-testid="cleanup-nothing">Nothing to clean up: no boilerplate line or repeated paragraph was found in revision {revision}.</p>;
  }
  return (
    <div className={styles.layout}>
      <section className="stack" aria-labelledby="cleanup-proposals">
        <h2 id="cleanup-proposals" className={styles.heading}>Proposed removals</h2>
        {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
        <p className="muted small" data-testid="cleanup-summary">
          {chosen.size} of {removals.length} chosen · {plural(body.length - cleaned.length, 'character')} go. Untick what belongs to the article.
        </p>
        <ul className={styles.list} data-testid="cleanup-removals">
          {removals.map((r, i) => (
            <li key={`${r.start}-${r.end}`} className={`${styles.item} ${chosen.has(i) ? styles.itemChosen : ''}`}>
              <label className={styles.label}>
                <input type="checkbox" checked={chosen.has(i)} onChange={() => toggle(i)} aria-label={`Remove ${r.reason}: ${r.text.trim().split('\n')[0].slice(0, 60)}`} />
                <span className={styles.reason}>{r.reason}</span>
                <span className={styles.text}>{r.text.trim().length > 280 ? `${r.text.trim().slice(0, 280)}…` : r.text.trim()}</span>
              </label>
            </li>
          ))}
        </ul>
        <div className={styles.actions}>
          <button className="btn btn-primary" disabled={busy || chosen.size === 0} onClick={() => void accept()}>
            {busy ? 'Saving…' : `Accept clean-up as revision ${revision + 1}`}
          </button>
          <span className="muted small">Every span is re-anchored; the text stays verbatim in revision {revision}.</span>
        </div>
      </section>
      <section aria-labelledby="cleanup-preview" className={styles.previewWrap}>
        <h2 id="cleanup-preview" className={styles.heading}>Preview</h2>
        <div className={styles.preview} data-testid="cleanup-preview" tabIndex={0} aria-label="Preview of the cleaned text">
          {parts.map((p, k) => (p.index === null
            ? <span key={k}>{p.text}</span>
            : chosen.has(p.index)
              ? <del key={k} className={styles.cut} title={p.text.trim() ? `removed: ${removals[p.index].reason}` : undefined}>{p.text}</del>
              : <span key={k} className={styles.keptProposal}>{p.text}</span>))}
        </div>
      </section>
    </div>
  );
}
