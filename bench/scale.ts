/**
 * Scale benchmark (`npm run bench:scale`): builds a desk-sized corpus through lib/data in a
 * fresh DATA_DIR (default 500, then 2,000 articles with 50 annotations, 10 links, 25 reviews and
 * 2.5 comments each, one long article, 30 members; bench/scale/corpus.ts), serves the built
 * app, and measures every page (as the lead and as a reviewer) and every list endpoint (first
 * page, default limit) at each size: median and p95 over repeats, bytes sent, and the growth of
 * the median from the first size to the last. Every size is served at once, by its own server,
 * and each view's requests alternate between them, so the growth is a ratio measured under the
 * same load (this machine is shared). A route the app lacks is "n/a". Prints a table;
 * with BENCH_OUT set, writes `<view>Ms`, `<view>Kb`, `<view>Growth`, `worstPageMs`,
 * `worstPageKb`, `worstGrowth`, `serverRssMb` (the peak of any size's server), `serverRss<size>Mb`, and for sizes built in this run
 * `build<size>Seconds` and `agreementCold<size>Ms` as JSON.
 *
 * A built corpus is cached between runs (bench/scale/cache.ts; SCALE_CACHE=0 builds anew).
 * SCALE_SIZES=500,2000 (article counts), SCALE_REPEATS=5, SCALE_TIMEOUT_MS=30000 (a request
 * that runs out of time counts as the limit), SCALE_PORT=3210 (the first size's server; the next sizes take the following ports), SCALE_LOG=1 (the server's output).
 */
import fs from 'node:fs';
import path from 'node:path';
import { freshDataDir, percentile, startServer, stopServer, type Server } from './harness';
import { timedGet, type Timed } from './scale/http';

const SIZES = (process.env.SCALE_SIZES || '500,2000').split(',').map(Number);
const REPEATS = Number(process.env.SCALE_REPEATS || 5);
const TIMEOUT_MS = Number(process.env.SCALE_TIMEOUT_MS || 30_000);
const PORT = Number(process.env.SCALE_PORT || 3210);
/** A view slower than this once is not asked again at this size: one sample says enough. */
const SLOW_MS = 5_000;

/** Where the corpus is built or restored, size after size; each size is then copied out to be served. */
const buildDir = freshDataDir('scale');
process.env.DATA_DIR = buildDir;

interface Sample {
  medianMs: number;
  p95Ms: number;
  kb: number;
  status: number;
}

/** How long the server may go on with a request the client gave up on before it is restarted. */
const IDLE_MS = Number(process.env.SCALE_IDLE_MS || 60_000);

/** Polls /api/health until it answers within 100 ms; false if that did not happen within IDLE_MS. */
async function waitIdle(base: string): Promise<boolean> {
  const deadline = Date.now() + IDLE_MS;
  while (Date.now() < deadline) {
    const started = performance.now();
    const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(IDLE_MS) }).catch(() => null);
    if (health?.ok && performance.now() - started < 100) return true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return false;
}

function serverRssMb(server: Server): number {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** One view at one size; `na` when the app has no such route (404 on the first call). */
interface Measured extends Sample {
  na: boolean;
  /** The server was still busy with this view IDLE_MS after the client gave up. */
  stuck?: boolean;
}

type Corpus = Awaited<ReturnType<typeof import('./scale/corpus').startCorpus>>;

/** One size's corpus, served by its own server for the whole measuring phase. */
interface Served {
  size: number;
  corpus: Corpus;
  server: Server;
  cookies: { lead: string; reviewer: string };
  peakRssMb: number;
}

function summarize(timed: Timed[]): Measured {
  const ms = timed.map((r) => r.ms).sort((a, b) => a - b);
  return { medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95), kb: timed[0].bytes / 1024, status: timed[0].status, na: false };
}

/**
 * Times one view at every size, interleaved: each round asks every size's server once, in an
 * order that alternates between rounds, so load from elsewhere on the machine falls on all sizes
 * alike and the growth between them is measured under the same conditions.
 */
async function measureInterleaved(served: Served[], request: (s: Served) => Promise<Timed>): Promise<Measured[]> {
  const runs = served.map(() => [] as Timed[]);
  const done: Array<Measured | null> = served.map(() => null);
  for (let round = 0; round < REPEATS; round++) {
    const order = served.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      if (done[i]) continue;
      const s = served[i];
      const timed = await request(s);
      s.peakRssMb = Math.max(s.peakRssMb, serverRssMb(s.server));
      if (round === 0 && timed.status === 404) {
        done[i] = { medianMs: 0, p95Ms: 0, kb: 0, status: 404, na: true };
        continue;
      }
      runs[i].push(timed);
      // The server goes on with a request the client gave up on: let it finish, so the next
      // request is measured on an idle server and not behind this one.
      if (timed.status === 0 && !(await waitIdle(s.server.base))) done[i] = { ...summarize(runs[i]), status: 0, stuck: true };
      else if (timed.ms >= SLOW_MS) done[i] = summarize(runs[i]);
    }
  }
  return served.map((_, i) => done[i] ?? summarize(runs[i]));
}

/** Agreement right after a write (one article to recompute): POST a tag, then GET the figures. */
function agreementAfterWrite(round: { n: number }) {
  return async (s: Served): Promise<Timed> => {
    const i = round.n++;
    const token = s.corpus.reviewers[0].token;
    const articleId = s.corpus.articleIds[(i * 37) % s.corpus.articleIds.length];
    await fetch(`${s.server.base}/api/articles/${articleId}/annotations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'claim', start: 10 + (i % 40), end: 60 + (i % 40) }),
    });
    return timedGet(`${s.server.base}/api/projects/${s.corpus.projectId}/agreement`, { authorization: `Bearer ${token}` }, TIMEOUT_MS);
  };
}

/**
 * Waits for the claim board's first build, which a cached corpus has not done yet (a desk's
 * database builds it as the project grows). The build runs in the background in short steps;
 * its time is a figure of its own, and the board views are then timed as a desk sees them.
 */
async function boardReady(base: string, corpus: Corpus, token: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const res = await fetch(`${base}/api/projects/${corpus.projectId}/board`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { building?: unknown };
    if (!res.ok || !body.building) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Builds (or takes from the cache) every size in turn, leaving each in a DATA_DIR of its own. */
async function prepareCorpora(extra: Record<string, number>): Promise<Array<{ size: number; corpus: Corpus; dataDir: string }>> {
  const { startCorpus, grow } = await import('./scale/corpus');
  const { restoreCorpus, saveCorpus } = await import('./scale/cache');
  const { projectAgreement } = await import('../lib/data/agreement');
  const { closeDb, getSqlite } = await import('../lib/db/client');
  const prepared: Array<{ size: number; corpus: Corpus; dataDir: string }> = [];
  let corpus: Corpus | null = null;
  for (const size of SIZES) {
    const started = Date.now();
    const cached = restoreCorpus(size, buildDir);
    if (cached) {
      corpus = cached;
      console.log(`Corpus of ${size} articles from the cache: ${JSON.stringify(corpus.counts)}`);
    } else {
      console.log(`Building the corpus up to ${size} articles ...`);
      corpus ??= await startCorpus();
      await grow(corpus, size);
      const built = (Date.now() - started) / 1000;
      extra[`build${size}Seconds`] = Math.round(built);
      console.log(`  ${JSON.stringify(corpus.counts)} in ${built.toFixed(0)} s`);
      // The agreement cache is part of the database a desk has; its first, whole-project fill is timed here.
      const cold = performance.now();
      await projectAgreement({ actor: corpus.lead.actor, projectId: corpus.projectId });
      extra[`agreementCold${size}Ms`] = Math.round(performance.now() - cold);
      console.log(`  agreement cache filled in ${extra[`agreementCold${size}Ms`]} ms`);
      saveCorpus(size, corpus);
    }
    const dataDir = freshDataDir(`scale-${size}`);
    getSqlite().exec(`VACUUM INTO '${path.join(dataDir, 'workbench.sqlite').replace(/'/g, "''")}'`);
    prepared.push({ size, corpus: structuredClone(corpus), dataDir });
  }
  await closeDb();
  return prepared;
}

async function main() {
  const { PASSWORD } = await import('./scale/corpus');
  const { viewsFor } = await import('./scale/views');
  const { signIn } = await import('./scale/http');
  const extra: Record<string, number> = {};
  const prepared = await prepareCorpora(extra);
  fs.rmSync(buildDir, { recursive: true, force: true });
  const served: Served[] = [];
  try {
    for (const [i, p] of prepared.entries()) {
      const server = await startServer(PORT + i, p.dataDir, Boolean(process.env.SCALE_LOG));
      const cookies = { lead: await signIn(server.base, p.corpus.lead.email, PASSWORD), reviewer: await signIn(server.base, p.corpus.reviewers[0].email, PASSWORD) };
      served.push({ size: p.size, corpus: p.corpus, server, cookies, peakRssMb: 0 });
      extra[`boardBuild${p.size}Ms`] = Math.round(await boardReady(server.base, p.corpus, p.corpus.lead.token));
      console.log(`Serving ${p.size} articles on ${server.base}; board built in the background in ${extra[`boardBuild${p.size}Ms`]} ms`);
    }
    const results = new Map<string, Measured[]>();
    // Every size is served by the same build: one size's views name that size's ids.
    const viewsBySize = served.map((s) => viewsFor(s.corpus));
    for (const [v, view] of viewsBySize[0].entries()) {
      const samples = await measureInterleaved(served, (s) => {
        const path = viewsBySize[served.indexOf(s)][v].path;
        const headers: Record<string, string> = view.kind === 'page' ? { cookie: s.cookies[view.as] } : { authorization: `Bearer ${(view.as === 'lead' ? s.corpus.lead : s.corpus.reviewers[0]).token}` };
        return timedGet(s.server.base + path, headers, TIMEOUT_MS);
      });
      results.set(view.name, samples);
      console.log(`  ${view.name.padEnd(20)} ${samples.map((m, i) => `${served[i].size}: ${m.na ? 'n/a' : `${m.medianMs.toFixed(0)} ms ${m.kb.toFixed(0)} KB${m.status === 0 ? ' TIMED OUT' : ''}`}`).join('   ')}`);
      for (const [i, m] of samples.entries()) {
        if (!m.stuck) continue;
        // Still rendering what nobody waits for: start afresh so the next views are measured at all.
        console.log(`  (${view.name} at ${served[i].size} still busy after ${IDLE_MS / 1000} s: restarting that server)`);
        await stopServer(served[i].server, 'SIGKILL');
        served[i].server = await startServer(served[i].server.port, served[i].server.dataDir, Boolean(process.env.SCALE_LOG));
        served[i].cookies = { lead: await signIn(served[i].server.base, served[i].corpus.lead.email, PASSWORD), reviewer: await signIn(served[i].server.base, served[i].corpus.reviewers[0].email, PASSWORD) };
      }
    }
    const after = await measureInterleaved(served, agreementAfterWrite({ n: 0 }));
    results.set('agreementAfterWrite', after);
    console.log(`  ${'agreementAfterWrite'.padEnd(20)} ${after.map((m, i) => `${served[i].size}: ${m.medianMs.toFixed(0)} ms`).join('   ')}`);
    for (const s of served) extra[`serverRss${s.size}Mb`] = Math.round(s.peakRssMb);
    const views = [...viewsBySize[0], { name: 'agreementAfterWrite', kind: 'api' as const, as: 'reviewer' as const, path: '' }];
    report(results, views, Math.max(...served.map((s) => s.peakRssMb)), extra);
  } finally {
    for (const s of served) await stopServer(s.server, 'SIGTERM');
    for (const p of prepared) fs.rmSync(p.dataDir, { recursive: true, force: true });
  }
}

function report(results: Map<string, Measured[]>, views: Array<{ name: string; kind: 'page' | 'api' }>, peakRss: number, extra: Record<string, number>) {
  const out: Record<string, number> = {};
  const head = ['view', ...SIZES.flatMap((s) => [`${s} median`, 'p95', 'KB']), 'growth'];
  console.log(`\n${head.join(' | ')}\n${head.map(() => '---').join(' | ')}`);
  let worstPageMs = 0;
  let worstPageKb = 0;
  let worstGrowth = 0;
  for (const view of views) {
    const samples = results.get(view.name) ?? [];
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!last || last.na) {
      console.log([view.name, ...SIZES.flatMap(() => ['n/a', '', '']), 'n/a'].join(' | '));
      continue;
    }
    const growth = first && !first.na ? last.medianMs / Math.max(first.medianMs, 1) : 0;
    out[`${view.name}Ms`] = Math.round(last.medianMs);
    out[`${view.name}Kb`] = Math.round(last.kb);
    out[`${view.name}Growth`] = Number(growth.toFixed(2));
    if (view.kind === 'page') {
      worstPageMs = Math.max(worstPageMs, last.medianMs);
      worstPageKb = Math.max(worstPageKb, last.kb);
    }
    worstGrowth = Math.max(worstGrowth, growth);
    const cells = samples.flatMap((s) => (s.na ? ['n/a', '', ''] : [s.status === 0 ? `>${TIMEOUT_MS}` : s.medianMs.toFixed(0), s.p95Ms.toFixed(0), s.kb.toFixed(0)]));
    console.log([view.name, ...cells, `${growth.toFixed(2)}x`].join(' | '));
  }
  Object.assign(out, extra, { worstPageMs: Math.round(worstPageMs), worstPageKb: Math.round(worstPageKb), worstGrowth: Number(worstGrowth.toFixed(2)), serverRssMb: Math.round(peakRss) });
  console.log(`\nworst page: ${out.worstPageMs} ms, ${out.worstPageKb} KB; worst growth ${out.worstGrowth}x; server RSS peak ${out.serverRssMb} MB`);
  console.log('targets at the largest size: page <= 300 ms and <= 300 KB, API list <= 100 ms, growth <= 1.5x, agreement <= 1 s, suggestions <= 100 ms, RSS <= 500 MB');
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(out) + '\n');
  console.log(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(buildDir, { recursive: true, force: true });
  process.exit(1);
});
