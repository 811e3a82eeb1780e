/**
 * The inbox at scale: the reviews of my work are read newest first from the (target author,
 * time) index, not sorted from every review of my items or my projects; every other source
 * from inbox_entries by (recipient, source, time) (drizzle/0022_inbox_entries.sql), never from
 * the comments, reviews, annotations or verdicts of a project or of an author; the unread count
 * comes from the first page when that page already reaches read items (and agrees with the
 * badge's own count); and no statement scans a whole table. Also: a project I left drops out
 * even though its reviews stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { onPostgres } from '@/lib/db/engine';
import { SYSTEM } from '@/lib/data/actor';
import { removeMember } from '@/lib/data/projects';
import { reviewAnnotation } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { listInbox, markInboxRead, UNREAD_CAP, unreadCount } from '@/lib/data/inbox';
import { makeProject, makeUser } from '../helpers';
import { makeArticle, tag } from '../review/fixtures';
import { capturePlans, explain, expectNoFullScans, paramsOf } from './plan';
import { row, value } from './rawSql';

/** A bound parameter as the captured SQL spells it: `?` on SQLite, `$n` on PostgreSQL. */
const PARAM = onPostgres() ? String.raw`\$\d+` : String.raw`\?`;

type Who = Awaited<ReturnType<typeof makeUser>>;
let me: Who, olena: Who;
let mine: number[] = [];
let otherProject: number;

beforeAll(async () => {
  [me, olena] = await Promise.all(['Мирослава', 'Olena 🌻'].map((name) => makeUser({ name })));
  const project = await makeProject([[me.user.id, 'reviewer'], [olena.user.id, 'reviewer']]);
  const article = await makeArticle(project.id);
  mine = [];
  for (const w of ['Ukraine', 'Zelenskyy said', 'Officials']) mine.push((await tag(article, me.user.id, 'claim', w)).id);
  otherProject = (await makeProject([[me.user.id, 'reviewer'], [olena.user.id, 'reviewer']])).id;
  const elsewhere = await tag(await makeArticle(otherProject), me.user.id, 'quote', 'the constitution');
  await reviewAnnotation({ actor: olena.actor, id: elsewhere.id, input: { decision: 'accept' } });
  for (const id of mine) await reviewAnnotation({ actor: olena.actor, id, input: { decision: 'accept' } });
});

describe('inbox at scale', () => {
  it('counts unread from the first page once it reaches read items, as the badge does', async () => {
    expect((await listInbox({ actor: me.actor })).items.map((i) => i.type)).toEqual(['review', 'review', 'review', 'review']);
    await markInboxRead({ actor: me.actor, until: new Date(Date.now() + 5) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[0] }, input: { body: 'Дякую, перевірила 👍' } });
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[1] }, input: { body: 'Source?' } });
    const page = await listInbox({ actor: me.actor });
    expect(page.items.filter((i) => i.unread).map((i) => i.body)).toEqual(['Source?', 'Дякую, перевірила 👍']);
    expect(page.unread).toBe(2);
    expect(await unreadCount({ actor: me.actor })).toBe(2);
    // A small first page does not reach the read items: the count is made separately, still 2.
    const small = await listInbox({ actor: me.actor, query: { limit: '1' } });
    expect(small.items).toHaveLength(1);
    expect(small.unread).toBe(2);
  });

  it('leaves out projects I no longer belong to', async () => {
    expect((await listInbox({ actor: me.actor })).items.filter((i) => i.projectId === otherProject)).toHaveLength(1);
    await removeMember({ actor: SYSTEM, projectId: otherProject, userId: me.user.id });
    expect((await listInbox({ actor: me.actor })).items.filter((i) => i.projectId === otherProject)).toEqual([]);
  });

  it('reads the newest reviews of my work by the (target author, time) index, with no sort, and scans no table', async () => {
    for (const call of [async () => await listInbox({ actor: me.actor, query: { limit: '2' } }), async () => await unreadCount({ actor: me.actor })]) {
      const plans = await capturePlans(call);
      await expectNoFullScans(plans);
      const reviewsOfMine = plans.filter((sql) => /from "reviews"/.test(sql) && new RegExp(`"reviews"."target_author_id" = ${PARAM}`).test(sql));
      expect(reviewsOfMine).toHaveLength(1);
      const details = (await explain(reviewsOfMine[0], paramsOf(reviewsOfMine[0], 1))).join('\n');
      if (onPostgres()) {
        // PostgreSQL reads the reviews by the same index. Whether it walks it in order or sorts
        // the few rows it found depends on the table's statistics (a test's tables are tiny),
        // so the "no sort" half is SQLite's alone.
        expect(details).toMatch(/(Index|Index Only|Bitmap Index) Scan using reviews_target_author_idx/);
      } else {
        expect(details).toMatch(/SEARCH reviews USING INDEX reviews_target_author_idx/);
        expect(details).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('reads every source from (recipient, time) and each row it keeps by primary key: nothing per project or per author', async () => {
    // The indexes a step of the inbox may search; every other table is reached by its primary key only.
    const RECIPIENT_INDEXES = /USING (COVERING )?INDEX (inbox_entries_recipient_idx|reviews_target_author_idx|sqlite_autoindex_memberships_1) \(/;
    const pages = async (who: Who) => {
      const first = await listInbox({ actor: who.actor, query: { limit: '2' } });
      expect(first.nextCursor).not.toBeNull();
      return [async () => await listInbox({ actor: who.actor, query: { limit: '2' } }), async () => await listInbox({ actor: who.actor, query: { limit: '2', cursor: first.nextCursor } }), async () => await unreadCount({ actor: who.actor })];
    };
    // Olena reviewed and commented (discussion rows); I wrote the items (comments, reviews, verdicts on mine).
    for (const id of mine) await addComment({ actor: me.actor, target: { kind: 'annotation', id }, input: { body: 'Answering your review.' } });
    for (const who of [me, olena]) {
      for (const [n, call] of (await pages(who)).entries()) {
        const statements = await capturePlans(call);
        const fromEntries = statements.filter((sql) => /from "inbox_entries"/.test(sql));
        expect(fromEntries.length, `call ${n}`).toBeGreaterThan(0);
        let seeks = 0;
        for (const sql of statements) {
          const plan = await explain(sql, paramsOf(sql, 1));
          const shown = `${sql}\n  ${plan.join('\n  ')}`;
          if (onPostgres()) {
            // PostgreSQL: no Seq Scan anywhere, and inbox_entries read by the recipient index.
            // Which index serves each by-id lookup, and whether a few rows are sorted rather than
            // read in index order, is its planner's choice by table statistics (tiny here): those
            // checks are SQLite's.
            for (const step of plan) if (/^Seq Scan/.test(step)) expect.fail(`a scan in:\n${shown}`);
            if (fromEntries.includes(sql)) {
              expect(plan.find((step) => /using inbox_entries_\w+/.test(step)), shown).toMatch(/using inbox_entries_recipient_idx/);
              if (new RegExp(`"inbox_entries"."created_at" <=? ${PARAM}`).test(sql)) seeks++;
            }
            continue;
          }
          for (const step of plan) {
            if (/^SCAN /.test(step)) expect.fail(`a scan in:\n${shown}`);
            if (/^SEARCH /.test(step) && !/USING (INTEGER PRIMARY KEY|PRIMARY KEY)/.test(step)) expect(step, shown).toMatch(RECIPIENT_INDEXES);
            expect(step, shown).not.toMatch(/TEMP B-TREE/);
          }
          if (fromEntries.includes(sql)) {
            expect(plan[0], shown).toMatch(/^SEARCH inbox_entries USING COVERING INDEX inbox_entries_recipient_idx \(recipient_id=\? AND source=\?/);
            if (/created_at<\?/.test(plan[0])) seeks++;
          }
        }
        // A cursor page starts each walk at the cursor's time, not at the newest row.
        if (n === 1) expect(seeks).toBe(fromEntries.filter((sql) => new RegExp(`"inbox_entries"."created_at" <=? ${PARAM}`).test(sql)).length);
        if (n === 1) expect(seeks).toBeGreaterThan(0);
      }
    }
  });

  it('knows the author of every reviewed item, however the review was written', async () => {
    // A review written without the column (an import, a fixture) gets it from the trigger.
    const inserted = await row<{ id: number }>(sql`insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) select project_id, id, ${olena.user.id}, 'accept', 1 from annotations where id = ${mine[2]} returning id`);
    expect(await value(sql`select target_author_id from reviews where id = ${inserted!.id}`)).toBe(me.user.id);
    const wrong = await value(sql`select count(*) as n from reviews r join annotations a on a.id = r.annotation_id where r.target_author_id is distinct from a.author_id`);
    expect(Number(wrong)).toBe(0);
  });

  it('caps the unread count at one more than UNREAD_CAP, however many sources hold more', async () => {
    await markInboxRead({ actor: me.actor, until: new Date(Date.now() - 1) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i <= UNREAD_CAP; i++) await reviewAnnotation({ actor: olena.actor, id: mine[i % 3], input: i % 2 ? { decision: 'accept' } : { decision: 'reject', reason: `Джерело ${i}?` } });
    await addComment({ actor: olena.actor, target: { kind: 'annotation', id: mine[2] }, input: { body: 'Ще одне питання' } });
    expect(await unreadCount({ actor: me.actor })).toBe(UNREAD_CAP + 1);
    expect((await listInbox({ actor: me.actor, query: { limit: '5' } })).unread).toBe(UNREAD_CAP + 1);
    await markInboxRead({ actor: me.actor });
    expect(await unreadCount({ actor: me.actor })).toBe(0);
  });
});
