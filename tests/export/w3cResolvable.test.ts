/**
 * Every IRI of the W3C export resolves: annotation, link and review ids through the
 * project's annotation container (Web Annotation Protocol, read-only), sources to the
 * article text. Called through the route handlers with bearer tokens, and the data layer
 * directly as the wrong user.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { exportText } from './collect';
import { callRoute, importRoute, ORIGIN, type RouteModule } from '../security/routeCall';
import { validateW3cExport } from '../conformance/w3cSuite';
import { createToken } from '@/lib/data/tokens';
import { CONTAINER_PAGE_SIZE, readW3cContainer, readW3cItem } from '@/lib/data/w3cContainer';
import { annotations } from '@/lib/db/tables';
import { makeProject, makeUser } from '../helpers';
import { exec } from '@/lib/db/query';

/** The JSON-LD these tests read: a container, a page, an item or an error. */
interface Json {
  id: string;
  total: number;
  first: Json;
  last: string;
  next?: string;
  prev: string;
  items: Json[];
  error: { message: string };
  /** A link's two annotation IRIs, or an annotation's specific resource. */
  target: string[] & { source: string };
  creator: { id?: string; name: string };
  [key: string]: unknown;
}
const PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
let f: Fixture;
let containerRoute: RouteModule;
let itemRoute: RouteModule;
let textRoute: RouteModule;
const tokens: Record<string, string> = {};
let texts: Map<string, string>;

beforeAll(async () => {
  f = await buildFixture();
  containerRoute = (await importRoute('/api/projects/:projectId/w3c'))!;
  itemRoute = (await importRoute('/api/projects/:projectId/w3c/:item'))!;
  textRoute = (await importRoute('/api/articles/:articleId/text'))!;
  for (const [role, who] of Object.entries({ lead: f.lead, viewer: f.viewer, outsider: f.outsider })) {
    tokens[role] = (await createToken({ actor: who.actor, input: { name: 'test' } })).token;
  }
  texts = new Map(Object.values(f.articles).map((a) => [`${ORIGIN}/api/articles/${a.id}/text`, a.body]));
});

/** GETs an absolute IRI of this app through the matching route handler. */
async function resolve(iri: string, token = tokens.viewer, headers: Record<string, string> = {}) {
  const url = new URL(iri);
  const path = url.pathname + url.search;
  const item = /^\/api\/projects\/(\d+)\/w3c\/([^/]+)$/.exec(url.pathname);
  if (item) return callRoute(itemRoute, { method: 'GET', url: path, params: { projectId: item[1], item: item[2] }, token, headers });
  const container = /^\/api\/projects\/(\d+)\/w3c$/.exec(url.pathname);
  if (container) return callRoute(containerRoute, { method: 'GET', url: path, params: { projectId: container[1] }, token, headers });
  const text = /^\/api\/articles\/(\d+)\/text$/.exec(url.pathname);
  if (text) return callRoute(textRoute, { method: 'GET', url: path, params: { articleId: text[1] }, token, headers });
  throw new Error(`no route for ${iri}`);
}

const exportItems = async (): Promise<Json[]> => {
  const [collection] = JSON.parse((await exportText(f.lead.actor, f.project.id, { format: 'w3c' })).replaceAll('https://desk.example.org', ORIGIN));
  return collection.first.items;
};

describe('W3C IRIs resolve', () => {
  it('serves every exported annotation, link and review at its id as the same JSON-LD', async () => {
    const items = await exportItems();
    expect(items).toHaveLength(23);
    for (const item of items) {
      const res = await resolve(item.id);
      expect(res.status, item.id).toBe(200);
      expect(res.headers.get('content-type')).toBe(PROFILE);
      expect(res.headers.get('link')).toContain('ldp#Resource');
      expect(res.headers.get('etag')).toMatch(/^W\/"/);
      expect(res.json).toEqual({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...item });
    }
  });

  it('points links at the two annotations they connect, and names people without an IRI', async () => {
    const items = await exportItems();
    const link = items.find((i) => i.id.endsWith(`/w3c/link-${f.links.l1.id}`))!;
    expect(link.motivation).toBe('linking');
    expect(link.target).toEqual([`${ORIGIN}/api/projects/${f.project.id}/w3c/annotation-${f.annotations.claim1.id}`, `${ORIGIN}/api/projects/${f.project.id}/w3c/annotation-${f.annotations.claim2.id}`]);
    for (const end of link.target) expect((await resolve(end)).status).toBe(200);
    expect(items.every((i) => i.creator.id === undefined && typeof i.creator.name === 'string')).toBe(true);
  });

  it('resolves each source to the exact article text for members only', async () => {
    const claim = (await exportItems()).find((i) => i.id.endsWith(`annotation-${f.annotations.claim1.id}`))!;
    const res = await resolve(claim.target.source);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(f.articles.emoji.body);
    expect((await resolve(claim.target.source, tokens.outsider)).status).toBe(404);
  });

  it('answers 404 to a non-member, and for a malformed, missing, deleted or foreign id', async () => {
    const claimIri = `${ORIGIN}/api/projects/${f.project.id}/w3c/annotation-${f.annotations.claim1.id}`;
    expect((await resolve(claimIri, tokens.outsider)).status).toBe(404);
    expect((await resolve(`${ORIGIN}/api/projects/${f.project.id}/w3c/annotation-99999999`)).status).toBe(404);
    expect((await resolve(`${ORIGIN}/api/projects/${f.project.id}/w3c/comment-1`)).status).toBe(404);
    const other = await makeProject([[f.viewer.user.id, 'viewer']]);
    expect((await resolve(`${ORIGIN}/api/projects/${other.id}/w3c/annotation-${f.annotations.claim1.id}`)).status).toBe(404);
    await expect(readW3cItem({ actor: f.outsider.actor, projectId: f.project.id, key: `annotation-${f.annotations.claim1.id}`, baseUrl: ORIGIN })).rejects.toThrow(/not found/);
    await expect(readW3cContainer({ actor: f.outsider.actor, projectId: f.project.id, baseUrl: ORIGIN, view: 'minimal' })).rejects.toThrow(/not found/);
  });

  it('negotiates: JSON-LD by default and for */*, plain JSON when preferred, 406 otherwise', async () => {
    const iri = (await exportItems())[0].id;
    expect((await resolve(iri, tokens.viewer, { accept: 'text/html,*/*;q=0.8' })).headers.get('content-type')).toBe(PROFILE);
    expect((await resolve(iri, tokens.viewer, { accept: 'application/json' })).headers.get('content-type')).toBe('application/json; charset=utf-8');
    const refused = await resolve(iri, tokens.viewer, { accept: 'text/turtle' });
    expect(refused.status).toBe(406);
    expect((refused.json as Json).error.message).toMatch(/application\/ld\+json/);
  });
});

describe('the annotation container', () => {
  const container = () => `${ORIGIN}/api/projects/${f.project.id}/w3c`;

  it('is a BasicContainer AnnotationCollection with the first page embedded, passing the W3C suite', async () => {
    const res = await resolve(container());
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toContain('ldp#BasicContainer');
    expect(res.headers.get('vary')).toBe('Accept, Prefer');
    const doc = res.json as Json;
    expect(doc).toMatchObject({ id: container(), type: ['BasicContainer', 'AnnotationCollection'], total: 23 });
    expect(doc.first.items).toHaveLength(23);
    expect(doc.first.next).toBeUndefined();
    const result = validateW3cExport([doc], texts);
    expect(result.failures).toEqual([]);
    expect(result.extras).toEqual([]);
  });

  it('honours Prefer: contained IRIs only, or a minimal container', async () => {
    const iris = await resolve(container(), tokens.viewer, { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' });
    expect(iris.headers.get('preference-applied')).toBe('return=representation');
    const first = (iris.json as Json).first;
    expect(first.items.every((i: unknown) => typeof i === 'string')).toBe(true);
    expect(first.id).toMatch(/iris=1$/);
    const minimal = await resolve(container(), tokens.viewer, { prefer: 'return=representation; include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' });
    expect((minimal.json as Json).first).toBe(`${container()}?cursor=start`);
  });

  it('pages with a keyset cursor: every member once, in order, across pages that pass the suite', async () => {
    const { emoji } = f.articles;
    const rows = Array.from({ length: 2 * CONTAINER_PAGE_SIZE + 10 }, (_, i) => ({ projectId: f.project.id, articleId: emoji.id, authorId: f.reviewer.user.id, label: 'context' as const, start: 0, end: 9, exact: emoji.body.slice(0, 9), note: `n${i}` }));
    await exec(f.db.insert(annotations).values(rows));
    const doc = (await resolve(container())).json as Json;
    const total = 23 + rows.length;
    expect(doc.total).toBe(total);
    const docs: Json[] = [doc];
    let next = doc.first.next;
    while (next) {
      const page = (await resolve(next)).json as Json;
      expect(page).toMatchObject({ type: 'AnnotationPage', partOf: { id: container(), total }, startIndex: CONTAINER_PAGE_SIZE * (docs.length) });
      expect(page.prev).toBe(docs.length === 1 ? doc.first.id : docs.at(-1)!.id);
      docs.push(page);
      next = page.next;
    }
    expect(docs).toHaveLength(3);
    expect(doc.last).toBe(docs[2].id);
    const ids = [...doc.first.items, ...docs.slice(1).flatMap((p) => p.items)].map((i: Json) => i.id);
    expect(new Set(ids).size).toBe(total);
    const result = validateW3cExport(docs, texts);
    expect(result.failures).toEqual([]);
    expect(result.extras).toEqual([]);
    expect(result.annotations).toBe(total);
  });

  it('refuses a malformed cursor or an unknown parameter with 400', async () => {
    expect((await resolve(`${container()}?cursor=12`)).status).toBe(400);
    expect((await resolve(`${container()}?cursor=start&sort=id`)).status).toBe(400);
    const lone = await makeUser();
    const mine = await makeProject([[lone.user.id, 'viewer']]);
    const empty = await readW3cContainer({ actor: lone.actor, projectId: mine.id, baseUrl: ORIGIN, view: 'descriptions' });
    expect(empty).toMatchObject({ total: 0, first: { items: [] }, last: `${ORIGIN}/api/projects/${mine.id}/w3c?cursor=start` });
  });
});
