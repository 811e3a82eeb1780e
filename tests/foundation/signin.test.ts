/**
 * Sign-in checks of lib/data/signin.ts: one answer (null) for every failure, throttling per
 * account and address after 5 failures in 15 minutes, and the per-request session re-check.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { loginFailures } from '@/lib/db/tables';
import { AppError } from '@/lib/errors';
import { SYSTEM } from '@/lib/data/actor';
import { disableUser, resetPassword } from '@/lib/data/users';
import { activeSessionUser, FAILURE_WINDOW_MS, isSignInThrottled, MAX_FAILURES, verifyCredentials } from '@/lib/data/signin';
import { makeUser } from '../helpers';
import { exec } from '@/lib/db/query';

const PASSWORD = 'correct horse battery';

async function failTimes(email: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) expect(await verifyCredentials(email, 'wrong password!', ip)).toBeNull();
}

describe('verifyCredentials', () => {
  it('returns the session identity for the right password, whatever the email case', async () => {
    const { user } = await makeUser();
    const identity = await verifyCredentials(`  ${user.email.toUpperCase()} `, PASSWORD, '192.0.2.1');
    expect(identity).toEqual({ id: user.id, email: user.email, name: user.name, sessionVersion: 1 });
  });

  it('answers null alike for an unknown email, a wrong password and a disabled account', async () => {
    const { user } = await makeUser();
    const disabled = await makeUser();
    await disableUser({ actor: SYSTEM, input: { userId: disabled.user.id } });
    expect(await verifyCredentials('nobody@example.test', PASSWORD, '192.0.2.2')).toBeNull();
    expect(await verifyCredentials(user.email, 'not the password', '192.0.2.2')).toBeNull();
    expect(await verifyCredentials(disabled.user.email, PASSWORD, '192.0.2.2')).toBeNull();
  });

  it('throttles an account and address after 5 failures: 429 on the next attempt, even with the right password', async () => {
    const { user } = await makeUser();
    expect(MAX_FAILURES).toBe(5);
    await failTimes(user.email, '198.51.100.7', 4);
    expect(await isSignInThrottled(user.email, '198.51.100.7')).toBe(false);
    await failTimes(user.email, '198.51.100.7', 1);
    expect(await isSignInThrottled(user.email, '198.51.100.7')).toBe(true);
    const error = await verifyCredentials(user.email, PASSWORD, '198.51.100.7').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, message: 'Too many failed sign-ins. Wait 15 minutes and try again.' });
  });

  it('throttles per account and address: the same account elsewhere and another account here still sign in', async () => {
    const { user } = await makeUser();
    const other = await makeUser();
    await failTimes(user.email, '203.0.113.9', 5);
    expect(await verifyCredentials(user.email, PASSWORD, '203.0.113.10')).toMatchObject({ id: user.id });
    expect(await verifyCredentials(other.user.email, PASSWORD, '203.0.113.9')).toMatchObject({ id: other.user.id });
  });

  it('throttles unknown accounts the same way, so throttling reveals nothing', async () => {
    await failTimes('ghost@example.test', '203.0.113.20', 5);
    await expect(verifyCredentials('ghost@example.test', 'anything at all', '203.0.113.20')).rejects.toMatchObject({ status: 429 });
  });

  it('counts only failures within the last 15 minutes', async () => {
    const { user } = await makeUser();
    const old = new Date(Date.now() - FAILURE_WINDOW_MS - 60_000);
    const rows = Array.from({ length: 5 }, () => ({ email: user.email, ip: '192.0.2.50', createdAt: old }));
    await exec(getDb().insert(loginFailures).values(rows));
    expect(await isSignInThrottled(user.email, '192.0.2.50')).toBe(false);
    expect(await verifyCredentials(user.email, PASSWORD, '192.0.2.50')).not.toBeNull();
    const now = Date.now();
    await failTimes(user.email, '192.0.2.51', 5);
    expect(await isSignInThrottled(user.email, '192.0.2.51', now + FAILURE_WINDOW_MS - 60_000)).toBe(true);
    expect(await isSignInThrottled(user.email, '192.0.2.51', now + FAILURE_WINDOW_MS + 60_000)).toBe(false);
  });
});

describe('activeSessionUser', () => {
  it('accepts the current sessionVersion and rejects a bumped one', async () => {
    const { user } = await makeUser();
    expect((await activeSessionUser(user.id, 1))?.id).toBe(user.id);
    await resetPassword({ actor: SYSTEM, input: { userId: user.id } });
    expect(await activeSessionUser(user.id, 1)).toBeNull();
    expect((await activeSessionUser(user.id, 2))?.id).toBe(user.id);
  });

  it('rejects a disabled user and an unknown id', async () => {
    const { user } = await makeUser();
    await disableUser({ actor: SYSTEM, input: { userId: user.id } });
    expect(await activeSessionUser(user.id, 2)).toBeNull();
    expect(await activeSessionUser(user.id, 1)).toBeNull();
    expect(await activeSessionUser(987_654, 1)).toBeNull();
  });
});
