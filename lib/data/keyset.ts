/**
 * The SQL half of keyset pagination (lib/pagination/cursor.ts holds the cursor half): the
 * ORDER BY of a sort and the WHERE that starts after the last row sent, for any mix of
 * ascending and descending keys. Sort expressions must never be NULL (wrap them in coalesce):
 * NULL compares as unknown and would drop rows from every page.
 */
import { and, asc, desc, eq, gt, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { KeyValue } from '../pagination/cursor';

export interface SortKey {
  expr: SQLWrapper;
  dir: 'asc' | 'desc';
}

export function orderBy(keys: SortKey[]): SQL[] {
  return keys.map((key) => (key.dir === 'asc' ? asc(key.expr as SQL) : desc(key.expr as SQL)));
}

/** (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with < for descending keys. */
export function after(keys: SortKey[], values: KeyValue[] | undefined): SQL | undefined {
  if (!values) return undefined;
  const branches: SQL[] = [];
  for (let i = 0; i < keys.length; i++) {
    const equal = keys.slice(0, i).map((key, j) => eq(key.expr as SQL, values[j]));
    const value = values[i];
    const step = keys[i].dir === 'asc' ? gt(keys[i].expr as SQL, value) : lt(keys[i].expr as SQL, value);
    branches.push(and(...equal, step) ?? sql`1`);
  }
  return or(...branches);
}
