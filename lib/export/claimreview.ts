/**
 * schema.org ClaimReview export, ready for search engines' fact-check markup: a zip with
 * `claim-reviews.json` (a JSON array, one ClaimReview per publishable claim) and
 * `manifest.json` (publisher, rating scale, counts and, per claim that cannot be published,
 * what it is missing). A claim is published only when reviewers accepted it and a lead gave
 * it a final verdict, and when everything the markup needs is known: the public fact-check
 * URL (the project's pattern), who made the claim (the speaker of a quote covering it, else
 * the outlet), when (the article's date) and where (the article URL, percent-encoded).
 */
import { Zip, ZipDeflate } from 'fflate';
import type { Verdict } from '../domain';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext, type PublishingSettings } from './types';
import { runSink, type Sink } from './sink';

/** Our verdicts on schema.org's numeric scale (worst 1, best 5); "unverifiable" has no number. */
export const RATING_SCALE: Record<Verdict, { value: number | null; name: string }> = {
  true: { value: 5, name: 'True' },
  'mostly-true': { value: 4, name: 'Mostly true' },
  mixed: { value: 3, name: 'Mixed' },
  misleading: { value: 2, name: 'Misleading' },
  false: { value: 1, name: 'False' },
  unverifiable: { value: null, name: 'Unverifiable' },
};

type Party = { '@type': 'Person' | 'Organization'; name: string };

interface Rating {
  '@type': 'Rating';
  alternateName: string;
  name: string;
  bestRating: number;
  worstRating: number;
  ratingValue?: number;
}

/** One ClaimReview as emitted: the fields Google's fact-check markup requires or recommends. */
export interface ClaimReviewDocument {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  author: { '@type': 'Organization'; name: string; url: string; logo?: { '@type': 'ImageObject'; url: string } };
  reviewRating: Rating;
  reviewBody?: string;
  itemReviewed: {
    '@type': 'Claim';
    author: Party;
    datePublished: string;
    appearance: { '@type': 'CreativeWork'; url: string; headline?: string; publisher?: { '@type': 'Organization'; name: string } };
  };
}

/** A claim that cannot be published yet, and why, for the manifest and the export page. */
export interface Unpublishable {
  claimId: number;
  articleId: number;
  claim: string;
  missing: string[];
}

/** The public URL of one claim's fact-check (its own, else the pattern), percent-encoded; null when invalid. */
function factCheckUrl(settings: PublishingSettings, ctx: ExportContext, article: ExportArticle, claim: ExportAnnotation): string | null {
  const own = settings.claimUrls[String(claim.id)];
  if (own) return URL.canParse(own) ? new URL(own).href : null;
  const filled = settings.factCheckUrlPattern
    .replaceAll('{claimId}', String(claim.id))
    .replaceAll('{articleId}', String(article.id))
    .replaceAll('{project}', encodeURIComponent(ctx.project.slug));
  return URL.canParse(filled) ? new URL(filled).href : null;
}

/** Who made the claim: the speaker of a quote in the article that covers it, else the outlet. */
export function claimAuthor(article: ExportArticle, claim: ExportAnnotation): Party | null {
  const own = claim.attributes.speaker;
  if (typeof own === 'string' && own.trim()) return { '@type': 'Person', name: own.trim() };
  const covering = article.annotations.find((q) => q.label === 'quote' && q.start <= claim.start && q.end >= claim.end && typeof q.attributes.speaker === 'string' && q.attributes.speaker.trim());
  if (covering) return { '@type': 'Person', name: String(covering.attributes.speaker).trim() };
  return article.outlet ? { '@type': 'Organization', name: article.outlet } : null;
}

const articleUrl = (article: ExportArticle) => (article.url && URL.canParse(article.url) ? new URL(article.url).href : null);

/** What keeps a claim from being published (empty: publishable). */
export function missingForPublication(ctx: ExportContext, settings: PublishingSettings, article: ExportArticle, claim: ExportAnnotation): string[] {
  const missing: string[] = [];
  if (claim.status !== 'accepted') missing.push(`reviewers have not accepted it (status: ${claim.status})`);
  if (!finalVerdict(claim)) missing.push('no final verdict (a lead gives it)');
  if (!article.url) missing.push('the article has no URL (where the claim appeared)');
  else if (!articleUrl(article)) missing.push(`the article URL is not a valid address: ${article.url}`);
  if (!article.publishedAt) missing.push('the article has no publication date (when the claim was made)');
  if (!claimAuthor(article, claim)) missing.push('nobody to credit with the claim: no quote with a speaker covers it and the article has no outlet');
  if (!factCheckUrl(settings, ctx, article, claim)) missing.push('the fact-check URL pattern does not make a valid address for it');
  return missing;
}

function rating(verdict: Verdict): Rating {
  const { value, name } = RATING_SCALE[verdict];
  const base: Rating = { '@type': 'Rating', alternateName: name, name, bestRating: 5, worstRating: 1 };
  return value === null ? base : { ...base, ratingValue: value };
}

function publisher(settings: PublishingSettings): ClaimReviewDocument['author'] {
  const org: ClaimReviewDocument['author'] = { '@type': 'Organization', name: settings.organizationName, url: new URL(settings.organizationUrl).href };
  if (settings.logoUrl) org.logo = { '@type': 'ImageObject', url: new URL(settings.logoUrl).href };
  return org;
}

/** The ClaimReview of a publishable claim (check missingForPublication first). */
export function claimReview(ctx: ExportContext, settings: PublishingSettings, article: ExportArticle, claim: ExportAnnotation): ClaimReviewDocument {
  const verdict = finalVerdict(claim)!;
  const appearance: ClaimReviewDocument['itemReviewed']['appearance'] = { '@type': 'CreativeWork', url: articleUrl(article)! };
  if (article.title) appearance.headline = article.title;
  if (article.outlet) appearance.publisher = { '@type': 'Organization', name: article.outlet };
  const review: ClaimReviewDocument = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: factCheckUrl(settings, ctx, article, claim)!,
    claimReviewed: claim.exact,
    datePublished: verdict.createdAt.slice(0, 10),
    author: publisher(settings),
    reviewRating: rating(verdict.verdict),
    itemReviewed: { '@type': 'Claim', author: claimAuthor(article, claim)!, datePublished: article.publishedAt!, appearance },
  };
  if (verdict.rationale) review.reviewBody = verdict.rationale;
  return review;
}

function manifest(ctx: ExportContext, settings: PublishingSettings, published: number, unpublishable: Unpublishable[]) {
  return {
    format: 'claimreview',
    generatedAt: ctx.generatedAt,
    project: ctx.project,
    filters: ctx.filters,
    publisher: publisher(settings),
    factCheckUrlPattern: settings.factCheckUrlPattern,
    ratingScale: { worstRating: 1, bestRating: 5, verdicts: RATING_SCALE },
    counts: { claims: published + unpublishable.length, published, unpublishable: unpublishable.length },
    unpublishable,
  };
}

/** The ClaimReview zip: the reviews as they are built, the manifest at the end. */
export function claimReviewSink(ctx: ExportContext): Sink<ExportArticle> {
  const settings = ctx.publishing;
  if (!settings) throw new Error('ClaimReview export without publishing settings (lib/data/exports.ts checks them first)');
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const drain = () => out.splice(0, out.length);
  const encoder = new TextEncoder();
  const dir = `${ctx.project.slug}-claimreview`;
  const reviews = new ZipDeflate(`${dir}/claim-reviews.json`, { level: 6 });
  const unpublishable: Unpublishable[] = [];
  let published = 0;
  return {
    start() {
      zip.add(reviews);
      return [];
    },
    write(article) {
      for (const claim of article.annotations) {
        if (claim.label !== 'claim') continue;
        const missing = missingForPublication(ctx, settings, article, claim);
        if (missing.length) {
          unpublishable.push({ claimId: claim.id, articleId: article.id, claim: claim.exact, missing });
          continue;
        }
        reviews.push(encoder.encode((published ? ',\n' : '[\n') + JSON.stringify(claimReview(ctx, settings, article, claim))));
        published++;
      }
      return drain();
    },
    end() {
      reviews.push(encoder.encode(published ? '\n]\n' : '[]\n'), true);
      const manifestFile = new ZipDeflate(`${dir}/manifest.json`, { level: 6 });
      zip.add(manifestFile);
      manifestFile.push(encoder.encode(JSON.stringify(manifest(ctx, settings, published, unpublishable), null, 2) + '\n'), true);
      zip.end();
      return drain();
    },
  };
}

/** Streams the ClaimReview zip (see claimReviewSink). */
export function serializeClaimReview(ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<Uint8Array> {
  return runSink(() => claimReviewSink(ctx), articles) as Generator<Uint8Array>;
}
