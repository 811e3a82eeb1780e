'use client';
/** "Mark all as read": clears the unread marks and the header count. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/lib/client/api';

export function MarkInboxRead({ disabled }: { disabled: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row">
      {error && <span className="alert alert-error" role="alert">{error}</span>}
      <button
        type="button"
        className="btn"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          try {
            await apiRequest('/api/inbox/read', { body: {} });
            router.refresh();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Mark all as read
      </button>
    </div>
  );
}
