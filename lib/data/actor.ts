/**
 * Who is acting. Every data-access function takes one and re-reads the user and the
 * membership itself, so a disabled user or a removed member is refused on the next call.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { memberships, projects, users, type Role } from '../db/schema';
import { can, type Action } from '../auth/can';
import { AppError, forbidden, notFound } from '../errors';

/** A signed-in person, or the operator at the command line (trusted, like a site admin). */
export type Actor = { userId: number } | { system: true };
export const SYSTEM: Actor = { system: true };

export type UserRow = typeof users.$inferSelect;
type Reader = Db | Tx;

export function isSystem(actor: Actor): actor is { system: true } {
  return 'system' in actor;
}

/** The acting user as stored now; 401 when the account is gone or disabled. */
export function loadUser(db: Reader, actor: Actor): UserRow | null {
  if (isSystem(actor)) return null;
  const user = db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user || user.disabledAt) {
    throw new AppError('unauthenticated', 'Your account is disabled or no longer exists. Sign in again.');
  }
  return user;
}

/** Throws 403 unless the actor is the command-line operator or a site admin. */
export function requireAdmin(db: Reader, actor: Actor): UserRow | null {
  const user = loadUser(db, actor);
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
 * the actor is not a member of answers 404, exactly as if it did not exist.
 */
export function projectAccess(db: Reader, actor: Actor, projectId: number, action: Action): ProjectAccess {
  const user = loadUser(db, actor);
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) throw notFound('Project');
  if (!user) return { user, project, role: 'lead' };
  const membership = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, user.id)))
    .get();
  if (!membership) throw notFound('Project');
  if (!can(membership.role, action)) {
    throw forbidden(`Your role in this project (${membership.role}) does not allow that.`);
  }
  return { user, project, role: membership.role };
}

/** The acting user's id, or null for the command-line operator (recorded as such in events). */
export function actorId(actor: Actor): number | null {
  return isSystem(actor) ? null : actor.userId;
}
