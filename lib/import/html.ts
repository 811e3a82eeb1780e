/**
 * Web pages (an .html upload or a fetched URL): the article text as Mozilla's Readability
 * extracts it on jsdom (no scripts run, no resources fetched), turned into plain paragraphs
 * with a blank line between them, plus what the page states about itself (lib/import/metadata)
 * and a report of what was left out (lib/import/removed). The raw HTML and its sha256 travel
 * with the draft for provenance. The offsets contract is unchanged: the body is plain text that
 * insertArticle normalizes (LF, NFC) like any other import.
 */
import crypto from 'node:crypto';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { isoDay, readMetadata, type MetadataSource, type MetadataSources, type PageMetadata } from './metadata';
import { ownKind, removedReport, type RemovedReport } from './removed';
import type { ArticleDraft } from './types';

/** Provenance of an article taken from a web page. */
export interface WebProvenance {
  metadata: PageMetadata;
  /** Which source gave each field of the draft and of the metadata. */
  metadataSources: MetadataSources & { title: MetadataSource };
  removed: RemovedReport;
  rawHtml: string;
  rawSha256: string;
}

export interface WebPage {
  draft: ArticleDraft;
  web: WebProvenance;
}

/** The article text must be at least this long: below it, the page is navigation or a stub. */
export const MIN_ARTICLE_CHARS = 200;

export class NoArticleText extends Error {}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'button']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary']);

/** Readability's HTML as paragraphs: each block one paragraph, <br> a line break, spaces collapsed as a browser shows them. */
export function htmlParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let skipDepth = 0;
  const flush = () => {
    const text = current.replace(/[ \t\f\r]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(tag) {
        if (SKIP.has(tag)) skipDepth++;
        if (skipDepth) return;
        if (BLOCK.has(tag)) flush();
        if (tag === 'br') current += '\n';
      },
      ontext(text) {
        if (!skipDepth) current += text.replace(/\n/g, ' ');
      },
      onclosetag(tag) {
        if (SKIP.has(tag)) skipDepth = Math.max(0, skipDepth - 1);
        else if (!skipDepth && BLOCK.has(tag)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs;
}

/**
 * News pages nest 15-60 elements deep. Readability's cost grows with the cube of the depth of
 * a deep chain (on this machine 100 levels took 0.4 s, 300 took 3 s, 500 took 13 s), so a
 * page deeper than this is refused before jsdom parses it.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * The deepest element nesting of a page, counted in one pass that builds no tree, stopping as
 * soon as it passes `stopAbove` (htmlparser2's open-element stack costs grow with its depth,
 * so an unbounded count of a 50,000-deep page would itself take seconds).
 */
export function nestingDepth(html: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  const enough = new Error('deep enough');
  // htmlparser2 reports implied and void closes, so open minus close is the live depth.
  const parser = new Parser(
    {
      onopentag() {
        depth++;
        if (depth > deepest) deepest = depth;
        if (deepest > stopAbove) throw enough;
      },
      onclosetag() {
        depth = Math.max(0, depth - 1);
      },
    },
    { lowerCaseTags: true, recognizeSelfClosing: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (error !== enough) throw error;
  }
  return deepest;
}

function parseDocument(html: string, url: string | undefined): Document {
  // jsdom runs no scripts and loads no resources unless asked to; the console is silenced.
  return new JSDOM(html, { url: url ?? 'about:blank', virtualConsole: new VirtualConsole() }).window.document;
}

/** Kinds of page furniture taken out before Readability looks (it misses e.g. class="ad-slot"). */
const FURNITURE = new Set(['advertisement', 'cookie banner', 'share buttons', 'related links', 'newsletter', 'comments', 'weather widget']);

/** Removes furniture by its own id/class/role, unless the element holds most of the page's text (a class on the article itself). */
function stripFurniture(doc: Document): void {
  const total = doc.body?.textContent?.length ?? 0;
  for (const el of Array.from(doc.body?.querySelectorAll('*') ?? [])) {
    if (!el.isConnected) continue;
    const kind = ownKind(el);
    if (kind && FURNITURE.has(kind) && (el.textContent?.length ?? 0) < total / 2) el.remove();
  }
}

/** A run of words ending a sentence ("Paragraph text."): a page with none has no article. */
const SENTENCE = /\p{L}[\p{L}\p{M}'’-]*\s+\S+[.!?…]["'”»)]?(\s|$)/u;

const squash = (v: string) => v.replace(/\s+/g, ' ').trim();

const httpUrl = (v: string | null) => (v && /^https?:\/\/[^\s]+$/i.test(v) ? v : null);

/**
 * Extracts the article of a page. Throws NoArticleText when Readability finds no block of
 * running text of MIN_ARTICLE_CHARS. `pageUrl` (the fetched address) resolves relative links.
 */
export function parseWebPage(name: string, html: string, pageUrl?: string): WebPage {
  // Refused before jsdom sees it: a page 50,000 elements deep held the server for 18 s (70 s
  // on a busy machine) before the stack overflowed.
  if (nestingDepth(html, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
    throw new NoArticleText(`the page is nested more than ${MAX_NESTING_DEPTH} elements deep, which no article page is. Save the article text and import it as a .txt file instead.`);
  }
  return readWebPage(name, html, pageUrl);
}

function readWebPage(name: string, html: string, pageUrl?: string): WebPage {
  const doc = parseDocument(html, pageUrl);
  const { metadata, sources } = readMetadata(doc);
  const clone = doc.cloneNode(true) as Document;
  stripFurniture(clone);
  const article = new Readability(clone, { keepClasses: false }).parse();
  const paragraphs = article?.content ? htmlParagraphs(article.content) : [];
  const h1 = squash(doc.querySelector('h1')?.textContent ?? '') || null;
  if (!metadata.title && h1) {
    metadata.title = h1;
    sources.title = 'h1';
  }
  // The headline is the article's title; printed again as the first paragraph it is a repeat.
  if (paragraphs.length > 1 && [metadata.title, h1].some((t) => t && squash(paragraphs[0]) === squash(t))) paragraphs.shift();
  const body = paragraphs.join('\n\n');
  if (!(body.replace(/\s+/g, '').length >= MIN_ARTICLE_CHARS || SENTENCE.test(body))) {
    throw new NoArticleText('no article text found: the page has only navigation, links and page furniture, no paragraph of running text.');
  }
  const web: WebProvenance = {
    metadata,
    metadataSources: { ...sources, title: sources.title ?? 'file' },
    removed: removedReport(doc, body, [metadata.title, article?.title ?? null, article?.byline ?? null]),
    rawHtml: html,
    rawSha256: crypto.createHash('sha256').update(html, 'utf8').digest('hex'),
  };
  if (!metadata.title && article?.title?.trim()) {
    metadata.title = article.title;
    web.metadataSources.title = 'readability';
  }
  if (!metadata.author && article?.byline) {
    metadata.author = article.byline.replace(/^by\s+/i, '').trim();
    web.metadataSources.author = 'readability';
  }
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const draft: ArticleDraft = {
    title: (metadata.title ?? base).slice(0, 500),
    body,
    outlet: metadata.outlet?.slice(0, 200) ?? null,
    author: metadata.author?.slice(0, 300) ?? null,
    url: httpUrl(metadata.url) ?? httpUrl(metadata.canonicalUrl) ?? httpUrl(pageUrl ?? null),
    publishedAt: isoDay(metadata.publishedAt),
  };
  if (!draft.url) delete web.metadataSources.url;
  return { draft, web };
}
