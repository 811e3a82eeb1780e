/**
 * Sign-in checks: password verification with throttling per account and address, and the
 * per-request re-check of a session against the stored user.
 */
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { getDb } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { loginFailures, users } from '../db/schema';
import { AppError } from '../errors';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { isSessionLive } from './sessions';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface SessionIdentity {
  id: number;
  email: string;
  name: string;
  sessionVersion: number;
}

/** True when (email, address) already has MAX_FAILURES failures within the window. */
export function isSignInThrottled(email: string, ip: string, now = Date.now()): boolean {
  const since = new Date(now - FAILURE_WINDOW_MS);
  const row = getDb()
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.trim().toLowerCase()), eq(loginFailures.ip, ip), gt(loginFailures.createdAt, since)))
    .get();
  return (row?.n ?? 0) >= MAX_FAILURES;
}

function recordFailure(email: string, ip: string): void {
  const db = getDb();
  db.insert(loginFailures).values({ email, ip }).run();
  // Keep the table small: failures older than the window no longer matter.
  db.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(Date.now() - FAILURE_WINDOW_MS))).run();
}

/**
 * Checks an email and password. Returns the identity for the session, or null for any
 * failure (unknown account, wrong password, disabled) so callers cannot tell them apart.
 * Throws 429 once the account and address are throttled.
 */
export async function verifyCredentials(emailInput: string, password: string, ip: string): Promise<SessionIdentity | null> {
  const email = emailInput.trim().toLowerCase().slice(0, 320);
  if (isSignInThrottled(email, ip)) {
    throw new AppError('rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
  }
  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password.slice(0, 200));
  if (!user || !ok || user.disabledAt) {
    recordFailure(email, ip);
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

const userById = preparedStatement('signin.userById', (db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());

/** The user behind a session token, or null when disabled, deleted or signed out everywhere. */
export function activeSessionUser(userId: number, sessionVersion: number) {
  const user = userById().get({ id: userId });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return user;
}

/**
 * The user behind a session cookie's claims, or null when disabled, deleted, signed out (on
 * this device or everywhere) or past the 8 hours from sign-in (lib/data/sessions.ts).
 */
export function sessionCookieUser(claims: Record<string, unknown>) {
  const { uid, sv, sid } = claims;
  if (typeof uid !== 'number' || typeof sv !== 'number' || typeof sid !== 'string') return null;
  const user = activeSessionUser(uid, sv);
  return user && isSessionLive(sid, uid) ? user : null;
}
