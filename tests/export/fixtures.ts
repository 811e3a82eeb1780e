/**
 * A small annotated project for export tests: articles with emoji, combining accents,
 * CRLF line breaks (normalized on import) and right-to-left text; claims, quotes and
 * context spans; links within and across articles; reviews (one replaced); verdicts.
 * Rows are inserted directly because the export reads the tables, whoever wrote them.
 */
import { getDb } from '@/lib/db/client';
import { eq } from 'drizzle-orm';
import { annotations, articles as articlesTable, links, reviews, verdicts, type Label, type Status } from '@/lib/db/tables';
import { importArticle } from '@/lib/data/articles';
import { makeProject, makeUser } from '../helpers';
import { first } from '@/lib/db/query';

export const TEXTS = {
  emoji: 'Zelenskyy 🇺🇦 said: "We will not give up our territories" 👍🏽 — Kyiv, 25 April.\n\nMinister 😀 replied later.',
  accents: 'Le président a dit : « Nous ne céderons pas » — Café, naïve, Ångström (A\u030Angstro\u0308m).\nSecond paragraph.',
  crlf: 'First line of the report.\r\nSecond line: "no concessions" said the official.\r\n\r\nThird 💬 paragraph.',
  rtl: 'قال الرئيس: "لن نتنازل عن أراضينا" 🇺🇦 — وأضاف: שלום עולם. End.',
};

function span(body: string, exact: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = body.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in body`);
  const end = start + exact.length;
  return { start, end, exact, prefix: body.slice(Math.max(0, start - 32), start), suffix: body.slice(end, end + 32) };
}

type Db = Awaited<ReturnType<typeof getDb>>;

async function addAnnotation(db: Db, projectId: number, articleId: number, authorId: number, body: string, label: Label, exact: string, extra: { status?: Status; note?: string; attributes?: Record<string, unknown>; occurrence?: number } = {}) {
  const s = span(body, exact, extra.occurrence);
  return await first(db
    .insert(annotations)
    .values({ projectId, articleId, authorId, label, ...s, note: extra.note ?? '', attributes: extra.attributes ?? {}, status: extra.status ?? 'proposed' })
    .returning());
}

export async function buildFixture() {
  const lead = await makeUser({ name: 'Lena Lead' });
  const reviewer = await makeUser({ name: 'Rami Reviewer' });
  const viewer = await makeUser({ name: 'Vera Viewer' });
  const outsider = await makeUser({ name: 'Otto Outsider' });
  const project = await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer'], [viewer.user.id, 'viewer']]);
  const db = getDb();
  const arts: Array<Awaited<ReturnType<typeof importArticle>>> = [];
  for (const [key, body] of Object.entries(TEXTS)) {
    arts.push(await importArticle({ actor: lead.actor, projectId: project.id, input: { title: `Article ${key}`, body, outlet: key === 'rtl' ? 'Al Jazeera' : '=Outlet+', url: 'https://example.org/' + key } }));
  }
  const bodies: string[] = [];
  for (const a of arts) bodies.push((await first(db.select().from(articlesTable).where(eq(articlesTable.id, a.id))))!.body);
  const [emoji, accents, crlf, rtl] = arts.map((a, i) => ({ id: a.id, body: bodies[i] }));
  const R = reviewer.user.id;
  const L = lead.user.id;
  const claim1 = await addAnnotation(db, project.id, emoji.id, R, emoji.body, 'claim', 'We will not give up our territories', { status: 'accepted', note: '=HYPERLINK("x")' });
  const quote1 = await addAnnotation(db, project.id, emoji.id, R, emoji.body, 'quote', '🇺🇦 said', { attributes: { speaker: 'Zelenskyy', quoteKind: 'verbatim' }, status: 'accepted' });
  const ctx1 = await addAnnotation(db, project.id, emoji.id, L, emoji.body, 'context', '25 April.\n\nMinister 😀', { status: 'rejected' });
  const claim2 = await addAnnotation(db, project.id, accents.id, R, accents.body, 'claim', 'Nous ne céderons pas', { status: 'accepted', attributes: { verdict: 'false' } });
  const ctx2 = await addAnnotation(db, project.id, accents.id, R, accents.body, 'context', 'Ångström', { occurrence: 1, note: '+1 tab\tnote, "quoted"' });
  const quote3 = await addAnnotation(db, project.id, crlf.id, R, crlf.body, 'quote', '"no concessions"', { status: 'accepted' });
  const ctx3 = await addAnnotation(db, project.id, crlf.id, viewer.user.id, crlf.body, 'context', 'Third 💬 paragraph', { status: 'disputed' });
  const claim4 = await addAnnotation(db, project.id, rtl.id, R, rtl.body, 'claim', 'لن نتنازل عن أراضينا', { status: 'proposed', note: '@mention -minus' });
  const quote4 = await addAnnotation(db, project.id, rtl.id, R, rtl.body, 'quote', 'שלום עולם', {});
  const link = async (a: { id: number }, b: { id: number }, relation: 'corroborates' | 'conflicts', status: Status, note = '') =>
    await first(db.insert(links).values({ projectId: project.id, fromAnnotationId: Math.min(a.id, b.id), toAnnotationId: Math.max(a.id, b.id), relation, status, note, authorId: R }).returning());
  const l1 = await link(claim1, claim2, 'corroborates', 'accepted', 'same statement');
  const l2 = await link(claim1, quote3, 'corroborates', 'accepted');
  const l3 = await link(claim1, claim4, 'conflicts', 'proposed');
  const l4 = await link(claim1, quote1, 'corroborates', 'accepted', 'same article');
  const review = async (target: { annotationId?: number; linkId?: number }, reviewerId: number, decision: 'accept' | 'reject', extra: { isFinal?: boolean; superseded?: boolean; reason?: string } = {}) =>
    await first(db.insert(reviews).values({ projectId: project.id, ...target, reviewerId, decision, reason: extra.reason ?? '', isFinal: extra.isFinal ?? false, targetVersion: 1, supersededAt: extra.superseded ? new Date() : null }).returning());
  await review({ annotationId: claim1.id }, L, 'reject', { superseded: true });
  await review({ annotationId: claim1.id }, L, 'accept', { reason: 'checked against the video' });
  await review({ annotationId: quote1.id }, L, 'accept');
  await review({ annotationId: ctx1.id }, R, 'reject');
  await review({ annotationId: claim2.id }, L, 'accept');
  await review({ annotationId: quote3.id }, L, 'accept');
  await review({ annotationId: ctx3.id }, R, 'accept');
  await review({ annotationId: ctx3.id }, L, 'reject');
  await review({ linkId: l1.id }, L, 'accept');
  await review({ linkId: l2.id }, L, 'accept', { isFinal: true });
  await review({ linkId: l4.id }, L, 'accept');
  const verdict = async (annotationId: number, v: 'true' | 'false' | 'mixed', isFinal: boolean, evidenceLinkIds: number[] = []) =>
    await first(db.insert(verdicts).values({ projectId: project.id, annotationId, authorId: isFinal ? L : R, verdict: v, isFinal, rationale: `Rationale ${v}`, evidenceLinkIds }).returning());
  await verdict(claim1.id, 'mixed', false);
  await verdict(claim1.id, 'true', true, [l1.id]);
  await verdict(claim2.id, 'false', true);
  return {
    lead, reviewer, viewer, outsider, project, db,
    articles: { emoji, accents, crlf, rtl },
    annotations: { claim1, quote1, ctx1, claim2, ctx2, quote3, ctx3, claim4, quote4 },
    links: { l1, l2, l3, l4 },
  };
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;
