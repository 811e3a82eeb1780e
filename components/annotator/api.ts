/** The reader's calls to the annotations API, with the server's error message kept for the user. */
import type { AnnotationView } from './types';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}.`;
    throw new ApiError(response.status, message);
  }
  return json as T;
}

export interface AnnotationInput {
  label?: string;
  start?: number;
  end?: number;
  exact?: string;
  note?: string;
  attributes?: Record<string, unknown>;
}

export const annotationsApi = {
  create: (articleId: number, input: AnnotationInput) =>
    call<{ annotation: AnnotationView }>('POST', `/api/articles/${articleId}/annotations`, input).then((r) => r.annotation),
  get: (id: number) => call<{ annotation: AnnotationView }>('GET', `/api/annotations/${id}`).then((r) => r.annotation),
  update: (id: number, version: number, input: AnnotationInput) =>
    call<{ annotation: AnnotationView }>('PATCH', `/api/annotations/${id}`, input, { 'If-Match': `"${version}"` }).then((r) => r.annotation),
  remove: (id: number, version: number) => call<unknown>('DELETE', `/api/annotations/${id}`, undefined, { 'If-Match': `"${version}"` }),
  restore: (id: number) => call<{ annotation: AnnotationView }>('POST', `/api/annotations/${id}/restore`, {}).then((r) => r.annotation),
  since: (articleId: number, cursor: number) =>
    call<{ annotations: AnnotationView[]; deletedIds: number[]; cursor: number }>('GET', `/api/articles/${articleId}/annotations?since=${cursor}`),
};
