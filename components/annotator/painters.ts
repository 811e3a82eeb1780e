/**
 * Two ways to paint the spans near the viewport. HighlightPainter uses the CSS Custom Highlight
 * API with a fixed set of Highlight objects and StaticRanges: the DOM is never touched.
 * MarkPainter is the fallback for browsers without it: flat <mark> segments, rebuilt only in
 * paragraphs whose painting changed; the text (textContent) stays identical. Both cut the text
 * at span edges and paint each piece as pieceNames says (one tint, one line per label).
 */
import { depthSegments } from '@/lib/anchoring/intervals';
import type { BodyMap } from './bodyMap';
import { paintedPieces, type PaintSpan } from './pieceNames';

export type { PaintSpan } from './pieceNames';

export interface Painter {
  paint(from: number, to: number, spans: PaintSpan[]): void;
  clear(): void;
}

type HighlightRegistry = Map<string, Highlight>;

export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && !!(CSS as { highlights?: unknown }).highlights && typeof Highlight === 'function' && typeof StaticRange === 'function';
}

interface LiveRange {
  range: StaticRange;
  names: string[];
}

/** Paint order: tints, then lines, then states (hover, selection, flash) on top. */
export function paintRank(name: string): number {
  if (name.startsWith('fc-bg')) return 0;
  if (name.startsWith('fc-sel-')) return 1;
  if (name.startsWith('fc-line') || name.startsWith('fc-over')) return 2;
  return 3;
}

/**
 * Keeps one Highlight object per name registered and changes only the pieces that differ from
 * the last paint, so adding a span or scrolling a little touches a handful of ranges.
 */
export class HighlightPainter implements Painter {
  private live = new Map<string, LiveRange>();
  private highlights = new Map<string, Highlight>();

  constructor(private map: BodyMap) {}

  paint(from: number, to: number, spans: PaintSpan[]): void {
    const byId = new Map(spans.map((s) => [s.id, s]));
    const want = new Map<string, { start: number; end: number; names: string[] }>();
    for (const p of paintedPieces(depthSegments(spans, from, to), byId)) want.set(p.key, p);
    // States cover whole spans (a selection is one range, however many pieces it crosses).
    for (const s of spans) {
      if (s.states.length === 0) continue;
      const start = Math.max(s.start, from);
      const end = Math.min(s.end, to);
      if (start < end) want.set(`s${s.id}:${start}:${end}:${s.states.join(' ')}`, { start, end, names: s.states });
    }
    for (const [key, entry] of this.live) {
      if (want.has(key)) continue;
      for (const name of entry.names) this.highlights.get(name)?.delete(entry.range);
      this.live.delete(key);
    }
    const created: Array<[string, Highlight]> = [];
    for (const [key, p] of want) {
      if (this.live.has(key)) continue;
      const entry = { range: this.staticRange(p.start, p.end), names: p.names };
      for (const name of p.names) this.highlight(name, created).add(entry.range);
      this.live.set(key, entry);
    }
    // New highlights are registered filled, so the page restyles once rather than per range.
    for (const [name, h] of created) (CSS.highlights as unknown as HighlightRegistry).set(name, h);
  }

  clear(): void {
    const registry = CSS.highlights as unknown as HighlightRegistry;
    for (const name of this.highlights.keys()) registry.delete(name);
    this.highlights.clear();
    this.live.clear();
  }

  private highlight(name: string, created: Array<[string, Highlight]>): Highlight {
    let h = this.highlights.get(name);
    if (!h) {
      h = new Highlight();
      h.priority = paintRank(name);
      created.push([name, h]);
      this.highlights.set(name, h);
    }
    return h;
  }

  private staticRange(start: number, end: number): StaticRange {
    const a = this.map.pointFor(start);
    const b = this.map.pointFor(end);
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }
}

export class MarkPainter implements Painter {
  private signatures = new Map<HTMLElement, string>();

  constructor(private map: BodyMap) {}

  paint(from: number, to: number, spans: PaintSpan[]): void {
    const first = this.map.paragraphIndexAt(from);
    for (let i = first; i < this.map.paragraphs.length && this.map.paragraphs[i].start < to; i++) {
      const p = this.map.paragraphs[i];
      const mine = spans.filter((s) => s.start < p.end && s.end > p.start);
      const byId = new Map(mine.map((s) => [s.id, s]));
      const pieces = paintedPieces(depthSegments(mine, p.start, p.end), byId).map((piece) => ({
        ...piece,
        names: [...piece.names, ...piece.ids.flatMap((id) => byId.get(id)!.states)],
      }));
      const signature = pieces.map((s) => `${s.key}:${s.names.join(' ')}`).join('|');
      if ((this.signatures.get(p.el) ?? '') === signature) continue;
      this.signatures.set(p.el, signature);
      rebuildParagraph(p.el, p.start, pieces);
    }
  }

  clear(): void {
    for (const el of this.signatures.keys()) el.replaceChildren(document.createTextNode(el.textContent ?? ''));
    this.signatures.clear();
  }
}

function rebuildParagraph(el: HTMLElement, start: number, pieces: Array<{ start: number; end: number; names: string[]; ids: number[] }>): void {
  const text = el.textContent ?? '';
  const children: Node[] = [];
  let at = start;
  const plain = (to: number) => { if (to > at) children.push(document.createTextNode(text.slice(at - start, to - start))); };
  for (const piece of pieces) {
    plain(piece.start);
    const mark = document.createElement('mark');
    mark.className = [...new Set(piece.names)].sort((a, b) => paintRank(a) - paintRank(b) || a.localeCompare(b)).join(' ');
    mark.dataset.ids = piece.ids.join(' ');
    mark.appendChild(document.createTextNode(text.slice(piece.start - start, piece.end - start)));
    children.push(mark);
    at = piece.end;
  }
  plain(start + text.length);
  el.replaceChildren(...children);
}
