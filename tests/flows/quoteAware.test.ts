/** quoteAwareSpan: a suggested sentence never cuts a quotation in half (issue 14 item 6). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteAwareSpan } from '@/lib/search/quoteAware';
import { splitSentences } from '@/lib/search/sentences';
import { normalizeArticleText } from '@/lib/anchoring/normalize';

function seed(prefix: string): string {
  const name = fs.readdirSync('seeds').find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;
  return normalizeArticleText(fs.readFileSync(path.join('seeds', name), 'utf8'));
}

/** The widened text of the sentence of `body` that starts with `opening`. */
function widened(body: string, opening: string): string {
  const sentence = splitSentences(body).find((s) => s.text.startsWith(opening));
  if (!sentence) throw new Error(`no sentence starts with ${opening}`);
  const span = quoteAwareSpan(body, sentence);
  return body.slice(span.start, span.end);
}

describe('quoteAwareSpan on the seed articles', () => {
  const cases: Array<[string, string, string]> = [
    // “…” over two sentences, with the speaker after it.
    ['004_', '“Judicially, we will', '“Judicially, we will not recognize … our occupied territory like territory of Russia. We will never do it,” Zelenskyy said in English.'],
    ['004_', 'We will never do it,”', '“Judicially, we will not recognize … our occupied territory like territory of Russia. We will never do it,” Zelenskyy said in English.'],
    // A quotation that ends the paragraph with its full stop inside.
    ['004_', 'Longer than it can be.”', '“Do we understand how many? I think it’s too much. And I’m not sure that with such speed. If our partners do not help, support, it will be difficult. It will be long. Longer than it can be.”'],
    // Straight quotes with a quotation nested in the same marks: "… the "Russians", …".
    ['002_', '"Any negotiations', '"Any negotiations are a very fragile ability to end the war. Especially when it comes to the "Russians", who demonstrate unwillingness to end the war. As for the territories, it will probably be one of the most sensitive and difficult issues in future negotiations," Zelenskyy said.'],
    // Single quotes inside a straight-quoted passage are left alone ('no one forgets,').
    ['003_', 'When I say', expect.stringMatching(/^"We do not recognize any territory occupied by Russia as theirs\. .* red line for us," said the Ukrainian leader\.$/) as unknown as string],
  ];
  it.each(cases)('seed %s: %s…', (prefix, opening, expected) => {
    expect(widened(seed(prefix), opening)).toEqual(expected);
  });

  it('leaves every sentence without a cut quotation as it is, and every result balanced', () => {
    for (const prefix of ['000_', '001_', '002_', '003_', '004_']) {
      const body = seed(prefix);
      for (const s of splitSentences(body)) {
        const span = quoteAwareSpan(body, s);
        const text = body.slice(span.start, span.end);
        const curly = (text.match(/“/g) ?? []).length - (text.match(/”/g) ?? []).length;
        expect(curly, text).toBe(0);
        expect((text.match(/"/g) ?? []).length % 2, text).toBe(0);
        if (!/["“”«»]/.test(s.text)) expect([span.start, span.end]).toEqual([s.start, s.end]);
      }
    }
  });
});

describe('quoteAwareSpan on other texts', () => {
  const cases: Array<[string, string, string, string]> = [
    ['guillemets', 'Зеленський заявив: «Ми ніколи не визнаємо. Ніколи». Потім він пішов.', 'Зеленський заявив: «Ми ніколи не визнаємо.', 'Зеленський заявив: «Ми ніколи не визнаємо. Ніколи».'],
    ['guillemets, closing half', 'Зеленський заявив: «Ми ніколи не визнаємо. Ніколи». Потім він пішов.', 'Ніколи».', 'Зеленський заявив: «Ми ніколи не визнаємо. Ніколи».'],
    ['emoji inside', 'Intro. “Red line 🇺🇦. Never,” he said. Next one.', '“Red line 🇺🇦.', '“Red line 🇺🇦. Never,” he said.'],
    ['apostrophes are no quotes', 'We aren’t discussing it. That’s all.', 'We aren’t discussing it.', 'We aren’t discussing it.'],
    ['no partner in the paragraph', '“An unclosed quote. It goes on\nNew paragraph.”', '“An unclosed quote.', '“An unclosed quote.'],
  ];
  it.each(cases)('%s', (_what, body, sentence, expected) => {
    const start = body.indexOf(sentence);
    const span = quoteAwareSpan(body, { start, end: start + sentence.length });
    expect(body.slice(span.start, span.end)).toBe(expected);
  });
});
