/**
 * A desk-sized project written straight into the database (one transaction, the shape of issue
 * 12's desk: 50 annotations, 10 links and 25 reviews an article, 30 members, 8 outlets and some
 * articles without one), so the board's queries can be planned and timed at real size in
 * seconds. The triggers that keep the board and the search index honest run as usual. SQLite
 * gets a row per prepared statement run; PostgreSQL an article's rows of a table per INSERT
 * (unnest), the same rows from the same random sequence.
 */
import { sql } from 'drizzle-orm';
import { getDb, getSqlite, writeTransaction, type Tx } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlAll, sqlExec, sqlFirst } from '@/lib/db/query';

const OUTLETS = ['Kyiv Independent', 'UNN', 'Zamin.uz', 'Reuters', 'Ukrainska Pravda', 'BBC Monitoring', 'Meduza', 'AP'];
const WORDS = 'Zelenskyy said Ukraine will not recognize occupied territories talks Geneva Kremlin spokesman prices rose Crimea officials confirmed денег переговоры Київ sanctions grain corridor drones'.split(' ');

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

type ArticleRow = [projectId: number, title: string, outlet: string | null, url: string | null, body: string, sha256: string, publishedAt: string];
type AnnotationRow = [projectId: number, articleId: number, authorId: number, label: string, start: number, end: number, exact: string, status: string, createdAt: number];
type LinkRow = [projectId: number, from: number, to: number, relation: string, authorId: number, status: string, createdAt: number];
type ReviewRow = [projectId: number, annotationId: number, reviewerId: number, decision: string];
type VerdictRow = [projectId: number, annotationId: number, authorId: number, verdict: string];

/** Where the desk's rows go: one article at a time, its annotations answered with their ids in order. */
interface Sink {
  article(row: ArticleRow): Promise<number>;
  annotations(rows: AnnotationRow[]): Promise<number[]>;
  reviews(rows: ReviewRow[]): Promise<void>;
  verdicts(rows: VerdictRow[]): Promise<void>;
  links(rows: LinkRow[]): Promise<void>;
}

function sqliteSink(): Sink {
  const db = getSqlite();
  const insArticle = db.prepare('insert into articles (project_id, title, outlet, url, body, sha256, published_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insAnn = db.prepare(`insert into annotations (project_id, article_id, author_id, label, start, "end", exact, status, created_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLink = db.prepare(`insert or ignore into links (project_id, from_annotation_id, to_annotation_id, relation, author_id, status, created_at)
    values (?, ?, ?, ?, ?, ?, ?)`);
  const insReview = db.prepare('insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) values (?, ?, ?, ?, 1)');
  const insVerdict = db.prepare('insert into verdicts (project_id, annotation_id, author_id, verdict, is_final) values (?, ?, ?, ?, 1)');
  return {
    article: async (row) => Number(insArticle.run(...row).lastInsertRowid),
    annotations: async (rows) => rows.map((row) => Number(insAnn.run(...row).lastInsertRowid)),
    reviews: async (rows) => void rows.forEach((row) => insReview.run(...row)),
    verdicts: async (rows) => void rows.forEach((row) => insVerdict.run(...row)),
    links: async (rows) => void rows.forEach((row) => insLink.run(...row)),
  };
}

/** The column `i` of `rows` as one array parameter of PostgreSQL type `type`. */
const col = (rows: unknown[][], i: number, type: string) => sql`${sql.param(rows.map((r) => r[i]))}::${sql.raw(type)}[]`;

function pgSink(tx: Tx): Sink {
  return {
    article: async (r) => (await sqlFirst<{ id: number }>(tx, sql`insert into articles (project_id, title, outlet, url, body, sha256, published_at)
      values (${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, ${r[4]}, ${r[5]}, ${r[6]}) returning id`))!.id,
    annotations: async (rows) => (await sqlAll<{ id: number }>(tx, sql`insert into annotations (project_id, article_id, author_id, label, start, "end", exact, status, created_at)
      select p, a, u, l, s, e, x, st, to_timestamp(c / 1000.0) from unnest(${col(rows, 0, 'int')}, ${col(rows, 1, 'int')}, ${col(rows, 2, 'int')}, ${col(rows, 3, 'text')},
        ${col(rows, 4, 'int')}, ${col(rows, 5, 'int')}, ${col(rows, 6, 'text')}, ${col(rows, 7, 'text')}, ${col(rows, 8, 'bigint')}) t(p, a, u, l, s, e, x, st, c)
      returning id`)).map((r) => r.id).sort((a, b) => a - b),
    reviews: async (rows) => void (rows.length && await sqlExec(tx, sql`insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version)
      select *, 1 from unnest(${col(rows, 0, 'int')}, ${col(rows, 1, 'int')}, ${col(rows, 2, 'int')}, ${col(rows, 3, 'text')})`)),
    verdicts: async (rows) => void (rows.length && await sqlExec(tx, sql`insert into verdicts (project_id, annotation_id, author_id, verdict, is_final)
      select *, true from unnest(${col(rows, 0, 'int')}, ${col(rows, 1, 'int')}, ${col(rows, 2, 'int')}, ${col(rows, 3, 'text')})`)),
    links: async (rows) => void (rows.length && await sqlExec(tx, sql`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id, status, created_at)
      select p, f, t, r, u, s, to_timestamp(c / 1000.0) from unnest(${col(rows, 0, 'int')}, ${col(rows, 1, 'int')}, ${col(rows, 2, 'int')}, ${col(rows, 3, 'text')},
        ${col(rows, 4, 'int')}, ${col(rows, 5, 'text')}, ${col(rows, 6, 'bigint')}) t(p, f, t, r, u, s, c)
      on conflict do nothing`)),
  };
}

async function fill(sink: Sink, projectId: number, userIds: number[], articleCount: number): Promise<{ claims: number }> {
  const rnd = random(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const sentence = () => Array.from({ length: 12 }, () => pick(WORDS)).join(' ');
  const annIds: { id: number; articleId: number }[] = [];
  let claims = 0;
  for (let n = 0; n < articleCount; n++) {
    const outlet = n % 10 === 9 ? null : OUTLETS[n % OUTLETS.length];
    const body = Array.from({ length: 40 }, sentence).join('. ');
    const articleId = await sink.article([projectId, `Report ${n} on the talks`, outlet, outlet ? null : `https://www.site${n % 7}.example/news/${n}`, body, `sha-${projectId}-${n}`, '2026-11-01']);
    const anns: AnnotationRow[] = [];
    // Reviews and verdicts by annotation index: the random picks in the order they always had.
    const reviews: Array<[number, number, string]> = [];
    const verdicts: Array<[number, string]> = [];
    for (let i = 0; i < 50; i++) {
      const label = i % 3 === 0 ? 'claim' : i % 3 === 1 ? 'quote' : 'context';
      if (label === 'claim') claims++;
      const status = rnd() < 0.5 ? 'accepted' : rnd() < 0.8 ? 'proposed' : 'rejected';
      anns.push([projectId, articleId, pick(userIds), label, i * 80, i * 80 + 60, sentence(), status, Date.now() - n * 60000 + i]);
      if (i < 25) reviews.push([i, pick(userIds), status === 'rejected' ? 'reject' : 'accept']);
      if (label === 'claim' && i % 15 === 0) verdicts.push([i, pick(['true', 'false', 'misleading', 'mixed'])]);
    }
    const ids = await sink.annotations(anns);
    for (const id of ids) annIds.push({ id, articleId });
    await sink.reviews(reviews.map(([i, reviewer, decision]) => [projectId, ids[i], reviewer, decision]));
    await sink.verdicts(verdicts.map(([i, verdict]) => [projectId, ids[i], userIds[0], verdict]));
    const links: LinkRow[] = [];
    for (let k = 0; k < 10 && annIds.length > 100; k++) {
      const a = annIds[annIds.length - 1 - Math.floor(rnd() * 50)];
      let b = pick(annIds);
      while (b.articleId === a.articleId) b = pick(annIds);
      const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
      const r = rnd();
      const relation = rnd() < 0.7 ? 'corroborates' : 'conflicts';
      links.push([projectId, lo, hi, relation, pick(userIds), r < 0.6 ? 'proposed' : r < 0.85 ? 'accepted' : r < 0.95 ? 'rejected' : 'disputed', Date.now() - Math.floor(rnd() * 1e8)]);
    }
    await sink.links(links);
  }
  return { claims };
}

export async function buildDesk(projectId: number, userIds: number[], articleCount: number): Promise<{ claims: number }> {
  if (onPostgres()) {
    const made = await writeTransaction((tx) => fill(pgSink(tx), projectId, userIds, articleCount));
    // Fresh statistics, as a database in use has them: the planner picks indexes by them.
    await sqlExec(getDb(), sql`analyze`);
    return made;
  }
  const db = getSqlite();
  db.exec('BEGIN');
  try {
    const made = await fill(sqliteSink(), projectId, userIds, articleCount);
    db.exec('COMMIT');
    return made;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
