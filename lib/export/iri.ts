/**
 * Absolute IRIs of exported resources. They follow the app's own URL space so that an IRI
 * names the resource a person could open (articles) or the API path of the item.
 */
import type { ExportContext } from './types';

export function iris(ctx: ExportContext) {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  return {
    article: (id: number) => `${base}/api/articles/${id}`,
    annotation: (id: number) => `${base}/api/annotations/${id}`,
    link: (id: number) => `${base}/api/links/${id}`,
    review: (id: number) => `${base}/api/reviews/${id}`,
    user: (id: number) => `${base}/users/${id}`,
    project: () => `${base}/projects/${ctx.project.id}`,
    app: () => `${base}/`,
  };
}

/** The filters as a query string ("" when none), so an IRI says which subset it names. */
export function filterQuery(ctx: ExportContext): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(ctx.filters)) {
    if (Array.isArray(values) && values.length) parts.push(`${key}=${encodeURIComponent(values.join(','))}`);
  }
  return parts.length ? `&${parts.join('&')}` : '';
}
