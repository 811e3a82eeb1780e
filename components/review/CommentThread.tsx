'use client';
/**
 * The discussion thread of an annotation or link: comments with their replies, reply, edit and
 * delete one's own (a deleted comment leaves "comment deleted" in place).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CommentView } from '@/lib/data/comments';
import { apiRequest } from '@/lib/client/api';
import { CommentForm } from './CommentForm';
import { Comment } from './Comment';
import styles from './ReviewSection.module.css';

interface Thread {
  comments: CommentView[];
  canComment: boolean;
}

interface Props {
  kind: 'annotation' | 'link';
  targetId: number;
  currentUserId: number;
}

export function CommentThread({ kind, targetId, currentUserId }: Props) {
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/${kind}s/${targetId}/comments`;
  const load = useCallback(async () => {
    try {
      setThread(await apiRequest<Thread>(url));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [url]);
  useEffect(() => {
    void load();
  }, [load]);

  const post = async (body: string, parentId?: number) => {
    await apiRequest(url, { body: { body, ...(parentId ? { parentId } : {}) } });
    await load();
  };
  const count = thread?.comments.reduce((n, c) => n + 1 + c.replies.length, 0) ?? 0;
  return (
    <div className={styles.thread} data-testid="comment-thread">
      <h4>Discussion {count > 0 && <span className="muted">({count})</span>}</h4>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {thread?.comments.map((c) => (
        <div key={c.id} className={styles.commentGroup}>
          <Comment comment={c} mine={c.authorId === currentUserId} onChanged={load} onReply={thread.canComment ? (body) => post(body, c.id) : undefined} />
          {c.replies.map((r) => (
            <div key={r.id} className={styles.replyIndent}>
              <Comment comment={r} mine={r.authorId === currentUserId} onChanged={load} />
            </div>
          ))}
        </div>
      ))}
      {thread?.canComment && <CommentForm label="Add a comment" submitLabel="Comment" onSubmit={(body) => post(body)} />}
    </div>
  );
}
