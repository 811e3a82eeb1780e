/**
 * A short name for an article wherever space is tight (board columns, link lists, pickers):
 * its outlet when known, else the start of its title, else "Article N". Pure, shared by server
 * and client code so every view names a source the same way.
 */
const MAX_WORDS = 5;
const MAX_CHARS = 40;

export function sourceName(article: { outlet: string | null; title: string; articleId?: number; id?: number }): string {
  const outlet = article.outlet?.trim();
  if (outlet) return outlet;
  const title = article.title.trim();
  if (!title) return `Article ${article.articleId ?? article.id ?? ''}`.trim();
  const words = title.split(/\s+/);
  let short = words.slice(0, MAX_WORDS).join(' ');
  if (short.length > MAX_CHARS) short = short.slice(0, MAX_CHARS).replace(/\s+\S*$/, '');
  return short.length < title.length ? `${short.replace(/[\s,.;:–—-]+$/, '')}…` : title;
}
