/**
 * npx tsx bench/reader-trace.ts — where the first frame of each renderer goes: runs plain, ours
 * and Recogito's renderers in fresh pages (interleaved, BENCH_RUNS rounds) under Chrome tracing
 * and prints, per renderer, the median main-thread time of each kind of work (script, style,
 * layout, paint...) from the start of its work to its first painted frame. A profiling aid beside bench:reader.
 */
import { makeArticle, makeSpans } from './reader/article';
import { bundle, html, launch, openPage } from './reader/page';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const KINDS: Record<string, string> = {
  FunctionCall: 'script', EvaluateScript: 'script', 'v8.compile': 'compile', 'v8.compileModule': 'compile', V8Compile: 'compile',
  UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'prepaint', Paint: 'paint', Layerize: 'composite', 'Commit': 'composite',
  UpdateLayer: 'composite', CompositeLayers: 'composite', HitTest: 'hittest', MajorGC: 'gc', MinorGC: 'gc', FireIdleCallback: 'idle',
};

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; cat: string; args?: { data?: { name?: string } } }

async function main() {
  const body = makeArticle();
  const spans = makeSpans(body);
  const { js, css } = await bundle();
  const files = { 'index.html': html(css), 'data.js': `window.BENCH=${JSON.stringify({ body, spans })};`, 'app.js': js };
  const browser = await launch();
  // Recogito's runs trace seconds of frames until it draws: only with TRACE_RECOGITO=1.
  const scenarios: Array<[string, string, string?]> = [['plain', 'plain'], ['ours', 'highlights'], ...(process.env.TRACE_RECOGITO ? [['recogito', 'recogito'] as [string, string]] : [])];
  const results: Record<string, Array<Record<string, number>>> = {};
  for (let round = 0; round < RUNS; round++) {
    for (const [key, name, arg] of scenarios) {
      const page = await openPage(browser, files);
      const cdp = await page.context().newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,blink.user_timing', transferMode: 'ReportEvents' });
      const { firstFrameMs: ms } = await page.evaluate(([n, a]) => window.renderers[n](a), [name, arg] as const);
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const mark = (n: string) => events.find((e) => e.name === n)?.ts ?? 0;
      const t0 = mark('work-start');
      const t1 = mark('first-frame');
      const main = events.find((e) => e.name === 'work-start')!;
      const sums: Record<string, number> = { total: ms };
      // Self time of each main-thread event in the interval (children subtracted), by kind;
      // work under an unknown event counts for its nearest known ancestor.
      const slices = events.filter((e) => e.ph === 'X' && e.tid === main.tid && e.pid === main.pid && e.ts >= t0 && e.ts <= t1 && e.dur)
        .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
      const stack: Array<{ e: TraceEvent; kind: string; self: number }> = [];
      const close = () => { const top = stack.pop()!; sums[top.kind] = (sums[top.kind] ?? 0) + top.self / 1000; };
      for (const e of slices) {
        while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= e.ts) close();
        const parent = stack[stack.length - 1];
        if (parent) parent.self -= e.dur!;
        stack.push({ e, kind: KINDS[e.name] ?? parent?.kind ?? 'other', self: e.dur! });
      }
      while (stack.length) close();
      (results[key] ??= []).push(sums);
      await page.close();
    }
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kinds = [...new Set(Object.values(results).flatMap((rs) => rs.flatMap((r) => Object.keys(r))))];
  console.log(`${`ms (median of ${RUNS})`.padEnd(22)} ${Object.keys(results).map((k) => k.padStart(12)).join('')}`);
  for (const kind of kinds) console.log(`${kind.padEnd(22)} ${Object.values(results).map((rs) => median(rs.map((r) => r[kind] ?? 0)).toFixed(1).padStart(12)).join('')}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
