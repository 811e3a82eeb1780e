/** The audit log: one append-only row per change, written inside the change's transaction. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { placeholders, preparedStatement } from '../db/prepared';
import { events } from '../db/tables';
import { wakeLiveStreams } from '../live/wake';
import { all, exec } from '../db/query';

export interface EventInput {
  projectId: number | null;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

// Every change writes one, so the insert is prepared once. before/after are bound as JSON text
// (or NULL) directly: a JSON column's placeholder would store a missing value as 'null'.
const insertEvent = preparedStatement('events.insert', (db) =>
  db.insert(events)
    .values({ ...placeholders('projectId', 'actorId', 'action', 'entityType', 'entityId'), before: sql`${sql.placeholder('before')}`, after: sql`${sql.placeholder('after')}` })
    .prepare(),
);

const asJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Appends an event. Call it inside the transaction that makes the change (`_tx` says so at the
 * call site; the statement runs on the same connection).
 */
export async function recordEvent(_tx: Tx | Db, input: EventInput): Promise<void> {
  const { projectId, actorId, action, entityType, entityId } = input;
  await exec(insertEvent(), { projectId, actorId, action, entityType, entityId, before: asJson(input.before), after: asJson(input.after) });
  if (projectId !== null) wakeLiveStreams();
}

/** Every event of one entity, oldest first (the history view). Callers check access first. */
export async function eventsForEntity(db: Db | Tx, entityType: string, entityId: number) {
  return await all(db
    .select()
    .from(events)
    .where(and(eq(events.entityType, entityType), eq(events.entityId, entityId)))
    .orderBy(asc(events.id)));
}
