/**
 * Sessions end when they should (issue 13, item 5), through lib/data and through the real
 * next-auth route handler: 8 hours from sign-in however often /api/auth/session re-issues the
 * cookie; sign-out ends the session on the server (a copied cookie stops working); "sign out
 * everywhere" ends every session; a password reset revokes the user's API tokens unless they
 * are explicitly kept.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { callRoute, importRoute, type CallResult } from './routeCall';
import { decode } from 'next-auth/jwt';
import { authOptions, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/options';
import { startSession, signOutEverywhere } from '@/lib/data/sessions';
import { sessionCookieUser } from '@/lib/data/signin';
import { createToken, userIdForToken } from '@/lib/data/tokens';
import { resetPassword } from '@/lib/data/users';
import { SYSTEM } from '@/lib/data/actor';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { first } from '@/lib/db/query';
import { users } from '@/lib/db/tables';
import { buildWorld, type World } from './world';

const COOKIE = 'next-auth.session-token';
let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

const sessionVersion = async (userId: number) => (await first(getDb().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId))))!.sv;

/** A session cookie exactly as sign-in makes it (the same jwt callback and encoder), signed in `agoMs` ago. */
async function signedIn(userId: number, agoMs = 0) {
  const session = await startSession(userId, Date.now() - agoMs);
  const token = { sub: String(userId), uid: userId, sv: await sessionVersion(userId), sid: session.id, sat: Math.floor(session.signedInAt / 1000) };
  const jwt = await authOptions.jwt!.encode!({ token, secret: authOptions.secret!, maxAge: SESSION_MAX_AGE_SECONDS });
  return { cookie: `${COOKIE}=${jwt}`, claims: token };
}

async function myProjects(cookie: string): Promise<number> {
  const mod = (await importRoute('/api/projects'))!;
  return (await callRoute(mod, { method: 'GET', url: '/api/projects', params: {}, cookie })).status;
}

async function auth(method: 'GET' | 'POST', action: string, cookie: string, form?: Record<string, string>): Promise<CallResult> {
  const mod = (await import('@/app/api/auth/[...nextauth]/route')) as unknown as Parameters<typeof callRoute>[0];
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = form ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
  return callRoute(mod, { method, url: `/api/auth/${action}`, params: { nextauth: action.split('/') } as never, cookie, rawBody: body, headers, nextRequest: true });
}

/** The session cookie a response sets, or null. */
function setCookie(result: CallResult, name = COOKIE): string | null {
  const all = result.headers.getSetCookie();
  const line = all.find((c) => c.startsWith(`${name}=`));
  return line ? line.slice(name.length + 1).split(';')[0] : null;
}

describe('8 hours from sign-in', () => {
  test('reading /api/auth/session re-issues the cookie without moving its expiry', async () => {
    const { cookie, claims } = await signedIn(w.people.viewer.id, 7 * 3600_000);
    const result = await auth('GET', 'session', cookie);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ uid: w.people.viewer.id });
    const reissued = setCookie(result);
    expect(reissued).not.toBeNull();
    const decoded = await decode({ token: reissued!, secret: authOptions.secret! });
    expect(decoded!.exp as number).toBeLessThanOrEqual(claims.sat + SESSION_MAX_AGE_SECONDS);
  });

  test('past 8 hours from sign-in the session is over, whatever the cookie says', async () => {
    const { cookie, claims } = await signedIn(w.people.viewer.id, 8 * 3600_000 + 60_000);
    expect(await sessionCookieUser(claims)).toBeNull();
    expect(await myProjects(cookie)).toBe(401);
    const fresh = await signedIn(w.people.viewer.id);
    expect(await myProjects(fresh.cookie)).toBe(200);
  });
});

describe('signing out ends the session on the server', () => {
  test('a copy of the cookie no longer works after sign-out', async () => {
    const { cookie, claims } = await signedIn(w.people.otherReviewer.id);
    expect(await myProjects(cookie)).toBe(200);
    const csrf = await auth('GET', 'csrf', cookie);
    const csrfCookie = `next-auth.csrf-token=${setCookie(csrf, 'next-auth.csrf-token')}`;
    const out = await auth('POST', 'signout', `${cookie}; ${csrfCookie}`, { csrfToken: (csrf.json as { csrfToken: string }).csrfToken, json: 'true' });
    expect(out.status).toBe(200);
    expect(await sessionCookieUser(claims)).toBeNull();
    expect(await myProjects(cookie)).toBe(401);
    // /api/auth/session of an ended session answers no session and clears the cookie.
    const session = await auth('GET', 'session', cookie);
    expect(session.json).toEqual({});
  });

  test('sign out everywhere ends every session of the user, and only theirs', async () => {
    const a = await signedIn(w.people.lead.id);
    const b = await signedIn(w.people.lead.id);
    const someoneElse = await signedIn(w.people.viewer.id);
    expect((await signOutEverywhere({ actor: w.people.lead.actor })).ended).toBeGreaterThanOrEqual(2);
    expect([await myProjects(a.cookie), await myProjects(b.cookie), await myProjects(someoneElse.cookie)]).toEqual([401, 401, 200]);
  });
});

describe('a password reset revokes API tokens', () => {
  test('lib/data and HTTP: the token stops working; kept only when asked', async () => {
    const user = w.people.authorReviewer;
    const { token } = await createToken({ actor: user.actor, input: { name: 'script' } });
    const { token: kept } = await createToken({ actor: user.actor, input: { name: 'kept' } });
    const projects = (await importRoute('/api/projects'))!;
    expect((await callRoute(projects, { method: 'GET', url: '/api/projects', params: {}, token })).status).toBe(200);
    const first = await resetPassword({ actor: SYSTEM, input: { userId: user.id, password: 'a brand new password' } });
    expect(first.tokensRevoked).toBeGreaterThanOrEqual(2);
    expect(await userIdForToken(token)).toBeNull();
    expect(await userIdForToken(kept)).toBeNull();
    expect((await callRoute(projects, { method: 'GET', url: '/api/projects', params: {}, token })).status).toBe(401);
    const { token: mine } = await createToken({ actor: user.actor, input: { name: 'confirmed' } });
    const second = await resetPassword({ actor: SYSTEM, input: { userId: user.id, password: 'another new password', keepApiTokens: true } });
    expect(second.tokensRevoked).toBe(0);
    expect(await userIdForToken(mine)).toBe(user.id);
    user.token = mine;
  });
});
