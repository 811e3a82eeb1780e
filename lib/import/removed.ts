/**
 * The "what was removed" part of a web import's report: every block of visible text of the
 * original page that is not in the extracted article, grouped by what it was (navigation,
 * advertisement, related links, cookie banner, ...) judged from the element and its ancestors.
 */

export interface RemovedGroup {
  kind: string;
  count: number;
  /** The first few texts, shortened, so a person recognises the page furniture. */
  samples: string[];
}

export interface RemovedReport {
  blocks: number;
  characters: number;
  groups: RemovedGroup[];
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'address', 'details', 'summary', 'form', 'body']);
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math']);
const SAMPLES = 3;

/** Kind by tag, role, id and class tokens; the first match walking up from the block wins. */
const RULES: Array<{ kind: string; tags?: string[]; roles?: string[]; tokens?: string[]; parts?: string[] }> = [
  { kind: 'cookie banner', parts: ['cookie', 'consent', 'gdpr'] },
  { kind: 'advertisement', tokens: ['ad', 'ads', 'adv', 'adslot', 'dfp', 'promo', 'banner'], parts: ['advert', 'sponsor', 'adsbygoogle'] },
  { kind: 'related links', parts: ['related', 'similar', 'recommend', 'trending', 'popular', 'mostread', 'most-read', 'readmore', 'read-more', 'more-news', 'more-stories', 'outbrain', 'taboola'] },
  { kind: 'share buttons', tokens: ['sharing', 'sharebar'], parts: ['share', 'social'] },
  { kind: 'weather widget', parts: ['weather', 'forecast'] },
  { kind: 'newsletter', parts: ['newsletter', 'subscribe', 'signup', 'paywall'] },
  { kind: 'comments', tokens: ['comment', 'comments', 'disqus'] },
  { kind: 'byline', tokens: ['byline', 'dateline', 'author', 'timestamp'] },
  { kind: 'navigation', tags: ['nav'], roles: ['navigation'], tokens: ['nav', 'navbar', 'menu', 'breadcrumb', 'breadcrumbs', 'skip'] },
  { kind: 'footer', tags: ['footer'], roles: ['contentinfo'] },
  { kind: 'header', tags: ['header'], roles: ['banner'] },
  { kind: 'sidebar', tags: ['aside'], roles: ['complementary'], tokens: ['sidebar'] },
  { kind: 'form', tags: ['form'], roles: ['search'] },
];

/** The kind an element's own tag, role, id and classes say it is, if any. */
export function ownKind(e: Element): string | null {
  const tag = e.tagName.toLowerCase();
  const role = (e.getAttribute('role') ?? '').toLowerCase();
  const words = `${e.id} ${e.getAttribute('class') ?? ''} ${e.getAttribute('aria-label') ?? ''}`.toLowerCase();
  const tokens = new Set(words.split(/[\s_-]+/).filter(Boolean));
  for (const r of RULES) {
    if (r.tags?.includes(tag) || (role && r.roles?.includes(role)) || r.tokens?.some((t) => tokens.has(t)) || r.parts?.some((p) => words.includes(p))) return r.kind;
  }
  return null;
}

function kindOf(el: Element | null): string {
  for (let e = el; e && e.tagName.toLowerCase() !== 'body'; e = e.parentElement) {
    const kind = ownKind(e);
    if (kind) return kind;
  }
  return 'other page text';
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Visible text blocks of a page in document order, each with the element that holds it. */
function textBlocks(doc: Document): Array<{ el: Element; text: string }> {
  const byBlock = new Map<Element, string>();
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let block: Element | null = node.parentElement;
    let hidden = false;
    for (let e = block; e; e = e.parentElement) if (INVISIBLE.has(e.tagName.toLowerCase()) || e.hasAttribute('hidden')) hidden = true;
    if (hidden) continue;
    while (block && !BLOCK.has(block.tagName.toLowerCase())) block = block.parentElement;
    if (!block) continue;
    // Links and buttons side by side ("Accept all", "Manage settings") are separate words.
    const gap = /^(a|button|label)$/i.test(node.parentElement?.tagName ?? '') ? ' ' : '';
    byBlock.set(block, (byBlock.get(block) ?? '') + gap + (node.textContent ?? ''));
  }
  return [...byBlock].map(([el, text]) => ({ el, text: squash(text) })).filter((b) => b.text);
}

/** What of the page's visible text is not in the article (compared with whitespace squashed). */
export function removedReport(original: Document, articleText: string, alsoKept: Array<string | null> = []): RemovedReport {
  // Compared without any whitespace: inline markup moves spaces around but not the words.
  const bare = (t: string) => t.replace(/\s+/g, '');
  const kept = bare(articleText);
  const shown = new Set(alsoKept.filter((t): t is string => !!t).map(bare));
  const groups = new Map<string, RemovedGroup>();
  let blocks = 0;
  let characters = 0;
  for (const { el, text } of textBlocks(original)) {
    if (kept.includes(bare(text)) || shown.has(bare(text))) continue;
    blocks++;
    characters += text.length;
    const kind = kindOf(el);
    const group = groups.get(kind) ?? { kind, count: 0, samples: [] };
    group.count++;
    if (group.samples.length < SAMPLES) group.samples.push(text.length > 80 ? `${text.slice(0, 79)}…` : text);
    groups.set(kind, group);
  }
  return { blocks, characters, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}
