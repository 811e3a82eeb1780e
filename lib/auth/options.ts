/**
 * next-auth configuration: email + password (argon2id), JWT sessions of at most 8 hours that
 * carry only the user id and sessionVersion. The stored user is re-checked on every request
 * (lib/auth/session.ts), so disabling a user or bumping sessionVersion ends their sessions.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authSecret } from '../config';
import { verifyCredentials } from '../data/signin';
import { clientAddress } from './clientAddress';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
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
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
};
