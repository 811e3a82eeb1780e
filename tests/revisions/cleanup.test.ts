/**
 * Accepting a clean-up: removals chosen in the "Clean up" view are cut from the body
 * (components/revisions/cleanup.ts) and saved as a revision with source "cleanup", which
 * re-anchors every span. The detector itself (lib/import/boilerplate.ts) is another module;
 * `fixtureProposals` stands in for it here with the same shape.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { tag } from '../review/fixtures';
import { importArticle } from '@/lib/data/articles';
import { createRevision, listRevisions, proposeArticleCleanup } from '@/lib/data/revisions';
import { applyRemovals, type CleanupProposal, type Removal } from '@/components/revisions/cleanup';
import { normalizeArticleText } from '@/lib/anchoring/normalize';

const JEDDAH = normalizeArticleText(readFileSync(path.join(__dirname, '../../seeds/003_81d772de5cd714d4.txt'), 'utf8'));

/** A stand-in detector: the weather line, the "Similar news" rail to the end, lines printed twice in a row. */
function fixtureProposals(body: string): CleanupProposal {
  const removals: Removal[] = [];
  const add = (start: number, end: number, reason: string) => removals.push({ start, end, reason, text: body.slice(start, end) });
  const weather = /^\+\d+°\n[^\n]*м\/с[^\n]*$/m.exec(body);
  if (weather) add(weather.index, weather.index + weather[0].length, 'weather');
  const rail = body.indexOf('\nSimilar news\n');
  if (rail !== -1) add(rail + 1, body.length, 'similar news');
  const lines = [...body.matchAll(/^[^\n]+$/gm)];
  for (let k = 1; k < lines.length; k++) {
    const [prev, line] = [lines[k - 1], lines[k]];
    if (line[0] === prev[0] && line.index === prev.index + prev[0].length + 1 && line.index < (rail === -1 ? body.length : rail)) add(line.index, line.index + line[0].length, 'repeated line');
  }
  removals.sort((a, b) => a.start - b.start);
  return { removals, cleaned: applyRemovals(body, removals, new Set(removals.map((_, i) => i))) };
}

describe('applyRemovals', () => {
  const proposal = fixtureProposals(JEDDAH);

  it('cuts whole lines with their line breaks, leaving the article text verbatim', () => {
    expect(proposal.removals.map((r) => r.reason)).toEqual(['weather', 'similar news']);
    expect(proposal.cleaned).not.toContain('пасмурно');
    expect(proposal.cleaned).not.toContain('Similar news');
    expect(proposal.cleaned).toContain('David Trezege joined the leadership of River Plate\nZelensky: Ukraine will not recognize');
    expect(proposal.cleaned.endsWith('Kyiv agreed')).toBe(false);
    expect(JEDDAH.startsWith(proposal.cleaned.slice(0, 20))).toBe(true);
  });

  it('keeps a removal the lead unticks', () => {
    const onlyRail = applyRemovals(JEDDAH, proposal.removals, new Set([1]));
    expect(onlyRail).toContain('пасмурно ветер 2.1 м/с');
    expect(onlyRail).not.toContain('Similar news');
    expect(applyRemovals(JEDDAH, proposal.removals, new Set())).toBe(JEDDAH);
  });

  it('handles a repeated line, emoji and an empty proposal', () => {
    const body = 'Title 🇺🇦\nTitle 🇺🇦\n\nText é.';
    const p = fixtureProposals(body);
    expect(p.removals.map((r) => r.reason)).toEqual(['repeated line']);
    expect(p.cleaned).toBe('Title 🇺🇦\nText é.');
  });
});

describe('accepting a clean-up', () => {
  let lead: Awaited<ReturnType<typeof makeUser>>;
  let reviewer: Awaited<ReturnType<typeof makeUser>>;
  let projectId: number;
  beforeAll(async () => {
    [lead, reviewer] = await Promise.all([makeUser(), makeUser()]);
    projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer']])).id;
  });

  it('saves a cleanup revision: spans in the article kept, spans in the boilerplate orphaned', async () => {
    const article = await importArticle({ actor: lead.actor, projectId, input: { title: 'Jeddah', body: JEDDAH } });
    await tag(article, reviewer.user.id, 'quote', 'We do not recognize any territory occupied by Russia as theirs.');
    await tag(article, reviewer.user.id, 'claim', 'Ukrainian President Vladimir Zelensky reiterated that Kyiv will never recognize');
    await tag(article, reviewer.user.id, 'context', 'Man shot dead during deportation in Minneapolis');
    const { cleaned } = fixtureProposals(JEDDAH);
    const result = await createRevision({ actor: lead.actor, articleId: article.id, input: { body: cleaned, note: 'Clean-up', source: 'cleanup' } });
    expect(result.revision.source).toBe('cleanup');
    expect(result.reanchoring.counts).toEqual({ kept: 2, edited: 0, moved: 0, orphaned: 1 });
    expect((await listRevisions({ actor: reviewer.actor, articleId: article.id })).items.map((r) => r.source)).toEqual(['import', 'cleanup']);
  });
});

describe('proposeArticleCleanup (the "Clean up" page)', () => {
  let lead: Awaited<ReturnType<typeof makeUser>>;
  let reviewer: Awaited<ReturnType<typeof makeUser>>;
  let outsider: Awaited<ReturnType<typeof makeUser>>;
  let projectId: number;
  beforeAll(async () => {
    [lead, reviewer, outsider] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer']])).id;
  });

  it('proposes the seed’s boilerplate to a lead; accepting all but the view count re-anchors', async () => {
    const article = await importArticle({ actor: lead.actor, projectId, input: { title: 'Jeddah', body: JEDDAH } });
    await tag(article, reviewer.user.id, 'quote', 'We do not recognize any territory occupied by Russia as theirs.');
    await tag(article, reviewer.user.id, 'context', 'Man shot dead during deportation in Minneapolis');
    const proposal = await proposeArticleCleanup({ actor: lead.actor, articleId: article.id });
    expect(proposal.revision).toBe(1);
    expect(proposal.body).toBe(JEDDAH);
    expect(proposal.removals.map((r) => r.reason)).toEqual(['weather widget', 'view count', 'related news list']);
    const keep = new Set([0, 2]);
    const cleaned = applyRemovals(proposal.body, proposal.removals, keep);
    expect(cleaned).toContain('\n113\n');
    const result = await createRevision({ actor: lead.actor, articleId: article.id, input: { body: cleaned, source: 'cleanup', note: 'Clean-up: 2 removals' } });
    expect(result.reanchoring.counts).toEqual({ kept: 1, edited: 0, moved: 0, orphaned: 1 });
    // Revision 1 is the import, verbatim; the next proposal is made on revision 2.
    expect((await listRevisions({ actor: lead.actor, articleId: article.id })).items.map((r) => [r.number, r.source, r.sha256 === article.sha256])).toEqual([[1, 'import', true], [2, 'cleanup', false]]);
    expect((await proposeArticleCleanup({ actor: lead.actor, articleId: article.id })).removals.map((r) => r.reason)).toEqual(['view count']);
  });

  it('is refused for a reviewer (403) and an outsider (404)', async () => {
    const article = await importArticle({ actor: lead.actor, projectId, input: { title: 'Jeddah 2', body: `${JEDDAH}\n\n2` } });
    await expect(proposeArticleCleanup({ actor: reviewer.actor, articleId: article.id })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(proposeArticleCleanup({ actor: outsider.actor, articleId: article.id })).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });
});
