/**
 * A short, readable name for the source of an article wherever space is tight (board columns,
 * queue groups, link pickers): its outlet when known, else the domain of its URL (without
 * "www."), else the start of its title cut at a word boundary, else "Article N". Pure, shared
 * by server and client code so every view names a source the same way. Never "Unknown
 * outlet", never a word cut in half.
 */
export interface NamedArticle {
  outlet: string | null;
  title: string;
  url?: string | null;
  articleId?: number;
  id?: number;
}

const MAX_WORDS = 5;
const MAX_CHARS = 40;

/** The host of an http(s) URL without a leading "www.", or null when there is none. */
export function urlDomain(url: string | null | undefined): string | null {
  if (!url?.trim()) return null;
  try {
    const { hostname, protocol } = new URL(url.trim());
    if (protocol !== 'http:' && protocol !== 'https:' || !hostname) return null;
    return hostname.replace(/^www\./i, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The title's first words, at most MAX_WORDS and MAX_CHARS, ending at a whole word, with "…" when cut. */
export function shortTitle(title: string): string {
  const words = title.trim().split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const word of words) {
    if (kept.length >= MAX_WORDS) break;
    const next = [...kept, word].join(' ');
    if (next.length > MAX_CHARS && kept.length > 0) break;
    kept.push(word);
  }
  if (kept.length === words.length) return kept.join(' ');
  // A lone first word longer than the limit stays whole: cutting it would be unreadable.
  const short = kept.join(' ').replace(/[\s,.;:–—\-«“"'‘(]+$/u, '');
  return `${short}…`;
}

export function displayOutlet(article: NamedArticle): string {
  const outlet = article.outlet?.trim();
  if (outlet) return outlet;
  const domain = urlDomain(article.url);
  if (domain) return domain;
  const title = article.title?.trim() ?? '';
  if (title) return shortTitle(title);
  return `Article ${article.articleId ?? article.id ?? ''}`.trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The title without a leading "Zamin.uz: " or a trailing " | Zamin.uz" naming the source again. */
function withoutSource(title: string, source: string): string {
  if (title.toLocaleLowerCase() === source.toLocaleLowerCase()) return '';
  const name = escapeRegExp(source);
  return title
    .replace(new RegExp(`^${name}\\s*[:|—–-]\\s*`, 'iu'), '')
    .replace(new RegExp(`\\s*[|—–-]\\s*${name}$`, 'iu'), '')
    .trim();
}

/**
 * The source and the title to show under it, the source said once: the title loses a prefix or
 * suffix that repeats the outlet, and is null when nothing is left or when the source name is
 * itself made from the title (an article without outlet or address).
 */
export function sourceAndTitle(article: NamedArticle): { source: string; title: string | null } {
  const source = displayOutlet(article);
  const named = article.outlet?.trim() || urlDomain(article.url);
  const title = article.title?.trim() ?? '';
  if (!named) return { source, title: null };
  return { source, title: withoutSource(title, named) || null };
}

/** One line for a heading or a link: "Zamin.uz — Bulgaria's first female president", or the whole title. */
export function sourceLine(article: NamedArticle): string {
  const named = article.outlet?.trim() || urlDomain(article.url);
  if (!named) return article.title?.trim() || displayOutlet(article);
  const { source, title } = sourceAndTitle(article);
  return title ? `${source} — ${title}` : source;
}
