/**
 * Screenshots of the desk-sized views (issue 12): serve the app on a copy of the cached corpus
 * (`DATA_DIR=<copy> PORT=3311 npm start`), then `SHOTS_BASE=http://127.0.0.1:3311
 * SHOTS_OUT=<folder> npx tsx bench/scale/shots.ts`. Signs in through the sign-in page as the
 * corpus's first reviewer and as its lead, and saves each page at 1440x900 and 390x844:
 * review queue, inbox, claim board, agreement, the project's articles and the export page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { PASSWORD } from './corpus';

const BASE = process.env.SHOTS_BASE || 'http://127.0.0.1:3311';
const OUT = process.env.SHOTS_OUT || '/work/notes/shots/scale';
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

type Shot = [name: string, url: string, act?: (page: Page) => Promise<void>];

async function shoot(browser: Browser, email: string, who: string, pages: Shot[]) {
  for (const size of SIZES) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, baseURL: BASE });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    for (const [name, url, act] of pages) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await act?.(page);
      const file = path.join(OUT, `${name}-${who}-${size.name}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
}

async function main() {
  const corpus = JSON.parse(fs.readFileSync(process.env.SHOTS_CORPUS!, 'utf8')) as { projectId: number; lead: { email: string }; reviewers: Array<{ email: string }> };
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) });
  const p = corpus.projectId;
  try {
    await shoot(browser, corpus.reviewers[0].email, 'reviewer', [
      ['review', `/projects/${p}/review`],
      ['inbox', '/inbox'],
      ['board', `/projects/${p}/board`],
    ]);
    await shoot(browser, corpus.lead.email, 'lead', [
      ['review', `/projects/${p}/review`],
      ['board', `/projects/${p}/board`],
      ['agreement', `/projects/${p}/agreement`],
      ['articles', `/projects/${p}`],
      ['export', `/projects/${p}/export`],
      // The article picker in use: one article chosen, a search showing its matches.
      ['export-search', `/projects/${p}/export`, async (page) => {
        const search = page.getByRole('searchbox', { name: /Articles/ });
        await page.getByRole('list', { name: 'Most annotated articles' }).getByRole('button').first().click();
        await search.fill('Reuters sanctions');
        await page.getByRole('list', { name: 'Matching articles' }).waitFor();
        await search.scrollIntoViewIfNeeded();
        await page.waitForTimeout(800);
      }],
    ]);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
