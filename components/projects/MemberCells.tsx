'use client';
/** The editable cells of the members table: a role picker, and removing someone after a confirmation. */
import { useState } from 'react';
import type { Role } from '@/lib/domain';
import { ActionForm, type FormAction } from './ActionForm';
import type { MemberRow } from './Members';
import styles from './Members.module.css';

const ROLE_OPTIONS: Array<{ value: Role; label: string }> = [
  { value: 'reviewer', label: 'Reviewer' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'lead', label: 'Lead' },
];

export function RoleSelect({ defaultValue, onChange, label }: { defaultValue: Role; onChange?: (role: Role) => void; label: string }) {
  return (
    <select name="role" defaultValue={defaultValue} aria-label={label} onChange={(e) => onChange?.(e.target.value as Role)} className={styles.select}>
      {ROLE_OPTIONS.map((r) => (
        <option key={r.value} value={r.value}>{r.label}</option>
      ))}
    </select>
  );
}

export function RoleCell({ member, projectId, action }: { member: MemberRow; projectId: number; action: FormAction }) {
  const [role, setRole] = useState<Role>(member.role);
  return (
    <ActionForm action={action} inline resetOnSuccess={false} aria-label={`Change role of ${member.email}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={member.userId} />
      <RoleSelect defaultValue={member.role} onChange={setRole} label={`Role of ${member.email}`} />
      {role !== member.role && <button type="submit" className="btn btn-small btn-primary">Save</button>}
    </ActionForm>
  );
}

export function RemoveCell({ member, projectId, action }: { member: MemberRow; projectId: number; action: FormAction }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming(true)} aria-label={`Remove ${member.email}`}>
        Remove
      </button>
    );
  }
  return (
    <ActionForm action={action} inline aria-label={`Remove ${member.email}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={member.userId} />
      <span className="small muted">Remove {member.name}?</span>
      <button type="submit" className="btn btn-small btn-danger">Yes, remove</button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>Cancel</button>
    </ActionForm>
  );
}
