/**
 * The inbox at scale: the reviews of my work are read newest first from the (target author,
 * time) index, not sorted from every review of my items or my projects; the unread count comes from the first page when that page
 * already reaches read items (and agrees with the badge's own count); and no statement scans a
 * whole table. Also: a project I left drops out even though its reviews stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/db/client';
import { SYSTEM } from '@/lib/data/actor';
import { removeMember } from '@/lib/data/projects';
import { reviewAnnotation } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { listInbox, markInboxRead, UNREAD_CAP, unreadCount } from '@/lib/data/inbox';
import { makeProject, makeUser } from '../helpers';
import { makeArticle, tag } from '../review/fixtures';
import { capturePlans, expectNoFullScans } from './plan';

type Who = Awaited<ReturnType<typeof makeUser>>;
let me: Who, olena: Who;
let mine: number[] = [];
let otherProject: number;

beforeAll(async () => {
  [me, olena] = await Promise.all(['Мирослава', 'Olena 🌻'].map((name) => makeUser({ name })));
  const project = makeProject([[me.user.id, 'reviewer'], [olena.user.id, 'reviewer']]);
  const article = makeArticle(project.id);
  mine = ['Ukraine', 'Zelenskyy said', 'Officials'].map((w) => tag(article, me.user.id, 'claim', w).id);
  otherProject = makeProject([[me.user.id, 'reviewer'], [olena.user.id, 'reviewer']]).id;
  const elsewhere = tag(makeArticle(otherProject), me.user.id, 'quote', 'the constitution');
  await reviewAnnotation({ actor: olena.actor, id: elsewhere.id, input: { decision: 'accept' } });
  for (const id of mine) await reviewAnnotation({ actor: olena.actor, id, input: { decision: 'accept' } });
});

describe('inbox at scale', () => {
  it('counts unread from the first page once it reaches read items, as the badge does', async () => {
    expect(listInbox({ actor: me.actor }).items.map((i) => i.type)).toEqual(['review', 'review', 'review', 'review']);
    markInboxRead({ actor: me.actor, until: new Date(Date.now() + 5) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[0] }, input: { body: 'Дякую, перевірила 👍' } });
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[1] }, input: { body: 'Source?' } });
    const page = listInbox({ actor: me.actor });
    expect(page.items.filter((i) => i.unread).map((i) => i.body)).toEqual(['Source?', 'Дякую, перевірила 👍']);
    expect(page.unread).toBe(2);
    expect(unreadCount({ actor: me.actor })).toBe(2);
    // A small first page does not reach the read items: the count is made separately, still 2.
    const small = listInbox({ actor: me.actor, query: { limit: '1' } });
    expect(small.items).toHaveLength(1);
    expect(small.unread).toBe(2);
  });

  it('leaves out projects I no longer belong to', () => {
    expect(listInbox({ actor: me.actor }).items.filter((i) => i.projectId === otherProject)).toHaveLength(1);
    removeMember({ actor: SYSTEM, projectId: otherProject, userId: me.user.id });
    expect(listInbox({ actor: me.actor }).items.filter((i) => i.projectId === otherProject)).toEqual([]);
  });

  it('reads the newest reviews of my work by the (target author, time) index, with no sort, and scans no table', async () => {
    for (const call of [() => listInbox({ actor: me.actor, query: { limit: '2' } }), () => unreadCount({ actor: me.actor })]) {
      const plans = await capturePlans(getSqlite(), call);
      expectNoFullScans(getSqlite(), plans);
      const reviewsOfMine = plans.filter((sql) => /from "reviews"/.test(sql) && /"reviews"."target_author_id" = \?/.test(sql));
      expect(reviewsOfMine).toHaveLength(1);
      const plan = getSqlite().prepare(`explain query plan ${reviewsOfMine[0]}`).all(...new Array((reviewsOfMine[0].match(/\?/g) ?? []).length).fill(1)) as Array<{ detail: string }>;
      const details = plan.map((r) => r.detail).join('\n');
      expect(details).toMatch(/SEARCH reviews USING INDEX reviews_target_author_idx/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('knows the author of every reviewed item, however the review was written', () => {
    // A review written without the column (an import, a fixture) gets it from the trigger.
    const sqlite = getSqlite();
    const id = Number(sqlite.prepare("insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) select project_id, id, ?, 'accept', 1 from annotations where id = ?").run(olena.user.id, mine[2]).lastInsertRowid);
    expect(sqlite.prepare('select target_author_id from reviews where id = ?').pluck().get(id)).toBe(me.user.id);
    const wrong = sqlite.prepare('select count(*) from reviews r join annotations a on a.id = r.annotation_id where r.target_author_id is not a.author_id').pluck().get();
    expect(wrong).toBe(0);
  });

  it('caps the unread count at one more than UNREAD_CAP, however many sources hold more', async () => {
    markInboxRead({ actor: me.actor, until: new Date(Date.now() - 1) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i <= UNREAD_CAP; i++) await reviewAnnotation({ actor: olena.actor, id: mine[i % 3], input: i % 2 ? { decision: 'accept' } : { decision: 'reject', reason: `Джерело ${i}?` } });
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[2] }, input: { body: 'Ще одне питання' } });
    expect(unreadCount({ actor: me.actor })).toBe(UNREAD_CAP + 1);
    expect(listInbox({ actor: me.actor, query: { limit: '5' } }).unread).toBe(UNREAD_CAP + 1);
    markInboxRead({ actor: me.actor });
    expect(unreadCount({ actor: me.actor })).toBe(0);
  });
});
