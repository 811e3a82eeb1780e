'use client';
/** The buttons under a queue item, and the reason box a rejection opens. */
import { useEffect, useRef, useState } from 'react';
import styles from './ReviewQueue.module.css';
import { MAX_NOTE } from '@/lib/domain';

interface ActionsProps {
  busy: boolean;
  canNext: boolean;
  readerUrl: string;
  onAccept: () => void;
  onReject: () => void;
  onNext: () => void;
}

export function QueueActions({ busy, canNext, readerUrl, onAccept, onReject, onNext }: ActionsProps) {
  return (
    <div className={styles.actions}>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={onAccept}>
        Accept <kbd className={styles.keyHint}>a</kbd>
      </button>
      <button type="button" className="btn btn-danger" disabled={busy} onClick={onReject}>
        Reject… <kbd className={styles.keyHint}>r</kbd>
      </button>
      <button type="button" className="btn" disabled={!canNext} onClick={onNext}>
        Next <kbd className={styles.keyHint}>n</kbd>
      </button>
      <a className="btn" href={readerUrl}>
        Open in reader <kbd className={styles.keyHint}>o</kbd>
      </a>
    </div>
  );
}

export function RejectForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const send = () => reason.trim() && onSubmit(reason.trim());
  return (
    <form
      className={styles.reject}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label className="field">
        Why do you reject it?
        <textarea
          ref={ref}
          value={reason}
          maxLength={MAX_NOTE}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
          }}
          placeholder="e.g. The span cuts the claim in half; it should include the condition."
        />
      </label>
      <div className="row">
        <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>Reject with this reason</button>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <span className={`muted small ${styles.keyHint}`}><kbd>Ctrl</kbd>+<kbd>Enter</kbd> rejects, <kbd>Esc</kbd> cancels</span>
      </div>
    </form>
  );
}
