'use client';
/** The inbox a page at a time: the newest page comes with the page, "Older" fetches the next one. */
import { useState } from 'react';
import type { InboxItem } from '@/lib/data/inbox';
import { apiRequest } from '@/lib/client/api';
import { InboxList } from './InboxList';
import styles from './Inbox.module.css';

export function InboxPages({ items: first, nextCursor: firstCursor }: { items: InboxItem[]; nextCursor: string | null }) {
  const [items, setItems] = useState(first);
  const [cursor, setCursor] = useState(firstCursor);
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  async function older() {
    if (!cursor) return;
    setState({ busy: true });
    try {
      const page = await apiRequest<{ items: InboxItem[]; nextCursor: string | null }>(`/api/inbox?cursor=${encodeURIComponent(cursor)}`);
      setItems((list) => {
        const known = new Set(list.map((i) => i.key));
        return [...list, ...page.items.filter((i) => !known.has(i.key))];
      });
      setCursor(page.nextCursor);
      setState({});
    } catch (error) {
      setState({ error: (error as Error).message });
    }
  }
  return (
    <>
      <InboxList items={items} />
      {state.error && <div className="alert alert-error" role="alert">{state.error}</div>}
      <div className={styles.more}>
        {cursor ? (
          <button type="button" className="btn" disabled={state.busy} onClick={() => void older()}>{state.busy ? 'Loading…' : 'Older'}</button>
        ) : (
          <span className="muted small">That is everything.</span>
        )}
      </div>
    </>
  );
}
