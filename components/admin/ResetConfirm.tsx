'use client';
/**
 * The question before a password reset: it cannot be undone, and signing a colleague out in
 * the middle of their work is a choice, not a side effect. Focus lands on the safer choice.
 */
import { useEffect, useRef } from 'react';
import styles from './Users.module.css';

interface Props {
  email: string;
  onConfirm: (sessions: 'keep' | 'end') => void;
  onCancel: () => void;
}

export function ResetConfirm({ email, onConfirm, onCancel }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className={styles.confirm} role="group" aria-labelledby={`reset-${email}`} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id={`reset-${email}`} className={styles.confirmText}>
        <strong>Reset the password of {email}?</strong> Their current password stops working; you will see the new one once, to hand over.
      </p>
      <div className={styles.confirmButtons}>
        <button ref={first} type="button" className="btn btn-small btn-primary" onClick={() => onConfirm('keep')}>
          Reset, keep their sessions
        </button>
        <button type="button" className="btn btn-small btn-danger" onClick={() => onConfirm('end')} title="Also revokes their API tokens: for an account someone else may have used">
          Reset and sign them out everywhere
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
