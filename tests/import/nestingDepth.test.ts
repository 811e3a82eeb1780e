import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, NoArticleText, nestingDepth, parseWebPage } from '@/lib/import/html';

const ARTICLE = 'Зеленський заявив, що Україна не визнає жодних «домовленостей» без участі українців 🇺🇦. '.repeat(6);

describe('nestingDepth', () => {
  it.each([
    ['plain text', 'Kyiv, April 22 — no tags at all', 0],
    ['one paragraph', `<p>${ARTICLE}</p>`, 1],
    ['a page', `<!doctype html><html><head><title>Заголовок</title></head><body><main><article><p>${ARTICLE}</p></article></main></body></html>`, 5],
    ['void elements do not nest', '<p>one<br>two<img src="x.png" alt="😀"><input>three<hr></p>', 2],
    ['paragraphs close each other', '<div><p>one<p>two<p>three</div>', 2],
    ['self-closing syntax', '<div><span/><span/></div>', 2],
    ['unclosed tags at the end still count', '<div><section><p>Café déjà vu', 3],
    ['stray closing tags never go below zero', '</div></div><p>text</p>', 1],
    ['2,000 divs', '<div>'.repeat(2_000) + 'deep' + '</div>'.repeat(2_000), 2_000],
  ])('%s', (_what, html, depth) => {
    expect(nestingDepth(html)).toBe(depth);
  });

  it('stops counting once past the limit it is given', () => {
    expect(nestingDepth('<div>'.repeat(50_000) + 'deep' + '</div>'.repeat(50_000), MAX_NESTING_DEPTH)).toBe(MAX_NESTING_DEPTH + 1);
    expect(nestingDepth('<div><p>shallow</p></div>', MAX_NESTING_DEPTH)).toBe(2);
  });
});

describe('parseWebPage and deep pages', () => {
  it('refuses a page nested deeper than browsers nest, before building any tree', () => {
    const html = '<div>'.repeat(MAX_NESTING_DEPTH + 1) + `<p>${ARTICLE}</p>` + '</div>'.repeat(MAX_NESTING_DEPTH + 1);
    expect(() => parseWebPage('deep.html', html)).toThrow(NoArticleText);
    expect(() => parseWebPage('deep.html', html)).toThrow(/nested more than 128 elements deep/);
  });

  it('reads an article nested just within the limit', () => {
    const depth = MAX_NESTING_DEPTH - 3;
    const html = `<html><body>${'<div>'.repeat(depth - 2)}<p>${ARTICLE}</p>${'</div>'.repeat(depth - 2)}</body></html>`;
    expect(nestingDepth(html)).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    expect(parseWebPage('ok.html', html).draft.body).toContain('Зеленський заявив');
  });
});
