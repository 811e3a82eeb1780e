/** Geometry and labels of the outlet graph (pure). */

/** Breaks a name into at most two lines of about `width` characters for the node label. */
export function labelLines(text: string, width = 20): string[] {
  const lines: string[] = [''];
  for (const word of text.split(/\s+/)) {
    const line = lines[lines.length - 1];
    if (line && (line + ' ' + word).length > width) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  if (lines.length > 2) lines.splice(2, lines.length, `${lines[1]}…`.replace(/…+$/, '…'));
  return lines.map((l) => (l.length > width + 4 ? `${l.slice(0, width + 3)}…` : l));
}

/** A quadratic arc from p to q bent to one side by `bend` (a fraction of its length). */
export function arc([x1, y1]: [number, number], [x2, y2]: [number, number], bend: number) {
  const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const [dx, dy] = [x2 - x1, y2 - y1];
  const [cx, cy] = [mx - dy * bend, my + dx * bend];
  return { d: `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`, label: [(mx + cx) / 2, (my + cy) / 2] as [number, number] };
}
