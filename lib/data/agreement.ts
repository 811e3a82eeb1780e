/**
 * Agreement between the reviewers of a project, per article annotated by two or more of them
 * and pooled over the project, per pair of reviewers (measures in lib/metrics/agreement.ts),
 * and the list of disagreements of one pair, each span openable in the reader.
 *
 * Incremental: the per-article, per-pair counts live in agreement_articles/agreement_pairs.
 * Triggers delete an article's rows in the same transaction as every write that changes them
 * (drizzle/0008_agreement_cache.sql; archiving too, 0018), so a row that exists is current and
 * an archived article has none; a read first computes the live articles that have no row
 * (after a write: that one article, not the project). The project figures are not pooled on
 * read: triggers on those rows keep per pair their sums and per reviewer their article count
 * (drizzle/0018_agree_pair_totals.sql), so a read costs the pairs, not the articles. Link F1
 * likewise: per author the link keys, per pair the matches (drizzle/0016_agree2_link_cache.sql);
 * a write recomputes only the authors whose links it touched, so a warm read never reads the
 * links table. Both tables are paginated with keyset cursors.
 */
import { least } from '../db/dialect';
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { agreementArticles, agreementAuthors, agreementLinkAuthors, agreementLinkKeys, agreementLinkPairs, agreementPairTotals, agreementPairs, annotations, articles, links, users, type Label } from '../db/tables';
import { badRequest } from '../errors';
import { charCounts, exactMatchCount, f1, kappaOf, linkKey, overlapMatchCount, type CharCounts } from '../metrics/agreement';
import { listDisagreements, type Disagreement } from '../metrics/disagreements';
import { pageRequest, toPage, type Page } from '../pagination/cursor';
import { after, orderBy } from './keyset';
import { projectAccess, type Actor } from './actor';
import { LINK_NOT_ARCHIVED, NOT_ARCHIVED } from './articleArchive';
import { all, exec, sqlFirst } from '../db/query';

export interface Reviewer {
  id: number;
  name: string;
}

export interface PairFigures {
  a: number;
  b: number;
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
  /** Project level only: links agree when both ends' spans and the relation are the same. */
  linkF1: number | null;
  /** Articles both reviewers annotated (1 on an article row). */
  articles: number;
  spansA: number;
  spansB: number;
}

/** One row of the per-article table: an article and one pair of the reviewers who tagged it. */
export interface ArticlePairRow {
  articleId: number;
  title: string;
  outlet: string | null;
  pair: PairFigures;
}

type SpanRow = { id: number; articleId: number; authorId: number; label: Label; start: number; end: number; exact: string };
type PairRow = typeof agreementPairs.$inferSelect;

/** Rows of the per-article table (and disagreement groups) a page holds by default. */
export const AGREEMENT_PAGE = 50;
/** Articles computed per write transaction, so a first read of a big project never holds the lock long. */
const REFRESH_CHUNK = 25;

async function liveSpans(db: Db | Tx, articleIds: number[], authorIds?: number[]): Promise<SpanRow[]> {
  if (!articleIds.length) return [];
  return await all(db
    .select({ id: annotations.id, articleId: annotations.articleId, authorId: annotations.authorId, label: annotations.label, start: annotations.start, end: annotations.end, exact: annotations.exact })
    .from(annotations)
    // The unary + keeps SQLite on the article index: by the author index it reads every span the two reviewers ever made.
    .where(and(inArray(annotations.articleId, articleIds), isNull(annotations.deletedAt), authorIds ? sql`+${annotations.authorId} in ${authorIds}` : undefined))
    .orderBy(asc(annotations.articleId), asc(annotations.start), asc(annotations.id)));
}

/** The cached rows of one article, from its live spans and its length in UTF-16 units. */
export function articlePairs(projectId: number, articleId: number, spans: SpanRow[], length: number): { authors: number[]; pairs: PairRow[] } {
  const byAuthor = new Map<number, SpanRow[]>();
  for (const s of spans) byAuthor.set(s.authorId, [...(byAuthor.get(s.authorId) ?? []), s]);
  const authors = [...byAuthor.keys()].sort((x, y) => x - y);
  const pairs: PairRow[] = [];
  for (let i = 0; i < authors.length; i++) {
    for (let j = i + 1; j < authors.length; j++) {
      const sa = byAuthor.get(authors[i])!;
      const sb = byAuthor.get(authors[j])!;
      const c = charCounts(sa, sb, length);
      pairs.push({
        projectId, articleId, a: authors[i], b: authors[j], spansA: sa.length, spansB: sb.length,
        exactMatches: exactMatchCount(sa, sb).matches, overlapMatches: overlapMatchCount(sa, sb).matches, disagreements: listDisagreements(sa, sb).length,
        agree0: c.agree[0], agree1: c.agree[1], agree2: c.agree[2], agree3: c.agree[3],
        a0: c.a[0], a1: c.a[1], a2: c.a[2], a3: c.a[3], b0: c.b[0], b1: c.b[1], b2: c.b[2], b3: c.b[3],
      });
    }
  }
  return { authors, pairs };
}

/**
 * Computes the cached rows of up to REFRESH_CHUNK live articles of the project that have none
 * (new, restored, or written to since). One BEGIN IMMEDIATE transaction finds them, reads their spans and
 * stores what it computed, so no write can slip in between and two readers never both store
 * one article. Returns how many it computed.
 */
async function refreshChunk(projectId: number): Promise<number> {
  return await writeTransaction(async (tx) => {
    const ids = (await all(tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.projectId, projectId), NOT_ARCHIVED, sql`not exists (select 1 from ${agreementArticles} g where g.article_id = ${articles.id})`))
      .limit(REFRESH_CHUNK)))
      .map((r) => r.id);
    if (!ids.length) return 0;
    const bodies = await all(tx.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, ids)));
    const spans = await liveSpans(tx, ids);
    const byArticle = new Map<number, SpanRow[]>();
    for (const s of spans) byArticle.set(s.articleId, [...(byArticle.get(s.articleId) ?? []), s]);
    for (const { id, body } of bodies) {
      const { authors, pairs } = articlePairs(projectId, id, byArticle.get(id) ?? [], body.length);
      await exec(tx.insert(agreementArticles).values({ articleId: id, projectId, authors }));
      for (let k = 0; k < pairs.length; k += 200) await exec(tx.insert(agreementPairs).values(pairs.slice(k, k + 200)));
    }
    return ids.length;
  });
}

/**
 * Brings the project's cache up to date. After a few writes that is one short chunk; a first
 * fill of a big project (after the migration) goes chunk by chunk, letting other requests in
 * between, so it never holds the event loop for long.
 */
async function refreshAgreement(projectId: number): Promise<void> {
  while (await refreshChunk(projectId) === REFRESH_CHUNK) await new Promise((resolve) => setImmediate(resolve));
}

function countsOf(r: Pick<PairRow, 'agree0' | 'agree1' | 'agree2' | 'agree3' | 'a0' | 'a1' | 'a2' | 'a3' | 'b0' | 'b1' | 'b2' | 'b3'>): CharCounts {
  return { agree: [r.agree0, r.agree1, r.agree2, r.agree3], a: [r.a0, r.a1, r.a2, r.a3], b: [r.b0, r.b1, r.b2, r.b3] };
}

function figuresOf(r: Omit<PairRow, 'projectId' | 'articleId' | 'disagreements'>, articlesShared: number, linkF1: number | null): PairFigures {
  return {
    a: r.a,
    b: r.b,
    exactF1: f1({ matches: r.exactMatches, a: r.spansA, b: r.spansB }),
    overlapF1: f1({ matches: r.overlapMatches, a: r.spansA, b: r.spansB }),
    kappa: kappaOf(countsOf(r)),
    linkF1,
    articles: articlesShared,
    spansA: r.spansA,
    spansB: r.spansB,
  };
}

/** Each of `authorIds`' live links in the project as a multiset of keys "(unordered ends)|relation" (as linkMatchCount keys them). */
async function linkKeysOf(tx: Tx, projectId: number, authorIds: number[]): Promise<Map<number, Map<string, number>>> {
  const from = alias(annotations, 'from_end');
  const to = alias(annotations, 'to_end');
  // The unary + keeps SQLite off the project index (every link of the project) for the author's.
  const rows = await all(tx
    .select({ authorId: links.authorId, relation: links.relation, fa: from.articleId, fs: from.start, fe: from.end, ta: to.articleId, ts: to.start, te: to.end })
    .from(links)
    .innerJoin(from, eq(from.id, links.fromAnnotationId))
    .innerJoin(to, eq(to.id, links.toAnnotationId))
    .where(and(sql`+${links.projectId} = ${projectId}`, inArray(links.authorId, authorIds), isNull(links.deletedAt), LINK_NOT_ARCHIVED)));
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const key = linkKey({ ends: [`${r.fa}:${r.fs}:${r.fe}`, `${r.ta}:${r.ts}:${r.te}`], relation: r.relation });
    const bag = out.get(r.authorId) ?? new Map<string, number>();
    bag.set(key, (bag.get(key) ?? 0) + 1);
    out.set(r.authorId, bag);
  }
  return out;
}

interface LinkCounts {
  /** Live links per author. */
  sizes: Map<number, number>;
  /** One-to-one matches per pair "lo-hi". */
  matches: Map<string, number>;
}

/**
 * Link sizes and pair matches of `authorIds`, from the link cache. Authors whose row a trigger
 * deleted get their keys anew (their links only, not the project's) and lose their pair rows;
 * pairs with no row are matched in SQL over the cached keys. One BEGIN IMMEDIATE transaction,
 * so no write slips in between reading the links and storing what they gave.
 */
async function linkCounts(projectId: number, authorIds: number[]): Promise<LinkCounts> {
  const out: LinkCounts = { sizes: new Map(), matches: new Map() };
  if (authorIds.length < 2) return out;
  return await writeTransaction(async (tx) => {
    for (const r of await all(tx.select().from(agreementLinkAuthors).where(and(eq(agreementLinkAuthors.projectId, projectId), inArray(agreementLinkAuthors.authorId, authorIds))))) out.sizes.set(r.authorId, r.links);
    const stale = authorIds.filter((id) => !out.sizes.has(id));
    if (stale.length) {
      await exec(tx.delete(agreementLinkKeys).where(and(eq(agreementLinkKeys.projectId, projectId), inArray(agreementLinkKeys.authorId, stale))));
      await exec(tx.delete(agreementLinkPairs).where(and(eq(agreementLinkPairs.projectId, projectId), or(inArray(agreementLinkPairs.a, stale), inArray(agreementLinkPairs.b, stale)))));
      const bags = await linkKeysOf(tx, projectId, stale);
      for (const id of stale) {
        const rows = [...(bags.get(id) ?? [])].map(([key, n]) => ({ projectId, authorId: id, key, n }));
        for (let k = 0; k < rows.length; k += 200) await exec(tx.insert(agreementLinkKeys).values(rows.slice(k, k + 200)));
        const size = rows.reduce((sum, r) => sum + r.n, 0);
        await exec(tx.insert(agreementLinkAuthors).values({ projectId, authorId: id, links: size }));
        out.sizes.set(id, size);
      }
    }
    const wanted = new Set(authorIds);
    for (const r of await all(tx.select().from(agreementLinkPairs).where(eq(agreementLinkPairs.projectId, projectId)))) {
      if (wanted.has(r.a) && wanted.has(r.b)) out.matches.set(`${r.a}-${r.b}`, r.matches);
    }
    const sorted = [...authorIds].sort((x, y) => x - y);
    for (const [i, lo] of sorted.entries()) {
      for (const hi of sorted.slice(i + 1)) {
        if (out.matches.has(`${lo}-${hi}`)) continue;
        const row = await sqlFirst<{ m: number }>(tx, sql`select coalesce(sum(${least(sql`x.n`, sql`y.n`)}), 0) as m from ${agreementLinkKeys} x
          join ${agreementLinkKeys} y on y.project_id = x.project_id and y.author_id = ${hi} and y.key = x.key
          where x.project_id = ${projectId} and x.author_id = ${lo}`);
        await exec(tx.insert(agreementLinkPairs).values({ projectId, a: lo, b: hi, matches: row?.m ?? 0 }));
        out.matches.set(`${lo}-${hi}`, row?.m ?? 0);
      }
    }
    return out;
  });
}

/** Reviewers with live spans in the project's live articles, by name. */
async function reviewersOf(db: Db, projectId: number): Promise<Reviewer[]> {
  const ids = (await all(db.select({ id: agreementAuthors.authorId }).from(agreementAuthors).where(eq(agreementAuthors.projectId, projectId)))).map((r) => r.id);
  if (!ids.length) return [];
  // Names in the order a person reads them: "Reviewer 2" before "Reviewer 10".
  const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return (await all(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))))
    .sort((x, y) => byName.compare(x.name, y.name) || x.id - y.id);
}

/** Project figures of every pair of reviewers: span counts from the kept totals, links over the project. */
async function pooledPairs(db: Db, projectId: number, reviewers: Reviewer[]): Promise<PairFigures[]> {
  const rows = await all(db.select().from(agreementPairTotals).where(eq(agreementPairTotals.projectId, projectId)));
  const byPair = new Map(rows.map((r) => [`${r.a}-${r.b}`, r]));
  const counts = await linkCounts(projectId, reviewers.map((r) => r.id));
  const order = reviewers.map((r) => r.id);
  const out: PairFigures[] = [];
  order.forEach((x, i) =>
    order.slice(i + 1).forEach((y) => {
      const [lo, hi] = x < y ? [x, y] : [y, x];
      const linkF1 = f1({ matches: counts.matches.get(`${lo}-${hi}`) ?? 0, a: counts.sizes.get(lo) ?? 0, b: counts.sizes.get(hi) ?? 0 });
      const row = byPair.get(`${lo}-${hi}`);
      out.push(oriented(row ? figuresOf(row, row.articles, linkF1) : { a: lo, b: hi, exactF1: null, overlapF1: null, kappa: null, linkF1, articles: 0, spansA: 0, spansB: 0 }, x));
    }),
  );
  return out;
}

/** The figures with `first` as reviewer a (the cache stores a < b; pages list pairs in name order). */
function oriented(p: PairFigures, first: number): PairFigures {
  return p.a === first ? p : { ...p, a: p.b, b: p.a, spansA: p.spansB, spansB: p.spansA };
}

const ARTICLE_KEYS = [
  { expr: agreementPairs.articleId, dir: 'asc' as const },
  { expr: agreementPairs.a, dir: 'asc' as const },
  { expr: agreementPairs.b, dir: 'asc' as const },
];

/** One page of the per-article table, article by article, pairs by reviewer id. */
async function articlePage(db: Db, projectId: number, reviewers: Reviewer[], raw: { cursor?: string | null; limit?: string | null }): Promise<Page<ArticlePairRow>> {
  const rank = new Map(reviewers.map((r, i) => [r.id, i]));
  const scope = { list: `agreement-articles:${projectId}` };
  const request = pageRequest(scope, raw, ARTICLE_KEYS.length, { limit: AGREEMENT_PAGE });
  const rows = await all(db
    .select({ pair: agreementPairs, title: articles.title, outlet: articles.outlet })
    .from(agreementPairs)
    .innerJoin(articles, eq(articles.id, agreementPairs.articleId))
    .where(and(eq(agreementPairs.projectId, projectId), after(ARTICLE_KEYS, request.after)))
    .orderBy(...orderBy(ARTICLE_KEYS))
    .limit(request.limit + 1));
  return toPage(scope, rows, request.limit, (r) => [r.pair.articleId, r.pair.a, r.pair.b], (r) => ({
    articleId: r.pair.articleId,
    title: r.title,
    outlet: r.outlet,
    pair: oriented(figuresOf(r.pair, 1, null), rank.get(r.pair.a)! < rank.get(r.pair.b)! ? r.pair.a : r.pair.b),
  }));
}

/**
 * Agreement figures of a project for every pair of reviewers who annotated something, pooled
 * over the articles both annotated (links over the whole project), and one page of the
 * per-article table (`cursor`, `limit`: 400 on a forged cursor or a bad limit).
 */
export async function projectAgreement({ actor, projectId, cursor, limit }: { actor: Actor; projectId: number; cursor?: string | null; limit?: string | null }) {
  const db = getDb();
  const { project } = await projectAccess(db, actor, projectId, 'project.read');
  await refreshAgreement(projectId);
  const reviewers = await reviewersOf(db, projectId);
  return { project: { id: project.id, name: project.name }, reviewers, pairs: await pooledPairs(db, projectId, reviewers), articles: await articlePage(db, projectId, reviewers, { cursor, limit }) };
}

export type DisagreementSpan = Pick<SpanRow, 'id' | 'label' | 'start' | 'end' | 'exact'>;

export interface DisagreementItem extends Disagreement<DisagreementSpan> {
  articleId: number;
  title: string;
  outlet: string | null;
}

/**
 * Where reviewers `a` and `b` disagree, article by article in text order, one page of
 * `limit` entries (default 50). The cursor is the article and position of the last entry sent.
 * Only articles whose cached pair row counts disagreements are opened.
 */
export async function pairDisagreements({ actor, projectId, a, b, cursor, limit }: { actor: Actor; projectId: number; a: number; b: number; cursor?: string | null; limit?: string | null }): Promise<Page<DisagreementItem>> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a === b) throw badRequest('a and b must be the ids of two different reviewers.');
  const scope = { list: `agreement-disagreements:${projectId}`, query: { a, b } };
  const request = pageRequest(scope, { cursor, limit }, 2, { limit: AGREEMENT_PAGE });
  await refreshAgreement(projectId);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const [afterArticle, afterIndex] = (request.after ?? [0, -1]) as [number, number];
  const out: Array<DisagreementItem & { index: number }> = [];
  let from = afterArticle;
  let first = true;
  // Articles in batches of a page: each holds at least one disagreement, so few batches fill a page.
  while (out.length <= request.limit) {
    const batch = await all(db
      .select({ articleId: agreementPairs.articleId, title: articles.title, outlet: articles.outlet })
      .from(agreementPairs)
      .innerJoin(articles, eq(articles.id, agreementPairs.articleId))
      .where(and(eq(agreementPairs.projectId, projectId), eq(agreementPairs.a, lo), eq(agreementPairs.b, hi), gt(agreementPairs.disagreements, 0), first ? sql`${agreementPairs.articleId} >= ${from}` : gt(agreementPairs.articleId, from)))
      .orderBy(asc(agreementPairs.articleId))
      .limit(request.limit + 1));
    if (!batch.length) break;
    const spans = await liveSpans(db, batch.map((r) => r.articleId), [a, b]);
    for (const art of batch) {
      const here = spans.filter((s) => s.articleId === art.articleId);
      const items = listDisagreements(here.filter((s) => s.authorId === a), here.filter((s) => s.authorId === b));
      items.forEach((d, index) => {
        if (art.articleId === afterArticle && index <= afterIndex) return;
        out.push({ ...d, a: d.a && strip(d.a), b: d.b && strip(d.b), articleId: art.articleId, title: art.title, outlet: art.outlet, index });
      });
      if (out.length > request.limit) break;
    }
    from = batch[batch.length - 1].articleId;
    first = false;
  }
  return toPage(scope, out, request.limit, (d) => [d.articleId, d.index], withoutIndex);
}

function withoutIndex(d: DisagreementItem & { index: number }): DisagreementItem {
  const { articleId, title, outlet, kind, a, b } = d;
  return { articleId, title, outlet, kind, a, b };
}

function strip(s: SpanRow): DisagreementSpan {
  return { id: s.id, label: s.label, start: s.start, end: s.end, exact: s.exact };
}
