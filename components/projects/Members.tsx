'use client';

import type { Role } from '@/lib/domain';
import { ActionForm, type FormAction } from './ActionForm';
import { RemoveCell, RoleCell, RoleSelect } from './MemberCells';
import styles from './Members.module.css';

export interface MemberRow {
  userId: number;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
}

/** Add someone who already has an account, by email. */
export function AddMemberForm({ action, projectId }: { action: FormAction; projectId: number }) {
  return (
    <section className={`card ${styles.add}`} aria-labelledby="add-member">
      <h2 id="add-member" className={styles.heading}>Add a member</h2>
      <ActionForm action={action} className="stack" aria-label="Add a member">
        <input type="hidden" name="projectId" value={projectId} />
        <div className={styles.addRow}>
          <label className="field">
            Email
            <input type="email" name="email" required placeholder="name@newsroom.org" autoComplete="off" />
          </label>
          <label className="field">
            Role
            <RoleSelect defaultValue="reviewer" label="Role" />
          </label>
          <button type="submit" className="btn btn-primary">Add member</button>
        </div>
      </ActionForm>
    </section>
  );
}

export interface MembersTableProps {
  projectId: number;
  members: MemberRow[];
  currentUserId: number;
  canManage: boolean;
  changeRole: FormAction;
  remove: FormAction;
}

/** Who is in the project; leads change roles and remove people in place. */
export function MembersTable({ projectId, members, currentUserId, canManage, changeRole, remove }: MembersTableProps) {
  return (
    <div className={styles.scroll}>
      <table className="table" aria-label="Members">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            {canManage && <th><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-testid={`member-${m.email}`}>
              <td>
                <span className={styles.name}>{m.name}</span>
                {m.userId === currentUserId && <span className="muted small"> (you)</span>}
                {m.disabledAt && <span className={`badge badge-rejected ${styles.flag}`}>disabled</span>}
              </td>
              <td className="muted">{m.email}</td>
              <td>
                {canManage ? (
                  <RoleCell key={m.role} member={m} projectId={projectId} action={changeRole} />
                ) : (
                  <span className="badge badge-role">{m.role}</span>
                )}
              </td>
              {canManage && (
                <td className={styles.actions}>
                  <RemoveCell member={m} projectId={projectId} action={remove} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
