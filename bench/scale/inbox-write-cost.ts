/**
 * What the inbox's triggers (drizzle/0022_inbox_entries.sql) cost a comment: 1,000 comments
 * (a third of them replies) by reviewers on annotations of a cached corpus (run bench:scale
 * first), through addComment one after the other (each its own transaction and fsync, as the
 * API writes them) and as bare inserts in one transaction (the triggers' own cost, no fsync),
 * with the triggers or (INBOX_TRIGGERS=0) without them, as the schema was before 0020.
 * `SCALE_SIZE=2000 [INBOX_TRIGGERS=0] npx tsx bench/scale/inbox-write-cost.ts`, one process per run.
 */
import { freshDataDir } from '../harness';

const SIZE = Number(process.env.SCALE_SIZE || 2000);
const N = 1000;
const INBOX_TRIGGERS = ['inbox_comments_ai', 'inbox_verdicts_ai', 'inbox_reviews_live_ai', 'inbox_reviews_changed_ai', 'inbox_reviews_superseded_au',
  'inbox_annotations_substance_au', 'inbox_links_substance_au', 'inbox_annotation_events_ai', 'inbox_link_events_ai', 'inbox_annotations_author_au', 'inbox_links_author_au'];

async function run(withTriggers: boolean) {
  const dataDir = freshDataDir('inbox-write-cost');
  process.env.DATA_DIR = dataDir;
  const { restoreCorpus } = await import('./cache');
  const corpus = restoreCorpus(SIZE, dataDir);
  if (!corpus) throw new Error(`No cached corpus of ${SIZE} articles: run npm run bench:scale first.`);
  const { getSqlite, closeDb } = await import('../../lib/db/client');
  const db = getSqlite();
  if (!withTriggers) for (const name of INBOX_TRIGGERS) db.exec(`drop trigger ${name}`);
  const { addComment } = await import('../../lib/data/comments');
  const live = db.prepare('select id, author_id as authorId from annotations where deleted_at is null order by id').all() as Array<{ id: number; authorId: number }>;
  const reviewers = corpus.reviewers.map((r) => r.actor as { userId: number });
  // The same targets and authors in both runs: a fixed walk over the corpus.
  const targets = Array.from({ length: N }, (_, i) => live[(i * 7919) % live.length]);
  const parents: number[] = [];
  const entriesBefore = db.prepare('select count(*) from inbox_entries').pluck().get() as number;
  let started = performance.now();
  for (let i = 0; i < N; i++) {
    const target = targets[i];
    const actor = reviewers[i % reviewers.length];
    const parentId = i % 3 === 2 ? parents[parents.length - 1] : undefined;
    const row = await addComment({ actor, target: { kind: 'annotation', id: parentId ? targets[i - 1].id : target.id }, input: { body: `Comment ${i}`, ...(parentId ? { parentId } : {}) } });
    if (!parentId) parents.push(row.id);
  }
  const apiMs = performance.now() - started;
  const fanOut = ((db.prepare('select count(*) from inbox_entries').pluck().get() as number) - entriesBefore) / N;
  const insert = db.prepare('insert into comments (project_id, annotation_id, author_id, body, parent_id) values (?, ?, ?, ?, ?)');
  started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < N; i++) insert.run(corpus.projectId, targets[i].id, reviewers[i % reviewers.length].userId, `Bare ${i}`, i % 3 === 2 ? parents[i % parents.length] : null);
  })();
  const bareMs = performance.now() - started;
  await closeDb();
  return { apiMs, bareMs, fanOut };
}

async function main() {
  const withTriggers = process.env.INBOX_TRIGGERS !== '0';
  {
    const r = await run(withTriggers);
    console.log(`${SIZE} articles, ${withTriggers ? 'with the inbox triggers   ' : 'without them (before 0022)'}: ${N} addComment ${r.apiMs.toFixed(0)} ms (${(r.apiMs / N).toFixed(3)} ms each), ${N} bare inserts in one transaction ${r.bareMs.toFixed(1)} ms; ${r.fanOut.toFixed(2)} inbox rows per comment`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
