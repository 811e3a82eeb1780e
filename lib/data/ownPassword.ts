/**
 * Changing your own password: the current one is checked exactly as at sign-in (same
 * throttle, same failure count, lib/data/signin.ts), so a borrowed, unlocked laptop cannot be
 * used to guess it. Every other session of the account ends; this one stays signed in. API
 * tokens stay (they are the person's own, revoked one by one in settings).
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction } from '../db/client';
import { sessions, users } from '../db/tables';
import { badRequest, forbidden } from '../errors';
import { parseInput } from '../validation';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { actorId, loadUser, type Actor } from './actor';
import { recordEvent } from './events';
import { verifyCredentials } from './signin';
import { exec } from '../db/query';

const changeSchema = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: z.string(),
  confirmPassword: z.string(),
});

/** Checks the three fields, with a sentence a person understands (400 otherwise). */
function parseChange(input: unknown) {
  const data = parseInput(changeSchema, input);
  if (!data.currentPassword) throw badRequest('Enter your current password.');
  if (data.newPassword.length < MIN_PASSWORD_LENGTH) throw badRequest(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (data.newPassword.length > 200) throw badRequest('The new password must be at most 200 characters.');
  if (data.newPassword !== data.confirmPassword) throw badRequest('The two new passwords do not match. Nothing was changed.');
  if (data.newPassword === data.currentPassword) throw badRequest('The new password is the same as the current one.');
  return data;
}

/**
 * Sets the actor's own password (any signed-in user). `ip` is the client's address for the
 * sign-in throttle; `keepSessionId` is the session making the change, which stays live while
 * every other one ends. 400 for a wrong current password, 429 once throttled.
 */
export async function changeOwnPassword({ actor, input, ip, keepSessionId }: { actor: Actor; input: unknown; ip: string; keepSessionId: string | null }): Promise<{ sessionsEnded: number }> {
  const user = await loadUser(getDb(), actor);
  if (!user) throw forbidden('The command-line operator has no password; use "user passwd" for an account.');
  const data = parseChange(input);
  const verified = await verifyCredentials(user.email, data.currentPassword, ip);
  if (!verified || verified.id !== user.id) throw badRequest('Your current password is not right. Nothing was changed.');
  const passwordHash = await hashPassword(data.newPassword);
  return await writeTransaction(async (tx) => {
    const live = and(eq(sessions.userId, user.id), isNull(sessions.revokedAt));
    const others = keepSessionId ? and(live, ne(sessions.id, keepSessionId)) : live;
    const sessionsEnded = (await exec(tx.update(sessions).set({ revokedAt: new Date() }).where(others))).changes;
    await exec(tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)));
    await recordEvent(tx, { projectId: null, actorId: actorId(actor), action: 'user.password_change', entityType: 'user', entityId: user.id, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}
