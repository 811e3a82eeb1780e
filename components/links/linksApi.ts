/** The link picker's and links section's calls to the API (errors: ApiError, keyed by the server's code). */
import { apiRequest } from '@/lib/client/api';
import type { Label, Relation } from '@/lib/domain';
import type { LinkFromAnnotation } from '@/lib/data/linkViews';
import type { SuggestionList } from '@/lib/data/linkSuggestions';

export interface SentenceChoice {
  articleId: number;
  start: number;
  end: number;
  exact: string;
  label: Label;
}

export const linksApi = {
  suggestions: (annotationId: number, q: string, signal?: AbortSignal) =>
    apiRequest<SuggestionList>(`/api/annotations/${annotationId}/suggestions?q=${encodeURIComponent(q)}`, { signal }),
  ofAnnotation: (annotationId: number) =>
    apiRequest<{ links: LinkFromAnnotation[] }>(`/api/links?annotationId=${annotationId}`).then((r) => r.links),
  link: (fromAnnotationId: number, toAnnotationId: number, relation: Relation, note: string) =>
    apiRequest<{ link: { id: number } }>('/api/links', { body: { fromAnnotationId, toAnnotationId, relation, note } }),
  linkSentence: (fromAnnotationId: number, sentence: SentenceChoice, relation: Relation, note: string) =>
    apiRequest<{ link: { id: number }; annotation: { id: number } }>('/api/links', { body: { fromAnnotationId, relation, note, sentence } }),
  remove: (linkId: number) => apiRequest(`/api/links/${linkId}`, { method: 'DELETE' }),
};
