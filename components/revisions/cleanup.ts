/**
 * The clean-up of an article already imported (issue 16, item 5): the boilerplate detector
 * (lib/import/boilerplate.ts, `proposeCleanup(body)`) proposes removals; the lead keeps or
 * drops each, and the chosen ones are cut from the body here. Pure; offsets are UTF-16 code
 * units of the body.
 */

/** One proposed removal, as `proposeCleanup` returns it. */
export interface Removal {
  start: number;
  end: number;
  reason: string;
  text: string;
}

export interface CleanupProposal {
  removals: Removal[];
  cleaned: string;
}

/**
 * The body without the removals whose index is in `chosen`. A removal that is a whole line
 * (or lines) takes the line breaks after it too, so no empty paragraphs are left behind.
 */
export function applyRemovals(body: string, removals: readonly Removal[], chosen: ReadonlySet<number>): string {
  const cuts = removals
    .filter((_, i) => chosen.has(i))
    .map((r) => {
      let end = r.end;
      const lineStart = r.start === 0 || body[r.start - 1] === '\n';
      if (lineStart && (end === body.length || body[end] === '\n')) while (body[end] === '\n') end++;
      return [r.start, end] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    if (start > at) out += body.slice(at, start);
    at = Math.max(at, end);
  }
  out += body.slice(at);
  // A cut at the very end leaves the line breaks before it dangling.
  return cuts.length && at >= body.length ? out.replace(/\n+$/, '') : out;
}
