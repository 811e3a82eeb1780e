/**
 * Native JSONL is built straight from the rows (readNativeLines), not through the records the
 * other formats read. These tests hold the two byte-equal, under every filter, on the export
 * fixture plus what it lacks: an edited annotation (updatedAt after createdAt), a span left on
 * an older revision, a deleted link and one whose other end a filter drops.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { annotations, links } from '@/lib/db/tables';
import { exportProject, openSnapshot, type ExportRequest } from '@/lib/data/exports';
import { exportStatements, readArticles } from '@/lib/data/exportRecords';
import { jsonlSink, serializeJsonl } from '@/lib/export/jsonl';
import { runSinkAsync } from '@/lib/export/sink';
import { databaseUrl } from '@/lib/db/engine';
import { openPgSnapshot } from '@/lib/db/pg/snapshot';
import { serverSigningKey, signLineBytes, verifyLine } from '@/lib/export/signature';
import type { ExportFilters } from '@/lib/export/types';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText } from './moreText';
import { BASE, collectBytes } from './collect';
import { exec } from '@/lib/db/query';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
  await addMoreText(f);
  const { claim2, ctx3, quote4 } = f.annotations;
  await exec(f.db.update(annotations).set({ note: 'edited later — ✓', updatedAt: new Date(Date.now() + 60_000), version: 2 }).where(eq(annotations.id, claim2.id)));
  // A span the last revision could not place stays on revision 0's text: not exported.
  await exec(f.db.update(annotations).set({ revision: 0 }).where(eq(annotations.id, quote4.id)));
  await exec(f.db.insert(links).values({ projectId: f.project.id, fromAnnotationId: Math.min(claim2.id, ctx3.id), toAnnotationId: Math.max(claim2.id, ctx3.id), relation: 'conflicts', status: 'proposed', authorId: f.reviewer.user.id, deletedAt: new Date() }));
});

const toBytes = collectBytes;

/**
 * The same export through the records every other format reads, with the same context. On
 * PostgreSQL in pages of two articles, so page boundaries (links and reviews across them) count too.
 */
async function throughRecords(context: Parameters<typeof serializeJsonl>[0], filters: ExportFilters): Promise<Buffer> {
  const url = databaseUrl();
  if (url) {
    const snapshot = await openPgSnapshot(url);
    try {
      return await toBytes(runSinkAsync(() => jsonlSink(context, serverSigningKey()), readArticles({ snapshot, projectId: f.project.id, filters, pageSize: 2 })));
    } finally {
      await snapshot.close();
    }
  }
  const sqlite = openSnapshot();
  try {
    return await toBytes(serializeJsonl(context, readArticles(exportStatements(sqlite, f.project.id, filters)), serverSigningKey()));
  } finally {
    sqlite.exec('commit');
    sqlite.close();
  }
}

describe('native JSONL from rows', () => {
  const cases: Array<[string, () => ExportRequest]> = [
    ['no filter', () => ({ format: 'jsonl' })],
    ['status accepted', () => ({ format: 'jsonl', status: 'accepted' })],
    ['labels claim and quote', () => ({ format: 'jsonl', label: 'claim,quote' })],
    ['one author', () => ({ format: 'jsonl', author: String(f.reviewer.user.id) })],
    ['two articles', () => ({ format: 'jsonl', articles: `${f.articles.emoji.id},${f.articles.accents.id}` })],
    ['status proposed, label context', () => ({ format: 'jsonl', status: 'proposed,disputed', label: 'context' })],
  ];
  for (const [name, request] of cases) {
    it(`is byte-equal to the records path: ${name}`, async () => {
      const stream = await exportProject({ actor: f.lead.actor, projectId: f.project.id, request: request(), baseUrl: BASE });
      const fast = await toBytes(stream.chunks);
      expect(fast.equals(await throughRecords(stream.context, stream.context.filters))).toBe(true);
      const lines = fast.toString('utf8').trimEnd().split('\n');
      expect(lines.length).toBe(stream.context.counts.articles + 1);
      const parsed = lines.slice(1).map((l) => JSON.parse(l));
      expect(parsed.reduce((n, a) => n + a.annotations.length, 0)).toBe(stream.context.counts.annotations);
      expect(parsed.reduce((n, a) => n + a.links.length, 0)).toBe(stream.context.counts.links);
      const reviews = parsed.flatMap((a) => [...a.annotations.flatMap((x: { reviews: unknown[] }) => x.reviews), ...a.links.flatMap((x: { reviews: unknown[] }) => x.reviews)]);
      expect(reviews.length).toBe(stream.context.counts.reviews);
      expect(reviews.filter((r) => r.supersededAt === null).length).toBe(stream.context.counts.liveReviews);
      for (const l of lines.slice(1)) expect(verifyLine(l, serverSigningKey(), 1)).toBe('verified');
    });
  }

  it('carries the edit time, leaves out the span on an older revision and the deleted link', async () => {
    const stream = await exportProject({ actor: f.lead.actor, projectId: f.project.id, request: { format: 'jsonl' }, baseUrl: BASE });
    const articles = (await toBytes(stream.chunks)).toString('utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l));
    const all = articles.flatMap((a) => a.annotations);
    const edited = all.find((a) => a.id === f.annotations.claim2.id);
    expect(edited.note).toBe('edited later — ✓');
    expect(edited.updatedAt > edited.createdAt).toBe(true);
    expect(all.some((a) => a.id === f.annotations.quote4.id)).toBe(false);
    expect(articles.flatMap((a) => a.links).every((l) => l.relation === 'corroborates' || l.id === f.links.l3.id)).toBe(true);
    const rtl = articles.find((a) => a.id === f.articles.rtl.id);
    expect(rtl.annotations.every((a: { revisionSha256: string }) => /^[0-9a-f]{64}$/.test(a.revisionSha256))).toBe(true);
  });
});

describe('signLineBytes', () => {
  const key = serverSigningKey();
  it.each([
    ['ASCII', '{"a":"plain text"}'],
    ['emoji and RTL', '{"a":"Zelenskyy 🇺🇦 said 👍🏽 — قال الرئيس שלום עולם"}'],
    ['CJK and astral', '{"a":"他说：“我们不会放弃领土。” 𠀋"}'],
    ['a line larger than the reused buffer', `{"a":"${'👍🏽 naïve '.repeat(400_000)}"}`],
  ])('writes %s as the exact UTF-8 bytes plus a signature that verifies', (_name, json) => {
    const bytes = signLineBytes(json, key, 1);
    const text = bytes.toString('utf8');
    expect(text.endsWith('"}\n')).toBe(true);
    expect(text.startsWith(json.slice(0, -1))).toBe(true);
    expect(bytes.length).toBe(Buffer.byteLength(json) - 1 + ',"signature":"v1:"}'.length + 64 + 1);
    expect(verifyLine(text.slice(0, -1), key, 1)).toBe('verified');
  });

  it('returns lines that later calls do not overwrite', () => {
    const first = signLineBytes('{"a":"first ✓"}', key, 1);
    const copy = Buffer.from(first);
    signLineBytes('{"a":"second, longer line that reuses the buffer 👍🏽"}', key, 1);
    expect(first.equals(copy)).toBe(true);
  });
});
