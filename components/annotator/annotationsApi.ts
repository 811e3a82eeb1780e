/** The reader's calls to the annotations API (errors: ApiError, keyed by the server's code). */
import { apiRequest } from '@/lib/client/api';
import type { AnnotationView } from './types';

export interface AnnotationInput {
  label?: string;
  start?: number;
  end?: number;
  exact?: string;
  note?: string;
  attributes?: Record<string, unknown>;
}

/** The most the list route sends in one page (MAX_LIMIT of lib/pagination/cursor.ts). */
const PAGE_LIMIT = 200;

type One = { annotation: AnnotationView };
const annotationOf = (answer: One) => answer.annotation;

export const annotationsApi = {
  create: (articleId: number, input: AnnotationInput) =>
    apiRequest<One>(`/api/articles/${articleId}/annotations`, { body: input }).then(annotationOf),
  get: (id: number) => apiRequest<One>(`/api/annotations/${id}`).then(annotationOf),
  update: (id: number, version: number, input: AnnotationInput) =>
    apiRequest<One>(`/api/annotations/${id}`, { method: 'PATCH', body: input, version }).then(annotationOf),
  remove: (id: number, version: number) => apiRequest(`/api/annotations/${id}`, { method: 'DELETE', version }),
  restore: (id: number) => apiRequest<One>(`/api/annotations/${id}/restore`, { body: {} }).then(annotationOf),
  page: (articleId: number, cursor: string) =>
    apiRequest<{ annotations: AnnotationView[]; nextCursor: string | null; total: number }>(
      `/api/articles/${articleId}/annotations?limit=${PAGE_LIMIT}&cursor=${encodeURIComponent(cursor)}`),
  since: (articleId: number, cursor: number) =>
    apiRequest<{ annotations: AnnotationView[]; deletedIds: number[]; cursor: number }>(`/api/articles/${articleId}/annotations?since=${cursor}`),
};
