/**
 * Plain text and Markdown files: the text is the article body as is (no Markdown rendering,
 * so offsets refer to exactly what the file says). The title is the first Markdown heading
 * or the first line when it is short, otherwise the file name.
 */
import type { ArticleDraft } from './types';

function firstLineTitle(text: string): string | null {
  const line = text.split('\n').find((l) => l.trim());
  if (!line) return null;
  const clean = line.replace(/^#{1,6}\s+/, '').replace(/\s+#*\s*$/, '').trim();
  return clean.length > 0 && clean.length <= 200 ? clean : null;
}

/** One article from a .txt or .md file. */
export function parsePlainText(name: string, text: string): ArticleDraft {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { title: firstLineTitle(text) ?? base, body: text };
}
