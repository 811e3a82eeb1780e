/**
 * The benchmark's data: a 200,000-character article of paragraphs and 20,000 word-aligned
 * spans, some nested and many overlapping. Seeded, so every run measures the same text.
 */

const WORDS = ('Ukraine will not legally recognize any temporarily occupied territories as Russian and this position is unchanged ' +
  'the president said while laying flowers near a house destroyed by a strike in the district of Kyiv our people have the right ' +
  'to decide which territories are Ukrainian accession to NATO depends on the support of all Alliance members statement ' +
  'Zelenskyy Volodymyr Crimea Donbas negotiations ceasefire peace sanctions security guarantees Washington Brussels ' +
  'café naïve résumé Україна Слава 🇺🇦 👍🏽').split(' ');

export interface BenchSpan {
  id: number;
  start: number;
  end: number;
  label: 'claim' | 'quote' | 'context';
}

function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** A body of exactly `length` UTF-16 code units made of paragraphs separated by blank lines. */
export function makeArticle(length = 200_000, seed = 42): string {
  const rand = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const words = 60 + rand(140);
    const para = Array.from({ length: words }, () => WORDS[rand(WORDS.length)]).join(' ');
    const piece = `${para.charAt(0).toUpperCase()}${para.slice(1)}.\n\n`;
    parts.push(piece);
    size += piece.length;
  }
  let body = parts.join('').slice(0, length);
  const last = body.charCodeAt(length - 1);
  if (last >= 0xd800 && last <= 0xdbff) body = `${body.slice(0, length - 1)}.`;
  return body;
}

/**
 * `count` spans starting and ending on word edges; one in ten is long enough to nest others.
 * Returned in text order, as GET /api/articles/:id/annotations delivers them.
 */
export function makeSpans(body: string, count = 20_000, seed = 7): BenchSpan[] {
  const rand = prng(seed);
  const starts: number[] = [];
  const re = /\S+/g;
  const ends: number[] = [];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const labels = ['claim', 'quote', 'context'] as const;
  const spans = Array.from({ length: count }, (_, id) => {
    const w = rand(starts.length - 70);
    const words = rand(10) === 0 ? 15 + rand(50) : 1 + rand(8);
    return { id: id + 1, start: starts[w], end: ends[w + words - 1], label: labels[rand(3)] };
  });
  return spans.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
}
