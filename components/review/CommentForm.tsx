'use client';
/** A small text box for a comment, reply or edit; shows the server's refusal if there is one. */
import { useState } from 'react';
import { MAX_NOTE } from '@/lib/domain';

interface Props {
  label: string;
  submitLabel: string;
  initial?: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}

export function CommentForm({ label, submitLabel, initial = '', onSubmit, onCancel }: Props) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="stack"
      style={{ gap: '0.4rem' }}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onSubmit(body.trim());
          setBody('');
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <textarea aria-label={label} placeholder={label} value={body} rows={2} maxLength={MAX_NOTE} onChange={(e) => setBody(e.target.value)} style={{ minHeight: '3.5rem' }} />
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="row">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy || !body.trim()}>{submitLabel}</button>
        {onCancel && <button type="button" className="btn btn-small" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
