/** The link picker's and links section's calls to the API; errors keep the server's message. */
import type { Label, Relation } from '@/lib/domain';
import type { LinkFromAnnotation } from '@/lib/data/linkViews';
import type { SuggestionList } from '@/lib/data/linkSuggestions';

export class LinkApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new LinkApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}.`;
    throw new LinkApiError(response.status, message);
  }
  return json as T;
}

export interface SentenceChoice {
  articleId: number;
  start: number;
  end: number;
  exact: string;
  label: Label;
}

export const linksApi = {
  suggestions: (annotationId: number, q: string, signal?: AbortSignal) =>
    fetch(`/api/annotations/${annotationId}/suggestions?q=${encodeURIComponent(q)}`, { cache: 'no-store', signal }).then(async (r) => {
      const json = await r.json().catch(() => null);
      if (!r.ok) throw new LinkApiError(r.status, json?.error?.message ?? `The server answered ${r.status}.`);
      return json as SuggestionList;
    }),
  ofAnnotation: (annotationId: number) =>
    call<{ links: LinkFromAnnotation[] }>('GET', `/api/links?annotationId=${annotationId}`).then((r) => r.links),
  link: (fromAnnotationId: number, toAnnotationId: number, relation: Relation, note: string) =>
    call<unknown>('POST', '/api/links', { fromAnnotationId, toAnnotationId, relation, note }),
  linkSentence: (fromAnnotationId: number, sentence: SentenceChoice, relation: Relation, note: string) =>
    call<unknown>('POST', '/api/links', { fromAnnotationId, relation, note, sentence }),
  remove: (linkId: number) => call<unknown>('DELETE', `/api/links/${linkId}`),
};
