/**
 * In-process probe of the list views on a cached corpus (bench/scale/cache.ts; run bench:scale
 * first): the median time of each data call behind the review queue, the inbox and the
 * other lists, as the lead and as a reviewer, and with PROBE_PLANS=1 the EXPLAIN QUERY PLAN of
 * every statement they run, slowest first. Figures for docs/benchmarks-scale.md without HTTP
 * or rendering. `SCALE_SIZE=2000 [PROBE_ONLY=inbox] npx tsx bench/scale/probe-views.ts`.
 */
import fs from 'node:fs';
import { freshDataDir, percentile } from '../harness';

const SIZE = Number(process.env.SCALE_SIZE || 2000);
const REPEATS = Number(process.env.PROBE_REPEATS || 5);
const dataDir = freshDataDir('probe-views');
process.env.DATA_DIR = dataDir;

async function main() {
  const { restoreCorpus } = await import('./cache');
  const { getSqlite } = await import('../../lib/db/client');
  const { reviewQueue, disputedItems } = await import('../../lib/data/reviews');
  const { listInbox, unreadCount } = await import('../../lib/data/inbox');
  const { listArticlesPage } = await import('../../lib/data/articleList');
  const { pageLinksForProject } = await import('../../lib/data/linkViews');
  const { listMembers } = await import('../../lib/data/projects');
  const corpus = restoreCorpus(SIZE, dataDir);
  if (!corpus) throw new Error(`No cached corpus of ${SIZE} articles: run npm run bench:scale first.`);
  const db = getSqlite();
  const lead = corpus.lead.actor;
  const reviewer = corpus.reviewers[0].actor;
  const projectId = corpus.projectId;

  // Every statement prepared during a call, with the time spent in its first run.
  const statements = new Map<string, number>();
  const original = db.prepare.bind(db);
  const calls: Array<[string, () => unknown]> = [
    ['reviewQueue (reviewer)', async () => await reviewQueue({ actor: reviewer, projectId })],
    ['reviewQueue (lead)', async () => await reviewQueue({ actor: lead, projectId })],
    ['reviewQueue outlet+label', async () => await reviewQueue({ actor: reviewer, projectId, query: { outlet: 'Reuters', label: 'claim' } })],
    ['disputedItems (lead)', async () => await disputedItems({ actor: lead, projectId })],
    ['listInbox (reviewer)', async () => await listInbox({ actor: reviewer })],
    ['listInbox (lead)', async () => await listInbox({ actor: lead })],
    ['unreadCount (header badge)', async () => await unreadCount({ actor: reviewer })],
    ['unreadCount (lead)', async () => await unreadCount({ actor: lead })],
    ['listArticlesPage', async () => await listArticlesPage({ actor: reviewer, projectId, query: {} })],
    ['pageLinksForProject', async () => await pageLinksForProject({ actor: reviewer, projectId, query: { projectId: String(projectId) } })],
    ['listMembers', async () => await listMembers({ actor: lead, projectId })],
  ];
  const only = process.env.PROBE_ONLY ? new RegExp(process.env.PROBE_ONLY) : null;
  const chosen = calls.filter(([name]) => !only || only.test(name));
  for (const [name, call] of chosen) {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(28)} median ${percentile(times, 50).toFixed(1).padStart(7)} ms  max ${times[times.length - 1].toFixed(1).padStart(7)} ms`);
  }
  if (process.env.PROBE_PLANS) {
    db.prepare = ((source: string) => {
      const statement = original(source);
      if (!/^\s*(select|with)\b/i.test(source)) return statement;
      const wrap = <F extends (...args: never[]) => unknown>(fn: F) =>
        ((...args: never[]) => {
          const started = performance.now();
          const result = fn.apply(statement, args);
          statements.set(source, Math.max(statements.get(source) ?? 0, performance.now() - started));
          return result;
        }) as F;
      statement.all = wrap(statement.all);
      statement.get = wrap(statement.get);
      return statement;
    }) as typeof db.prepare;
    for (const [, call] of chosen) await call();
    db.prepare = original;
    const slowest = [...statements].sort((a, b) => b[1] - a[1]).slice(0, 12);
    for (const [sql, ms] of slowest) {
      const params = new Array((sql.replace(/'(?:[^']|'')*'/g, '').match(/\?/g) ?? []).length).fill(1);
      const plan = (original(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => `    ${r.detail}`).join('\n');
      console.log(`\n${ms.toFixed(1)} ms  ${sql.slice(0, 400)}\n${plan}`);
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
