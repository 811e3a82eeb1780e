/**
 * Reads export records from one SQLite connection (the export's read snapshot): the articles
 * in id order, and per article its annotations, reviews, verdicts and links. Memory is
 * bounded by one article: articles are iterated, the rest is fetched per article.
 */
import type Database from 'better-sqlite3';
import { codePointMapper } from '../anchoring/units';
import type { ExportAnnotation, ExportArticle, ExportFilters, ExportLink, ExportReview, ExportVerdict, LinkEnd, LinkedRef } from '../export/types';
import type { Decision, Label, Relation, Status, Verdict } from '../db/schema';

type Row = Record<string, unknown>;
type Params = unknown[];

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
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
  const to = annotationFilterSql('ta', filters);
  const parts = ['l.deleted_at is null', from.sql, to.sql];
  const params = [...from.params, ...to.params];
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

const REVIEW_COLUMNS = 'r.id, r.annotation_id, r.link_id, r.reviewer_id, u.name as reviewer_name, r.decision, r.reason, r.is_final, r.target_version, r.created_at, r.superseded_at';
const END_COLUMNS = (p: string) => `${p}.article_id as ${p}_article, ${p}.label as ${p}_label, ${p}.start as ${p}_start, ${p}.end as ${p}_end, ${p}.exact as ${p}_exact`;

/** Prepared statements for one export; `filters` are fixed for its lifetime. */
export function exportStatements(sqlite: Database.Database, projectId: number, filters: ExportFilters) {
  const ann = annotationFilterSql('a', filters);
  const links = linkFilterSql(filters);
  const articleFilter = filters.articles?.length ? 'and id in (select value from json_each(?))' : '';
  const articleParams: Params = filters.articles?.length ? [JSON.stringify(filters.articles)] : [];
  const linkSelect = `select l.*, u.name as author_name, ${END_COLUMNS('fa')}, ${END_COLUMNS('ta')} from links l
    join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id
    join users u on u.id = l.author_id where ${links.sql}`;
  return {
    articleParams: [projectId, ...articleParams],
    articles: sqlite.prepare(`select * from articles where project_id = ? and archived_at is null ${articleFilter} order by id`),
    annotations: sqlite.prepare(`select a.*, u.name as author_name, rv.sha256 as revision_sha256 from annotations a join users u on u.id = a.author_id
      left join article_revisions rv on rv.article_id = a.article_id and rv.number = a.revision
      where a.article_id = ? and ${ann.sql} order by a.start, a.id`),
    annotationParams: ann.params,
    annotationReviews: sqlite.prepare(`select ${REVIEW_COLUMNS} from reviews r join annotations a on a.id = r.annotation_id
      join users u on u.id = r.reviewer_id where a.article_id = ? order by r.id`),
    verdicts: sqlite.prepare(`select v.*, u.name as author_name from verdicts v join annotations a on a.id = v.annotation_id
      join users u on u.id = v.author_id where a.article_id = ? and v.deleted_at is null order by v.id`),
    linksFrom: sqlite.prepare(`${linkSelect} and fa.article_id = ? order by l.id`),
    linksTo: sqlite.prepare(`${linkSelect} and ta.article_id = ? and fa.article_id <> ? order by l.id`),
    linkParams: links.params,
    linkReviews: sqlite.prepare(`select ${REVIEW_COLUMNS} from reviews r join users u on u.id = r.reviewer_id
      where r.link_id in (select value from json_each(?)) order by r.id`),
    articleBody: sqlite.prepare('select body from articles where id = ?'),
  };
}

export type ExportStatements = ReturnType<typeof exportStatements>;

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

/** Builds the export records, one article at a time, from the prepared statements. */
export function* readArticles(stmts: ExportStatements): Generator<ExportArticle> {
  const toCp = mapperCache(stmts);
  for (const row of stmts.articles.iterate(...stmts.articleParams) as Iterable<Row>) {
    const id = Number(row.id);
    const annotations = (stmts.annotations.all(id, ...stmts.annotationParams) as Row[]).map(toAnnotation);
    const reviews = groupBy(stmts.annotationReviews.all(id) as Row[], 'annotation_id', toReview);
    const verdicts = groupBy(stmts.verdicts.all(id) as Row[], 'annotation_id', toVerdict);
    for (const a of annotations) {
      a.reviews = reviews.get(a.id) ?? [];
      a.verdicts = verdicts.get(a.id) ?? [];
    }
    const fromRows = stmts.linksFrom.all(...stmts.linkParams, id) as Row[];
    const toRows = stmts.linksTo.all(...stmts.linkParams, id, id) as Row[];
    const linkReviews = fromRows.length ? groupBy(stmts.linkReviews.all(JSON.stringify(fromRows.map((l) => l.id))) as Row[], 'link_id', toReview) : new Map<number, ExportReview[]>();
    const own = fromRows.map((l) => toLink(l, linkReviews.get(Number(l.id)) ?? [], toCp));
    attachLinks(annotations, [...own, ...toRows.map((l) => toLink(l, [], toCp))]);
    yield {
      id,
      title: String(row.title),
      outlet: (row.outlet as string | null) ?? null,
      url: (row.url as string | null) ?? null,
      author: (row.author as string | null) ?? null,
      publishedAt: (row.published_at as string | null) ?? null,
      body: String(row.body),
      sha256: String(row.sha256),
      importedAt: iso(row.imported_at),
      annotations,
      links: own,
    };
  }
}
