/**
 * Writes made by other instances on one PostgreSQL database (issue 17): the event log's
 * NOTIFY (lib/db/pg/eventNotifications.ts) is heard by one listening connection per process,
 * which calls `onNewEvents` so the live streams read what is new. On SQLite there is one
 * server per file and nothing to listen to: null.
 */
import { databaseUrl } from '../db/engine';
import { listenForEvents, type EventListener } from '../db/pg/eventNotifications';

export async function listenForOtherInstances(onNewEvents: () => void): Promise<EventListener | null> {
  const url = databaseUrl();
  if (!url) return null;
  return listenForEvents(url, onNewEvents, (error) => console.error(`live: the PostgreSQL listening connection failed (${error.message}); reconnecting`));
}
