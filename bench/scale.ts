/**
 * Scale benchmark (`npm run bench:scale`): builds a desk-sized corpus through lib/data in a
 * fresh DATA_DIR (default 500, then 2,000 articles with 50 annotations, 10 links, 25 reviews and
 * 2.5 comments each, 30 members), serves the built app, and measures every page (as the lead
 * and as a reviewer) and every list endpoint at each size: median and p95 over repeats, bytes
 * sent, and the growth of the median from the first size to the last. Prints a table; with
 * BENCH_OUT set, writes `<view>Ms`, `<view>Kb`, `<view>Growth`, `worstPageMs`, `worstPageKb`,
 * `worstGrowth` and `serverRssMb` as JSON.
 *
 * SCALE_SIZES=60,240 (article counts), SCALE_REPEATS=5, SCALE_TIMEOUT_MS=30000 (a request that
 * runs out of time counts as the limit), SCALE_PORT=3210, SCALE_LOG=1 (the server's output).
 */
import fs from 'node:fs';
import { freshDataDir, percentile, startServer, stopServer, type Server } from './harness';

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

/** Polls /api/health until it answers within 100 ms (at most 10 minutes). */
async function waitIdle(base: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(120_000) }).catch(() => null);
    if (health?.ok && performance.now() - started < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function serverRssMb(server: Server): number {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function main() {
  const { startCorpus, grow, PASSWORD } = await import('./scale/corpus');
  const { viewsFor } = await import('./scale/views');
  const { signIn, timedGet } = await import('./scale/http');
  const corpus = await startCorpus();
  const results = new Map<string, Sample[]>();
  let peakRss = 0;
  for (const size of SIZES) {
    const started = Date.now();
    console.log(`Building the corpus up to ${size} articles ...`);
    await grow(corpus, size);
    console.log(`  ${JSON.stringify(corpus.counts)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const server = await startServer(PORT, dataDir, Boolean(process.env.SCALE_LOG));
    try {
      const cookies = {
        lead: await signIn(server.base, corpus.lead.email, PASSWORD),
        reviewer: await signIn(server.base, corpus.reviewers[0].email, PASSWORD),
      };
      for (const view of viewsFor(corpus)) {
        const headers: Record<string, string> = view.kind === 'page' ? { cookie: cookies[view.as] } : { authorization: `Bearer ${(view.as === 'lead' ? corpus.lead : corpus.reviewers[0]).token}` };
        const runs = [await timedGet(server.base + view.path, headers, TIMEOUT_MS)];
        // The server goes on with a request the client gave up on: let it finish, so the next
        // view is measured on an idle server and not behind this one.
        if (runs[0].status === 0) await waitIdle(server.base);
        while (runs.length < REPEATS && runs[0].ms < SLOW_MS) runs.push(await timedGet(server.base + view.path, headers, TIMEOUT_MS));
        peakRss = Math.max(peakRss, serverRssMb(server));
        const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
        const sample = { medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95), kb: runs[0].bytes / 1024, status: runs[0].status };
        results.set(view.name, [...(results.get(view.name) ?? []), sample]);
        console.log(`  ${view.name.padEnd(20)} ${sample.medianMs.toFixed(0).padStart(7)} ms  ${sample.kb.toFixed(0).padStart(7)} KB  ${sample.status === 0 ? 'TIMED OUT' : sample.status}`);
      }
    } finally {
      await stopServer(server, 'SIGTERM');
    }
  }
  report(results, viewsFor(corpus), peakRss);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function report(results: Map<string, Sample[]>, views: ReturnType<typeof import('./scale/views').viewsFor>, peakRss: number) {
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
    const growth = first && last ? last.medianMs / Math.max(first.medianMs, 1) : 0;
    out[`${view.name}Ms`] = Math.round(last.medianMs);
    out[`${view.name}Kb`] = Math.round(last.kb);
    out[`${view.name}Growth`] = Number(growth.toFixed(2));
    if (view.kind === 'page') {
      worstPageMs = Math.max(worstPageMs, last.medianMs);
      worstPageKb = Math.max(worstPageKb, last.kb);
    }
    worstGrowth = Math.max(worstGrowth, growth);
    const cells = samples.flatMap((s) => [s.status === 0 ? `>${TIMEOUT_MS}` : s.medianMs.toFixed(0), s.p95Ms.toFixed(0), s.kb.toFixed(0)]);
    console.log([view.name, ...cells, `${growth.toFixed(2)}x`].join(' | '));
  }
  Object.assign(out, { worstPageMs: Math.round(worstPageMs), worstPageKb: Math.round(worstPageKb), worstGrowth: Number(worstGrowth.toFixed(2)), serverRssMb: Math.round(peakRss) });
  console.log(`\nworst page: ${out.worstPageMs} ms, ${out.worstPageKb} KB; worst growth ${out.worstGrowth}x; server RSS peak ${out.serverRssMb} MB`);
  console.log('targets at the largest size: page <= 300 ms and <= 300 KB, API list <= 100 ms, growth <= 1.5x, RSS <= 500 MB');
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(out) + '\n');
  console.log(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
