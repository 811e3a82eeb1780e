/**
 * In-process probe of GET /api/projects/:id/agreement (issue 12) on the cached corpus
 * (bench/scale/cache.ts; skips when none is cached): from empty caches, warm, and the first
 * read after one span write and after one link write, medians of 7.
 * `SCALE_SIZE=2000 npx tsx bench/scale/probe-agreement.ts`.
 */
import fs from 'node:fs';
import { freshDataDir, percentile } from '../harness';

const SIZE = Number(process.env.SCALE_SIZE || 2000);
const dataDir = freshDataDir('probe-agreement');
process.env.DATA_DIR = dataDir;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50).toFixed(0);

async function main() {
  const { restoreCorpus } = await import('./cache');
  const { projectAgreement } = await import('../../lib/data/agreement');
  const { createAnnotation } = await import('../../lib/data/annotations');
  const { createLink } = await import('../../lib/data/links');
  const { getSqlite } = await import('../../lib/db/client');
  const c = restoreCorpus(SIZE, dataDir);
  if (!c) {
    console.log(`no cached corpus of ${SIZE} articles: run bench:scale once`);
    return;
  }
  const read = () => projectAgreement({ actor: c.lead.actor, projectId: c.projectId });
  const tables = (getSqlite().prepare("select name from sqlite_master where type = 'table' and name like 'agreement_%'").all() as Array<{ name: string }>).map((t) => t.name);
  getSqlite().exec(tables.map((t) => `delete from ${t};`).join(' '));
  console.log(`agreement from empty caches ${(await timed(read)).toFixed(0)} ms (${tables.join(', ')})`);
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) warm.push(await timed(read));
  console.log(`agreement warm median ${median(warm)} ms`);
  const afterSpan: number[] = [];
  const afterLink: number[] = [];
  for (let i = 0; i < 7; i++) {
    await createAnnotation({ actor: c.reviewers[0].actor, articleId: c.articleIds[i * 97], input: { label: 'claim', start: 10 + i, end: 60 + i } });
    afterSpan.push(await timed(read));
    const from = c.annotations[(i * 7919) % c.annotations.length];
    const to = c.annotations[(i * 104729 + 13) % c.annotations.length];
    if (from.articleId !== to.articleId) {
      const ok = await createLink({ actor: c.reviewers[from.authorIndex].actor, input: { fromAnnotationId: Math.min(from.id, to.id), toAnnotationId: Math.max(from.id, to.id), relation: 'corroborates' } }).then(() => true, () => false);
      if (ok) afterLink.push(await timed(read));
    }
  }
  console.log(`agreement after one span write median ${median(afterSpan)} ms; after one link write median ${median(afterLink)} ms (${afterLink.length} links)`);
  const links = getSqlite().prepare('select count(*) as n from links where project_id = ? and deleted_at is null').get(c.projectId) as { n: number };
  console.log(`${links.n} live links; ${(await read()).pairs.length} pairs`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
