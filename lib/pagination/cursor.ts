/**
 * Keyset pagination shared by every list: a page is "the next `limit` rows after this key in
 * this order", so a page stays stable while others write (no OFFSET that shifts under inserts).
 *
 * A cursor is opaque to callers: the sort key of the last row sent, the list it belongs to and
 * a fingerprint of the query (sort and filters), signed with the server secret. A forged cursor,
 * or one taken from another list or another filter, is refused with a 400 instead of silently
 * paging through the wrong rows.
 */
import crypto from 'node:crypto';
import { authSecret } from '../config';
import { badRequest } from '../errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** One value of a sort key: a column's value in the last row sent (id last, to break ties). */
export type KeyValue = string | number | null;

export interface PageRequest {
  /** The key of the last row already sent, or undefined for the first page. */
  after?: KeyValue[];
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `?cursor=` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** What a cursor is bound to: the list (e.g. 'articles:12') and the query that made it. */
export interface CursorScope {
  list: string;
  query?: Record<string, unknown>;
}

function fingerprint(scope: CursorScope): string {
  const query = scope.query ?? {};
  const stable = Object.keys(query)
    .sort()
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => [key, query[key]]);
  return crypto.createHash('sha256').update(JSON.stringify([scope.list, stable])).digest('base64url').slice(0, 16);
}

function sign(payload: string): string {
  return crypto.createHmac('sha256', authSecret()).update(payload).digest('base64url').slice(0, 22);
}

export function encodeCursor(scope: CursorScope, key: KeyValue[]): string {
  const payload = Buffer.from(JSON.stringify({ f: fingerprint(scope), k: key })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

const BAD_CURSOR = 'That page cursor is not valid for this list. Start again from the first page.';

export function decodeCursor(scope: CursorScope, cursor: string, keyLength: number): KeyValue[] {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || cursor.length > 2000) throw badRequest(BAD_CURSOR);
  const expected = sign(payload);
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    throw badRequest(BAD_CURSOR);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(BAD_CURSOR);
  }
  const { f, k } = (parsed ?? {}) as { f?: unknown; k?: unknown };
  if (f !== fingerprint(scope)) {
    throw badRequest('That page cursor belongs to another list, sort or filter. Start again from the first page.');
  }
  const valid = Array.isArray(k) && k.length === keyLength && k.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw badRequest(BAD_CURSOR);
  return k as KeyValue[];
}

/** Reads `limit` (1..MAX_LIMIT) and `cursor` from raw query values; a clear 400 on anything else. */
export function pageRequest(
  scope: CursorScope,
  raw: { cursor?: string | null; limit?: string | null },
  keyLength: number,
  defaults: { limit?: number; max?: number } = {},
): PageRequest {
  const max = defaults.max ?? MAX_LIMIT;
  let limit = defaults.limit ?? DEFAULT_LIMIT;
  if (raw.limit !== undefined && raw.limit !== null && raw.limit !== '') {
    if (!/^\d{1,6}$/.test(raw.limit) || Number(raw.limit) < 1 || Number(raw.limit) > max) {
      throw badRequest(`limit must be a whole number from 1 to ${max}.`);
    }
    limit = Number(raw.limit);
  }
  const after = raw.cursor ? decodeCursor(scope, raw.cursor, keyLength) : undefined;
  return { after, limit };
}

/**
 * Turns the rows of a query that asked for `limit + 1` rows into a page: the extra row only
 * says that there is a next page, and the key of the last row kept becomes the cursor.
 */
export function toPage<R, T = R>(
  scope: CursorScope,
  rows: R[],
  limit: number,
  keyOf: (row: R) => KeyValue[],
  map: (row: R) => T = (row) => row as unknown as T,
): Page<T> {
  const kept = rows.slice(0, limit);
  const more = rows.length > limit;
  return {
    items: kept.map(map),
    nextCursor: more && kept.length > 0 ? encodeCursor(scope, keyOf(kept[kept.length - 1])) : null,
  };
}

/** Reads one value of an allowed set from a query parameter; a 400 naming the choices otherwise. */
export function choice<T extends string>(name: string, value: string | null | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`${name} must be one of: ${allowed.join(', ')}.`);
}
