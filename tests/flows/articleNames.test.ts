/** displayOutlet: a short readable source name, never "Unknown outlet", never a word cut in half. */
import { describe, expect, it } from 'vitest';
import { displayOutlet, shortTitle, sourceAndTitle, sourceLine, urlDomain } from '@/lib/articleNames';

describe('displayOutlet', () => {
  const cases: Array<[string, Parameters<typeof displayOutlet>[0], string]> = [
    ['the stated outlet', { outlet: 'UNN', title: 'Zelenskyy: Recognition … is a "red line"', url: 'https://unn.ua/en/news/x' }, 'UNN'],
    ['an outlet with spaces around it', { outlet: '  Zamin.uz ', title: 'Anything' }, 'Zamin.uz'],
    ['the URL domain without www', { outlet: null, title: 'Zelensky: Ukraine will not recognize', url: 'https://www.Ukrinform.net/rubric-polytics/3978-zelensky.html' }, 'ukrinform.net'],
    ['a subdomain kept', { outlet: '', title: 'x', url: 'http://en.interfax.com.ua/news/general/1.html' }, 'en.interfax.com.ua'],
    ['an unusable URL falls back to the title', { outlet: null, title: 'Short title', url: 'javascript:alert(1)' }, 'Short title'],
    [
      'a long title cut after whole words',
      { outlet: null, title: 'Zelenskyy: We aren’t discussing possibility of obtaining NATO membership in exchange for occupied territories' },
      'Zelenskyy: We aren’t discussing…',
    ],
    [
      'a title that opens with a curly quote',
      { outlet: null, title: '“We Will Never,” Zelenskyy Responds to Calls to Cede Ukrainian Territory in Peace Talks With Russia' },
      '“We Will Never,” Zelenskyy Responds…',
    ],
    ['Cyrillic words stay whole', { outlet: null, title: 'Зеленський: Україна ніколи не визнає окуповані території російськими' }, 'Зеленський: Україна ніколи не визнає…'],
    ['emoji are not split', { outlet: null, title: '🇺🇦 Zelensky 🇺🇦 says the red line stays where it is today' }, '🇺🇦 Zelensky 🇺🇦 says the…'],
    ['one very long word is kept whole', { outlet: null, title: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen and more' }, 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen…'],
    ['no title: its number', { outlet: null, title: '   ', id: 12 }, 'Article 12'],
  ];
  it.each(cases)('%s', (_what, article, expected) => {
    expect(displayOutlet(article)).toBe(expected);
  });

  it('never says "Unknown outlet" and never ends mid-word', () => {
    for (const [, article] of cases) {
      const name = displayOutlet(article);
      expect(name).not.toMatch(/unknown/i);
      if (name.endsWith('…') && !article.outlet) {
        const kept = name.slice(0, -1).split(/\s+/);
        const words = article.title.trim().split(/\s+/);
        expect(words.slice(0, kept.length).map((w) => w.replace(/[,.;:–—-]+$/u, ''))).toEqual(kept.map((w) => w.replace(/[,.;:–—-]+$/u, '')));
      }
    }
  });
});

describe('urlDomain and shortTitle', () => {
  it('reads only http(s) hosts', () => {
    expect(urlDomain('https://www.zamin.uz/en/world/1.html')).toBe('zamin.uz');
    expect(urlDomain('ftp://example.org/file')).toBeNull();
    expect(urlDomain('not a url')).toBeNull();
    expect(urlDomain(null)).toBeNull();
  });
  it('drops a dangling comma or dash before the ellipsis', () => {
    expect(shortTitle('Kyiv, Lviv, Odesa, Kharkiv, Dnipro, Zaporizhzhia and more')).toBe('Kyiv, Lviv, Odesa, Kharkiv, Dnipro…');
    expect(shortTitle('Zelensky — only the Ukrainian people have the right')).toBe('Zelensky — only the Ukrainian…');
  });
});

describe('sourceAndTitle and sourceLine: the queue says the outlet once', () => {
  const cases: Array<[string, Parameters<typeof sourceAndTitle>[0], { source: string; title: string | null }, string]> = [
    ['a title that opens with the outlet', { outlet: 'Zamin.uz', title: 'Zamin.uz: Bulgaria gets its first female head of state' },
      { source: 'Zamin.uz', title: 'Bulgaria gets its first female head of state' }, 'Zamin.uz — Bulgaria gets its first female head of state'],
    ['the outlet in another case, with a dash', { outlet: 'UNN', title: 'unn — Zelenskyy: recognition is a “red line”' },
      { source: 'UNN', title: 'Zelenskyy: recognition is a “red line”' }, 'UNN — Zelenskyy: recognition is a “red line”'],
    ['a trailing "| outlet"', { outlet: 'Укрінформ', title: 'Зеленський: Україна не визнає окупацію | Укрінформ' },
      { source: 'Укрінформ', title: 'Зеленський: Україна не визнає окупацію' }, 'Укрінформ — Зеленський: Україна не визнає окупацію'],
    ['a title that is only the outlet', { outlet: 'Zamin.uz', title: 'Zamin.uz' }, { source: 'Zamin.uz', title: null }, 'Zamin.uz'],
    ['an outlet the title does not repeat', { outlet: 'UNN', title: '🇺🇦 Kyiv • UNN report' },
      { source: 'UNN', title: '🇺🇦 Kyiv • UNN report' }, 'UNN — 🇺🇦 Kyiv • UNN report'],
    ['an outlet with regex characters', { outlet: 'News (EN)', title: 'News (EN): Talks resume' }, { source: 'News (EN)', title: 'Talks resume' }, 'News (EN) — Talks resume'],
    ['the domain as the source', { outlet: null, url: 'https://www.zamin.uz/en/1.html', title: 'zamin.uz - Storm in the USA' },
      { source: 'zamin.uz', title: 'Storm in the USA' }, 'zamin.uz — Storm in the USA'],
    ['no outlet or address: the title once', { outlet: null, title: 'Zelenskyy: We aren’t discussing possibility of obtaining NATO membership' },
      { source: 'Zelenskyy: We aren’t discussing…', title: null }, 'Zelenskyy: We aren’t discussing possibility of obtaining NATO membership'],
    ['nothing at all', { outlet: null, title: '', id: 4 }, { source: 'Article 4', title: null }, 'Article 4'],
  ];
  it.each(cases)('%s', (_what, article, parts, line) => {
    expect(sourceAndTitle(article)).toEqual(parts);
    expect(sourceLine(article)).toBe(line);
  });

  it('never names the source twice in a line', () => {
    for (const [, article] of cases) {
      const line = sourceLine(article);
      const source = sourceAndTitle(article).source;
      if (article.outlet) expect(line.toLocaleLowerCase().startsWith(`${source.toLocaleLowerCase()} — ${source.toLocaleLowerCase()}`)).toBe(false);
    }
  });
});
