/**
 * The side panel in the benchmark page: the reader's real SidePanel (virtualized) with 2,000
 * annotations, in a box as tall as the reader gives it. Measures opening it and scrolling its
 * list to the end, a frame per step.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { LABELS } from '@/lib/domain';
import type { AnnotationView } from '@/components/annotator/types';
import { SidePanel } from '@/components/annotator/SidePanel';
import type { BenchSpan } from './article';

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function views(body: string, spans: BenchSpan[], count: number): AnnotationView[] {
  const now = new Date(Date.UTC(2026, 0, 5, 9)).toISOString();
  return spans.slice(0, count).map((s, i) => ({
    id: s.id, articleId: 1, projectId: 1, authorId: 1 + (i % 4), authorName: ['Olena', 'Marko', 'Iryna', 'Sam'][i % 4], label: s.label,
    start: s.start, end: s.end, startCodePoint: s.start, endCodePoint: s.end, exact: body.slice(s.start, s.end), prefix: '', suffix: '',
    note: i % 5 === 0 ? 'Check against the transcript' : '', attributes: {}, status: i % 3 === 0 ? 'accepted' : 'proposed', version: 1,
    createdAt: now, updatedAt: now, links: [],
  }));
}

const noop = () => {};

/** Renders the panel and waits for its first paint; returns the time taken and the DOM rows. */
export async function openPanel(body: string, spans: BenchSpan[], count: number): Promise<{ ms: number; rows: number }> {
  const box = document.createElement('div');
  box.style.cssText = 'position: fixed; top: 60px; right: 20px; width: 380px; height: 820px; display: flex;';
  document.body.appendChild(box);
  const items = views(body, spans, count);
  const t0 = performance.now();
  flushSync(() => createRoot(box).render(
    <SidePanel items={items} total={items.length} filters={{ labels: new Set(LABELS), author: 'all' }} onFilters={noop} authors={[{ id: 1, name: 'Olena' }]}
      me={1} mode="label" onMode={noop} authorColour={() => '#e69f00'} selectedId={null} onSelect={noop} onEdit={noop} onDelete={noop}
      role="reviewer" projectId={1} articleId={1} onChanged={noop} />,
  ));
  void box.offsetHeight;
  await nextPaint();
  return { ms: performance.now() - t0, rows: box.querySelectorAll('[data-testid="annotation-item"]').length };
}

/** Scrolls the panel's list from top to bottom, half a viewport per frame; the mean frame time. */
export async function scrollPanel(): Promise<{ frameMs: number; reachedLast: boolean }> {
  const list = document.querySelector<HTMLElement>('[data-testid="annotation-list"]')!;
  const step = Math.floor(list.clientHeight / 2);
  let frames = 0;
  const t0 = performance.now();
  for (let y = 0; y < list.scrollHeight; y += step) {
    list.scrollTop = y;
    await nextPaint();
    frames++;
  }
  const frameMs = (performance.now() - t0) / frames;
  const rows = [...list.querySelectorAll<HTMLElement>('[data-testid="annotation-item"]')];
  return { frameMs, reachedLast: rows.some((r) => r.getAttribute('aria-posinset') === r.getAttribute('aria-setsize')) };
}
