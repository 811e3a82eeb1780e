/**
 * Runs inside the benchmark page (bundled by esbuild): renders the article as the reader does,
 * then paints it with our Highlighter, the <mark> fallback or @recogito/text-annotator.
 */
import { createTextAnnotator } from '@recogito/text-annotator';
import { Highlighter } from '@/components/annotator/highlighter';
import { installHighlightCss } from '@/components/annotator/highlightStyles';
import type { BenchSpan } from './article';
import { openPanel, scrollPanel } from './panel';

declare global {
  interface Window {
    BENCH: { body: string; spans: BenchSpan[] };
    renderers: Record<string, (arg?: string) => Promise<Timing>>;
    bench: { addOne: () => Promise<number>; scroll: () => Promise<number> };
    panel: { open: (count: number) => Promise<{ ms: number; rows: number }>; scroll: typeof scrollPanel };
    keep: unknown[];
  }
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The same DOM as components/annotator/ArticleBody.tsx: <p data-start> per paragraph, newlines between. */
function renderBody(): HTMLElement {
  const root = document.getElementById('root')!;
  const el = document.createElement('div');
  el.dataset.testid = 'article-body';
  el.className = 'body';
  const { body } = window.BENCH;
  const re = /\n+|[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0][0] === '\n') el.appendChild(document.createTextNode(m[0]));
    else {
      const p = document.createElement('p');
      p.dataset.start = String(m.index);
      p.textContent = m[0];
      el.appendChild(p);
    }
  }
  root.appendChild(el);
  return el;
}

let highlighter: Highlighter | null = null;

/** What one renderer's run measured: both from the start of its work. */
export interface Timing {
  /** To the first frame painted after the work, whatever it shows. */
  firstFrameMs: number;
  /** To the first painted frame that shows highlights in view; null if none within 8 s. */
  shownMs: number | null;
  /** An error the renderer threw meanwhile (it then shows nothing). */
  error: string | null;
}

let pageError: string | null = null;
window.addEventListener('error', (e) => { pageError ??= e.message; });

/**
 * Times `work` the same way for every renderer: to the first painted frame, then on, frame by
 * frame, to the first painted frame in which `shown()` holds (ours registers its highlights
 * before the first frame; Recogito draws them in later animation frames).
 */
async function timed(work: () => void, shown: () => boolean): Promise<Timing> {
  // The marks let bench/reader-trace.ts cut the first frame out of a trace.
  performance.mark('work-start');
  const t0 = performance.now();
  work();
  void document.body.offsetHeight;
  await nextPaint();
  const firstFrameMs = performance.now() - t0;
  performance.mark('first-frame');
  let shownMs: number | null = shown() ? firstFrameMs : null;
  while (shownMs === null && pageError === null && performance.now() - t0 < 8_000) {
    await nextPaint();
    if (shown()) shownMs = performance.now() - t0;
  }
  return { firstFrameMs, shownMs, error: pageError };
}

const registered = () => (CSS.highlights as unknown as Map<string, Highlight>).size > 0;
const recogitoDrawn = (renderer?: string) => () =>
  renderer === 'CSS_HIGHLIGHTS' ? registered() : (document.querySelector('.r6o-span-highlight-layer')?.childElementCount ?? 0) > 0;

function recogitoAnnotations() {
  const { body, spans } = window.BENCH;
  return spans.map((s) => ({
    id: String(s.id),
    bodies: [],
    target: { annotation: String(s.id), selector: [{ quote: body.slice(s.start, s.end), start: s.start, end: s.end }] },
  }));
}

window.keep = [];
// The reader's highlight stylesheet is part of the page in every scenario (the app ships it
// with the page), so the timings compare painting, not one style recalculation.
installHighlightCss();
window.panel = { open: (count) => openPanel(window.BENCH.body, window.BENCH.spans, count), scroll: scrollPanel };
window.renderers = {
  plain: () => timed(() => { renderBody(); }, () => true),
  highlights: () => timed(() => {
    highlighter = new Highlighter(renderBody());
    highlighter.setSpans(window.BENCH.spans);
  }, registered),
  marks: () => timed(() => {
    highlighter = new Highlighter(renderBody(), { forceMarks: true });
    highlighter.setSpans(window.BENCH.spans);
  }, () => document.querySelector('mark') !== null),
  // Recogito gets its annotations already in its own format, as ours gets its spans: the
  // conversion is not timed.
  recogito: (renderer?: string) => {
    const annotations = recogitoAnnotations();
    return timed(() => {
      const annotator = createTextAnnotator(renderBody(), renderer ? { renderer: renderer as 'SPANS' | 'CSS_HIGHLIGHTS' } : {});
      annotator.setAnnotations(annotations as never);
      window.keep.push(annotator);
    }, recogitoDrawn(renderer));
  },
};
window.bench = {
  /** Click to painted: a button's click handler adds one span in view; time until the next frame is painted. */
  addOne: async () => {
    const button = document.createElement('button');
    document.body.appendChild(button);
    const map = highlighter!.map;
    const at = map.paragraphs[1].start + 5;
    let t0 = 0;
    button.addEventListener('click', () => highlighter!.upsert({ id: 999_999, start: at, end: at + 40, label: 'claim', authorSlot: 0 }));
    t0 = performance.now();
    button.click();
    await nextPaint();
    return performance.now() - t0;
  },
  /** Scrolls through the whole article a half screen per frame. */
  scroll: async () => {
    const t0 = performance.now();
    const step = Math.floor(window.innerHeight / 2);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await nextPaint();
    }
    return performance.now() - t0;
  },
};
