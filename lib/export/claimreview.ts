/**
 * schema.org ClaimReview JSON-LD: a JSON array with one ClaimReview per exported claim that
 * has a final verdict. The rating maps the six verdicts onto a 1-5 scale (true = 5,
 * false = 1) with the verdict's name as alternateName; "unverifiable" has no numeric value.
 */
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext, type ExportVerdict } from './types';
import type { Verdict } from '../domain';

const RATING: Record<Verdict, { value: number | null; name: string }> = {
  true: { value: 5, name: 'True' },
  'mostly-true': { value: 4, name: 'Mostly true' },
  mixed: { value: 3, name: 'Mixed' },
  misleading: { value: 2, name: 'Misleading' },
  false: { value: 1, name: 'False' },
  unverifiable: { value: null, name: 'Unverifiable' },
};

function rating(verdict: Verdict) {
  const { value, name } = RATING[verdict];
  const base = { '@type': 'Rating', alternateName: name, bestRating: 5, worstRating: 1 };
  return value === null ? base : { ...base, ratingValue: value };
}

function appearance(article: ExportArticle) {
  const work: Record<string, unknown> = { '@type': 'NewsArticle', headline: article.title || undefined };
  if (article.url) work.url = article.url;
  if (article.outlet) work.publisher = { '@type': 'Organization', name: article.outlet };
  if (article.author) work.author = { '@type': 'Person', name: article.author };
  if (article.publishedAt) work.datePublished = article.publishedAt;
  return work;
}

/** The ClaimReview object of one claim and its final verdict. */
export function claimReview(ctx: ExportContext, article: ExportArticle, claim: ExportAnnotation, verdict: ExportVerdict) {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const claimed: Record<string, unknown> = { '@type': 'Claim', appearance: appearance(article) };
  if (typeof claim.attributes.speaker === 'string' && claim.attributes.speaker) {
    claimed.author = { '@type': 'Person', name: claim.attributes.speaker };
  }
  const review: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    '@id': `${base}/api/annotations/${claim.id}#claim-review`,
    url: `${base}/projects/${ctx.project.id}/articles/${article.id}#annotation-${claim.id}`,
    claimReviewed: claim.exact,
    datePublished: verdict.createdAt.slice(0, 10),
    author: { '@type': 'Person', name: verdict.author.name },
    reviewRating: rating(verdict.verdict),
    itemReviewed: claimed,
  };
  if (verdict.rationale) review.reviewBody = verdict.rationale;
  return review;
}

/** Streams the ClaimReview export as one JSON array. */
export function* serializeClaimReview(ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  yield '[';
  let first = true;
  for (const article of articles) {
    for (const a of article.annotations) {
      const verdict = a.label === 'claim' ? finalVerdict(a) : null;
      if (!verdict) continue;
      yield (first ? '\n' : ',\n') + JSON.stringify(claimReview(ctx, article, a, verdict));
      first = false;
    }
  }
  yield '\n]\n';
}
