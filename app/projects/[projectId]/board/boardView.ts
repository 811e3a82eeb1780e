/**
 * Sorting and filtering the claim board's rows by the URL's ?sort= and ?status=. Pure, so
 * the order "most contested" is tested and the page stays a thin server component.
 */
import { STATUSES, type Status } from '@/lib/domain';
import type { BoardRow } from '@/lib/data/claimBoard';

export const SORTS = ['contested', 'linked', 'reading'] as const;
export type BoardSort = (typeof SORTS)[number];
export type StatusFilter = Status | 'all';

export const SORT_NAMES: Record<BoardSort, string> = { contested: 'Most contested', linked: 'Most linked', reading: 'Reading order' };

/** Reads ?sort= and ?status=, falling back to the defaults for anything unknown. */
export function boardParams(search: Record<string, string | string[] | undefined>): { sort: BoardSort; status: StatusFilter } {
  const sort = SORTS.find((s) => s === search.sort) ?? 'contested';
  const status = (STATUSES as readonly string[]).includes(String(search.status)) ? (search.status as Status) : 'all';
  return { sort, status };
}

/** The rows to show: those with the status (or all), in the chosen order; ties keep reading order. */
export function arrangeRows(rows: BoardRow[], sort: BoardSort, status: StatusFilter): BoardRow[] {
  const kept = rows.map((row, index) => ({ row, index })).filter(({ row }) => status === 'all' || row.claim.status === status);
  const key = (r: BoardRow): number[] => {
    if (sort === 'contested') return [r.contested, r.conflicts, r.corroborates + r.conflicts];
    if (sort === 'linked') return [r.corroborates + r.conflicts, r.contested];
    return [];
  };
  kept.sort((a, b) => {
    const [ka, kb] = [key(a.row), key(b.row)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return a.index - b.index;
  });
  return kept.map(({ row }) => row);
}

/** How many rows have each status, for the filter's counts. */
export function statusCounts(rows: BoardRow[]): Record<StatusFilter, number> {
  const counts = { all: rows.length, proposed: 0, accepted: 0, rejected: 0, disputed: 0 };
  for (const r of rows) counts[r.claim.status]++;
  return counts;
}
