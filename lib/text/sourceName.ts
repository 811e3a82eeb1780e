/**
 * A short name for an article wherever space is tight (board columns, link lists, pickers).
 * The rule lives in lib/articleNames.ts (displayOutlet); this name stays for its callers.
 */
import { displayOutlet, type NamedArticle } from '../articleNames';

export function sourceName(article: NamedArticle): string {
  return displayOutlet(article);
}
