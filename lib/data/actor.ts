/**
 * Who is acting. Every data-access function takes one and re-reads the user and the
 * membership itself, so a disabled user or a removed member is refused on the next call.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { memberships, projects, users, type Role } from '../db/tables';
import { can, type Action } from '../auth/can';
import { AppError, forbidden, notFound } from '../errors';
import { first } from '../db/query';

/** A signed-in person, or the operator at the command line (trusted, like a site admin). */
export type Actor = { userId: number } | { system: true };
export const SYSTEM: Actor = { system: true };

export type UserRow = typeof users.$inferSelect;
type Reader = Db | Tx;

// Every request runs these, so they are prepared once (see lib/db/prepared.ts).
const userById = preparedStatement('actor.userById', (db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
const projectById = preparedStatement('actor.projectById', (db) => db.select().from(projects).where(eq(projects.id, sql.placeholder('id'))).prepare());
const membershipRole = preparedStatement('actor.membershipRole', (db) =>
  db.select({ role: memberships.role }).from(memberships)
    .where(and(eq(memberships.projectId, sql.placeholder('projectId')), eq(memberships.userId, sql.placeholder('userId'))))
    .prepare(),
);

export function isSystem(actor: Actor): actor is { system: true } {
  return 'system' in actor;
}

/**
 * The acting user as stored now; 401 when the account is gone or disabled. `db` is the
 * connection or a transaction on it: either way the lookups run on the one connection.
 */
export async function loadUser(_db: Reader, actor: Actor): Promise<UserRow | null> {
  if (isSystem(actor)) return null;
  const user = await first(userById(), { id: actor.userId });
  if (!user || user.disabledAt) {
    throw new AppError('unauthenticated', 'Your account is disabled or no longer exists. Sign in again.');
  }
  return user;
}

/** Throws 403 unless the actor is the command-line operator or a site admin. */
export async function requireAdmin(db: Reader, actor: Actor): Promise<UserRow | null> {
  const user = await loadUser(db, actor);
  if (user && !user.isAdmin) throw forbidden('Only site administrators can do that.');
  return user;
}

export interface ProjectAccess {
  user: UserRow | null;
  project: typeof projects.$inferSelect;
  role: Role | null;
}

/**
 * Resolves a project the actor may see and checks `action` against their role. A project
 * the actor is not a member of answers 404, exactly as if it did not exist: `hidden` names
 * what the caller asked for ("Annotation" for an annotation's id), so that an id of another
 * project answers word for word what a missing id answers and ids cannot be counted.
 */
export async function projectAccess(db: Reader, actor: Actor, projectId: number, action: Action, hidden = 'Project'): Promise<ProjectAccess> {
  const user = await loadUser(db, actor);
  const project = await first(projectById(), { id: projectId });
  if (!project) throw notFound(hidden);
  if (!user) return { user, project, role: 'lead' };
  const membership = await first(membershipRole(), { projectId, userId: user.id });
  if (!membership) throw notFound(hidden);
  if (!can(membership.role, action)) {
    throw forbidden(`Your role in this project (${membership.role}) does not allow that.`);
  }
  return { user, project, role: membership.role };
}

/** The acting user's id, or null for the command-line operator (recorded as such in events). */
export function actorId(actor: Actor): number | null {
  return isSystem(actor) ? null : actor.userId;
}
