/** The board's URL for a sort, filters and page: the one place that spells its searchParams. */
import type { BoardFilters, BoardSort } from '@/lib/data/claimBoard';

export interface BoardView {
  sort: BoardSort;
  filters: BoardFilters;
}

export function boardHref(projectId: number, view: BoardView, change: Partial<BoardFilters> & { sort?: BoardSort; cursor?: string } = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = { ...view.filters, ...change, sort: change.sort ?? view.sort };
  for (const key of ['sort', 'outlet', 'status', 'verdict', 'label', 'reviewer', 'q', 'cursor']) {
    const value = merged[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/projects/${projectId}/board?${params.toString()}`;
}

/** Outlet columns: the project's busiest outlets, the filtered one always among them. */
export function pickColumns(outlets: string[], filtered: string | undefined, max = 7): string[] {
  const columns = outlets.slice(0, max);
  if (filtered && !columns.includes(filtered)) columns.splice(max - 1, 1, filtered);
  return columns;
}
