/**
 * The audit history of one annotation or link as a timeline: when, who, what, and for changes
 * the fields before and after, in a reviewer's words (historyWording.ts): never the anchoring
 * prefix, version counters or raw JSON. An event of a link says which two statements it joins.
 */
import type { HistoryEntry } from '@/lib/data/history';
import { entityWords, historyRows } from './historyWording';
import { linkDescription } from './linkDescription';
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

/** Seen from an annotation, a link's events are about one of its links, not "the" link. */
const FROM_ANNOTATION: Record<string, string> = {
  'link.create': 'linked it to another statement',
  'link.delete': 'deleted a link',
  'link.restore': 'restored a link',
};

function actionWords(entry: HistoryEntry, kind: 'annotation' | 'link'): string {
  const own = kind === 'annotation' ? FROM_ANNOTATION[entry.action] : undefined;
  return own ?? ACTIONS[entry.action] ?? `made a change ${entityWords(entry.entityType)}`.trim();
}

function Fields({ entry }: { entry: HistoryEntry }) {
  const rows = historyRows(entry);
  if (!rows.length) return null;
  return (
    <dl className={styles.fields}>
      {rows.map((r) => (
        <div key={r.key} className={styles.field}>
          <dt>{r.label}</dt>
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
            <strong>{e.actorName}</strong> {actionWords(e, kind)}
          </div>
          {e.link && kind === 'annotation' && <p className={styles.joins}>{linkDescription(e.link)}</p>}
          <Fields entry={e} />
        </li>
      ))}
    </ol>
  );
}
