/**
 * npm run bench:reader — how the reader copes with a 200,000-character article carrying 20,000
 * annotations, in headless Chromium, as multiples of rendering the plain text. Each scenario
 * runs in a fresh page that loads the same data and script, so only the painting differs.
 * Every renderer is timed the same way: from the start of its work to the first painted frame
 * that shows its highlights in view, in wall-clock time and in CPU time of the page's main
 * thread (the goals use the latter: steadier on a busy machine). Every scenario runs once per
 * round, rounds interleaved, and each ratio is taken within a round (same load for both sides),
 * then its median over the rounds. Also opens the real side panel with 2,000 annotations and scrolls it. Prints the four
 * goals (highlights over plain, Recogito's best over ours, add-one, memory) as met or missed.
 * BENCH_OUT=file also writes {highlightsOverPlain, addOneMs, memoryOverPlain, recogitoOverPlain,
 * recogitoBestOverOurs, recogitoFirstFrameOverOurs, panelOpenMs, panelRows, panelScrollFrameMs}.
 */
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { makeArticle, makeSpans } from './reader/article';
import type { Timing } from './reader/entry';
import { bundle, html, launch, openPage } from './reader/page';

const RUNS = Number(process.env.BENCH_RUNS || 7);

/** JS heap in use after a full garbage collection (CDP), measured once idle-time work (the index) is done. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** `cpuMs`: CPU time of the page's main thread over the same interval as `shownMs`. */
interface Sample extends Timing { cpuMs: number; heap: number; addMs?: number; scrollMs?: number }

async function scenario(browser: Browser, files: Record<string, string>, name: string, arg?: string, extras = false): Promise<Sample> {
  const page = await openPage(browser, files);
  // The main thread's CPU time (CDP Performance metrics in thread ticks): other processes on a
  // busy machine stretch the wall clock, much less the CPU time the page itself needs.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'ThreadTime')!.value * 1000;
  const before = await threadTime();
  const timing = await page.evaluate(([n, a]) => window.renderers[n](a), [name, arg] as const);
  const cpuMs = (await threadTime()) - before;
  await page.waitForTimeout(800);
  const sample: Sample = { ...timing, cpuMs, heap: await heapAfterGc(page) };
  if (extras) {
    if (name === 'highlights') sample.addMs = await page.evaluate(() => window.bench.addOne());
    sample.scrollMs = await page.evaluate(() => window.bench.scroll());
  }
  await page.close();
  return sample;
}

const PANEL_ROWS = 2_000;

/** Opens the real side panel with `count` annotations in a fresh page, then scrolls its list to the end; medians over RUNS. */
async function measurePanel(browser: Browser, files: Record<string, string>, count: number) {
  const open: number[] = [];
  const frames: number[] = [];
  let rows = 0;
  let reachedLast = true;
  for (let i = 0; i < RUNS; i++) {
    const page = await openPage(browser, files);
    const o = await page.evaluate((n) => window.panel.open(n), count);
    const sc = await page.evaluate(() => window.panel.scroll());
    open.push(o.ms);
    frames.push(sc.frameMs);
    rows = o.rows;
    reachedLast &&= sc.reachedLast;
    await page.close();
  }
  return { openMs: median(open), frameMs: median(frames), rows, reachedLast };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x: number) => Math.round(x * 100) / 100;

interface Scenario { key: string; name: string; arg?: string; extras?: boolean }

/**
 * Runs every scenario once per round, rounds interleaved, so a change in machine load during
 * the run affects all of them alike. The first round warms the browser up and is dropped.
 */
async function measureAll(browser: Browser, files: Record<string, string>, scenarios: Scenario[]): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  for (let round = -1; round < RUNS; round++) {
    for (const s of scenarios) {
      const sample = await scenario(browser, files, s.name, s.arg, s.extras);
      if (round >= 0) samples[s.key].push(sample);
    }
  }
  return samples;
}

/** A ratio taken within each round, then its median and spread over the rounds (null: never shown). */
function perRound(f: (i: number) => number | null) {
  const xs = Array.from({ length: RUNS }, (_, i) => f(i)).filter((x): x is number => x !== null && Number.isFinite(x));
  return xs.length === 0 ? null : { median: round2(median(xs)), min: round2(Math.min(...xs)), max: round2(Math.max(...xs)), rounds: xs.length };
}

async function main(): Promise<void> {
  const body = makeArticle();
  const spans = makeSpans(body);
  const { js, css } = await bundle();
  const files = { 'index.html': html(css), 'data.js': `window.BENCH=${JSON.stringify({ body, spans })};`, 'app.js': js };
  const browser = await launch();
  console.log(`Reader benchmark: ${body.length.toLocaleString()} characters, ${spans.length.toLocaleString()} annotations, ${RUNS} rounds (after one warm-up round), scenarios interleaved, Chromium ${browser.version()}`);
  const m = await measureAll(browser, files, [
    { key: 'plain', name: 'plain', extras: true },
    { key: 'ours', name: 'highlights', extras: true },
    { key: 'marks', name: 'marks' },
    { key: 'recogito', name: 'recogito' },
    { key: 'recogitoCss', name: 'recogito', arg: 'CSS_HIGHLIGHTS' },
  ]);
  const panel = await measurePanel(browser, files, PANEL_ROWS);
  await browser.close();

  const { plain, ours, marks, recogito, recogitoCss } = m;
  const shown = (s: Sample) => s.shownMs ?? Infinity;
  const recogitoBest = (i: number) => Math.min(shown(recogito[i]), shown(recogitoCss[i]));
  // CPU time counts only for a renderer that showed its highlights.
  const cpu = (s: Sample) => (s.shownMs === null ? Infinity : s.cpuMs);
  const ratios = {
    cpuOursOverPlain: perRound((i) => cpu(ours[i]) / plain[i].cpuMs),
    cpuRecogitoBestOverOurs: perRound((i) => Math.min(cpu(recogito[i]), cpu(recogitoCss[i])) / cpu(ours[i])),
    oursOverPlain: perRound((i) => shown(ours[i]) / plain[i].firstFrameMs),
    marksOverPlain: perRound((i) => shown(marks[i]) / plain[i].firstFrameMs),
    recogitoBestOverOurs: perRound((i) => recogitoBest(i) / shown(ours[i])),
    recogitoOverPlain: perRound((i) => shown(recogito[i]) / plain[i].firstFrameMs),
    // The lower bound: Recogito's first frame, although it shows no highlight yet.
    recogitoFirstFrameOverOurs: perRound((i) => Math.min(recogito[i].firstFrameMs, recogitoCss[i].firstFrameMs) / shown(ours[i])),
    memoryOverPlain: perRound((i) => ours[i].heap / plain[i].heap),
    recogitoMemoryOverPlain: perRound((i) => recogito[i].heap / plain[i].heap),
    scrollOverPlain: perRound((i) => ours[i].scrollMs! / plain[i].scrollMs!),
  };
  const ms = (xs: Sample[], k: 'firstFrameMs' | 'shownMs' | 'cpuMs') => {
    const got = xs.map((x) => x[k]).filter((x): x is number => x !== null);
    return got.length === 0 ? 'never' : `${median(got).toFixed(0)} ms${got.length < xs.length ? ` (shown in ${got.length} of ${xs.length} rounds)` : ''}`;
  };
  const x = (r: { median: number; min: number; max: number } | null) => (r ? `${r.median.toFixed(2)}x (rounds ${r.min.toFixed(2)}-${r.max.toFixed(2)}x)` : 'n/a');
  const errors = (xs: Sample[]) => [...new Set(xs.map((s) => s.error).filter(Boolean))].join('; ');

  console.log('\nMedian over the rounds       first frame   highlights shown   main-thread CPU   shown, over plain (per round)');
  for (const [what, xs, r] of [['plain text', plain, 'baseline'], ['ours (Highlight API)', ours, ratios.oursOverPlain], ['ours, <mark> fallback', marks, ratios.marksOverPlain],
    ['Recogito SPANS', recogito, ratios.recogitoOverPlain], ['Recogito CSS_HIGHLIGHTS', recogitoCss, perRound((i) => shown(recogitoCss[i]) / plain[i].firstFrameMs)]] as const) {
    const over = r === 'baseline' ? '1.00x' : r ? x(r) : 'never shown';
    console.log(`  ${what.padEnd(26)} ${ms(xs, 'firstFrameMs').padStart(12)} ${ms(xs, 'shownMs').padStart(18)} ${ms(xs, 'cpuMs').padStart(17)}   ${over}`);
    if (errors(xs)) console.log(`  ${''.padEnd(26)} error: ${errors(xs)}`);
  }
  console.log(`\n  first frame, ms per round: plain ${plain.map((s) => s.firstFrameMs.toFixed(0)).join(' ')}; ours ${ours.map((s) => s.firstFrameMs.toFixed(0)).join(' ')}; Recogito SPANS ${recogito.map((s) => s.firstFrameMs.toFixed(0)).join(' ')}`);
  console.log(`  ours over plain, main-thread CPU: ${x(ratios.cpuOursOverPlain)}; wall clock: ${x(ratios.oursOverPlain)}`);
  console.log(`  Recogito's best over ours, highlights shown, main-thread CPU: ${x(ratios.cpuRecogitoBestOverOurs)}; wall clock: ${x(ratios.recogitoBestOverOurs)}`);
  console.log(`  Recogito's first frame (no highlight yet) over ours: ${x(ratios.recogitoFirstFrameOverOurs)}`);
  console.log(`  add one annotation, click to painted: ${median(ours.map((s) => s.addMs!)).toFixed(1)} ms`);
  console.log(`  scroll the whole article: ${x(ratios.scrollOverPlain)} of plain`);
  console.log(`  JS heap after GC: ours ${(median(ours.map((s) => s.heap)) / 1e6).toFixed(1)} MB, ${x(ratios.memoryOverPlain)}; Recogito ${(median(recogito.map((s) => s.heap)) / 1e6).toFixed(1)} MB, ${x(ratios.recogitoMemoryOverPlain)}`);
  console.log(`  side panel with ${PANEL_ROWS.toLocaleString()} annotations: open ${panel.openMs.toFixed(1)} ms (${panel.rows} rows in the DOM), scroll ${panel.frameMs.toFixed(1)} ms a frame${panel.reachedLast ? '' : ', LAST ROW NOT REACHED'}`);

  const result = {
    highlightsOverPlain: ratios.cpuOursOverPlain?.median ?? null,
    highlightsOverPlainPerRound: ratios.cpuOursOverPlain,
    highlightsOverPlainWall: ratios.oursOverPlain,
    addOneMs: Math.round(median(ours.map((s) => s.addMs!)) * 10) / 10,
    memoryOverPlain: ratios.memoryOverPlain?.median ?? null,
    recogitoOverPlain: ratios.recogitoOverPlain?.median ?? null,
    recogitoBestOverOurs: ratios.cpuRecogitoBestOverOurs?.median ?? null,
    recogitoBestOverOursPerRound: ratios.cpuRecogitoBestOverOurs,
    recogitoBestOverOursWall: ratios.recogitoBestOverOurs,
    recogitoFirstFrameOverOurs: ratios.recogitoFirstFrameOverOurs?.median ?? null,
    panelOpenMs: Math.round(panel.openMs * 10) / 10,
    panelRows: panel.rows,
    panelScrollFrameMs: Math.round(panel.frameMs * 10) / 10,
  };
  const goals: Array<[string, string, boolean]> = [
    ['highlights over plain text', `${result.highlightsOverPlain}x (goal <= 1.3x)`, (result.highlightsOverPlain ?? Infinity) <= 1.3],
    ["Recogito's best renderer over ours", `${result.recogitoBestOverOurs}x slower (goal >= 5x)`, (result.recogitoBestOverOurs ?? 0) >= 5],
    ['add one annotation', `${result.addOneMs} ms (goal <= 50 ms)`, result.addOneMs <= 50],
    ['memory over plain text', `${result.memoryOverPlain}x (goal <= 1.3x)`, (result.memoryOverPlain ?? Infinity) <= 1.3],
  ];
  console.log('\nThe four figures (medians of ratios within each round, main-thread CPU until highlights are shown):');
  for (const [what, value, ok] of goals) console.log(`  ${ok ? 'met    ' : 'MISSED '} ${what.padEnd(36)} ${value}`);
  console.log(JSON.stringify(result));
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
