/**
 * The side-by-side view of two revisions, sentence-aligned: rows that each hold a stretch of
 * the old body and the stretch of the new body it became, with the changed (deleted on the
 * left, inserted on the right) word ranges marked. Pure; offsets are UTF-16 code units.
 * A row ends after an unchanged sentence end (. ! ? … followed by a matched token) or at a
 * paragraph break both sides share, so unchanged sentences face each other.
 */
import { diffBodies, type TokenDiff } from './reanchorDiff';

export interface AlignedSide {
  start: number;
  end: number;
  /** Changed ranges inside [start, end): deleted (left) or inserted (right) tokens, merged. */
  changes: Array<[number, number]>;
}

export interface AlignedRow {
  left: AlignedSide;
  right: AlignedSide;
  changed: boolean;
}

const SENTENCE_END = /^[.!?…]$/;

function addChange(side: AlignedSide, start: number, end: number, text: string): void {
  const last = side.changes[side.changes.length - 1];
  // Join with the previous change when only white space lies between.
  if (last && /^\s*$/.test(text.slice(last[1], start))) last[1] = end;
  else side.changes.push([start, end]);
}

/** Rows of the side-by-side diff of `oldBody` and `newBody`. */
export function alignRevisions(oldBody: string, newBody: string, diff: TokenDiff = diffBodies(oldBody, newBody)): AlignedRow[] {
  const { a, b, aToB } = diff;
  const rows: AlignedRow[] = [];
  let row: AlignedRow = { left: { start: 0, end: 0, changes: [] }, right: { start: 0, end: 0, changes: [] }, changed: false };
  const close = (leftEnd: number, rightEnd: number) => {
    row.left.end = leftEnd;
    row.right.end = rightEnd;
    if (row.left.end > row.left.start || row.right.end > row.right.start) rows.push(row);
    row = { left: { start: leftEnd, end: leftEnd, changes: [] }, right: { start: rightEnd, end: rightEnd, changes: [] }, changed: false };
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && aToB[i] === -1) {
      addChange(row.left, a[i].start, a[i].end, oldBody);
      row.changed = true;
      i++;
    } else if (j < b.length && (i >= a.length || aToB[i] !== j)) {
      addChange(row.right, b[j].start, b[j].end, newBody);
      row.changed = true;
      j++;
    } else {
      const ai = a[i];
      const bj = b[j];
      i++;
      j++;
      const nextA = i < a.length ? a[i].start : oldBody.length;
      const nextB = j < b.length ? b[j].start : newBody.length;
      const gapA = oldBody.slice(ai.end, nextA);
      const gapB = newBody.slice(bj.end, nextB);
      const paragraph = gapA.includes('\n') && gapB.includes('\n');
      const sentence = SENTENCE_END.test(ai.text) && i < a.length && aToB[i] === j && /\s/.test(gapA) && /\s/.test(gapB);
      if (paragraph || sentence) close(nextA, nextB);
    }
  }
  close(oldBody.length, newBody.length);
  return rows;
}
