/**
 * In-process probe of the two figures the scale bench cares most about, on a cached corpus
 * (bench/scale/cache.ts; built when missing): agreement (cold fill, warm, after one write) and
 * link suggestions for 20 annotations, plus the EXPLAIN QUERY PLAN of their queries, for
 * docs/benchmarks-scale.md. `SCALE_SIZE=2000 npx tsx bench/scale/probe.ts`.
 */
import fs from 'node:fs';
import { freshDataDir, percentile } from '../harness';

const SIZE = Number(process.env.SCALE_SIZE || 2000);
const dataDir = freshDataDir('probe');
process.env.DATA_DIR = dataDir;

async function timedAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

async function main() {
  const { startCorpus, grow } = await import('./corpus');
  const { restoreCorpus, saveCorpus } = await import('./cache');
  const { projectAgreement, pairDisagreements } = await import('../../lib/data/agreement');
  const { suggestions } = await import('../../lib/data/linkSuggestions');
  const { createAnnotation } = await import('../../lib/data/annotations');
  const { getSqlite } = await import('../../lib/db/client');
  const { similarityQuery } = await import('../../lib/search/query');
  let corpus = restoreCorpus(SIZE, dataDir);
  if (!corpus) {
    const started = Date.now();
    corpus = await startCorpus();
    await grow(corpus, SIZE);
    console.log(`built ${JSON.stringify(corpus.counts)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const [cold] = await timedAsync(() => projectAgreement({ actor: corpus!.lead.actor, projectId: corpus!.projectId }));
    console.log(`agreement cold fill ${cold.toFixed(0)} ms`);
    saveCorpus(SIZE, corpus);
  }
  const c = corpus;
  const lead = c.lead.actor;
  getSqlite().exec('delete from agreement_pairs; delete from agreement_articles');
  const [coldMs] = await timedAsync(() => projectAgreement({ actor: lead, projectId: c.projectId }));
  console.log(`agreement from an empty cache ${coldMs.toFixed(0)} ms`);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await timedAsync(() => projectAgreement({ actor: lead, projectId: c.projectId })))[0]);
  warm.sort((a, b) => a - b);
  console.log(`agreement warm median ${percentile(warm, 50).toFixed(0)} ms`);
  const afterWrite: number[] = [];
  for (let i = 0; i < 5; i++) {
    await createAnnotation({ actor: c.reviewers[0].actor, articleId: c.articleIds[i * 97], input: { label: 'claim', start: 10 + i, end: 60 + i } });
    afterWrite.push((await timedAsync(() => projectAgreement({ actor: lead, projectId: c.projectId })))[0]);
  }
  console.log(`agreement after one write median ${percentile(afterWrite.sort((a, b) => a - b), 50).toFixed(0)} ms`);
  const data = await projectAgreement({ actor: lead, projectId: c.projectId });
  const pair = data.pairs.find((p) => p.articles > 0)!;
  const [dms, list] = await timedAsync(() => pairDisagreements({ actor: lead, projectId: c.projectId, a: pair.a, b: pair.b }));
  console.log(`disagreements page ${dms.toFixed(0)} ms, ${list.items.length} items; ${data.pairs.length} pairs, ${data.reviewers.length} reviewers`);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const a = c.annotations[(i * 4999) % c.annotations.length];
    const started = performance.now();
    await suggestions({ actor: c.reviewers[0].actor, annotationId: a.id });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`suggestions median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`);
  const db = getSqlite();
  const plan = (label: string, sql: string, ...args: unknown[]) => {
    console.log(`\n${label}\n${(db.prepare(`explain query plan ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => `  ${r.detail}`).join('\n')}`);
  };
  plan('agreement: articles to compute', 'select id from articles where project_id = ? and not exists (select 1 from agreement_articles g where g.article_id = articles.id) limit 100', c.projectId);
  plan('agreement: pooled pairs', 'select a, b, count(*), sum(spans_a), sum(agree0) from agreement_pairs where project_id = ? group by a, b', c.projectId);
  plan('agreement: per-article page', 'select * from agreement_pairs p join articles ar on ar.id = p.article_id where p.project_id = ? and (p.article_id > ? or (p.article_id = ? and p.a > ?)) order by p.article_id, p.a, p.b limit 51', c.projectId, 0, 0, 0);
  plan('agreement: disagreement articles of a pair', 'select article_id from agreement_pairs where project_id = ? and a = ? and b = ? and disagreements > 0 and article_id > ? order by article_id limit 51', c.projectId, pair.a, pair.b, 0);
  const match = similarityQuery(c.annotations[0] ? (db.prepare('select exact from annotations where id = ?').get(c.annotations[0].id) as { exact: string }).exact : 'Ukraine')!;
  plan('suggestions: FTS hits', `with m as (select rowid as rid, bm25(search_fts, 1.0, 0.6, 0.8) as rank from search_fts where search_fts match ?) select m.rid from m left join annotations a on m.rid > 0 and a.id = m.rid left join article_sentences s on m.rid < 0 and s.id = -m.rid join articles ar on ar.id = coalesce(a.article_id, s.article_id) where ar.project_id = ? order by m.rank, m.rid limit 80`, match, c.projectId);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
