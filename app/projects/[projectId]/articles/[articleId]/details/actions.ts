'use server';

import { updateArticleMetadata } from '@/lib/data/articles';
import { field, idField, type FormState } from '@/lib/forms/formState';
import { runAction } from '@/lib/forms/runAction';

/** Leads correct an article's title, outlet, URL, author and published date. */
export async function updateArticleDetailsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const articleId = idField(form, 'articleId');
  const projectId = idField(form, 'projectId');
  const orNull = (name: string) => field(form, name) || null;
  return runAction(
    async (actor) => {
      await updateArticleMetadata({
        actor,
        articleId,
        input: {
          title: field(form, 'title'),
          outlet: orNull('outlet'),
          url: orNull('url'),
          author: orNull('author'),
          publishedAt: orNull('publishedAt'),
        },
      });
      return { message: 'Details saved.' };
    },
    [`/projects/${projectId}`, `/projects/${projectId}/articles/${articleId}`],
  );
}
