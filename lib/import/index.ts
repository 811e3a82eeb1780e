/**
 * Parses uploaded files into article drafts or native exports, by extension: .txt / .md
 * (text), .html / .htm (the article as Readability extracts it, lib/import/html.ts), .json / .jsonl (batches; a .jsonl whose first line is
 * our export manifest is a native export). Pure: nothing is written here.
 */
import { checkFileName, decodeText, extensionOf, FileProblem, type ImportFile } from './files';
import { parsePlainText } from './text';
import { NoArticleText, parseWebPage } from './html';
import { parseJsonBatch, parseJsonl } from './batch';
import { isNativeManifest, parseNative } from './native';
import type { ParsedFile } from './types';

/** Parses one file or throws a FileProblem naming it (and the line, where there is one). */
export function parseImportFile(file: ImportFile): ParsedFile {
  checkFileName(file.name);
  const text = decodeText(file);
  if (!text.trim()) throw new FileProblem(file.name, 'the file is empty.', undefined, 422);
  const ext = extensionOf(file.name);
  if (ext === '.jsonl') {
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
    if (isNativeManifest(firstLine)) return { file: file.name, kind: 'native', articles: parseNative(file.name, text) };
    return { file: file.name, kind: 'articles', articles: parseJsonl(file.name, text) };
  }
  if (ext === '.json') return { file: file.name, kind: 'articles', articles: parseJsonBatch(file.name, text) };
  if (ext === '.html' || ext === '.htm') {
    try {
      const { draft, web } = parseWebPage(file.name, text);
      return { file: file.name, kind: 'articles', articles: [{ draft, web }] };
    } catch (error) {
      if (error instanceof NoArticleText) throw new FileProblem(file.name, error.message, undefined, 422);
      throw error;
    }
  }
  const draft = parsePlainText(file.name, text);
  if (!draft.body.trim()) throw new FileProblem(file.name, 'no article text found in the file.', undefined, 422);
  return { file: file.name, kind: 'articles', articles: [{ draft }] };
}

export { FileProblem, type ImportFile } from './files';
export type { ParsedFile, ArticleDraft } from './types';
