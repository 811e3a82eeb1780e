/**
 * The inbox by recipient (drizzle/0022_inbox_entries.sql) against the inbox as read before it
 * (tests/review/inboxOracle.ts), on a cached corpus (bench/scale/cache.ts; run bench:scale
 * first): the same pages and counts for the lead and every reviewer, the table equal to its
 * derivation, and the median time of listInbox and unreadCount, new and old, in one process.
 * `SCALE_SIZE=2000 npx tsx bench/scale/probe-inbox.ts`.
 */
import { freshDataDir, percentile } from '../harness';

const SIZE = Number(process.env.SCALE_SIZE || 2000);
const REPEATS = Number(process.env.PROBE_REPEATS || 21);
process.env.DATA_DIR = freshDataDir('probe-inbox');

async function median(call: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

async function main() {
  const { restoreCorpus } = await import('./cache');
  const corpus = restoreCorpus(SIZE, process.env.DATA_DIR!);
  if (!corpus) throw new Error(`No cached corpus of ${SIZE} articles: run npm run bench:scale first.`);
  const { getSqlite } = await import('../../lib/db/client');
  const started = performance.now();
  const db = getSqlite(); // applies any migration the cached corpus lacks (0022's backfill, for a corpus built before it)
  const openMs = performance.now() - started;
  const { listInbox, unreadCount } = await import('../../lib/data/inbox');
  const { oracleListInbox, oracleUnreadCount } = await import('../../tests/review/inboxOracle');
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  const columns = 'source, source_id, recipient_id, created_at';
  const apart = count(`select count(*) from (select ${columns} from inbox_entries except select ${columns} from inbox_entries_derived)`)
    + count(`select count(*) from (select ${columns} from inbox_entries_derived except select ${columns} from inbox_entries)`);
  console.log(`${SIZE} articles: opened in ${openMs.toFixed(0)} ms; ${count('select count(*) from inbox_entries')} inbox entries, ${apart} apart from the derivation`);
  const people = [['lead', corpus.lead.actor], ...corpus.reviewers.map((r, i) => [`reviewer ${i}`, r.actor] as const)] as const;
  let differences = 0;
  for (const [name, actor] of people) {
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: { cursor: string | null; limit: string } = { cursor, limit: '30' };
      const [a, b] = [await listInbox({ actor, query }), await oracleListInbox({ actor, query })];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differences++;
        console.log(`  ${name}, page ${page}: differs from the oracle`);
      }
      cursor = b.nextCursor;
      if (!cursor) break;
    }
    if (await unreadCount({ actor }) !== await oracleUnreadCount({ actor })) {
      differences++;
      console.log(`  ${name}: unread count differs from the oracle`);
    }
  }
  console.log(`  ${people.length} people, 5 pages each and the badge: ${differences} differences`);
  for (const [name, actor] of people.slice(0, 2)) {
    console.log(
      `  ${name.padEnd(10)} listInbox ${(await median(async () => await listInbox({ actor }))).toFixed(2)} ms (before ${(await median(async () => await oracleListInbox({ actor }))).toFixed(2)})` +
        `  unreadCount ${(await median(async () => await unreadCount({ actor }))).toFixed(2)} ms (before ${(await median(async () => await oracleUnreadCount({ actor }))).toFixed(2)})`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
