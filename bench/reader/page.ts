/**
 * The benchmark page: the reader's code bundled by esbuild (bench/reader/entry.ts) and served,
 * with the article's data, to a fresh Chromium page. Shared by bench:reader and its tracer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser, type Page } from '@playwright/test';

const ORIGIN = 'http://bench.invalid';

/** The panel's extension slot (links, reviews) talks to the server; it only renders for a selected row, so the bench leaves it out. */
const noExtras: Plugin = {
  name: 'no-extras',
  setup(b) {
    b.onResolve({ filter: /^@\/components\/(links\/LinksSection|review\/ReviewSection)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: `export const ${args.path.split('/').pop()} = () => null;`, loader: 'js' }));
  },
};

export async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'entry.ts')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', minify: true, jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' }, plugins: [noExtras],
    outdir: '/bench-out', tsconfig: path.join(__dirname, '..', '..', 'tsconfig.json'), logLevel: 'error',
  });
  const file = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

export function html(css: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; font-family: Georgia, serif; } .body { max-width: 46rem; margin: 2rem auto; font-size: 1.08rem; line-height: 1.75; }
.body p { margin: 0 0 1.1em; white-space: pre-wrap; }</style></head>
<body><div id="root"></div><script src="/data.js"></script><script src="/app.js"></script></body></html>`;
}

export async function launch(): Promise<Browser> {
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  try {
    return await chromium.launch({ executablePath: system, args: ['--no-sandbox', '--enable-precise-memory-info'] });
  } catch {
    return chromium.launch({ args: ['--no-sandbox', '--enable-precise-memory-info'] });
  }
}

export async function openPage(browser: Browser, files: Record<string, string>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route(`${ORIGIN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    return route.fulfill({ body: files[name] ?? '', contentType: name.endsWith('.js') ? 'text/javascript' : 'text/html' });
  });
  await page.goto(`${ORIGIN}/`);
  return page;
}
