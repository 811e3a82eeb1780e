/**
 * Scale benchmark (`npm run bench:scale`): builds a desk-sized corpus through lib/data in a
 * fresh DATA_DIR (default 500, then 2,000 articles with 50 annotations, 10 links, 25 reviews and
 * 2.5 comments each, one long article, 30 members; bench/scale/corpus.ts), serves the built
 * app, and measures every page (as the lead and as a reviewer) and every list endpoint (first
 * page, default limit) at each size: median and p95 over repeats, bytes sent, and the growth of
 * the median from the first size to the last. A route the app lacks is "n/a". Prints a table;
 * with BENCH_OUT set, writes `<view>Ms`, `<view>Kb`, `<view>Growth`, `worstPageMs`,
 * `worstPageKb`, `worstGrowth`, `serverRssMb`, and for sizes built in this run
 * `build<size>Seconds` and `agreementCold<size>Ms` as JSON.
 *
 * A built corpus is cached between runs (bench/scale/cache.ts; SCALE_CACHE=0 builds anew).
 * SCALE_SIZES=500,2000 (article counts), SCALE_REPEATS=5, SCALE_TIMEOUT_MS=30000 (a request
 * that runs out of time counts as the limit), SCALE_PORT=3210, SCALE_LOG=1 (the server's output).
 */
import fs from 'node:fs';
import { freshDataDir, percentile, startServer, stopServer, type Server } from './harness';
import { timedGet } from './scale/http';

const SIZES = (process.env.SCALE_SIZES || '500,2000').split(',').map(Number);
const REPEATS = Number(process.env.SCALE_REPEATS || 5);
const TIMEOUT_MS = Number(process.env.SCALE_TIMEOUT_MS || 30_000);
const PORT = Number(process.env.SCALE_PORT || 3210);
/** A view slower than this once is not asked again at this size: one sample says enough. */
const SLOW_MS = 5_000;

const dataDir = freshDataDir('scale');
process.env.DATA_DIR = dataDir;

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

async function measure(base: string, path: string, headers: Record<string, string>): Promise<Measured> {
  const runs = [await timedGet(base + path, headers, TIMEOUT_MS)];
  if (runs[0].status === 404) return { medianMs: 0, p95Ms: 0, kb: 0, status: 404, na: true };
  // The server goes on with a request the client gave up on: let it finish, so the next
  // view is measured on an idle server and not behind this one.
  if (runs[0].status === 0 && !(await waitIdle(base))) return { medianMs: TIMEOUT_MS, p95Ms: TIMEOUT_MS, kb: 0, status: 0, na: false, stuck: true };
  while (runs.length < REPEATS && runs[0].ms < SLOW_MS) runs.push(await timedGet(base + path, headers, TIMEOUT_MS));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95), kb: runs[0].bytes / 1024, status: runs[0].status, na: false };
}

/** Agreement right after a write (one article to recompute): POST a tag, then GET the figures. */
async function agreementAfterWrite(base: string, corpus: Corpus, token: string): Promise<Measured> {
  const ms: number[] = [];
  let last = { bytes: 0, status: 0 };
  for (let i = 0; i < REPEATS; i++) {
    const articleId = corpus.articleIds[(i * 37) % corpus.articleIds.length];
    await fetch(`${base}/api/articles/${articleId}/annotations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'claim', start: 10 + i, end: 60 + i }),
    });
    const timed = await timedGet(`${base}/api/projects/${corpus.projectId}/agreement`, { authorization: `Bearer ${token}` }, TIMEOUT_MS);
    ms.push(timed.ms);
    last = timed;
  }
  ms.sort((a, b) => a - b);
  return { medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95), kb: last.bytes / 1024, status: last.status, na: false };
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

type Corpus = Awaited<ReturnType<typeof import('./scale/corpus').startCorpus>>;

async function main() {
  const { startCorpus, grow, PASSWORD } = await import('./scale/corpus');
  const { restoreCorpus, saveCorpus } = await import('./scale/cache');
  const { projectAgreement } = await import('../lib/data/agreement');
  const { closeDb } = await import('../lib/db/client');
  const { viewsFor } = await import('./scale/views');
  const { signIn } = await import('./scale/http');
  const results = new Map<string, Measured[]>();
  const extra: Record<string, number> = {};
  let corpus: Corpus | null = null;
  let peakRss = 0;
  for (const size of SIZES) {
    const started = Date.now();
    const cached = restoreCorpus(size, dataDir);
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
    closeDb();
    let server = await startServer(PORT, dataDir, Boolean(process.env.SCALE_LOG));
    const signInBoth = async (base: string) => ({
      lead: await signIn(base, corpus!.lead.email, PASSWORD),
      reviewer: await signIn(base, corpus!.reviewers[0].email, PASSWORD),
    });
    try {
      let cookies = await signInBoth(server.base);
      extra[`boardBuild${size}Ms`] = Math.round(await boardReady(server.base, corpus, corpus.lead.token));
      console.log(`  board built in the background in ${extra[`boardBuild${size}Ms`]} ms`);
      for (const view of viewsFor(corpus)) {
        const headers: Record<string, string> = view.kind === 'page' ? { cookie: cookies[view.as] } : { authorization: `Bearer ${(view.as === 'lead' ? corpus.lead : corpus.reviewers[0]).token}` };
        const sample = await measure(server.base, view.path, headers);
        peakRss = Math.max(peakRss, serverRssMb(server));
        if (sample.stuck) {
          // Still rendering what nobody waits for: start afresh so the next views are measured at all.
          console.log(`  (${view.name} still busy after ${IDLE_MS / 1000} s: restarting the server)`);
          await stopServer(server, 'SIGKILL');
          server = await startServer(PORT, dataDir, Boolean(process.env.SCALE_LOG));
          cookies = await signInBoth(server.base);
        }
        results.set(view.name, [...(results.get(view.name) ?? []), sample]);
        const shown = sample.na ? '      n/a' : `${sample.medianMs.toFixed(0).padStart(7)} ms  ${sample.kb.toFixed(0).padStart(7)} KB  ${sample.status === 0 ? 'TIMED OUT' : sample.status}`;
        console.log(`  ${view.name.padEnd(20)} ${shown}`);
      }
      const after = await agreementAfterWrite(server.base, corpus, corpus.reviewers[0].token);
      results.set('agreementAfterWrite', [...(results.get('agreementAfterWrite') ?? []), after]);
      console.log(`  ${'agreementAfterWrite'.padEnd(20)} ${after.medianMs.toFixed(0).padStart(7)} ms`);
      peakRss = Math.max(peakRss, serverRssMb(server));
    } finally {
      await stopServer(server, 'SIGTERM');
    }
  }
  const views = [...viewsFor(corpus!), { name: 'agreementAfterWrite', kind: 'api' as const, as: 'reviewer' as const, path: '' }];
  report(results, views, peakRss, extra);
  fs.rmSync(dataDir, { recursive: true, force: true });
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
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
