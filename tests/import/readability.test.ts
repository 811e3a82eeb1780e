/** Clean import of hand-written web pages of different real layouts (tests/import/pages/). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoArticleText, parseWebPage } from '@/lib/import/html';
import { parseImportFile } from '@/lib/import';

const page = (name: string) => fs.readFileSync(path.join(__dirname, 'pages', name), 'utf8');
const kinds = (name: string) => Object.fromEntries(parseWebPage(name, page(name)).web.removed.groups.map((g) => [g.kind, g.count]));

describe('parseWebPage on real layouts', () => {
  it('news site with nav, cookie banner, inline ad, share bar, related rail and JSON-LD NewsArticle', () => {
    const { draft, web } = parseWebPage('news-jsonld.html', page('news-jsonld.html'));
    expect(draft).toEqual({
      title: 'Zelenskyy: Ukraine will never recognise occupied land as Russian',
      body: expect.stringMatching(/^Ukraine will not legally recognise .* support of all allies\.$/s),
      outlet: 'Kyiv Daily Ledger',
      author: 'Olena Kovalenko, Mark Ellison',
      url: 'https://ledger.example/world/2025/04/25/zelenskyy-occupied-territories',
      publishedAt: '2025-04-25',
    });
    expect(draft.body.split('\n\n')).toHaveLength(4);
    for (const junk of ['cookies', 'Advertisement', 'Lisbon', 'Related stories', 'Politics', 'Share on', '©', 'tracking', 'dataLayer']) expect(draft.body).not.toContain(junk);
    expect(web.metadataSources).toMatchObject({ title: 'json-ld', author: 'json-ld', outlet: 'json-ld', publishedAt: 'json-ld', modifiedAt: 'json-ld', url: 'json-ld', canonicalUrl: 'link' });
    expect(web.metadata.modifiedAt).toBe('2025-04-26T09:05:00+03:00');
    expect(kinds('news-jsonld.html')).toMatchObject({ navigation: 5, 'related links': 4, 'cookie banner': 2, advertisement: 2, 'share buttons': 1, footer: 2 });
    expect(web.removed.groups.find((g) => g.kind === 'related links')?.samples[0]).toBe('Related stories');
    expect(web.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(web.rawHtml).toBe(page('news-jsonld.html'));
  });

  it('blog with only OpenGraph: og fields, an author URL ignored, sidebar, share and comments removed', () => {
    const { draft, web } = parseWebPage('blog-og.html', page('blog-og.html'));
    expect(draft).toMatchObject({ title: 'Reading the fine print of ceasefire proposals', outlet: 'Field Notes', author: null, url: 'https://fieldnotes.example/2025/03/ceasefire-fine-print/', publishedAt: '2025-03-14' });
    expect(web.metadataSources).toEqual({ title: 'og', outlet: 'og', publishedAt: 'og', modifiedAt: 'og', url: 'og', language: 'meta' });
    expect(draft.body.split('\n\n')).toHaveLength(4);
    expect(draft.body).not.toMatch(/Great breakdown|About me|Archives|Share this/);
    expect(kinds('blog-og.html')).toEqual({ sidebar: 5, 'share buttons': 4, comments: 3 });
  });

  it('JSON-LD @graph with a ReportageNewsArticle whose author and publisher are @id references; a broken JSON-LD block is skipped', () => {
    const { draft, web } = parseWebPage('graph-reportage.html', page('graph-reportage.html'));
    expect(draft).toMatchObject({ title: 'Inside the evacuation of Kupiansk', author: 'Anna Kravets', outlet: 'Frontline Reports Ltd', publishedAt: '2024-10-22', url: 'https://frontline.example/reports/kupiansk-evacuation/' });
    expect(web.metadataSources).toMatchObject({ title: 'json-ld', author: 'json-ld', outlet: 'json-ld', url: 'json-ld' });
    expect(draft.body).toContain('\n\nA town emptied twice\n\n');
    expect(draft.body).not.toMatch(/Most read|Donate|inbox/);
  });

  it('only <meta>, <title> and <link rel=canonical> (a table layout)', () => {
    const { draft, web } = parseWebPage('meta-only.html', page('meta-only.html'));
    expect(draft).toMatchObject({ title: 'Press statement on prisoner exchange', author: 'Press Office of the Coordination Headquarters', outlet: null, publishedAt: '2025-02-05', url: 'https://coordination.example/news/exchange-2025-02-05' });
    expect(web.metadataSources).toEqual({ title: 'title', author: 'meta', publishedAt: 'meta', url: 'link', canonicalUrl: 'link' });
    expect(draft.body.startsWith('Today, 150 Ukrainian defenders returned home')).toBe(true);
    expect(web.removed.groups.find((g) => g.kind === 'navigation')?.samples).toEqual(['Main News Contacts']);
  });

  it('Cyrillic text with emoji: text intact (NFC, emoji kept), the repeated headline, weather, share and similar news dropped', () => {
    const { draft, web } = parseWebPage('cyrillic-emoji.html', page('cyrillic-emoji.html'));
    expect(draft.title).toBe('Зеленский: Украина не признает оккупированные территории 🇺🇦');
    expect(draft.body.split('\n\n').map((p) => p.slice(0, 20))).toEqual(['Президент Украины Вл', '«Мы не признаём ни о', 'После переговоров в ']);
    expect(draft.body).toContain('отдали свои жизни» 💔, — подчеркнул');
    expect(draft.body).toContain('огня 🤝, предложенный');
    expect(draft).toMatchObject({ outlet: 'Новости Мира', publishedAt: '2025-03-15', url: null });
    expect(kinds('cyrillic-emoji.html')).toEqual({ 'related links': 3, 'weather widget': 1, navigation: 1, 'share buttons': 1 });
    expect(web.metadata.language).toBe('ru');
  });

  it('a page with no article text is refused with a clear reason', () => {
    expect(() => parseWebPage('no-article.html', page('no-article.html'))).toThrow(NoArticleText);
    expect(() => parseImportFile({ name: 'no-article.html', bytes: new TextEncoder().encode(page('no-article.html')) })).toThrow(/no-article\.html: no article text found: the page has only navigation/);
  });

  it('runs no script and fetches nothing: handlers and script output never reach the text', () => {
    const html = '<html><head><script>globalThis.__ran = 1</script></head><body onload="globalThis.__ran = 2"><img src="http://127.0.0.1:9/x.png" onerror="globalThis.__ran = 3"><p>The talks in Geneva resumed on Tuesday after a two-week pause, officials said.</p><script>document.write("<p>Injected by script.</p>")</script></body></html>';
    const { draft } = parseWebPage('s.html', html);
    expect(draft.body).toBe('The talks in Geneva resumed on Tuesday after a two-week pause, officials said.');
    expect((globalThis as { __ran?: number }).__ran).toBeUndefined();
  });

  it('a tiny page (a heading and one sentence) still imports, titled by its h1', () => {
    const { draft, web } = parseWebPage('page.html', '<h1>From HTML</h1><p>Paragraph <script>alert(1)</script>text.</p>');
    expect(draft).toMatchObject({ title: 'From HTML', body: 'Paragraph text.' });
    expect(web.metadataSources.title).toBe('h1');
  });
});
