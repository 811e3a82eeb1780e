/**
 * The editor's speaker suggestions come from speaker_tallies, which triggers keep per project
 * and speaker. After every kind of write the list equals what a fresh GROUP BY over the live
 * quotes gives (most used first, then by name), and reading it never walks the annotations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { jsonText } from '@/lib/db/dialect';
import { onPostgres } from '@/lib/db/engine';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation, deleteAnnotation, listSpeakers, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { appError, makeProject, makeUser } from '../helpers';
import { capturePlans, expectNoFullScans } from '../scale/plan';
import { column, run, value } from '../scale/rawSql';

const BODY = 'Україна ніколи не визнає окуповані території російськими, заявив Зеленський 🇺🇦. Kyiv ne reconnaîtra jamais les territoires occupés. ';

type Who = Awaited<ReturnType<typeof makeUser>>;
let olena: Who, outsider: Who;
let projectId: number, otherProjectId: number, articleId: number, otherArticleId: number;

/** What the suggestions stand for: live annotations' speakers of the project, most used first. */
async function recounted(project: number): Promise<string[]> {
  const speaker = jsonText(sql`attributes`, 'speaker');
  return await column<string>(sql`select ${speaker} as s from annotations where project_id = ${project} and deleted_at is null and coalesce(${speaker}, '') <> ''
      group by 1 order by count(*) desc, 1 limit 200`);
}

async function quote(speaker: string | null, start: number, article = articleId, who = olena) {
  const attributes = speaker === null ? {} : { speaker };
  return createAnnotation({ actor: who.actor, articleId: article, input: { label: 'quote', start, end: start + 8, attributes } });
}

beforeAll(async () => {
  [olena, outsider] = await Promise.all(['Olena Kovalenko', 'Outsider'].map((name) => makeUser({ name })));
  projectId = (await makeProject([[olena.user.id, 'reviewer']])).id;
  otherProjectId = (await makeProject([[olena.user.id, 'reviewer']])).id;
  articleId = (await importArticle({ actor: SYSTEM, projectId, input: { title: 'Заява', body: BODY.repeat(6) } })).id;
  otherArticleId = (await importArticle({ actor: SYSTEM, projectId: otherProjectId, input: { title: 'Other desk', body: BODY.repeat(2) } })).id;
});

describe('speaker suggestions', () => {
  it('equal a fresh count after creates, edits, label changes, deletes and restores', async () => {
    const zelensky = await quote('Володимир Зеленський', 0);
    await quote('Володимир Зеленський', 10);
    const macron = await quote('Emmanuel Macron 🇫🇷', 20);
    await quote(null, 30);
    await quote('Dilshod Ёқубов', 0, otherArticleId);
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(['Володимир Зеленський', 'Emmanuel Macron 🇫🇷']);
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(await recounted(projectId));
    expect(await listSpeakers({ actor: olena.actor, projectId: otherProjectId })).toEqual(['Dilshod Ёқубов']);

    // A new speaker on an edit moves one count; the same speaker twice ties by name.
    await updateAnnotation({ actor: olena.actor, annotationId: zelensky.id, ifMatch: zelensky.version, input: { attributes: { speaker: 'Emmanuel Macron 🇫🇷' } } });
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(['Emmanuel Macron 🇫🇷', 'Володимир Зеленський']);
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(await recounted(projectId));

    // A quote turned into a claim loses its speaker (claims carry a verdict only).
    const edited = await updateAnnotation({ actor: olena.actor, annotationId: macron.id, ifMatch: macron.version, input: { label: 'claim' } });
    expect(edited.attributes.speaker).toBeUndefined();
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(await recounted(projectId));

    // Deleted quotes leave the list once their last use goes, and come back when restored.
    const only = await quote('Kaja Kallas', 40);
    expect(await listSpeakers({ actor: olena.actor, projectId })).toContain('Kaja Kallas');
    await deleteAnnotation({ actor: olena.actor, annotationId: only.id });
    expect(await listSpeakers({ actor: olena.actor, projectId })).not.toContain('Kaja Kallas');
    expect(Number(await value(sql`select count(*) as n from speaker_tallies where n <= 0`))).toBe(0);
    await restoreAnnotation({ actor: olena.actor, annotationId: only.id });
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(await recounted(projectId));

    // Writes no data function makes today: a hard delete and a raw attribute change.
    await run(sql`delete from annotations where id = ${only.id}`);
    const renamed = onPostgres() ? sql`jsonb_set(attributes, '{speaker}', to_jsonb(${'Ursula von der Leyen'}::text))` : sql`json_set(attributes, '$.speaker', ${'Ursula von der Leyen'})`;
    await run(sql`update annotations set attributes = ${renamed} where id = ${zelensky.id}`);
    expect(await listSpeakers({ actor: olena.actor, projectId })).toEqual(await recounted(projectId));
    expect(await listSpeakers({ actor: olena.actor, projectId: otherProjectId })).toEqual(await recounted(otherProjectId));
  });

  it('are read without walking the annotations, and only by members', async () => {
    const plans = await capturePlans(async () => await listSpeakers({ actor: olena.actor, projectId }));
    expect(plans.some((sql) => sql.includes('speaker_tallies'))).toBe(true);
    expect(plans.some((sql) => /from "annotations"/.test(sql))).toBe(false);
    await expectNoFullScans(plans);
    expect((await appError(async () => await listSpeakers({ actor: outsider.actor, projectId }))).status).toBe(404);
  });
});
