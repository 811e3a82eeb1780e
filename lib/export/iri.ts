/**
 * Absolute IRIs of exported resources, each one a URL the app serves to callers who may read
 * it: annotations, links and reviews are members of the project's read-only annotation
 * container (Web Annotation Protocol) and resolve to JSON-LD; an article's text resolves to
 * text/plain. People get no IRI (nothing public describes them), so none is exported.
 */
import type { ExportContext } from './types';

/** What a container member is: our three kinds of W3C annotation. */
export const W3C_ITEM_KINDS = ['annotation', 'link', 'review'] as const;
export type W3cItemKind = (typeof W3C_ITEM_KINDS)[number];

/** The container member key in IRIs and cursors: "annotation-12", "link-3", "review-9". */
export const itemKey = (kind: W3cItemKind, id: number) => `${kind}-${id}`;

/** Parses "annotation-12" back into kind and id; null for anything else. */
export function parseItemKey(key: string): { kind: W3cItemKind; id: number } | null {
  const match = /^(annotation|link|review)-([1-9]\d{0,14})$/.exec(key);
  return match ? { kind: match[1] as W3cItemKind, id: Number(match[2]) } : null;
}

/** IRIs under one origin (no trailing slash) for one project. */
export function projectIris(baseUrl: string, projectId: number) {
  const base = baseUrl.replace(/\/+$/, '');
  const container = `${base}/api/projects/${projectId}/w3c`;
  return {
    container,
    item: (kind: W3cItemKind, id: number) => `${container}/${itemKey(kind, id)}`,
    annotation: (id: number) => `${container}/${itemKey('annotation', id)}`,
    link: (id: number) => `${container}/${itemKey('link', id)}`,
    review: (id: number) => `${container}/${itemKey('review', id)}`,
    /** The article's exact body as text/plain: what selectors count in. */
    articleText: (id: number) => `${base}/api/articles/${id}/text`,
    app: () => `${base}/`,
  };
}

export type ProjectIris = Awaited<ReturnType<typeof projectIris>>;

/** The IRIs of an export (its origin and project). */
export const iris = (ctx: ExportContext): ProjectIris => projectIris(ctx.baseUrl, ctx.project.id);

/** The filters as a query string ("" when none), so an IRI says which subset it names. */
export function filterQuery(ctx: ExportContext): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(ctx.filters)) {
    if (Array.isArray(values) && values.length) parts.push(`${key}=${encodeURIComponent(values.join(','))}`);
  }
  return parts.length ? `&${parts.join('&')}` : '';
}
