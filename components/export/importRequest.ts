/** Sending an import (files, or one pasted article) and reading what the server refused, file by file. */
import { ApiError, apiRequest } from '@/lib/client/api';
import type { ImportResult } from '@/lib/data/imports';
import type { Outcome } from './ImportResults';

type FileProblem = Extract<Outcome, { kind: 'error' }>['files'][number];

/** The per-file problems a refused import lists in its error details, if any. */
function filesOf(details: unknown): FileProblem[] {
  const files = (details as { files?: unknown } | undefined)?.files;
  return Array.isArray(files) ? (files as FileProblem[]) : [];
}

/** Posts the import; a refusal or a broken connection becomes an error outcome with a message for people. */
export async function sendImport(url: string, body: FormData | { articles: unknown[] } | { url: string }): Promise<Outcome> {
  try {
    return { kind: 'ok', result: await apiRequest<ImportResult>(url, { body }) };
  } catch (error) {
    if (error instanceof ApiError && error.code !== 'unreachable') return { kind: 'error', message: error.message, files: filesOf(error.details) };
    return { kind: 'error', message: 'The connection broke off. Nothing was imported; try again.', files: [] };
  }
}

/** The pasted article as the import API takes it (empty fields left out). */
export function pasteArticle(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim() || undefined;
  return { title: text('title') ?? '', body: String(data.get('body') ?? ''), outlet: text('outlet'), url: text('url'), author: text('author'), publishedAt: text('publishedAt') };
}
