'use client';
/**
 * Claim verdicts: the lead's final verdict, colleagues' proposals, and a form to propose one
 * (or, for leads, to set the final one) with a rationale and the links it rests on.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationView } from '@/components/annotator/types';
import type { listVerdicts } from '@/lib/data/verdicts';
import { MAX_NOTE, type Verdict } from '@/lib/domain';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { apiRequest } from '@/lib/client/api';
import { timeAgo } from './timeAgo';
import styles from './ReviewSection.module.css';

type Verdicts = ReturnType<typeof listVerdicts>;

export function VerdictPanel({ annotation, onChanged }: { annotation: AnnotationView; onChanged: () => void }) {
  const [data, setData] = useState<Verdicts | null>(null);
  const [open, setOpen] = useState(false);
  const url = `/api/annotations/${annotation.id}/verdicts`;
  const load = useCallback(async () => setData(await apiRequest<Verdicts>(url).catch(() => null)), [url]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!data) return null;
  return (
    <div className={styles.verdicts} data-testid="verdicts">
      <h4>Verdict</h4>
      {data.final ? (
        <div className={styles.finalVerdict}>
          <span className={`${styles.verdict} ${styles[`v_${data.final.verdict}`]}`}>{VERDICT_LABELS[data.final.verdict]}</span>
          <span className="small muted">final, by {data.final.authorName}</span>
          {data.final.rationale && <p className={styles.reason}>{data.final.rationale}</p>}
        </div>
      ) : (
        <p className="small muted">No final verdict yet.</p>
      )}
      {data.proposals.length > 0 && (
        <ul className={styles.reviews}>
          {data.proposals.map((p) => (
            <li key={p.id} className={styles.review}>
              <span className={`${styles.verdict} ${styles[`v_${p.verdict}`]}`}>{VERDICT_LABELS[p.verdict]}</span>
              <div>
                <strong>{p.authorName}</strong> <span className={styles.time}>proposed · {timeAgo(p.createdAt)}</span>
                {p.rationale && <p className={styles.reason}>{p.rationale}</p>}
                {p.evidenceLinkIds.length > 0 && <p className="small muted">Evidence: {p.evidenceLinkIds.length} link(s)</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {(data.canPropose || data.canFinalize) &&
        (open ? (
          <VerdictForm annotation={annotation} canFinalize={data.canFinalize} onDone={() => { setOpen(false); void load(); onChanged(); }} onCancel={() => setOpen(false)} />
        ) : (
          <button type="button" className="btn btn-small" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)}>{data.canFinalize ? 'Propose or set verdict…' : 'Propose a verdict…'}</button>
        ))}
    </div>
  );
}

function VerdictForm({ annotation, canFinalize, onDone, onCancel }: { annotation: AnnotationView; canFinalize: boolean; onDone: () => void; onCancel: () => void }) {
  const [verdict, setVerdict] = useState<Verdict>('true');
  const [rationale, setRationale] = useState('');
  const [evidence, setEvidence] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function send(final: boolean) {
    setError(null);
    try {
      await apiRequest(`/api/annotations/${annotation.id}/verdicts`, { body: { verdict, rationale, evidenceLinkIds: evidence, final } });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const toggle = (id: number) => setEvidence((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void send(false); }}>
      <label className="field">
        Verdict
        <select value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict)}>
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
        <button type="submit" className="btn btn-small btn-primary" disabled={!rationale.trim()}>Propose</button>
        {canFinalize && <button type="button" className="btn btn-small" disabled={!rationale.trim()} onClick={() => void send(true)}>Set as final verdict</button>}
        <button type="button" className="btn btn-small" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
