'use client';

import { startTransition, useActionState } from 'react';
import { ActionForm, type FormAction } from '@/components/projects/ActionForm';
import { SecretReveal } from '@/components/projects/SecretReveal';
import type { FormState } from '@/lib/forms/formState';
import styles from './Users.module.css';

export interface UserListRow {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

/** The admin's form for a new account; the generated password is shown once below it. */
export function AddUserForm({ action }: { action: FormAction }) {
  return (
    <section className={`card ${styles.add}`} aria-labelledby="add-user">
      <h2 id="add-user" className={styles.heading}>Add a user</h2>
      <ActionForm action={action} className="stack" secretLabel="Their password, to hand over securely:" aria-label="Add a user">
        <div className={styles.addRow}>
          <label className="field">
            Email
            <input type="email" name="email" required autoComplete="off" placeholder="name@newsroom.org" />
          </label>
          <label className="field">
            <span>Name <span className="muted small">(optional)</span></span>
            <input type="text" name="name" maxLength={200} autoComplete="off" />
          </label>
          <label className={styles.check}>
            <input type="checkbox" name="isAdmin" /> Site administrator
          </label>
          <button type="submit" className="btn btn-primary">Add user</button>
        </div>
        <p className="muted small">A password is generated and shown once. They can be given a new one at any time.</p>
      </ActionForm>
    </section>
  );
}

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

function UserRow({ user, isSelf, setDisabled, resetPassword }: RowProps) {
  const [toggle, runToggle, toggling] = useActionState(setDisabled, {} as FormState);
  const [reset, runReset, resetting] = useActionState(resetPassword, {} as FormState);
  const busy = toggling || resetting;
  const error = toggle.error ?? reset.error;
  const intent = user.disabledAt ? 'enable' : 'disable';
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
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => submit(runReset, { userId: String(user.id) })} aria-label={`Reset password of ${user.email}`}>
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
      {(error || (reset.secret && !reset.error)) && (
        <tr className={styles.resultRow}>
          <td colSpan={6}>
            {error ? (
              <div className="alert alert-error" role="alert">{error}</div>
            ) : (
              <SecretReveal key={reset.doneAt} label={`New password for ${user.email} (their other sessions have ended):`} secret={reset.secret!} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** Every account, with disable/enable and password reset. */
export function UsersTable({ users, currentUserId, setDisabled, resetPassword }: { users: UserListRow[]; currentUserId: number; setDisabled: FormAction; resetPassword: FormAction }) {
  return (
    <div className={styles.scroll}>
      <table className="table" aria-label="Users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Access</th>
            <th>Status</th>
            <th>Created</th>
            <th><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === currentUserId} setDisabled={setDisabled} resetPassword={resetPassword} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
