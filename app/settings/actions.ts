'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { createToken, revokeToken } from '@/lib/data/tokens';
import { signOutEverywhere } from '@/lib/data/sessions';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';
import { changeOwnPassword } from '@/lib/data/ownPassword';
import { currentSessionId } from '@/lib/auth/session';
import { clientAddress } from '@/lib/auth/clientAddress';

const PATHS = ['/settings'];

/** Creates a personal API token; the secret is returned this once only. */
export async function createTokenAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction(async (actor) => {
    const token = await createToken({ actor, input: { name: field(form, 'name') } });
    return { message: `Your new token "${token.name}".`, secret: token.token };
  }, PATHS);
}

/** Revokes one of the user's own tokens; scripts using it stop working at once. */
export async function revokeTokenAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction(async (actor) => {
    await revokeToken({ actor, tokenId: idField(form, 'tokenId') });
  }, PATHS);
}

/** Ends every session of the user, this one included, on every device; then to sign-in. */
export async function signOutEverywhereAction(): Promise<void> {
  await runAction((actor) => void signOutEverywhere({ actor }));
  redirect('/signin');
}

/** Changes the user's own password (current one checked as at sign-in); other sessions end, this one stays. */
export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  // Passwords are taken as typed: a space at either end is part of them.
  const raw = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const ip = clientAddress(await headers());
  const keepSessionId = await currentSessionId();
  return runAction(async (actor) => {
    const { sessionsEnded } = await changeOwnPassword({
      actor,
      ip,
      keepSessionId,
      input: { currentPassword: raw('currentPassword'), newPassword: raw('newPassword'), confirmPassword: raw('confirmPassword') },
    });
    const others = sessionsEnded === 0 ? 'You had no other sessions.' : `${sessionsEnded} other session${sessionsEnded === 1 ? '' : 's'} signed out.`;
    return { message: `Password changed. ${others} You stay signed in here.` };
  }, PATHS);
}
