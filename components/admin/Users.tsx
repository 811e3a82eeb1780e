'use client';

import { ActionForm, type FormAction } from '@/components/projects/ActionForm';
import { UserRow } from './UserRow';
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
