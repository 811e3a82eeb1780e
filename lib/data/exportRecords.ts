/**
 * Reads export records from the export's read snapshot: the articles in id order, and per
 * article its annotations, reviews, verdicts and links.
 *
 * - SQLite (a pinned read-only connection): synchronous prepared statements, articles iterated
 *   and the rest fetched per article, so memory is bounded by one article.
 * - PostgreSQL (a REPEATABLE READ, READ ONLY transaction on one pooled client, lib/db/pg/snapshot.ts):
 *   asynchronous, articles read in keyset pages of PG_PAGE_SIZE by id and the rows of a page's
 *   articles in one statement per kind, so memory is bounded by one page.
 *
 * Both build the records with the same functions from the same rows; what the engines give
 * differently (timestamptz as Date or ms, jsonb parsed or text, booleans or 0/1) is read alike
 * by iso(), jsonValue() and Boolean().
 */
import type Database from 'better-sqlite3';
import { codePointMapper } from '../anchoring/units';
import { onPostgres } from '../db/engine';
import type { PgSnapshot } from '../db/pg/snapshot';
import type { ExportAnnotation, ExportArticle, ExportFilters, ExportLink, ExportReview, ExportVerdict, LinkEnd, LinkedRef } from '../export/types';
import type { NativeAnnotationLine, NativeArticleLine, NativeLinkLine } from '../export/jsonl';
import type { Decision, Label, Relation, Status, Verdict } from '../db/tables';

type Row = Record<string, unknown>;
type Params = unknown[];

/** A timestamp as ISO 8601: SQLite gives ms since the epoch, PostgreSQL's timestamptz a Date. */
const iso = (value: unknown) => (value instanceof Date ? value : new Date(Number(value))).toISOString();

/** A JSON column's value: SQLite gives its text, PostgreSQL's jsonb the parsed value. */
function jsonValue<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * `column in (values)` with the values bound as one parameter: a JSON array read by
 * json_each on SQLite, an array (= any) on PostgreSQL.
 */
function inList(column: string, values: readonly unknown[], type: 'int' | 'text'): { sql: string; param: unknown } {
  return onPostgres() ? { sql: `${column} = any(?::${type}[])`, param: [...values] } : { sql: `${column} in (select value from json_each(?))`, param: JSON.stringify(values) };
}
/** An article row's exported fields, in the order both export paths write them. */
function articleFields(row: Row) {
  return {
    id: Number(row.id),
    title: String(row.title),
    outlet: (row.outlet as string | null) ?? null,
    url: (row.url as string | null) ?? null,
    author: (row.author as string | null) ?? null,
    publishedAt: (row.published_at as string | null) ?? null,
    sha256: String(row.sha256),
    importedAt: iso(row.imported_at),
  };
}

const isoOrNull = (ms: unknown) => (ms === null || ms === undefined ? null : iso(ms));

/** SQL conditions on an annotations alias for the filters (all ANDed). */
export function annotationFilterSql(alias: string, filters: ExportFilters): { sql: string; params: Params } {
  // Spans orphaned by a revision stay on their old text, which the export does not carry; an
  // archived article has no current revision here, so its spans (and links to them) stay out.
  const parts = [`${alias}.deleted_at is null`, `${alias}.revision = (select current_revision from articles where id = ${alias}.article_id and archived_at is null)`];
  const params: Params = [];
  const add = (column: string, values: unknown[] | undefined, type: 'int' | 'text') => {
    if (!values?.length) return;
    const list = inList(`${alias}.${column}`, values, type);
    parts.push(list.sql);
    params.push(list.param);
  };
  add('status', filters.status, 'text');
  add('label', filters.label, 'text');
  add('author_id', filters.author, 'int');
  add('article_id', filters.articles, 'int');
  return { sql: parts.join(' and '), params };
}

/** SQL selecting the links of the export: live, status filter, both ends exported. */
export function linkFilterSql(filters: ExportFilters): { sql: string; params: Params } {
  const from = annotationFilterSql('fa', filters);
  const rest = linkTargetFilterSql(filters);
  return { sql: `${from.sql} and ${rest.sql}`, params: [...from.params, ...rest.params] };
}

/** The link conditions besides its from end being exported: live, status filter, to end exported. */
function linkTargetFilterSql(filters: ExportFilters): { sql: string; params: Params } {
  const to = annotationFilterSql('ta', filters);
  const parts = ['l.deleted_at is null', to.sql];
  const params = [...to.params];
  if (filters.status?.length) {
    const list = inList('l.status', filters.status, 'text');
    parts.push(list.sql);
    params.push(list.param);
  }
  return { sql: parts.join(' and '), params };
}

export function toReview(r: Row): ExportReview {
  return {
    id: Number(r.id),
    reviewer: { id: Number(r.reviewer_id), name: String(r.reviewer_name) },
    decision: r.decision as Decision,
    reason: String(r.reason),
    isFinal: Boolean(r.is_final),
    targetVersion: Number(r.target_version),
    createdAt: iso(r.created_at),
    supersededAt: isoOrNull(r.superseded_at),
  };
}

export function toVerdict(v: Row): ExportVerdict {
  return {
    id: Number(v.id),
    author: { id: Number(v.author_id), name: String(v.author_name) },
    verdict: v.verdict as Verdict,
    rationale: String(v.rationale),
    evidenceLinkIds: jsonValue<number[]>(v.evidence_link_ids, []),
    isFinal: Boolean(v.is_final),
    createdAt: iso(v.created_at),
  };
}

export function toAnnotation(a: Row): ExportAnnotation {
  return {
    id: Number(a.id),
    articleId: Number(a.article_id),
    author: { id: Number(a.author_id), name: String(a.author_name) },
    label: a.label as Label,
    start: Number(a.start),
    end: Number(a.end),
    exact: String(a.exact),
    prefix: String(a.prefix),
    suffix: String(a.suffix),
    note: String(a.note),
    attributes: jsonValue<Record<string, unknown>>(a.attributes, {}),
    status: a.status as Status,
    version: Number(a.version),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    reviews: [],
    verdicts: [],
    linked: [],
    revision: Number(a.revision ?? 1),
    revisionSha256: String(a.revision_sha256 ?? ''),
    anchor: { state: String(a.anchor_state ?? 'kept'), score: Number(a.anchor_score ?? 1) },
  };
}

function groupBy<T>(rows: Row[], key: string, map: (r: Row) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = Number(r[key]);
    const list = out.get(k);
    if (list) list.push(map(r));
    else out.set(k, [map(r)]);
  }
  return out;
}

const ANNOTATION_COLUMNS = 'a.id, a.article_id, a.author_id, u.name as author_name, a.label, a.start, a."end", a.exact, a.prefix, a.suffix, a.note, a.attributes, a.status, a.version, a.created_at, a.updated_at, a.revision, a.anchor_state, a.anchor_score';
const LINK_COLUMNS = 'l.id, l.from_annotation_id, l.to_annotation_id, l.relation, l.note, l.status, l.version, l.author_id, u.name as author_name, l.created_at, l.updated_at';
const REVIEW_COLUMNS = 'r.id, r.annotation_id, r.link_id, r.reviewer_id, u.name as reviewer_name, r.decision, r.reason, r.is_final, r.target_version, r.created_at, r.superseded_at';
const END_COLUMNS = (p: string) => `${p}.article_id as ${p}_article, ${p}.label as ${p}_label, ${p}.start as ${p}_start, ${p}."end" as ${p}_end, ${p}.exact as ${p}_exact`;
const ARTICLE_COLUMNS = 'id, title, outlet, url, author, published_at, sha256, imported_at, body, current_revision';

/** The article filter of an export (`and id in (...)`), with its parameters. */
function articleFilterSql(filters: ExportFilters, column = 'id'): { sql: string; params: Params } {
  if (!filters.articles?.length) return { sql: '', params: [] };
  const list = inList(column, filters.articles, 'int');
  return { sql: `and ${list.sql}`, params: [list.param] };
}

/** The statement of the links of the export, with their author and both ends; more conditions follow. */
function linkSelectSql(filters: ExportFilters): { sql: string; params: Params } {
  const links = linkFilterSql(filters);
  return {
    sql: `select ${LINK_COLUMNS}, ${END_COLUMNS('fa')}, ${END_COLUMNS('ta')} from links l
    join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id
    join users u on u.id = l.author_id where ${links.sql}`,
    params: links.params,
  };
}

/** Prepared statements for one export; `filters` are fixed for its lifetime. */
export function exportStatements(sqlite: Database.Database, projectId: number, filters: ExportFilters) {
  const ann = annotationFilterSql('a', filters);
  const articleFilter = articleFilterSql(filters);
  const linkTarget = linkTargetFilterSql(filters);
  const { sql: linkSelect, params: linkParams } = linkSelectSql(filters);
  return {
    sqlite: true as const,
    articleParams: [projectId, ...articleFilter.params],
    articles: sqlite.prepare(`select ${ARTICLE_COLUMNS} from articles
      where project_id = ? and archived_at is null ${articleFilter.sql} order by id`),
    // Every exported span is on its article's current revision (the filter), so that revision's
    // sha256 is read once per article: joined per row, it walked the revision body's overflow
    // pages for every annotation.
    annotations: sqlite.prepare(`select ${ANNOTATION_COLUMNS} from annotations a join users u on u.id = a.author_id
      where a.article_id = ? and ${ann.sql} order by a.start, a.id`),
    revisionSha256: sqlite.prepare('select sha256 from article_revisions where article_id = ? and number = ?').pluck(),
    annotationParams: ann.params,
    annotationReviews: sqlite.prepare(`select ${REVIEW_COLUMNS} from reviews r join annotations a on a.id = r.annotation_id
      join users u on u.id = r.reviewer_id where a.article_id = ? order by r.id`),
    verdicts: sqlite.prepare(`select v.*, u.name as author_name from verdicts v join annotations a on a.id = v.annotation_id
      join users u on u.id = v.author_id where a.article_id = ? and v.deleted_at is null order by v.id`),
    linksFrom: sqlite.prepare(`${linkSelect} and fa.article_id = ? order by l.id`),
    linksTo: sqlite.prepare(`${linkSelect} and ta.article_id = ? and fa.article_id <> ? order by l.id`),
    linkParams,
    /** The links starting at the given (exported) annotation ids, without their ends: native JSONL. */
    linksStartingAt: sqlite.prepare(`select ${LINK_COLUMNS} from json_each(?) j cross join links l on l.from_annotation_id = j.value
      join annotations ta on ta.id = l.to_annotation_id join users u on u.id = l.author_id
      where ${linkTarget.sql} order by l.id`),
    linkTargetParams: linkTarget.params,
    linkReviews: sqlite.prepare(`select ${REVIEW_COLUMNS} from reviews r join users u on u.id = r.reviewer_id
      where r.link_id in (select value from json_each(?)) order by r.id`),
    articleBody: sqlite.prepare('select body from articles where id = ?'),
  };
}

export type ExportStatements = ReturnType<typeof exportStatements>;

/** Code point mappers of recently seen articles, for link ends in other articles. */
function mapperCache(body: (articleId: number) => string | undefined) {
  const cache = new Map<number, (n: number) => number>();
  return (articleId: number) => {
    let mapper = cache.get(articleId);
    if (!mapper) {
      mapper = codePointMapper(body(articleId) ?? '');
      if (cache.size >= 32) cache.delete(cache.keys().next().value as number);
      cache.set(articleId, mapper);
    }
    return mapper;
  };
}

function linkEnd(l: Row, p: 'fa' | 'ta', toCp: (articleId: number) => (n: number) => number): LinkEnd {
  const articleId = Number(l[`${p}_article`]);
  const start = Number(l[`${p}_start`]);
  const end = Number(l[`${p}_end`]);
  const map = toCp(articleId);
  return { annotationId: Number(l[p === 'fa' ? 'from_annotation_id' : 'to_annotation_id']), articleId, label: l[`${p}_label`] as Label, start, end, startCp: map(start), endCp: map(end), exact: String(l[`${p}_exact`]) };
}

/** A link row's own fields (with its author's name), as the export and the W3C container give them. */
export function toLinkFields(l: Row) {
  return {
    id: Number(l.id),
    fromAnnotationId: Number(l.from_annotation_id),
    toAnnotationId: Number(l.to_annotation_id),
    relation: l.relation as Relation,
    note: String(l.note),
    author: { id: Number(l.author_id), name: String(l.author_name) },
    status: l.status as Status,
    version: Number(l.version),
    createdAt: iso(l.created_at),
    updatedAt: iso(l.updated_at),
  };
}

function toLink(l: Row, reviews: ExportReview[], toCp: (articleId: number) => (n: number) => number): ExportLink {
  return {
    ...toLinkFields(l),
    reviews,
    from: linkEnd(l, 'fa', toCp),
    to: linkEnd(l, 'ta', toCp),
  };
}

function attachLinks(annotations: ExportAnnotation[], links: ExportLink[]) {
  const byId = new Map(annotations.map((a) => [a.id, a]));
  for (const l of links) {
    const ref = (other: LinkEnd): LinkedRef => ({ linkId: l.id, relation: l.relation, status: l.status, other });
    byId.get(l.fromAnnotationId)?.linked.push(ref(l.to));
    byId.get(l.toAnnotationId)?.linked.push(ref(l.from));
  }
}

/** The sha256 of an article's current revision, which every exported span of it refers to ('' if missing). */
function revisionShaOf(stmts: ExportStatements, article: Row): string {
  return String(stmts.revisionSha256.get(article.id, article.current_revision) ?? '');
}

/** The rows of one article that its export record is built from. */
interface ArticleRows {
  revisionSha256: string;
  annotations: Row[];
  /** Reviews of the article's annotations, by id. */
  reviews: Row[];
  verdicts: Row[];
  /** Exported links starting in the article, and (records only) those into it from elsewhere. */
  linksFrom: Row[];
  linksTo: Row[];
  linkReviews: Row[];
}

/** One export record from its rows; `toCp` maps offsets of any article (link ends). */
function buildArticle(row: Row, rows: ArticleRows, toCp: (articleId: number) => (n: number) => number): ExportArticle {
  const annotations = rows.annotations.map(toAnnotation);
  const reviews = groupBy(rows.reviews, 'annotation_id', toReview);
  const verdicts = groupBy(rows.verdicts, 'annotation_id', toVerdict);
  for (const a of annotations) {
    a.revisionSha256 = rows.revisionSha256;
    a.reviews = reviews.get(a.id) ?? [];
    a.verdicts = verdicts.get(a.id) ?? [];
  }
  const linkReviews = groupBy(rows.linkReviews, 'link_id', toReview);
  const own = rows.linksFrom.map((l) => toLink(l, linkReviews.get(Number(l.id)) ?? [], toCp));
  attachLinks(annotations, [...own, ...rows.linksTo.map((l) => toLink(l, [], toCp))]);
  return {
    ...articleFields(row),
    body: String(row.body),
    annotations,
    links: own,
  };
}

const EMPTY_ATTRIBUTES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** An annotation row's attributes for a native line ('{}', the usual value, is not parsed). */
function nativeAttributes(value: unknown): Record<string, unknown> {
  if (value === '{}') return EMPTY_ATTRIBUTES;
  const parsed = jsonValue<Record<string, unknown>>(value, EMPTY_ATTRIBUTES);
  return Object.keys(parsed).length ? parsed : EMPTY_ATTRIBUTES;
}

/**
 * The native JSONL article line (lib/export/jsonl.ts nativeArticleLine, same keys in the same
 * order), built straight from the rows: one object per annotation instead of a record and
 * then a line, and without what only other formats read (link ends, `linked`, links into the
 * article from elsewhere). tests/export/nativeLines.test.ts holds it byte-equal to the
 * records path.
 */
function buildNativeLine(row: Row, rows: Omit<ArticleRows, 'linksTo'>): NativeArticleLine {
  const body = String(row.body);
  const toCp = codePointMapper(body);
  const reviews = groupBy(rows.reviews, 'annotation_id', toReview);
  const verdicts = groupBy(rows.verdicts, 'annotation_id', toVerdict);
  const annotations: NativeAnnotationLine[] = rows.annotations.map((a) => {
    const annotationId = Number(a.id);
    const start = Number(a.start);
    const end = Number(a.end);
    const createdAt = iso(a.created_at);
    return {
      id: annotationId,
      label: a.label as Label,
      start,
      end,
      startCp: toCp(start),
      endCp: toCp(end),
      exact: String(a.exact),
      prefix: String(a.prefix),
      suffix: String(a.suffix),
      note: String(a.note),
      attributes: nativeAttributes(a.attributes),
      status: a.status as Status,
      version: Number(a.version),
      author: { id: Number(a.author_id), name: String(a.author_name) },
      createdAt,
      updatedAt: a.updated_at === a.created_at ? createdAt : iso(a.updated_at),
      reviews: reviews.get(annotationId) ?? [],
      verdicts: verdicts.get(annotationId) ?? [],
      revision: Number(a.revision ?? 1),
      revisionSha256: rows.revisionSha256,
      anchor: { state: String(a.anchor_state ?? 'kept'), score: Number(a.anchor_score ?? 1) },
    };
  });
  const linkReviews = groupBy(rows.linkReviews, 'link_id', toReview);
  const links: NativeLinkLine[] = rows.linksFrom.map((l) => {
    const linkId = Number(l.id);
    return {
      id: linkId,
      fromAnnotationId: Number(l.from_annotation_id),
      toAnnotationId: Number(l.to_annotation_id),
      relation: l.relation as Relation,
      note: String(l.note),
      status: l.status as Status,
      version: Number(l.version),
      author: { id: Number(l.author_id), name: String(l.author_name) },
      createdAt: iso(l.created_at),
      updatedAt: iso(l.updated_at),
      reviews: linkReviews.get(linkId) ?? [],
    };
  });
  return {
    type: 'article',
    ...articleFields(row),
    body,
    annotations,
    links,
  };
}

/** SQLite: the rows of one article, from the prepared statements. */
function sqliteRows(stmts: ExportStatements, row: Row, native: boolean): ArticleRows {
  const id = Number(row.id);
  const annotations = stmts.annotations.all(id, ...stmts.annotationParams) as Row[];
  const linksFrom = native
    ? annotations.length ? (stmts.linksStartingAt.all(JSON.stringify(annotations.map((a) => a.id)), ...stmts.linkTargetParams) as Row[]) : []
    : (stmts.linksFrom.all(...stmts.linkParams, id) as Row[]);
  return {
    revisionSha256: revisionShaOf(stmts, row),
    annotations,
    reviews: stmts.annotationReviews.all(id) as Row[],
    verdicts: stmts.verdicts.all(id) as Row[],
    linksFrom,
    linksTo: native ? [] : (stmts.linksTo.all(...stmts.linkParams, id, id) as Row[]),
    linkReviews: linksFrom.length ? (stmts.linkReviews.all(JSON.stringify(linksFrom.map((l) => l.id))) as Row[]) : [],
  };
}

/** Articles read per page on PostgreSQL (keyset by id), with the rows of the page's articles. */
export const PG_PAGE_SIZE = 100;

/** What the PostgreSQL reader needs: the snapshot and the export's fixed project and filters. */
export interface PgExportSource {
  snapshot: PgSnapshot;
  projectId: number;
  filters: ExportFilters;
  /** Articles per page (PG_PAGE_SIZE; tests make it small). */
  pageSize?: number;
}

/** Either engine's source of export rows (exportStatements on SQLite). */
export type ExportSource = ExportStatements | PgExportSource;

function groupRows(rows: Row[], key: string): Map<number, Row[]> {
  return groupBy(rows, key, (r) => r);
}

/** PostgreSQL: the rows of each article of one page, in a few statements over the page's ids. */
async function pgPageRows(source: PgExportSource, page: Row[], native: boolean): Promise<Map<number, ArticleRows>> {
  const { snapshot, filters } = source;
  const ids = page.map((r) => Number(r.id));
  const shas = await snapshot.rows<{ article_id: number; sha256: string }>(
    `select r.article_id, r.sha256 from article_revisions r join articles a on a.id = r.article_id and r.number = a.current_revision
      where a.id = any(?::int[])`,
    [ids],
  );
  const ann = annotationFilterSql('a', filters);
  const annotations = await snapshot.rows(`select ${ANNOTATION_COLUMNS} from annotations a join users u on u.id = a.author_id
    where a.article_id = any(?::int[]) and ${ann.sql} order by a.article_id, a.start, a.id`, [ids, ...ann.params]);
  const reviews = await snapshot.rows(`select ${REVIEW_COLUMNS}, a.article_id as of_article from reviews r join annotations a on a.id = r.annotation_id
    join users u on u.id = r.reviewer_id where a.article_id = any(?::int[]) order by r.id`, [ids]);
  const verdicts = await snapshot.rows(`select v.*, u.name as author_name, a.article_id as of_article from verdicts v join annotations a on a.id = v.annotation_id
    join users u on u.id = v.author_id where a.article_id = any(?::int[]) and v.deleted_at is null order by v.id`, [ids]);
  let linksFrom: Row[];
  let linksTo: Row[] = [];
  if (native) {
    const linkTarget = linkTargetFilterSql(filters);
    const annotationIds = annotations.map((a) => Number(a.id));
    linksFrom = annotationIds.length
      ? await snapshot.rows(`select ${LINK_COLUMNS}, fa.article_id as fa_article from links l join annotations fa on fa.id = l.from_annotation_id
        join annotations ta on ta.id = l.to_annotation_id join users u on u.id = l.author_id
        where l.from_annotation_id = any(?::int[]) and ${linkTarget.sql} order by l.id`, [annotationIds, ...linkTarget.params])
      : [];
  } else {
    const linkSelect = linkSelectSql(filters);
    linksFrom = await snapshot.rows(`${linkSelect.sql} and fa.article_id = any(?::int[]) order by l.id`, [...linkSelect.params, ids]);
    linksTo = await snapshot.rows(`${linkSelect.sql} and ta.article_id = any(?::int[]) and fa.article_id <> ta.article_id order by l.id`, [...linkSelect.params, ids]);
  }
  const linkIds = linksFrom.map((l) => Number(l.id));
  const linkReviews = linkIds.length
    ? await snapshot.rows(`select ${REVIEW_COLUMNS} from reviews r join users u on u.id = r.reviewer_id where r.link_id = any(?::int[]) order by r.id`, [linkIds])
    : [];
  const linkArticle = new Map(linksFrom.map((l) => [Number(l.id), Number(l.fa_article)]));
  const shaOf = new Map(shas.map((r) => [Number(r.article_id), String(r.sha256)]));
  const byArticle = {
    annotations: groupRows(annotations, 'article_id'),
    reviews: groupRows(reviews, 'of_article'),
    verdicts: groupRows(verdicts, 'of_article'),
    linksFrom: groupRows(linksFrom, 'fa_article'),
    linksTo: groupRows(linksTo, 'ta_article'),
    linkReviews: groupBy(linkReviews, 'link_id', (r) => r),
  };
  const out = new Map<number, ArticleRows>();
  for (const id of ids) {
    out.set(id, {
      revisionSha256: shaOf.get(id) ?? '',
      annotations: byArticle.annotations.get(id) ?? [],
      reviews: byArticle.reviews.get(id) ?? [],
      verdicts: byArticle.verdicts.get(id) ?? [],
      linksFrom: byArticle.linksFrom.get(id) ?? [],
      linksTo: byArticle.linksTo.get(id) ?? [],
      linkReviews: [],
    });
  }
  // A link's reviews go with the article it starts in, in review id order.
  for (const r of linkReviews) {
    const articleId = linkArticle.get(Number(r.link_id));
    if (articleId !== undefined) out.get(articleId)?.linkReviews.push(r);
  }
  return out;
}

/** PostgreSQL: the export's articles, page by page (keyset on id). */
async function* pgArticlePages(source: PgExportSource): AsyncGenerator<Row[]> {
  const { snapshot, projectId, filters } = source;
  const size = source.pageSize ?? PG_PAGE_SIZE;
  const articleFilter = articleFilterSql(filters);
  let after = 0;
  for (;;) {
    const page = await snapshot.rows(`select ${ARTICLE_COLUMNS} from articles where project_id = ? and archived_at is null ${articleFilter.sql}
      and id > ? order by id limit ?`, [projectId, ...articleFilter.params, after, size]);
    if (page.length) yield page;
    if (page.length < size) return;
    after = Number(page[page.length - 1].id);
  }
}

async function* pgArticles(source: PgExportSource): AsyncGenerator<ExportArticle> {
  for await (const page of pgArticlePages(source)) {
    const rows = await pgPageRows(source, page, false);
    // Code point mappers of every article a link end of this page is in: the page's own, and
    // the bodies of the others read ahead in one statement.
    const bodies = new Map(page.map((row) => [Number(row.id), String(row.body)]));
    const outside = new Set<number>();
    for (const r of rows.values()) {
      for (const l of [...r.linksFrom, ...r.linksTo]) {
        for (const end of [Number(l.fa_article), Number(l.ta_article)]) if (!bodies.has(end)) outside.add(end);
      }
    }
    if (outside.size) for (const b of await source.snapshot.rows('select id, body from articles where id = any(?::int[])', [[...outside]])) bodies.set(Number(b.id), String(b.body));
    const mappers = new Map<number, (n: number) => number>();
    const toCp = (articleId: number) => {
      let mapper = mappers.get(articleId);
      if (!mapper) mappers.set(articleId, (mapper = codePointMapper(bodies.get(articleId) ?? '')));
      return mapper;
    };
    for (const row of page) yield buildArticle(row, rows.get(Number(row.id)) as ArticleRows, toCp);
  }
}

async function* pgNativeLines(source: PgExportSource): AsyncGenerator<NativeArticleLine> {
  for await (const page of pgArticlePages(source)) {
    const rows = await pgPageRows(source, page, true);
    for (const row of page) yield buildNativeLine(row, rows.get(Number(row.id)) as ArticleRows);
  }
}

const isSqlite = (source: ExportSource): source is ExportStatements => 'sqlite' in source;

/** Builds the export records, one article at a time: synchronously on SQLite, asynchronously on PostgreSQL. */
export function readArticles(source: ExportStatements): Generator<ExportArticle>;
export function readArticles(source: PgExportSource): AsyncGenerator<ExportArticle>;
export function readArticles(source: ExportSource): Generator<ExportArticle> | AsyncGenerator<ExportArticle>;
export function readArticles(source: ExportSource): Generator<ExportArticle> | AsyncGenerator<ExportArticle> {
  if (!isSqlite(source)) return pgArticles(source);
  const stmts = source;
  return (function* () {
    const toCp = mapperCache((articleId) => (stmts.articleBody.get(articleId) as { body: string } | undefined)?.body);
    for (const row of stmts.articles.iterate(...stmts.articleParams) as Iterable<Row>) yield buildArticle(row, sqliteRows(stmts, row, false), toCp);
  })();
}

/** The native JSONL article lines (see buildNativeLine): synchronously on SQLite, asynchronously on PostgreSQL. */
export function readNativeLines(source: ExportStatements): Generator<NativeArticleLine>;
export function readNativeLines(source: PgExportSource): AsyncGenerator<NativeArticleLine>;
export function readNativeLines(source: ExportSource): Generator<NativeArticleLine> | AsyncGenerator<NativeArticleLine>;
export function readNativeLines(source: ExportSource): Generator<NativeArticleLine> | AsyncGenerator<NativeArticleLine> {
  if (!isSqlite(source)) return pgNativeLines(source);
  const stmts = source;
  return (function* () {
    for (const row of stmts.articles.iterate(...stmts.articleParams) as Iterable<Row>) yield buildNativeLine(row, sqliteRows(stmts, row, true));
  })();
}
