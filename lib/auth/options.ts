/**
 * next-auth configuration: email + password (argon2id), JWT sessions that carry only the user
 * id, sessionVersion and the server-side session (lib/data/sessions.ts) with its sign-in time.
 * The stored user and session are re-checked on every request (lib/auth/session.ts), so
 * disabling a user, signing out or bumping sessionVersion ends the session, and a session
 * ends 8 hours after sign-in however often it is read: re-issuing the cookie
 * (/api/auth/session does) never moves its expiry.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { encode, type JWT } from 'next-auth/jwt';
import { authSecret } from '../config';
import { sessionCookieUser, verifyCredentials } from '../data/signin';
import { endSession, SESSION_MAX_AGE_MS, startSession } from '../data/sessions';
import { clientAddress } from './clientAddress';

export const SESSION_MAX_AGE_SECONDS = SESSION_MAX_AGE_MS / 1000;

/** Seconds left of a session signed in at `token.sat` (seconds); never more than 8 hours. */
export function secondsLeft(token: JWT | null | undefined, now = Date.now()): number {
  const signedInAt = typeof token?.sat === 'number' ? token.sat : now / 1000;
  return Math.max(0, Math.floor(signedInAt + SESSION_MAX_AGE_SECONDS - now / 1000));
}

/**
 * Secure session cookies (`__Secure-` name, `Secure` flag) when NEXTAUTH_URL is https. One
 * rule for setting the cookie here and for reading it (lib/auth/session.ts), so that the two
 * can never look for different names.
 */
export const SECURE_COOKIES = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  useSecureCookies: SECURE_COOKIES,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  jwt: {
    maxAge: SESSION_MAX_AGE_SECONDS,
    // The expiry is 8 hours from sign-in, not from the last time the cookie was written.
    encode: (params) => encode({ ...params, maxAge: secondsLeft(params.token) }),
  },
  pages: { signIn: '/signin', signOut: '/signout', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password) return null;
        const identity = await verifyCredentials(email, password, clientAddress(req.headers ?? {}));
        if (!identity) return null;
        return { id: String(identity.id), email: identity.email, name: identity.name, sessionVersion: identity.sessionVersion };
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const session = await startSession(Number(user.id));
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
        token.sid = session.id;
        token.sat = Math.floor(session.signedInAt / 1000);
        return token;
      }
      // Reading the session (/api/auth/session) of an ended session clears its cookie.
      if (!await sessionCookieUser(token)) throw new Error('This session has ended.');
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
};
