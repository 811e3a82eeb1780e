/**
 * The board and the agreement page on bench:scale's cached 2,000-article corpus (SHOT_SIZE):
 * screenshots at 1440x900 and 390x844 into /work/notes/shots/board, the board's "building"
 * state with /api/health polled while it builds, then the built pages and their APIs timed
 * five times. Uses the build in .next: `npx tsx bench/scale/boardShots.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from '@playwright/test';
import { freshDataDir, startServer, stopServer } from '../harness';
import { signIn, timedGet } from './http';

const OUT = process.env.SHOT_DIR || '/work/notes/shots/board';
const SIZE = Number(process.env.SHOT_SIZE || 2000);

async function main() {
  const { restoreCorpus } = await import('./cache');
  const { PASSWORD } = await import('./corpus');
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = freshDataDir('shots');
  const corpus = restoreCorpus(SIZE, dataDir);
  if (!corpus) throw new Error(`no cached corpus of ${SIZE}`);
  const db = new Database(path.join(dataDir, 'workbench.sqlite'));
  db.prepare('update board_state set built_generation = 0').run();
  db.close();
  const server = await startServer(3299, dataDir, false);
  try {
    const cookie = await signIn(server.base, corpus.lead.email, PASSWORD);
    const board = `${server.base}/projects/${corpus.projectId}/board`;
    const first = await timedGet(board, { cookie }, 30_000);
    console.log(`first board request (starts the build): ${first.ms.toFixed(0)} ms, ${(first.bytes / 1024).toFixed(0)} KB, ${first.status}`);
    const health: number[] = [];
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(cookie.split('; ').map((c) => {
      const i = c.indexOf('=');
      return { name: c.slice(0, i), value: c.slice(i + 1), url: server.base };
    }));
    const page = await context.newPage();
    await page.goto(board);
    await page.screenshot({ path: `${OUT}/board-building-desktop.png` });
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      const t = performance.now();
      await fetch(`${server.base}/api/health`);
      health.push(performance.now() - t);
      if (await page.getByTestId('claim-board').count()) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`board built after ${Date.now() - started} ms; /api/health meanwhile: slowest ${Math.max(...health).toFixed(0)} ms over ${health.length} polls`);
    await page.screenshot({ path: `${OUT}/board-desktop.png` });
    await page.screenshot({ path: `${OUT}/board-desktop-full.png`, fullPage: true });
    await page.evaluate(() => document.querySelector('[data-testid="claim-board"]')?.scrollIntoView());
    await page.screenshot({ path: `${OUT}/board-desktop-table.png` });
    const agreement = `${server.base}/projects/${corpus.projectId}/agreement`;
    await page.goto(agreement);
    await page.screenshot({ path: `${OUT}/agreement-desktop.png` });
    await page.evaluate(() => document.querySelector('#by-article')?.scrollIntoView());
    await page.screenshot({ path: `${OUT}/agreement-desktop-articles.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(board);
    await page.screenshot({ path: `${OUT}/board-phone.png` });
    await page.evaluate(() => document.querySelector('[data-testid="board-row"]')?.scrollIntoView());
    await page.screenshot({ path: `${OUT}/board-phone-rows.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(`board on a phone: ${overflow} px of sideways scroll`);
    await page.goto(agreement);
    await page.screenshot({ path: `${OUT}/agreement-phone.png` });
    const agreementOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(`agreement on a phone: ${agreementOverflow} px of sideways scroll`);
    await page.evaluate(() => document.querySelector('#by-article')?.scrollIntoView());
    await page.screenshot({ path: `${OUT}/agreement-phone-articles.png` });
    const token = corpus.reviewers[0].token;
    const views: Array<[string, string, Record<string, string>]> = [
      ['board page (built)', board, { cookie }],
      ['board page, next page', `${board}?sort=newest`, { cookie }],
      ['agreement page', agreement, { cookie }],
      ['GET /api/projects/:id/board', `${server.base}/api/projects/${corpus.projectId}/board`, { authorization: `Bearer ${token}` }],
      ['GET /api/projects/:id/agreement', `${server.base}/api/projects/${corpus.projectId}/agreement`, { authorization: `Bearer ${token}` }],
    ];
    for (const [name, url, headers] of views) {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await timedGet(url, headers, 30_000));
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      console.log(`${name}: median ${ms[2].toFixed(0)} ms (min ${ms[0].toFixed(0)}, max ${ms[4].toFixed(0)}), ${(runs[0].bytes / 1024).toFixed(0)} KB, ${runs[0].status}`);
    }
    await browser.close();
  } finally {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
