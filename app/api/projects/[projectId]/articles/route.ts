import { NextResponse } from 'next/server';
import { authedRoute, readJson, pathId } from '@/lib/http/api';
import { importArticle, listArticles } from '@/lib/data/articles';

type Params = { projectId: string };

export const GET = authedRoute<Params>(({ actor, params }) => ({
  articles: listArticles({ actor, projectId: pathId(params.projectId, 'Project') }),
}));

export const POST = authedRoute<Params>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const input = await readJson(request);
  return NextResponse.json({ article: importArticle({ actor, projectId, input }) }, { status: 201 });
});
