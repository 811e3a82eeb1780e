import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleParagraphs, bodyHtml } from '@/components/annotator/ArticleBody';
import { stashBodyHtml, stashedBodyHtml } from '@/components/annotator/bodyStash';

// The reader's server render sends the body as an HTML string (bodyHtml) and a client-side
// navigation renders it as React elements (ArticleParagraphs): both must give the same DOM, so
// that every offset means the same character either way.
const bodies: Array<[string, string]> = [
  ['paragraphs and blank lines', 'Україна 🇺🇦 will not recognize it.\n\nКрим — це Україна, the president said.\nA third line 👍🏽'],
  ['markup-like text', 'He wrote <b>"5 > 3 & 2 < 4"</b>\n\n&amp; is not an entity here'],
  ['leading and trailing newlines', '\n\ncafé naïve résumé\n'],
  ['one paragraph', 'Слава'],
  ['empty', ''],
];

/** Decodes the few entities either renderer emits, giving the text a browser would show. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

describe('bodyHtml', () => {
  it.each(bodies)('renders %s exactly as the React paragraphs do', (_, body) => {
    const react = renderToStaticMarkup(createElement(ArticleParagraphs, { body }));
    const html = bodyHtml(body);
    expect(html.replace(/&#x27;/g, "'")).toBe(react.replace(/&#x27;/g, "'"));
    expect(textOf(html)).toBe(body);
  });

  it('puts each paragraph\'s UTF-16 offset in data-start', () => {
    const body = 'Україна 🇺🇦\n\nКрим';
    expect([...bodyHtml(body).matchAll(/data-start="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([0, body.indexOf('Крим')]);
  });
});

describe('the body stash', () => {
  it('gives the server render what the page stashed, under a key that names nothing else', () => {
    const key = stashBodyHtml('<p data-start="0">Україна</p>');
    expect(stashedBodyHtml(key)).toBe('<p data-start="0">Україна</p>');
    expect(stashedBodyHtml(key)).toBe('<p data-start="0">Україна</p>');
    expect(stashedBodyHtml(crypto.randomUUID())).toBeNull();
  });
});
