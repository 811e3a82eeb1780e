/**
 * What a web page states about itself, read in order of trust: JSON-LD NewsArticle /
 * ReportageNewsArticle (also inside @graph and arrays), then OpenGraph, then plain <meta>,
 * <title> and <link rel=canonical>. Each field records the source that gave it, so a lead can
 * see whether "published 2025-04-25" came from structured data or a guess.
 */

export type MetadataSource = 'json-ld' | 'og' | 'meta' | 'title' | 'link' | 'h1' | 'readability' | 'file';

export interface PageMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  /** As the page states it (ISO 8601 timestamp or date). */
  publishedAt: string | null;
  modifiedAt: string | null;
  url: string | null;
  canonicalUrl: string | null;
  language: string | null;
}

export type MetadataSources = Partial<Record<keyof PageMetadata, MetadataSource>>;

const FIELDS: Array<keyof PageMetadata> = ['title', 'author', 'outlet', 'publishedAt', 'modifiedAt', 'url', 'canonicalUrl', 'language'];
const ARTICLE_TYPES = new Set(['NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle', 'ReviewNewsArticle', 'Article', 'BlogPosting', 'Report']);

type Json = Record<string, unknown>;

const clean = (v: unknown): string | null => (typeof v === 'string' && v.replace(/\s+/g, ' ').trim()) || null;

/** Every object in a JSON-LD value: arrays and @graph flattened (iteratively, no recursion limit). */
function ldObjects(value: unknown): Json[] {
  const out: Json[] = [];
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...[...v].reverse());
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      if ('@graph' in v) stack.push((v as Json)['@graph']);
    }
  }
  return out;
}

function types(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

/** A person or organization: a string, {name}, an {@id} reference into the graph, or a list of these. */
function names(value: unknown, byId: Map<string, Json>): string | null {
  const list = (Array.isArray(value) ? value : [value]).map((v) => {
    if (typeof v === 'string') return clean(v);
    if (v && typeof v === 'object') {
      const o = v as Json;
      const target = typeof o['@id'] === 'string' && !o.name ? byId.get(o['@id'] as string) : o;
      return clean(target?.name);
    }
    return null;
  });
  const found = list.filter((x): x is string => !!x);
  return found.length ? [...new Set(found)].join(', ') : null;
}

function fromJsonLd(doc: Document): Partial<PageMetadata> {
  const objects: Json[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      objects.push(...ldObjects(JSON.parse(script.textContent ?? '')));
    } catch {
      // A broken JSON-LD block is common on real pages; the other sources still apply.
    }
  }
  const byId = new Map(objects.filter((o) => typeof o['@id'] === 'string').map((o) => [o['@id'] as string, o]));
  const article = objects.find((o) => types(o).some((t) => t.endsWith('NewsArticle'))) ?? objects.find((o) => types(o).some((t) => ARTICLE_TYPES.has(t)));
  if (!article) return {};
  const page = article.mainEntityOfPage;
  const pageUrl = typeof page === 'string' ? page : page && typeof page === 'object' ? (page as Json)['@id'] ?? (page as Json).url : null;
  return {
    title: clean(article.headline) ?? clean(article.name),
    author: names(article.author, byId),
    outlet: names(article.publisher, byId),
    publishedAt: clean(article.datePublished),
    modifiedAt: clean(article.dateModified),
    url: clean(article.url) ?? clean(pageUrl),
    language: clean(article.inLanguage),
  };
}

function metaContent(doc: Document, keys: string[]): string | null {
  for (const key of keys) {
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const name = (el.getAttribute('property') || el.getAttribute('name') || el.getAttribute('itemprop') || '').toLowerCase();
      if (name === key) {
        const v = clean(el.getAttribute('content'));
        if (v) return v;
      }
    }
  }
  return null;
}

function fromOpenGraph(doc: Document): Partial<PageMetadata> {
  const author = metaContent(doc, ['article:author']);
  return {
    title: metaContent(doc, ['og:title']),
    outlet: metaContent(doc, ['og:site_name']),
    author: author && !/^https?:\/\//i.test(author) ? author : null,
    publishedAt: metaContent(doc, ['article:published_time']),
    modifiedAt: metaContent(doc, ['article:modified_time', 'og:updated_time']),
    url: metaContent(doc, ['og:url']),
    language: metaContent(doc, ['og:locale']),
  };
}

function fromMeta(doc: Document): Partial<PageMetadata> {
  return {
    title: metaContent(doc, ['twitter:title', 'dc.title', 'title']),
    author: metaContent(doc, ['author', 'dc.creator', 'byl', 'sailthru.author']),
    outlet: metaContent(doc, ['application-name', 'publisher', 'dc.publisher', 'twitter:site']),
    publishedAt: metaContent(doc, ['datepublished', 'date', 'pubdate', 'publish-date', 'article.published', 'dc.date.issued', 'dc.date', 'sailthru.date']),
    modifiedAt: metaContent(doc, ['datemodified', 'last-modified', 'dc.date.modified']),
    language: clean(doc.documentElement.getAttribute('lang')),
  };
}

/** Reads the metadata of a parsed page and which source gave each field. */
export function readMetadata(doc: Document): { metadata: PageMetadata; sources: MetadataSources } {
  const canonical = doc.querySelector('link[rel~="canonical"]') as HTMLLinkElement | null;
  const layers: Array<[MetadataSource, Partial<PageMetadata>]> = [
    ['json-ld', fromJsonLd(doc)],
    ['og', fromOpenGraph(doc)],
    ['meta', fromMeta(doc)],
    ['title', { title: clean(doc.querySelector('title')?.textContent) }],
    ['link', { canonicalUrl: clean(canonical?.href || canonical?.getAttribute('href')), url: clean(canonical?.href || canonical?.getAttribute('href')) }],
  ];
  const metadata = Object.fromEntries(FIELDS.map((f) => [f, null])) as unknown as PageMetadata;
  const sources: MetadataSources = {};
  for (const field of FIELDS) {
    for (const [source, values] of layers) {
      const v = values[field];
      if (v) {
        metadata[field] = v;
        sources[field] = source;
        break;
      }
    }
  }
  return { metadata, sources };
}

/** The calendar date a page states ("2025-04-25T23:30:00-04:00" -> "2025-04-25"), or null. */
export function isoDay(value: string | null): string | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return m && !Number.isNaN(Date.parse(m[1])) ? m[1] : null;
}
