import { describe, expect, it } from 'vitest';
import { deriveStatus, type ReviewForStatus } from '@/lib/review/status';

const accept = (extra: Partial<ReviewForStatus> = {}): ReviewForStatus => ({ decision: 'accept', isFinal: false, supersededAt: null, ...extra });
const reject = (extra: Partial<ReviewForStatus> = {}): ReviewForStatus => ({ decision: 'reject', isFinal: false, supersededAt: null, ...extra });
const gone = new Date(0);

describe('deriveStatus', () => {
  const table: Array<[string, ReviewForStatus[], string]> = [
    ['no review', [], 'proposed'],
    ['one accept', [accept()], 'accepted'],
    ['two accepts', [accept(), accept()], 'accepted'],
    ['one reject', [reject()], 'rejected'],
    ['accept and reject', [accept(), reject()], 'disputed'],
    ['only superseded reviews', [accept({ supersededAt: gone }), reject({ supersededAt: gone })], 'proposed'],
    ['a reject replaced by an accept', [reject({ supersededAt: gone }), accept()], 'accepted'],
    ['an accept replaced by a reject beside another accept', [accept({ supersededAt: gone }), reject(), accept()], 'disputed'],
    ['a final accept settles a dispute', [accept(), reject(), accept({ isFinal: true })], 'accepted'],
    ['a final reject settles a dispute', [accept(), reject(), reject({ isFinal: true })], 'rejected'],
    ['a superseded final no longer decides', [accept(), reject(), reject({ isFinal: true, supersededAt: gone })], 'disputed'],
    ['the latest live final wins', [accept({ isFinal: true, id: 1 }), reject({ isFinal: true, id: 2 }), accept()], 'rejected'],
  ];
  it.each(table)('%s -> %s', (_name, reviews, expected) => {
    expect(deriveStatus(reviews)).toBe(expected);
  });
});
