/**
 * The events a live stream (GET /api/live) sends: changes to the content of the caller's
 * projects, read from the audit log after the last id the stream sent. Membership is checked
 * on every read, so a member removed from a project stops hearing about it at once; accounts,
 * tokens and memberships are never sent.
 */
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import { getDb } from '../db/client';
import { events, memberships } from '../db/tables';
import { LIVE_ENTITY_TYPES, type LiveChange } from '../domain';
import { loadUser, type Actor } from './actor';
import { all } from '../db/query';

/** Changes sent per read; a stream reads again until it has caught up. */
export const LIVE_BATCH = 200;
/**
 * How far back a reconnect may replay (in events of the whole database). Further back, the
 * stream says `reset` and the tab reloads what it shows: cheaper than replaying, and the
 * read never walks an unbounded stretch of the log.
 */
export const REPLAY_WINDOW = 5_000;

/**
 * Up to LIVE_BATCH changes after event `afterId` in the projects the actor is a member of
 * (every project for the command line), oldest first; `more` when there are further ones.
 */
export async function liveChangesAfter({ actor, afterId }: { actor: Actor; afterId: number }): Promise<{ changes: LiveChange[]; more: boolean }> {
  const db = getDb();
  const user = await loadUser(db, actor);
  const mine = user ? sql`select ${memberships.projectId} from ${memberships} where ${memberships.userId} = ${user.id}` : null;
  const rows = await all(db
    .select({ id: events.id, projectId: events.projectId, entityType: events.entityType, entityId: events.entityId, action: events.action, actorId: events.actorId })
    .from(events)
    .where(and(gt(events.id, afterId), inArray(events.entityType, [...LIVE_ENTITY_TYPES]), mine ? sql`${events.projectId} in (${mine})` : sql`${events.projectId} is not null`))
    .orderBy(asc(events.id))
    .limit(LIVE_BATCH + 1));
  const changes = rows.slice(0, LIVE_BATCH).map((r) => ({
    id: r.id,
    projectId: r.projectId!,
    entityType: r.entityType as LiveChange['entityType'],
    entityId: r.entityId,
    action: r.action,
    mine: user !== null && r.actorId === user.id,
  }));
  return { changes, more: rows.length > LIVE_BATCH };
}
