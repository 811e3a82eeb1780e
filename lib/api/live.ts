/**
 * GET /api/live: the caller's live stream (Server-Sent Events). One per tab: the reader, the
 * review queue and the inbox share it (lib/client/liveStream.ts). Each change to the content
 * of the caller's projects arrives as `event: change` with its event id; after a reconnect the
 * browser sends Last-Event-ID and the stream replays what was missed, or says `event: reset`
 * when that is further back than REPLAY_WINDOW. Polling stays the fallback (docs/live.md).
 */
import { authedRoute } from '../http/api';
import { AppError, badRequest } from '../errors';
import { liveChangesAfter, REPLAY_WINDOW } from '../data/liveEvents';
import { currentCursor } from '../data/annotations';
import { onLiveWake, wakeLiveStreams } from '../live/wake';
import { listenForOtherInstances } from '../data/eventsAcrossInstances';

/** Open streams per account: enough for many tabs, not enough to exhaust the server. */
export const MAX_STREAMS_PER_USER = 16;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;
/** Batches sent per wake before yielding to other requests (a long replay goes on next turn). */
const BATCHES_PER_TURN = 5;

/** How often the head of the event log is looked at for writes made by other processes. */
const HEAD_WATCH_MS = 1_000;

/** Open streams per account; an account with none has no entry. */
const open = new Map<number, number>();
interface HeadWatch {
  timer: NodeJS.Timeout;
  seen: number;
  /** On PostgreSQL: the NOTIFY listener that hears other instances' writes at once. */
  listener: Promise<{ close(): Promise<void> } | null>;
}
let headWatch: HeadWatch | null = null;

/**
 * Writes of this process wake the streams as they commit (lib/live/wake.ts); writes by another
 * process (another instance on one PostgreSQL, the CLI's imports, a script) do not pass through
 * here. On PostgreSQL their NOTIFY wakes the streams as they commit
 * (lib/data/eventsAcrossInstances.ts); on both engines, while any stream is open, the log's
 * newest id (one index lookup) is also read once a second, the fallback if notifications stop.
 */
async function watchLogHead() {
  if (headWatch) return;
  // Registered before the first await, so two streams opening together start one watch.
  const watch: HeadWatch = {
    seen: Number.MAX_SAFE_INTEGER,
    timer: setInterval(() => void tick(watch), HEAD_WATCH_MS),
    listener: listenForOtherInstances(() => wakeLiveStreams()).catch((error: Error) => {
      console.error(`live: cannot listen for other instances' writes (${error.message}); reading the log head every second instead`);
      return null;
    }),
  };
  watch.timer.unref();
  headWatch = watch;
  watch.seen = await currentCursor();
}

async function tick(watch: HeadWatch) {
  if (open.size === 0) {
    clearInterval(watch.timer);
    headWatch = null;
    void watch.listener.then((listener) => listener?.close());
    return;
  }
  try {
    const head = await currentCursor();
    if (head > watch.seen) {
      watch.seen = head;
      wakeLiveStreams();
    }
  } catch (error) {
    // The database went away (a restore, a test closing it): the next tick tries again.
    console.error('live: reading the event log head failed', error);
  }
}

async function startingPoint(request: Request): Promise<number> {
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].find((key) => key !== 'after');
  if (unknown) throw badRequest(`Unknown parameter "${unknown}": the live stream takes only after.`);
  const given = request.headers.get('last-event-id') ?? search.get('after');
  const latest = await currentCursor();
  if (given === null || given === '') return latest;
  if (!/^\d{1,15}$/.test(given.trim())) throw badRequest('Last-Event-ID (or ?after=) must be an event id this stream sent, such as 1234.');
  return Math.min(Number(given.trim()), latest);
}

function frame(fields: { id?: number; event?: string; data?: unknown; comment?: string }): string {
  if (fields.comment !== undefined) return `: ${fields.comment}\n\n`;
  return `${fields.id !== undefined ? `id: ${fields.id}\n` : ''}event: ${fields.event}\ndata: ${JSON.stringify(fields.data)}\n\n`;
}

export const streamLive = authedRoute(async ({ actor, request }) => {
  if (!('userId' in actor)) throw badRequest('The live stream is for signed-in people.');
  let after = await startingPoint(request);
  const userId = actor.userId;
  if ((open.get(userId) ?? 0) >= MAX_STREAMS_PER_USER) {
    throw new AppError('rate_limited', `Too many live streams are open for your account (${MAX_STREAMS_PER_USER}). Close some tabs of the workbench and reload.`);
  }
  open.set(userId, (open.get(userId) ?? 0) + 1);
  const encoder = new TextEncoder();
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const latest = await currentCursor();
      send(`retry: 3000\n`);
      if (latest - after > REPLAY_WINDOW) {
        // Too far behind to replay: the tab reloads what it shows, and the stream goes on from now.
        after = latest;
        send(frame({ id: after, event: 'reset', data: { reason: 'More changes were missed than a stream replays; reload to see them.' } }));
      } else {
        send(frame({ comment: `live from event ${after}` }));
      }
      // One catch-up at a time per stream: a wake during one asks for another after it, so two
      // never read from the same `after` and send a change twice.
      let catching = false;
      let again = false;
      const catchUp = (): void => {
        if (closed) return;
        if (catching) {
          again = true;
          return;
        }
        catching = true;
        void (async () => {
          try {
            for (let turn = 0; turn < BATCHES_PER_TURN; turn++) {
              const { changes, more } = await liveChangesAfter({ actor, afterId: after });
              for (const change of changes) send(frame({ id: change.id, event: 'change', data: change }));
              if (changes.length) after = changes[changes.length - 1].id;
              if (!more) return;
            }
            again = true;
          } catch {
            // The account was disabled or removed (401 from lib/data): end the stream.
            close();
          } finally {
            catching = false;
            if (again) {
              again = false;
              setImmediate(catchUp);
            }
          }
        })();
      };
      const stopWaking = onLiveWake(catchUp);
      await watchLogHead();
      const heartbeat = setInterval(() => send(frame({ comment: 'keep-alive' })), HEARTBEAT_MS);
      close = () => {
        if (closed) return;
        closed = true;
        stopWaking();
        clearInterval(heartbeat);
        const left = (open.get(userId) ?? 1) - 1;
        if (left > 0) open.set(userId, left);
        else open.delete(userId);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      request.signal.addEventListener('abort', () => close());
      await catchUp();
    },
    cancel() {
      close();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
});
