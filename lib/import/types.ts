/** What the import parsers produce: article drafts, or a native export to restore. */
import type { NativeArticle } from './native';
import type { WebProvenance } from './html';

/** One article to import, before validation by importArticleSchema. */
export interface ArticleDraft {
  title?: string;
  body: string;
  outlet?: string | null;
  url?: string | null;
  author?: string | null;
  publishedAt?: string | null;
}

export type ParsedFile =
  | { file: string; kind: 'articles'; articles: Array<{ draft: ArticleDraft; line?: number; web?: WebProvenance }> }
  | { file: string; kind: 'native'; articles: Array<{ article: NativeArticle; line: number }> };
