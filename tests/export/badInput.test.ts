/**
 * Bad export requests: an unknown format is a 400 that lists the formats (the API's message
 * names them all), and filters that select nothing give a well-formed empty file, with its
 * manifest where the format has one, in every format: never a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { exportBytes } from './collect';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { createToken } from '@/lib/data/tokens';
import { updatePublishingSettings } from '@/lib/data/publishing';
import { EXPORT_FORMATS, type ExportFormat } from '@/lib/export/types';
import { UTF8_BOM, CSV_COLUMNS } from '@/lib/export/csv';

let f: Fixture;
let route: RouteModule;
let token: string;
beforeAll(async () => {
  f = await buildFixture();
  route = (await importRoute('/api/projects/:projectId/export'))!;
  token = (await createToken({ actor: f.lead.actor, input: { name: 'test' } })).token;
  // ClaimReview needs the publisher (without it: 422, tested in claimreview.test.ts).
  const publisher = { organizationName: 'Desk Fact Check', organizationUrl: 'https://desk.example/', factCheckUrlPattern: 'https://desk.example/fact-checks/{claimId}' };
  await updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: publisher });
});

const get = (query: string) => callRoute(route, { method: 'GET', url: `/api/projects/${f.project.id}/export?${query}`, params: { projectId: String(f.project.id) }, token });

const NOTHING = { articles: '999999' };
const text = async (format: ExportFormat) => Buffer.from(await exportBytes(f.lead.actor, f.project.id, { format, ...NOTHING })).toString('utf8');
const zip = async (format: ExportFormat) => Object.fromEntries(Object.entries(unzipSync(await exportBytes(f.lead.actor, f.project.id, { format, ...NOTHING }))).map(([k, v]) => [k, strFromU8(v)]));

describe('export bad input', () => {
  it('answers an unknown format with 400 and the list of formats', async () => {
    const res = await get('format=xlsx');
    expect(res.status).toBe(400);
    const message = (res.json as { error: { message: string } }).error.message;
    expect(message).toContain(`must be one of ${EXPORT_FORMATS.join(', ')}`);
  });

  it.each([...EXPORT_FORMATS])('answers 200 with a well-formed file for %s when the filters select nothing', async (format) => {
    const res = await get(`format=${format}&articles=999999`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-annotations')).toBe('0');
  });

  it('writes the empty files with their manifests or headers', async () => {
    expect(JSON.parse((await text('jsonl')).split('\n')[0])).toMatchObject({ type: 'manifest', counts: { articles: 0, annotations: 0 } });
    expect(await text('csv')).toBe(`${UTF8_BOM}${CSV_COLUMNS.join(',')}\r\n`);
    expect(await text('csv-raw')).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(JSON.parse(await text('labelstudio'))).toEqual([]);
    expect(await text('spans')).toBe('');
    expect(await text('doccano')).toBe('');
    const fever = await zip('fever');
    expect([fever['claims.jsonl'], fever['pages.jsonl']]).toEqual(['', '']);
    expect(JSON.parse(fever['manifest.json'])).toMatchObject({ counts: { pages: 0, claims: 0, skipped: 0 }, filters: { articles: [999999] } });
    const brat = await zip('brat');
    expect(Object.keys(brat).sort()).toEqual(['README.txt', 'annotation.conf', 'links.tsv', 'visual.conf'].map((n) => `${f.project.slug}-brat/${n}`));
  });
});
