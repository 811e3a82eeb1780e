/**
 * Every exported lib/data function is in the authorization matrix, or is named below with why
 * it takes no actor (issue 13, item 8): a function that reads or writes for a caller must take
 * the actor and check first, and the matrix proves it as every kind of caller. Re-exports count
 * once (the same function under another module).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { MATRIX, type DataRow } from './authz-matrix';

const DATA = path.resolve(__dirname, '..', '..', 'lib', 'data');

/** Exported functions that take no actor, each with the reason it needs none. */
const NO_ACTOR: Record<string, string> = {
  'actor.actorId': 'part of the check itself',
  'actor.isSystem': 'part of the check itself',
  'actor.loadUser': 'part of the check itself',
  'actor.projectAccess': 'the check itself',
  'actor.requireAdmin': 'part of the check itself',
  'agreement.articlePairs': 'pure: the cached counts of one article from spans a checked reader already read',
  'annotations.parseAttributes': 'pure validation of attributes (the API and unsigned imports)',
  'annotationViews.readableArticle': 'the check for an article (takes the actor, returns the access)',
  'annotationViews.toView': 'pure shaping of a row already read',
  'annotationViews.toViews': 'shaping of rows a checked reader already read',
  'annotationViews.currentCursor': 'an event id, no project data',
  'articleList.parseArticleQuery': 'pure: checks the parameters of the articles list',
  'articleList.articlePageQuery': 'builds SQL for listArticlesPage, which checks first',
  'linkViews.linkPageQuery': 'builds SQL for pageLinksForProject, which checks first',
  'articleList.articleCountQuery': 'builds SQL for listArticlesPage, which checks first',
  'history.historyScope': 'takes the actor and checks first; the shared start of historyOf and historyPage',
  'history.historyQuery': 'builds SQL for historyOf and historyPage, which check first',
  'articles.insertArticle': "runs inside the caller's checked transaction (importArticle, importBatch)",
  'events.recordEvent': "writes the audit row inside the caller's checked transaction",
  'events.eventsForEntity': "reads inside the caller's checked transaction",
  'eventsAcrossInstances.listenForOtherInstances': "server start: hears other instances' new events (PostgreSQL NOTIFY); live streams check each reader before sending",
  'openDatabase.openDatabase': 'server and CLI start: opens and migrates the database before anything is served; no project data',
  'openDatabase.openFailureLine': 'pure: the one line a failed start prints',
  'exportRecords.annotationFilterSql': 'builds SQL for exportProject, which checks first',
  'exportRecords.linkFilterSql': 'builds SQL for exportProject, which checks first',
  'exportRecords.exportStatements': 'statements for exportProject, which checks first',
  'exportRecords.readArticles': 'reads for exportProject, which checks first',
  'exportRecords.readNativeLines': 'reads for exportProject (native JSONL), which checks first',
  'exports.openSnapshot': 'opens a read-only snapshot for exportProject and the CLI',
  'imports.articlesAsFile': 'pure: turns JSON articles into an import file',
  'revisions.reviseByUrl': "runs inside the checked transaction of importBatch, importWebPage and importOneArticle",
  'revisions.revisedEntry': 'pure shaping of a revision just made',
  'revisionApply.applyRevision': "runs inside the caller's checked transaction (createRevision, reviseByUrl)",
  'revisionApply.articleAtUrls': "reads inside the caller's checked transaction (reviseByUrl)",
  'revisionQueue.contextWindow': 'pure: the stretch of text shown around a span',
  'revisionApply.urlForms': 'pure: the address forms a re-import compares',
  'revisionApply.revisionMeta': 'pure shaping of a row a checked reader already read',
  'keyset.after': 'pure: builds the WHERE of a keyset page for a checked list query',
  'keyset.orderBy': 'pure: builds the ORDER BY of a keyset page',
  'articleArchive.inLiveArticle': 'builds SQL: the archived filter of list queries that check first',
  'articleArchive.annotationIdNotArchived': 'builds SQL: the archived filter of list queries that check first',
  'articleArchive.linkIdNotArchived': 'builds SQL: the archived filter of list queries that check first',
  'articleArchive.archivedConflict': 'pure: the 409 a checked write throws in an archived article',
  'articleArchive.refuseArchived': "runs inside the caller's checked transaction, after its access check",
  'articleArchive.targetArticleIds': "reads inside the caller's checked transaction",
  'boardClusters.ensureBoard': 'rebuilds the board tables for claimBoard, which checks first',
  'boardClusters.boardBuilt': 'waits for a background board build; returns nothing',
  'boardClusters.outletOf': 'pure: the short name of an article for the board',
  'claimBoard.boardFilters': 'pure: reads the sort and filters of a board query',
  'linkDisagreements.findDisagreements': 'pure',
  'linkDisagreements.pairKey': 'pure',
  'linkSentence.insertSentenceAnnotation': 'takes the actor; runs inside createLinkToSentence after its check',
  'linkViews.linkViewsForAnnotations': 'reads for callers that checked access to these annotations',
  'links.liveAnnotation': 'loads a row before the check, which answers 404 alike',
  'nativeImport.importNative': "runs inside importBatch's checked transaction",
  'exportRecords.toReview': 'pure shaping of a row exportProject or the W3C container already read',
  'exportRecords.toVerdict': 'pure shaping of a row exportProject or the W3C container already read',
  'exportRecords.toAnnotation': 'pure shaping of a row exportProject or the W3C container already read',
  'exportRecords.toLinkFields': 'pure shaping of a row exportProject or the W3C container already read',
  'publishing.fillPattern': 'pure: fills a fact-check URL pattern',
  'publishing.requirePublishingSettings': 'reads for exportProject, which checks first',
  'w3cItems.memberFrom': 'builds SQL for the W3C container reads, which check first',
  'w3cItems.loadItems': 'reads for readW3cItem and readW3cPage, which check first',
  'sentenceIndex.scheduleSentenceIndex': 'indexes stored articles in the background; returns nothing to anyone',
  'sentenceIndex.indexStaleArticlesInBackground': 'server start: indexes what an earlier process left; returns nothing',
  'sentenceIndex.sentenceIndexIdle': 'waits for background indexing; returns nothing',
  'sentenceIndex.sentenceIndexReady': 'a yes/no for suggestions(), which checks first',
  'statementSearch.rareTerms': 'document counts of query terms for suggestions(), which checks first; no project data',
  'statementSearch.searchStatements': 'search for suggestions(), which checks first and scopes it by project',
  'statementSearch.statementsOfArticles': 'statements for suggestions(), which checks first',
  'linkSuggestions.similarStatements': 'the similarity search of suggestions(), which checks first',
  'pgStatementSearch.pgRareTerms': "PostgreSQL's rareTerms: document counts of query terms; no project data",
  'pgStatementSearch.pgSearchStatements': "PostgreSQL's searchStatements, scoped by project; for the converted suggestions(), which will check first (only tests call it today)",
  'pgStatementSearch.pgSimilarStatements': "PostgreSQL's similarStatements, scoped by project; for the converted suggestions(), which will check first (only tests call it today)",
  'pgStatementSearch.pgStatementsOfArticles': "PostgreSQL's statementsOfArticles; for the converted suggestions(), which will check first (only tests call it today)",
  'pgStatementSearch.pgSuggestedStatements': "the statements of suggestions() on PostgreSQL, without its access check, which the converted suggestions() will make first (only tests call it today)",
  'projects.memberProjectIds': 'scopes queries to the projects a user belongs to',
  'projects.resolveProjectId': 'names to ids only; the caller checks access next',
  'projects.slugify': 'pure',
  'reviewQueue.spanInContext': 'pure',
  'reviewQueue.groupByArticle': 'pure: groups items a checked reader already read',
  'reviewQueueCounts.parseQueueFilters': 'pure validation of the queue filters',
  'reviewQueueCounts.queueCounts': 'counts for reviewQueue and disputedItems, which check first',
  'reviewTargets.liveReviews': "reads inside the caller's checked transaction",
  'reviewTargets.loadTarget': 'loads a row before the check, which answers 404 alike',
  'reviewTargets.recomputeStatus': "writes inside the caller's checked transaction",
  'reviewTargets.reviewOf': 'pure SQL condition',
  'reviewTargets.targetKeys': 'pure',
  'reviewTargets.targetName': 'pure',
  'reviewTargets.reopenForVersion': "writes inside the caller's checked transaction (updateAnnotation)",
  'signin.activeSessionUser': 'authentication: there is no actor yet',
  'signin.sessionCookieUser': 'authentication: there is no actor yet',
  'signin.accountDelayMs': 'authentication: there is no actor yet',
  'signin.signInRetryAfterSeconds': 'authentication: there is no actor yet',
  'sessions.startSession': 'authentication: called by sign-in for the user just verified',
  'sessions.endSession': 'authentication: sign-out of the session named by its own cookie',
  'sessions.isSessionLive': 'authentication: there is no actor yet',
  'signin.isSignInThrottled': 'authentication: there is no actor yet',
  'signin.verifyCredentials': 'authentication: there is no actor yet',
  'tokens.userIdForToken': 'authentication: there is no actor yet',
  'annotations.annotationPageScope': 'pure: names the cursor scope of an article\'s annotation pages',
  'annotationViews.annotationPageScope': 'pure: names the cursor scope of an article\'s annotation pages',
  'users.countUsers': 'first-run setup: whether any account exists',
  'users.toPublicUser': 'pure',
  'verdicts.finalVerdictsOf': 'reads for callers that checked access to these claims',
};

test('every exported lib/data function is in the matrix or has a reason to take no actor', async () => {
  const modules = fs.readdirSync(DATA).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
  const loaded = new Map<string, Record<string, unknown>>();
  for (const m of modules) loaded.set(m, (await import(/* @vite-ignore */ path.join(DATA, `${m}.ts`))) as Record<string, unknown>);
  const covered = new Set(
    MATRIX.filter((r): r is DataRow => r.kind === 'data').map((r) => loaded.get(r.module)?.[r.fn]).filter((f) => typeof f === 'function'),
  );
  const exempt = new Set(Object.keys(NO_ACTOR).map((key) => {
    const [m, fn] = key.split('.');
    return loaded.get(m)?.[fn];
  }));
  const uncovered: string[] = [];
  for (const [m, exports] of loaded) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
      if (!covered.has(value) && !exempt.has(value)) uncovered.push(`${m}.${name}`);
    }
  }
  expect(uncovered, 'add a row to tests/security/authz-matrix.ts (or a reason here)').toEqual([]);
});
