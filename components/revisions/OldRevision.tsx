/**
 * An earlier revision of an article, read-only, with the spans it held (by label, outlined by
 * the state re-anchoring gave them when they arrived on it) and a list of them.
 */
import Link from 'next/link';
import type { AnnotationView } from '@/lib/domain';
import { MarkedText } from './MarkedText';
import styles from './revisions.module.css';

export function OldRevision({ body, number, annotations, currentHref }: { body: string; number: number; annotations: AnnotationView[]; currentHref: string }) {
  const spans = annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, label: a.label, state: a.anchor?.state ?? 'kept' }));
  return (
    <section aria-label={`Revision ${number}`} data-testid="old-revision">
      <p className={`alert alert-info ${styles.oldNotice}`}>
        You are reading revision {number}, an earlier text of this article. Annotating happens on the <Link href={currentHref}>current revision</Link>.
      </p>
      <div className={styles.body} data-testid="revision-body">
        <MarkedText body={body} spans={spans} />
      </div>
      <h2 className="small muted">{annotations.length} span{annotations.length === 1 ? '' : 's'} on this revision</h2>
      <ul className={styles.stateList}>
        {annotations.map((a) => (
          <li key={a.id} className={styles.stateItem}>
            <span className={`badge badge-${a.label}`}>{a.label}</span>
            <span>“{a.exact.length > 90 ? `${a.exact.slice(0, 90)}…` : a.exact}”</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
