/**
 * Sign-in checks: password verification with throttling, and the per-request re-check of a
 * session against the stored user. Two limits: per account and address, MAX_FAILURES in the
 * window, then 15 minutes; and per account whatever the address, after ACCOUNT_FREE_FAILURES
 * in the window each attempt waits a delay that doubles with every further failure, up to
 * ACCOUNT_MAX_DELAY_MS. Attempts refused for the delay are not counted, so an attacker who
 * guesses from many addresses slows to one guess a minute, and the reviewer they target is
 * never kept out longer than that once the guessing stops.
 */
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { getDb, writeTransaction } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { loginFailures, users } from '../db/tables';
import { AppError } from '../errors';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { isSessionLive } from './sessions';
import { all, exec, first } from '../db/query';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FREE_FAILURES = 10;
export const ACCOUNT_MAX_DELAY_MS = 60 * 1000;

export interface SessionIdentity {
  id: number;
  email: string;
  name: string;
  sessionVersion: number;
}

/** True when (email, address) already has MAX_FAILURES failures within the window. */
export async function isSignInThrottled(email: string, ip: string, now = Date.now()): Promise<boolean> {
  const since = new Date(now - FAILURE_WINDOW_MS);
  const row = await first(getDb()
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.trim().toLowerCase()), eq(loginFailures.ip, ip), gt(loginFailures.createdAt, since))));
  return (row?.n ?? 0) >= MAX_FAILURES;
}

/**
 * Milliseconds this account must still wait before its next attempt, from any address: 0
 * until ACCOUNT_FREE_FAILURES failures in the window, then 1 s after the last failure,
 * doubling with each further one, at most ACCOUNT_MAX_DELAY_MS.
 */
export async function accountDelayMs(email: string, now = Date.now()): Promise<number> {
  const since = new Date(now - FAILURE_WINDOW_MS);
  const rows = await all(getDb()
    .select({ at: loginFailures.createdAt })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.trim().toLowerCase()), gt(loginFailures.createdAt, since))));
  const beyond = rows.length - ACCOUNT_FREE_FAILURES;
  if (beyond < 0) return 0;
  const last = Math.max(...rows.map((r) => r.at.getTime()));
  const delay = Math.min(1000 * 2 ** beyond, ACCOUNT_MAX_DELAY_MS);
  return Math.max(0, last + delay - now);
}

/** Seconds until (email, address) may try again: 0 when not throttled (for Retry-After). */
export async function signInRetryAfterSeconds(email: string, ip: string, now = Date.now()): Promise<number> {
  if (await isSignInThrottled(email, ip, now)) return FAILURE_WINDOW_MS / 1000;
  return Math.ceil(await accountDelayMs(email, now) / 1000);
}

async function recordFailure(email: string, ip: string, now: number): Promise<void> {
  await writeTransaction(async (tx) => {
    await exec(tx.insert(loginFailures).values({ email, ip, createdAt: new Date(now) }));
    // Keep the table small: failures older than the window no longer matter.
    await exec(tx.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(now - FAILURE_WINDOW_MS))));
  });
}

/**
 * Checks an email and password. Returns the identity for the session, or null for any
 * failure (unknown account, wrong password, disabled) so callers cannot tell them apart.
 * Throws 429 once the account and address are throttled.
 */
export async function verifyCredentials(emailInput: string, password: string, ip: string, now = Date.now()): Promise<SessionIdentity | null> {
  const email = emailInput.trim().toLowerCase().slice(0, 320);
  if (await isSignInThrottled(email, ip, now)) {
    throw new AppError('rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
  }
  const wait = await accountDelayMs(email, now);
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many failed sign-ins for this account. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  }
  const user = await first(getDb().select().from(users).where(eq(users.email, email)));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password.slice(0, 200));
  if (!user || !ok || user.disabledAt) {
    await recordFailure(email, ip, now);
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

const userById = preparedStatement('signin.userById', (db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());

/** The user behind a session token, or null when disabled, deleted or signed out everywhere. */
export async function activeSessionUser(userId: number, sessionVersion: number) {
  const user = await first(userById(), { id: userId });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return user;
}

/**
 * The user behind a session cookie's claims, or null when disabled, deleted, signed out (on
 * this device or everywhere) or past the 8 hours from sign-in (lib/data/sessions.ts).
 */
export async function sessionCookieUser(claims: Record<string, unknown>) {
  const { uid, sv, sid } = claims;
  if (typeof uid !== 'number' || typeof sv !== 'number' || typeof sid !== 'string') return null;
  const user = await activeSessionUser(uid, sv);
  return user && await isSessionLive(sid, uid) ? user : null;
}
