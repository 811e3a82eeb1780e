/**
 * Reads export records from one SQLite connection (the export's read snapshot): the articles
 * in id order, and per article its annotations, reviews, verdicts and links. Memory is
 * bounded by one article: articles are iterated, the rest is fetched per article.
 */
import type Database from 'better-sqlite3';
import { codePointMapper } from '../anchoring/units';
import type { ExportAnnotation, ExportArticle, ExportFilters, ExportLink, ExportReview, ExportVerdict, LinkEnd, LinkedRef } from '../export/types';
import type { NativeAnnotationLine, NativeArticleLine, NativeLinkLine } from '../export/jsonl';
import type { Decision, Label, Relation, Status, Verdict } from '../db/tables';

type Row = Record<string, unknown>;
type Params = unknown[];

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
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
  const add = (column: string, values: unknown[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${alias}.${column} in (select value from json_each(?))`);
    params.push(JSON.stringify(values));
  };
  add('status', filters.status);
  add('label', filters.label);
  add('author_id', filters.author);
  add('article_id', filters.articles);
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
    parts.push('l.status in (select value from json_each(?))');
    params.push(JSON.stringify(filters.status));
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
    evidenceLinkIds: JSON.parse(String(v.evidence_link_ids ?? '[]')) as number[],
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
    attributes: JSON.parse(String(a.attributes ?? '{}')) as Record<string, unknown>,
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
const END_COLUMNS = (p: string) => `${p}.article_id as ${p}_article, ${p}.label as ${p}_label, ${p}.start as ${p}_start, ${p}.end as ${p}_end, ${p}.exact as ${p}_exact`;

/** Prepared statements for one export; `filters` are fixed for its lifetime. */
export function exportStatements(sqlite: Database.Database, projectId: number, filters: ExportFilters) {
  const ann = annotationFilterSql('a', filters);
  const links = linkFilterSql(filters);
  const articleFilter = filters.articles?.length ? 'and id in (select value from json_each(?))' : '';
  const articleParams: Params = filters.articles?.length ? [JSON.stringify(filters.articles)] : [];
  const linkTarget = linkTargetFilterSql(filters);
  const linkSelect = `select ${LINK_COLUMNS}, ${END_COLUMNS('fa')}, ${END_COLUMNS('ta')} from links l
    join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id
    join users u on u.id = l.author_id where ${links.sql}`;
  return {
    articleParams: [projectId, ...articleParams],
    articles: sqlite.prepare(`select id, title, outlet, url, author, published_at, sha256, imported_at, body, current_revision from articles
      where project_id = ? and archived_at is null ${articleFilter} order by id`),
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
    linkParams: links.params,
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

export type ExportStatements = Awaited<ReturnType<typeof exportStatements>>;

/** Code point mappers of recently seen articles, for link ends in other articles. */
function mapperCache(stmts: ExportStatements) {
  const cache = new Map<number, (n: number) => number>();
  return (articleId: number) => {
    let mapper = cache.get(articleId);
    if (!mapper) {
      const row = stmts.articleBody.get(articleId) as { body: string } | undefined;
      mapper = codePointMapper(row?.body ?? '');
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

/** Builds the export records, one article at a time, from the prepared statements. */
export function* readArticles(stmts: ExportStatements): Generator<ExportArticle> {
  const toCp = mapperCache(stmts);
  for (const row of stmts.articles.iterate(...stmts.articleParams) as Iterable<Row>) {
    const id = Number(row.id);
    const revisionSha256 = revisionShaOf(stmts, row);
    const annotations = (stmts.annotations.all(id, ...stmts.annotationParams) as Row[]).map(toAnnotation);
    const reviews = groupBy(stmts.annotationReviews.all(id) as Row[], 'annotation_id', toReview);
    const verdicts = groupBy(stmts.verdicts.all(id) as Row[], 'annotation_id', toVerdict);
    for (const a of annotations) {
      a.revisionSha256 = revisionSha256;
      a.reviews = reviews.get(a.id) ?? [];
      a.verdicts = verdicts.get(a.id) ?? [];
    }
    const fromRows = stmts.linksFrom.all(...stmts.linkParams, id) as Row[];
    const toRows = stmts.linksTo.all(...stmts.linkParams, id, id) as Row[];
    const linkReviews = fromRows.length ? groupBy(stmts.linkReviews.all(JSON.stringify(fromRows.map((l) => l.id))) as Row[], 'link_id', toReview) : new Map<number, ExportReview[]>();
    const own = fromRows.map((l) => toLink(l, linkReviews.get(Number(l.id)) ?? [], toCp));
    attachLinks(annotations, [...own, ...toRows.map((l) => toLink(l, [], toCp))]);
    yield {
      ...articleFields(row),
      body: String(row.body),
      annotations,
      links: own,
    };
  }
}

const EMPTY_ATTRIBUTES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * The native JSONL article lines (lib/export/jsonl.ts nativeArticleLine, same keys in the same
 * order), built straight from the rows: one object per annotation instead of a record and
 * then a line, and without what only other formats read (link ends, `linked`, links into the
 * article from elsewhere). tests/export/nativeLines.test.ts holds it byte-equal to the
 * records path.
 */
export function* readNativeLines(stmts: ExportStatements): Generator<NativeArticleLine> {
  for (const row of stmts.articles.iterate(...stmts.articleParams) as Iterable<Row>) {
    const id = Number(row.id);
    const body = String(row.body);
    const toCp = codePointMapper(body);
    const revisionSha256 = revisionShaOf(stmts, row);
    const rows = stmts.annotations.all(id, ...stmts.annotationParams) as Row[];
    const reviews = groupBy(stmts.annotationReviews.all(id) as Row[], 'annotation_id', toReview);
    const verdicts = groupBy(stmts.verdicts.all(id) as Row[], 'annotation_id', toVerdict);
    const annotations: NativeAnnotationLine[] = rows.map((a) => {
      const annotationId = Number(a.id);
      const start = Number(a.start);
      const end = Number(a.end);
      const createdAt = iso(a.created_at);
      const attributes = a.attributes === '{}' ? EMPTY_ATTRIBUTES : (JSON.parse(String(a.attributes ?? '{}')) as Record<string, unknown>);
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
        attributes,
        status: a.status as Status,
        version: Number(a.version),
        author: { id: Number(a.author_id), name: String(a.author_name) },
        createdAt,
        updatedAt: a.updated_at === a.created_at ? createdAt : iso(a.updated_at),
        reviews: reviews.get(annotationId) ?? [],
        verdicts: verdicts.get(annotationId) ?? [],
        revision: Number(a.revision ?? 1),
        revisionSha256,
        anchor: { state: String(a.anchor_state ?? 'kept'), score: Number(a.anchor_score ?? 1) },
      };
    });
    const linkRows = rows.length ? (stmts.linksStartingAt.all(JSON.stringify(rows.map((a) => a.id)), ...stmts.linkTargetParams) as Row[]) : [];
    const linkReviews = linkRows.length ? groupBy(stmts.linkReviews.all(JSON.stringify(linkRows.map((l) => l.id))) as Row[], 'link_id', toReview) : new Map<number, ExportReview[]>();
    const links: NativeLinkLine[] = linkRows.map((l) => {
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
    yield {
      type: 'article',
      ...articleFields(row),
      body,
      annotations,
      links,
    };
  }
}
