/**
 * Browser sessions on the server: a row per sign-in, named by the session cookie. A session
 * lasts SESSION_MAX_AGE_MS from sign-in however often it is used (a stolen cookie does not
 * live forever), ends on the server at sign-out (a copied cookie stops working), and all of a
 * user's sessions end at once with "sign out everywhere", a password reset or disabling.
 */
import crypto from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { writeTransaction } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { sessions, users } from '../db/tables';
import { forbidden } from '../errors';
import { actorId, loadUser, type Actor } from './actor';
import { recordEvent } from './events';
import { exec, first } from '../db/query';

/** 8 hours, absolute from sign-in. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

export interface StartedSession {
  id: string;
  /** Sign-in time, ms since the epoch; the session ends SESSION_MAX_AGE_MS later. */
  signedInAt: number;
}

/** Records a sign-in (authentication: the user was just verified, there is no actor yet). */
export async function startSession(userId: number, now = Date.now()): Promise<StartedSession> {
  const id = crypto.randomBytes(32).toString('base64url');
  await writeTransaction(async (tx) => {
    await exec(tx.insert(sessions).values({ id, userId, createdAt: new Date(now), expiresAt: new Date(now + SESSION_MAX_AGE_MS) }));
    // Rows a day past their end no longer matter.
    await exec(tx.delete(sessions).where(lt(sessions.expiresAt, new Date(now - 24 * 60 * 60 * 1000))));
  });
  return { id, signedInAt: now };
}

/** Ends one session at sign-out. The cookie's own claim is enough: it names only its session. */
export async function endSession(sessionId: string): Promise<void> {
  await writeTransaction((tx) => exec(tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))));
}

const liveSession = preparedStatement('sessions.live', (db) =>
  db.select({ userId: sessions.userId, expiresAt: sessions.expiresAt }).from(sessions)
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt)))
    .prepare(),
);

/** Whether `sessionId` is a live session of `userId` (not signed out, not past its 8 hours). */
export async function isSessionLive(sessionId: string, userId: number, now = Date.now()): Promise<boolean> {
  const row = await first(liveSession(), { id: sessionId });
  return !!row && row.userId === userId && row.expiresAt.getTime() > now;
}

/**
 * Ends every session of the actor, on every device ("sign out everywhere" in settings): the
 * rows are revoked and sessionVersion is bumped, so even a cookie from before sessions were
 * recorded stops working. API tokens are not touched; they are revoked one by one.
 */
export async function signOutEverywhere({ actor }: { actor: Actor }): Promise<{ ended: number }> {
  return await writeTransaction(async (tx) => {
    const user = await loadUser(tx, actor);
    if (!user) throw forbidden('Sessions belong to a person: the command-line operator has none.');
    const ended = (await exec(tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt))))).changes;
    await exec(tx.update(users).set({ sessionVersion: user.sessionVersion + 1 }).where(eq(users.id, user.id)));
    await recordEvent(tx, { projectId: null, actorId: actorId(actor), action: 'user.signout_everywhere', entityType: 'user', entityId: user.id, after: { sessionsEnded: ended } });
    return { ended };
  });
}
