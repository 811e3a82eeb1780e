/**
 * npm run bench:reader — how the reader copes with a 200,000-character article carrying 20,000
 * annotations, in headless Chromium, as multiples of rendering the plain text. Each scenario
 * runs in a fresh page that loads the same data and script, so only the painting differs.
 * Also opens the real side panel with 2,000 annotations and scrolls it. Prints the four goals
 * (highlights over plain, Recogito's best over ours, add-one, memory) as met or missed.
 * BENCH_OUT=file also writes {highlightsOverPlain, addOneMs, memoryOverPlain, recogitoOverPlain,
 * recogitoBestOverOurs, panelOpenMs, panelRows, panelScrollFrameMs}.
 */
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { makeArticle, makeSpans } from './reader/article';
import { bundle, html, launch, openPage } from './reader/page';

const RUNS = Number(process.env.BENCH_RUNS || 5);

/** JS heap in use after a full garbage collection (CDP), measured once idle-time work (the index) is done. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

interface Sample { ms: number; heap: number; drawnMs: number | null; addMs?: number; scrollMs?: number }

async function scenario(browser: Browser, files: Record<string, string>, name: string, arg?: string, extras = false): Promise<Sample> {
  const page = await openPage(browser, files);
  const ms = await page.evaluate(([n, a]) => window.bench[n](a), [name, arg] as const);
  const drawnMs = await page.evaluate(() => window.drawnMs);
  await page.waitForTimeout(800);
  const heap = await heapAfterGc(page);
  const sample: Sample = { ms, heap, drawnMs };
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

interface Scenario { key: string; name: string; arg?: string; extras?: boolean }
interface Summary { ms: number; heap: number; addMs?: number; scrollMs?: number; all: Sample[] }

/**
 * Runs every scenario once per round, rounds interleaved, so a change in machine load during
 * the run affects all of them alike; reports the median of each.
 */
async function measureAll(browser: Browser, files: Record<string, string>, scenarios: Scenario[]): Promise<Record<string, Summary>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const s of scenarios) samples[s.key].push(await scenario(browser, files, s.name, s.arg, s.extras));
  }
  const out: Record<string, Summary> = {};
  for (const [key, list] of Object.entries(samples)) {
    const pick = (k: keyof Sample) => (list[0][k] === undefined ? undefined : median(list.map((x) => x[k] as number)));
    out[key] = { ms: pick('ms')!, heap: pick('heap')!, addMs: pick('addMs'), scrollMs: pick('scrollMs'), all: list };
  }
  return out;
}

async function main(): Promise<void> {
  const body = makeArticle();
  const spans = makeSpans(body);
  const { js, css } = await bundle();
  const files = { 'index.html': html(css), 'data.js': `window.BENCH=${JSON.stringify({ body, spans })};`, 'app.js': js };
  const browser = await launch();
  console.log(`Reader benchmark: ${body.length.toLocaleString()} characters, ${spans.length.toLocaleString()} annotations, ${RUNS} rounds, scenarios interleaved (median), Chromium ${browser.version()}`);
  await scenario(browser, files, 'plain');
  const m = await measureAll(browser, files, [
    { key: 'plain', name: 'plain', extras: true },
    { key: 'ours', name: 'highlights', extras: true },
    { key: 'marks', name: 'marks' },
    { key: 'recogito', name: 'recogito' },
    { key: 'recogitoCss', name: 'recogito', arg: 'CSS_HIGHLIGHTS' },
  ]);
  const { plain, ours, marks, recogito, recogitoCss } = m;
  const panel = await measurePanel(browser, files, PANEL_ROWS);
  await browser.close();

  const r = (x: number, base: number) => Math.round((x / base) * 100) / 100;
  const rows: Array<[string, string, string]> = [
    ['plain text render', `${plain.ms.toFixed(1)} ms`, '1.00x'],
    ['reader with all highlights (ours, Highlight API)', `${ours.ms.toFixed(1)} ms`, `${r(ours.ms, plain.ms)}x`],
    ['reader, <mark> fallback near the viewport', `${marks.ms.toFixed(1)} ms`, `${r(marks.ms, plain.ms)}x`],
    ['@recogito/text-annotator (default SPANS renderer)', `${recogito.ms.toFixed(1)} ms`, `${r(recogito.ms, plain.ms)}x`],
    ['@recogito/text-annotator (CSS_HIGHLIGHTS renderer)', `${recogitoCss.ms.toFixed(1)} ms`, `${r(recogitoCss.ms, plain.ms)}x`],
    ['add one annotation, click to painted', `${ours.addMs!.toFixed(1)} ms`, `${r(ours.addMs!, plain.ms)}x`],
    ['scroll the whole article (ours)', `${ours.scrollMs!.toFixed(0)} ms`, `${r(ours.scrollMs!, plain.scrollMs!)}x of plain scrolling`],
    ['JS heap after GC (ours)', `${(ours.heap / 1e6).toFixed(1)} MB`, `${r(ours.heap, plain.heap)}x`],
    ['JS heap after GC (recogito)', `${(recogito.heap / 1e6).toFixed(1)} MB`, `${r(recogito.heap, plain.heap)}x`],
  ];
  rows.push(
    [`side panel with ${PANEL_ROWS.toLocaleString()} annotations: open`, `${panel.openMs.toFixed(1)} ms`, `${panel.rows} rows in the DOM`],
    ['side panel: scroll to the last, per frame', `${panel.frameMs.toFixed(1)} ms`, panel.reachedLast ? 'last row reached' : 'LAST ROW NOT REACHED'],
  );
  for (const [what, value, ratio] of rows) console.log(`${what.padEnd(52)} ${value.padStart(11)}  ${ratio}`);
  const bestRecogito = Math.min(recogito.ms, recogitoCss.ms);
  // Ratios within each round (same load for both), then their median and spread.
  const perRound = (f: (i: number) => number) => {
    const xs = Array.from({ length: RUNS }, (_, i) => f(i));
    return { median: Math.round(median(xs) * 100) / 100, min: Math.min(...xs), max: Math.max(...xs) };
  };
  const at = (s: Summary, i: number) => s.all[i].ms;
  const oursOverPlain = perRound((i) => at(ours, i) / at(plain, i));
  const recogitoBestOverOursRound = perRound((i) => Math.min(at(recogito, i), at(recogitoCss, i)) / at(ours, i));
  const spread = (what: string, s: { median: number; min: number; max: number }) =>
    console.log(`  ${what.padEnd(50)} median ${s.median.toFixed(2)}x, rounds ${s.min.toFixed(2)}-${s.max.toFixed(2)}x`);
  console.log('\nPer-round ratios (each round measures every scenario under the same load):');
  for (const [what, s] of [['plain', plain], ['ours', ours], ['recogito SPANS', recogito], ['recogito CSS_HIGHLIGHTS', recogitoCss]] as const) {
    console.log(`  ${`${what} render, ms per round`.padEnd(50)} ${s.all.map((x) => x.ms.toFixed(0)).join(' ')}`);
  }
  const drawn = (s: Summary) => {
    const xs = s.all.map((x) => x.drawnMs).filter((x): x is number => x !== null);
    return xs.length < s.all.length ? `not drawn within 8 s in ${s.all.length - xs.length} of ${s.all.length} rounds` : `${median(xs).toFixed(0)} ms`;
  };
  console.log('\nUntil the first painted frame that shows highlights in view:');
  for (const [what, s] of [['ours', ours], ['recogito SPANS', recogito], ['recogito CSS_HIGHLIGHTS', recogitoCss]] as const) console.log(`  ${what.padEnd(50)} ${drawn(s)}`);
  spread('ours over plain', oursOverPlain);
  spread("Recogito's best over ours", recogitoBestOverOursRound);
  const result = {
    highlightsOverPlain: r(ours.ms, plain.ms),
    highlightsOverPlainPerRound: oursOverPlain,
    recogitoBestOverOursPerRound: recogitoBestOverOursRound,
    addOneMs: Math.round(ours.addMs! * 10) / 10,
    memoryOverPlain: r(ours.heap, plain.heap),
    recogitoOverPlain: r(recogito.ms, plain.ms),
    recogitoBestOverOurs: r(bestRecogito, ours.ms),
    panelOpenMs: Math.round(panel.openMs * 10) / 10,
    panelRows: panel.rows,
    panelScrollFrameMs: Math.round(panel.frameMs * 10) / 10,
  };
  const goals: Array<[string, string, boolean]> = [
    ['highlights over plain text', `${result.highlightsOverPlain}x (goal <= 1.3x)`, result.highlightsOverPlain <= 1.3],
    ["Recogito's best renderer over ours", `${result.recogitoBestOverOurs}x faster (goal >= 5x)`, result.recogitoBestOverOurs >= 5],
    ['add one annotation', `${result.addOneMs} ms (goal <= 50 ms)`, result.addOneMs <= 50],
    ['memory over plain text', `${result.memoryOverPlain}x (goal <= 1.3x)`, result.memoryOverPlain <= 1.3],
  ];
  console.log('\nThe four figures (ratios against baselines measured in this run):');
  for (const [what, value, ok] of goals) console.log(`  ${ok ? 'met    ' : 'MISSED '} ${what.padEnd(36)} ${value}`);
  console.log(JSON.stringify(result));
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
