/**
 * The tables the data layer queries, from the schema of the engine this process runs on
 * (lib/db/engine.ts): lib/db/schema.ts on SQLite, lib/db/pg/schema.ts on PostgreSQL. Both
 * describe one domain model with equal row types (tests/db/pgSchemaTypes.test.ts), so each
 * table is typed as its SQLite twin and lib/data writes its queries once. Everything else of
 * lib/db/schema.ts (the domain's enums and row types) is re-exported as is.
 */
import * as sqlite from './schema';
import * as pg from './pg/schema';
import { onPostgres } from './engine';

export * from './schema';

const usePg = onPostgres();
type Shared = keyof typeof sqlite & keyof typeof pg;
function table<K extends Shared>(name: K): (typeof sqlite)[K] {
  return (usePg ? pg[name] : sqlite[name]) as unknown as (typeof sqlite)[K];
}

export const users = table('users');
export const projects = table('projects');
export const memberships = table('memberships');
export const articles = table('articles');
export const articleStats = table('articleStats');
export const queueTallies = table('queueTallies');
export const queueOutletTallies = table('queueOutletTallies');
export const queueArticleTallies = table('queueArticleTallies');
export const queueReviewedTallies = table('queueReviewedTallies');
export const queueReviewedOutletTallies = table('queueReviewedOutletTallies');
export const queueArticleSizes = table('queueArticleSizes');
export const speakerTallies = table('speakerTallies');
export const annotations = table('annotations');
export const links = table('links');
export const reviews = table('reviews');
export const comments = table('comments');
export const verdicts = table('verdicts');
export const events = table('events');
export const apiTokens = table('apiTokens');
export const sessions = table('sessions');
export const loginFailures = table('loginFailures');
export const inboxEntries = table('inboxEntries');
export const inboxState = table('inboxState');
export const publishingSettings = table('publishingSettings');
export const boardState = table('boardState');
export const boardDirty = table('boardDirty');
export const boardClusters = table('boardClusters');
export const boardMembers = table('boardMembers');
export const boardLinks = table('boardLinks');
export const boardOutletPairs = table('boardOutletPairs');
export const boardOutlets = table('boardOutlets');
export const agreementArticles = table('agreementArticles');
export const agreementPairs = table('agreementPairs');
export const agreementLinkAuthors = table('agreementLinkAuthors');
export const agreementLinkKeys = table('agreementLinkKeys');
export const agreementLinkPairs = table('agreementLinkPairs');
export const agreementPairTotals = table('agreementPairTotals');
export const agreementAuthors = table('agreementAuthors');
export const articleSources = table('articleSources');
export const articleRevisions = table('articleRevisions');
export const annotationAnchors = table('annotationAnchors');
