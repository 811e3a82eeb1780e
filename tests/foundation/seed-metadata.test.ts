/**
 * seeds/metadata.ts reads title, outlet and date from what an article states about itself.
 * Expected values below were written down by reading the five seed files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statedDate, statedMetadata, statedOutlet, statedTitle } from '@/seeds/metadata';
import { normalizeArticleText } from '@/lib/anchoring/normalize';

function seedText(prefix: string): string {
  const name = fs.readdirSync('seeds').find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;
  return normalizeArticleText(fs.readFileSync(path.join('seeds', name), 'utf8'));
}

describe('statedMetadata on the five seed articles', () => {
  const expected: Array<[string, { title: string; outlet: string | null; publishedAt: string | null }]> = [
    [
      // No separate headline: the lead paragraph after "date 2025-04-25" starts the text.
      '000_',
      {
        title: 'Ukraine will not legally recognize any temporarily occupied territories as Russian, and this position is unchanged.',
        outlet: null,
        publishedAt: '2025-04-25',
      },
    ],
    [
      // "20:01 22.10.2024" on the first line, the headline on the third.
      '001_',
      {
        title: 'Zelenskyy: We aren’t discussing possibility of obtaining NATO membership in exchange for occupied territories',
        outlet: null,
        publishedAt: '2024-10-22',
      },
    ],
    [
      // Headline first, then the dateline "Kyiv • UNN"; only "March 11" without a year.
      '002_',
      {
        title: 'Zelenskyy: Recognition of Ukrainian temporarily occupied territories by Russia is a "red line," we will not go for it',
        outlet: 'UNN',
        publishedAt: null,
      },
    ],
    [
      // Navigation ("Today"), a teaser for another story and the weather come before the headline;
      // the site signs its items "This was reported by Zamin.uz.".
      '003_',
      { title: 'Zelensky: Ukraine will not recognize the occupied territories as belonging to Russia', outlet: 'Zamin.uz', publishedAt: null },
    ],
    [
      // Category labels ("- Category", "- Latest news") come before the headline.
      '004_',
      { title: '“We Will Never,” Zelenskyy Responds to Calls to Cede Ukrainian Territory in Peace Talks With Russia', outlet: null, publishedAt: null },
    ],
  ];
  it.each(expected)('reads seed %s', (prefix, metadata) => {
    expect(statedMetadata(seedText(prefix))).toEqual(metadata);
  });
});

describe('statedDate', () => {
  const cases: Array<[string, string | null]> = [
    ['date 2025-04-25 Ukraine', '2025-04-25'],
    ['20:01 22.10.2024', '2024-10-22'],
    ['Published 1.2.2024 at noon', '2024-02-01'],
    ['31.12.1999', '1999-12-31'],
    ['13.13.2024', null],
    ['04/25/2025', null],
    ['March 11', null],
    ['version 12.3.4', null],
    ['', null],
  ];
  it.each(cases)('%j -> %s', (head, date) => {
    expect(statedDate(head)).toBe(date);
  });

  it('prefers an ISO date to a European one', () => {
    expect(statedDate('22.10.2024 updated 2024-10-23')).toBe('2024-10-23');
  });
});

describe('statedOutlet', () => {
  const cases: Array<[string[], string | null]> = [
    [['Kyiv • UNN'], 'UNN'],
    [['Headline here', 'Kyiv · Ukrinform'], 'Ukrinform'],
    [['New York • The Associated Press'], 'The Associated Press'],
    [['- Category'], null],
    [['Prices rose • experts say it will continue for a long while yet'], null],
    [['kyiv • UNN'], null],
    [[], null],
  ];
  it.each(cases)('%j -> %s', (lines, outlet) => {
    expect(statedOutlet(lines)).toBe(outlet);
  });
});

describe('statedTitle edge cases', () => {
  it('returns null for an empty text or one with only short lines', () => {
    expect(statedTitle('')).toBeNull();
    expect(statedTitle('Today\nWorld\n113\n')).toBeNull();
  });

  it('skips a line whose words do not recur in the story (a teaser for another story)', () => {
    const text = [
      'Football club signs famous striker from abroad',
      'Parliament approves the budget for schools',
      'Parliament approved the schools budget on Tuesday after a long debate.',
      'The budget gives schools more money for teachers.',
    ].join('\n');
    expect(statedTitle(text)).toBe('Parliament approves the budget for schools');
  });

  it('falls back to the first sentence of the lead paragraph when there is no headline', () => {
    const text = 'The council voted to close the bridge for repairs. Traffic will be diverted.\nThe bridge repairs start in May, the council said.';
    expect(statedTitle(text)).toBe('The council voted to close the bridge for repairs.');
  });

  it('ignores bullet lines and lines longer than 30 words', () => {
    const long = Array.from({ length: 31 }, (_, i) => `bridge${i}`).join(' ');
    expect(statedTitle(`- Bridge repairs start in May\n${long}\nBridge repairs start in May.`)).toBe('Bridge repairs start in May.');
  });

  it('looks only at the first 15 lines', () => {
    const filler = Array.from({ length: 15 }, () => 'x').join('\n');
    expect(statedTitle(`${filler}\nBridge repairs start again in May\nBridge repairs start again in May, the council said.`)).toBeNull();
  });
});
