'use client';
/**
 * Claim verdicts: the lead's final verdict, colleagues' proposals, and a form to propose one
 * (or, for leads, to set the final one) with a rationale and the links it rests on.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationView } from '@/components/annotator/types';
import type { listVerdicts } from '@/lib/data/verdicts';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { apiRequest } from '@/lib/client/api';
import { VerdictForm } from './VerdictForm';
import { timeAgo } from './timeAgo';
import styles from './ReviewSection.module.css';

type Verdicts = Awaited<ReturnType<typeof listVerdicts>>;

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
