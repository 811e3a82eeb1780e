/**
 * Reads members of a project's annotation container (spans, links and reviews in force) and
 * builds their W3C Web Annotation JSON-LD with the export's own item builders, so a resolved
 * IRI says exactly what the export says about it. Every query is scoped by project; callers
 * (lib/data/w3cContainer.ts) check the actor first.
 */
import { codePointMapper } from '../anchoring/units';
import { onPostgres } from '../db/engine';
import { projectIris, type W3cItemKind } from '../export/iri';
import { linkItem, reviewItem, spanItem } from '../export/w3c';
import { toAnnotation, toLinkFields, toReview, toVerdict } from './exportRecords';

type Row = Record<string, unknown>;
type Json = Record<string, unknown>;

/**
 * Runs a statement with `?` placeholders and answers its rows: the read-only connection's
 * synchronous statements on SQLite, a client of a read snapshot on PostgreSQL
 * (lib/data/w3cContainer.ts picks it).
 */
export type RowReader = (sql: string, params: unknown[]) => Promise<Row[]>;
export interface ItemKey {
  kind: W3cItemKind;
  id: number;
}

/**
 * The live members of each kind: `from` (the table and the joins its liveness needs) and
 * `where` (the project id as the only parameter). memberFrom() puts them together.
 */
/** An annotation alias's article, or a link alias's two, is not archived (lib/data/articleArchive.ts). */
const spanLive = (a: string) => `not exists (select 1 from articles r where r.id = ${a}.article_id and r.archived_at is not null)`;
const linkLive = (l: string) => `not exists (select 1 from annotations e join articles r on r.id = e.article_id
  where e.id in (${l}.from_annotation_id, ${l}.to_annotation_id) and r.archived_at is not null)`;

export const MEMBER_SQL: Record<W3cItemKind, { from: string; where: string; id: string }> = {
  annotation: { id: 'a.id', from: 'annotations a', where: `a.project_id = ? and a.deleted_at is null and ${spanLive('a')}` },
  link: { id: 'l.id', from: 'links l', where: `l.project_id = ? and l.deleted_at is null and ${linkLive('l')}` },
  review: {
    id: 'r.id',
    from: 'reviews r left join annotations ra on ra.id = r.annotation_id left join links rl on rl.id = r.link_id',
    where: `r.project_id = ? and r.superseded_at is null
      and ((ra.id is not null and ra.deleted_at is null and ${spanLive('ra')}) or (rl.id is not null and rl.deleted_at is null and ${linkLive('rl')}))`,
  },
};

/** "from … where …" over the live members of `kind`, with extra joins (e.g. the author's name). */
export function memberFrom(kind: W3cItemKind, join = ''): string {
  const { from, where } = MEMBER_SQL[kind];
  return `from ${from} ${join} where ${where}`;
}

/** `column in (ids)` with the ids as one parameter (json_each on SQLite, = any on PostgreSQL), and that parameter. */
function inIds(column: string, ids: number[]): { sql: string; param: unknown } {
  return onPostgres() ? { sql: `${column} = any(?::int[])`, param: ids } : { sql: `${column} in (select value from json_each(?))`, param: JSON.stringify(ids) };
}

type Items = Map<number, { json: Json; version: number }>;

async function spans(read: RowReader, projectId: number, ids: number[], iri: Awaited<ReturnType<typeof projectIris>>): Promise<Items> {
  const own = inIds('a.id', ids);
  const rows = await read(`select a.*, u.name as author_name ${memberFrom('annotation', 'join users u on u.id = a.author_id')} and ${own.sql}`, [projectId, own.param]);
  const of = inIds('v.annotation_id', ids);
  const verdictRows = await read(`select v.*, u.name as author_name from verdicts v join users u on u.id = v.author_id
      where v.project_id = ? and v.deleted_at is null and ${of.sql} order by v.id`, [projectId, of.param]);
  const articles = inIds('id', [...new Set(rows.map((r) => Number(r.article_id)))]);
  const bodies = new Map((await read(`select id, body from articles where project_id = ? and ${articles.sql}`, [projectId, articles.param])).map((r) => [Number(r.id), String(r.body)]));
  const mappers = new Map([...bodies].map(([id, body]) => [id, codePointMapper(body)]));
  const out = new Map<number, { json: Json; version: number }>();
  for (const row of rows) {
    const span = toAnnotation(row);
    span.verdicts = verdictRows.filter((v) => Number(v.annotation_id) === span.id).map(toVerdict);
    const article = { id: span.articleId, body: bodies.get(span.articleId) ?? '' };
    out.set(span.id, { json: spanItem(iri, article, span, mappers.get(span.articleId)!), version: span.version });
  }
  return out;
}

async function links(read: RowReader, projectId: number, ids: number[], iri: Awaited<ReturnType<typeof projectIris>>): Promise<Items> {
  const own = inIds('l.id', ids);
  const rows = await read(`select l.*, u.name as author_name ${memberFrom('link', 'join users u on u.id = l.author_id')} and ${own.sql}`, [projectId, own.param]);
  return new Map(
    rows.map((l) => [
      Number(l.id),
      {
        version: Number(l.version),
        json: linkItem(iri, toLinkFields(l)),
      },
    ]),
  );
}

async function reviews(read: RowReader, projectId: number, ids: number[], iri: Awaited<ReturnType<typeof projectIris>>): Promise<Items> {
  const own = inIds('r.id', ids);
  const rows = await read(`select r.*, u.name as reviewer_name ${memberFrom('review', 'join users u on u.id = r.reviewer_id')} and ${own.sql}`, [projectId, own.param]);
  return new Map(
    rows.map((r) => {
      const review = toReview(r);
      const target = r.annotation_id === null ? iri.link(Number(r.link_id)) : iri.annotation(Number(r.annotation_id));
      return [review.id, { version: 1, json: reviewItem(iri, review, target) }];
    }),
  );
}

const LOADERS = { annotation: spans, link: links, review: reviews };

/**
 * The JSON-LD of the given members, in the order of `keys`; keys that are not live members
 * of the project are left out. `version` feeds the ETag of a single item.
 */
export async function loadItems(read: RowReader, projectId: number, baseUrl: string, keys: ItemKey[]): Promise<Array<{ key: ItemKey; json: Json; version: number }>> {
  const iri = projectIris(baseUrl, projectId);
  const found = new Map<W3cItemKind, Items>();
  for (const kind of ['annotation', 'link', 'review'] as const) {
    const ids = keys.filter((k) => k.kind === kind).map((k) => k.id);
    if (ids.length) found.set(kind, await LOADERS[kind](read, projectId, ids, iri));
  }
  return keys.flatMap((key) => {
    const item = found.get(key.kind)?.get(key.id);
    return item ? [{ key, ...item }] : [];
  });
}
