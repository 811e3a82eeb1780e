'use client';
/** One comment of a thread: reply, and edit or delete one's own (a deleted one leaves "comment deleted"). */
import { useState } from 'react';
import type { CommentView } from '@/lib/data/comments';
import { apiRequest } from '@/lib/client/api';
import { timeAgo } from './timeAgo';
import { CommentForm } from './CommentForm';
import styles from './ReviewSection.module.css';

export function Comment({ comment, mine, onChanged, onReply }: { comment: CommentView; mine: boolean; onChanged: () => Promise<void>; onReply?: (body: string) => Promise<void> }) {
  const [mode, setMode] = useState<null | 'edit' | 'reply'>(null);
  const [error, setError] = useState<string | null>(null);
  if (comment.deleted) return <p className={`${styles.comment} ${styles.deleted}`}>comment deleted</p>;
  const remove = async () => {
    if (!window.confirm('Delete this comment? The thread will show “comment deleted”.')) return;
    try {
      await apiRequest(`/api/comments/${comment.id}`, { method: 'DELETE' });
      await onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const edit = async (body: string) => {
    await apiRequest(`/api/comments/${comment.id}`, { method: 'PATCH', body: { body } });
    setMode(null);
    await onChanged();
  };
  return (
    <div className={styles.comment} data-testid="comment">
      <div className={styles.commentHead}>
        <strong>{comment.authorName}</strong>
        <span className={styles.time} title={new Date(comment.createdAt).toISOString()}>{timeAgo(comment.createdAt)}{comment.edited ? ' · edited' : ''}</span>
      </div>
      {mode === 'edit' ? (
        <CommentForm label="Edit your comment" submitLabel="Save" initial={comment.body} onSubmit={edit} onCancel={() => setMode(null)} />
      ) : (
        <p className={styles.commentBody}>{comment.body}</p>
      )}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {mode === null && (onReply || mine) && (
        <div className={styles.commentActions}>
          {onReply && <button type="button" className="btn-link small" onClick={() => setMode('reply')}>Reply</button>}
          {mine && <button type="button" className="btn-link small" onClick={() => setMode('edit')}>Edit</button>}
          {mine && <button type="button" className="btn-link small" onClick={() => void remove()}>Delete</button>}
        </div>
      )}
      {mode === 'reply' && onReply && (
        <CommentForm label="Your reply" submitLabel="Reply" onSubmit={async (body) => { await onReply(body); setMode(null); }} onCancel={() => setMode(null)} />
      )}
    </div>
  );
}
