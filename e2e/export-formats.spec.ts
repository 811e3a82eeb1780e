import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { test, expect, createTestUser, createProjectWith, createTestArticle } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';

test('a lead picks Label Studio, span JSONL, doccano and FEVER in the export form and gets those files', async ({ pageAs }) => {
  const lead = await createTestUser({ name: 'Format Lead' });
  const project = await createProjectWith([[lead, 'lead']]);
  const body = '他说 🇺🇦 — The minister said: "We will not give up our territories." Officials confirmed it.';
  const article = await createTestArticle(project, { title: '领土 minister', body, outlet: 'Wire' });
  const start = body.indexOf('We will');
  const exact = 'We will not give up our territories';
  await createAnnotation({ actor: { userId: lead.id }, articleId: article.id, input: { label: 'claim', start, end: start + exact.length } });
  const startCp = Array.from(body.slice(0, start)).length;

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/export`);
  const download = async (label: RegExp, name: RegExp) => {
    await page.getByLabel(label).check();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(name);
    const path = test.info().outputPath(file.suggestedFilename());
    await file.saveAs(path);
    return fs.readFileSync(path);
  };

  const tasks = JSON.parse((await download(/Label Studio tasks/, /-labelstudio-\d{8}T\d{6}Z\.labelstudio\.json$/)).toString('utf8'));
  expect(tasks[0].annotations[0].result[0].value).toMatchObject({ start: startCp, end: startCp + exact.length, text: exact, labels: ['Claim'] });
  const [line] = (await download(/Span JSONL/, /\.spans\.jsonl$/)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(line.spans[0]).toMatchObject({ start: startCp, label: 'claim', text: exact });
  const [doc] = (await download(/doccano JSONL/, /\.doccano\.jsonl$/)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(doc.label).toEqual([[start, start + exact.length, 'Claim']]);
  const fever = unzipSync(new Uint8Array(await download(/^FEVER/, /-fever-\d{8}T\d{6}Z\.zip$/)));
  expect(Object.keys(fever).sort()).toEqual(['claims.jsonl', 'manifest.json', 'pages.jsonl']);
  await expect(page.getByLabel(/CSV for data tools/)).toBeVisible();
});
