/** Projects and their members. Only members see a project; only leads manage members. */
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { countRows, getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { memberships, projects, users, ROLES, type Role } from '../db/tables';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors';
import { parseInput } from '../validation';
import { actorId, isSystem, loadUser, projectAccess, requireAdmin, type Actor, type UserRow } from './actor';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

export type ProjectRow = typeof projects.$inferSelect;
export interface ProjectSummary extends ProjectRow {
  role: Role | null;
}

/** The projects the actor belongs to (the CLI operator sees all), with the actor's role. */
export async function listProjects({ actor }: { actor: Actor }): Promise<ProjectSummary[]> {
  const db = getDb();
  const user = await loadUser(db, actor);
  if (!user) return (await all(db.select().from(projects).orderBy(asc(projects.name)))).map((p) => ({ ...p, role: null }));
  return (await all(db
    .select({ project: projects, role: memberships.role })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(projects.name))))
    .map(({ project, role }) => ({ ...project, role }));
}

/** Every project with its member count, for site admins. */
export async function listAllProjects({ actor }: { actor: Actor }) {
  const db = getDb();
  await requireAdmin(db, actor);
  const counts = await all(db
    .select({ projectId: memberships.projectId, members: count() })
    .from(memberships)
    .groupBy(memberships.projectId));
  const byProject = new Map(counts.map((c) => [c.projectId, c.members]));
  return (await all(db
    .select()
    .from(projects)
    .orderBy(asc(projects.name))))
    .map((p) => ({ ...p, members: byProject.get(p.id) ?? 0 }));
}

/** Resolves "12" or "my-slug" to a project id without revealing anything (callers check access). */
export async function resolveProjectId(ref: string | number): Promise<number> {
  if (typeof ref === 'number' || /^\d+$/.test(ref)) return Number(ref);
  const row = await first(getDb().select({ id: projects.id }).from(projects).where(eq(projects.slug, ref)));
  if (!row) throw notFound('Project');
  return row.id;
}

/** One project the actor belongs to, with their role; 404 for everyone else. */
export async function getProject({ actor, projectId }: { actor: Actor; projectId: number }): Promise<ProjectSummary> {
  const { project, role } = await projectAccess(getDb(), actor, projectId, 'project.read');
  return { ...project, role };
}

/** A slug names a project at the command line and in URLs; a number would read as an id. */
const SLUG = /^(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const SLUG_RULE =
  'use 1-64 lowercase letters (a-z), digits and dashes, with at least one letter, starting and ending with a letter or digit, e.g. ceasefire-may-2025';

const createProjectSchema = z.strictObject({
  name: z.string({ message: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  slug: z.string({ message: SLUG_RULE }).trim().regex(SLUG, SLUG_RULE).optional(),
  description: z.string({ message: 'must be text' }).max(5000, 'must be at most 5000 characters').optional(),
  leadEmail: z.string({ message: 'must be an email address' }).trim().toLowerCase().optional(),
});

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (!slug) return 'project';
  return /[a-z]/.test(slug) ? slug : `project-${slug}`;
}

/** The enabled account that will lead a new project, or a 400 naming what is wrong. */
async function leadByEmail(tx: Tx, email: string): Promise<UserRow> {
  const lead = await first(tx.select().from(users).where(eq(users.email, email)));
  if (!lead) throw badRequest(`No user has the email ${email}, so they cannot lead the project. Create the account first.`);
  if (lead.disabledAt) throw badRequest(`The account ${email} is disabled, so it cannot lead the project. Enable it first.`);
  return lead;
}

/**
 * Creates a project (site admins and the operator). The lead is the person named by
 * `leadEmail`, or else the admin who creates it (the operator at the command line is nobody,
 * so a project made there without a lead has no members until one is added). One function
 * behind the UI, the API and the CLI, so all three keep the same rules and messages.
 */
export async function createProject({ actor, input }: { actor: Actor; input: unknown }): Promise<ProjectRow> {
  return await writeTransaction(async (tx) => {
    const user = await requireAdmin(tx, actor);
    const data = parseInput(createProjectSchema, input);
    const slug = data.slug ?? slugify(data.name);
    if (await first(tx.select({ id: projects.id }).from(projects).where(eq(projects.slug, slug)))) {
      throw conflict(`A project with the short name "${slug}" already exists.`);
    }
    const lead = data.leadEmail === undefined ? user : await leadByEmail(tx, data.leadEmail);
    const project = await first(tx
      .insert(projects)
      .values({ name: data.name, slug, description: data.description ?? '', createdBy: user?.id ?? null })
      .returning());
    await recordEvent(tx, { projectId: project.id, actorId: actorId(actor), action: 'project.create', entityType: 'project', entityId: project.id, after: project });
    if (!lead) return project;
    const membership = { projectId: project.id, userId: lead.id, role: 'lead' as const };
    await exec(tx.insert(memberships).values(membership));
    if (lead.id !== user?.id) {
      await recordEvent(tx, { projectId: project.id, actorId: actorId(actor), action: 'member.add', entityType: 'membership', entityId: lead.id, after: membership });
    }
    return project;
  });
}

/** The members of a project with their names (any member may see who else is in it). */
export async function listMembers({ actor, projectId }: { actor: Actor; projectId: number }) {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  return await all(db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, disabledAt: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, projectId))
    .orderBy(asc(users.name)));
}

const memberSchema = z.strictObject({
  userId: z.number().int().positive(),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
});

/**
 * The account a lead is adding to their project, by email. The lead check comes first, so
 * that nobody else learns which addresses have an account.
 */
export async function memberIdByEmail({ actor, projectId, email }: { actor: Actor; projectId: number; email: string }): Promise<number> {
  const db = getDb();
  await memberManager(db, actor, projectId);
  const normalized = email.trim().toLowerCase();
  if (!normalized) throw badRequest('Enter the email address of the person to add.');
  const user = await first(db.select({ id: users.id }).from(users).where(eq(users.email, normalized)));
  if (!user) throw new AppError('not_found', `No account uses ${normalized}. A site administrator can create one first.`);
  return user.id;
}

/** Leads (and site admins, who manage projects) may manage members. */
async function memberManager(tx: Db | Tx, actor: Actor, projectId: number) {
  const user = await loadUser(tx, actor);
  if (isSystem(actor) || user?.isAdmin) {
    if (!await first(tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)))) throw notFound('Project');
    return user;
  }
  return (await projectAccess(tx, actor, projectId, 'member.manage')).user;
}

async function leadCount(tx: Tx, projectId: number): Promise<number> {
  return await countRows(tx, memberships, and(eq(memberships.projectId, projectId), eq(memberships.role, 'lead')));
}

/**
 * Adds a member or changes their role. Nobody raises their own role, and the last lead
 * cannot step down (a project always has someone who can manage it).
 */
export async function setMember({ actor, projectId, input }: { actor: Actor; projectId: number; input: unknown }) {
  const data = parseInput(memberSchema, input);
  return await writeTransaction(async (tx) => {
    const manager = await memberManager(tx, actor, projectId);
    const target = await first(tx.select().from(users).where(eq(users.id, data.userId)));
    if (!target) throw notFound('User');
    const before = await first(tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, data.userId))));
    if (manager && manager.id === data.userId && !manager.isAdmin && before?.role !== 'lead') {
      throw forbidden('You cannot change your own role.');
    }
    if (before?.role === 'lead' && data.role !== 'lead' && await leadCount(tx, projectId) <= 1) {
      throw conflict('A project needs at least one lead. Make someone else lead first.');
    }
    if (before) {
      await exec(tx.update(memberships).set({ role: data.role }).where(and(eq(memberships.projectId, projectId), eq(memberships.userId, data.userId))));
    } else {
      await exec(tx.insert(memberships).values({ projectId, userId: data.userId, role: data.role }));
    }
    const after = { projectId, userId: data.userId, role: data.role };
    await recordEvent(tx, { projectId, actorId: actorId(actor), action: before ? 'member.role' : 'member.add', entityType: 'membership', entityId: data.userId, before: before ?? null, after });
    return after;
  });
}

/** Removes a member; they are locked out on their next request. */
export async function removeMember({ actor, projectId, userId }: { actor: Actor; projectId: number; userId: number }) {
  await writeTransaction(async (tx) => {
    await memberManager(tx, actor, projectId);
    const where = and(eq(memberships.projectId, projectId), eq(memberships.userId, userId));
    const before = await first(tx.select().from(memberships).where(where));
    if (!before) throw notFound('Member');
    if (before.role === 'lead' && await leadCount(tx, projectId) <= 1) {
      throw conflict('A project needs at least one lead. Make someone else lead first.');
    }
    await exec(tx.delete(memberships).where(where));
    await recordEvent(tx, { projectId, actorId: actorId(actor), action: 'member.remove', entityType: 'membership', entityId: userId, before });
  });
}

/** Project ids the user belongs to (used to scope cross-project queries). */
export async function memberProjectIds(userId: number): Promise<number[]> {
  return (await all(getDb()
    .select({ id: memberships.projectId })
    .from(memberships)
    .where(eq(memberships.userId, userId))))
    .map((r) => r.id);
}

