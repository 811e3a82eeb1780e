/** Accounts: created and managed by site admins (or the CLI operator). */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { countRows, getDb, writeTransaction, type Tx } from '../db/client';
import { apiTokens, sessions, users } from '../db/tables';
import { AppError, conflict, notFound } from '../errors';
import { parseInput } from '../validation';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { actorId, loadUser, requireAdmin, type Actor, type UserRow } from './actor';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

export type PublicUser = Pick<UserRow, 'id' | 'email' | 'name' | 'isAdmin' | 'disabledAt' | 'createdAt'>;

const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid email address' }));
const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters');

const createUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().max(200).optional(),
  password: passwordSchema.optional(),
  isAdmin: z.boolean().optional(),
});

export function toPublicUser(user: UserRow): PublicUser {
  const { id, email, name, isAdmin, disabledAt, createdAt } = user;
  return { id, email, name, isAdmin, disabledAt, createdAt };
}

/**
 * Creates an account. Without a password one is generated and returned once, so the admin can
 * hand it over; only its argon2id hash is stored.
 */
export async function createUser({ actor, input }: { actor: Actor; input: unknown }) {
  const data = parseInput(createUserSchema, input);
  await requireAdmin(getDb(), actor);
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await writeTransaction(async (tx) => {
    await requireAdmin(tx, actor);
    if (await first(tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)))) {
      throw conflict(`A user with the email ${data.email} already exists.`);
    }
    const row = await first(tx
      .insert(users)
      .values({
        email: data.email,
        name: data.name || data.email.split('@')[0],
        passwordHash,
        isAdmin: data.isAdmin ?? false,
      })
      .returning());
    await recordEvent(tx, {
      projectId: null,
      actorId: actorId(actor),
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: toPublicUser(row),
    });
    return row;
  });
  return { user: toPublicUser(user), password: data.password ? null : password };
}

/** Every account, for the admin page. */
export async function listUsers({ actor }: { actor: Actor }): Promise<PublicUser[]> {
  const db = getDb();
  await requireAdmin(db, actor);
  return (await all(db.select().from(users).orderBy(asc(users.email)))).map(toPublicUser);
}

/** Applies `changes` (and `alsoInTx`, in the same transaction) to a user, as an admin. */
async function updateUser(actor: Actor, userId: number, action: string, changes: Partial<UserRow>, alsoInTx?: (tx: Tx) => Promise<void>) {
  return await writeTransaction(async (tx) => {
    const admin = await requireAdmin(tx, actor);
    const before = await first(tx.select().from(users).where(eq(users.id, userId)));
    if (!before) throw notFound('User');
    if (admin && admin.id === userId && changes.disabledAt) {
      throw new AppError('forbidden', 'You cannot disable your own account.');
    }
    const after = await first(tx.update(users).set(changes).where(eq(users.id, userId)).returning());
    await alsoInTx?.(tx);
    await recordEvent(tx, {
      projectId: null,
      actorId: actorId(actor),
      action,
      entityType: 'user',
      entityId: userId,
      before: toPublicUser(before),
      after: toPublicUser(after),
    });
    return toPublicUser(after);
  });
}

/** Disables an account and ends all its sessions at once (sessionVersion is bumped). */
export async function disableUser({ actor, input }: { actor: Actor; input: { userId: number } }) {
  const current = await first(getDb().select().from(users).where(eq(users.id, input.userId)));
  if (!current) throw notFound('User');
  return await updateUser(actor, input.userId, 'user.disable', {
    disabledAt: current.disabledAt ?? new Date(),
    sessionVersion: current.sessionVersion + 1,
  });
}

export async function enableUser({ actor, input }: { actor: Actor; input: { userId: number } }) {
  return await updateUser(actor, input.userId, 'user.enable', { disabledAt: null });
}

/**
 * Sets a new password (generated when none is given, and returned once), signs the user out
 * everywhere and revokes their API tokens: a reset usually means the account was exposed,
 * and a token made by whoever had it would outlive the new password. Only an explicit
 * `keepApiTokens: true` (the person confirmed the tokens are theirs) keeps them.
 */
export async function resetPassword({ actor, input }: { actor: Actor; input: { userId: number; password?: string; keepApiTokens?: boolean; keepSessions?: boolean } }) {
  await requireAdmin(getDb(), actor);
  const password = input.password === undefined ? generatePassword() : parseInput(z.object({ password: passwordSchema }), { password: input.password }).password;
  const passwordHash = await hashPassword(password);
  const current = await first(getDb().select().from(users).where(eq(users.id, input.userId)));
  if (!current) throw notFound('User');
  let tokensRevoked = 0;
  // keepSessions (the admin chose "keep their sessions": a forgotten password, not an exposed
  // account) leaves their sessions and API tokens alone; only the password changes.
  const keep = input.keepSessions === true;
  const user = await updateUser(actor, input.userId, 'user.password', keep ? { passwordHash } : { passwordHash, sessionVersion: current.sessionVersion + 1 }, async (tx) => {
    if (keep) return;
    const now = new Date();
    if (!input.keepApiTokens) tokensRevoked = (await exec(tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt))))).changes;
    await exec(tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, input.userId), isNull(sessions.revokedAt))));
  });
  return { user, password: input.password === undefined ? password : null, tokensRevoked };
}

/** The signed-in user's own profile (any signed-in user). */
export async function getCurrentUser({ actor }: { actor: Actor }): Promise<PublicUser | null> {
  const user = await loadUser(getDb(), actor);
  return user ? toPublicUser(user) : null;
}

export async function countUsers(): Promise<number> {
  return await countRows(getDb(), users);
}
