/**
 * `user add | disable | passwd` through the real command line, checked in the database. Each
 * test makes the accounts it works on, so the tests pass alone and in any order.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { events, users } from '@/lib/db/tables';
import { activeSessionUser, verifyCredentials } from '@/lib/data/signin';
import { makeUser } from '../helpers';
import { cli } from './run';
import { all, first } from '@/lib/db/query';

async function userRow(email: string) {
  return await first(getDb().select().from(users).where(eq(users.email, email)));
}

describe('cli user add', () => {
  it('creates a user and prints a generated password alone on the last line', async () => {
    const result = cli(['user', 'add', 'Alice@Example.test', '--name', 'Alice Ng']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^Created user alice@example\.test \(id \d+, name "Alice Ng", site admin: no\)\.$/);
    const password = result.lines.at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const row = (await userRow('alice@example.test'))!;
    expect(row).toMatchObject({ name: 'Alice Ng', isAdmin: false, disabledAt: null });
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyCredentials('alice@example.test', password, '10.0.0.1')).toMatchObject({ id: row.id });
    const audit = await all(getDb().select().from(events).where(eq(events.entityId, row.id)));
    expect(audit.map((e) => e.action)).toContain('user.create');
  });

  it('takes the password from stdin with --password-stdin and makes an admin with --admin', async () => {
    const result = cli(['user', 'add', 'root@example.test', '--admin', '--password-stdin'], { stdin: 'a long enough secret\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('site admin: yes');
    expect(result.stdout).not.toContain('Generated password');
    expect((await userRow('root@example.test'))?.isAdmin).toBe(true);
    expect(await verifyCredentials('root@example.test', 'a long enough secret', '10.0.0.2')).not.toBeNull();
  });

  it('refuses a password from stdin that is too short, and creates nobody', async () => {
    const result = cli(['user', 'add', 'short@example.test', '--password-stdin'], { stdin: 'short\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: Invalid input: password: must be at least 10 characters\n');
    expect(await userRow('short@example.test')).toBeUndefined();
  });

  it('refuses an empty stdin, a bad email and an existing email', async () => {
    const empty = cli(['user', 'add', 'empty@example.test', '--password-stdin']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('error: No password on standard input.\n');
    const bad = cli(['user', 'add', 'not-an-email']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: Invalid input: email: must be a valid email address\n');
    const { user } = await makeUser();
    const dup = cli(['user', 'add', user.email.toUpperCase()]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe(`error: A user with the email ${user.email} already exists.\n`);
  });
});

describe('cli user passwd', () => {
  it('sets a generated password and signs the user out everywhere', async () => {
    const before = (await userRow((await makeUser()).user.email))!;
    const result = cli(['user', 'passwd', before.email]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe(`Set a new password for ${before.email} (id ${before.id}); their other sessions are signed out.`);
    const password = result.lines.at(-1)!;
    expect(await verifyCredentials(before.email, password, '10.0.0.3')).not.toBeNull();
    expect(await activeSessionUser(before.id, before.sessionVersion)).toBeNull();
  });

  it('sets the password given on stdin, and refuses one too short', async () => {
    const { email } = (await makeUser()).user;
    const ok = cli(['user', 'passwd', email, '--password-stdin'], { stdin: 'another fine secret' });
    expect(ok.code).toBe(0);
    expect(await verifyCredentials(email, 'another fine secret', '10.0.0.4')).not.toBeNull();
    const hash = (await userRow(email))!.passwordHash;
    const short = cli(['user', 'passwd', email, '--password-stdin'], { stdin: 'tiny\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toBe('error: Invalid input: password: must be at least 10 characters\n');
    expect((await userRow(email))!.passwordHash).toBe(hash);
  });

  it('names an unknown user', () => {
    const result = cli(['user', 'passwd', 'ghost@example.test']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: No user with the email ghost@example.test.\n');
  });
});

describe('cli user disable', () => {
  it('disables the account and ends its sessions', async () => {
    cli(['user', 'add', 'bob@example.test', '--password-stdin'], { stdin: 'bobs password 1' });
    const before = (await userRow('bob@example.test'))!;
    const result = cli(['user', 'disable', 'bob@example.test']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Disabled user bob@example.test (id ${before.id}); their sessions and API tokens no longer work.\n`);
    expect((await userRow('bob@example.test'))!.disabledAt).toBeInstanceOf(Date);
    expect(await activeSessionUser(before.id, before.sessionVersion)).toBeNull();
    expect(await verifyCredentials('bob@example.test', 'bobs password 1', '10.0.0.5')).toBeNull();
    expect(cli(['user', 'disable', 'bob@example.test']).stdout).toContain('(it was already disabled)');
  });

  it('names an unknown user', () => {
    const result = cli(['user', 'disable', 'nobody@example.test']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: No user with the email nobody@example.test.\n');
  });
});
