import { describe, expect, it } from 'vitest';
import { arrangeRows, boardParams, statusCounts } from '@/app/projects/[projectId]/board/boardView';
import type { BoardRow } from '@/lib/data/claimBoard';
import type { Status } from '@/lib/db/schema';

function row(id: number, status: Status, corroborates: number, conflicts: number, disagreements = 0): BoardRow {
  return {
    claim: { annotationId: id, articleId: 1, exact: `claim ${id}`, status, authorName: 'A' },
    verdict: null, cells: {}, corroborates, conflicts, disagreements, contested: conflicts + disagreements,
  };
}

const rows = [row(1, 'proposed', 3, 0), row(2, 'accepted', 1, 2, 1), row(3, 'disputed', 0, 2), row(4, 'proposed', 0, 0)];

describe('claim board sorting and filtering', () => {
  it('puts the most contested claims first, ties in reading order', () => {
    expect(arrangeRows(rows, 'contested', 'all').map((r) => r.claim.annotationId)).toEqual([2, 3, 1, 4]);
  });
  it('sorts by number of links and keeps reading order', () => {
    expect(arrangeRows(rows, 'linked', 'all').map((r) => r.claim.annotationId)).toEqual([2, 1, 3, 4]);
    expect(arrangeRows(rows, 'reading', 'all').map((r) => r.claim.annotationId)).toEqual([1, 2, 3, 4]);
  });
  it('filters by status and counts each status', () => {
    expect(arrangeRows(rows, 'contested', 'proposed').map((r) => r.claim.annotationId)).toEqual([1, 4]);
    expect(statusCounts(rows)).toEqual({ all: 4, proposed: 2, accepted: 1, rejected: 0, disputed: 1 });
  });
  it('falls back to defaults for unknown parameters', () => {
    expect(boardParams({ sort: 'evil', status: ['x'] })).toEqual({ sort: 'contested', status: 'all' });
    expect(boardParams({ sort: 'linked', status: 'rejected' })).toEqual({ sort: 'linked', status: 'rejected' });
  });
});
