/**
 * Reads the title, outlet and publication date that a scraped article states in its own text.
 * Anything the text does not state stays null, to be filled in by a lead in the UI.
 */
export interface StatedMetadata {
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

const HEAD_LINES = 15;
const MAX_TITLE_WORDS = 30;

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** An ISO date (2025-04-25) or a European one (22.10.2024) near the top of the text. */
export function statedDate(head: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(head);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const eu = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(head);
  if (eu && Number(eu[2]) <= 12 && Number(eu[1]) <= 31) return `${eu[3]}-${pad(eu[2])}-${pad(eu[1])}`;
  return null;
}

/** A dateline such as "Kyiv • UNN": the agency after the bullet is the outlet. */
export function statedOutlet(lines: string[]): string | null {
  for (const line of lines) {
    const m = /^[\p{Lu}][\p{L} .'-]{1,40}\s+[•·]\s+([\p{Lu}][\p{L}\p{N} .&'-]{1,40})$/u.exec(line.trim());
    if (m) return m[1].trim();
  }
  return null;
}

/**
 * A site that signs its own items "This was reported by Zamin.uz." names itself: the same
 * name after that phrase at least twice (once could be a source it quotes) is the outlet.
 */
export function reportedOutlet(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\bThis was reported by ([\p{Lu}][\p{L}\p{N}.&'-]{1,40}?)\.(?=\s|$)/gu)) {
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= 2 ? best[0] : null;
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.replace(/(?:ies|es|s)$/u, ''));
}

function stripDatePrefix(line: string): string {
  return line.replace(/^\s*(?:date\s+)?\d{4}-\d{2}-\d{2}\s+/i, '').trim();
}

/** The first sentence of a long lead paragraph, when the text has no separate headline. */
function firstSentence(line: string): string {
  const m = /^(.+?[.!?])(?:\s|$)/u.exec(line);
  return (m ? m[1] : line).trim();
}

function recurringShare(candidate: string, otherLines: string[]): number {
  const own = contentWords(candidate);
  if (own.length === 0) return 0;
  const rest = new Set(contentWords(otherLines.join('\n')));
  return own.filter((w) => rest.has(w)).length / own.length;
}

/**
 * The headline: among the first lines, the first of 4 to 30 words whose content words mostly
 * recur in the rest of the article. That skips navigation, teasers for other stories and
 * category labels, which share little with the story itself. Headlines rarely end with a
 * full stop, so those are tried first; failing that, the lead paragraph's first sentence.
 */
export function statedTitle(text: string): string | null {
  const lines = text.split('\n');
  const head = lines.slice(0, HEAD_LINES).map(stripDatePrefix);
  const others = (i: number) => lines.filter((_, j) => j !== i);
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const fits = (s: string) => words(s) >= 4 && words(s) <= MAX_TITLE_WORDS && !/^[-•*]\s/.test(s);
  for (let i = 0; i < head.length; i++) {
    const line = head[i];
    if (!/[.!?]["'”’»)]*$/.test(line) && fits(line) && recurringShare(line, others(i)) >= 0.5) return line;
  }
  for (let i = 0; i < head.length; i++) {
    const sentence = firstSentence(head[i]);
    if (fits(sentence) && recurringShare(sentence, others(i)) >= 0.6) return sentence;
  }
  return null;
}

export function statedMetadata(text: string): StatedMetadata {
  const lines = text.split('\n').slice(0, HEAD_LINES);
  return {
    title: statedTitle(text),
    outlet: statedOutlet(lines) ?? reportedOutlet(text),
    publishedAt: statedDate(lines.join('\n')),
  };
}
