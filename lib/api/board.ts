/** Handler of the claim board route: one page of clusters with the outlets and totals. */
import { authedRoute, pathId } from '../http/api';
import { badRequest } from '../errors';
import { BOARD_FILTERS, claimBoard, type BoardQuery } from '../data/claimBoard';

type ProjectParams = { projectId: string };

const PARAMS = new Set<string>(['cursor', 'limit', 'sort', ...BOARD_FILTERS]);

/**
 * GET ?cursor=&limit=&sort=&outlet=&status=&verdict=&label=&reviewer=&q= →
 * {items, nextCursor, outlets, edges, totals, sort, filters}. 400 for an unknown parameter.
 */
export const readBoard = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const search = new URL(request.url).searchParams;
  const query: BoardQuery = {};
  for (const [key, value] of search) {
    if (!PARAMS.has(key)) throw badRequest(`Unknown parameter "${key.slice(0, 40)}". The board takes: ${[...PARAMS].join(', ')}.`);
    query[key as keyof BoardQuery] = value;
  }
  const { project: _project, ...page } = await claimBoard({ actor, projectId, query });
  return page;
});
