/**
 * The inbox rows: who did what to which of my items, newest first, unread ones marked, each
 * with a way to open the item in the reader and to reply in its thread.
 */
import type { ReactNode } from 'react';
import type { InboxItem } from '@/lib/data/inbox';
import { SpeechIcon } from '@/components/icons/SpeechIcon';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { InboxReply } from './InboxReply';
import { timeAgo } from './timeAgo';
import styles from './Inbox.module.css';
import { LabelBadge } from './LabelBadge';

function headline(item: InboxItem) {
  const what = item.kind === 'link' ? 'link' : item.label;
  switch (item.type) {
    case 'review':
      return item.decision === 'accept' ? <>accepted your {what}</> : <>rejected your {what}</>;
    case 'settlement':
      return <>settled the dispute on your {what}: {item.decision === 'accept' ? 'accepted' : 'rejected'}</>;
    case 'comment':
      return <>commented on your {what}</>;
    case 'reply':
      return <>replied in the thread of {item.kind === 'link' ? 'a link' : `a ${item.label}`}</>;
    case 'discussion':
      return <>commented on {item.kind === 'link' ? 'a link' : `a ${item.label}`} you reviewed</>;
    case 'verdict':
      return (
        <>
          {item.final ? 'set the final verdict on your claim' : 'proposed a verdict on your claim'}: <strong>{item.verdict ? VERDICT_LABELS[item.verdict] : ''}</strong>
        </>
      );
    case 'changed':
      return <>changed {item.kind === 'link' ? 'a link' : `a ${item.label}`} you reviewed: your review was for the earlier version</>;
  }
}

const ICON: Record<InboxItem['type'], ReactNode> = { review: '✓', settlement: '⚖', comment: <SpeechIcon />, reply: '↩', discussion: <SpeechIcon />, verdict: '⚑', changed: '✎' };

export function InboxList({ items }: { items: InboxItem[] }) {
  return (
    <ol className={styles.list}>
      {items.map((item) => {
        const tone = item.type === 'review' || item.type === 'settlement' ? (item.decision === 'accept' ? styles.accept : styles.reject) : styles.talk;
        const text = item.body ?? item.reason;
        return (
          <li key={item.key} className={`${styles.item} ${item.unread ? styles.unread : ''}`} data-testid="inbox-item" data-unread={item.unread}>
            <span className={`${styles.icon} ${tone}`} aria-hidden="true">{item.decision === 'reject' ? '✕' : ICON[item.type]}</span>
            <div className={styles.body}>
              <div className={styles.head}>
                {item.unread && <span className={styles.newDot} title="Unread"><span className="sr-only">Unread: </span></span>}
                <strong>{item.actorName}</strong> {headline(item)}
                <span className={styles.when} title={new Date(item.at).toISOString()}>{timeAgo(item.at)}</span>
              </div>
              <a className={styles.quote} href={`/projects/${item.projectId}/articles/${item.articleId}?focus=${item.focusAnnotationId}`}>
                <LabelBadge label={item.label} /> “{item.exact.length > 140 ? `${item.exact.slice(0, 140)}…` : item.exact}”
              </a>
              {text && <p className={styles.text}>{text}</p>}
              <div className={styles.foot}>
                <span className="muted small">{item.projectName}</span>
                <a className="small" href={`/projects/${item.projectId}/history/${item.kind}/${item.targetId}`}>History</a>
                <InboxReply kind={item.kind} targetId={item.targetId} parentId={item.commentId} />
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
