/**
 * The tab's one live stream (GET /api/live), shared by every component that listens: the
 * reader, the review queue and the inbox badge. It opens with the first listener and closes
 * with the last. EventSource reconnects by itself and sends Last-Event-ID, so the server
 * replays what was missed; a `reset` (too much missed) is passed on for listeners to reload.
 * Listeners keep their polling as the fallback and poll slowly while the stream is connected.
 */
import type { LiveChange } from '../domain';

export type LiveListener = (change: LiveChange | { reset: true }) => void;

interface Subscription {
  projectId: number | null;
  listener: LiveListener;
}

const subscriptions = new Set<Subscription>();
let source: EventSource | null = null;

function dispatch(message: LiveChange | { reset: true }) {
  for (const s of subscriptions) {
    if ('reset' in message || s.projectId === null || s.projectId === message.projectId) s.listener(message);
  }
}

function connect(): EventSource | null {
  if (typeof EventSource === 'undefined') return null;
  const es = new EventSource('/api/live');
  es.addEventListener('change', (event) => {
    try {
      dispatch(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
    } catch {
      /* a frame that does not parse is skipped; the poll still runs */
    }
  });
  es.addEventListener('reset', () => dispatch({ reset: true }));
  return es;
}

/**
 * Calls `listener` for every change in project `projectId` (every project for null), and for
 * a reset. Returns the unsubscribe.
 */
export function subscribeLive(projectId: number | null, listener: LiveListener): () => void {
  const subscription = { projectId, listener };
  subscriptions.add(subscription);
  source ??= connect();
  return () => {
    subscriptions.delete(subscription);
    if (subscriptions.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}

/** Whether the stream is open now (listeners poll slowly then, and fast when it is not). */
export function liveConnected(): boolean {
  return source?.readyState === 1;
}
