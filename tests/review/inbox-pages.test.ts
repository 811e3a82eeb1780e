/**
 * The inbox a page at a time, newest first: every item exactly once across pages (with many
 * items in the same millisecond, as group commits make them, and with new items arriving
 * between pages), 400s for bad input, and the wording of a verdict proposal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { makeArticle, tag } from './fixtures';
import { reviewAnnotation } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { finalizeVerdict, proposeVerdict } from '@/lib/data/verdicts';
import { listInbox, markInboxRead, unreadCount } from '@/lib/data/inbox';
import { capturePlans, expectNoFullScans } from '../scale/plan';

type Who = Awaited<ReturnType<typeof makeUser>>;
let me: Who, olena: Who, dilshod: Who, lead: Who;
let ids: number[] = [];
const WORDS = ['Ukraine', 'will not', 'legally recognize', 'temporarily occupied', 'territories', 'as Russian', 'Zelenskyy said', 'on Friday', 'the constitution', 'forbids it', 'Officials', 'Washington'];

beforeAll(async () => {
  [me, olena, dilshod, lead] = await Promise.all(['Me', 'Olena', 'Dilshod', 'Lead'].map((name) => makeUser({ name })));
  const project = await makeProject([[me.user.id, 'reviewer'], [olena.user.id, 'reviewer'], [dilshod.user.id, 'reviewer'], [lead.user.id, 'lead']]);
  const article = await makeArticle(project.id);
  ids = [];
  for (const w of WORDS) ids.push((await tag(article, me.user.id, 'claim', w)).id);
  // 24 reviews sent at once (group-committed together, so many share a millisecond) and 12 comments.
  await Promise.all(ids.flatMap((id) => [
    reviewAnnotation({ actor: olena.actor, id, input: { decision: 'accept' } }),
    reviewAnnotation({ actor: dilshod.actor, id, input: { decision: 'reject', reason: 'Too short to check.' } }),
  ]));
  await Promise.all(ids.map((id, i) => addComment({ actor: olena.actor, target: { kind: 'annotation', id }, input: { body: `Comment ${i} 🇺🇦 Дякую` } })));
});

function pages(limit: string, between?: () => Promise<void>) {
  return (async () => {
    const keys: string[] = [];
    const times: number[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 50; n++) {
      const page = await listInbox({ actor: me.actor, query: { cursor, limit } });
      keys.push(...page.items.map((i) => i.key));
      times.push(...page.items.map((i) => new Date(i.at).getTime()));
      cursor = page.nextCursor;
      if (!cursor) return { keys, times };
      if (n === 0) await between?.();
    }
    throw new Error('the inbox did not end');
  })();
}

describe('inbox pages', () => {
  it('sends every item exactly once, newest first, across pages of any size', async () => {
    const whole = await pages('100');
    expect(whole.keys).toHaveLength(36);
    for (const limit of ['1', '5', '7']) {
      const paged = await pages(limit);
      expect(paged.keys).toEqual(whole.keys);
    }
    expect([...whole.times].sort((a, b) => b - a)).toEqual(whole.times);
    const first = await listInbox({ actor: me.actor, query: { limit: '10' } });
    expect(first.items).toHaveLength(10);
    expect(first.unread).toBe(36);
  });

  it('keeps going past items that arrive between pages (they show on top next time)', async () => {
    const before = (await pages('100')).keys;
    const paged = await pages('8', async () => {
      await addComment({ actor: dilshod.actor, target: { kind: 'annotation', id: ids[0] }, input: { body: 'A late thought.' } });
    });
    expect(paged.keys).toEqual(before);
    expect((await listInbox({ actor: me.actor, query: { limit: '1' } })).items[0].body).toBe('A late thought.');
  });

  it('counts unread up to 100 and clears them when read', async () => {
    expect(await unreadCount({ actor: me.actor })).toBe(37);
    await markInboxRead({ actor: me.actor });
    expect(await unreadCount({ actor: me.actor })).toBe(0);
    expect((await listInbox({ actor: me.actor })).unread).toBe(0);
  });

  it('refuses a bad cursor or limit, and another person’s cursor, with a 400', async () => {
    const { nextCursor } = await listInbox({ actor: me.actor, query: { limit: '2' } });
    const status = async (fn: () => unknown | Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        return [(error as { status: number }).status, (error as Error).message];
      }
      return 'no error';
    };
    expect(await status(async () => await listInbox({ actor: me.actor, query: { limit: '0' } }))).toEqual([400, 'limit must be a whole number from 1 to 100.']);
    expect((await status(async () => await listInbox({ actor: me.actor, query: { limit: 'ten' } })))[0]).toBe(400);
    expect((await status(async () => await listInbox({ actor: me.actor, query: { cursor: 'abc.def' } })))[0]).toBe(400);
    expect((await status(async () => await listInbox({ actor: olena.actor, query: { cursor: nextCursor } })))[0]).toBe(400);
  });

  it('marks a verdict as a proposal or as final', async () => {
    await proposeVerdict({ actor: olena.actor, annotationId: ids[1], input: { verdict: 'mostly-true', rationale: 'Reuters quotes it.' } });
    await finalizeVerdict({ actor: lead.actor, annotationId: ids[1], input: { verdict: 'true', rationale: 'Article 2 of the constitution.' } });
    const verdicts = (await listInbox({ actor: me.actor, query: { limit: '5' } })).items.filter((i) => i.type === 'verdict');
    expect(verdicts.map((v) => [v.actorName, v.verdict, v.final])).toEqual([
      ['Lead', 'true', true],
      ['Olena', 'mostly-true', false],
    ]);
  });
});

describe('inbox query plans', () => {
  it('reach my items through indexes: no full scan of annotations, links, reviews or comments', async () => {
    const statements = (await capturePlans(async () => {
      const { nextCursor } = await listInbox({ actor: me.actor, query: { limit: '3' } });
      await listInbox({ actor: me.actor, query: { limit: '3', cursor: nextCursor } });
    })).filter((source) => /^select/i.test(source));
    expect(statements.length).toBeGreaterThan(0);
    await expectNoFullScans(statements, ['annotations', 'links', 'reviews', 'comments', 'verdicts']);
  });
});
