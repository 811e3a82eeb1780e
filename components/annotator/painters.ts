/**
 * Two ways to paint the spans near the viewport. HighlightPainter uses the CSS Custom Highlight
 * API with a fixed set of Highlight objects and StaticRanges: the DOM is never touched.
 * MarkPainter is the fallback for browsers without it: flat <mark> segments, rebuilt only in
 * paragraphs whose painting changed; the text (textContent) stays identical.
 */
import { depthSegments } from '@/lib/anchoring/intervals';
import type { BodyMap } from './bodyMap';
import { HL } from './highlightStyles';

/** One span to paint, already resolved to its highlight names. */
export interface PaintSpan {
  id: number;
  start: number;
  end: number;
  /** Highlight names this span belongs to (background, underline, states). */
  names: string[];
}

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
  key: string;
}

/**
 * Keeps one Highlight object per name registered and changes only the ranges that differ from
 * the last paint, so adding a span or scrolling a little touches a handful of ranges.
 */
export class HighlightPainter implements Painter {
  private live = new Map<number, LiveRange>();
  private highlights = new Map<string, Highlight>();
  private overlapKey = '';

  constructor(private map: BodyMap) {}

  paint(from: number, to: number, spans: PaintSpan[]): void {
    const seen = new Set<number>();
    for (const s of spans) {
      const a = Math.max(s.start, from);
      const b = Math.min(s.end, to);
      const key = `${a}:${b}:${s.names.join(' ')}`;
      seen.add(s.id);
      const current = this.live.get(s.id);
      if (current?.key === key) continue;
      if (current) this.unregister(current);
      const entry = { range: this.staticRange(a, b), names: s.names, key };
      this.register(entry);
      this.live.set(s.id, entry);
    }
    for (const [id, entry] of this.live) {
      if (seen.has(id)) continue;
      this.unregister(entry);
      this.live.delete(id);
    }
    this.paintOverlaps(from, to, spans);
  }

  clear(): void {
    const registry = CSS.highlights as unknown as HighlightRegistry;
    for (const name of this.highlights.keys()) registry.delete(name);
    this.highlights.clear();
    this.live.clear();
    this.overlapKey = '';
  }

  /** Darkens every piece covered by two or more spans (one shared "overlap" highlight). */
  private paintOverlaps(from: number, to: number, spans: PaintSpan[]): void {
    const pieces = depthSegments(spans, from, to).filter((seg) => seg.depth > 1);
    const key = pieces.map((p) => `${p.start}-${p.end}`).join(',');
    if (key === this.overlapKey) return;
    this.overlapKey = key;
    const highlight = this.highlight(HL.state('overlap'));
    highlight.clear();
    for (const p of pieces) highlight.add(this.staticRange(p.start, p.end));
  }

  private highlight(name: string): Highlight {
    let h = this.highlights.get(name);
    if (!h) {
      h = new Highlight();
      h.priority = name.startsWith('fc-bg') ? 0 : name.startsWith('fc-line') ? 1 : name === HL.state('overlap') ? 2 : 3;
      (CSS.highlights as unknown as HighlightRegistry).set(name, h);
      this.highlights.set(name, h);
    }
    return h;
  }

  private register(entry: LiveRange): void {
    for (const name of entry.names) this.highlight(name).add(entry.range);
  }

  private unregister(entry: LiveRange): void {
    for (const name of entry.names) this.highlights.get(name)?.delete(entry.range);
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
      const segs = depthSegments(mine, p.start, p.end);
      const signature = segs.map((s) => `${s.start}:${s.ids.join(',')}:${mine.filter((m) => s.ids.includes(m.id)).flatMap((m) => m.names).join(' ')}`).join('|');
      if ((this.signatures.get(p.el) ?? '') === signature) continue;
      this.signatures.set(p.el, signature);
      rebuildParagraph(p.el, p.start, segs, mine);
    }
  }

  clear(): void {
    for (const el of this.signatures.keys()) el.replaceChildren(document.createTextNode(el.textContent ?? ''));
    this.signatures.clear();
  }
}

function rebuildParagraph(el: HTMLElement, start: number, segs: ReturnType<typeof depthSegments>, spans: PaintSpan[]): void {
  const text = el.textContent ?? '';
  const children: Node[] = [];
  for (const seg of segs) {
    const piece = document.createTextNode(text.slice(seg.start - start, seg.end - start));
    if (seg.depth === 0) {
      children.push(piece);
      continue;
    }
    const mark = document.createElement('mark');
    const names = new Set(spans.filter((s) => seg.ids.includes(s.id)).flatMap((s) => s.names));
    if (seg.depth > 1) names.add(HL.state('overlap'));
    mark.className = [...names].sort(byPaintOrder).join(' ');
    mark.dataset.ids = seg.ids.join(' ');
    mark.appendChild(piece);
    children.push(mark);
  }
  el.replaceChildren(...children);
}

function byPaintOrder(a: string, b: string): number {
  const rank = (n: string) => (n.startsWith('fc-bg') ? 0 : n.startsWith('fc-line') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
