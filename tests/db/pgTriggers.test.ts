/**
 * The PL/pgSQL ports of the SQLite triggers (drizzle/pg/0002_triggers.sql) keep every derived
 * table equal to what it stands for, a GROUP BY over the source tables, after a long run of
 * random inserts, updates (label, span, author, article, outlet, tombstones, restores, archive)
 * and hard deletes: the PostgreSQL side of tests/scale/queue-tallies.test.ts and
 * tests/db/triggers.test.ts. Plain SQL on a real PostgreSQL, as the data layer will write it.
 * Unlike SQLite, PostgreSQL runs writers at once: a move (an article's outlet, a statement's
 * article) racing a write filed under the moved value must leave the tallies exact too, and a
 * comment racing a review of the same item must reach the reviewer (the inbox by recipient).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';

let db: TestDatabase;
const LABELS = ['claim', 'quote', 'context'] as const;
const OUTLETS = ['UNN', 'Le Monde', null, ''];
const SPEAKERS = ['Zelenskyy', 'Macron', '', null];

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function one<R>(text: string, values?: unknown[]): Promise<R> {
  return (await db.rows(text, values))[0] as R;
}

/** A query's rows as sorted lines, for a readable diff (array rows: column names may repeat). */
async function lines(text: string, values?: unknown[]): Promise<string[]> {
  const result = await db.client.query<unknown[]>({ text, values, rowMode: 'array' });
  return result.rows.map((row) => row.join(' ')).sort();
}

async function expectDerivedTablesExact(): Promise<void> {
  expect(await lines(`select article_id, project_id, body_length, annotation_count, unreviewed_count, claim_count, quote_count, context_count from article_stats`)).toEqual(
    await lines(`select a.id, a.project_id, length(a.body), count(n.id), count(*) filter (where n.status = 'proposed'),
        count(*) filter (where n.label = 'claim'), count(*) filter (where n.label = 'quote'), count(*) filter (where n.label = 'context')
      from articles a left join annotations n on n.article_id = a.id and n.deleted_at is null group by a.id`),
  );
  const liveItems = `select project_id, article_id, label, author_id, count(*) as n from annotations where deleted_at is null group by 1, 2, 3, 4
    union all
    select l.project_id, a.article_id, 'link', l.author_id, count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null group by 1, 2, 4`;
  expect(await lines(`select project_id, article_id, label, author_id, n from queue_tallies where n <> 0`)).toEqual(await lines(liveItems));
  expect(await lines(`select project_id, outlet, label, author_id, n from queue_outlet_tallies where n <> 0`)).toEqual(
    await lines(`select i.project_id, coalesce(nullif(a.outlet, ''), '-'), i.label, i.author_id, sum(i.n) from (${liveItems}) i join articles a on a.id = i.article_id group by 1, 2, 3, 4`),
  );
  expect(await lines(`select project_id, article_id, label, n from queue_article_tallies where n <> 0`)).toEqual(
    await lines(`select project_id, article_id, label, sum(n) from (${liveItems}) i group by 1, 2, 3`),
  );
  // What each reviewer has a live review of (items of others, once each), per article and per outlet; and each article's size.
  const reviewedItems = `select distinct i.project_id, r.reviewer_id, i.article_id, i.label, i.author_id, i.kind, i.id from (
      select id, 'a' as kind, project_id, article_id, label, author_id from annotations where deleted_at is null
      union all
      select l.id, 'l', l.project_id, a.article_id, 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null) i
    join reviews r on r.superseded_at is null and r.reviewer_id <> i.author_id and (case i.kind when 'a' then r.annotation_id else r.link_id end) = i.id`;
  expect(await lines(`select project_id, reviewer_id, article_id, label, author_id, n from queue_reviewed_tallies where n <> 0`)).toEqual(
    await lines(`select project_id, reviewer_id, article_id, label, author_id, count(*) from (${reviewedItems}) i group by 1, 2, 3, 4, 5`),
  );
  expect(await lines(`select project_id, reviewer_id, outlet, label, author_id, n from queue_reviewed_outlet_tallies where n <> 0`)).toEqual(
    await lines(`select i.project_id, i.reviewer_id, coalesce(nullif(a.outlet, ''), '-'), i.label, i.author_id, count(*) from (${reviewedItems}) i join articles a on a.id = i.article_id group by 1, 2, 3, 4, 5`),
  );
  expect(await lines(`select project_id, article_id, label, outlet, n from queue_article_sizes where n <> 0`)).toEqual(
    await lines(`select i.project_id, i.article_id, l, coalesce(nullif(a.outlet, ''), '-'), sum(i.n) from (${liveItems}) i join articles a on a.id = i.article_id, unnest(array[i.label, '*']) l group by 1, 2, 3, 4`),
  );
  expect(await lines(`select project_id, speaker, n from speaker_tallies`)).toEqual(
    await lines(`select project_id, attributes ->> 'speaker', count(*) from annotations where deleted_at is null and coalesce(attributes ->> 'speaker', '') <> '' group by 1, 2`),
  );
  expect(await lines(`select r.id from reviews r where r.target_author_id is distinct from coalesce(
      (select a.author_id from annotations a where a.id = r.annotation_id), (select l.author_id from links l where l.id = r.link_id))`)).toEqual([]);
  expect(await lines(`select project_id, a, b, articles, spans_a, exact_matches, agree1, b3 from agreement_pair_totals`)).toEqual(
    await lines(`select project_id, a, b, count(*), sum(spans_a), sum(exact_matches), sum(agree1), sum(b3) from agreement_pairs group by 1, 2, 3`),
  );
  expect(await lines(`select project_id, author_id, articles from agreement_authors`)).toEqual(
    await lines(`select g.project_id, v::int, count(*) from agreement_articles g, jsonb_array_elements_text(g.authors) v group by 1, 2`),
  );
  // The inbox by recipient (drizzle/pg/0009_inbox_entries.sql) equals its derivation, as `cli check` compares on SQLite.
  expect(await lines('select source, source_id, recipient_id, created_at from inbox_entries')).toEqual(
    await lines('select source, source_id, recipient_id, created_at from inbox_entries_derived'),
  );
  // Tallies never go negative.
  expect(await lines(`select 'queue', n from queue_tallies where n < 0 union all select 'outlet', n from queue_outlet_tallies where n < 0
    union all select 'reviewed', n from queue_reviewed_tallies where n < 0 union all select 'size', n from queue_article_sizes where n < 0`)).toEqual([]);
}

/** Fills the agreement cache of an article the way lib/data/agreement.ts does (both tables). */
async function cacheAgreement(articleId: number, authors: number[]): Promise<void> {
  const { project_id: projectId } = await one<{ project_id: number }>('select project_id from articles where id = $1', [articleId]);
  await db.rows('insert into agreement_articles (article_id, project_id, authors) values ($1, $2, $3) on conflict do nothing', [articleId, projectId, JSON.stringify(authors)]);
  for (let i = 0; i < authors.length; i++) {
    for (let j = i + 1; j < authors.length; j++) {
      await db.rows(
        `insert into agreement_pairs values ($1, $2, $3, $4, 3, 4, 1, 2, 1, 10, 11, 12, 13, 1, 2, 3, 4, 5, 6, 7, 8) on conflict do nothing`,
        [projectId, articleId, authors[i], authors[j]],
      );
    }
  }
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL triggers', () => {
  const users: number[] = [];
  const projects: number[] = [];
  const articles: number[] = [];

  beforeAll(async () => {
    db = await migratedDatabase('wb_triggers');
    for (let i = 0; i < 4; i++) {
      users.push((await one<{ id: number }>(`insert into users (email, name, password_hash) values ($1, $1, 'x') returning id`, [`u${i}@example.org`])).id);
    }
    for (let i = 0; i < 2; i++) {
      projects.push((await one<{ id: number }>(`insert into projects (slug, name, created_by) values ($1, $1, $2) returning id`, [`p${i}`, users[0]])).id);
    }
    for (let i = 0; i < 6; i++) {
      const row = await one<{ id: number }>(
        `insert into articles (project_id, title, outlet, body, sha256, imported_by) values ($1, $2, $3, $4, $5, $6) returning id`,
        [projects[i % 2], `Article ${i}`, OUTLETS[i % OUTLETS.length], `Body ${i}: Україна 🇺🇦 ${'word '.repeat(i + 5)}`, `sha${i}`, users[0]],
      );
      articles.push(row.id);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it('give every article its counters row and its revision 1, and every annotation the current revision', async () => {
    expect(await lines('select article_id, number, source from article_revisions')).toEqual(articles.map((id) => `${id} 1 import`).sort());
    await db.rows('update articles set current_revision = 2 where id = $1', [articles[0]]);
    const annotation = await one<{ id: number; revision: number }>(
      `insert into annotations (project_id, article_id, author_id, label, start, "end", exact, revision) values ($1, $2, $3, 'claim', 0, 4, 'Body', 1) returning id, revision`,
      [projects[0], articles[0], users[1]],
    );
    expect(annotation.revision).toBe(2);
    await db.rows('update articles set current_revision = 3 where id = $1', [articles[0]]);
    await db.rows('update annotations set note = $2 where id = $1', [annotation.id, 'a note']);
    expect((await one<{ revision: number }>('select revision from annotations where id = $1', [annotation.id])).revision).toBe(2);
    await db.rows('update annotations set "end" = 5 where id = $1', [annotation.id]);
    expect((await one<{ revision: number }>('select revision from annotations where id = $1', [annotation.id])).revision).toBe(3);
    await expectDerivedTablesExact();
  });

  it('keep every tally equal to its GROUP BY through a long run of random writes', async () => {
    const next = random(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const live = async (): Promise<Array<{ id: number; project_id: number; article_id: number }>> =>
      db.rows('select id, project_id, article_id from annotations order by id');
    for (let step = 0; step < 400; step++) {
      const roll = next();
      const annotationsNow = await live();
      if (roll < 0.3 || annotationsNow.length < 6) {
        const articleId = pick(articles);
        const { project_id: projectId } = await one<{ project_id: number }>('select project_id from articles where id = $1', [articleId]);
        const speaker = pick(SPEAKERS);
        const start = Math.floor(next() * 10);
        await db.rows(
          `insert into annotations (project_id, article_id, author_id, label, start, "end", exact, status, attributes, deleted_at)
           values ($1, $2, $3, $4, $5, $6, 'x', $7, $8, $9)`,
          [projectId, articleId, pick(users), pick(LABELS), start, start + 3, pick(['proposed', 'accepted', 'disputed']),
            JSON.stringify(speaker === null ? {} : { speaker }), next() < 0.1 ? new Date() : null],
        );
      } else if (roll < 0.45) {
        const [a, b] = [pick(annotationsNow), pick(annotationsNow)];
        if (a.id === b.id || a.project_id !== b.project_id) continue;
        await db.rows(
          `insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id) values ($1, $2, $3, $4, $5) on conflict do nothing`,
          [a.project_id, Math.min(a.id, b.id), Math.max(a.id, b.id), pick(['corroborates', 'conflicts']), pick(users)],
        );
      } else if (roll < 0.55) {
        const target = pick(annotationsNow);
        await db.rows('update annotations set label = $2, status = $3 where id = $1', [target.id, pick(LABELS), pick(['proposed', 'accepted', 'rejected'])]);
      } else if (roll < 0.62) {
        const target = pick(annotationsNow);
        await db.rows('update annotations set deleted_at = case when deleted_at is null then clock_timestamp() end where id = $1', [target.id]);
      } else if (roll < 0.67) {
        const target = pick(annotationsNow);
        const speaker = pick(SPEAKERS);
        await db.rows('update annotations set attributes = $2, author_id = $3 where id = $1', [target.id, JSON.stringify(speaker === null ? {} : { speaker }), pick(users)]);
      } else if (roll < 0.72) {
        // An annotation moves to another article of its project, its links' first ends with it.
        const target = pick(annotationsNow);
        const other = await db.rows<{ id: number }>('select id from articles where project_id = $1 and id <> $2', [target.project_id, target.article_id]);
        if (other.length) await db.rows('update annotations set article_id = $2 where id = $1', [target.id, pick(other).id]);
      } else if (roll < 0.77) {
        await db.rows('update articles set outlet = $2 where id = $1', [pick(articles), pick(OUTLETS)]);
      } else if (roll < 0.82) {
        const link = await db.rows<{ id: number }>('select id from links order by id');
        if (link.length) {
          const id = pick(link).id;
          if (next() < 0.5) await db.rows('update links set deleted_at = case when deleted_at is null then clock_timestamp() end where id = $1', [id]);
          else await db.rows('update links set author_id = $2 where id = $1', [id, pick(users)]);
        }
      } else if (roll < 0.87) {
        // Reviews of annotations and links, and reviews superseded (a reviewer may hold two live ones of one item: a review and a settlement).
        const choice = next();
        const linksNow = await db.rows<{ id: number; project_id: number }>('select id, project_id from links order by id');
        const liveReviews = await db.rows<{ id: number }>('select id from reviews where superseded_at is null order by id');
        if (choice < 0.15 && liveReviews.length) await db.rows('update reviews set superseded_at = clock_timestamp() where id = $1', [pick(liveReviews).id]);
        else if (choice < 0.3) {
          // One statement with two live reviews of one item by one reviewer (a review and a
          // settlement), then one statement superseding every live review of it, as an edit
          // of substance does (lib/data/reviewTargets.ts): the item counts once, then not at all.
          const target = pick(annotationsNow);
          const reviewer = pick(users);
          await db.rows(
            `insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version, is_final) values ($1, $2, $3, 'accept', 1, false), ($1, $2, $3, 'reject', 1, true)`,
            [target.project_id, target.id, reviewer],
          );
          if (next() < 0.5) await db.rows('update reviews set superseded_at = clock_timestamp() where annotation_id = $1 and superseded_at is null', [target.id]);
        } else if (choice < 0.5 && linksNow.length) {
          const link = pick(linksNow);
          await db.rows(`insert into reviews (project_id, link_id, reviewer_id, decision, target_version) values ($1, $2, $3, 'accept', 1)`, [link.project_id, link.id, pick(users)]);
        } else {
          const target = pick(annotationsNow);
          await db.rows(`insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) values ($1, $2, $3, 'accept', 1)`, [target.project_id, target.id, pick(users)]);
        }
      } else if (roll < 0.93) {
        await cacheAgreement(pick(articles), [users[0], users[2], users[3]]);
      } else if (roll < 0.96) {
        // A hard delete (of an annotation nobody refers to), as the importer's undo does.
        const target = pick(annotationsNow);
        const refs = await one<{ n: number }>(
          `select (select count(*) from links where from_annotation_id = $1 or to_annotation_id = $1) + (select count(*) from reviews where annotation_id = $1)
             + (select count(*) from verdicts where annotation_id = $1) as n`,
          [target.id],
        );
        if (Number(refs.n) === 0) await db.rows('delete from annotations where id = $1', [target.id]);
      } else {
        await db.rows('update articles set archived_at = case when archived_at is null then clock_timestamp() end where id = $1', [pick(articles)]);
      }
      if (step % 50 === 49) await expectDerivedTablesExact();
    }
    await expectDerivedTablesExact();
    expect(Number((await one<{ n: number }>('select count(*) as n from annotations')).n)).toBeGreaterThan(50);
  });

  it('keep the inbox by recipient equal to its derivation through comments, replies, reviews, verdicts, edits and events', async () => {
    const next = random(29);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    type Item = { kind: 'annotation' | 'link'; id: number; project_id: number };
    const items = async (): Promise<Item[]> => [
      ...(await db.rows<Item>(`select 'annotation' as kind, id, project_id from annotations`)),
      ...(await db.rows<Item>(`select 'link' as kind, id, project_id from links`)),
    ];
    for (let step = 0; step < 300; step++) {
      const roll = next();
      const item = pick(await items());
      const column = `${item.kind}_id`;
      if (roll < 0.3) {
        const parent = next() < 0.4 ? (await db.rows<{ id: number }>(`select id from comments where ${column} = $1 order by id desc limit 1`, [item.id]))[0] : undefined;
        await db.rows(`insert into comments (project_id, ${column}, parent_id, author_id, body) values ($1, $2, $3, $4, 'A comment')`, [item.project_id, item.id, parent?.id ?? null, pick(users)]);
      } else if (roll < 0.5) {
        // A review (now and then of an old version, as an import writes), replacing the reviewer's live one.
        const reviewer = pick(users);
        await db.rows(`update reviews set superseded_at = clock_timestamp() where ${column} = $1 and reviewer_id = $2 and superseded_at is null`, [item.id, reviewer]);
        const version = next() < 0.3 ? 1 : (await one<{ v: number }>(`select version as v from ${item.kind}s where id = $1`, [item.id])).v;
        await db.rows(`insert into reviews (project_id, ${column}, reviewer_id, decision, target_version) values ($1, $2, $3, 'accept', $4)`, [item.project_id, item.id, reviewer, version]);
      } else if (roll < 0.6) {
        // A live review set aside (as a change in substance does; the app never brings one back).
        await db.rows(`update reviews set superseded_at = clock_timestamp() where id = (select id from reviews where ${column} = $1 and superseded_at is null order by id desc limit 1)`, [item.id]);
      } else if (roll < 0.72) {
        // A change in substance, its event before or after it.
        const { version } = await one<{ version: number }>(`update ${item.kind}s set version = version + 1 where id = $1 returning version`, [item.id]);
        const event = () => db.rows(`insert into events (project_id, action, entity_type, entity_id, after) values ($1, 'edit', $2, $3, $4)`, [item.project_id, item.kind, item.id, JSON.stringify({ version })]);
        if (next() < 0.5) await event();
        await db.rows(`update ${item.kind}s set substance_version = version where id = $1`, [item.id]);
        if (next() < 0.8) await event();
      } else if (roll < 0.8) {
        if (item.kind === 'annotation') await db.rows(`insert into verdicts (project_id, annotation_id, author_id, verdict) values ($1, $2, $3, 'mixed')`, [item.project_id, item.id, pick(users)]);
      } else if (roll < 0.87) {
        await db.rows(`update ${item.kind}s set author_id = $2 where id = $1`, [item.id, pick(users)]);
      } else if (roll < 0.93) {
        await db.rows(`update comments set deleted_at = clock_timestamp() where id = (select max(id) from comments where ${column} = $1)`, [item.id]);
      } else {
        // An event of an older version, or of something else: no change to the inbox's times.
        await db.rows(`insert into events (project_id, action, entity_type, entity_id, after) values ($1, 'note', $2, $3, $4)`, [item.project_id, item.kind, item.id, JSON.stringify({ version: 0 })]);
      }
      if (step % 30 === 29) await expectDerivedTablesExact();
    }
    await expectDerivedTablesExact();
    const sources = await lines('select distinct source from inbox_entries');
    expect(sources).toEqual(['changed_annotation', 'changed_link', 'mine', 'reply', 'reviewed', 'verdict']);
  });

  it('give the reviewer the thread of an item when a comment and a review of it are written at once', async () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return client;
    };
    const [commenter, reviewer] = [await connect(), await connect()];
    try {
      const [author, by, who] = users;
      for (const commentFirst of [true, false]) {
        // A fresh item each time, so the reviewer has no other review of it.
        const item = await one<{ id: number; project_id: number }>(
          `insert into annotations (project_id, article_id, author_id, label, start, "end", exact) values ($1, $2, $3, 'claim', 0, 2, 'Bo') returning id, project_id`,
          [projects[0], articles[0], author],
        );
        const comment = (client: pg.Client) => client.query(`insert into comments (project_id, annotation_id, author_id, body) values ($1, $2, $3, 'At once')`, [item.project_id, item.id, by]);
        const review = (client: pg.Client) => client.query(`insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) values ($1, $2, $3, 'accept', 1)`, [item.project_id, item.id, who]);
        const [a, b] = commentFirst ? [commenter, reviewer] : [reviewer, commenter];
        await a.query('begin');
        await (commentFirst ? comment : review)(a);
        const written = (commentFirst ? review : comment)(b);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await a.query('commit');
        await written;
        const reached = await lines(`select recipient_id from inbox_entries where source = 'reviewed' and source_id in (select id from comments where annotation_id = $1)`, [item.id]);
        expect(reached, commentFirst ? 'the comment first' : 'the review first').toEqual([String(who)]);
        await expectDerivedTablesExact();
      }
    } finally {
      await commenter.end();
      await reviewer.end();
    }
  });

  it('drop an article\'s agreement cache on a write that changes its figures, and keep the totals', async () => {
    const articleId = articles[2];
    await cacheAgreement(articleId, [users[1], users[2]]);
    expect(await lines('select article_id from agreement_articles where article_id = $1', [articleId])).toHaveLength(1);
    const { project_id: projectId } = await one<{ project_id: number }>('select project_id from articles where id = $1', [articleId]);
    await db.rows(`insert into annotations (project_id, article_id, author_id, label, start, "end", exact) values ($1, $2, $3, 'quote', 1, 2, 'o')`, [projectId, articleId, users[1]]);
    expect(await lines('select article_id from agreement_articles where article_id = $1', [articleId])).toEqual([]);
    expect(await lines('select article_id from agreement_pairs where article_id = $1', [articleId])).toEqual([]);
    await cacheAgreement(articleId, [users[1], users[2]]);
    await db.rows(`update articles set body = body || ' more' where id = $1`, [articleId]);
    expect(await lines('select article_id from agreement_articles where article_id = $1', [articleId])).toEqual([]);
    await expectDerivedTablesExact();
  });

  it('mark the board dirty, and a deleted article bumps its generation and takes its sentences along', async () => {
    await db.rows('delete from board_dirty');
    const claim = await one<{ id: number; project_id: number }>(
      `insert into annotations (project_id, article_id, author_id, label, start, "end", exact) values ($1, $2, $3, 'claim', 0, 2, 'Bo') returning id, project_id`,
      [projects[1], articles[1], users[0]],
    );
    expect(await lines('select annotation_id from board_dirty')).toEqual([String(claim.id)]);
    await db.rows(`insert into verdicts (project_id, annotation_id, author_id, verdict, is_final) values ($1, $2, $3, 'false', true)`, [claim.project_id, claim.id, users[0]]);

    const doomed = await one<{ id: number }>(
      `insert into articles (project_id, title, body, sha256) values ($1, 'Doomed', 'To be deleted.', 'doomed') returning id`,
      [projects[1]],
    );
    await db.rows(`insert into article_sentences (article_id, project_id, start, "end", text) values ($1, $2, 0, 14, 'To be deleted.')`, [doomed.id, projects[1]]);
    await db.rows(`insert into article_search_state (article_id, sha256, sentence_count) values ($1, 'doomed', 1)`, [doomed.id]);
    const before = await db.rows<{ generation: number }>('select generation from board_state where project_id = $1', [projects[1]]);
    await db.rows('delete from article_revisions where article_id = $1', [doomed.id]);
    await db.rows('delete from articles where id = $1', [doomed.id]);
    const after = await one<{ generation: number }>('select generation from board_state where project_id = $1', [projects[1]]);
    expect(after.generation).toBe(before.length ? before[0].generation + 1 : 2);
    expect(await lines('select id from article_sentences where article_id = $1 union all select article_id from article_search_state where article_id = $1', [doomed.id])).toEqual([]);
    expect(await lines('select article_id from article_stats where article_id = $1', [doomed.id])).toEqual([]);
  });

  it('forget an author\'s link F1 keys when one of their links changes', async () => {
    const [a, b] = await db.rows<{ id: number; project_id: number }>(
      `select id, project_id from annotations where project_id = $1 and deleted_at is null order by id limit 2`,
      [projects[0]],
    );
    await db.rows('insert into agreement_link_authors (project_id, author_id, links) values ($1, $2, 0) on conflict do nothing', [projects[0], users[3]]);
    await db.rows(`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id) values ($1, $2, $3, 'conflicts', $4)`, [projects[0], a.id, b.id, users[3]]);
    expect(await lines('select author_id from agreement_link_authors where project_id = $1 and author_id = $2', [projects[0], users[3]])).toEqual([]);
  });

  it('keep the tallies exact when a move and a write of the same article or statement run at once', async () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return client;
    };
    const [mover, writer] = [await connect(), await connect()];
    try {
      const [articleId, otherId] = (await db.rows<{ id: number }>('select id from articles where project_id = $1 order by id', [projects[0]])).map((r) => r.id);
      const insertAnnotation = (client: pg.Client) =>
        client.query(`insert into annotations (project_id, article_id, author_id, label, start, "end", exact) values ($1, $2, $3, 'claim', 0, 2, 'Bo') returning id`, [
          projects[0],
          articleId,
          users[2],
        ]);

      // The outlet moves first; an annotation of that article is written meanwhile.
      await mover.query('begin');
      await mover.query(`update articles set outlet = 'Moved first' where id = $1`, [articleId]);
      const written = insertAnnotation(writer);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await mover.query('commit');
      await written;
      await expectDerivedTablesExact();

      // The annotation is written first; the outlet moves before it commits.
      await writer.query('begin');
      await insertAnnotation(writer);
      const moved = mover.query(`update articles set outlet = 'Moved second' where id = $1`, [articleId]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.query('commit');
      await moved;
      await expectDerivedTablesExact();

      // A statement moves to another article while a link from it is written.
      const from = (await insertAnnotation(db.client)).rows[0].id as number;
      const to = (await insertAnnotation(db.client)).rows[0].id as number;
      await mover.query('begin');
      await mover.query('update annotations set article_id = $2 where id = $1', [from, otherId]);
      const linked = writer.query(`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id) values ($1, $2, $3, 'corroborates', $4)`, [
        projects[0],
        from,
        to,
        users[2],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await mover.query('commit');
      await linked;
      await expectDerivedTablesExact();
    } finally {
      await mover.end();
      await writer.end();
    }
  });
});
