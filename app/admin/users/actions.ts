'use server';

import { createUser, disableUser, enableUser, resetPassword } from '@/lib/data/users';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

const PATHS = ['/admin/users'];

/** Adds an account; the generated password is handed back once for the admin to pass on. */
export async function addUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction(async (actor) => {
    const name = field(form, 'name');
    const { user, password } = await createUser({
      actor,
      input: { email: field(form, 'email'), ...(name ? { name } : {}), isAdmin: form.get('isAdmin') === 'on' },
    });
    return { message: `Account created for ${user.email}.`, secret: password ?? undefined };
  }, PATHS);
}

/** Disables an account (every session ends at once) or enables it again. */
export async function setUserDisabledAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction(async (actor) => {
    const userId = idField(form, 'userId');
    if (field(form, 'intent') === 'enable') await enableUser({ actor, input: { userId } });
    else await disableUser({ actor, input: { userId } });
  }, PATHS);
}

/**
 * Sets a new generated password, shown once. `sessions=keep` leaves their sessions and tokens
 * (a forgotten password); anything else signs them out everywhere and revokes their tokens.
 */
export async function resetPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction(async (actor) => {
    const keepSessions = field(form, 'sessions') === 'keep';
    const { user, password } = await resetPassword({ actor, input: { userId: idField(form, 'userId'), keepSessions } });
    const what = keepSessions ? 'their sessions are kept' : 'they are signed out everywhere and their API tokens are revoked';
    return { message: `New password for ${user.email} (${what}):`, secret: password ?? undefined };
  }, PATHS);
}
