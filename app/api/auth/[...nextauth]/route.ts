import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { clientAddress } from '@/lib/auth/clientAddress';
import { signInRetryAfterSeconds } from '@/lib/data/signin';

const nextAuth = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Refuses a credentials sign-in with 429 once the account and address have failed too often,
 * before next-auth runs. The body keeps next-auth's {url} shape so its client reads the error.
 */
async function throttledSignIn(request: Request): Promise<Response | null> {
  if (!new URL(request.url).pathname.endsWith('/callback/credentials')) return null;
  const form = await request.clone().formData().catch(() => null);
  const email = String(form?.get('email') ?? '').trim().toLowerCase();
  const wait = email ? await signInRetryAfterSeconds(email, clientAddress(request.headers)) : 0;
  if (!wait) return null;
  const url = new URL('/signin?error=RateLimited', request.url).toString();
  return NextResponse.json(
    { url, error: { code: 'rate_limited', message: `Too many failed sign-ins. Wait ${wait >= 120 ? `${Math.round(wait / 60)} minutes` : `${wait} seconds`} and try again.` } },
    { status: 429, headers: { 'Retry-After': String(wait) } },
  );
}

export async function GET(request: Request, context: Context) {
  return nextAuth(request, context);
}

export async function POST(request: Request, context: Context) {
  return (await throttledSignIn(request)) ?? nextAuth(request, context);
}
