/**
 * HTML files: the visible text only. Scripts, styles, templates, SVG, iframes and forms are
 * dropped with everything inside them; attributes (event handlers included) are never read
 * except for a few <meta> fields. Block elements become paragraph breaks, <br> a line break,
 * and runs of whitespace inside a paragraph collapse to one space, as a browser shows them.
 */
import { Parser } from 'htmlparser2';
import type { ArticleDraft } from './types';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'form', 'select', 'button', 'head', 'nav', 'footer', 'aside']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary']);
const META: Record<string, keyof ArticleDraft> = {
  'og:site_name': 'outlet',
  author: 'author',
  'article:author': 'author',
  'article:published_time': 'publishedAt',
  'og:url': 'url',
  'og:title': 'title',
};

interface State {
  paragraphs: string[];
  current: string;
  skipDepth: number;
  inTitle: boolean;
  title: string;
  h1: string | null;
  inH1: boolean;
  meta: Partial<Record<keyof ArticleDraft, string>>;
}

function breakParagraph(s: State): void {
  const text = s.current.replace(/[ \t\f\r]+/g, ' ').replace(/ *\n */g, '\n').trim();
  if (text) s.paragraphs.push(text);
  s.current = '';
}

function readMeta(s: State, attrs: Record<string, string>): void {
  const key = (attrs.property || attrs.name || '').toLowerCase();
  const field = META[key];
  if (field && attrs.content && !s.meta[field]) s.meta[field] = attrs.content.trim();
}

/** Extracts the article text and what the page states about itself. */
export function parseHtml(name: string, html: string): ArticleDraft {
  const s: State = { paragraphs: [], current: '', skipDepth: 0, inTitle: false, title: '', h1: null, inH1: false, meta: {} };
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (tag === 'meta') readMeta(s, attrs);
        if (tag === 'title') s.inTitle = true;
        if (SKIP.has(tag)) s.skipDepth++;
        if (s.skipDepth) return;
        if (BLOCK.has(tag)) breakParagraph(s);
        if (tag === 'br') s.current += '\n';
        if (tag === 'h1' && s.h1 === null) s.inH1 = true;
      },
      ontext(text) {
        if (s.inTitle) s.title += text;
        if (s.skipDepth) return;
        s.current += text.replace(/\n/g, ' ');
        if (s.inH1) s.h1 = (s.h1 ?? '') + text;
      },
      onclosetag(tag) {
        if (tag === 'title') s.inTitle = false;
        if (SKIP.has(tag)) s.skipDepth = Math.max(0, s.skipDepth - 1);
        if (s.skipDepth) return;
        if (BLOCK.has(tag)) breakParagraph(s);
        if (tag === 'h1') s.inH1 = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  breakParagraph(s);
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const clean = (v: string | null | undefined) => v?.replace(/\s+/g, ' ').trim() || null;
  const date = s.meta.publishedAt?.slice(0, 10);
  return {
    title: clean(s.h1) ?? clean(s.meta.title) ?? clean(s.title) ?? base,
    body: s.paragraphs.join('\n\n'),
    outlet: clean(s.meta.outlet),
    author: clean(s.meta.author),
    url: s.meta.url && /^https?:\/\//i.test(s.meta.url) ? s.meta.url : null,
    publishedAt: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
  };
}
