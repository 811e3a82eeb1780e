/**
 * HTTP side of the Web Annotation Protocol (read-only): content negotiation on Accept, the
 * Prefer header's container preferences, and the headers a protocol client looks for
 * (Link rel="type", ETag, Vary, Allow). The documents come from lib/data/w3cContainer.ts.
 */
import { NextResponse } from 'next/server';
import { W3C_MEDIA_TYPE } from '../export/w3c';
import type { ContainerView } from '../data/w3cContainer';

const PREFER_IRIS = 'http://www.w3.org/ns/oa#PreferContainedIRIs';
const PREFER_DESCRIPTIONS = 'http://www.w3.org/ns/oa#PreferContainedDescriptions';
const PREFER_MINIMAL = 'http://www.w3.org/ns/ldp#PreferMinimalContainer';
const ALLOW = 'GET, HEAD, OPTIONS';

interface Range {
  type: string;
  q: number;
}

function ranges(accept: string): Range[] {
  return accept.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) || 0 : 1 };
  });
}

function quality(list: Range[], type: string): number {
  const [major] = type.split('/');
  let best = -1;
  for (const r of list) {
    const matches = r.type === type ? 3 : r.type === `${major}/*` ? 2 : r.type === '*/*' ? 1 : 0;
    if (matches && r.q > best) best = r.q;
  }
  return Math.max(best, 0);
}

/**
 * The media type to answer with: JSON-LD with the annotation profile (the protocol's
 * default), or plain JSON when the client prefers it; null when it accepts neither (406).
 */
export function negotiateJsonLd(request: Request): string | null {
  const accept = request.headers.get('accept');
  if (!accept) return W3C_MEDIA_TYPE;
  const list = ranges(accept);
  const ld = quality(list, 'application/ld+json');
  const json = list.some((r) => r.type === 'application/json') ? quality(list, 'application/json') : 0;
  if (ld <= 0 && json <= 0) return null;
  return json > ld ? 'application/json; charset=utf-8' : W3C_MEDIA_TYPE;
}

/** The container view a Prefer header asks for, and whether a preference was applied. */
export function preferredView(request: Request): { view: ContainerView; applied: boolean } {
  const prefer = request.headers.get('prefer') ?? '';
  const include = /return=representation\s*;\s*include\s*=\s*"([^"]*)"/i.exec(prefer)?.[1]?.split(/\s+/) ?? [];
  if (include.includes(PREFER_MINIMAL)) return { view: 'minimal', applied: true };
  if (include.includes(PREFER_IRIS)) return { view: 'iris', applied: true };
  return { view: 'descriptions', applied: include.includes(PREFER_DESCRIPTIONS) };
}

/** 406 in the API's error format, naming what can be served. */
export function notAcceptable(): NextResponse {
  const message = `This resource is served as ${W3C_MEDIA_TYPE} (or application/json). Ask for one of those in Accept.`;
  return NextResponse.json({ error: { code: 'not_acceptable', message } }, { status: 406 });
}

const LINK_TYPE = {
  resource: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
  container: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  page: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
};

/** A protocol answer: the document with its media type and the protocol's headers. */
export function protocolResponse(document: unknown, opts: { mediaType: string; kind: keyof typeof LINK_TYPE; etag?: string; preferenceApplied?: boolean }): Response {
  const headers = new Headers({
    'Content-Type': opts.mediaType,
    Link: LINK_TYPE[opts.kind],
    Allow: ALLOW,
    Vary: opts.kind === 'resource' ? 'Accept' : 'Accept, Prefer',
    'Cache-Control': 'private, no-cache',
  });
  if (opts.etag) headers.set('ETag', opts.etag);
  if (opts.preferenceApplied) headers.set('Preference-Applied', 'return=representation');
  return new Response(JSON.stringify(document), { status: 200, headers });
}
