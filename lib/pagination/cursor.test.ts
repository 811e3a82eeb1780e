import { describe, expect, test } from 'vitest';
import { decodeCursor, encodeCursor, pageRequest, toPage, choice } from './cursor';

const scope = { list: 'articles:1', query: { sort: 'date', q: 'Зеленський 🇺🇦' } };

describe('page cursors', () => {
  test('round-trip the key of the last row, including non-ASCII strings', () => {
    const key = ['Зеленський — «мир» 🇺🇦', 42, null];
    expect(decodeCursor(scope, encodeCursor(scope, key), 3)).toEqual(key);
  });

  test.each([
    ['a tampered payload', (c: string) => 'x' + c],
    ['a tampered signature', (c: string) => c.slice(0, -2) + (c.endsWith('AA') ? 'BB' : 'AA')],
    ['no signature', (c: string) => c.split('.')[0]],
    ['garbage', () => 'not-a-cursor'],
    ['three parts', (c: string) => `${c}.x`],
  ])('refuse %s with a 400', (_name, forge) => {
    const cursor = forge(encodeCursor(scope, ['2026-04-22', 7]));
    expect(() => decodeCursor(scope, cursor, 2)).toThrow(expect.objectContaining({ status: 400 }));
  });

  test('refuse a cursor from another list, sort or filter', () => {
    const cursor = encodeCursor(scope, ['2026-04-22', 7]);
    expect(() => decodeCursor({ ...scope, list: 'articles:2' }, cursor, 2)).toThrow(/another list/);
    expect(() => decodeCursor({ ...scope, query: { ...scope.query, sort: 'outlet' } }, cursor, 2)).toThrow(/another list/);
    expect(() => decodeCursor(scope, cursor, 3)).toThrow(expect.objectContaining({ status: 400 }));
  });

  test('an empty filter is the same query as a missing one', () => {
    const cursor = encodeCursor({ list: 'l', query: { q: '', outlet: undefined } }, [1]);
    expect(decodeCursor({ list: 'l', query: {} }, cursor, 1)).toEqual([1]);
  });
});

describe('pageRequest', () => {
  test.each(['0', '-1', '1000000000', '2.5', 'ten', '201'])('refuses limit=%s', (limit) => {
    expect(() => pageRequest(scope, { limit }, 2)).toThrow(/limit must be a whole number from 1 to 200/);
  });
  test('defaults and accepts the bounds', () => {
    expect(pageRequest(scope, {}, 2)).toEqual({ after: undefined, limit: 50 });
    expect(pageRequest(scope, { limit: '200' }, 2).limit).toBe(200);
    expect(pageRequest(scope, { limit: '1' }, 2).limit).toBe(1);
  });
});

describe('toPage', () => {
  test('uses the extra row only to know there is a next page', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const page = toPage(scope, rows, 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(scope, page.nextCursor!, 1)).toEqual([2]);
    expect(toPage(scope, rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });
});

test('choice names the allowed values', () => {
  expect(choice('sort', undefined, ['date', 'outlet'] as const, 'date')).toBe('date');
  expect(() => choice('sort', 'title; drop table', ['date', 'outlet'] as const, 'date')).toThrow('sort must be one of: date, outlet.');
});
