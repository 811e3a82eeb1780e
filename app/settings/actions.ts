'use server';

import { redirect } from 'next/navigation';
import { createToken, revokeToken } from '@/lib/data/tokens';
import { signOutEverywhere } from '@/lib/data/sessions';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

const PATHS = ['/settings'];

/** Creates a personal API token; the secret is returned this once only. */
export async function createTokenAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction((actor) => {
    const token = createToken({ actor, input: { name: field(form, 'name') } });
    return { message: `Your new token "${token.name}".`, secret: token.token };
  }, PATHS);
}

/** Revokes one of the user's own tokens; scripts using it stop working at once. */
export async function revokeTokenAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runAction((actor) => {
    revokeToken({ actor, tokenId: idField(form, 'tokenId') });
  }, PATHS);
}

/** Ends every session of the user, this one included, on every device; then to sign-in. */
export async function signOutEverywhereAction(): Promise<void> {
  await runAction((actor) => void signOutEverywhere({ actor }));
  redirect('/signin');
}
