/**
 * The two drizzle schemas describe one domain model (issue 17): every table of
 * lib/db/schema.ts has a PostgreSQL twin in lib/db/pg/schema.ts whose selected row type is
 * the same, so one data layer can serve both engines. Checked by the compiler (vitest's
 * expectTypeOf), and at run time that neither schema has a table the other lacks.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PgTable } from 'drizzle-orm/pg-core';
import * as sqlite from '@/lib/db/schema';
import * as pg from '@/lib/db/pg/schema';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

/** Tables the SQLite migrations create in SQL only (not in lib/db/schema.ts). */
const PG_ONLY = ['article_sentences', 'article_search_state'];

describe('the PostgreSQL schema', () => {
  it('has the same row type for every table', () => {
    expectTypeOf<Row<typeof pg.users>>().toEqualTypeOf<Row<typeof sqlite.users>>();
    expectTypeOf<Row<typeof pg.projects>>().toEqualTypeOf<Row<typeof sqlite.projects>>();
    expectTypeOf<Row<typeof pg.memberships>>().toEqualTypeOf<Row<typeof sqlite.memberships>>();
    expectTypeOf<Row<typeof pg.articles>>().toEqualTypeOf<Row<typeof sqlite.articles>>();
    expectTypeOf<Row<typeof pg.articleStats>>().toEqualTypeOf<Row<typeof sqlite.articleStats>>();
    expectTypeOf<Row<typeof pg.queueTallies>>().toEqualTypeOf<Row<typeof sqlite.queueTallies>>();
    expectTypeOf<Row<typeof pg.queueOutletTallies>>().toEqualTypeOf<Row<typeof sqlite.queueOutletTallies>>();
    expectTypeOf<Row<typeof pg.queueArticleTallies>>().toEqualTypeOf<Row<typeof sqlite.queueArticleTallies>>();
    expectTypeOf<Row<typeof pg.speakerTallies>>().toEqualTypeOf<Row<typeof sqlite.speakerTallies>>();
    expectTypeOf<Row<typeof pg.queueReviewedTallies>>().toEqualTypeOf<Row<typeof sqlite.queueReviewedTallies>>();
    expectTypeOf<Row<typeof pg.queueReviewedOutletTallies>>().toEqualTypeOf<Row<typeof sqlite.queueReviewedOutletTallies>>();
    expectTypeOf<Row<typeof pg.queueArticleSizes>>().toEqualTypeOf<Row<typeof sqlite.queueArticleSizes>>();
    expectTypeOf<Row<typeof pg.annotations>>().toEqualTypeOf<Row<typeof sqlite.annotations>>();
    expectTypeOf<Row<typeof pg.links>>().toEqualTypeOf<Row<typeof sqlite.links>>();
    expectTypeOf<Row<typeof pg.reviews>>().toEqualTypeOf<Row<typeof sqlite.reviews>>();
    expectTypeOf<Row<typeof pg.comments>>().toEqualTypeOf<Row<typeof sqlite.comments>>();
    expectTypeOf<Row<typeof pg.verdicts>>().toEqualTypeOf<Row<typeof sqlite.verdicts>>();
    expectTypeOf<Row<typeof pg.events>>().toEqualTypeOf<Row<typeof sqlite.events>>();
    expectTypeOf<Row<typeof pg.apiTokens>>().toEqualTypeOf<Row<typeof sqlite.apiTokens>>();
    expectTypeOf<Row<typeof pg.sessions>>().toEqualTypeOf<Row<typeof sqlite.sessions>>();
    expectTypeOf<Row<typeof pg.loginFailures>>().toEqualTypeOf<Row<typeof sqlite.loginFailures>>();
    expectTypeOf<Row<typeof pg.inboxState>>().toEqualTypeOf<Row<typeof sqlite.inboxState>>();
    expectTypeOf<Row<typeof pg.publishingSettings>>().toEqualTypeOf<Row<typeof sqlite.publishingSettings>>();
    expectTypeOf<Row<typeof pg.boardState>>().toEqualTypeOf<Row<typeof sqlite.boardState>>();
    expectTypeOf<Row<typeof pg.boardDirty>>().toEqualTypeOf<Row<typeof sqlite.boardDirty>>();
    expectTypeOf<Row<typeof pg.boardClusters>>().toEqualTypeOf<Row<typeof sqlite.boardClusters>>();
    expectTypeOf<Row<typeof pg.boardMembers>>().toEqualTypeOf<Row<typeof sqlite.boardMembers>>();
    expectTypeOf<Row<typeof pg.boardLinks>>().toEqualTypeOf<Row<typeof sqlite.boardLinks>>();
    expectTypeOf<Row<typeof pg.boardOutletPairs>>().toEqualTypeOf<Row<typeof sqlite.boardOutletPairs>>();
    expectTypeOf<Row<typeof pg.boardOutlets>>().toEqualTypeOf<Row<typeof sqlite.boardOutlets>>();
    expectTypeOf<Row<typeof pg.agreementArticles>>().toEqualTypeOf<Row<typeof sqlite.agreementArticles>>();
    expectTypeOf<Row<typeof pg.agreementPairs>>().toEqualTypeOf<Row<typeof sqlite.agreementPairs>>();
    expectTypeOf<Row<typeof pg.agreementLinkAuthors>>().toEqualTypeOf<Row<typeof sqlite.agreementLinkAuthors>>();
    expectTypeOf<Row<typeof pg.agreementLinkKeys>>().toEqualTypeOf<Row<typeof sqlite.agreementLinkKeys>>();
    expectTypeOf<Row<typeof pg.agreementLinkPairs>>().toEqualTypeOf<Row<typeof sqlite.agreementLinkPairs>>();
    expectTypeOf<Row<typeof pg.agreementPairTotals>>().toEqualTypeOf<Row<typeof sqlite.agreementPairTotals>>();
    expectTypeOf<Row<typeof pg.agreementAuthors>>().toEqualTypeOf<Row<typeof sqlite.agreementAuthors>>();
    expectTypeOf<Row<typeof pg.articleSources>>().toEqualTypeOf<Row<typeof sqlite.articleSources>>();
    expectTypeOf<Row<typeof pg.articleRevisions>>().toEqualTypeOf<Row<typeof sqlite.articleRevisions>>();
    expectTypeOf<Row<typeof pg.annotationAnchors>>().toEqualTypeOf<Row<typeof sqlite.annotationAnchors>>();
  });

  it('has every table of the SQLite schema and no other but the SQL-only ones', () => {
    const sqliteTables = Object.values(sqlite).filter((v) => is(v, SQLiteTable)).map((t) => getTableName(t as SQLiteTable));
    const pgTables = Object.values(pg).filter((v) => is(v, PgTable)).map((t) => getTableName(t as PgTable));
    expect(pgTables.filter((name) => !PG_ONLY.includes(name)).sort()).toEqual(sqliteTables.sort());
  });
});
