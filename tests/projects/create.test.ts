/**
 * Creating a project: the one data function behind the UI, POST /api/projects and the CLI,
 * called as the wrong people and with bad input (each refusal changes nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { events, memberships, projects } from '@/lib/db/tables';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { createProject, slugify } from '@/lib/data/projects';
import { disableUser } from '@/lib/data/users';
import { createToken } from '@/lib/data/tokens';
import { isAppError } from '@/lib/errors';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { makeUser } from '../helpers';
import { all, first } from '@/lib/db/query';

type Person = Awaited<ReturnType<typeof makeUser>>;
let admin: Person, reviewer: Person, disabledAdmin: Person, future: Person, retired: Person;
let route: RouteModule;
let adminToken: string, reviewerToken: string;

beforeAll(async () => {
  [admin, reviewer, disabledAdmin, future, retired] = await Promise.all([
    makeUser({ admin: true }), makeUser(), makeUser({ admin: true }), makeUser(), makeUser(),
  ]);
  await disableUser({ actor: SYSTEM, input: { userId: disabledAdmin.user.id } });
  await disableUser({ actor: SYSTEM, input: { userId: retired.user.id } });
  route = (await importRoute('/api/projects'))!;
  adminToken = (await createToken({ actor: admin.actor, input: { name: 'api' } })).token;
  reviewerToken = (await createToken({ actor: reviewer.actor, input: { name: 'api' } })).token;
});

const projectCount = async () => (await first(getDb().select({ n: count() }).from(projects)))!.n;
const leadsOf = async (projectId: number) =>
  await all(getDb().select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.projectId, projectId)));

/** The AppError a refused call throws, after checking that it created nothing. */
async function refusal(actor: Actor, input: unknown) {
  const before = await projectCount();
  try {
    await createProject({ actor, input });
  } catch (error) {
    expect(await projectCount()).toBe(before);
    if (isAppError(error)) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('createProject did not refuse');
}

describe('createProject', () => {
  it('makes the admin who creates it its lead, or the person named by leadEmail', async () => {
    const own = await createProject({ actor: admin.actor, input: { name: 'Grain deal', slug: 'grain-deal' } });
    expect(own).toMatchObject({ name: 'Grain deal', slug: 'grain-deal', createdBy: admin.user.id });
    expect(await leadsOf(own.id)).toEqual([{ userId: admin.user.id, role: 'lead' }]);

    const theirs = await createProject({ actor: admin.actor, input: { name: 'Ceasefire', slug: 'ceasefire-may-2025', leadEmail: ` ${future.user.email.toUpperCase()} ` } });
    expect(await leadsOf(theirs.id)).toEqual([{ userId: future.user.id, role: 'lead' }]);
    const added = await all(getDb().select().from(events).where(and(eq(events.projectId, theirs.id), eq(events.action, 'member.add'))));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actorId: admin.user.id, entityId: future.user.id });
  });

  it('derives the slug from the name when none is given, never an all-digit one', async () => {
    expect((await createProject({ actor: admin.actor, input: { name: 'Élections à Kyiv' } })).slug).toBe('elections-a-kyiv');
    expect(slugify('2025')).toBe('project-2025');
  });

  it.each([
    ['a reviewer', () => reviewer.actor, 403, 'Only site administrators can do that.'],
    ['a disabled admin', () => disabledAdmin.actor, 401, 'Your account is disabled or no longer exists. Sign in again.'],
  ])('refuses %s with %i', async (_who, actor, status, message) => {
    expect(await refusal(actor(), { name: 'Not mine', slug: 'not-mine' })).toEqual({ status, message });
  });

  it('answers 409 for a slug that is taken', async () => {
    await createProject({ actor: SYSTEM, input: { name: 'First', slug: 'taken-slug' } });
    expect(await refusal(admin.actor, { name: 'Second', slug: 'taken-slug' })).toEqual({
      status: 409,
      message: 'A project with the short name "taken-slug" already exists.',
    });
  });

  it.each([
    ['an upper-case slug', { name: 'X', slug: 'Grain-Deal' }, /^Invalid input: slug: use 1-64 lowercase letters/],
    ['a slug with spaces', { name: 'X', slug: 'grain deal' }, /slug: use 1-64 lowercase letters \(a-z\), digits and dashes/],
    ['an all-digit slug (it would read as an id)', { name: 'X', slug: '2025' }, /slug: .*with at least one letter/],
    ['a slug ending in a dash', { name: 'X', slug: 'grain-' }, /slug: .*starting and ending with a letter or digit/],
    ['a slug of 65 characters', { name: 'X', slug: 'a'.repeat(65) }, /slug: use 1-64/],
    ['a missing name', { slug: 'no-name' }, /^Invalid input: name: is required$/],
    ['a blank name', { name: '   ', slug: 'blank-name' }, /^Invalid input: name: is required$/],
    ['a server-owned field', { name: 'X', slug: 'owned', createdBy: 1 }, /unknown field\(s\) createdBy/],
    ['an unknown lead', { name: 'X', slug: 'nobody-leads', leadEmail: 'nobody@example.test' }, /^No user has the email nobody@example.test, so they cannot lead the project/],
  ])('answers 400 for %s, in words', async (_what, input, message) => {
    const { status, message: text } = await refusal(admin.actor, input);
    expect(status).toBe(400);
    expect(text).toMatch(message);
  });

  it('refuses a disabled account as lead', async () => {
    expect(await refusal(admin.actor, { name: 'X', slug: 'retired-lead', leadEmail: retired.user.email })).toEqual({
      status: 400,
      message: `The account ${retired.user.email} is disabled, so it cannot lead the project. Enable it first.`,
    });
  });
});

describe('POST /api/projects', () => {
  const post = (body: unknown, token: string | null = adminToken, extra: { origin?: string | null } = {}) =>
    callRoute(route, { method: 'POST', url: '/api/projects', params: {}, token, body, ...extra });

  it('creates with 201 and the project, led by leadEmail', async () => {
    const res = await post({ name: 'Port strikes', slug: 'port-strikes', leadEmail: future.user.email, description: 'Odesa, June' });
    expect(res.status).toBe(201);
    const { project } = res.json as { project: { id: number; slug: string; description: string } };
    expect(project).toMatchObject({ slug: 'port-strikes', description: 'Odesa, June' });
    expect(await leadsOf(project.id)).toEqual([{ userId: future.user.id, role: 'lead' }]);
  });

  it.each([
    ['no credentials', { name: 'X', slug: 'anon' }, null, 401, 'unauthenticated'],
    ['a reviewer', { name: 'X', slug: 'by-reviewer' }, 'reviewer', 403, 'forbidden'],
    ['a taken slug', { name: 'X', slug: 'grain-deal' }, 'admin', 409, 'conflict'],
    ['a bad slug', { name: 'X', slug: 'Grain Deal' }, 'admin', 400, 'bad_request'],
    ['an unknown lead', { name: 'X', slug: 'ghost-lead', leadEmail: 'ghost@example.test' }, 'admin', 400, 'bad_request'],
  ])('refuses %s with the error JSON and creates nothing', async (_what, body, who, status, code) => {
    const before = await projectCount();
    const token = who === 'admin' ? adminToken : who === 'reviewer' ? reviewerToken : null;
    const res = await post(body, token, token ? {} : { origin: 'http://localhost' });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code, message: expect.stringMatching(/.{15,}/) } });
    expect(await projectCount()).toBe(before);
  });

  it('refuses a body that is not JSON with 415 and a cross-site request with 403', async () => {
    const notJson = await callRoute(route, { method: 'POST', url: '/api/projects', params: {}, token: adminToken, rawBody: 'name=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);
    expect((await post({ name: 'X', slug: 'cross-site' }, adminToken, { origin: 'https://evil.example' })).status).toBe(403);
  });
});
