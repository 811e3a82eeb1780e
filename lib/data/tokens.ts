/** Personal API tokens: shown once at creation, stored as sha256, revocable. */
import crypto from 'node:crypto';
import { msParam } from '../db/dialect';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { apiTokens, users } from '../db/tables';
import { notFound } from '../errors';
import { parseInput } from '../validation';
import { actorId, isSystem, loadUser, type Actor } from './actor';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

const TOKEN_PREFIX = 'fcw_';
const LAST_USED_RESOLUTION_MS = 60_000;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  /** Only the CLI operator creates tokens for someone else. */
  userId: z.number().int().positive().optional(),
});

/** Creates a token for the actor (or, for the operator, for `userId`); returns it once. */
export async function createToken({ actor, input }: { actor: Actor; input: unknown }) {
  const data = parseInput(createTokenSchema, input);
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  return await writeTransaction(async (tx) => {
    const user = await loadUser(tx, actor);
    const ownerId = isSystem(actor) ? data.userId : user!.id;
    if (!ownerId || !await first(tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)))) throw notFound('User');
    const row = await first(tx
      .insert(apiTokens)
      .values({ userId: ownerId, name: data.name, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 10) })
      .returning({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, createdAt: apiTokens.createdAt }));
    await recordEvent(tx, { projectId: null, actorId: actorId(actor), action: 'token.create', entityType: 'api_token', entityId: row.id, after: { ...row, userId: ownerId } });
    return { ...row, token };
  });
}

/** The actor's own tokens (never the secret). */
export async function listTokens({ actor }: { actor: Actor }) {
  const db = getDb();
  const user = await loadUser(db, actor);
  if (!user) return [];
  return await all(db
    .select({ id: apiTokens.id, name: apiTokens.name, tokenPrefix: apiTokens.tokenPrefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.id)));
}

/** Revokes one of the actor's own tokens; someone else's answers 404. */
export async function revokeToken({ actor, tokenId }: { actor: Actor; tokenId: number }) {
  await writeTransaction(async (tx) => {
    const user = await loadUser(tx, actor);
    const where = user ? and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.id)) : eq(apiTokens.id, tokenId);
    const row = await first(tx.select().from(apiTokens).where(where));
    if (!row) throw notFound('Token');
    if (row.revokedAt) return;
    await exec(tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)));
    await recordEvent(tx, { projectId: null, actorId: actorId(actor), action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}

// Every API request resolves its token, so both statements are prepared once.
const liveToken = preparedStatement('tokens.liveToken', (db) =>
  db.select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt, disabledAt: users.disabledAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare(),
);
const stampLastUsed = preparedStatement('tokens.stampLastUsed', (db) =>
  db.update(apiTokens).set({ lastUsedAt: sql`${sql.placeholder('at')}` }).where(eq(apiTokens.id, sql.placeholder('id'))).prepare(),
);

/** The user id a bearer token belongs to, or null if unknown, revoked or the user is disabled. */
export async function userIdForToken(token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await first(liveToken(), { hash: hashToken(token) });
  if (!row || row.disabledAt) return null;
  // "Last used" to the minute is enough, and saves a write (and an fsync) on every request.
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await writeTransaction(() => exec(stampLastUsed(), { at: msParam(now), id: row.id }));
  }
  return row.userId;
}
