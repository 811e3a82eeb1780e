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
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' && typeof StaticRange === 'function';
}

export class HighlightPainter implements Painter {
  private owned = new Set<string>();

  constructor(private map: BodyMap) {}

  paint(from: number, to: number, spans: PaintSpan[]): void {
    const groups = new Map<string, StaticRange[]>();
    const add = (name: string, range: StaticRange) => {
      const list = groups.get(name);
      if (list) list.push(range);
      else groups.set(name, [range]);
    };
    for (const s of spans) {
      const range = this.staticRange(Math.max(s.start, from), Math.min(s.end, to));
      for (const name of s.names) add(name, range);
    }
    for (const seg of depthSegments(spans, from, to)) {
      if (seg.depth > 1) add(HL.state('overlap'), this.staticRange(seg.start, seg.end));
    }
    const registry = CSS.highlights as unknown as HighlightRegistry;
    for (const name of this.owned) if (!groups.has(name)) registry.delete(name);
    for (const [name, ranges] of groups) {
      const highlight = new Highlight(...ranges);
      highlight.priority = name.startsWith('fc-bg') ? 0 : name.startsWith('fc-line') ? 1 : name === HL.state('overlap') ? 2 : 3;
      registry.set(name, highlight);
    }
    this.owned = new Set(groups.keys());
  }

  clear(): void {
    const registry = CSS.highlights as unknown as HighlightRegistry;
    for (const name of this.owned) registry.delete(name);
    this.owned.clear();
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
