'use client';
/**
 * Proposing a verdict on a claim (or, for leads, setting the final one): verdict, rationale, and
 * the links it rests on. No verdict is chosen at first: a default would be a verdict nobody gave.
 */
import { useState } from 'react';
import type { AnnotationView } from '@/components/annotator/types';
import { MAX_NOTE, type Verdict } from '@/lib/domain';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { apiRequest } from '@/lib/client/api';
import styles from './ReviewSection.module.css';

export function VerdictForm({ annotation, canFinalize, onDone, onCancel }: { annotation: AnnotationView; canFinalize: boolean; onDone: () => void; onCancel: () => void }) {
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [rationale, setRationale] = useState('');
  const [evidence, setEvidence] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function send(final: boolean) {
    setError(null);
    if (!verdict) {
      setError('Choose a verdict first.');
      return;
    }
    try {
      await apiRequest(`/api/annotations/${annotation.id}/verdicts`, { body: { verdict, rationale, evidenceLinkIds: evidence, final } });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const ready = verdict !== '' && rationale.trim() !== '';
  const toggle = (id: number) => setEvidence((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void send(false); }}>
      <label className="field">
        Verdict
        <select value={verdict} required onChange={(e) => setVerdict(e.target.value as Verdict | '')}>
          <option value="" disabled>Choose a verdict…</option>
          {(Object.keys(VERDICT_LABELS) as Verdict[]).map((v) => <option key={v} value={v}>{VERDICT_LABELS[v]}</option>)}
        </select>
      </label>
      <label className="field">
        Rationale
        <textarea value={rationale} rows={3} maxLength={MAX_NOTE} onChange={(e) => setRationale(e.target.value)} />
      </label>
      {annotation.links.length > 0 && (
        <fieldset className={styles.evidence}>
          <legend className="small">Evidence (links of this claim)</legend>
          {annotation.links.map((l) => (
            <label key={l.id} className="small">
              <input type="checkbox" checked={evidence.includes(l.id)} onChange={() => toggle(l.id)} /> {l.relation} · {l.otherOutlet ?? l.otherArticleTitle}: “{l.otherExact.slice(0, 60)}”
            </label>
          ))}
        </fieldset>
      )}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="row">
        <button type="submit" className="btn btn-small btn-primary" disabled={!ready}>Propose</button>
        {canFinalize && <button type="button" className="btn btn-small" disabled={!ready} onClick={() => void send(true)}>Set as final verdict</button>}
        <button type="button" className="btn btn-small" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
