/** The desk's data functions (issue 14): outlets of many articles, archiving, one's own password. */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { events, sessions } from '@/lib/db/tables';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { importArticle, getArticle } from '@/lib/data/articles';
import { setOutlet } from '@/lib/data/articleOutlets';
import { archiveArticle, listArchivedArticles, restoreArticle } from '@/lib/data/articleArchive';
import { changeOwnPassword } from '@/lib/data/ownPassword';
import { startSession, isSessionLive } from '@/lib/data/sessions';
import { verifyCredentials } from '@/lib/data/signin';
import { appError, makeProject, makeUser } from '../helpers';
import { all } from '@/lib/db/query';

let lead: Actor;
let reviewer: Actor;
let projectId: number;
let otherProjectArticle: number;
const ids: number[] = [];

beforeAll(async () => {
  const l = await makeUser({ name: 'Olena Lead' });
  const r = await makeUser({ name: 'Taras Reviewer' });
  lead = l.actor;
  reviewer = r.actor;
  projectId = (await makeProject([[l.user.id, 'lead'], [r.user.id, 'reviewer']])).id;
  for (const title of ['Зеленський: Україна не визнає', 'Zelensky: Ukraine will not recognize 🇺🇦', '“We Will Never,” Zelenskyy Responds']) {
    ids.push((await importArticle({ actor: lead, projectId, input: { title, body: `${title}. Kyiv • UNN. ${Math.random()}` } })).id);
  }
  const other = (await makeProject([[l.user.id, 'lead']])).id;
  otherProjectArticle = (await importArticle({ actor: lead, projectId: other, input: { title: 'Elsewhere', body: `Elsewhere ${Math.random()}` } })).id;
});

describe('setOutlet', () => {
  it('sets the outlet of several articles at once and records one event each', async () => {
    expect(await setOutlet({ actor: lead, projectId, input: { articleIds: [ids[0], ids[1]], outlet: '  Укрінформ ' } })).toEqual({ updated: 2, outlet: 'Укрінформ' });
    expect((await getArticle({ actor: lead, articleId: ids[0] })).article.outlet).toBe('Укрінформ');
    const rows = await all(getDb().select().from(events).where(and(eq(events.action, 'article.update'), eq(events.entityId, ids[1]))));
    expect(rows.at(-1)?.after).toEqual({ outlet: 'Укрінформ' });
    // Again: nothing changes, nothing recorded.
    expect((await setOutlet({ actor: lead, projectId, input: { articleIds: [ids[0]], outlet: 'Укрінформ' } })).updated).toBe(0);
  });

  it('clears it with an empty outlet', async () => {
    expect(await setOutlet({ actor: lead, projectId, input: { articleIds: [ids[1]], outlet: '' } })).toEqual({ updated: 1, outlet: null });
  });

  it('is for leads only', async () => {
    const error = await appError(async () => await setOutlet({ actor: reviewer, projectId, input: { articleIds: [ids[0]], outlet: 'UNN' } }));
    expect(error.status).toBe(403);
  });

  it.each([
    ['no articles', { articleIds: [], outlet: 'UNN' }],
    ['not a list', { articleIds: 'all', outlet: 'UNN' }],
    ['no outlet', { articleIds: [1] }],
    ['a long outlet', { articleIds: [1], outlet: 'x'.repeat(201) }],
    ['an unknown field', { articleIds: [1], outlet: 'UNN', body: 'x' }],
  ])('refuses %s with a 400 and changes nothing', async (_what, input) => {
    const error = await appError(async () => await setOutlet({ actor: lead, projectId, input }));
    expect(error.status).toBe(400);
  });

  it('refuses an article of another project: all or nothing', async () => {
    const error = await appError(async () => await setOutlet({ actor: lead, projectId, input: { articleIds: [ids[2], otherProjectArticle], outlet: 'UNN' } }));
    expect(error.status).toBe(404);
    expect((await getArticle({ actor: lead, articleId: ids[2] })).article.outlet).toBeNull();
  });
});

describe('archiveArticle and restoreArticle', () => {
  it('archives, lists, restores, and records both in the audit log', async () => {
    const { archivedAt } = await archiveArticle({ actor: lead, articleId: ids[2] });
    expect(archivedAt).toBeInstanceOf(Date);
    expect((await listArchivedArticles({ actor: lead, projectId })).map((a) => a.id)).toEqual([ids[2]]);
    expect((await appError(async () => await archiveArticle({ actor: lead, articleId: ids[2] }))).status).toBe(409);
    await restoreArticle({ actor: lead, articleId: ids[2] });
    expect(await listArchivedArticles({ actor: lead, projectId })).toEqual([]);
    expect((await appError(async () => await restoreArticle({ actor: lead, articleId: ids[2] }))).status).toBe(409);
    const actions = (await all(getDb().select({ action: events.action }).from(events).where(and(eq(events.entityType, 'article'), eq(events.entityId, ids[2]))))).map((e) => e.action);
    expect(actions).toEqual(['article.import', 'article.archive', 'article.restore']);
  });

  it('is for leads of the project only', async () => {
    expect((await appError(async () => await archiveArticle({ actor: reviewer, articleId: ids[0] }))).status).toBe(403);
    expect((await appError(async () => await archiveArticle({ actor: reviewer, articleId: otherProjectArticle }))).status).toBe(404);
    expect((await appError(async () => await archiveArticle({ actor: lead, articleId: 999_999 }))).status).toBe(404);
    expect((await appError(async () => await listArchivedArticles({ actor: reviewer, projectId }))).status).toBe(403);
  });
});

describe('changeOwnPassword', () => {
  const input = (current: string, next = 'a brand new passphrase', confirm = next) => ({ currentPassword: current, newPassword: next, confirmPassword: confirm });

  it('changes it, keeps this session and ends the others', async () => {
    const { user, actor } = await makeUser();
    const here = await startSession(user.id);
    const laptop = await startSession(user.id);
    const result = await changeOwnPassword({ actor, ip: '198.51.100.1', keepSessionId: here.id, input: input('correct horse battery') });
    expect(result).toEqual({ sessionsEnded: 1 });
    expect(await isSessionLive(here.id, user.id)).toBe(true);
    expect(await isSessionLive(laptop.id, user.id)).toBe(false);
    expect(await verifyCredentials(user.email, 'a brand new passphrase', '198.51.100.1')).toMatchObject({ id: user.id });
    expect(await verifyCredentials(user.email, 'correct horse battery', '198.51.100.2')).toBeNull();
    expect(await all(getDb().select().from(events).where(and(eq(events.action, 'user.password_change'), eq(events.entityId, user.id))))).toHaveLength(1);
  });

  it.each([
    ['a wrong current password', input('wrong password'), /current password is not right/],
    ['a short new one', input('correct horse battery', 'short'), /at least 10/],
    ['two different new ones', input('correct horse battery', 'a brand new passphrase', 'another passphrase'), /do not match/],
    ['the same one again', input('correct horse battery', 'correct horse battery'), /same as the current/],
    ['no current one', input(''), /current password/],
  ])('refuses %s with a 400 and changes nothing', async (_what, body, message) => {
    const { user, actor } = await makeUser();
    const laptop = await startSession(user.id);
    const error = await appError(() => changeOwnPassword({ actor, ip: '198.51.100.3', keepSessionId: null, input: body }));
    expect([error.status, error.message]).toEqual([400, expect.stringMatching(message)]);
    expect(await isSessionLive(laptop.id, user.id)).toBe(true);
    expect(await verifyCredentials(user.email, 'correct horse battery', '198.51.100.4')).toMatchObject({ id: user.id });
  });

  it('is throttled like sign-in after repeated wrong current passwords', async () => {
    const { actor } = await makeUser();
    for (let i = 0; i < 5; i++) {
      await appError(() => changeOwnPassword({ actor, ip: '198.51.100.9', keepSessionId: null, input: input(`guess ${i}`) }));
    }
    const error = await appError(() => changeOwnPassword({ actor, ip: '198.51.100.9', keepSessionId: null, input: input('correct horse battery') }));
    expect(error.status).toBe(429);
  });

  it('has nothing to change for the command-line operator', async () => {
    expect((await appError(() => changeOwnPassword({ actor: SYSTEM, ip: 'x', keepSessionId: null, input: input('x') }))).status).toBe(403);
  });

  it('leaves session rows of other users alone', async () => {
    const { user, actor } = await makeUser();
    const other = await makeUser();
    const theirs = await startSession(other.user.id);
    await changeOwnPassword({ actor, ip: '198.51.100.5', keepSessionId: null, input: input('correct horse battery') });
    expect(await isSessionLive(theirs.id, other.user.id)).toBe(true);
    expect(await all(getDb().select().from(sessions).where(eq(sessions.userId, user.id)))).toEqual([]);
  });
});
