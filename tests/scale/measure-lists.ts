/**
 * Measures the paginated lists at desk size (npx tsx tests/scale/measure-lists.ts): 2,000
 * articles and 100,000 annotations (inserted in bulk; the triggers keep the counters as they
 * would for lib/data writes), 20,000 links, then the median time of one page of the articles
 * list per sort, with search and filters, of the links list and of the count query the old
 * list ran on every load. Not a test: figures for docs and the report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lists-measure-'));
process.env.AUTH_SECRET ??= 'measure-secret';

async function main() {
  const { getSqlite } = await import('../../lib/db/client');
  const { SYSTEM } = await import('../../lib/data/actor');
  const { createProject } = await import('../../lib/data/projects');
  const { listArticlesPage } = await import('../../lib/data/articleList');
  const { pageLinksForProject } = await import('../../lib/data/linkViews');
  const db = getSqlite();
  const articles = Number(process.env.ARTICLES ?? 2000);
  const project = await createProject({ actor: SYSTEM, input: { name: 'Measure', slug: 'measure' } });
  db.prepare("insert into users (email, name, password_hash) values ('m@example.test', 'M', 'x')").run();
  const user = (db.prepare('select id from users').get() as { id: number }).id;
  const outlets = ['Kyiv Independent', 'UNN', 'Reuters', 'Ukrainska Pravda', 'BBC Monitoring', 'Meduza', 'AP', 'Le Monde'];
  const words = 'Ukraine will not legally recognize any temporarily occupied territories as Russian and the accession to NATO depends on all members Zelenskyy said'.split(' ');
  const t0 = Date.now();
  db.transaction(() => {
    const insA = db.prepare('insert into articles (project_id, title, outlet, published_at, body, sha256) values (?, ?, ?, ?, ?, ?)');
    const insN = db.prepare("insert into annotations (project_id, article_id, author_id, label, start, \"end\", exact, status) values (?, ?, ?, ?, ?, ?, 'x', ?)");
    const insL = db.prepare("insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id) values (?, ?, ?, 'corroborates', ?)");
    let annotation = 0;
    for (let i = 0; i < articles; i++) {
      const body = Array.from({ length: 700 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ') + ` report ${i}`;
      const id = Number(insA.run(project.id, `Report ${i} ${words[i % words.length]}`, outlets[i % outlets.length], `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, body, `sha${i}`).lastInsertRowid);
      for (let j = 0; j < 50; j++) {
        insN.run(project.id, id, user, ['claim', 'quote', 'context'][j % 3], j * 10, j * 10 + 5, ['proposed', 'accepted', 'rejected'][(i + j) % 3]);
        annotation++;
        if (j % 5 === 0 && i > 0) insL.run(project.id, annotation - 50, annotation, user);
      }
    }
  })();
  console.log(`corpus: ${articles} articles, ${articles * 50} annotations in ${Date.now() - t0} ms`);
  db.pragma('optimize');

  const median = async (fn: () => unknown | Promise<unknown>, n = 15) => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = process.hrtime.bigint();
      await fn();
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(n / 2)].toFixed(2);
  };
  const actor = SYSTEM;
  const rows: Array<[string, string]> = [];
  for (const sort of ['imported', '-date', 'outlet', '-annotations', '-unreviewed']) {
    rows.push([`articles sort=${sort}, first page`, await median(async () => await listArticlesPage({ actor, projectId: project.id, query: { sort } }))]);
    const second = (await listArticlesPage({ actor, projectId: project.id, query: { sort } })).nextCursor;
    rows.push([`articles sort=${sort}, a later page`, await median(async () => await listArticlesPage({ actor, projectId: project.id, query: { sort, cursor: second } }))]);
  }
  rows.push(['articles q=zelenskyy report, sort=-date', await median(async () => await listArticlesPage({ actor, projectId: project.id, query: { q: 'zelenskyy report', sort: '-date' } }))]);
  rows.push(['articles outlet=Reuters from..to, sort=-annotations', await median(async () => await listArticlesPage({ actor, projectId: project.id, query: { outlet: 'Reuters', from: '2025-03-01', to: '2025-06-30', sort: '-annotations' } }))]);
  rows.push(['links of the project, first page', await median(async () => await pageLinksForProject({ actor, projectId: project.id, query: {} }))]);
  const cursor = (await pageLinksForProject({ actor, projectId: project.id, query: {} })).nextCursor;
  rows.push(['links of the project, a later page', await median(async () => await pageLinksForProject({ actor, projectId: project.id, query: { cursor } }))]);
  const oldCount = db.prepare('select article_id, label, count(*) from annotations where project_id = ? and deleted_at is null group by article_id, label');
  rows.push(['(before) per-label counts of every annotation, as the old list ran on each load', await median(() => oldCount.all(project.id), 5)]);
  for (const [name, ms] of rows) console.log(`${ms.padStart(8)} ms  ${name}`);
  const page = await listArticlesPage({ actor, projectId: project.id, query: {} });
  console.log(`one page of articles as JSON: ${(JSON.stringify(page).length / 1024).toFixed(1)} KB`);
}

void main();
