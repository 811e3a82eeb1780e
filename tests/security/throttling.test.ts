/**
 * Sign-in throttling cannot be bypassed (issue 13, item 1): X-Forwarded-For is believed only
 * as far as TRUST_PROXY says, the address otherwise comes from the socket (stamped by the
 * server, a client-sent stamp is not believed), and a per-account limit with growing delays
 * holds whatever the address, without keeping the reviewer out long once guessing stops.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { callRoute, type CallResult } from './routeCall';
import { clientAddress, parseTrustProxy, PEER_HEADER, stampPeerAddress, UNKNOWN_PEER } from '@/lib/auth/clientAddress';
import { ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_MS, verifyCredentials } from '@/lib/data/signin';
import { isAppError } from '@/lib/errors';
import { makeUser } from '../helpers';

/** Headers as the server stamps them for a socket at `peer`, plus what the client sent. */
function stamped(peer: string, sent: Record<string, string> = {}) {
  const req = { headers: { ...sent } as Record<string, string | string[] | undefined>, socket: { remoteAddress: peer } };
  stampPeerAddress(req);
  return req.headers;
}

describe('the client address', () => {
  test('without TRUST_PROXY, X-Forwarded-For is ignored and the socket counts', () => {
    expect(clientAddress(stamped('198.51.100.7', { 'x-forwarded-for': '203.0.113.1' }), null)).toBe('198.51.100.7');
  });
  test('a stamp sent by the client is replaced, and a forged one is not believed', () => {
    expect(clientAddress(stamped('198.51.100.7', { [PEER_HEADER]: '203.0.113.9 forged' }), null)).toBe('198.51.100.7');
    expect(clientAddress(new Headers({ [PEER_HEADER]: '203.0.113.9 forged', 'x-forwarded-for': '203.0.113.9' }), null)).toBe(UNKNOWN_PEER);
  });
  test('TRUST_PROXY as a hop count takes that many proxies off the right', () => {
    const headers = stamped('10.0.0.2', { 'x-forwarded-for': '203.0.113.1, 192.0.2.5' });
    expect(clientAddress(headers, parseTrustProxy('1'))).toBe('192.0.2.5');
    expect(clientAddress(headers, parseTrustProxy('2'))).toBe('203.0.113.1');
  });
  test('TRUST_PROXY as addresses walks past the known proxies only', () => {
    const headers = stamped('10.0.0.2', { 'x-forwarded-for': 'spoofed, 192.0.2.5, 10.0.0.3' });
    expect(clientAddress(headers, parseTrustProxy('10.0.0.2, 10.0.0.3'))).toBe('192.0.2.5');
    expect(clientAddress(stamped('192.0.2.99', { 'x-forwarded-for': '203.0.113.1' }), parseTrustProxy('10.0.0.2'))).toBe('192.0.2.99');
  });
  test('anything but a hop count or addresses trusts nothing', () => {
    expect(parseTrustProxy('')).toBeNull();
    expect(parseTrustProxy('0')).toBeNull();
    expect(parseTrustProxy(undefined)).toBeNull();
  });
});

async function attempt(email: string, password: string, ip: string, now: number): Promise<'ok' | 'wrong' | 'throttled'> {
  try {
    return (await verifyCredentials(email, password, ip, now)) ? 'ok' : 'wrong';
  } catch (error) {
    if (isAppError(error) && error.status === 429) return 'throttled';
    throw error;
  }
}

describe('the per-account limit (lib/data)', () => {
  let email: string;
  beforeAll(async () => {
    ({ email } = (await makeUser()).user);
  });
  test('60 guesses from 60 addresses: only the first are checked, then one per growing delay', async () => {
    const start = Date.now();
    const outcomes = [];
    for (let i = 0; i < 60; i++) outcomes.push(await attempt(email, `guess ${i}`, `203.0.113.${i}`, start + i * 100));
    expect(outcomes.slice(0, ACCOUNT_FREE_FAILURES)).toEqual(Array(ACCOUNT_FREE_FAILURES).fill('wrong'));
    expect(outcomes.filter((o) => o === 'wrong').length).toBeLessThan(ACCOUNT_FREE_FAILURES + 3);
    // The right password during the delay is refused too (it is not even checked)...
    expect(await attempt(email, 'correct horse battery', '198.51.100.1', start + 6_000)).toBe('throttled');
    // ...but the reviewer is never kept out longer than the longest delay after the last failure.
    expect(await attempt(email, 'correct horse battery', '198.51.100.1', start + 6_000 + ACCOUNT_MAX_DELAY_MS)).toBe('ok');
  });
});

describe('through the sign-in route', () => {
  test('a new X-Forwarded-For per guess does not escape the limit', async () => {
    const { email } = (await makeUser()).user;
    const mod = (await import('@/app/api/auth/[...nextauth]/route')) as unknown as Parameters<typeof callRoute>[0];
    const csrf = await callRoute(mod, { method: 'GET', url: '/api/auth/csrf', params: { nextauth: ['csrf'] } as never, nextRequest: true });
    const csrfCookie = csrf.headers.getSetCookie().find((c) => c.startsWith('next-auth.csrf-token='))!.split(';')[0];
    const csrfToken = (csrf.json as { csrfToken: string }).csrfToken;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const result: CallResult = await callRoute(mod, {
        method: 'POST', url: '/api/auth/callback/credentials', params: { nextauth: ['callback', 'credentials'] } as never, nextRequest: true, cookie: csrfCookie,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i}` },
        rawBody: new URLSearchParams({ email, password: `guess ${i}`, csrfToken, json: 'true' }).toString(),
      });
      statuses.push(result.status);
      if (result.status === 429) expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(-7)).toEqual(Array(7).fill(429));
  });
});
