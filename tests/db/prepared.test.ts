/**
 * Prepared hot statements (lib/db/prepared.ts) must behave exactly like the queries they
 * replace: the right rows after the database is closed and reopened, timestamps and JSON
 * columns encoded the same way, and NULL (not the text 'null') where an event has no before.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlAll, sqlFirst } from '@/lib/db/query';
import { createAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { importArticle } from '@/lib/data/articles';
import { projectAccess, SYSTEM } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';

const BODY = 'Zelenskyy said: «No territory will be ceded» 🇺🇦. Критики не согласны. 他说不会让步。';

describe('prepared statements', () => {
  it('survive closing and reopening the database (prepared again on the new connection)', async () => {
    const { user, actor } = await makeUser();
    const project = await makeProject([[user.id, 'reviewer']]);
    expect((await projectAccess(getDb(), actor, project.id, 'annotation.create')).role).toBe('reviewer');
    await closeDb();
    expect((await projectAccess(getDb(), actor, project.id, 'annotation.create')).role).toBe('reviewer');
    const other = await makeProject([]);
    await expect(projectAccess(getDb(), actor, other.id, 'project.read')).rejects.toThrow(/not found/i);
  });

  it('store an annotation, its edit and their events like the unprepared queries did', async () => {
    const { user, actor } = await makeUser({ name: 'Ольга 🌻' });
    const project = await makeProject([[user.id, 'reviewer']]);
    const article = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Mixed scripts', body: BODY } });
    const start = BODY.indexOf('Критики');
    const created = await createAnnotation({ actor, articleId: article.id, input: { label: 'quote', start, end: start + 'Критики не согласны'.length, attributes: { speaker: 'Критики' } } });
    expect(created).toMatchObject({ authorName: 'Ольга 🌻', exact: 'Критики не согласны', attributes: { speaker: 'Критики' }, version: 1, links: [] });
    // The flag emoji before the span is two code points in four UTF-16 units.
    expect(created.startCodePoint).toBe([...BODY.slice(0, start)].length);
    const edited = await updateAnnotation({ actor, annotationId: created.id, ifMatch: 1, input: { note: 'needs a source 📎' } });
    expect(edited).toMatchObject({ note: 'needs a source 📎', version: 2, attributes: { speaker: 'Критики' } });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    // Stored as the engine stores them: JSON (text on SQLite, jsonb on PostgreSQL) and a time in ms or a timestamptz.
    const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
    const typeOf = onPostgres() ? sql`pg_typeof(updated_at)::text` : sql`typeof(updated_at)`;
    const stored = (await sqlFirst<{ attributes: unknown; t: string }>(getDb(), sql`select attributes, ${typeOf} as t from annotations where id = ${created.id}`))!;
    expect(json(stored.attributes)).toEqual({ speaker: 'Критики' });
    expect(stored.t).toBe(onPostgres() ? 'timestamp with time zone' : 'integer');
    const events = await sqlAll<{ action: string; before: unknown; after: unknown }>(getDb(), sql`select action, before, after from events where entity_type = 'annotation' and entity_id = ${created.id} order by id`);
    expect(events.map((e) => e.action)).toEqual(['annotation.create', 'annotation.update']);
    expect(events[0].before).toBeNull();
    expect(json(events[0].after)).toMatchObject({ id: created.id, exact: 'Критики не согласны' });
    expect(json(events[1].before)).toMatchObject({ version: 1, note: '' });
  });
});

