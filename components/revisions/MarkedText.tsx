/**
 * A stretch of a revision's body with its spans marked by label and re-anchoring state, and
 * the changed words struck (deleted) or shaded (inserted). The text nodes joined equal the
 * body slice exactly.
 */
import { markedRuns, type MarkedSpan } from './segments';
import styles from './revisions.module.css';

const STATE_CLASS = { kept: '', edited: styles.editedMark, moved: styles.movedMark, orphaned: styles.orphanedMark } as const;

export function MarkedText({ body, from = 0, to = body.length, spans, changes = [], changeKind = 'del' }: {
  body: string;
  from?: number;
  to?: number;
  spans: readonly MarkedSpan[];
  changes?: ReadonlyArray<[number, number]>;
  changeKind?: 'del' | 'ins';
}) {
  return (
    <>
      {markedRuns(body, from, to, spans, changes).map((run) => {
        const top = run.spans[run.spans.length - 1];
        const classes = [
          top ? `${styles.mark} ${styles[top.label]} ${STATE_CLASS[top.state]}` : '',
          run.changed ? styles[changeKind] : '',
        ].filter(Boolean).join(' ');
        if (!classes) return run.text;
        const title = run.spans.map((s) => `${s.label} #${s.id}: ${s.state}`).join(', ');
        const Tag = run.changed ? changeKind : top ? 'mark' : 'span';
        return (
          <Tag key={run.start} className={classes} title={title || undefined} data-span-ids={run.spans.map((s) => s.id).join(' ') || undefined}>
            {run.text}
          </Tag>
        );
      })}
    </>
  );
}
