/**
 * What each piece of text between span edges is painted with, so overlaps stay readable: the
 * innermost (shortest) span gives the tint and the underline; every other span over the piece
 * adds an overline in its own label's colour and style. Tints never add up to a muddy grey,
 * and two labels over the same words show as two distinct lines.
 */
import type { Label } from '@/lib/domain';
import type { DepthSegment } from '@/lib/anchoring/intervals';
import { HL } from './highlightStyles';

/** One span to paint near the viewport. */
export interface PaintSpan {
  id: number;
  start: number;
  end: number;
  label: Label;
  /** Background key in the current colour mode (a label or an author slot). */
  bg: string;
  /** State highlight names (selected, hover, flash) that apply to this span. */
  states: string[];
}

/** The innermost span of a piece: the shortest, then the one starting last, then the newest. */
export function innermost(spans: PaintSpan[]): PaintSpan {
  return spans.reduce((best, s) => {
    const d = s.end - s.start - (best.end - best.start);
    return d < 0 || (d === 0 && (s.start > best.start || (s.start === best.start && s.id > best.id))) ? s : best;
  });
}

/** Highlight names of one piece covered by `spans` (at least one). */
export function pieceNames(spans: PaintSpan[]): string[] {
  const inner = innermost(spans);
  const names = [HL.bg(inner.bg), HL.line(inner.label)];
  for (const s of spans) {
    if (s === inner) continue;
    const over = HL.over(s.label);
    if (!names.includes(over)) names.push(over);
  }
  return names;
}

/** The painted pieces of [from, to): each with its names, and a key that changes when its look does. */
export interface PaintedPiece { start: number; end: number; names: string[]; ids: number[]; look: string; key: string }

export function paintedPieces(segs: DepthSegment[], byId: Map<number, PaintSpan>): PaintedPiece[] {
  const out: PaintedPiece[] = [];
  for (const seg of segs) {
    if (seg.depth === 0) continue;
    const spans = seg.ids.map((id) => byId.get(id)!).filter(Boolean);
    if (spans.length === 0) continue;
    const names = pieceNames(spans);
    const look = names.join(' ');
    const prev = out[out.length - 1];
    // Neighbours painted alike become one range: fewer ranges for the browser to paint.
    if (prev && prev.end === seg.start && prev.look === look) {
      prev.end = seg.end;
      prev.ids = [...new Set([...prev.ids, ...seg.ids])];
    } else {
      out.push({ start: seg.start, end: seg.end, names, ids: seg.ids, look, key: '' });
    }
  }
  for (const p of out) p.key = `${p.start}:${p.end}:${p.look}`;
  return out;
}
