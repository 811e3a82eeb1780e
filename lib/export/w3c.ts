/**
 * W3C Web Annotation export (JSON-LD). The file is a JSON array of standalone JSON-LD
 * documents: the AnnotationCollection with its first AnnotationPage embedded, then every
 * further AnnotationPage (each with partOf pointing back). Items: one `classifying`
 * annotation per span (label, status, attributes and note as bodies with a purpose),
 * one `linking` annotation per link (targets: the two span annotations) and one `assessing`
 * annotation per review in force. Selectors count Unicode code points, as the model
 * requires (section 4.2.4/4.2.5). Every id is an IRI the app resolves (lib/export/iri.ts);
 * the item builders are shared with the annotation container (lib/data/w3cContainer.ts).
 */
import { codePointMapper } from '../anchoring/units';
import { quoteSelector } from '../anchoring/quote';
import { filterQuery, iris, type ProjectIris } from './iri';
import { finalVerdict, liveReviews, type ExportAnnotation, type ExportArticle, type ExportContext, type ExportLink, type ExportPerson, type ExportReview } from './types';
import { runSink, type Sink } from './sink';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const W3C_MEDIA_TYPE = `application/ld+json; profile="${W3C_CONTEXT}"`;
export const W3C_PAGE_SIZE = 1000;

type Json = Record<string, unknown>;

/** What a span annotation needs: the stored annotation with its live verdicts. */
export type W3cSpan = Pick<ExportAnnotation, 'id' | 'author' | 'label' | 'start' | 'end' | 'exact' | 'note' | 'attributes' | 'status' | 'createdAt' | 'updatedAt' | 'verdicts'>;
/** What a link annotation needs: its two ends by annotation id. */
export type W3cLink = Pick<ExportLink, 'id' | 'fromAnnotationId' | 'toAnnotationId' | 'relation' | 'note' | 'author' | 'status' | 'createdAt' | 'updatedAt'>;
/** What a review annotation needs. */
export type W3cReview = Pick<ExportReview, 'id' | 'reviewer' | 'decision' | 'reason' | 'isFinal' | 'createdAt'>;

const textBody = (purpose: string, value: string): Json => ({ type: 'TextualBody', purpose, value, format: 'text/plain' });

/** People have no public page, so they are named but get no IRI (one that did not resolve would mislead). */
const person = (p: ExportPerson): Json => ({ type: 'Person', name: p.name });

function spanTarget(i: ProjectIris, article: { id: number; body: string }, a: W3cSpan, toCp: (n: number) => number): Json {
  const { prefix, suffix } = quoteSelector(article.body, a.start, a.end);
  const quote: Json = { type: 'TextQuoteSelector', exact: a.exact };
  if (prefix) quote.prefix = prefix;
  if (suffix) quote.suffix = suffix;
  return {
    type: 'SpecificResource',
    source: i.articleText(article.id),
    selector: [quote, { type: 'TextPositionSelector', start: toCp(a.start), end: toCp(a.end) }],
  };
}

function attributeTags(a: W3cSpan): Json[] {
  const tags: Json[] = [textBody('tagging', `status:${a.status}`)];
  const verdict = finalVerdict(a)?.verdict;
  if (verdict) tags.push(textBody('tagging', `verdict:${verdict}`));
  for (const [key, value] of Object.entries(a.attributes)) {
    if (key === 'verdict' && verdict) continue;
    if (typeof value === 'string' && value) tags.push(textBody('tagging', `${key}:${value}`));
  }
  return tags;
}

/** A span as a `classifying` annotation on the article text, selected by quote and code point position. */
export function spanItem(i: ProjectIris, article: { id: number; body: string }, a: W3cSpan, toCp: (n: number) => number): Json {
  const bodies = [textBody('classifying', a.label), ...attributeTags(a)];
  if (a.note) bodies.push(textBody('commenting', a.note));
  return {
    id: i.annotation(a.id),
    type: 'Annotation',
    motivation: 'classifying',
    created: a.createdAt,
    modified: a.updatedAt,
    creator: person(a.author),
    body: bodies,
    target: spanTarget(i, article, a, toCp),
  };
}

/** A link as a `linking` annotation whose targets are the two span annotations it connects. */
export function linkItem(i: ProjectIris, l: W3cLink): Json {
  const bodies: Json[] = [textBody('tagging', l.relation), textBody('tagging', `status:${l.status}`)];
  if (l.note) bodies.push(textBody('commenting', l.note));
  return {
    id: i.link(l.id),
    type: 'Annotation',
    motivation: 'linking',
    created: l.createdAt,
    modified: l.updatedAt,
    creator: person(l.author),
    body: bodies,
    target: [i.annotation(l.fromAnnotationId), i.annotation(l.toAnnotationId)],
  };
}

/** A review in force as an `assessing` annotation on the annotation or link it judges. */
export function reviewItem(i: ProjectIris, r: W3cReview, target: string): Json {
  const bodies = [textBody('assessing', r.decision)];
  if (r.isFinal) bodies.push(textBody('tagging', 'final'));
  if (r.reason) bodies.push(textBody('commenting', r.reason));
  return { id: i.review(r.id), type: 'Annotation', motivation: 'assessing', created: r.createdAt, creator: person(r.reviewer), body: bodies, target };
}

/** Every item of one article, in order: each span then its reviews, each link then its reviews. */
export function* articleItems(ctx: ExportContext, article: ExportArticle): Generator<Json> {
  const i = iris(ctx);
  const toCp = codePointMapper(article.body);
  for (const a of article.annotations) {
    yield spanItem(i, article, a, toCp);
    for (const r of liveReviews(a.reviews)) yield reviewItem(i, r, i.annotation(a.id));
  }
  for (const l of article.links) {
    yield linkItem(i, l);
    for (const r of liveReviews(l.reviews)) yield reviewItem(i, r, i.link(l.id));
  }
}

const open = (value: Json) => JSON.stringify(value).slice(0, -1);

/** The fixed parts of the collection and its pages, derived from the context alone. */
function layout(ctx: ExportContext) {
  const collectionId = `${ctx.baseUrl.replace(/\/+$/, '')}/api/projects/${ctx.project.id}/export?format=w3c${filterQuery(ctx)}`;
  const total = ctx.counts.annotations + ctx.counts.links + ctx.counts.liveReviews;
  const pages = Math.max(1, Math.ceil(total / W3C_PAGE_SIZE));
  const pageId = (n: number) => `${collectionId}#page-${n}`;
  const label = `${ctx.project.name}: annotations, links and reviews`;
  const collection = { id: collectionId, type: 'AnnotationCollection', label, total, first: pageId(1), last: pageId(pages) };
  const pageHead = (n: number): Json => {
    const head: Json = n === 1 ? {} : { '@context': W3C_CONTEXT };
    Object.assign(head, { id: pageId(n), type: 'AnnotationPage', partOf: n === 1 ? collectionId : collection, startIndex: (n - 1) * W3C_PAGE_SIZE });
    if (n > 1) head.prev = pageId(n - 1);
    if (n < pages) head.next = pageId(n + 1);
    return head;
  };
  return { collection, pageHead };
}

/** The software that made the annotations, as the collection's generator. */
export const generatorOf = (i: ProjectIris): Json => ({ id: i.app(), type: 'Software', name: 'Fact-check annotation workbench' });

/**
 * Streams the W3C export: "[", the collection with page 1 embedded, then ",\n" and each
 * further page, then "]". Page boundaries fall every W3C_PAGE_SIZE items, so `total`
 * (counted in the same snapshot) fixes every page IRI before the first item is written.
 */
export function w3cSink(ctx: ExportContext): Sink<ExportArticle> {
  const { collection, pageHead } = layout(ctx);
  const { first: _first, ...collectionFields } = collection;
  let index = 0;
  let page = 1;
  return {
    start: () => [`[${open({ '@context': W3C_CONTEXT, ...collectionFields, generator: generatorOf(iris(ctx)), generated: ctx.generatedAt })},"first":${open(pageHead(1))},"items":[`],
    // One chunk per article: its items with the separators (and page breaks) between them.
    write(article) {
      let out = '';
      for (const item of articleItems(ctx, article)) {
        if (index > 0 && index % W3C_PAGE_SIZE === 0) {
          out += `]}${page === 1 ? '}' : ''},\n${open(pageHead(++page))},"items":[`;
        } else if (index > 0) out += ',';
        out += '\n' + JSON.stringify(item);
        index++;
      }
      return out ? [out] : [];
    },
    end: () => [`]}${page === 1 ? '}' : ''}]\n`],
  };
}

/** Streams the W3C export (see w3cSink). */
export function serializeW3c(ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(() => w3cSink(ctx), articles) as Generator<string>;
}
