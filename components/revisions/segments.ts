/**
 * Cuts a body into runs for rendering marked text: each run knows which spans cover it and
 * whether it is a changed (inserted or deleted) stretch. Pure; offsets are UTF-16 code units,
 * and the runs' texts joined give the body back exactly.
 */
import type { AnchorStateName, Label } from '@/lib/domain';

export interface MarkedSpan {
  id: number;
  start: number;
  end: number;
  label: Label;
  state: AnchorStateName;
}

export interface Run {
  start: number;
  text: string;
  spans: MarkedSpan[];
  changed: boolean;
}

export function markedRuns(body: string, from: number, to: number, spans: readonly MarkedSpan[], changes: ReadonlyArray<[number, number]> = []): Run[] {
  const cuts = new Set<number>([from, to]);
  for (const s of spans) for (const at of [s.start, s.end]) if (at > from && at < to) cuts.add(at);
  for (const [s, e] of changes) for (const at of [s, e]) if (at > from && at < to) cuts.add(at);
  const points = [...cuts].sort((x, y) => x - y);
  const runs: Run[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [s, e] = [points[k], points[k + 1]];
    runs.push({
      start: s,
      text: body.slice(s, e),
      spans: spans.filter((x) => x.start < e && x.end > s),
      changed: changes.some(([cs, ce]) => cs < e && ce > s),
    });
  }
  return runs;
}
