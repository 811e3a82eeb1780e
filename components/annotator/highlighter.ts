/**
 * Paints annotation spans over the rendered article body and hit-tests points against them.
 * Keeps an interval index of every span, registers only those within about a screen of the
 * viewport, and repaints when the reader scrolls out of the painted band or a span changes.
 * Framework-free: the reader and the benchmark use this same class.
 */
import { IntervalIndex } from '@/lib/anchoring/intervals';
import type { Label } from '@/lib/domain';
import { BodyMap } from './bodyMap';
import { HL, backgroundKey, installHighlightCss } from './highlightStyles';
import { HighlightPainter, MarkPainter, highlightApiAvailable, type PaintSpan, type Painter } from './painters';

export interface HighlightSpan {
  id: number;
  start: number;
  end: number;
  label: Label;
  /** Index of the author in the colour-by-author palette (0 when not given). */
  authorSlot?: number;
}

export type ColourMode = 'label' | 'author';
type State = 'selected' | 'hover' | 'flash';

export class Highlighter {
  readonly map: BodyMap;
  readonly usesHighlightApi: boolean;
  private spans: readonly HighlightSpan[] = [];
  /** Whether `spans` is in text order (as the API sends it), so the first paint can binary-search it. */
  private sorted = false;
  private built: IntervalIndex<HighlightSpan> | null = null;
  private painter: Painter;
  private mode: ColourMode = 'label';
  private states: Record<State, number | null> = { selected: null, hover: null, flash: null };
  private band = { from: 0, to: 0 };
  private frame = 0;
  private hidden = new Set<number>();
  private readonly onScroll = () => this.schedule(false);

  constructor(container: HTMLElement, opts: { forceMarks?: boolean } = {}) {
    installHighlightCss(container.ownerDocument);
    this.map = new BodyMap(container);
    this.usesHighlightApi = !opts.forceMarks && highlightApiAvailable();
    this.painter = this.usesHighlightApi ? new HighlightPainter(this.map) : new MarkPainter(this.map);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
  }

  /**
   * Replaces every span and paints the band around the viewport now. The interval index is
   * built when the browser is next idle (or on first use), so the first paint does not wait.
   */
  setSpans(spans: readonly HighlightSpan[]): void {
    this.spans = spans;
    this.sorted = inTextOrder(spans);
    this.built = null;
    this.repaint(true, true);
    const idle = (window as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    const later = () => { void this.index; this.repaint(true); };
    if (idle) idle(later, { timeout: 500 });
    else window.setTimeout(later, 50);
  }

  /** Adds or replaces one span and repaints at once (the optimistic add path). */
  upsert(span: HighlightSpan): void {
    this.built = this.index.with(span);
    this.spans = this.built.all();
    this.repaint(true);
  }

  remove(id: number): void {
    this.built = this.index.without(id);
    this.spans = this.built.all();
    this.repaint(true);
  }

  private get index(): IntervalIndex<HighlightSpan> {
    if (!this.built) this.built = new IntervalIndex(this.spans);
    return this.built;
  }

  /** Spans hidden by the side panel's filters stay indexed but are not painted or hit. */
  setHidden(ids: Iterable<number>): void {
    this.hidden = new Set(ids);
    this.repaint(true);
  }

  setMode(mode: ColourMode): void {
    this.mode = mode;
    this.repaint(true);
  }

  setState(state: State, id: number | null): void {
    if (this.states[state] === id) return;
    this.states[state] = id;
    this.repaint(true);
  }

  /** The visible spans under a viewport point, innermost (shortest) first. */
  hitTest(x: number, y: number): HighlightSpan[] {
    const offset = this.offsetFromPoint(x, y);
    if (offset === null) return [];
    const found = new Map<number, HighlightSpan>();
    for (const at of [offset, offset - 1]) {
      if (at < 0 || !this.charContains(at, x, y)) continue;
      for (const s of this.index.at(at)) if (!this.hidden.has(s.id)) found.set(s.id, s);
    }
    return [...found.values()].sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /** The body offset of the caret nearest a viewport point, or null outside the body. */
  offsetFromPoint(x: number, y: number): number | null {
    const doc = this.map.container.ownerDocument as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    };
    if (doc.caretPositionFromPoint) {
      const pos = doc.caretPositionFromPoint(x, y);
      return pos ? this.map.offsetOf(pos.offsetNode, pos.offset) : null;
    }
    const range = doc.caretRangeFromPoint?.(x, y);
    return range ? this.map.offsetOf(range.startContainer, range.startOffset) : null;
  }

  /** Viewport rectangles of a span (for tooltips and scrolling). */
  rects(id: number): DOMRect[] {
    const span = this.spans.find((s) => s.id === id);
    return span ? Array.from(this.map.range(span.start, span.end).getClientRects()) : [];
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    this.painter.clear();
  }

  private charContains(at: number, x: number, y: number): boolean {
    const rects = this.map.range(at, at + 1).getClientRects();
    return Array.from(rects).some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
  }

  private schedule(force: boolean): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.repaint(force);
    });
  }

  /**
   * Paints the viewport and 3/4 of a screen around it; on scroll only when the viewport nears
   * the band's edge. The first paint after new spans covers only the viewport (`tight`); the
   * rest of the band follows when the browser is idle.
   */
  private repaint(force: boolean, tight = false): void {
    const h = window.innerHeight || 800;
    if (!force) {
      const want = this.map.offsetsInBand(-0.25 * h, 1.25 * h);
      if (this.band.to > this.band.from && want.from >= this.band.from && want.to <= this.band.to) return;
    }
    this.band = tight ? this.map.offsetsInBand(0, h) : this.map.offsetsInBand(-0.75 * h, 1.75 * h);
    this.painter.paint(this.band.from, this.band.to, this.spansIn(this.band.from, this.band.to));
  }

  private spansIn(from: number, to: number): PaintSpan[] {
    const out: PaintSpan[] = [];
    const near = this.built ? this.built.overlapping(from, to) : this.spans;
    // Before the index exists, spans in text order need only be read up to the band's end.
    const stop = this.built ? near.length : this.sorted ? firstStartingAt(near, to) : near.length;
    for (let i = 0; i < stop; i++) {
      const s = near[i];
      if (s.start >= to || s.end <= from || this.hidden.has(s.id)) continue;
      const stateful = this.states.selected === s.id || this.states.hover === s.id || this.states.flash === s.id;
      const states: string[] = stateful ? [] : NO_STATES;
      if (this.states.selected === s.id) states.push(HL.state('selected'), HL.sel(s.label));
      if (this.states.hover === s.id) states.push(HL.state('hover'));
      if (this.states.flash === s.id) states.push(HL.state('flash'));
      out.push({ id: s.id, start: s.start, end: s.end, label: s.label, bg: backgroundKey(this.mode, s.label, s.authorSlot ?? 0), states });
    }
    return out;
  }
}

/** Shared by every span without a state, so the first paint allocates one array, not thousands. */
const NO_STATES: string[] = [];
Object.freeze(NO_STATES);

function inTextOrder(spans: readonly HighlightSpan[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i - 1].start > spans[i].start) return false;
  return true;
}

/** Index of the first span (in start order) starting at or after `offset`. */
function firstStartingAt(spans: readonly HighlightSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
