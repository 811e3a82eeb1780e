'use client';

import { ActionForm, type FormAction } from '@/components/projects/ActionForm';
import styles from './Tokens.module.css';

/** Current, new and repeated password; the server checks the current one as sign-in does. */
export function PasswordForm({ action, minLength, email }: { action: FormAction; minLength: number; email: string }) {
  return (
    <ActionForm action={action} className={`stack ${styles.password}`} aria-label="Change your password">
      {/* Lets password managers tie the new password to this account. */}
      <input type="text" name="username" autoComplete="username" value={email} hidden readOnly />
      <label className="field">
        Current password
        <input type="password" name="currentPassword" required autoComplete="current-password" maxLength={200} />
      </label>
      <label className="field">
        New password
        <input type="password" name="newPassword" required minLength={minLength} maxLength={200} autoComplete="new-password" aria-describedby="new-password-hint" />
        <span id="new-password-hint" className="muted small">At least {minLength} characters.</span>
      </label>
      <label className="field">
        Repeat the new password
        <input type="password" name="confirmPassword" required minLength={minLength} maxLength={200} autoComplete="new-password" />
      </label>
      <div>
        <button type="submit" className="btn btn-primary">Change password</button>
      </div>
    </ActionForm>
  );
}
