'use client';
/** One account in the admin's table: reset the password (asked first, shown once), disable or enable it. */
import { startTransition, useActionState, useRef, useState } from 'react';
import type { FormAction } from '@/components/projects/ActionForm';
import { SecretReveal } from '@/components/projects/SecretReveal';
import type { FormState } from '@/lib/forms/formState';
import type { UserListRow } from './Users';
import { ResetConfirm } from './ResetConfirm';
import styles from './Users.module.css';

function submit(run: (form: FormData) => void, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  startTransition(() => run(form));
}

interface RowProps {
  user: UserListRow;
  isSelf: boolean;
  setDisabled: FormAction;
  resetPassword: FormAction;
}

export function UserRow({ user, isSelf, setDisabled, resetPassword }: RowProps) {
  const [toggle, runToggle, toggling] = useActionState(setDisabled, {} as FormState);
  const [reset, runReset, resetting] = useActionState(resetPassword, {} as FormState);
  const busy = toggling || resetting;
  const error = toggle.error ?? reset.error;
  const intent = user.disabledAt ? 'enable' : 'disable';
  const [asking, setAsking] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const answer = (sessions: 'keep' | 'end' | null) => {
    setAsking(false);
    if (sessions) submit(runReset, { userId: String(user.id), sessions });
    else resetButton.current?.focus();
  };
  return (
    <>
      <tr data-testid={`user-${user.email}`}>
        <td>
          <span className={styles.name}>{user.name}</span>
          {isSelf && <span className="muted small"> (you)</span>}
        </td>
        <td>{user.email}</td>
        <td>{user.isAdmin ? <span className="badge badge-role">admin</span> : <span className="muted small">member</span>}</td>
        <td>{user.disabledAt ? <span className="badge badge-rejected">disabled</span> : <span className="badge badge-accepted">active</span>}</td>
        <td className="muted small">{user.createdAt.toISOString().slice(0, 10)}</td>
        <td className={styles.actions}>
          <button ref={resetButton} type="button" className="btn btn-small" disabled={busy} aria-expanded={asking} onClick={() => setAsking(true)} aria-label={`Reset password of ${user.email}`}>
            Reset password
          </button>
          {!isSelf && (
            <button
              type="button"
              className={user.disabledAt ? 'btn btn-small' : 'btn btn-small btn-danger'}
              disabled={busy}
              onClick={() => submit(runToggle, { userId: String(user.id), intent })}
              aria-label={`${user.disabledAt ? 'Enable' : 'Disable'} ${user.email}`}
            >
              {user.disabledAt ? 'Enable' : 'Disable'}
            </button>
          )}
        </td>
      </tr>
      {asking && (
        <tr className={styles.resultRow}>
          <td colSpan={6}>
            <ResetConfirm email={user.email} onConfirm={answer} onCancel={() => answer(null)} />
          </td>
        </tr>
      )}
      {!asking && (error || (reset.secret && !reset.error)) && (
        <tr className={styles.resultRow}>
          <td colSpan={6}>
            {error ? (
              <div className="alert alert-error" role="alert">{error}</div>
            ) : (
              <SecretReveal key={reset.doneAt} label={reset.message ?? `New password for ${user.email}:`} secret={reset.secret!} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
