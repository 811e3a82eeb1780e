/** The audit log: one append-only row per change, written inside the change's transaction. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { events } from '../db/schema';

export interface EventInput {
  projectId: number | null;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends an event; call it with the transaction that makes the change. */
export function recordEvent(tx: Tx | Db, input: EventInput): void {
  tx.insert(events)
    .values({ ...input, before: input.before ?? null, after: input.after ?? null })
    .run();
}

/** Every event of one entity, oldest first (the history view). Callers check access first. */
export function eventsForEntity(db: Db | Tx, entityType: string, entityId: number) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.entityType, entityType), eq(events.entityId, entityId)))
    .orderBy(asc(events.id))
    .all();
}
