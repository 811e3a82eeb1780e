/** `member add | remove` and `token create` through the real command line. */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apiTokens, memberships } from '@/lib/db/tables';
import { userIdForToken } from '@/lib/data/tokens';
import { makeProject, makeUser } from '../helpers';
import { cli } from './run';
import { all, first } from '@/lib/db/query';

let project: { id: number; slug: string };
let lead: Awaited<ReturnType<typeof makeUser>>['user'];
let alice: Awaited<ReturnType<typeof makeUser>>['user'];

async function roleOf(userId: number) {
  return (await first(getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.projectId, project.id), eq(memberships.userId, userId)))))?.role;
}

beforeAll(async () => {
  lead = (await makeUser()).user;
  alice = (await makeUser()).user;
  project = await makeProject([[lead.id, 'lead']]);
});

describe('cli member', () => {
  it('adds a member by project slug, changes the role by project id, then removes them', async () => {
    const added = cli(['member', 'add', project.slug, alice.email, '--role', 'reviewer']);
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`Added ${alice.email} to project ${project.slug} (id ${project.id}) as reviewer.\n`);
    expect(await roleOf(alice.id)).toBe('reviewer');

    const changed = cli(['member', 'add', String(project.id), alice.email.toUpperCase(), '--role=viewer']);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('from reviewer to viewer');
    expect(await roleOf(alice.id)).toBe('viewer');

    const removed = cli(['member', 'remove', project.slug, alice.email]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`Removed ${alice.email} (viewer) from project ${project.slug} (id ${project.id}).\n`);
    expect(await roleOf(alice.id)).toBeUndefined();
  });

  it('refuses a bad role or a missing --role with exit 2, and changes nothing', async () => {
    const bad = cli(['member', 'add', project.slug, alice.email, '--role', 'owner']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('error: --role must be one of lead, reviewer, viewer (got "owner").');
    const missing = cli(['member', 'add', project.slug, alice.email]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('error: --role is required.');
    expect(await roleOf(alice.id)).toBeUndefined();
  });

  it('names an unknown project, an unknown user and a non-member', () => {
    const noProject = cli(['member', 'add', 'no-such-project', alice.email, '--role', 'viewer']);
    expect(noProject.code).toBe(1);
    expect(noProject.stderr).toBe('error: No project with id or slug "no-such-project".\n');
    expect(cli(['member', 'remove', '9999', alice.email]).stderr).toBe('error: No project with id or slug "9999".\n');
    const noUser = cli(['member', 'add', project.slug, 'ghost@example.test', '--role', 'viewer']);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toBe('error: No user with the email ghost@example.test.\n');
    const notMember = cli(['member', 'remove', project.slug, alice.email]);
    expect(notMember.code).toBe(1);
    expect(notMember.stderr).toBe(`error: ${alice.email} is not a member of project ${project.slug} (id ${project.id}).\n`);
  });

  it('keeps the last lead', async () => {
    const demote = cli(['member', 'add', project.slug, lead.email, '--role', 'viewer']);
    expect(demote.code).toBe(1);
    expect(demote.stderr).toBe('error: A project needs at least one lead. Make someone else lead first.\n');
    expect(cli(['member', 'remove', project.slug, lead.email]).code).toBe(1);
    expect(await roleOf(lead.id)).toBe('lead');
  });
});

describe('cli token create', () => {
  it('prints a working token alone on its last line and stores only its hash', async () => {
    const result = cli(['token', 'create', alice.email, '--name', 'nightly export']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(new RegExp(`^Created API token "nightly export" \\(id \\d+\\) for ${alice.email.replace(/\./g, '\\.')}\\.`));
    const token = result.lines.at(-1)!;
    expect(token).toMatch(/^fcw_[A-Za-z0-9_-]{43}$/);
    expect(await userIdForToken(token)).toBe(alice.id);
    const stored = await all(getDb().select().from(apiTokens).where(eq(apiTokens.userId, alice.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0].name).toBe('nightly export');
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('gives the token a default name', () => {
    const result = cli(['token', 'create', lead.email]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^Created API token "command line \d{4}-\d{2}-\d{2}"/);
  });

  it('names an unknown user and refuses a missing email', () => {
    const unknown = cli(['token', 'create', 'ghost@example.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: No user with the email ghost@example.test.\n');
    const missing = cli(['token', 'create']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('error: Missing <email>.');
  });
});
