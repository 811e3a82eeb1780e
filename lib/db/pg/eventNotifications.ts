/**
 * The event log's NOTIFY channel on PostgreSQL (drizzle/pg/0010_events_notify.sql): every
 * statement that appends events, on any instance, notifies `workbench_events` with the newest
 * event id. One listening connection per instance hears it and wakes that instance's live
 * streams, which then read what is new from the events table themselves. A lost connection is
 * re-established with a growing pause; on every (re)connect the listener reports the log's
 * newest id, so a write made while it was away still wakes the streams.
 */
import type pg from 'pg';
import { connectPg } from './migrate';

export const EVENTS_CHANNEL = 'workbench_events';
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

export interface EventListener {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

/**
 * Calls `onHead(id)` with the newest event id whenever events are committed (at most once per
 * writing statement), and once after each (re)connect. `onError` hears connection failures.
 */
export async function listenForEvents(url: string, onHead: (id: number) => void, onError: (error: Error) => void = () => {}): Promise<EventListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let pause = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = await connectPg(url);
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    next.on('notification', (message) => {
      const id = Number(message.payload);
      if (message.channel === EVENTS_CHANNEL && Number.isSafeInteger(id)) onHead(id);
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('PostgreSQL closed the listening connection')));
    await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    client = next;
    pause = RETRY_FIRST_MS;
    const head = await next.query<{ id: number | null }>('select max(id) as id from events');
    if (head.rows[0]?.id !== null && head.rows[0]?.id !== undefined) onHead(Number(head.rows[0].id));
  };

  const lost = (which: pg.Client, error: Error) => {
    if (closed || client !== which) return;
    client = null;
    onError(error);
    which.end().catch(() => {});
    schedule();
  };

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: Error) => {
        onError(error);
        pause = Math.min(pause * 2, RETRY_MAX_MS);
        schedule();
      });
    }, pause);
    retry.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}
