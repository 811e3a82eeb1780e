/**
 * Builds the conformance dataset through the data layer (as the API would) in the DATA_DIR it
 * is given, then writes every export format into OUT_DIR, with each article's text as
 * article-ID.txt for the W3C validator. Called by scripts/conformance.sh:
 *
 *     DATA_DIR=<fresh dir> npx tsx scripts/conformance-data.ts OUT_DIR
 *
 * The dataset: the seed articles plus one article with emoji (flags, skin tones), combining
 * accents that NFC cannot precompose, CJK, Arabic, an astral symbol and CRLF line breaks;
 * annotations of every label, nested and crossing spans, spans that start with formula
 * characters, links within and across articles, reviews that accept, reject and dispute, and
 * final verdicts of every FEVER class.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM, type Actor } from '../lib/data/actor';
import { createUser } from '../lib/data/users';
import { createProject, setMember } from '../lib/data/projects';
import { importArticle, getArticle } from '../lib/data/articles';
import { createAnnotation } from '../lib/data/annotations';
import { createLink } from '../lib/data/links';
import { reviewAnnotation, reviewLink } from '../lib/data/reviews';
import { finalizeVerdict, proposeVerdict } from '../lib/data/verdicts';
import { exportProject } from '../lib/data/exports';
import { updatePublishingSettings } from '../lib/data/publishing';
import { EXPORT_FORMATS } from '../lib/export/types';
import { FORMATS } from '../lib/export';
import { collectBytes } from '../lib/export/stream';
import { closeDb } from '../lib/db/client';
import { seedFiles } from '../seeds/load';
import { statedMetadata } from '../seeds/metadata';
import type { Label, Verdict } from '../lib/db/tables';

export const BASE_URL = 'https://desk.example.org';

/** The multilingual article: CRLF line breaks on purpose (the import makes them LF). */
export const UNICODE_BODY = [
  'Zelenskyy 🇺🇦 said: "We will not give up our territories" 👍🏽 in Kyiv.',
  'Combining marks NFC keeps apart: q\u0307uote, x\u0323\u0301, Vie\u0323\u0302t; precomposed: Ångström, naïve.',
  '他说：“我们不会放弃领土。” 记者问：真的吗？',
  'قال الرئيس: "لن نتنازل عن أراضينا" — وأضاف المتحدث.',
  'An astral symbol 𝔘 and 𠀋 before the last claim: Ukraine will not recognize any occupied territory.',
  '=SUM(1,2) is what the poll said, +3 points, -5 elsewhere, @desk reported 👍.',
].join('\r\n');

interface World {
  lead: Actor;
  reviewers: [Actor, Actor];
}

async function people(): Promise<{ world: World; ids: number[] }> {
  const make = (name: string, email: string) => createUser({ actor: SYSTEM, input: { email, name, password: 'conformance check only', isAdmin: false } });
  const lead = await make('Lena Lead', 'lead@conformance.test');
  const a = await make('Rami Reviewer', 'rami@conformance.test');
  const b = await make('Sara Sceptic', 'sara@conformance.test');
  const world: World = { lead: { userId: lead.user.id }, reviewers: [{ userId: a.user.id }, { userId: b.user.id }] };
  return { world, ids: [lead.user.id, a.user.id, b.user.id] };
}

async function importAll(lead: Actor, projectId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, file] of seedFiles().entries()) {
    const body = fs.readFileSync(file, 'utf8');
    const meta = statedMetadata(body);
    ids.push((await importArticle({ actor: lead, projectId, input: { title: meta.title ?? `Seed ${i + 1}`, outlet: meta.outlet ?? undefined, publishedAt: meta.publishedAt ?? undefined, url: `https://news.example.org/seed/${i + 1}?a=1&b=ü`, body } })).id);
  }
  ids.push((await importArticle({ actor: lead, projectId, input: { title: 'Зеленський 🇺🇦 — 领土 — أراضينا', outlet: '=Outlet+1', url: 'https://news.example.org/unicode', body: UNICODE_BODY } })).id);
  return ids;
}

/** A span of `text` in the article (its `occurrence`-th match), created by `actor`. */
async function tag(actor: Actor, articleId: number, label: Label, text: string, extra: { note?: string; attributes?: Record<string, unknown>; to?: string } = {}) {
  const body = (await getArticle({ actor, articleId })).article.body;
  text = text.normalize('NFC');
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`"${text}" not in article ${articleId}`);
  const end = extra.to ? body.indexOf(extra.to.normalize('NFC'), start) + extra.to.normalize('NFC').length : start + text.length;
  return (await createAnnotation({ actor, articleId, input: { label, start, end, exact: body.slice(start, end), note: extra.note ?? '', attributes: extra.attributes ?? {} } })).id;
}

/** Sentences of each seed article used as spans (the texts are real reporting, so they are found by words). */
async function firstWords(actor: Actor, articleId: number, count: number): Promise<string[]> {
  const body = (await getArticle({ actor, articleId })).article.body;
  return body
    .split(/(?<=[.!?])\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 40 && !s.includes('\n'))
    .slice(0, count);
}

async function annotateSeeds(world: World, articleIds: number[]) {
  const [r1, r2] = world.reviewers;
  const claims: number[] = [];
  const others: number[] = [];
  for (const [i, articleId] of articleIds.entries()) {
    const author = i % 2 ? r2 : r1;
    const [s1, s2, s3] = await firstWords(author, articleId, 3);
    const claim = await tag(author, articleId, 'claim', s1, { note: i === 0 ? '=HYPERLINK("http://x")' : '' });
    const words = s1.split(' ');
    const inner = words.slice(1, Math.min(words.length - 1, 5)).join(' ');
    const quote = await tag(author, articleId, 'quote', inner, { attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: i % 2 ? 'paraphrase' : 'verbatim' } });
    const crossing = await tag(author, articleId, 'context', words.slice(-3).join(' '), { to: s2.split(' ').slice(0, 3).join(' '), note: 'crosses into the next sentence' });
    const second = await tag(author, articleId, 'claim', s3 ?? s2);
    claims.push(claim, second);
    others.push(quote, crossing);
  }
  return { claims, others };
}

async function annotateUnicode(world: World, articleId: number) {
  const [r1, r2] = world.reviewers;
  return {
    claimEmoji: await tag(r1, articleId, 'claim', '🇺🇦 said: "We will not give up our territories" 👍🏽'),
    quoteEmoji: await tag(r1, articleId, 'quote', 'We will not give up our territories', { attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' } }),
    marks: await tag(r2, articleId, 'context', 'q\u0307uote, x\u0323\u0301, Vie\u0323\u0302t', { note: 'combining marks' }),
    cjk: await tag(r2, articleId, 'claim', '我们不会放弃领土。'),
    cjkQuote: await tag(r1, articleId, 'quote', '“我们不会放弃领土。”', { attributes: { speaker: '泽连斯基' } }),
    arabic: await tag(r1, articleId, 'quote', '"لن نتنازل عن أراضينا"', { attributes: { speaker: 'الرئيس', quoteKind: 'verbatim' } }),
    astral: await tag(r2, articleId, 'claim', 'Ukraine will not recognize any occupied territory.'),
    acrossLines: await tag(r2, articleId, 'context', '𝔘 and 𠀋', { to: '=SUM(1,2)', note: '+ spans a line break' }),
    formula: await tag(r1, articleId, 'claim', '=SUM(1,2) is what the poll said', { note: '@desk: check' }),
    minus: await tag(r2, articleId, 'context', '-5 elsewhere, @desk reported 👍.'),
  };
}

const accept = (actor: Actor, id: number) => reviewAnnotation({ actor, id, input: { decision: 'accept' } });
const reject = (actor: Actor, id: number) => reviewAnnotation({ actor, id, input: { decision: 'reject', reason: 'not a claim as stated' } });

async function build() {
  const { world } = await people();
  const project = await createProject({ actor: SYSTEM, input: { name: 'Conformance 🇺🇦 check', slug: 'conformance' } });
  const [leadId, r1Id, r2Id] = [world.lead, ...world.reviewers].map((a) => ('userId' in a ? a.userId : 0));
  await setMember({ actor: SYSTEM, projectId: project.id, input: { userId: leadId, role: 'lead' } });
  for (const userId of [r1Id, r2Id]) await setMember({ actor: SYSTEM, projectId: project.id, input: { userId, role: 'reviewer' } });
  const articleIds = await importAll(world.lead, project.id);
  const unicodeId = articleIds[articleIds.length - 1];
  const seeds = await annotateSeeds(world, articleIds.slice(0, -1));
  const u = await annotateUnicode(world, unicodeId);
  const [r1, r2] = world.reviewers;
  const reviewerOf = (authorIsR1: boolean) => (authorIsR1 ? r2 : r1);
  // Seed claims alternate authors r1, r2 by article; everything else goes through both kinds of review.
  for (const [i, id] of seeds.claims.entries()) await (i % 4 === 3 ? reject : accept)(reviewerOf(Math.floor(i / 2) % 2 === 0), id);
  for (const [i, id] of seeds.others.entries()) await accept(reviewerOf(Math.floor(i / 2) % 2 === 0), id);
  for (const id of [u.claimEmoji, u.quoteEmoji, u.arabic, u.formula, u.cjkQuote]) await accept(r2, id);
  for (const id of [u.cjk, u.astral, u.marks, u.acrossLines, u.minus]) await accept(r1, id);
  await accept(world.lead, u.cjk);
  await reject(world.lead, u.cjkQuote); // accepted by one, rejected by another: disputed
  const authors = new Map<number, Actor>();
  const link = async (from: number, to: number, relation: 'corroborates' | 'conflicts', by: Actor) => {
    const id = (await createLink({ actor: by, input: { fromAnnotationId: from, toAnnotationId: to, relation, note: `${relation} (${from}→${to})` } })).id;
    authors.set(id, by);
    return id;
  };
  const links: number[] = [];
  for (const [from, to, relation, by] of [
    [seeds.claims[0], u.claimEmoji, 'corroborates', r1],
    [seeds.claims[0], seeds.claims[2], 'corroborates', r1],
    [seeds.claims[2], seeds.claims[4], 'corroborates', r2],
    [u.astral, seeds.claims[0], 'corroborates', r2],
    [u.astral, seeds.claims[4], 'corroborates', r2],
    [u.cjk, seeds.claims[2], 'corroborates', r2],
    [u.formula, seeds.claims[6], 'conflicts', r1],
    [seeds.claims[4], seeds.claims[8], 'conflicts', r1],
    [u.quoteEmoji, seeds.others[0], 'corroborates', r1],
    [u.cjkQuote, seeds.others[2], 'corroborates', r2],
    [seeds.claims[6], seeds.claims[8], 'conflicts', r2],
    [u.arabic, seeds.others[4], 'corroborates', r1],
    [u.claimEmoji, seeds.claims[4], 'corroborates', r1],
  ] as const) links.push(await link(from, to, relation, by));
  const linkReviewer = (id: number, i: number) => (i % 3 === 2 ? world.lead : authors.get(id) === r1 ? r2 : r1);
  for (const [i, id] of links.entries()) await reviewLink({ actor: linkReviewer(id, i), id, input: i === 10 ? { decision: 'reject', reason: 'different statements' } : { decision: 'accept' } });
  const verdict = async (claim: number, v: Verdict, evidenceLinkIds: number[] = []) => await finalizeVerdict({ actor: world.lead, annotationId: claim, input: { verdict: v, rationale: `checked: ${v}`, evidenceLinkIds } });
  await proposeVerdict({ actor: r1, annotationId: u.claimEmoji, input: { verdict: 'mixed', rationale: 'partly' } });
  await verdict(u.claimEmoji, 'true', [links[0], links[12]]);
  await verdict(seeds.claims[0], 'true', [links[1]]);
  await verdict(seeds.claims[2], 'mostly-true');
  await verdict(u.astral, 'true', [links[3], links[4]]);
  await verdict(u.cjk, 'true');
  await verdict(u.formula, 'false', [links[6]]);
  await verdict(seeds.claims[4], 'misleading');
  await verdict(seeds.claims[8], 'mixed');
  await verdict(seeds.claims[6], 'unverifiable');
  await verdict(seeds.claims[3], 'false');
  // ClaimReview publishes under an organization and a fact-check address (project settings).
  await updatePublishingSettings({
    actor: world.lead,
    projectId: project.id,
    input: { organizationName: 'Conformance Fact Check', organizationUrl: 'https://factcheck.example.org/', factCheckUrlPattern: 'https://factcheck.example.org/checks/{claimId}' },
  });
  return { projectId: project.id, lead: world.lead, articleIds };
}

async function writeExports(out: string, projectId: number, lead: Actor, articleIds: number[]) {
  fs.mkdirSync(out, { recursive: true });
  for (const format of EXPORT_FORMATS) {
    const stream = await exportProject({ actor: lead, projectId, request: { format }, baseUrl: BASE_URL });
    fs.writeFileSync(path.join(out, `${format}.${FORMATS[format].extension.split('.').pop()}`), await collectBytes(stream.chunks));
  }
  for (const id of articleIds) fs.writeFileSync(path.join(out, `article-${id}.txt`), (await getArticle({ actor: lead, articleId: id })).article.body);
  fs.writeFileSync(path.join(out, 'w3c-texts.txt'), w3cTextArgs(out, articleIds).join('\n') + '\n');
  const ctx = await exportProject({ actor: lead, projectId, request: { format: 'jsonl' }, baseUrl: BASE_URL });
  await ctx.chunks.return(undefined);
  fs.writeFileSync(path.join(out, 'counts.json'), JSON.stringify({ ...ctx.context.counts, baseUrl: BASE_URL, articleIds }, null, 2));
  return ctx.context.counts;
}

/** `IRI=PATH` for every article source the W3C export names, for the validator's --text. */
function w3cTextArgs(out: string, articleIds: number[]): string[] {
  const sources = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'source' && typeof v === 'string') sources.add(v);
        else walk(v);
      }
    }
  };
  walk(JSON.parse(fs.readFileSync(path.join(out, 'w3c.jsonld'), 'utf8')));
  return [...sources].flatMap((iri) => {
    const id = Number(/\/articles\/(\d+)/.exec(iri)?.[1]);
    return articleIds.includes(id) ? [`${iri}=${path.join(out, `article-${id}.txt`)}`] : [];
  });
}

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: DATA_DIR=<fresh dir> npx tsx scripts/conformance-data.ts OUT_DIR');
  const { projectId, lead, articleIds } = await build();
  const counts = await writeExports(out, projectId, lead, articleIds);
  await closeDb();
  console.log(`dataset: ${counts.articles} articles, ${counts.annotations} annotations, ${counts.links} links, ${counts.reviews} reviews; ${EXPORT_FORMATS.length} formats written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
