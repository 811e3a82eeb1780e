/**
 * The read-only Web Annotation Protocol container of a project: every live span, link and
 * review in force as a W3C annotation, paged with a keyset cursor (members ordered by kind,
 * then id; a cursor names the last member of the previous page, so pages stay stable while
 * others write). Members of the project read it, whatever their role; anyone else gets 404,
 * the same answer as for an id that does not exist.
 */
import { z } from 'zod';
import { getDb, getReader } from '../db/client';
import { databaseUrl } from '../db/engine';
import { openPgSnapshot } from '../db/pg/snapshot';
import { notFound } from '../errors';
import { itemKey, parseItemKey, projectIris, W3C_ITEM_KINDS, type W3cItemKind } from '../export/iri';
import { generatorOf, W3C_CONTEXT } from '../export/w3c';
import { parseInput } from '../validation';
import { projectAccess, type Actor } from './actor';
import { loadItems, MEMBER_SQL, memberFrom, type ItemKey, type RowReader } from './w3cItems';

export const CONTAINER_PAGE_SIZE = 100;
const LDP_CONTEXT = 'http://www.w3.org/ns/ldp.jsonld';

type Json = Record<string, unknown>;

/** How much a container or page answer embeds (the Prefer header of the protocol). */
export type ContainerView = 'descriptions' | 'iris' | 'minimal';

/** A page request: `cursor` is "start" or the key of the member before the page; `iris=1` lists IRIs only. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().refine((c) => c === 'start' || parseItemKey(c) !== null, 'must be "start" or a member key such as annotation-12'),
  iris: z.literal('1', { message: 'must be 1 when given' }).optional(),
});

/**
 * Runs `fn` with a reader of committed data: SQLite's read-only connection, or on PostgreSQL
 * one REPEATABLE READ, READ ONLY snapshot for all of `fn`'s statements (counts, keys and
 * members of a page agree), given back to the pool when `fn` ends.
 */
async function withReader<T>(fn: (read: RowReader) => Promise<T>): Promise<T> {
  const url = databaseUrl();
  if (!url) {
    const sqlite = getReader();
    return fn(async (sql, params) => sqlite.prepare(sql).all(...params) as Array<Record<string, unknown>>);
  }
  const snapshot = await openPgSnapshot(url);
  try {
    return await fn((sql, params) => snapshot.rows(sql, params));
  } finally {
    await snapshot.close();
  }
}

async function countOf(read: RowReader, kind: W3cItemKind, projectId: number, upToId?: number): Promise<number> {
  const extra = upToId === undefined ? '' : ` and ${MEMBER_SQL[kind].id} <= ?`;
  const params = upToId === undefined ? [projectId] : [projectId, upToId];
  return Number((await read(`select count(*) as n ${memberFrom(kind)}${extra}`, params))[0].n);
}

/** Up to `limit` member keys after `after` (null: from the first), kind by kind. */
async function keysAfter(read: RowReader, projectId: number, after: ItemKey | null, limit: number): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  const startKind = after ? W3C_ITEM_KINDS.indexOf(after.kind) : 0;
  for (const kind of W3C_ITEM_KINDS.slice(startKind)) {
    if (keys.length >= limit) break;
    const afterId = after && kind === after.kind ? after.id : 0;
    const { id } = MEMBER_SQL[kind];
    const rows = await read(`select ${id} as id ${memberFrom(kind)} and ${id} > ? order by ${id} limit ?`, [projectId, afterId, limit - keys.length]);
    for (const row of rows) keys.push({ kind, id: Number(row.id) });
  }
  return keys;
}

/** The member at position `index` (0-based) of the container order, or null. */
async function keyAt(read: RowReader, projectId: number, counts: Record<W3cItemKind, number>, index: number): Promise<ItemKey | null> {
  let offset = index;
  for (const kind of W3C_ITEM_KINDS) {
    if (offset < counts[kind]) {
      const { id } = MEMBER_SQL[kind];
      const [row] = await read(`select ${id} as id ${memberFrom(kind)} order by ${id} limit 1 offset ?`, [projectId, offset]);
      return row ? { kind, id: Number(row.id) } : null;
    }
    offset -= counts[kind];
  }
  return null;
}

/** The page starting at `startIndex`, named by the member before it. */
async function cursorFor(read: RowReader, projectId: number, counts: Record<W3cItemKind, number>, startIndex: number): Promise<string> {
  if (startIndex <= 0) return 'start';
  const before = await keyAt(read, projectId, counts, startIndex - 1);
  return before ? itemKey(before.kind, before.id) : 'start';
}

interface Layout {
  read: RowReader;
  projectId: number;
  container: string;
  label: string;
  counts: Record<W3cItemKind, number>;
  total: number;
  iris: boolean;
}

const pageIri = (l: Layout, cursor: string) => `${l.container}?cursor=${cursor}${l.iris ? '&iris=1' : ''}`;

async function page(l: Layout, baseUrl: string, cursor: string, embedded: boolean): Promise<Json> {
  const after = cursor === 'start' ? null : parseItemKey(cursor);
  const startIndex = after ? W3C_ITEM_KINDS.slice(0, W3C_ITEM_KINDS.indexOf(after.kind)).reduce((n, k) => n + l.counts[k], 0) + (await countOf(l.read, after.kind, l.projectId, after.id)) : 0;
  const keys = await keysAfter(l.read, l.projectId, after, CONTAINER_PAGE_SIZE + 1);
  const shown = keys.slice(0, CONTAINER_PAGE_SIZE);
  const iri = projectIris(baseUrl, l.projectId);
  const items = l.iris ? shown.map((k) => iri.item(k.kind, k.id)) : (await loadItems(l.read, l.projectId, baseUrl, shown)).map((i) => i.json);
  const doc: Json = embedded ? {} : { '@context': W3C_CONTEXT };
  Object.assign(doc, { id: pageIri(l, cursor), type: 'AnnotationPage' });
  if (!embedded) doc.partOf = { id: l.container, label: l.label, total: l.total };
  doc.startIndex = startIndex;
  if (startIndex > 0) doc.prev = pageIri(l, await cursorFor(l.read, l.projectId, l.counts, startIndex - CONTAINER_PAGE_SIZE));
  const last = shown.at(-1);
  if (keys.length > CONTAINER_PAGE_SIZE && last) doc.next = pageIri(l, itemKey(last.kind, last.id));
  doc.items = items;
  return doc;
}

async function openLayout(read: RowReader, project: { id: number; name: string }, baseUrl: string, iris: boolean): Promise<Layout> {
  const counts = { annotation: 0, link: 0, review: 0 };
  for (const kind of W3C_ITEM_KINDS) counts[kind] = await countOf(read, kind, project.id);
  const total = counts.annotation + counts.link + counts.review;
  const label = `${project.name}: annotations, links and reviews`;
  return { read, projectId: project.id, container: projectIris(baseUrl, project.id).container, label, counts, total, iris };
}

/**
 * The container itself: a BasicContainer and AnnotationCollection with `total`, `first` and
 * `last`. By default the first page is embedded with full descriptions; `iris` embeds it
 * with member IRIs only; `minimal` embeds no page (first/last are IRIs).
 */
export async function readW3cContainer({ actor, projectId, baseUrl, view }: { actor: Actor; projectId: number; baseUrl: string; view: ContainerView }): Promise<Json> {
  const { project } = await projectAccess(getDb(), actor, projectId, 'project.read');
  return withReader(async (read) => {
    const l = await openLayout(read, project, baseUrl, view === 'iris');
    const lastStart = Math.max(0, Math.floor((l.total - 1) / CONTAINER_PAGE_SIZE) * CONTAINER_PAGE_SIZE);
    return {
      '@context': [W3C_CONTEXT, LDP_CONTEXT],
      id: l.container,
      type: ['BasicContainer', 'AnnotationCollection'],
      label: l.label,
      total: l.total,
      generator: generatorOf(projectIris(baseUrl, projectId)),
      first: view === 'minimal' ? pageIri(l, 'start') : await page(l, baseUrl, 'start', true),
      last: pageIri(l, await cursorFor(read, projectId, l.counts, lastStart)),
    };
  });
}

/** One AnnotationPage of the container, from its cursor (see pageQuerySchema). */
export async function readW3cPage({ actor, projectId, baseUrl, query, view }: { actor: Actor; projectId: number; baseUrl: string; query: unknown; view?: ContainerView }): Promise<Json> {
  const parsed = parseInput(pageQuerySchema, query);
  const { project } = await projectAccess(getDb(), actor, projectId, 'project.read');
  return withReader(async (read) => page(await openLayout(read, project, baseUrl, parsed.iris === '1' || view === 'iris'), baseUrl, parsed.cursor, false));
}

/**
 * One member as a standalone JSON-LD annotation, with a version for its ETag. A key that is
 * malformed, deleted, replaced (an old review) or in another project is 404, like a missing one.
 */
export async function readW3cItem({ actor, projectId, key, baseUrl }: { actor: Actor; projectId: number; key: string; baseUrl: string }): Promise<{ document: Json; etag: string }> {
  await projectAccess(getDb(), actor, projectId, 'project.read');
  const parsed = parseItemKey(key);
  if (!parsed) throw notFound('Annotation');
  const [item] = await withReader((read) => loadItems(read, projectId, baseUrl, [parsed]));
  if (!item) throw notFound('Annotation');
  return { document: { '@context': W3C_CONTEXT, ...item.json }, etag: `W/"${key}-v${item.version}"` };
}
