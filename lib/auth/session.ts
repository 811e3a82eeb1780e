/**
 * Who is making this request: the browser session (re-checked against the database) or a
 * personal API token. Pages use requirePageUser(); route handlers use actorFromRequest().
 *
 * The session cookie is read from the request itself, not through Next.js's request context,
 * so the same route handlers also run in the write fast lane (server/fastLane.ts).
 */
import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { RequestCookies } from '@edge-runtime/cookies';
import { redirect } from 'next/navigation';
import { authOptions, SECURE_COOKIES } from './options';
import { sessionCookieUser } from '../data/signin';
import { userIdForToken } from '../data/tokens';
import type { Actor } from '../data/actor';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof sessionCookieUser>>>;

/** The user behind the next-auth session cookie in `jar`, or null (none, forged, expired, disabled, signed out). */
async function userFromCookies(jar: Map<string, string>): Promise<SessionUser | null> {
  // getToken picks the (possibly chunked) session cookie by next-auth's own naming rule and
  // returns null for anything that does not decrypt or has expired. No headers: a bearer
  // token must never be taken for a session here.
  const req = { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secret: authOptions.secret, secureCookie: SECURE_COOKIES });
  return token ? await sessionCookieUser(token) : null;
}

function jarOf(store: { getAll(): Array<{ name: string; value: string }> }): Map<string, string> {
  return new Map(store.getAll().map((c) => [c.name, c.value]));
}

/** The signed-in user of the page being rendered, or null when not signed in, disabled or signed out everywhere. */
export async function currentUser(): Promise<SessionUser | null> {
  return userFromCookies(jarOf(await cookies()));
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}

/** For route handlers: the actor behind a bearer token or the request's session cookie, or null. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const userId = match ? await userIdForToken(match[1]) : null;
    return userId ? { userId } : null;
  }
  // Parsed by the package cookies() uses for pages (Next.js bundles @edge-runtime/cookies),
  // so both read a cookie header alike (a repeated name: the last one wins).
  const user = await userFromCookies(jarOf(new RequestCookies(request.headers)));
  return user ? { userId: user.id } : null;
}

/** The server-side session id of the page's own cookie (to keep it when ending the others), or null. */
export async function currentSessionId(): Promise<string | null> {
  const req = { cookies: jarOf(await cookies()), headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secret: authOptions.secret, secureCookie: SECURE_COOKIES });
  return typeof token?.sid === 'string' ? token.sid : null;
}
