import { describe, expect, it } from 'vitest';
import { contentTerms, similarityQuery, typedQuery, typedTerms } from '@/lib/search/query';

describe('search query building', () => {
  it('keeps content words of a statement and drops stop words and duplicates', () => {
    expect(contentTerms('Ukraine will not legally recognize any temporarily occupied territories, Ukraine!')).toEqual([
      'ukraine', 'not', 'legally', 'recognize', 'temporarily', 'occupied', 'territories',
    ]);
  });

  it('builds an OR of quoted terms for similarity', () => {
    expect(similarityQuery('The 30-day ceasefire')).toBe('"30" OR "day" OR "ceasefire"');
    expect(similarityQuery('the and of')).toBeNull();
  });

  it('quotes every typed term, drops operators and makes the last term a prefix', () => {
    expect(typedQuery(typedTerms('red line NEAR( Russia* OR "x" -y :z'))).toBe('"red" "line" "russia" "x" "y" "z"*');
    expect(typedQuery(typedTerms('recogn'), true)).toBe('"recogn"*');
    expect(typedQuery(typedTerms('" NEAR( * OR - :'))).toBeNull();
  });

  it('keeps letters of every script and strips punctuation', () => {
    expect(typedTerms('Україна не визнає — “окуповані”')).toEqual(['україна', 'не', 'визнає', 'окуповані']);
  });
});
