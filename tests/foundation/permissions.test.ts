/**
 * The authorization rules of design.md, proven by calling lib/data directly as each kind of
 * user: non-members get 404 (as if the project did not exist), a role without the right gets
 * 403, a disabled account gets 401.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { countRows, getDb } from '@/lib/db/client';
import { articles, events, memberships } from '@/lib/db/tables';
import { AppError } from '@/lib/errors';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { getProject, listMembers, listProjects, removeMember, setMember } from '@/lib/data/projects';
import { getArticle, importArticle, listArticles, updateArticleMetadata } from '@/lib/data/articles';
import { createUser, disableUser } from '@/lib/data/users';
import { createToken, revokeToken } from '@/lib/data/tokens';
import { appError, makeProject, makeUser } from '../helpers';
import { all } from '@/lib/db/query';

type Kind = 'admin' | 'lead' | 'reviewer' | 'viewer' | 'outsider' | 'disabled';
type Outcome = 'ok' | 401 | 403 | 404;
const KINDS: Kind[] = ['admin', 'lead', 'reviewer', 'viewer', 'outsider', 'disabled'];
const CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' } as const;

const actors = {} as Record<Kind, Actor>;
let projectId: number;
let articleId: number;
let spareUserId: number;
let victimUserId: number;
let n = 0;

/** Runs `call` and reports 'ok' or the AppError status; anything else fails the test. */
async function outcome(call: () => unknown | Promise<unknown>): Promise<Outcome | number> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe(CODE[error.status as keyof typeof CODE] ?? error.code);
    return error.status;
  }
}

beforeAll(async () => {
  const made = {} as Record<Kind, { id: number }>;
  for (const kind of KINDS) made[kind] = (await makeUser({ admin: kind === 'admin', name: kind })).user;
  for (const kind of KINDS) actors[kind] = { userId: made[kind].id };
  spareUserId = (await makeUser()).user.id;
  victimUserId = (await makeUser()).user.id;
  const project = await makeProject([
    [made.lead.id, 'lead'],
    [made.reviewer.id, 'reviewer'],
    [made.viewer.id, 'viewer'],
    [made.disabled.id, 'reviewer'],
  ]);
  projectId = project.id;
  articleId = (await importArticle({ actor: SYSTEM, projectId, input: { title: 'Seed', body: 'A statement about territories.' } })).id;
  await disableUser({ actor: SYSTEM, input: { userId: made.disabled.id } });
});

const MEMBERS_READ: Record<Kind, Outcome> = { admin: 404, lead: 'ok', reviewer: 'ok', viewer: 'ok', outsider: 404, disabled: 401 };
const LEADS_WRITE: Record<Kind, Outcome> = { admin: 404, lead: 'ok', reviewer: 403, viewer: 403, outsider: 404, disabled: 401 };
const MEMBER_MANAGE: Record<Kind, Outcome> = { admin: 'ok', lead: 'ok', reviewer: 403, viewer: 403, outsider: 404, disabled: 401 };
const SITE_ADMIN: Record<Kind, Outcome> = { admin: 'ok', lead: 403, reviewer: 403, viewer: 403, outsider: 403, disabled: 401 };
const ANY_ACTIVE: Record<Kind, Outcome> = { admin: 'ok', lead: 'ok', reviewer: 'ok', viewer: 'ok', outsider: 'ok', disabled: 401 };

const table: Array<[string, Record<Kind, Outcome>, (actor: Actor) => unknown]> = [
  ['listProjects', ANY_ACTIVE, async (actor) => await listProjects({ actor })],
  ['getProject', MEMBERS_READ, async (actor) => await getProject({ actor, projectId })],
  ['listArticles', MEMBERS_READ, async (actor) => await listArticles({ actor, projectId })],
  ['getArticle', MEMBERS_READ, async (actor) => await getArticle({ actor, articleId })],
  ['listMembers', MEMBERS_READ, async (actor) => await listMembers({ actor, projectId })],
  ['importArticle', LEADS_WRITE, async (actor) => await importArticle({ actor, projectId, input: { title: 'T', body: `Imported text number ${++n}.` } })],
  ['updateArticleMetadata', LEADS_WRITE, async (actor) => await updateArticleMetadata({ actor, articleId, input: { outlet: `Outlet ${++n}` } })],
  ['setMember', MEMBER_MANAGE, async (actor) => await setMember({ actor, projectId, input: { userId: spareUserId, role: 'viewer' } })],
  [
    'removeMember',
    MEMBER_MANAGE,
    async (actor) => {
      await setMember({ actor: SYSTEM, projectId, input: { userId: spareUserId, role: 'viewer' } });
      return await removeMember({ actor, projectId, userId: spareUserId });
    },
  ],
  ['createUser', SITE_ADMIN, (actor) => createUser({ actor, input: { email: `new${++n}@example.test`, password: 'long enough password' } })],
  ['disableUser', SITE_ADMIN, async (actor) => await disableUser({ actor, input: { userId: victimUserId } })],
  ['createToken', ANY_ACTIVE, async (actor) => await createToken({ actor, input: { name: 'script' } })],
];

describe.each(table)('%s', (_name, expected, call) => {
  it.each(KINDS)('as %s', async (kind) => {
    expect(await outcome(() => call(actors[kind]))).toBe(expected[kind]);
  });
});

describe('what each kind of user sees', () => {
  it('lists only the projects one belongs to, with one\'s role', async () => {
    const ids = async (kind: Kind) => (await listProjects({ actor: actors[kind] })).map((p) => [p.id, p.role]);
    expect(await ids('lead')).toContainEqual([projectId, 'lead']);
    expect(await ids('viewer')).toContainEqual([projectId, 'viewer']);
    expect(await ids('outsider')).toEqual([]);
    expect(await ids('admin')).toEqual([]);
  });

  it('answers 404 for an article that does not exist, exactly as for one in a foreign project', async () => {
    const missing = await appError(async () => await getArticle({ actor: actors.lead, articleId: 999_999 }));
    const foreign = await appError(async () => await getArticle({ actor: actors.outsider, articleId }));
    expect([missing.status, missing.message]).toEqual([404, 'Article was not found.']);
    expect([foreign.status, foreign.code]).toEqual([404, 'not_found']);
  });
});

describe('tokens', () => {
  it('revokes one\'s own token, and someone else\'s answers 404', async () => {
    const mine = await createToken({ actor: actors.reviewer, input: { name: 'mine' } });
    const theirs = await createToken({ actor: actors.viewer, input: { name: 'theirs' } });
    const error = await appError(async () => await revokeToken({ actor: actors.reviewer, tokenId: theirs.id }));
    expect([error.code, error.status]).toEqual(['not_found', 404]);
    expect(await outcome(async () => await revokeToken({ actor: actors.admin, tokenId: theirs.id }))).toBe(404);
    expect(await outcome(async () => await revokeToken({ actor: actors.reviewer, tokenId: mine.id }))).toBe('ok');
    expect(await outcome(async () => await revokeToken({ actor: actors.disabled, tokenId: mine.id }))).toBe(401);
  });

  it('makes a token for the actor even when input names another user', async () => {
    const token = await createToken({ actor: actors.viewer, input: { name: 'sneaky', userId: victimUserId } });
    expect(await revokeToken({ actor: actors.viewer, tokenId: token.id })).toBeUndefined();
  });
});

describe('roles', () => {
  it('lets nobody raise their own role', async () => {
    for (const kind of ['reviewer', 'viewer'] as const) {
      const { userId } = actors[kind] as { userId: number };
      const error = await appError(async () => await setMember({ actor: actors[kind], projectId, input: { userId, role: 'lead' } }));
      expect([error.code, error.status]).toEqual(['forbidden', 403]);
    }
    const roles = await all(getDb().select().from(memberships).where(eq(memberships.projectId, projectId)));
    expect(roles.filter((m) => m.role === 'lead')).toHaveLength(1);
  });

  it('keeps the last lead: neither removed nor demoted', async () => {
    const { userId } = actors.lead as { userId: number };
    const removed = await appError(async () => await removeMember({ actor: actors.lead, projectId, userId }));
    expect([removed.code, removed.status]).toEqual(['conflict', 409]);
    const demoted = await appError(async () => await setMember({ actor: SYSTEM, projectId, input: { userId, role: 'reviewer' } }));
    expect([demoted.code, demoted.status, demoted.message]).toEqual(['conflict', 409, 'A project needs at least one lead. Make someone else lead first.']);
  });

  it('lets a lead step down once there is another lead', async () => {
    const other = await makeUser();
    const project = await makeProject([[(actors.lead as { userId: number }).userId, 'lead'], [other.user.id, 'lead']]);
    await setMember({ actor: actors.lead, projectId: project.id, input: { userId: (actors.lead as { userId: number }).userId, role: 'viewer' } });
    expect((await getProject({ actor: actors.lead, projectId: project.id })).role).toBe('viewer');
  });

  it('refuses an unknown role with 400', async () => {
    const error = await appError(async () => await setMember({ actor: actors.lead, projectId, input: { userId: spareUserId, role: 'owner' } }));
    expect([error.code, error.status]).toEqual(['bad_request', 400]);
    expect(error.message).toContain('role: must be one of lead, reviewer, viewer');
  });
});

describe('importArticle validation', () => {
  const lead = () => actors.lead;
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a title over 500 characters', { title: 't'.repeat(501), body: 'ok text' }, 'title: must be at most 500 characters'],
    ['a body over 2 MB', { title: 'big', body: 'é'.repeat(1024 * 1024 + 1) }, 'body: is larger than 2 MB'],
    ['an empty body', { title: 'empty', body: ' \n\t\n' }, 'body: is empty'],
    ['a missing body', { title: 'none' }, 'body: is required'],
    ['an unknown field', { title: 'x', body: 'text', sha256: 'abc' }, 'unknown field(s) sha256'],
    ['a server-owned field', { title: 'x', body: 'text', projectId: 1 }, 'unknown field(s) projectId'],
    ['a date that is not ISO', { body: 'text', publishedAt: '25.04.2025' }, 'publishedAt: must be a date like 2025-04-25'],
    ['a date that does not exist', { body: 'text', publishedAt: '2025-02-30' }, 'publishedAt: is not a real date'],
    ['a URL that is not http(s)', { body: 'text', url: 'javascript:alert(1)' }, 'url: must be an http(s) address'],
    ['a title that is not a string', { title: 42, body: 'text' }, 'title:'],
  ];
  it.each(bad)('refuses %s with 400 and writes nothing', async (_name, input, message) => {
    const before = [await countRows(getDb(), articles), await countRows(getDb(), events)];
    const error = await appError(async () => await importArticle({ actor: lead(), projectId, input }));
    expect([error.code, error.status]).toEqual(['bad_request', 400]);
    expect(error.message).toContain(message);
    expect([await countRows(getDb(), articles), await countRows(getDb(), events)]).toEqual(before);
  });

  it('refuses a text already in the project with 409 naming the article, also after normalization', async () => {
    const body = 'Line one\nCafé line two\n';
    const first = await importArticle({ actor: lead(), projectId, input: { title: 'Original', body } });
    const before = await countRows(getDb(), articles);
    for (const copy of [body, 'Line one\r\nCafe\u0301 line two\r\n']) {
      const error = await appError(async () => await importArticle({ actor: lead(), projectId, input: { title: 'Copy', body: copy } }));
      expect([error.code, error.status]).toEqual(['conflict', 409]);
      expect(error.details).toEqual({ existingArticleId: first.id });
      expect(error.message).toContain(`article ${first.id}`);
    }
    expect(await countRows(getDb(), articles)).toBe(before);
  });

  it('accepts the optional fields and stores the normalized body', async () => {
    const row = await importArticle({
      actor: lead(),
      projectId,
      input: { title: ' Trimmed ', body: 'a\r\nb', outlet: 'UNN', url: 'https://unn.ua/x', author: '', publishedAt: '2024-02-29' },
    });
    expect(row).toMatchObject({ title: 'Trimmed', outlet: 'UNN', url: 'https://unn.ua/x', author: null, publishedAt: '2024-02-29', length: 3 });
  });

  it('refuses metadata edits that change nothing or touch the body', async () => {
    expect((await appError(async () => await updateArticleMetadata({ actor: lead(), articleId, input: {} }))).status).toBe(400);
    const body = await appError(async () => await updateArticleMetadata({ actor: lead(), articleId, input: { body: 'new' } }));
    expect([body.status, body.message]).toEqual([400, expect.stringContaining('unknown field(s) body')]);
  });
});
