/**
 * Maps between UTF-16 offsets of the article body and DOM positions in the rendered body
 * (components/annotator/ArticleBody.tsx: <p data-start> paragraphs, newline text nodes between).
 * Built once per page; no React, so the benchmark uses exactly this code.
 */

export interface Paragraph {
  el: HTMLElement;
  start: number;
  end: number;
}

export interface DomPoint {
  node: Node;
  offset: number;
}

export class BodyMap {
  readonly paragraphs: Paragraph[] = [];
  private breaks = new Map<Node, number>();
  readonly length: number;

  constructor(readonly container: HTMLElement) {
    let at = 0;
    for (const child of Array.from(container.childNodes)) {
      const len = child.textContent?.length ?? 0;
      if (child instanceof HTMLElement && child.dataset.start !== undefined) {
        this.paragraphs.push({ el: child, start: at, end: at + len });
      } else {
        this.breaks.set(child, at);
      }
      at += len;
    }
    this.length = at;
  }

  /** Index of the paragraph containing `offset`, or of the next one (offsets in breaks). */
  paragraphIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.paragraphs[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The DOM position of a body offset (for ranges). Clamped into the body. */
  pointFor(offset: number): DomPoint {
    const p = this.paragraphs[this.paragraphIndexAt(offset)];
    if (!p) return { node: this.container, offset: this.container.childNodes.length };
    if (offset <= p.start) return firstPoint(p.el);
    const local = Math.min(offset, p.end) - p.start;
    const only = p.el.firstChild;
    if (only && only === p.el.lastChild && only.nodeType === Node.TEXT_NODE) return { node: only, offset: local };
    return walkTo(p.el, local);
  }

  /** The body offset of a DOM position inside the body, or null when it is outside. */
  offsetOf(node: Node, offset: number): number | null {
    if (node === this.container) {
      const before = Array.from(this.container.childNodes).slice(0, offset);
      return before.reduce((n, c) => n + (c.textContent?.length ?? 0), 0);
    }
    if (!this.container.contains(node)) return null;
    const breakStart = this.breaks.get(node);
    if (breakStart !== undefined) return breakStart + offset;
    const el = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-start]');
    if (!el || el.parentNode !== this.container) return null;
    const start = this.paragraphs[this.paragraphIndexAt(Number(el.dataset.start))].start;
    if (node === el.firstChild && el.firstChild === el.lastChild) return start + offset;
    const range = document.createRange();
    range.setStart(el, 0);
    range.setEnd(node, offset);
    return start + range.toString().length;
  }

  /** A live Range over [start, end) of the body. */
  range(start: number, end: number): Range {
    const range = document.createRange();
    const a = this.pointFor(start);
    const b = this.pointFor(end);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  /**
   * The body offsets of the paragraphs that meet the band [top, bottom] in viewport pixels:
   * a binary search over paragraph boxes, so it costs a dozen layout reads, not thousands.
   */
  offsetsInBand(top: number, bottom: number): { from: number; to: number } {
    const ps = this.paragraphs;
    if (ps.length === 0) return { from: 0, to: 0 };
    const first = this.search((p) => p.el.getBoundingClientRect().bottom >= top);
    const last = this.search((p) => p.el.getBoundingClientRect().top > bottom);
    const from = ps[Math.min(first, ps.length - 1)].start;
    const to = last >= ps.length ? this.length : ps[Math.max(last - 1, first, 0)].end;
    return { from: Math.min(from, to), to };
  }

  /** First paragraph index where `pred` holds (pred must be monotonic over the paragraphs). */
  private search(pred: (p: Paragraph) => boolean): number {
    let lo = 0;
    let hi = this.paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.paragraphs[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function firstPoint(el: HTMLElement): DomPoint {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const text = walker.nextNode();
  return text ? { node: text, offset: 0 } : { node: el, offset: 0 };
}

function walkTo(el: HTMLElement, local: number): DomPoint {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let left = local;
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (left <= n.length) return { node: n, offset: left };
    left -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : { node: el, offset: el.childNodes.length };
}
