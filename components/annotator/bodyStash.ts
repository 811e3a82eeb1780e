/**
 * Hands the article body from the server component that loaded it to the server-side render
 * of ArticleText in the same request, outside the RSC payload, so a full page load carries
 * the body once (in the HTML) instead of twice (HTML and payload). Process memory, keyed by a
 * random id that the payload does carry; entries left unread (a render that failed) expire.
 */

const TTL_MS = 10_000;

interface Entry { html: string; at: number }

const stash: Map<string, Entry> = ((globalThis as { __readerBodyStash?: Map<string, Entry> }).__readerBodyStash ??= new Map());

/** Keeps the body's HTML for the server render of this request; returns its key. */
export function stashBodyHtml(html: string): string {
  sweep(Date.now());
  const key = crypto.randomUUID();
  stash.set(key, { html, at: Date.now() });
  return key;
}

/**
 * The stashed HTML (null when there is none: in the browser, or after it expired). Kept for a
 * few seconds after the first read, since a server render may run a component more than once.
 */
export function stashedBodyHtml(key: string): string | null {
  sweep(Date.now());
  return stash.get(key)?.html ?? null;
}

function sweep(now: number): void {
  // Insertion order is age order: stop at the first entry still fresh.
  for (const [key, entry] of stash) {
    if (now - entry.at < TTL_MS) break;
    stash.delete(key);
  }
}
