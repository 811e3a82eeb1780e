/**
 * Word-level diff of two wordings of a statement, for the quote comparison. Pure. Words are
 * compared case-insensitively with typographic quotes, dashes and apostrophes folded, so
 * "don’t" and "don't" are the same word; punctuation marks are tokens of their own; white
 * space is kept with the token before it so each side renders exactly as written.
 */

export interface DiffToken {
  /** The token as written, with the white space that follows it. */
  text: string;
  /** What is compared. */
  key: string;
}

export interface DiffPart {
  text: string;
  changed: boolean;
}

export interface WordDiff {
  /** The first text, with words missing from the second marked changed. */
  left: DiffPart[];
  /** The second text, with words missing from the first marked changed. */
  right: DiffPart[];
  /** Shared words over all words of both sides, 0..1 (Dice coefficient). */
  similarity: number;
}

const TOKEN = /([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}])(\s*)/gu;
const MAX_CELLS = 4_000_000;

function fold(word: string): string {
  return word
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
}

/** The tokens of `text`; leading white space is kept on a first empty-key token. */
export function tokenize(text: string): DiffToken[] {
  const tokens: DiffToken[] = [];
  const lead = /^\s+/.exec(text)?.[0];
  if (lead) tokens.push({ text: lead, key: '' });
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], key: fold(m[1]) });
  return tokens;
}

/** LCS table over token keys, filled from the end (lengths of common subsequences of suffixes). */
function lcsTable(a: DiffToken[], b: DiffToken[]): Uint32Array {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i].key === b[j].key ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  return table;
}

/** Which tokens of each side are part of the longest common subsequence. */
function commonMarks(a: DiffToken[], b: DiffToken[]): [boolean[], boolean[]] {
  const inA = new Array<boolean>(a.length).fill(false);
  const inB = new Array<boolean>(b.length).fill(false);
  if (a.length * b.length > MAX_CELLS) return [inA, inB];
  const table = lcsTable(a, b);
  const width = b.length + 1;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].key === b[j].key) {
      inA[i++] = true;
      inB[j++] = true;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) i++;
    else j++;
  }
  return [inA, inB];
}

/** Joins adjacent tokens with the same state so the UI renders few spans. */
function parts(tokens: DiffToken[], common: boolean[]): DiffPart[] {
  const out: DiffPart[] = [];
  tokens.forEach((t, k) => {
    const changed = t.key !== '' && !common[k];
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += t.text;
    else out.push({ text: t.text, changed });
  });
  return out;
}

/** Diffs two wordings word by word (longest common subsequence of word tokens). */
export function wordDiff(left: string, right: string): WordDiff {
  const a = tokenize(left);
  const b = tokenize(right);
  const [inA, inB] = commonMarks(a, b);
  const words = a.filter((t) => t.key).length + b.filter((t) => t.key).length;
  const shared = inA.filter((x, k) => x && a[k].key).length;
  return { left: parts(a, inA), right: parts(b, inB), similarity: words ? (2 * shared) / words : 1 };
}
