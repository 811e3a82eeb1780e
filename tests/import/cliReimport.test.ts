/** `import --project <p> <file>` of an article already in the project at the same URL, through the real command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { listRevisions } from '@/lib/data/revisions';
import { makeProject, makeUser } from '../helpers';
import { tag } from '../review/fixtures';
import { cli } from '../cli/run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-reimport-'));

it('reports a re-import with another text as a new revision with its counts, and the same text as unchanged', async () => {
  const reviewer = await makeUser();
  const project = await makeProject([[reviewer.user.id, 'reviewer']]);
  const url = 'https://news.example/ukraine/київ';
  const body = 'Zelenskyy spoke in Kyiv on Friday. “This is an absolutely fair position,” he said. 🇺🇦\n\nThe talks continue.';
  const article = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Kyiv', url, body } });
  await tag(article, reviewer.user.id, 'quote', 'This is an absolutely fair position');
  const file = path.join(dir, 'again.json');
  fs.writeFileSync(file, JSON.stringify([{ title: 'Kyiv (corrected)', url: url.toUpperCase(), body: body.replace('absolutely ', '') }]));
  const first = cli(['import', '--project', project.slug, file]);
  expect(first.code).toBe(0);
  expect(first.lines[0]).toBe(`again.json:1: article ${article.id} "Kyiv (corrected)" re-imported as revision 2: 0 kept, 1 edited, 0 moved, 0 orphaned`);
  expect(first.lines.at(-1)).toBe(`Imported 0, revised 1, skipped 0, into project ${project.slug} (id ${project.id}).`);
  const again = cli(['import', '--project', project.slug, file]);
  expect(again.lines[0]).toBe(`again.json:1: skipped: unchanged, already in project as article ${article.id}`);
  expect((await listRevisions({ actor: SYSTEM, articleId: article.id })).items.map((r) => r.source)).toEqual(['import', 'reimport']);
});
