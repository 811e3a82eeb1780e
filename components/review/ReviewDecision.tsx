'use client';
/** Accept / reject buttons (a rejection asks for a reason) and, for leads, settling a dispute. */
import { useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import type { ReviewsData } from './ReviewSection';
import styles from './ReviewSection.module.css';
import { MAX_NOTE } from '@/lib/domain';

interface Props {
  kind: 'annotation' | 'link';
  id: number;
  version: number;
  data: Pick<ReviewsData, 'canReview' | 'canSettle' | 'myReview'>;
  onDone: () => void;
}

export function ReviewDecision({ kind, id, version, data, onDone }: Props) {
  const [mode, setMode] = useState<null | 'reject' | 'settle'>(null);
  const [reason, setReason] = useState('');
  const [settleAs, setSettleAs] = useState<'accept' | 'reject'>('accept');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(path: 'reviews' | 'settle', decision: 'accept' | 'reject', why: string) {
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/api/${kind}s/${id}/${path}`, { body: { decision, ...(why ? { reason: why } : {}) }, version });
      setMode(null);
      setReason('');
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const mine = data.myReview;
  return (
    <div className={styles.decide}>
      {mine && <p className="small muted">Your review: {mine.decision === 'accept' ? 'accepted' : 'rejected'}. A new one replaces it.</p>}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {mode === null && (
        <div className="row">
          {data.canReview && (
            <>
              <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void send('reviews', 'accept', '')}>Accept</button>
              <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => setMode('reject')}>Reject…</button>
            </>
          )}
          {data.canSettle && (
            <button type="button" className="btn btn-small" onClick={() => setMode('settle')}>Settle dispute…</button>
          )}
        </div>
      )}
      {mode !== null && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void send(mode === 'reject' ? 'reviews' : 'settle', mode === 'reject' ? 'reject' : settleAs, reason.trim());
          }}
        >
          {mode === 'settle' && (
            <label className="field">
              Final decision
              <select value={settleAs} onChange={(e) => setSettleAs(e.target.value as 'accept' | 'reject')}>
                <option value="accept">Accept</option>
                <option value="reject">Reject</option>
              </select>
            </label>
          )}
          <label className="field">
            {mode === 'reject' ? 'Why do you reject it?' : 'Reason for the decision'}
            <textarea value={reason} maxLength={MAX_NOTE} rows={3} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          <div className="row">
            <button type="submit" className={`btn btn-small ${mode === 'reject' ? 'btn-danger' : 'btn-primary'}`} disabled={busy || !reason.trim()}>
              {mode === 'reject' ? 'Reject' : 'Settle'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMode(null)}>Cancel</button>
          </div>
        </form>
      )}
    </div>
  );
}
