/**
 * Wakes the open live streams (GET /api/live) once a change has committed, so they read the
 * new events at once instead of polling the events table. In process only: on one SQLite
 * file there is one server process. The hub lives on globalThis because the production
 * server loads lib/ twice (Next.js's bundle and the server's own, docs/architecture.md), and
 * a write through either must wake the streams of both.
 */
type Listener = () => void;

interface Hub {
  listeners: Set<Listener>;
  scheduled: boolean;
}

const holder = globalThis as unknown as { __workbenchLiveHub?: Hub };
const hub: Hub = (holder.__workbenchLiveHub ??= { listeners: new Set(), scheduled: false });

/**
 * Called where an event is written, inside its transaction. The wake runs on a later turn of
 * the event loop, after the (synchronous) transaction or group commit has committed; a
 * rolled-back write wakes the streams for nothing, which costs one empty read.
 */
export function wakeLiveStreams(): void {
  if (hub.scheduled || hub.listeners.size === 0) return;
  hub.scheduled = true;
  setImmediate(() => {
    hub.scheduled = false;
    for (const listener of hub.listeners) listener();
  });
}

/** Calls `listener` after each commit that wrote events; returns the unsubscribe. */
export function onLiveWake(listener: Listener): () => void {
  hub.listeners.add(listener);
  return () => hub.listeners.delete(listener);
}
