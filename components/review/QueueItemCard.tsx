/**
 * One queue item as the reviewer judges it: the span highlighted in its surrounding text, who
 * tagged it and the note; a link says which two statements it joins and shows both in context.
 */
import type { ReactNode } from 'react';
import type { QueueItem, QueueSpan } from '@/lib/data/reviewQueue';
import { sourceLine } from '@/lib/articleNames';
import { StatusBadge } from './StatusBadge';
import { linkDescription } from './linkDescription';
import styles from './ReviewQueue.module.css';
import { LabelBadge } from './LabelBadge';

function SpanInContext({ span, projectId }: { span: QueueSpan; projectId: number }) {
  return (
    <figure className={styles.span}>
      <figcaption className={styles.source}>
        <LabelBadge label={span.label} />
        <a href={`/projects/${projectId}/articles/${span.articleId}?focus=${span.annotationId}`}>
          {sourceLine({ outlet: span.outlet, title: span.articleTitle, articleId: span.articleId })}
        </a>
      </figcaption>
      <blockquote className={styles.text}>
        {span.before}
        <mark className={`${styles.mark} ${styles[span.label]}`} data-testid="queue-exact">{span.exact}</mark>
        {span.after}
      </blockquote>
    </figure>
  );
}

export function QueueItemCard({ item, projectId, children }: { item: QueueItem; projectId: number; children: ReactNode }) {
  return (
    <article className={`card ${styles.card}`} data-testid="queue-item" data-kind={item.kind} data-id={item.id}>
      <header className={styles.cardHead}>
        <span className={styles.kind}>{item.kind === 'link' ? 'Link' : 'Annotation'}</span>
        <span>
          by <strong>{item.authorName}</strong>
        </span>
        <StatusBadge status={item.status} />
      </header>
      {item.kind === 'link' && (
        <p className={styles.linkLine} data-testid="link-description">{linkDescription({ relation: item.relation, from: item.span, to: item.other })}</p>
      )}
      <SpanInContext span={item.span} projectId={projectId} />
      {item.kind === 'link' && (
        <>
          <div className={`${styles.relation} ${styles[item.relation]}`}>{item.relation === 'conflicts' ? '⟷ conflicts with' : '⟷ corroborates'}</div>
          <SpanInContext span={item.other} projectId={projectId} />
        </>
      )}
      {item.note && (
        <p className={styles.note}>
          <span className="muted">Note:</span> {item.note}
        </p>
      )}
      {children}
    </article>
  );
}
