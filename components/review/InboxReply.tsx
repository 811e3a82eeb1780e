'use client';
/** "Reply" under an inbox row: a comment in the item's thread (under the comment when there is one). */
import { useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import styles from './Inbox.module.css';
import { MAX_NOTE } from '@/lib/domain';

export function InboxReply({ kind, targetId, parentId }: { kind: 'annotation' | 'link'; targetId: number; parentId?: number }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: string; sent?: boolean }>({});
  if (state.sent) return <span className={`small ${styles.sent}`} role="status">Reply posted</span>;
  if (!open) {
    return (
      <button type="button" className="btn-link small" onClick={() => setOpen(true)}>
        Reply
      </button>
    );
  }
  async function send(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true });
    try {
      await apiRequest(`/api/${kind}s/${targetId}/comments`, { body: { body, ...(parentId ? { parentId } : {}) } });
      setState({ sent: true });
    } catch (error) {
      setState({ error: (error as Error).message });
    }
  }
  return (
    <form className={styles.reply} onSubmit={send}>
      <textarea aria-label="Your reply" value={body} maxLength={MAX_NOTE} onChange={(e) => setBody(e.target.value)} autoFocus rows={2} />
      {state.error && <div className="alert alert-error" role="alert">{state.error}</div>}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={state.busy || !body.trim()}>Post reply</button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
