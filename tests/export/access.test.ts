import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { BASE, collectText } from './collect';
import { exportProject } from '@/lib/data/exports';
import { EXPORT_FORMATS } from '@/lib/export/types';
import { getDb } from '@/lib/db/client';
import { annotations } from '@/lib/db/tables';
import { exec } from '@/lib/db/query';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

const start = async (actor: Fixture['lead']['actor'], request: Record<string, string>, projectId = f.project.id) => await exportProject({ actor, projectId, request, baseUrl: BASE });

describe('who may export, and bad requests', () => {
  it('leads may export; reviewers and viewers get 403; non-members and unknown projects 404', async () => {
    expect((await (await start(f.lead.actor, { format: 'csv' })).chunks.return(undefined)).done).toBe(true);
    await expect(start(f.reviewer.actor, { format: 'csv' })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(start(f.viewer.actor, { format: 'csv' })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(start(f.outsider.actor, { format: 'csv' })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(start(f.lead.actor, { format: 'csv' }, 999_999)).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });

  it('an unknown format or filter, or a bad filter value, is a 400 naming it', async () => {
    await expect(start(f.lead.actor, { format: 'xml' })).rejects.toThrow(`format: must be one of ${EXPORT_FORMATS.join(', ')}`);
    await expect(start(f.lead.actor, {})).rejects.toThrow(expect.objectContaining({ status: 400 }));
    await expect(start(f.lead.actor, { format: 'csv', colour: 'red' })).rejects.toThrow(/unknown field\(s\) colour/);
    await expect(start(f.lead.actor, { format: 'csv', status: 'accepted,maybe' })).rejects.toThrow(/status\.1: must be one of/);
    await expect(start(f.lead.actor, { format: 'csv', label: 'claim', author: 'bob' })).rejects.toThrow(/author\.0: must be user ids/);
    await expect(start(f.lead.actor, { format: 'csv', articles: '' })).rejects.toThrow(/articles: give at least one value/);
  });
});

describe('one consistent snapshot', () => {
  it('writes made during an export are not blocked and do not appear in it', async () => {
    const stream = await start(f.lead.actor, { format: 'jsonl' });
    const first = (await stream.chunks.next()).value as string;
    expect(JSON.parse(first).counts.annotations).toBe(9);
    const { emoji } = f.articles;
    const t0 = Date.now();
    await exec(getDb().insert(annotations).values({ projectId: f.project.id, articleId: emoji.id, authorId: f.reviewer.user.id, label: 'context', start: 0, end: 9, exact: emoji.body.slice(0, 9) }));
    expect(Date.now() - t0).toBeLessThan(1000);
    const rest = await collectText(stream.chunks);
    const exported = rest.trim().split('\n').flatMap((l) => JSON.parse(l).annotations);
    expect(exported).toHaveLength(9);
    const after = await collectText((await start(f.lead.actor, { format: 'jsonl' })).chunks);
    expect(after.trim().split('\n').slice(1).flatMap((l) => JSON.parse(l).annotations)).toHaveLength(10);
  });
});
