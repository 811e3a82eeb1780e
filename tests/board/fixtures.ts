/**
 * A small desk for the board tests: articles from several outlets (real wording, non-ASCII and
 * an emoji), statements inserted straight into annotations, links made through lib/data.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { sqlExec } from '@/lib/db/query';
import { createLink } from '@/lib/data/links';
import { reviewLink } from '@/lib/data/reviews';
import type { Actor } from '@/lib/data/actor';
import type { Label, Relation } from '@/lib/db/tables';
import { annotate, makeArticle } from '../links/fixtures';

export const TEXTS: Record<string, string> = {
  'Kyiv Independent': 'President Volodymyr Zelenskyy said Ukraine will not legally recognize any occupied territories. The statement came after talks in Geneva.',
  UNN: 'Kyiv • UNN. Zelenskyy: Ukraine will never recognize the occupied territories as Russian. Negotiators met on Tuesday.',
  'Zamin.uz': 'Зеленский заявил, что Украина никогда не признает оккупированные территории. Переговоры продолжатся 🇺🇦.',
  Reuters: 'Officials in Kyiv hinted the occupied territories could be recognized in a deal. Nobody confirmed it.',
  Meduza: 'A Kremlin spokesman said the territories are already Russian. Prices rose by 12 % in Crimea.',
};

export interface Desk {
  articles: Record<string, number>;
  /** statement(outlet, words, label) annotates the first occurrence of `words` in that outlet's article. */
  statement: (outlet: string, words: string, label?: Label) => Promise<number>;
}

export async function makeDesk(projectId: number, authorId: number): Promise<Desk> {
  const articles: Record<string, number> = {};
  for (const [outlet, body] of Object.entries(TEXTS)) articles[outlet] = (await makeArticle(projectId, body, outlet)).id;
  return { articles, statement: async (outlet, words, label = 'claim') => (await annotate(articles[outlet], authorId, words, label)).id };
}

export async function link(actor: Actor, a: number, b: number, relation: Relation = 'corroborates'): Promise<number> {
  const row = await createLink({ actor, input: { fromAnnotationId: a, toAnnotationId: b, relation } });
  return row.id;
}

export async function reject(actor: Actor, linkId: number): Promise<void> {
  await reviewLink({ actor, id: linkId, input: { decision: 'reject', reason: 'Wrong target: another statement.' } });
}

/** Makes the next read of the project's board build it from scratch (as an article deleted does). */
export async function staleBoard(projectId: number): Promise<void> {
  await sqlExec(getDb(), sql`update board_state set generation = generation + 1 where project_id = ${projectId}`);
}
