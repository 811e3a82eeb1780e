/**
 * The audit history of one annotation or link as a timeline: when, who, what, and for changes
 * the fields before and after.
 */
import type { HistoryEntry } from '@/lib/data/history';
import styles from './History.module.css';

const ACTIONS: Record<string, string> = {
  'annotation.create': 'tagged it',
  'annotation.update': 'edited it',
  'annotation.delete': 'deleted it',
  'annotation.restore': 'restored it',
  'link.create': 'linked the two statements',
  'link.delete': 'deleted the link',
  'link.restore': 'restored the link',
  'review.create': 'reviewed it',
  'review.settle': 'settled the dispute',
  'comment.create': 'commented',
  'comment.reply': 'replied',
  'comment.update': 'edited a comment',
  'comment.delete': 'deleted a comment',
  'verdict.propose': 'proposed a verdict',
  'verdict.finalize': 'set the final verdict',
};

/** Fields worth showing for an entry that has only an "after" (a creation). */
const SUMMARY_FIELDS = ['label', 'exact', 'relation', 'decision', 'reason', 'body', 'verdict', 'rationale', 'note', 'status'];
const HIDDEN = new Set(['updatedAt', 'createdAt', 'projectId', 'id']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function Fields({ entry }: { entry: HistoryEntry }) {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const rows = entry.before
    ? entry.changed.filter((k) => !HIDDEN.has(k)).map((k) => ({ key: k, before: show(before[k]), after: show(after[k]) }))
    : SUMMARY_FIELDS.filter((k) => after[k] !== undefined && after[k] !== '').map((k) => ({
        key: k,
        before: k === 'status' && typeof after.statusBefore === 'string' && after.statusBefore !== after.status ? show(after.statusBefore) : null,
        after: show(after[k]),
      }));
  if (!rows.length) return null;
  return (
    <dl className={styles.fields}>
      {rows.map((r) => (
        <div key={r.key} className={styles.field}>
          <dt>{r.key}</dt>
          <dd>
            {r.before !== null && (
              <>
                <del>{r.before}</del> <span aria-label="became">→</span>{' '}
              </>
            )}
            <ins>{r.after}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function HistoryTimeline({ entries, kind }: { entries: HistoryEntry[]; kind: 'annotation' | 'link' }) {
  if (!entries.length) return <div className="card empty">No recorded events yet.</div>;
  return (
    <ol className={styles.timeline} data-testid="history">
      {entries.map((e) => (
        <li key={e.id} className={styles.entry}>
          <time className={styles.when} dateTime={new Date(e.at).toISOString()}>
            {new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)} UTC
          </time>
          <div className={styles.what}>
            <strong>{e.actorName}</strong> {ACTIONS[e.action] ?? e.action}
            {e.entityType !== kind && <span className="muted small"> · {e.entityType} {e.entityId}</span>}
          </div>
          <Fields entry={e} />
        </li>
      ))}
    </ol>
  );
}
