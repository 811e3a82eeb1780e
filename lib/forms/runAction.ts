/** The one wrapper every server action runs in (the actions.ts files beside the pages). */
import { revalidatePath } from 'next/cache';
import { currentUser } from '../auth/session';
import type { Actor } from '../data/actor';
import { isAppError } from '../errors';
import type { FormState } from './formState';

type ActionBody = (actor: Actor) => FormState | void | Promise<FormState | void>;

/**
 * Runs a server action as the signed-in user: lib/data does the checking, an AppError becomes
 * `{ error }` for the form to show, and the given paths are revalidated after success.
 * Anything else (including Next's redirect) propagates.
 */
export async function runAction(body: ActionBody, revalidate: string[] = []): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { error: 'Your session has ended. Sign in again.' };
  try {
    const result = (await body({ userId: user.id })) ?? {};
    for (const path of revalidate) revalidatePath(path);
    return { ...result, doneAt: Date.now() };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}
