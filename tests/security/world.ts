/**
 * The cast of the authorization matrix on a real SQLite database: one project with a viewer,
 * two reviewers (one authors every target), a lead; a site admin and a stranger outside it; a
 * disabled member. Each has a real personal API token from lib/data/tokens.ts. Targets
 * (annotations, links) are made fresh for every cell so that cells never depend on each other.
 * It runs on either engine (SQLite, or PostgreSQL with DATABASE_URL): every fixture is written
 * through drizzle builders run by lib/db/query.ts, so each maker answers a promise.
 */
import crypto from 'node:crypto';

import { SYSTEM, type Actor } from '@/lib/data/actor';
import { createToken } from '@/lib/data/tokens';
import { createUser, disableUser } from '@/lib/data/users';
import { createProject, setMember } from '@/lib/data/projects';
import { importArticle } from '@/lib/data/articles';
import { eq, ne, sql } from 'drizzle-orm';
import { getDb, writeTransaction } from '@/lib/db/client';
import { exec, first, sqlAll, sqlFirst } from '@/lib/db/query';
import { annotations, articles, comments, links, memberships, reviews, users } from '@/lib/db/tables';
import type { Role } from '@/lib/db/tables';

export const ACTOR_KINDS = ['anonymous', 'nonMember', 'viewer', 'authorReviewer', 'otherReviewer', 'lead', 'admin', 'disabled'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type UserKind = Exclude<ActorKind, 'anonymous'>;

export const ACTOR_LABELS: Record<ActorKind, string> = {
  anonymous: 'anonymous',
  nonMember: 'non-member',
  viewer: 'viewer',
  authorReviewer: 'reviewer (author)',
  otherReviewer: 'reviewer (not author)',
  lead: 'lead',
  admin: 'site admin',
  disabled: 'disabled user',
};

export const BODY_A =
  'Zelenskyy said on Tuesday that Ukraine will not recognise occupied territories as Russian.\n\nThe statement came after talks in London. Officials declined to comment further.';
export const BODY_B =
  'Ukraine\'s president repeated that "we will not recognise" any occupation.\n\nAnalysts in Kyiv called the remarks a firm signal before the next round of talks.';

export interface Person {
  id: number;
  email: string;
  token: string;
  actor: Actor;
}

export interface World {
  people: Record<UserKind, Person>;
  projectId: number;
  otherProjectId: number;
  articleId: number;
  article2Id: number;
  foreignArticleId: number;
  /** A fresh live annotation (author: the authoring reviewer unless given). */
  annotation(opts?: { author?: UserKind; articleId?: number; start?: number; end?: number }): Promise<AnnotationRow>;
  /** A fresh live link between two fresh annotations in different articles. */
  link(opts?: { author?: UserKind }): Promise<LinkRow>;
  /** A fresh annotation by the authoring reviewer, tombstoned a moment ago. */
  deletedAnnotation(): Promise<number>;
  /** A fresh annotation accepted by one reviewer and rejected by another: disputed. */
  disputedAnnotation(): Promise<number>;
  /** A fresh link accepted by one reviewer and rejected by another: disputed. */
  disputedLink(): Promise<number>;
  /** A fresh comment (by the authoring reviewer unless given) on a fresh annotation. */
  comment(author?: UserKind): Promise<number>;
  /** The id of a fresh API token of `kind` (the secret is not kept). */
  tokenOf(kind: UserKind): Promise<number>;
  /** A review row written directly (status recomputation is not simulated). */
  review(target: { annotationId?: number; linkId?: number }, reviewer: UserKind, decision?: 'accept' | 'reject'): Promise<number>;
}

export type AnnotationRow = typeof annotations.$inferSelect;
export type LinkRow = typeof links.$inferSelect;

const MEMBER_ROLES: Partial<Record<UserKind, Role>> = {
  viewer: 'viewer',
  authorReviewer: 'reviewer',
  otherReviewer: 'reviewer',
  lead: 'lead',
  disabled: 'reviewer',
};

async function person(kind: UserKind): Promise<Person> {
  const email = `${kind.toLowerCase()}-${crypto.randomBytes(3).toString('hex')}@example.test`;
  const { user } = await createUser({
    actor: SYSTEM,
    input: { email, name: ACTOR_LABELS[kind], password: 'correct horse battery', isAdmin: kind === 'admin' },
  });
  const { token } = await createToken({ actor: SYSTEM, input: { name: 'matrix', userId: user.id } });
  return { id: user.id, email, token, actor: { userId: user.id } };
}

async function insertAnnotation(projectId: number, articleId: number, authorId: number, start: number, end: number): Promise<AnnotationRow> {
  const db = getDb();
  const { body } = (await first(db.select({ body: articles.body }).from(articles).where(eq(articles.id, articleId))))!;
  const row = await first(
    db
      .insert(annotations)
      .values({
        projectId,
        articleId,
        authorId,
        label: 'claim',
        start,
        end,
        exact: body.slice(start, end),
        prefix: body.slice(Math.max(0, start - 32), start),
        suffix: body.slice(end, end + 32),
      })
      .returning(),
  );
  return row!;
}

/** Builds the world once per test file (about eight argon2 hashes). */
export async function buildWorld(): Promise<World> {
  const kinds: UserKind[] = ['nonMember', 'viewer', 'authorReviewer', 'otherReviewer', 'lead', 'admin', 'disabled'];
  const people = {} as Record<UserKind, Person>;
  for (const kind of kinds) people[kind] = await person(kind);
  const suffix = crypto.randomBytes(3).toString('hex');
  const project = await createProject({ actor: SYSTEM, input: { name: `Matrix ${suffix}`, slug: `matrix-${suffix}` } });
  const other = await createProject({ actor: SYSTEM, input: { name: `Elsewhere ${suffix}`, slug: `elsewhere-${suffix}` } });
  for (const kind of kinds) {
    const role = MEMBER_ROLES[kind];
    if (role) await setMember({ actor: SYSTEM, projectId: project.id, input: { userId: people[kind].id, role } });
  }
  await setMember({ actor: SYSTEM, projectId: other.id, input: { userId: people.nonMember.id, role: 'lead' } });
  const a = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Article A', body: BODY_A, outlet: 'Outlet A' } });
  const b = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Article B', body: BODY_B, outlet: 'Outlet B' } });
  const f = await importArticle({ actor: SYSTEM, projectId: other.id, input: { title: 'Foreign', body: BODY_A, outlet: 'Elsewhere' } });
  await disableUser({ actor: SYSTEM, input: { userId: people.disabled.id } });

  let cursor = 0;
  const nextSpan = () => {
    cursor = (cursor + 7) % 60;
    return [cursor, cursor + 10] as const;
  };
  const world: World = {
    people,
    projectId: project.id,
    otherProjectId: other.id,
    articleId: a.id,
    article2Id: b.id,
    foreignArticleId: f.id,
    async annotation(opts = {}) {
      const [s, e] = nextSpan();
      const articleId = opts.articleId ?? a.id;
      const projectId = articleId === f.id ? other.id : project.id;
      return insertAnnotation(projectId, articleId, people[opts.author ?? 'authorReviewer'].id, opts.start ?? s, opts.end ?? e);
    },
    async link(opts = {}) {
      const x = await world.annotation({ articleId: a.id });
      const y = await world.annotation({ articleId: b.id });
      const [from, to] = x.id < y.id ? [x, y] : [y, x];
      const row = await first(
        getDb()
          .insert(links)
          .values({ projectId: project.id, fromAnnotationId: from.id, toAnnotationId: to.id, relation: 'corroborates', authorId: people[opts.author ?? 'authorReviewer'].id })
          .returning(),
      );
      return row!;
    },
    async deletedAnnotation() {
      const row = await world.annotation();
      await exec(getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, row.id)));
      return row.id;
    },
    async disputedAnnotation() {
      const row = await world.annotation();
      await world.review({ annotationId: row.id }, 'otherReviewer', 'accept');
      await world.review({ annotationId: row.id }, 'lead', 'reject');
      await exec(getDb().update(annotations).set({ status: 'disputed' }).where(eq(annotations.id, row.id)));
      return row.id;
    },
    async disputedLink() {
      const row = await world.link();
      await world.review({ linkId: row.id }, 'otherReviewer', 'accept');
      await world.review({ linkId: row.id }, 'lead', 'reject');
      await exec(getDb().update(links).set({ status: 'disputed' }).where(eq(links.id, row.id)));
      return row.id;
    },
    async tokenOf(kind) {
      return (await createToken({ actor: SYSTEM, input: { name: 'fixture', userId: people[kind].id } })).id;
    },
    async comment(author = 'authorReviewer') {
      const row = await world.annotation();
      const inserted = await first(
        getDb().insert(comments).values({ projectId: project.id, annotationId: row.id, authorId: people[author].id, body: 'First!' }).returning({ id: comments.id }),
      );
      return inserted!.id;
    },
    async review(target, reviewer, decision = 'accept') {
      const row = await first(
        getDb()
          .insert(reviews)
          .values({ projectId: project.id, annotationId: target.annotationId ?? null, linkId: target.linkId ?? null, reviewerId: people[reviewer].id, decision, targetVersion: 1 })
          .returning({ id: reviews.id }),
      );
      return row!.id;
    },
  };
  return world;
}

const SNAPSHOT_TABLES = ['users', 'projects', 'memberships', 'articles', 'annotations', 'links', 'reviews', 'comments', 'verdicts', 'events', 'inbox_state'];

/**
 * One value as the fingerprint keeps it. Only a before and an after of the same run (one
 * engine) are ever compared, but the values are made plain all the same: a timestamp as its
 * milliseconds (PostgreSQL's timestamptz comes back as a Date, SQLite's as a number), a
 * boolean as 0/1, JSON as its text with sorted keys (jsonb answers an object).
 */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, plain((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * A fingerprint of every domain table (api_tokens and login_failures are left out: using a
 * token stamps last_used_at, and failed sign-ins are recorded on purpose). Rows are compared
 * as a sorted set of their plain values, so neither engine's physical row order matters.
 */
export async function snapshot(): Promise<string> {
  const db = getDb();
  const hash = crypto.createHash('sha256');
  for (const table of SNAPSHOT_TABLES) {
    const rows = await sqlAll<Record<string, unknown>>(db, sql`select * from ${sql.identifier(table)}`);
    const lines = rows.map((row) => JSON.stringify(plain(row))).sort();
    hash.update(table).update(String(lines.length)).update(lines.join('\n'));
  }
  return hash.digest('hex');
}

/** Row counts, for messages when a snapshot differs. */
export async function tableCounts(): Promise<Record<string, number>> {
  const db = getDb();
  const counts: Record<string, number> = {};
  for (const t of SNAPSHOT_TABLES) counts[t] = Number((await sqlFirst<{ n: number }>(db, sql`select count(*) as n from ${sql.identifier(t)}`))?.n ?? 0);
  return counts;
}

/** Puts the cast back (roles, enabled/disabled) after a cell that changed memberships or accounts. */
export async function restoreCast(w: World): Promise<void> {
  const keep = Object.entries(MEMBER_ROLES) as Array<[UserKind, Role]>;
  await writeTransaction(async (tx) => {
    await exec(tx.delete(memberships).where(eq(memberships.projectId, w.projectId)));
    await exec(tx.insert(memberships).values(keep.map(([kind, role]) => ({ projectId: w.projectId, userId: w.people[kind].id, role }))));
    await exec(tx.update(users).set({ disabledAt: null }).where(ne(users.id, w.people.disabled.id)));
    await exec(tx.update(users).set({ disabledAt: new Date(1) }).where(eq(users.id, w.people.disabled.id)));
  });
}
