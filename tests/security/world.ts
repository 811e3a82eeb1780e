/**
 * The cast of the authorization matrix on a real SQLite database: one project with a viewer,
 * two reviewers (one authors every target), a lead; a site admin and a stranger outside it; a
 * disabled member. Each has a real personal API token from lib/data/tokens.ts. Targets
 * (annotations, links) are made fresh for every cell so that cells never depend on each other.
 */
import crypto from 'node:crypto';

import { SYSTEM, type Actor } from '@/lib/data/actor';
import { createToken } from '@/lib/data/tokens';
import { createUser, disableUser } from '@/lib/data/users';
import { createProject, setMember } from '@/lib/data/projects';
import { importArticle } from '@/lib/data/articles';
import { getDb, getSqlite } from '@/lib/db/client';
import { annotations, links, reviews } from '@/lib/db/tables';
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
  annotation(opts?: { author?: UserKind; articleId?: number; start?: number; end?: number }): AnnotationRow;
  /** A fresh live link between two fresh annotations in different articles. */
  link(opts?: { author?: UserKind }): LinkRow;
  /** A fresh annotation by the authoring reviewer, tombstoned a moment ago. */
  deletedAnnotation(): number;
  /** A fresh annotation accepted by one reviewer and rejected by another: disputed. */
  disputedAnnotation(): number;
  /** A fresh link accepted by one reviewer and rejected by another: disputed. */
  disputedLink(): number;
  /** A fresh comment (by the authoring reviewer unless given) on a fresh annotation. */
  comment(author?: UserKind): number;
  /** The id of a fresh API token of `kind` (the secret is not kept). */
  tokenOf(kind: UserKind): Promise<number>;
  /** A review row written directly (status recomputation is not simulated). */
  review(target: { annotationId?: number; linkId?: number }, reviewer: UserKind, decision?: 'accept' | 'reject'): number;
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

// Synchronous on purpose (better-sqlite3 through drizzle): the matrix builds its cases in plain callbacks.
function insertAnnotation(projectId: number, articleId: number, authorId: number, start: number, end: number): AnnotationRow {
  const db = getDb();
  const body = getSqlite().prepare('select body from articles where id = ?').pluck().get(articleId) as string;
  return db
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
    .returning()
    .get();
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
    annotation(opts = {}) {
      const [s, e] = nextSpan();
      const articleId = opts.articleId ?? a.id;
      const projectId = articleId === f.id ? other.id : project.id;
      return insertAnnotation(projectId, articleId, people[opts.author ?? 'authorReviewer'].id, opts.start ?? s, opts.end ?? e);
    },
    link(opts = {}) {
      const x = world.annotation({ articleId: a.id });
      const y = world.annotation({ articleId: b.id });
      const [from, to] = x.id < y.id ? [x, y] : [y, x];
      return getDb()
        .insert(links)
        .values({ projectId: project.id, fromAnnotationId: from.id, toAnnotationId: to.id, relation: 'corroborates', authorId: people[opts.author ?? 'authorReviewer'].id })
        .returning()
        .get();
    },
    deletedAnnotation() {
      const row = world.annotation();
      getSqlite().prepare('update annotations set deleted_at = ? where id = ?').run(Date.now(), row.id);
      return row.id;
    },
    disputedAnnotation() {
      const row = world.annotation();
      world.review({ annotationId: row.id }, 'otherReviewer', 'accept');
      world.review({ annotationId: row.id }, 'lead', 'reject');
      getSqlite().prepare("update annotations set status = 'disputed' where id = ?").run(row.id);
      return row.id;
    },
    disputedLink() {
      const row = world.link();
      world.review({ linkId: row.id }, 'otherReviewer', 'accept');
      world.review({ linkId: row.id }, 'lead', 'reject');
      getSqlite().prepare("update links set status = 'disputed' where id = ?").run(row.id);
      return row.id;
    },
    async tokenOf(kind) {
      return (await createToken({ actor: SYSTEM, input: { name: 'fixture', userId: people[kind].id } })).id;
    },
    comment(author = 'authorReviewer') {
      const row = world.annotation();
      const sqlite = getSqlite();
      const info = sqlite.prepare('insert into comments (project_id, annotation_id, author_id, body) values (?, ?, ?, ?)').run(project.id, row.id, people[author].id, 'First!');
      return Number(info.lastInsertRowid);
    },
    review(target, reviewer, decision = 'accept') {
      const row = getDb()
        .insert(reviews)
        .values({ projectId: project.id, annotationId: target.annotationId ?? null, linkId: target.linkId ?? null, reviewerId: people[reviewer].id, decision, targetVersion: 1 })
        .returning({ id: reviews.id })
        .get();
      return row.id;
    },
  };
  return world;
}

const SNAPSHOT_TABLES = ['users', 'projects', 'memberships', 'articles', 'annotations', 'links', 'reviews', 'comments', 'verdicts', 'events', 'inbox_state'];

/**
 * A fingerprint of every domain table (api_tokens and login_failures are left out: using a
 * token stamps last_used_at, and failed sign-ins are recorded on purpose).
 */
export function snapshot(): string {
  const sqlite = getSqlite();
  const hash = crypto.createHash('sha256');
  for (const table of SNAPSHOT_TABLES) {
    const rows = sqlite.prepare(`select * from "${table}" order by rowid`).raw().all();
    hash.update(table).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

/** Row counts, for messages when a snapshot differs. */
export function tableCounts(): Record<string, number> {
  const sqlite = getSqlite();
  return Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, sqlite.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
}


/** Puts the cast back (roles, enabled/disabled) after a cell that changed memberships or accounts. */
export function restoreCast(w: World): void {
  const sqlite = getSqlite();
  const keep = Object.entries(MEMBER_ROLES) as Array<[UserKind, Role]>;
  sqlite.transaction(() => {
    sqlite.prepare('delete from memberships where project_id = ?').run(w.projectId);
    const insert = sqlite.prepare('insert into memberships (project_id, user_id, role) values (?, ?, ?)');
    for (const [kind, role] of keep) insert.run(w.projectId, w.people[kind].id, role);
    sqlite.prepare('update users set disabled_at = null where id <> ?').run(w.people.disabled.id);
    sqlite.prepare('update users set disabled_at = 1 where id = ?').run(w.people.disabled.id);
  })();
}
