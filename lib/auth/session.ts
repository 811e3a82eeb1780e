/**
 * Who is making this request: the browser session (re-checked against the database) or a
 * personal API token. Pages use requirePageUser(); route handlers use actorFromRequest().
 */
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';
import { activeSessionUser } from '../data/signin';
import { userIdForToken } from '../data/tokens';
import type { Actor } from '../data/actor';

export type SessionUser = NonNullable<ReturnType<typeof activeSessionUser>>;

/** The signed-in user, or null when not signed in, disabled or signed out everywhere. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session?.uid || !session.sv) return null;
  return activeSessionUser(session.uid, session.sv);
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}

/** For route handlers: the actor behind a bearer token or the session cookie, or null. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const userId = match ? userIdForToken(match[1]) : null;
    return userId ? { userId } : null;
  }
  const user = await currentUser();
  return user ? { userId: user.id } : null;
}
